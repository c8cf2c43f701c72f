// The timeline driven through its real widgets, offscreen, on a temporary SQLite file: the
// state shown at every version is the state the order's aggregate replays to, the keyboard
// steps through the history, and a 10,000-event order opens and jumps without reading it all.
#include "DeskConnection.h"
#include "EventText.h"
#include "GuiTestMain.h"
#include "MainWindow.h"
#include "OrderStateView.h"
#include "TestSupport.h"
#include "TimelineModel.h"
#include "TimelineWidget.h"
#include "es/Sha256.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPrintDialog>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

using namespace ot;
using namespace ot::test;

namespace {

const QString Scripted = QStringLiteral("ORD-000001");
const QString Long = QStringLiteral("ORD-LONG");
constexpr int LongEvents = 10'000;

QJsonObject item(const QString &product, const QString &name, int quantity, const QString &price) {
    return {{QStringLiteral("productId"), product},
            {QStringLiteral("name"), name},
            {QStringLiteral("quantity"), quantity},
            {QStringLiteral("price"), price}};
}

} // namespace

class TestTimeline : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    DatabaseUrl m_url;
    std::unique_ptr<OrderService> m_service;
    QList<DomainEvent> m_history; // of the scripted order

    // A timeline on its own desk connection, shown and active, with `orderId` loaded.
    struct Desk {
        std::unique_ptr<DeskConnection> connection;
        std::unique_ptr<TimelineWidget> timeline;
    };
    Desk openTimeline(const QString &orderId, std::optional<qint64> version = std::nullopt) {
        Desk desk;
        desk.connection = std::make_unique<DeskConnection>(m_url);
        desk.timeline = std::make_unique<TimelineWidget>(*desk.connection);
        desk.timeline->resize(1100, 700);
        desk.timeline->show();
        desk.timeline->activateWindow();
        if (!QTest::qWaitForWindowActive(desk.timeline.get()))
            return {};
        desk.timeline->showOrder(orderId, version);
        return desk;
    }

    // Waits until the state at `version` is on screen.
    static bool waitForState(TimelineWidget &timeline, qint64 version) {
        return QTest::qWaitFor([&] { return timeline.stateView()->version() == version; }, 10000);
    }

    // The order at `version` replayed here, from the events, into a fresh aggregate.
    std::unique_ptr<OrderAggregate> replayed(qint64 version) const {
        auto order = std::make_unique<OrderAggregate>(Scripted);
        order->loadFromHistory(m_history.mid(0, version));
        return order;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_url = DatabaseUrl::sqlite(m_dir.filePath(QStringLiteral("timeline.sqlite")));
        static ManualClock clock;
        static SequentialIds ids;
        auto opened = OrderService::open(m_url, OpenMode::CreateIfMissing, {&clock, &ids});
        OT_REQUIRE(opened);
        m_service = std::move(opened.value());

        // A scripted order over several days, by two people.
        const QList<std::pair<QString, QJsonObject>> script{
            {QStringLiteral("CreateOrder"),
             {{QStringLiteral("customerId"), QStringLiteral("CUST-ACME")}}},
            {QStringLiteral("AddItem"),
             item(QStringLiteral("SKU-1"), QStringLiteral("Mug"), 3, QStringLiteral("9.99"))},
            {QStringLiteral("AddItem"),
             item(QStringLiteral("SKU-2"), QStringLiteral("Teapot"), 1, QStringLiteral("24.50"))},
            {QStringLiteral("RemoveItem"),
             {{QStringLiteral("productId"), QStringLiteral("SKU-1")}}},
            {QStringLiteral("AddItem"),
             item(QStringLiteral("SKU-3"), QStringLiteral("Saucer, \"blue\""), 4,
                  QStringLiteral("2.25"))},
            {QStringLiteral("ChangeItemQuantity"),
             {{QStringLiteral("productId"), QStringLiteral("SKU-3")},
              {QStringLiteral("quantity"), 6}}},
            {QStringLiteral("SetLineDiscount"),
             {{QStringLiteral("productId"), QStringLiteral("SKU-2")},
              {QStringLiteral("percent"), QStringLiteral("10")}}},
            {QStringLiteral("SetOrderDiscount"), {{QStringLiteral("amount"), QStringLiteral("1")}}},
            {QStringLiteral("AddNote"), {{QStringLiteral("text"), QStringLiteral("Fragile.")}}},
            {QStringLiteral("ConfirmOrder"), {}},
            {QStringLiteral("ShipOrder"),
             {{QStringLiteral("carrier"), QStringLiteral("DHL")},
              {QStringLiteral("trackingNumber"), QStringLiteral("JD0001")}}},
            {QStringLiteral("DeliverOrder"), {}},
        };
        int step = 0;
        for (const auto &[type, data] : script) {
            clock.advance(7 * 3600 * 1000); // a new day every few events
            const QString user = step++ % 2 ? QStringLiteral("bob") : QStringLiteral("alice");
            OT_REQUIRE(m_service->execute(makeCommand(Scripted, type, data, user)));
        }
        auto history = m_service->history(Scripted);
        OT_REQUIRE(history);
        m_history = history.value();
        QCOMPARE(m_history.size(), script.size());

        // A long order, made in memory by the aggregate and appended in one transaction.
        OrderAggregate order(Long);
        QList<DomainEvent> events;
        const auto run = [&](const QString &type, const QJsonObject &data) {
            clock.advance(60 * 1000);
            auto done = order.execute(makeCommand(Long, type, data), clock, ids);
            QVERIFY2(done.ok(), done.ok() ? "" : qPrintable(done.error().message));
            events += order.uncommittedEvents();
            order.markCommitted(order.uncommittedEvents());
        };
        run(QStringLiteral("CreateOrder"),
            {{QStringLiteral("customerId"), QStringLiteral("CUST-BIG")},
             {QStringLiteral("currency"), QStringLiteral("EUR")}});
        while (events.size() < LongEvents) {
            const QJsonObject widget =
                item(QStringLiteral("SKU-9"), QStringLiteral("Widget"), 1, QStringLiteral("1.00"));
            run(events.size() % 2 ? QStringLiteral("AddItem") : QStringLiteral("RemoveItem"),
                events.size() % 2
                    ? widget
                    : QJsonObject{{QStringLiteral("productId"), QStringLiteral("SKU-9")}});
        }
        OT_REQUIRE(m_service->store().append({OrderAggregate::Type, Long}, 0, events));
    }

    void init() { QSettings().clear(); }

    void stateAtEveryVersionIsTheReplayedAggregate() {
        Desk desk = openTimeline(Scripted);
        QVERIFY(desk.timeline);
        TimelineWidget &timeline = *desk.timeline;
        // Opens at the latest version.
        QVERIFY(waitForState(timeline, m_history.size()));
        QCOMPARE(timeline.model()->rowCount(), m_history.size());

        for (qint64 version = 1; version <= m_history.size(); ++version) {
            timeline.setCurrentVersion(version);
            QVERIFY(waitForState(timeline, version));
            const auto expected = replayed(version);
            const auto before = version > 1 ? replayed(version - 1) : nullptr;
            const OrderStateView &view = *timeline.stateView();
            QCOMPARE(view.state()->toJson(), expected->toJson());

            // What the screen shows: status, total, every item.
            const QString status = view.findChild<QLabel *>(QStringLiteral("stateStatus"))->text();
            QVERIFY2(status.contains(EventText::status(*expected->status())), qPrintable(status));
            const bool statusChanged = !before || before->status() != expected->status();
            QCOMPARE(status.contains(QStringLiteral("<span")), statusChanged);
            const QString total = view.findChild<QLabel *>(QStringLiteral("stateTotal"))->text();
            QVERIFY2(total.contains(expected->total().toString()), qPrintable(total));
            if (before && before->total() != expected->total())
                QVERIFY2(total.contains(before->total().toString()), qPrintable(total));

            QStandardItemModel *items = view.items();
            QList<QStringList> shown;
            int removedRows = 0;
            for (int row = 0; row < items->rowCount(); ++row) {
                if (items->item(row, 0)->data(OrderStateView::RemovedRole).toBool()) {
                    ++removedRows;
                    continue;
                }
                shown << QStringList{items->item(row, 0)->text(), items->item(row, 2)->text(),
                                     items->item(row, 3)->text()};
            }
            QList<QStringList> wanted;
            for (const OrderItem &i : expected->items())
                wanted << QStringList{i.productId, QLocale().toString(i.quantity),
                                      i.price.toString()};
            QCOMPARE(shown, wanted);

            // What the event changed is marked.
            const DomainEvent &event = m_history.at(version - 1);
            QCOMPARE(removedRows, event.type == QLatin1String("ItemRemoved") ? 1 : 0);
            const bool changedLine = event.type == QLatin1String("ItemQuantityChanged") ||
                                     event.type == QLatin1String("LineDiscountSet");
            if (event.type == QLatin1String("ItemAdded") || changedLine) {
                const QString product = event.data.value(QStringLiteral("productId")).toString();
                const auto found = items->findItems(product);
                QCOMPARE(found.size(), 1);
                QCOMPARE(found.first()->toolTip(),
                         changedLine ? tr("Changed by this event") : tr("Added by this event"));
            }
            // The list shows the same version, in words.
            const QModelIndex current = timeline.view()->currentIndex();
            QCOMPARE(current.row() + 1, version);
            QCOMPARE(current.data(TimelineModel::SummaryRole).toString(),
                     EventText::summary(event));
            QVERIFY(!current.data(Qt::AccessibleTextRole).toString().isEmpty());
        }
        // Days group the entries: the first event of each local day starts a group.
        int days = 0;
        for (int row = 0; row < timeline.model()->rowCount(); ++row)
            days += timeline.model()->index(row).data(TimelineModel::NewDayRole).toBool();
        QVERIFY(days >= 2);
    }

    void keyboardSteps() {
        Desk desk = openTimeline(Scripted, 3);
        QVERIFY(desk.timeline);
        TimelineWidget &timeline = *desk.timeline;
        QVERIFY(waitForState(timeline, 3));
        QListView *view = timeline.view();
        view->setFocus();
        QTRY_VERIFY(view->hasFocus());

        QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(timeline.currentVersion(), 4);
        QVERIFY(waitForState(timeline, 4));
        QTest::keyClick(view, Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(timeline.currentVersion(), 5);
        QTest::keyClick(view, Qt::Key_Left, Qt::AltModifier);
        QTest::keyClick(view, Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(timeline.currentVersion(), 3);
        QVERIFY(waitForState(timeline, 3));
        QTest::keyClick(view, Qt::Key_End);
        QCOMPARE(timeline.currentVersion(), m_history.size());
        QTest::keyClick(view, Qt::Key_Home, Qt::AltModifier);
        QCOMPARE(timeline.currentVersion(), 1);
        QVERIFY(waitForState(timeline, 1));
        // Stepping back from the first event stays there.
        QTest::keyClick(view, Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(timeline.currentVersion(), 1);

        // Play at the fastest speed runs to the end and stops there.
        auto *speed = timeline.findChild<QComboBox *>(QStringLiteral("timelineSpeed"));
        speed->setCurrentIndex(speed->count() - 1);
        QTest::keyClick(view, Qt::Key_P, Qt::AltModifier);
        auto *play = timeline.findChild<QAction *>(QStringLiteral("timelinePlay"));
        QVERIFY(play->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(!play->isChecked(), 10000);
        QCOMPARE(timeline.currentVersion(), m_history.size());
        QVERIFY(waitForState(timeline, m_history.size()));
        // The speed is remembered.
        QCOMPARE(QSettings().value(QStringLiteral("timeline/speed")).toInt(), 100);
    }

    void tenThousandEventsOpenAndJumpToTheMiddle() {
        QElapsedTimer timer;
        timer.start();
        Desk desk = openTimeline(Long, LongEvents / 2);
        QVERIFY(desk.timeline);
        TimelineWidget &timeline = *desk.timeline;
        QVERIFY(waitForState(timeline, LongEvents / 2));
        qInfo("opened at version %d in %lld ms", LongEvents / 2, timer.elapsed());
        QCOMPARE(timeline.model()->rowCount(), LongEvents);
        QCOMPARE(timeline.currentVersion(), LongEvents / 2);
        // Even versions hold the widget (added), odd ones do not (removed).
        QCOMPARE(timeline.stateView()->state()->items().size(), 1);
        QCOMPARE(timeline.stateView()->state()->version(), LongEvents / 2);
        // The row is on screen and loaded, and only a few pages were read.
        QTRY_VERIFY(timeline.view()->currentIndex().data(TimelineModel::LoadedRole).toBool());
        QVERIFY(timeline.view()
                    ->visualRect(timeline.view()->currentIndex())
                    .intersects(timeline.view()->viewport()->rect()));
        QVERIFY2(timeline.model()->loadedPages() <= 3,
                 qPrintable(QString::number(timeline.model()->loadedPages())));

        // Jumping to the end and to the start: one state load each, not one per version.
        timer.restart();
        timeline.setCurrentVersion(LongEvents);
        timeline.setCurrentVersion(LongEvents - 1);
        timeline.setCurrentVersion(2);
        QVERIFY(waitForState(timeline, 2));
        QCOMPARE(timeline.stateView()->state()->items().size(), 1);
        qInfo("jumped to the end and back in %lld ms", timer.elapsed());
        QVERIFY(timeline.model()->loadedPages() <= 6);
    }

    // Reading the events again (a customer's data in them was erased) while the order's length
    // or a page is on its way loses neither: the length arrives, and the rows load.
    void readingAgainLosesNoAnswer() {
        DeskConnection connection(m_url);
        TimelineModel model(connection);
        QSignalSpy loaded(&model, &TimelineModel::loaded);
        model.setOrder(Scripted);
        model.reread();
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().at(0).toInt(), int(m_history.size()));
        QVERIFY(!model.index(0).data(TimelineModel::LoadedRole).toBool()); // its page is asked for
        model.reread();
        QTRY_VERIFY(model.index(0).data(TimelineModel::LoadedRole).toBool());
        QCOMPARE(model.index(0).data(TimelineModel::TypeRole).toString(),
                 QStringLiteral("OrderCreated"));
    }

    // Ctrl+P prints the version the timeline shows, through the print dialog (here to a PDF
    // file: no printer), stamped with that version's event hash.
    void ctrlPPrintsTheVersionTheTimelineShows() {
        MainWindow window(m_url);
        QSignalSpy opened(window.connection(), &DeskConnection::opened);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(!opened.isEmpty() || opened.wait());
        window.showTimeline(Scripted, 3);
        QVERIFY(waitForState(*window.timeline(), 3));
        QTemporaryDir out;
        const QString pdf = out.filePath(QStringLiteral("printed.pdf"));
        QString title;
        QTimer answer;
        connect(&answer, &QTimer::timeout, this, [&] {
            auto *dialog = qobject_cast<QPrintDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            answer.stop();
            title = dialog->windowTitle();
            if (auto *file = dialog->findChild<QLineEdit *>(QStringLiteral("filename")))
                file->setText(pdf);
            dialog->accept();
        });
        answer.start(50);
        QTest::keyClick(&window, Qt::Key_P, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(pdf) && QFileInfo(pdf).size() > 0, 20000);
        QCOMPARE(title, QStringLiteral("Print Order %1, Version 3").arg(Scripted));
        QTRY_VERIFY(
            pdfText(pdf).contains(QStringLiteral("Order %1 · version 3 · event hash %2")
                                      .arg(Scripted, QString::fromLatin1(m_history.at(2).hash))));
        // Recorded in the access log, with the file's digest.
        QTRY_VERIFY(!accessLog(*openService(m_url)).isEmpty());
        const AccessRecord printed = accessLog(*openService(m_url)).last().record;
        QCOMPARE(printed.action, AccessAction::OrderPrint);
        QCOMPARE(printed.outcome, AccessOutcome::Done);
        QCOMPARE(printed.scope,
                 (QMap<QString, QString>{{QStringLiteral("order"), Scripted},
                                         {QStringLiteral("version"), QStringLiteral("3")}}));
        QCOMPARE(printed.digest, Sha256::ofFile(pdf).toHex());
    }

    void auditRowOpensTheWindowsTimelineAtItsVersion() {
        MainWindow window(m_url);
        QSignalSpy opened(window.connection(), &DeskConnection::opened);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(!opened.isEmpty() || opened.wait());
        window.showTimeline(Scripted, 4);
        QCOMPARE(window.tabs()->currentWidget(), window.timeline());
        QVERIFY(waitForState(*window.timeline(), 4));
        const QString shotDir = qEnvironmentVariable("OT_SCREENSHOT_DIR");
        if (!shotDir.isEmpty()) {
            window.resize(1280, 760);
            window.timeline()->setCurrentVersion(4);
            QTest::qWait(300);
            QVERIFY(window.grab().save(shotDir + QStringLiteral("/timeline.png")));
            // The same in a dark palette, to look at (not for the README).
            const QPalette light = QApplication::palette();
            QPalette dark;
            dark.setColor(QPalette::Window, QColor(45, 45, 48));
            dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
            dark.setColor(QPalette::Base, QColor(30, 30, 32));
            dark.setColor(QPalette::AlternateBase, QColor(40, 40, 44));
            dark.setColor(QPalette::Text, QColor(230, 230, 230));
            dark.setColor(QPalette::Button, QColor(50, 50, 54));
            dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
            dark.setColor(QPalette::Mid, QColor(90, 90, 96));
            dark.setColor(QPalette::PlaceholderText, QColor(160, 160, 160));
            dark.setColor(QPalette::Highlight, QColor(42, 130, 218));
            dark.setColor(QPalette::HighlightedText, Qt::white);
            QApplication::setPalette(dark);
            window.timeline()->setCurrentVersion(5);
            QVERIFY(waitForState(*window.timeline(), 5));
            QTest::qWait(100);
            QVERIFY(window.grab().save(shotDir + QStringLiteral("/timeline-dark.png")));
            QApplication::setPalette(light);
        }
    }
};

OT_GUI_TEST_MAIN(TestTimeline, "test_timeline")

#include "test_timeline.moc"
