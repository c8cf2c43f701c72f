// The audit view, verify and export dialogs driven through their real widgets, offscreen, on
// temporary SQLite files: the model is newest first and selects exactly what the core's
// readAll does for each filter, new events come in at the top, a double-click opens the
// timeline, verify names a tampered row, and a cancelled export leaves no file.
#include "ActivityChart.h"
#include "AuditModel.h"
#include "AuditView.h"
#include "CliProcess.h"
#include "DeskConnection.h"
#include "ExportDialog.h"
#include "GuiTestMain.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "TimelineWidget.h"
#include "VerifyDialog.h"
#include "audit/CsvExport.h"
#include "audit/Signing.h"
#include "es/Sha256.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>

using namespace ot;
using namespace ot::test;

namespace {

QJsonObject item(const QString &product, const QString &name, int quantity, const QString &price) {
    return {{QStringLiteral("productId"), product},
            {QStringLiteral("name"), name},
            {QStringLiteral("quantity"), quantity},
            {QStringLiteral("price"), price}};
}

QList<qint64> positions(const QList<DomainEvent> &events) {
    QList<qint64> result;
    for (const DomainEvent &e : events)
        result << e.position;
    return result;
}

// Makes `count` events of one order in memory through the aggregate and appends them at once.
void appendLongOrder(OrderService &service, const QString &id, int count, ManualClock &clock,
                     IdGenerator &ids) {
    OrderAggregate order(id);
    QList<DomainEvent> events;
    const auto run = [&](const QString &type, const QJsonObject &data) {
        clock.advance(60 * 1000);
        auto done = order.execute(makeCommand(id, type, data, QStringLiteral("carol")), clock, ids);
        QVERIFY(done.ok());
        events += order.uncommittedEvents();
        order.markCommitted(order.uncommittedEvents());
    };
    run(QStringLiteral("CreateOrder"), {{QStringLiteral("customerId"), QStringLiteral("CUST-BULK")},
                                        {QStringLiteral("currency"), QStringLiteral("EUR")}});
    while (events.size() < count) {
        if (events.size() % 2)
            run(QStringLiteral("AddItem"),
                item(QStringLiteral("SKU-7"), QStringLiteral("Bolt"), 2, QStringLiteral("0.10")));
        else
            run(QStringLiteral("RemoveItem"),
                {{QStringLiteral("productId"), QStringLiteral("SKU-7")}});
    }
    QVERIFY(service.store().append({OrderAggregate::Type, id}, 0, events).ok());
}

} // namespace

class TestAuditView : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    DatabaseUrl m_url;
    ManualClock m_clock;
    SequentialIds m_ids;
    std::unique_ptr<OrderService> m_service;
    qint64 m_midTime = 0;
    qint64 m_smallEnd = 0; // before the long order

    // Loads every page the filter selects.
    static bool loadAll(AuditModel &model) {
        return QTest::qWaitFor(
            [&] {
                if (model.canFetchMore({}))
                    model.fetchMore({});
                return model.isIdle() && !model.canFetchMore({});
            },
            10000);
    }

    // Several orders by several people over several days, then a long one (more than a page).
    void makeOrders(OrderService &service) {
        const QStringList users{QStringLiteral("alice"), QStringLiteral("bob"),
                                QStringLiteral("dave")};
        for (int n = 1; n <= 6; ++n) {
            const QString id = QStringLiteral("ORD-%1").arg(n, 6, 10, QChar(u'0'));
            const QString user = users.at(n % users.size());
            const auto run = [&](const QString &type, const QJsonObject &data) {
                m_clock.advance(5 * 3600 * 1000);
                QVERIFY(service.execute(makeCommand(id, type, data, user)).ok());
            };
            run(QStringLiteral("CreateOrder"),
                {{QStringLiteral("customerId"), QStringLiteral("CUST-%1").arg(n)}});
            run(QStringLiteral("AddItem"),
                item(QStringLiteral("SKU-%1").arg(n),
                     n % 2 ? QStringLiteral("Fragile vase") : QStringLiteral("Mug"), n,
                     QStringLiteral("9.99")));
            if (n == 3)
                m_midTime = m_clock.nowMs();
            if (n % 2)
                run(QStringLiteral("ConfirmOrder"), {});
            if (n == 5)
                run(QStringLiteral("CancelOrder"),
                    {{QStringLiteral("reason"), QStringLiteral("=HYPERLINK(\"x\")")}});
            if (n == 4) { // an order edited as staff do
                const QString sku = QStringLiteral("SKU-4");
                run(QStringLiteral("ChangeItemQuantity"),
                    {{QStringLiteral("productId"), sku}, {QStringLiteral("quantity"), 6}});
                run(QStringLiteral("SetLineDiscount"),
                    {{QStringLiteral("productId"), sku},
                     {QStringLiteral("percent"), QStringLiteral("5")}});
                run(QStringLiteral("SetOrderDiscount"),
                    {{QStringLiteral("amount"), QStringLiteral("1.00")}});
                run(QStringLiteral("AddNote"),
                    {{QStringLiteral("text"), QStringLiteral("gift wrap")}});
            }
        }
        m_clock.advance(3600 * 1000);
        m_smallEnd = m_clock.nowMs();
        appendLongOrder(service, QStringLiteral("ORD-BULK"), 450, m_clock, m_ids);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_url = DatabaseUrl::sqlite(m_dir.filePath(QStringLiteral("audit.sqlite")));
        auto opened = OrderService::open(m_url, OpenMode::CreateIfMissing, {&m_clock, &m_ids});
        OT_REQUIRE(opened);
        m_service = std::move(opened.value());
        makeOrders(*m_service);
    }

    void init() { QSettings().clear(); }

    void newestFirstAndFiltersSelectWhatTheCoreSelects() {
        DeskConnection connection(m_url);
        AuditView view(connection);
        QAbstractItemModelTester tester(view.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(1200, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        const auto filterOf = [](auto set) {
            EventFilter f;
            set(f);
            return f;
        };
        const QList<EventFilter> filters{
            {},
            filterOf([](EventFilter &f) { f.userId = QStringLiteral("bob"); }),
            filterOf([](EventFilter &f) { f.eventType = QStringLiteral("ItemAdded"); }),
            filterOf([](EventFilter &f) {
                f.aggregateType = OrderAggregate::Type;
                f.aggregateId = QStringLiteral("ORD-BULK");
            }),
            filterOf([](EventFilter &f) { f.text = QStringLiteral("fragile"); }),
            filterOf([](EventFilter &f) {
                f.relatedType = CustomerWord::Type;
                f.relatedId = QStringLiteral("CUST-3");
            }),
            filterOf([&](EventFilter &f) { f.toMs = m_midTime; }),
            filterOf([&](EventFilter &f) {
                f.fromMs = m_midTime;
                f.userId = QStringLiteral("carol");
                f.eventType = QStringLiteral("OrderCancelled"); // carol cancelled nothing
            }),
            filterOf([&](EventFilter &f) {
                f.fromMs = m_midTime;
                f.eventType = QStringLiteral("ItemRemoved");
                f.text = QStringLiteral("sku-7");
            }),
        };
        for (const EventFilter &f : filters) {
            view.setFilter(f);
            QCOMPARE(view.filter(), f); // the fields hold exactly this filter
            QVERIFY(loadAll(*view.model()));
            auto expected = m_service->store().readAll(f, 0, 100000, Direction::NewestFirst);
            OT_REQUIRE(expected);
            QList<DomainEvent> shown;
            for (int row = 0; row < view.model()->rowCount(); ++row)
                shown << view.model()->eventAt(row);
            QCOMPARE(positions(shown), positions(expected.value()));
            QTRY_COMPARE(view.matchCount(), qint64(expected->size()));
        }
        // Everything, newest first, across more than one page.
        view.setFilter({});
        QVERIFY(loadAll(*view.model()));
        QVERIFY(view.model()->rowCount() > AuditModel::PageSize);
        for (int row = 1; row < view.model()->rowCount(); ++row)
            QVERIFY(view.model()->eventAt(row - 1).position > view.model()->eventAt(row).position);
        // An order id typed in the field queries the order's stream.
        view.setFilter({});
        view.findChild<QLineEdit *>(QStringLiteral("auditOrder"))
            ->setText(QStringLiteral("ORD-000002"));
        QTRY_COMPARE(view.filter().aggregateType, OrderAggregate::Type);
        QTRY_COMPARE(view.matchCount(), 2);
        // A customer's number typed in its field takes in the customer's orders.
        view.setFilter({});
        view.findChild<QLineEdit *>(QStringLiteral("auditCustomer"))
            ->setText(QStringLiteral("CUST-3"));
        QTRY_COMPARE(view.filter().relatedType, CustomerWord::Type);
        EventFilter third;
        third.aggregateType = OrderAggregate::Type;
        third.aggregateId = QStringLiteral("ORD-000003");
        const qint64 ofTheOrder = m_service->countEvents(third).value();
        QVERIFY(ofTheOrder > 1);
        QTRY_COMPARE(view.matchCount(), ofTheOrder);
    }

    // Every event type of the vocabulary is offered by name, and picking one shows exactly the
    // events of that type.
    void everyEventTypeCanBePicked() {
        DeskConnection connection(m_url);
        AuditView view(connection);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *type = view.findChild<QComboBox *>(QStringLiteral("auditType"));
        QVERIFY(type);
        for (const QString &name : orderEventNames()) {
            const int index = type->findData(name);
            QVERIFY2(index > 0, qPrintable(name));
            QVERIFY2(type->itemText(index) != name, qPrintable(name)); // in words
        }
        for (const char *name :
             {"ItemQuantityChanged", "LineDiscountSet", "OrderDiscountSet", "NoteAdded"}) {
            type->setCurrentIndex(type->findData(QLatin1String(name)));
            EventFilter f;
            f.eventType = QLatin1String(name);
            QCOMPARE(view.filter(), f);
            QTRY_VERIFY(loadAll(*view.model()) && view.model()->rowCount() == 1 &&
                        view.model()->eventAt(0).type == QLatin1String(name));
            QCOMPARE(view.model()->eventAt(0).aggregateId, QStringLiteral("ORD-000004"));
            QTRY_COMPARE(view.matchCount(), 1);
        }
    }

    // Filters saved under a name are offered again, in this view and the next one, and
    // reopen exactly; a view can be replaced and deleted.
    void savedViewsReopenTheirFilters() {
        DeskConnection connection(m_url);
        auto view = std::make_unique<AuditView>(connection);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.get()));
        EventFilter bobsItems;
        bobsItems.userId = QStringLiteral("bob");
        bobsItems.eventType = QStringLiteral("ItemAdded");
        bobsItems.fromMs = m_midTime;
        view->setFilter(bobsItems);
        const auto save = [&](const QString &name) {
            view->findChild<QAction *>(QStringLiteral("saveViewAction"))->trigger();
            auto *dialog = view->findChild<QInputDialog *>(QStringLiteral("saveViewDialog"));
            QVERIFY(dialog);
            dialog->setTextValue(name);
            dialog->accept();
        };
        save(QStringLiteral("Bob's lines"));
        QCOMPARE(view->savedViews(), QStringList{QStringLiteral("Bob's lines")});

        // Cleared, then the view picked from the list: the same filter, the same rows.
        view->findChild<QPushButton *>(QStringLiteral("clearFilters"))->click();
        QCOMPARE(view->filter(), EventFilter());
        auto *views = view->findChild<QComboBox *>(QStringLiteral("auditViews"));
        QCOMPARE(views->currentIndex(), 0);
        views->setCurrentIndex(views->findText(QStringLiteral("Bob's lines")));
        emit views->activated(views->currentIndex());
        QCOMPARE(view->filter(), bobsItems);
        QTRY_COMPARE(view->matchCount(), m_service->countEvents(bobsItems).value());

        // Remembered for the next view; deleting it forgets it.
        view.reset();
        view = std::make_unique<AuditView>(connection);
        views = view->findChild<QComboBox *>(QStringLiteral("auditViews"));
        QVERIFY(views->findText(QStringLiteral("Bob's lines")) > 0);
        views->setCurrentIndex(views->findText(QStringLiteral("Bob's lines")));
        emit views->activated(views->currentIndex());
        view->findChild<QAction *>(QStringLiteral("deleteViewAction"))->trigger();
        QVERIFY(view->savedViews().isEmpty());
        QCOMPARE(views->count(), 1);
    }

    void newEventsAppearAtTheTop() {
        DeskConnection connection(m_url);
        QSignalSpy opened(&connection, &DeskConnection::opened);
        AuditView view(connection);
        QObject::connect(&connection, &DeskConnection::changed, &view, &AuditView::refresh);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(!opened.isEmpty() || opened.wait());
        QTRY_VERIFY(view.model()->rowCount() > 0);
        QTRY_VERIFY(view.matchCount() > 0);
        const qint64 before = view.matchCount();
        // Another connection, as another window or process would.
        auto other = OrderService::open(m_url, OpenMode::ExistingOnly);
        OT_REQUIRE(other);
        auto made = other.value()->execute(makeCommand(QStringLiteral("ORD-000002"),
                                                       QStringLiteral("ConfirmOrder"), {},
                                                       QStringLiteral("erin")));
        OT_REQUIRE(made);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->eventAt(0).position, made->first().position, 5000);
        QCOMPARE(view.model()->eventAt(0).metadata.userId, QStringLiteral("erin"));
        QTRY_COMPARE(view.matchCount(), before + 1);
    }

    void theCountShowsWhenTheTabOpens() {
        MainWindow window(m_url);
        QSignalSpy opened(window.connection(), &DeskConnection::opened);
        window.resize(1280, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(!opened.isEmpty() || opened.wait());
        // The hidden table fetches the first page before the tab is ever shown.
        QTRY_VERIFY(window.audit()->model()->rowCount() > 0);
        window.tabs()->setCurrentWidget(window.audit());
        auto service = OrderService::open(m_url, OpenMode::ExistingOnly);
        const qint64 total = service.value()->store().count({}).value();
        auto *label = window.audit()->findChild<QLabel *>(QStringLiteral("auditCount"));
        QVERIFY(label);
        QTRY_VERIFY2(label->text().contains(QLocale().toString(total)), qPrintable(label->text()));
        QVERIFY(label->isVisible());
    }

    // The chart's bars against `ordertrail-cli events --count` over each bar's time range: per
    // day over the whole history, per hour within a day chosen by a click, stacked by type and by
    // user, and following the other filters; a drag and the keyboard choose ranges too.
    void theActivityChartCountsWhatTheCliCounts() {
        DeskConnection connection(m_url);
        AuditView view(connection);
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ActivityChart *chart = view.chart();
        const auto settled = [&] {
            return QTest::qWaitFor([&] { return view.matchCount() >= 0; });
        };
        const auto iso = [](qint64 ms) {
            return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8();
        };
        const auto cliCount = [&](qint64 from, qint64 to, const QByteArrayList &more = {}) {
            const CliRun run = runCli(
                QByteArrayList{"--db", m_url.toString(DatabaseUrl::Password::Included).toUtf8(),
                               "events", "--count", "--from", iso(from), "--to", iso(to)} +
                more);
            if (run.exitCode != 0)
                qFatal("events --count failed: %s", run.describe().constData());
            return run.object().value(QStringLiteral("count")).toInteger(-1);
        };
        // Every bar against the events its range selects with the view's other filters, as read
        // page by page (not counted), and the total against the match count; against the CLI
        // too: every bar with events when `everyBar`, else the busiest (earlier tests add events
        // months later, so a day chart has hundreds of empty bars).
        const auto checkBars = [&](const QByteArrayList &filters, bool everyBar = false) {
            qint64 sum = 0;
            int busiest = -1;
            for (int i = 0; i < chart->bars().size(); ++i) {
                const ActivityChart::Bar &bar = chart->bars().at(i);
                EventFilter f = view.filter();
                f.fromMs = bar.fromMs;
                f.toMs = bar.toMs;
                const auto events = m_service->events(f, 0, 100000);
                QVERIFY(events.ok());
                QCOMPARE(bar.total(), qint64(events->size()));
                if (everyBar && bar.total() > 0)
                    QCOMPARE(bar.total(), cliCount(bar.fromMs, bar.toMs, filters));
                if (busiest < 0 || bar.total() > chart->bars().at(busiest).total())
                    busiest = i;
                sum += bar.total();
                if (i > 0)
                    QCOMPARE(bar.fromMs, chart->bars().at(i - 1).toMs); // no gap, no overlap
            }
            if (!everyBar && busiest >= 0) {
                const ActivityChart::Bar &bar = chart->bars().at(busiest);
                QCOMPARE(bar.total(), cliCount(bar.fromMs, bar.toMs, filters));
            }
            QCOMPARE(sum, view.matchCount());
        };

        // The days of the orders made with the test's clock (another test adds an event at
        // today's date, which the history's step would depend on).
        EventFilter days;
        days.fromMs = ManualClock().nowMs();
        days.toMs = m_clock.nowMs() + 3600 * 1000;
        view.setFilter(days);
        QVERIFY(settled());
        QCOMPARE(chart->step(), ActivityChart::Step::Day);
        QVERIFY(chart->bars().size() >= 5);
        checkBars({}, true);
        QVERIFY(chart->keys().contains(QStringLiteral("ItemAdded")));

        view.setChartKey(ActivityKey::User);
        QVERIFY(settled());
        for (const QString &user : {QStringLiteral("alice"), QStringLiteral("bob"),
                                    QStringLiteral("carol"), QStringLiteral("dave")})
            QVERIFY2(chart->keys().contains(user), qPrintable(chart->keys().join(u' ')));
        const ActivityChart::Bar busiest =
            *std::max_element(chart->bars().cbegin(), chart->bars().cend(),
                              [](const auto &a, const auto &b) { return a.total() < b.total(); });
        for (const QString &user : chart->keys())
            QCOMPARE(busiest.counts.value(user),
                     cliCount(busiest.fromMs, busiest.toMs, {"--user", user.toUtf8()}));

        // A click on a day shows that day, by the hour.
        const int day = int(chart->bars().indexOf(busiest));
        QTest::mouseClick(chart, Qt::LeftButton, {}, chart->barRect(day).center());
        QCOMPARE(view.filter().fromMs, busiest.fromMs);
        QCOMPARE(view.filter().toMs, busiest.toMs);
        QVERIFY(settled());
        QCOMPARE(view.matchCount(), busiest.total());
        QCOMPARE(chart->step(), ActivityChart::Step::Hour);
        checkBars({});

        // A drag over three hours chooses them.
        const QList<ActivityChart::Bar> hours = chart->bars();
        QTest::mousePress(chart, Qt::LeftButton, {}, chart->barRect(2).center());
        QTest::mouseMove(chart, chart->barRect(3).center());
        QTest::mouseMove(chart, chart->barRect(4).center());
        QTest::mouseRelease(chart, Qt::LeftButton, {}, chart->barRect(4).center());
        QCOMPARE(view.filter().fromMs, hours.at(2).fromMs);
        QCOMPARE(view.filter().toMs, hours.at(4).toMs);
        QVERIFY(settled());
        QCOMPARE(view.matchCount(),
                 hours.at(2).total() + hours.at(3).total() + hours.at(4).total());

        // The keyboard: the last two bars.
        const QList<ActivityChart::Bar> three = chart->bars();
        chart->setFocus();
        QTest::keyClick(chart, Qt::Key_End);
        QTest::keyClick(chart, Qt::Key_Left, Qt::ShiftModifier);
        QTest::keyClick(chart, Qt::Key_Return);
        QCOMPARE(view.filter().fromMs, three.at(three.size() - 2).fromMs);
        QCOMPARE(view.filter().toMs, three.last().toMs);

        // The other filters: those the hourly counts keep and those they do not.
        view.setChartKey(ActivityKey::Type);
        for (const auto &[set, cliFilter] :
             {std::pair<std::function<void(EventFilter &)>, QByteArrayList>{
                  [](EventFilter &f) { f.userId = QStringLiteral("bob"); }, {"--user", "bob"}},
              {[](EventFilter &f) {
                   f.aggregateType = OrderAggregate::Type;
                   f.aggregateId = QStringLiteral("ORD-BULK");
               },
               {"--order", "ORD-BULK"}},
              {[](EventFilter &f) { f.text = QStringLiteral("fragile"); },
               {"--text", "fragile"}}}) {
            EventFilter f;
            set(f);
            view.setFilter(f);
            QVERIFY(settled());
            QVERIFY(!chart->bars().isEmpty());
            checkBars(cliFilter);
        }
        // Nothing selected: the chart says so.
        EventFilter none;
        none.userId = QStringLiteral("nobody");
        view.setFilter(none);
        QVERIFY(settled());
        QVERIFY(chart->bars().isEmpty());
        QCOMPARE(view.matchCount(), 0);

        // Two centuries are narrowed to where the events are.
        EventFilter centuries;
        centuries.fromMs = QDateTime(QDate(1900, 1, 1), QTime(0, 0)).toMSecsSinceEpoch();
        centuries.toMs = QDateTime(QDate(2100, 1, 1), QTime(0, 0)).toMSecsSinceEpoch();
        view.setFilter(centuries);
        QVERIFY(settled());
        QVERIFY(chart->bars().size() < 400);
        checkBars({});

        // The chart can be hidden, and stays so in the next audit view.
        auto *shown = view.findChild<QCheckBox *>(QStringLiteral("showChart"));
        QVERIFY(shown->isChecked());
        shown->click();
        QVERIFY(!chart->isVisible());
        AuditView next(connection);
        QVERIFY(!next.findChild<QCheckBox *>(QStringLiteral("showChart"))->isChecked());
        view.setFilter({});
        QVERIFY(settled());
        shown->click();
        QVERIFY(chart->isVisible());
        QVERIFY(settled());
        checkBars({});
    }

    void doubleClickOpensTheTimelineAtThatVersion() {
        MainWindow window(m_url);
        QSignalSpy opened(window.connection(), &DeskConnection::opened);
        window.resize(1280, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(!opened.isEmpty() || opened.wait());
        window.tabs()->setCurrentWidget(window.audit());
        EventFilter f;
        f.aggregateType = OrderAggregate::Type;
        f.aggregateId = QStringLiteral("ORD-000003");
        window.audit()->setFilter(f);
        QTRY_COMPARE(window.audit()->model()->rowCount(), 3);
        QTableView *table = window.audit()->table();
        // Newest first: row 1 is version 2.
        const QModelIndex row = window.audit()->model()->index(1, AuditModel::Summary);
        QCOMPARE(window.audit()->model()->eventAt(1).metadata.version, 2);
        const QPoint centre = table->visualRect(row).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);
        QCOMPARE(window.tabs()->currentWidget(), window.timeline());
        QTRY_COMPARE(window.timeline()->orderId(), QStringLiteral("ORD-000003"));
        QTRY_COMPARE(window.timeline()->currentVersion(), 2);
        QTRY_COMPARE(window.timeline()->stateView()->version(), 2);

        // And back, with the keyboard: Enter on a row opens it too.
        window.tabs()->setCurrentWidget(window.audit());
        table->setFocus();
        table->setCurrentIndex(window.audit()->model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QTRY_COMPARE(window.timeline()->currentVersion(), 3);

        const QString shotDir = qEnvironmentVariable("OT_SCREENSHOT_DIR");
        if (!shotDir.isEmpty()) {
            window.tabs()->setCurrentWidget(window.audit());
            EventFilter before; // the small orders, with the time filter in use
            before.toMs = m_smallEnd;
            window.audit()->setFilter(before);
            QTRY_VERIFY(window.audit()->matchCount() > 0);
            table->setCurrentIndex(window.audit()->model()->index(2, 0));
            QTest::qWait(200);
            QVERIFY(window.grab().save(shotDir + QStringLiteral("/audit.png")));
        }
    }

    void exportCancelledLeavesNoFileAndTheOldOneUntouched() {
        // Long enough (ten pages) that Cancel, pressed at once, comes before the end.
        appendLongOrder(*m_service, QStringLiteral("ORD-HUGE"), 20'000, m_clock, m_ids);
        QTemporaryDir out;
        const QString existing = out.filePath(QStringLiteral("events.csv"));
        {
            QFile file(existing);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("old contents\n");
        }
        const QString fresh = out.filePath(QStringLiteral("fresh.csv"));
        for (const QString &path : {existing, fresh}) {
            ExportDialog dialog(m_url, {}, QStringLiteral("every event"));
            QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
            dialog.setPath(path);
            dialog.startExport();
            QVERIFY(dialog.isRunning());
            dialog.cancelExport();
            QVERIFY(finished.wait(10000));
            QVERIFY2(finished.first().at(1).toString() == QStringLiteral("cancelled"),
                     qPrintable(path + QStringLiteral(" ") + finished.first().at(0).toString() +
                                QStringLiteral(" ") + finished.first().at(1).toString()));
        }
        QFile old(existing);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("old contents\n"));
        // Cancelled, and still recorded: who tried to take what out.
        QList<LoggedAccess> log = accessLog(*m_service);
        QVERIFY(log.size() >= 2);
        for (const LoggedAccess &entry : log.mid(log.size() - 2)) {
            QCOMPARE(entry.record.action, AccessAction::CsvExport);
            QCOMPARE(entry.record.outcome, AccessOutcome::Cancelled);
            QVERIFY(entry.record.digest.isEmpty());
        }
        QVERIFY(!QFile::exists(fresh));
        // Nothing else was left behind either (QSaveFile's temporary file).
        QCOMPARE(QDir(out.path()).entryList(QDir::Files),
                 QStringList{QStringLiteral("events.csv")});

        // Not cancelled: exactly what the filter selects, with the options chosen.
        EventFilter f;
        f.aggregateType = OrderAggregate::Type;
        f.aggregateId = QStringLiteral("ORD-000005");
        ExportDialog dialog(m_url, f, QStringLiteral("ORD-000005"));
        QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
        dialog.setPath(fresh);
        QVERIFY(dialog.findChild<QCheckBox *>(QStringLiteral("neutraliseFormulas"))->isChecked());
        dialog.findChild<QCheckBox *>(QStringLiteral("byteOrderMark"))->setChecked(true);
        dialog.startExport();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(1).toString(), QString());
        QCOMPARE(finished.first().at(0).toLongLong(), 4);
        QFile csv(fresh);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray text = csv.readAll();
        const QByteArray head =
            QByteArray("\xEF\xBB\xBF") + csvHeader().join(u',').toUtf8() + "\r\n";
        QVERIFY(text.startsWith(head));
        QVERIFY(text.contains("=HYPERLINK"));
        log = accessLog(*m_service);
        QCOMPARE(log.last().record.outcome, AccessOutcome::Done);
        QCOMPARE(log.last().record.events, 4);
        QCOMPARE(log.last().record.scope.value(QStringLiteral("order")),
                 QStringLiteral("ORD-000005"));
        QCOMPARE(log.last().record.digest, Sha256::ofFile(fresh).toHex());
        // The options are remembered for the next export.
        QCOMPARE(QSettings().value(QStringLiteral("export/byteOrderMark")).toBool(), true);
        QCOMPARE(text.count("\r\n"), 5);
    }

    // The same dialog writes a PDF evidence report: cancelled at once it leaves no file; let
    // run, it writes the order's history in words with the verify result, and says where.
    void exportDialogWritesAnEvidenceReport() {
        QTemporaryDir out;
        EventFilter f;
        f.aggregateType = OrderAggregate::Type;
        f.aggregateId = QStringLiteral("ORD-000005");
        ExportDialog dialog(m_url, f, QStringLiteral("the history of order ORD-000005"));
        dialog.setPath(out.filePath(QStringLiteral("ORD-000005.csv")));
        auto *format = dialog.findChild<QComboBox *>(QStringLiteral("exportFormat"));
        format->setCurrentIndex(1);
        QCOMPARE(dialog.format(), ExportDialog::Format::Report);
        QCOMPARE(dialog.path(), out.filePath(QStringLiteral("ORD-000005.pdf")));
        QVERIFY(dialog.findChild<QCheckBox *>(QStringLiteral("byteOrderMark"))->isHidden());
        QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
        dialog.startExport();
        dialog.cancelExport();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.takeFirst().at(1).toString(), QStringLiteral("cancelled"));
        QVERIFY(!QFile::exists(dialog.path()));
        QCOMPARE(accessLog(*m_service).last().record.action, AccessAction::PdfReport);
        QCOMPARE(accessLog(*m_service).last().record.outcome, AccessOutcome::Cancelled);

        dialog.startExport();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(1).toString(), QString());
        QCOMPARE(finished.first().at(0).toLongLong(), 4);
        const QString text = pdfText(dialog.path());
        QVERIFY2(text.contains(QLatin1String("Asked for: the history of order ORD-000005")),
                 qPrintable(text.left(500)));
        QVERIFY(text.contains(QLatin1String("A deep verify checked")));
        const AccessRecord reported = accessLog(*m_service).last().record;
        QCOMPARE(reported.outcome, AccessOutcome::Done);
        QCOMPARE(reported.digest, Sha256::ofFile(dialog.path()).toHex());
        const QString status = dialog.findChild<QLabel *>(QStringLiteral("exportStatus"))->text();
        QVERIFY2(status.contains(QLatin1String("SHA-256 of the file: ")), qPrintable(status));
        QCOMPARE(QSettings().value(QStringLiteral("export/format")).toString(),
                 QStringLiteral("pdf-report"));
        // Remembered: the next export dialog starts as a report.
        ExportDialog next(m_url, {}, QStringLiteral("every event"));
        QCOMPARE(next.format(), ExportDialog::Format::Report);
        next.setFormat(ExportDialog::Format::Csv);
        QVERIFY(next.path().endsWith(QLatin1String(".csv")));
    }

    // A signed checkpoint is checked in the dialog with the signer's public key file, which is
    // remembered; checked with another key, the dialog says whose it is not.
    void verifyChecksASignedCheckpointWithItsKey() {
        QTemporaryDir dir;
        const QString keyPath = dir.filePath(QStringLiteral("auditor.key"));
        const QString otherPath = dir.filePath(QStringLiteral("other.key"));
        for (const QString &path : {keyPath, otherPath})
            OT_REQUIRE(SigningKey::generate().value().save(path));
        const auto recorded =
            m_service->recordCheckpoint(SigningKey::load(keyPath).value(), QStringLiteral("carol"));
        OT_REQUIRE(recorded);

        const auto verifyWith = [&](const QString &publicKey) {
            VerifyDialog dialog(m_url);
            QSignalSpy finished(&dialog, &VerifyDialog::verifyFinished);
            dialog.setCheckpoint(recorded->toString());
            dialog.setPublicKeyFile(publicKey);
            // The long order was appended around the read model: the chains only.
            dialog.findChild<QCheckBox *>(QStringLiteral("verifyLinksOnly"))->setChecked(true);
            dialog.startVerify();
            if (!finished.wait(20000))
                return QStringLiteral("(did not finish)");
            QStringList problems;
            for (int row = 0; row < dialog.problems()->rowCount(); ++row)
                problems << dialog.problems()->item(row, 5)->text();
            return finished.takeFirst().first().toBool() ? dialog.summary() : problems.join(u'\n');
        };
        const QString intact = verifyWith(keyPath + QStringLiteral(".pub"));
        QVERIFY2(intact.startsWith(QLatin1String("Every hash chain holds")), qPrintable(intact));
        QCOMPARE(QSettings().value(QStringLiteral("verify/publicKey")).toString(),
                 keyPath + QStringLiteral(".pub"));
        const QString foreign = verifyWith(otherPath + QStringLiteral(".pub"));
        QVERIFY2(foreign.contains(QLatin1String("not by the key given")), qPrintable(foreign));
        // The remembered key is offered to the next dialog.
        VerifyDialog next(m_url);
        QCOMPARE(next.findChild<QLineEdit *>(QStringLiteral("verifyPublicKey"))->text(),
                 otherPath + QStringLiteral(".pub"));
    }

    void verifyFindsATamperedRowAndCheckpointsProveTheHistory() {
        QTemporaryDir dir;
        const DatabaseUrl url = DatabaseUrl::sqlite(dir.filePath(QStringLiteral("tamper.sqlite")));
        ManualClock clock;
        SequentialIds ids;
        {
            auto service = OrderService::open(url, OpenMode::CreateIfMissing, {&clock, &ids});
            OT_REQUIRE(service);
            for (const QString &id : {QStringLiteral("ORD-A"), QStringLiteral("ORD-B")}) {
                OT_REQUIRE(service.value()->execute(
                    makeCommand(id, QStringLiteral("CreateOrder"),
                                {{QStringLiteral("customerId"), QStringLiteral("C")}})));
                OT_REQUIRE(service.value()->execute(
                    makeCommand(id, QStringLiteral("AddItem"),
                                item(QStringLiteral("SKU-1"), QStringLiteral("Mug"), 1,
                                     QStringLiteral("9.99")))));
                OT_REQUIRE(
                    service.value()->execute(makeCommand(id, QStringLiteral("ConfirmOrder"))));
            }
        }
        // A checkpoint, taken through its dialog.
        CheckpointDialog checkpointDialog(url);
        QSignalSpy taken(&checkpointDialog, &CheckpointDialog::checkpointTaken);
        QVERIFY(taken.wait(10000));
        const QString checkpoint = checkpointDialog.checkpoint();
        QVERIFY(checkpoint.startsWith(QStringLiteral("ot1:")));

        VerifyDialog dialog(url);
        QSignalSpy finished(&dialog, &VerifyDialog::verifyFinished);
        dialog.setCheckpoint(checkpoint);
        dialog.startVerify();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.takeFirst().first().toBool(), true);
        QVERIFY2(dialog.summary().startsWith(QStringLiteral("All intact")),
                 qPrintable(dialog.summary()));
        QCOMPARE(dialog.problems()->rowCount(), 0);
        // Both are in the access log, as the desk's user, and the audit view says them in words.
        {
            const QList<LoggedAccess> log = accessLog(*openService(url));
            QCOMPARE(log.size(), 2);
            QCOMPARE(log.at(0).record.action, AccessAction::Checkpoint);
            QCOMPARE(log.at(0).record.detail, checkpoint);
            QCOMPARE(log.at(1).record.action, AccessAction::Verify);
            QCOMPARE(log.at(1).record.scope.value(QStringLiteral("checkpoint")), checkpoint);
            QCOMPARE(log.at(1).user, OrderService::systemUserName());
            DeskConnection connection(url);
            AuditView view(connection);
            EventFilter f;
            f.eventType = AccessWord::Recorded;
            view.setFilter(f);
            QTRY_COMPARE(view.matchCount(), 2);
            // The count and the page arrive apart (each a call of the desk's thread).
            QTRY_COMPARE(view.model()->rowCount(), 2);
            const QString words =
                view.model()->index(0, AuditModel::Summary).data().toString(); // the newest
            QVERIFY2(
                words.startsWith(QLatin1String("Verify of 7 ")) &&
                    words.contains(
                        QStringLiteral(", done (checkpoint %1, depth deep)").arg(checkpoint)) &&
                    words.endsWith(QLatin1String(": history intact")),
                qPrintable(words));
        }

        // Someone with the file edits a price behind the application's back.
        {
            RawConnection raw(url);
            raw.allowTampering();
            QVERIFY(
                !raw.exec(QStringLiteral("UPDATE events SET data = replace(data, '9.99', '0.01') "
                                         "WHERE aggregate_id = 'ORD-B' AND version = 2"))
                     .isValid());
            QCOMPARE(
                raw.value(QStringLiteral("SELECT count(*) FROM events WHERE data LIKE '%0.01%'"))
                    .toInt(),
                1);
            // ... and cuts off the newest event of another order, with its read model row:
            // the hash chain alone cannot see that, a checkpoint can.
            QVERIFY(!raw.exec(QStringLiteral("DELETE FROM events WHERE aggregate_id = 'ORD-A' "
                                             "AND version = 3"))
                         .isValid());
            QVERIFY(!raw.exec(QStringLiteral("DELETE FROM snapshots")).isValid());
        }
        // The hash chains alone name the changed event.
        auto *linksOnly = dialog.findChild<QCheckBox *>(QStringLiteral("verifyLinksOnly"));
        QVERIFY(linksOnly);
        QVERIFY(!linksOnly->isChecked()); // the deep check is the default
        linksOnly->setChecked(true);
        dialog.setCheckpoint({});
        dialog.startVerify();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.takeFirst().first().toBool(), false);
        QTableWidget *problems = dialog.problems();
        QCOMPARE(problems->rowCount(), 1);
        QCOMPARE(problems->item(0, 0)->text(), QStringLiteral("Altered"));
        QCOMPARE(problems->item(0, 1)->text(), QStringLiteral("ORD-B"));
        QCOMPARE(problems->item(0, 2)->text(), QStringLiteral("2"));
        QCOMPARE(problems->item(0, 4)->text(), QStringLiteral("alice")); // who wrote it
        QVERIFY(!problems->item(0, 5)->text().isEmpty());
        // The deep check replays the orders: the summaries no longer match their events.
        linksOnly->setChecked(false);
        dialog.startVerify();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.takeFirst().first().toBool(), false);
        QStringList found;
        for (int row = 0; row < problems->rowCount(); ++row)
            found << problems->item(row, 0)->text() + u' ' + problems->item(row, 1)->text();
        QVERIFY2(found.contains(QStringLiteral("Altered ORD-B")), qPrintable(found.join(u',')));
        QVERIFY2(found.contains(QStringLiteral("Order summary ORD-A")),
                 qPrintable(found.join(u',')));
        QVERIFY2(found.contains(QStringLiteral("Order summary ORD-B")),
                 qPrintable(found.join(u',')));
        // Against the checkpoint the change shows as well.
        dialog.setCheckpoint(checkpoint);
        dialog.startVerify();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.takeFirst().first().toBool(), false);
        bool checkpointProblem = false;
        for (int row = 0; row < dialog.problems()->rowCount(); ++row)
            checkpointProblem |=
                dialog.problems()->item(row, 0)->text() == QStringLiteral("Checkpoint");
        QVERIFY(checkpointProblem);
        // A double-click on a problem asks for that order's timeline at that version.
        QSignalSpy open(&dialog, &VerifyDialog::openTimeline);
        int altered = 0;
        while (problems->item(altered, 0)->text() != QStringLiteral("Altered"))
            ++altered;
        emit problems->cellActivated(altered, 0);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().at(0).toString(), QStringLiteral("ORD-B"));
        QCOMPARE(open.first().at(1).toLongLong(), 2);
    }
};

OT_GUI_TEST_MAIN(TestAuditView, "test_auditview")

#include "test_auditview.moc"
