// The staff desk driven through its real widgets, offscreen, on a temporary SQLite file (and, in
// test_desk_postgresql, what it shows of a PostgreSQL login).
#include "DeskConnection.h"
#include "DeskTestSupport.h"
#include "EventText.h"
#include "GuiTestMain.h"
#include "MainWindow.h"
#include "MessageWidget.h"
#include "MoneyEdit.h"
#include "OrderListModel.h"
#include "OrderListView.h"
#include "OrderPanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>

using namespace ot;
using namespace ot::test;

namespace {

QToolButton *buttonOf(QWidget *root, QAction *action) {
    const auto buttons = root->findChildren<QToolButton *>();
    for (QToolButton *button : buttons) {
        if (button->defaultAction() == action)
            return button;
    }
    return nullptr;
}

} // namespace

class TestDesk : public QObject {
    Q_OBJECT

private:
    QAction *action(MainWindow &window, const char *name) {
        return window.orderPanel()->findChild<QAction *>(QLatin1String(name));
    }

    template <typename T> T *field(MainWindow &window, const char *name) {
        return window.orderPanel()->findChild<T *>(QLatin1String(name));
    }

    // Fills the add-item form as a user would, without submitting it.
    void typeItem(MainWindow &window, const QString &product, const QString &name, int quantity,
                  const QString &price) {
        QTest::keyClicks(field<QLineEdit>(window, "productId"), product);
        QTest::keyClicks(field<QLineEdit>(window, "productName"), name);
        auto *spin = field<QSpinBox>(window, "quantity");
        spin->selectAll();
        QTest::keyClicks(spin, QString::number(quantity));
        QTest::keyClicks(field<MoneyEdit>(window, "price"), price);
    }

    // Opens `url` in the desk and waits until it is open.
    static bool reopen(MainWindow &window, const DatabaseUrl &url) {
        window.openDatabase(url);
        QSignalSpy opened(window.connection(), &DeskConnection::opened);
        return opened.wait();
    }

    // A new order for a customer registered under `customerId`, created through the form as a
    // user would (the customer picked by its number); its id, empty on failure.
    QString createOrder(MainWindow &window, const QString &customerId) {
        registerCustomer(*openService(window.connection()->url()), customerId,
                         QStringLiteral("Customer ") + customerId);
        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
        auto *customer = field<RecordPicker>(window, "customer");
        if (!pick(customer, customerId))
            return {};
        QTest::keyClick(customer, Qt::Key_Return);
        if (!QTest::qWaitFor([&] { return window.orderPanel()->shownVersion() == 1; }))
            return {};
        return window.orderPanel()->orderId();
    }

    // Who the order's events were recorded as, oldest first.
    static QStringList recordedUsers(const DatabaseUrl &url, const QString &orderId) {
        QStringList users;
        auto history = openService(url)->history(orderId);
        if (history) {
            for (const DomainEvent &event : history.value())
                users << event.metadata.userId;
        }
        return users;
    }

    static void press(MainWindow &window, QAction *action) {
        QTest::keyClick(&window, action->shortcut()[0].key(),
                        action->shortcut()[0].keyboardModifiers());
    }

    TestBackend m_backend;

private slots:
    void init() { QSettings().clear(); }

    void lifecycleThroughTheForms() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto window = openDesk(url);
        QVERIFY(window);
        OrderPanel *panel = window->orderPanel();

        // Sign in under another name: every event records it.
        QLineEdit *user = window->userField();
        user->selectAll();
        QTest::keyClicks(user, QStringLiteral("carol"));
        QTest::keyClick(user, Qt::Key_Return);

        registerCustomer(*openService(url), QStringLiteral("CUST-TEST"),
                         QStringLiteral("Test Kontor"));
        QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier); // New order
        auto *customer = field<RecordPicker>(*window, "customer");
        QCOMPARE(QApplication::focusWidget(), customer);
        QVERIFY(pick(customer, QStringLiteral("kontor"))); // part of the name, in another case
        QCOMPARE(customer->text(), QStringLiteral("Test Kontor (CUST-TEST)"));
        QTest::keyClick(customer, Qt::Key_Return);
        QTRY_COMPARE(panel->shownVersion(), 1);
        const QString id = panel->orderId();
        QVERIFY(!id.isEmpty());
        QVERIFY(customer->text().isEmpty()); // applied, so the form is cleared
        QVERIFY(!customer->picked());

        QVERIFY(!action(*window, "confirmAction")->isEnabled()); // no items yet
        QVERIFY(!action(*window, "shipAction")->isEnabled());
        typeItem(*window, QStringLiteral("SKU-1"), QStringLiteral("Mug"), 2,
                 QStringLiteral("9.99"));
        press(*window, action(*window, "addItemAction"));
        QTRY_COMPARE(panel->shownVersion(), 2);
        typeItem(*window, QStringLiteral("SKU-2"), QStringLiteral("Filters"), 3,
                 QStringLiteral("0.10"));
        QTest::mouseClick(buttonOf(panel, action(*window, "addItemAction")), Qt::LeftButton);
        QTRY_COMPARE(panel->shownVersion(), 3);

        auto service = openService(url);
        auto order = service->order(id);
        OT_REQUIRE(order);
        QCOMPARE(order.value()->items().size(), 2);
        QCOMPARE(order.value()->total(), Money::fromCents(2 * 999 + 3 * 10));

        // Remove the first item: select its row, then the shortcut.
        auto *items = field<QTableView>(*window, "items");
        items->setCurrentIndex(items->model()->index(0, 0));
        QVERIFY(action(*window, "removeItemAction")->isEnabled());
        press(*window, action(*window, "removeItemAction"));
        QTRY_COMPARE(panel->shownVersion(), 4);
        QCOMPARE(items->model()->rowCount(), 1);

        QVERIFY(action(*window, "confirmAction")->isEnabled());
        QVERIFY(!action(*window, "deliverAction")->isEnabled());
        press(*window, action(*window, "confirmAction"));
        QTRY_COMPARE(panel->shownVersion(), 5);
        // A confirmed order's lines change only as a staged amendment (test_editdesk).
        QVERIFY(action(*window, "addItemAction")->isEnabled());
        QVERIFY(panel->findChild<QWidget *>(QStringLiteral("amendment"))->isVisible());

        QTest::keyClicks(field<QLineEdit>(*window, "carrier"), QStringLiteral("DHL"));
        QTest::keyClicks(field<QLineEdit>(*window, "trackingNumber"), QStringLiteral("TRK1"));
        press(*window, action(*window, "shipAction"));
        QTRY_COMPARE(panel->shownVersion(), 6);
        QVERIFY(!action(*window, "cancelAction")->isEnabled());
        press(*window, action(*window, "deliverAction"));
        QTRY_COMPARE(panel->shownVersion(), 7);
        for (const char *name : {"addItemAction", "removeItemAction", "confirmAction", "shipAction",
                                 "deliverAction", "cancelAction"})
            QVERIFY2(!action(*window, name)->isEnabled(), name);

        order = service->order(id);
        OT_REQUIRE(order);
        QCOMPARE(order.value()->status(), OrderStatus::Delivered);
        QCOMPARE(order.value()->customerId(), QStringLiteral("CUST-TEST"));
        QCOMPARE(order.value()->carrier(), QStringLiteral("DHL"));
        QCOMPARE(order.value()->trackingNumber(), QStringLiteral("TRK1"));
        QCOMPARE(order.value()->items().size(), 1);
        QCOMPARE(order.value()->items().first().productId, QStringLiteral("SKU-2"));
        QCOMPARE(order.value()->total(), Money::fromCents(30));
        auto history = service->history(id);
        OT_REQUIRE(history);
        QCOMPARE(history->size(), 7);
        for (const DomainEvent &event : history.value())
            QCOMPARE(event.metadata.userId, QStringLiteral("carol"));
    }

    // An SQLite file has no logins: the name field is editable, says that what it holds is
    // recorded, and it is.
    void sqliteRecordsTheNameTyped() {
        if (m_backend.isPostgres())
            QSKIP("SQLite only");
        const DatabaseUrl url = m_backend.freshDatabase();
        auto window = openDesk(url);
        QVERIFY(window);
        QLineEdit *user = window->userField();
        QVERIFY(user->isVisible());
        QVERIFY(!user->isReadOnly());
        QVERIFY(!window->loginLabel()->isVisible());
        QVERIFY2(user->toolTip().contains(QLatin1String("the name typed here is recorded")),
                 qPrintable(user->toolTip()));

        user->selectAll();
        QTest::keyClicks(user, QStringLiteral("dora"));
        QTest::keyClick(user, Qt::Key_Return);
        const QString id = createOrder(*window, QStringLiteral("CUST-DORA"));
        QVERIFY(!id.isEmpty());
        QCOMPARE(recordedUsers(url, id), QStringList{QStringLiteral("dora")});
    }

    // PostgreSQL records the login of the connection on every event, whatever a command says:
    // the desk shows that login and its role, not the name field, and a name typed on an SQLite
    // file before does not carry over.
    void serverLoginIsShownNotEdited() {
        if (!m_backend.isPostgres())
            QSKIP("PostgreSQL only: test_desk_postgresql runs this");
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        const DatabaseUrl url = m_backend.freshDatabase();
        const DatabaseUrl clerk =
            TestBackend::login(url, QStringLiteral("desk_clerk"), admin::Role::Staff);
        const DatabaseUrl auditor =
            TestBackend::login(url, QStringLiteral("desk_auditor"), admin::Role::Auditor);

        QTemporaryDir folder;
        auto window = openDesk(DatabaseUrl::sqlite(folder.filePath(QStringLiteral("own.sqlite"))));
        QVERIFY(window);
        QLineEdit *user = window->userField();
        QLabel *signedIn = window->loginLabel();
        QVERIFY(user->isVisible());
        user->selectAll();
        QTest::keyClicks(user, QStringLiteral("dora"));
        QTest::keyClick(user, Qt::Key_Return);

        QVERIFY(reopen(*window, clerk));
        QVERIFY(!user->isVisible());
        QVERIFY(signedIn->isVisible());
        QCOMPARE(signedIn->text(), QStringLiteral("desk_clerk (staff: may change orders)"));
        QVERIFY2(signedIn->toolTip().contains(QLatin1String("records this login on every change")),
                 qPrintable(signedIn->toolTip()));
        const QString id = createOrder(*window, QStringLiteral("CUST-CLERK"));
        QVERIFY(!id.isEmpty());
        QCOMPARE(recordedUsers(url, id), QStringList{QStringLiteral("desk_clerk")});

        QVERIFY(reopen(*window, auditor));
        QVERIFY(!user->isVisible());
        QCOMPARE(signedIn->text(), QStringLiteral("desk_auditor (auditor: reads only)"));
    }

    // PostgreSQL: a change that fails for storage (here a lock another session holds past the
    // desk's lock_timeout) offers Try again, which sends the same command, with the commandId
    // the store records it under: however often it is sent, it is applied once.
    void failedChangeIsSentAgainWithItsCommandId() {
        if (!m_backend.isPostgres())
            QSKIP("PostgreSQL only: test_desk_postgresql runs this");
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        DatabaseUrl url = m_backend.freshDatabase();
        const QString id = QStringLiteral("ORD-T1");
        OT_REQUIRE(openService(url)->execute(
            makeCommand(id, QStringLiteral("CreateOrder"),
                        {{QStringLiteral("customerId"), QStringLiteral("C")}})));
        RawConnection other(url);
        url.timeouts.lock = QStringLiteral("300ms");
        auto window = openDesk(url);
        QVERIFY(window);
        window->orderPanel()->showOrder(id);
        QTRY_COMPARE(window->orderPanel()->shownVersion(), 1);

        QVERIFY(!other.exec(QStringLiteral("BEGIN")).isValid());
        QVERIFY(!other.exec(QStringLiteral("LOCK TABLE order_summaries IN SHARE MODE")).isValid());
        typeItem(*window, QStringLiteral("SKU-1"), QStringLiteral("Mug"), 1,
                 QStringLiteral("9.99"));
        press(*window, action(*window, "addItemAction"));
        MessageWidget *message = window->orderPanel()->findChild<MessageWidget *>();
        QTRY_VERIFY(message->isVisible() && message->type() == MessageWidget::Type::Error);
        QVERIFY2(message->text().contains(QLatin1String("lock_timeout")),
                 qPrintable(message->text()));
        QVERIFY(!other.exec(QStringLiteral("ROLLBACK")).isValid());

        QAction *again = action(*window, "tryAgainAction");
        QVERIFY(again->isEnabled());
        QPushButton *button = messageButton(message, again->text());
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE(window->orderPanel()->shownVersion(), 2);
        QVERIFY(!message->isVisible());
        auto history = openService(url)->history(id);
        OT_REQUIRE(history);
        QCOMPARE(history->size(), 2);
        QCOMPARE(other.value(QStringLiteral("SELECT command_id FROM commands")).toString(),
                 history->back().metadata.causationId);
    }

    void rejectedActionShowsTheCoreMessageAndKeepsInput() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = openService(url);
        const QString id = QStringLiteral("ORD-R1");
        OT_REQUIRE(
            service->execute(makeCommand(id, QStringLiteral("CreateOrder"),
                                         {{QStringLiteral("customerId"), QStringLiteral("C")}})));
        const QJsonObject item{{QStringLiteral("productId"), QStringLiteral("SKU-1")},
                               {QStringLiteral("name"), QStringLiteral("Mug")},
                               {QStringLiteral("quantity"), 1},
                               {QStringLiteral("price"), QStringLiteral("9.99")}};
        OT_REQUIRE(service->execute(makeCommand(id, QStringLiteral("AddItem"), item)));
        // What the core says to adding the same product again.
        auto refusal = service->execute(makeCommand(id, QStringLiteral("AddItem"), item));
        QVERIFY(!refusal.ok());
        QCOMPARE(refusal.error().code, ErrorCode::Rejected);

        auto window = openDesk(url);
        QVERIFY(window);
        window->orderPanel()->showOrder(id);
        QTRY_COMPARE(window->orderPanel()->shownVersion(), 2);
        typeItem(*window, QStringLiteral("SKU-1"), QStringLiteral("Mug"), 4,
                 QStringLiteral("12.50"));
        press(*window, action(*window, "addItemAction"));

        MessageWidget *message = window->orderPanel()->findChild<MessageWidget *>();
        QTRY_VERIFY(message->isVisible());
        QCOMPARE(message->type(), MessageWidget::Type::Error);
        QCOMPARE(message->text(), refusal.error().message);
        QCOMPARE(field<QLineEdit>(*window, "productId")->text(), QStringLiteral("SKU-1"));
        QCOMPARE(field<QLineEdit>(*window, "productName")->text(), QStringLiteral("Mug"));
        QCOMPARE(field<QSpinBox>(*window, "quantity")->value(), 4);
        QCOMPARE(field<MoneyEdit>(*window, "price")->text(), QStringLiteral("12.50"));
        QCOMPARE(window->orderPanel()->shownVersion(), 2);
        auto stream = service->history(id);
        OT_REQUIRE(stream);
        QCOMPARE(stream->size(), 2);

        // A cancel without a reason: the core's message, and the order stays as it was.
        press(*window, action(*window, "cancelAction"));
        QTRY_VERIFY(message->text() != refusal.error().message);
        QCOMPARE(message->type(), MessageWidget::Type::Error);
        QVERIFY(message->text().contains(QLatin1String("reason")));
        stream = service->history(id);
        OT_REQUIRE(stream);
        QCOMPARE(stream->size(), 2);
    }

    void conflictIsShownAndNothingIsAppliedSilently() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto other = openService(url);
        const QString id = QStringLiteral("ORD-C1");
        OT_REQUIRE(
            other->execute(makeCommand(id, QStringLiteral("CreateOrder"),
                                       {{QStringLiteral("customerId"), QStringLiteral("C")}})));
        OT_REQUIRE(
            other->execute(makeCommand(id, QStringLiteral("AddItem"),
                                       {{QStringLiteral("productId"), QStringLiteral("SKU-1")},
                                        {QStringLiteral("name"), QStringLiteral("Mug")},
                                        {QStringLiteral("quantity"), 1},
                                        {QStringLiteral("price"), QStringLiteral("9.99")}})));

        auto window = openDesk(url);
        QVERIFY(window);
        OrderPanel *panel = window->orderPanel();
        panel->showOrder(id);
        QTRY_COMPARE(panel->shownVersion(), 2);

        // Bob, on another connection, adds an item; the desk still shows version 2 (no event
        // loop runs in between) and its user confirms what they see.
        OT_REQUIRE(
            other->execute(makeCommand(id, QStringLiteral("AddItem"),
                                       {{QStringLiteral("productId"), QStringLiteral("SKU-9")},
                                        {QStringLiteral("name"), QStringLiteral("Kettle")},
                                        {QStringLiteral("quantity"), 1},
                                        {QStringLiteral("price"), QStringLiteral("59.90")}},
                                       QStringLiteral("bob"))));
        QCOMPARE(panel->shownVersion(), 2);
        QTest::mouseClick(buttonOf(panel, action(*window, "confirmAction")), Qt::LeftButton);

        MessageWidget *message = panel->findChild<MessageWidget *>();
        QTRY_COMPARE(message->type(), MessageWidget::Type::Warning);
        QTRY_VERIFY(message->text().contains(QLatin1String("SKU-9")));
        QVERIFY(message->text().contains(QLatin1String("bob")));
        QTRY_COMPARE(panel->shownVersion(), 3); // refreshed to what bob left
        auto order = other->order(id);
        OT_REQUIRE(order);
        QCOMPARE(order.value()->version(), 3);
        QCOMPARE(order.value()->status(), OrderStatus::Created); // the confirm was not applied

        // The user decides: apply the change to the state they now see.
        QPushButton *again = messageButton(message, panel->tr("Apply my change again"));
        QVERIFY(again);
        QTest::mouseClick(again, Qt::LeftButton);
        QTRY_COMPARE(panel->shownVersion(), 4);
        QVERIFY(message->text().isEmpty());
        order = other->order(id);
        OT_REQUIRE(order);
        QCOMPARE(order.value()->status(), OrderStatus::Confirmed);
        QCOMPARE(order.value()->items().size(), 2);
    }

    void conflictCanBeDiscarded() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto other = openService(url);
        const QString id = QStringLiteral("ORD-C2");
        OT_REQUIRE(
            other->execute(makeCommand(id, QStringLiteral("CreateOrder"),
                                       {{QStringLiteral("customerId"), QStringLiteral("C")}})));
        auto window = openDesk(url);
        QVERIFY(window);
        OrderPanel *panel = window->orderPanel();
        panel->showOrder(id);
        QTRY_COMPARE(panel->shownVersion(), 1);

        typeItem(*window, QStringLiteral("SKU-5"), QStringLiteral("Tea"), 1,
                 QStringLiteral("3.00"));
        OT_REQUIRE(other->execute(makeCommand(
            id, QStringLiteral("CancelOrder"),
            {{QStringLiteral("reason"), QStringLiteral("duplicate")}}, QStringLiteral("bob"))));
        press(*window, action(*window, "addItemAction"));
        MessageWidget *message = panel->findChild<MessageWidget *>();
        QTRY_VERIFY(message->text().contains(QLatin1String("duplicate")));
        QCOMPARE(message->type(), MessageWidget::Type::Warning);
        QTRY_COMPARE(panel->shownVersion(), 2);
        QVERIFY(!action(*window, "addItemAction")->isEnabled()); // cancelled now
        QCOMPARE(field<QLineEdit>(*window, "productId")->text(), QStringLiteral("SKU-5"));

        QTest::mouseClick(messageButton(message, panel->tr("Discard my change")), Qt::LeftButton);
        QVERIFY(message->text().isEmpty());
        QVERIFY(field<QLineEdit>(*window, "productId")->text().isEmpty());
        auto stream = other->history(id);
        OT_REQUIRE(stream);
        QCOMPARE(stream->size(), 2);
    }

    void listUpdatesLiveWhenAnotherConnectionCommits() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto window = openDesk(url);
        QVERIFY(window);
        OrderListModel *model = window->orderList()->model();
        QCOMPARE(model->rowCount(), 0);

        auto other = openService(url);
        OT_REQUIRE(other->execute(makeCommand(
            QStringLiteral("ORD-LIVE"), QStringLiteral("CreateOrder"),
            {{QStringLiteral("customerId"), QStringLiteral("CUST-LIVE")}}, QStringLiteral("bob"))));
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->orderId(0), QStringLiteral("ORD-LIVE"));
        QCOMPARE(model->index(0, OrderListModel::UserColumn).data().toString(),
                 QStringLiteral("bob"));
        QTRY_COMPARE(model->matchingCount(), 1);
        QCOMPARE(model->tally().count(OrderStatus::Created), 1);

        // A change to a listed order shows in its row.
        OT_REQUIRE(
            other->execute(makeCommand(QStringLiteral("ORD-LIVE"), QStringLiteral("AddItem"),
                                       {{QStringLiteral("productId"), QStringLiteral("SKU-1")},
                                        {QStringLiteral("name"), QStringLiteral("Mug")},
                                        {QStringLiteral("quantity"), 3},
                                        {QStringLiteral("price"), QStringLiteral("1.10")}})));
        QTRY_COMPARE(model->index(0, OrderListModel::TotalColumn).data().toString(),
                     QStringLiteral("3.30 EUR"));
    }

    void listModelPassesTheModelTester() {
        const DatabaseUrl url = m_backend.freshDatabase();
        const int orders = OrderListModel::PageSize + 40;
        OT_REQUIRE(openService(url)->addDemoOrders(orders, 3, QStringLiteral("alice")));

        DeskConnection connection(url);
        OrderListModel model(connection);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(model.rowCount(), OrderListModel::PageSize);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), orders);
        QTRY_VERIFY(!model.canFetchMore({}));
        QTRY_COMPARE(model.matchingCount(), orders);

        // Every sort gives every order once, in the column's order.
        for (int column = 0; column < OrderListModel::ColumnCount; ++column) {
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                model.sort(column, order);
                QTRY_VERIFY(model.rowCount() > 0);
                while (model.rowCount() < orders) {
                    const int before = model.rowCount();
                    QTRY_VERIFY(model.canFetchMore({}));
                    model.fetchMore({});
                    QTRY_VERIFY(model.rowCount() > before);
                }
                QSet<QString> ids;
                for (int row = 0; row < model.rowCount(); ++row)
                    ids.insert(model.orderId(row));
                QCOMPARE(ids.size(), orders);
            }
        }
        model.sort(OrderListModel::TotalColumn, Qt::AscendingOrder);
        QTRY_VERIFY(model.rowCount() > 1);
        // The total column is a decimal string and the currency; its order is the order of its
        // cents.
        const auto amount = [&](int row) {
            return Money::parse(model.index(row, OrderListModel::TotalColumn)
                                    .data()
                                    .toString()
                                    .section(u' ', 0, 0));
        };
        for (int row = 1; row < model.rowCount(); ++row) {
            const auto before = amount(row - 1);
            const auto here = amount(row);
            QVERIFY(before && here && before->cents() <= here->cents());
        }

        // Status filter and search are queries: only matching rows, with the right counts.
        auto all = openService(url)->orders();
        OT_REQUIRE(all);
        model.setStatus(OrderStatus::Shipped);
        const auto shipped = std::count_if(all->cbegin(), all->cend(), [](const OrderSummary &s) {
            return s.status == OrderStatus::Shipped;
        });
        QVERIFY(shipped > 0);
        QTRY_COMPARE(model.rowCount(), int(shipped));
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, OrderListModel::StatusColumn).data().toString(),
                     EventText::status(OrderStatus::Shipped));
        model.setStatus(std::nullopt);
        const QString customer = all->first().customerId;
        model.setSearch(customer.toLower().mid(2)); // part of it, in another case
        const auto matching = std::count_if(all->cbegin(), all->cend(), [&](const OrderSummary &s) {
            return s.customerId.contains(customer.mid(2), Qt::CaseInsensitive) ||
                   s.orderId.contains(customer.mid(2), Qt::CaseInsensitive);
        });
        QTRY_COMPARE(model.matchingCount(), qint64(matching));
        QTRY_COMPARE(model.rowCount(), std::min(int(matching), int(OrderListModel::PageSize)));
        model.setSearch(QStringLiteral("%")); // a LIKE wildcard is searched for as itself
        QTRY_COMPARE(model.matchingCount(), 0);
        QTRY_COMPARE(model.rowCount(), 0);
        model.setSearch({});
        model.refresh();
        QTRY_COMPARE(model.matchingCount(), orders);
    }

    void opensLazilyAtManyOrders() {
        const DatabaseUrl url = m_backend.freshDatabase();
        const int orders = 100'000;
        {
            // The list reads the read model only, so its rows are written straight to it.
            RawConnection raw(url);
            const QSqlError error = raw.exec(
                QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                               "WHERE i < ") %
                QString::number(orders) %
                QStringLiteral(") INSERT INTO order_summaries SELECT printf('BULK-%06d', i), "
                               "'CUST-' || (i % 97), 'created', 1, i, 1, i, i, 'bulk', i, 0, "
                               "'EUR' FROM n"));
            QVERIFY2(!error.isValid(), qPrintable(error.text()));
        }
        auto window = openDesk(url);
        QVERIFY(window);
        OrderListModel *model = window->orderList()->model();
        QTRY_COMPARE(model->matchingCount(), orders);
        QTRY_COMPARE(model->rowCount(), OrderListModel::PageSize);
        QCOMPARE(model->orderId(0), QStringLiteral("BULK-%1").arg(orders, 6, 10, QChar(u'0')));
        // Scrolling to the end of the loaded rows loads one page more, no more.
        window->orderList()->table()->scrollToBottom();
        QTRY_COMPARE(model->rowCount(), 2 * OrderListModel::PageSize);
        QCOMPARE(
            model->orderId(OrderListModel::PageSize),
            QStringLiteral("BULK-%1").arg(orders - OrderListModel::PageSize, 6, 10, QChar(u'0')));
    }

    void emptyDatabaseOffersDemoOrdersThatCanBeCancelled() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto window = openDesk(url);
        QVERIFY(window);
        QVERIFY(window->message()->isVisible());
        QPushButton *offer = messageButton(window->message(), window->demoOrdersAction()->text());
        QVERIFY(offer);
        QSignalSpy finished(window.get(), &MainWindow::demoOrdersFinished);
        QTest::mouseClick(offer, Qt::LeftButton);
        // Cancel at once: the job stops after the order it is making.
        auto *cancel = window->findChild<QToolButton *>(QStringLiteral("cancelDemoOrders"));
        QVERIFY(cancel && cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(finished.wait(30'000));
        const int made = finished.first().first().toInt();
        QVERIFY(made >= 1);
        QVERIFY(made < 200);
        auto summaries = openService(url)->orders();
        OT_REQUIRE(summaries);
        QCOMPARE(summaries->size(), made);
        QTRY_COMPARE(window->orderList()->model()->rowCount(), made);
    }
};

OT_GUI_TEST_MAIN(TestDesk, "test_desk")

#include "test_desk.moc"
