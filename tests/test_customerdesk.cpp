// Customers and the product catalogue in the staff desk, driven through its real widgets,
// offscreen: the pickers of the order panel, the Customers and Products views, and erasure as
// the desk shows it. On SQLite, and (test_customerdesk_postgresql) on PostgreSQL.
#include "AuditView.h"
#include "CustomersView.h"
#include "DeskConnection.h"
#include "DeskTestSupport.h"
#include "GuiTestMain.h"
#include "MainWindow.h"
#include "MessageWidget.h"
#include "OrderPanel.h"
#include "OrderStateView.h"
#include "ProductsView.h"
#include "RecordList.h"
#include "TimelineModel.h"
#include "TimelineWidget.h"

#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>

using namespace ot;
using namespace ot::test;

namespace {

// Replaces what a field holds by `text`, typed.
void retype(QLineEdit *edit, const QString &text) {
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Delete);
    else
        QTest::keyClicks(edit, text);
}

} // namespace

class TestCustomerDesk : public QObject {
    Q_OBJECT

    TestBackend m_backend;

private slots:
    void initTestCase() {
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
    }
    void init() { QSettings().clear(); }

    // The order panel offers registered customers and active products only, by a few letters;
    // the order shows the customer's name and address, a catalogue line copies name, price and
    // tax rate, and once the customer is forgotten the desk shows them erased.
    void pickersOfferRegisteredCustomersAndActiveProducts() {
        const DatabaseUrl url = m_backend.freshDatabase();
        {
            auto service = openService(url);
            registerCustomer(*service, QStringLiteral("CUST-A"), QStringLiteral("Anna Schmidt"));
            registerCustomer(*service, QStringLiteral("CUST-B"), QStringLiteral("Anneliese Gone"),
                             QStringLiteral("Hamburg"));
            OT_REQUIRE(service->execute(OrderService::command(
                QStringLiteral("CUST-B"), CustomerCommands::forget(QStringLiteral("request")),
                QStringLiteral("setup"))));
            addProduct(*service, QStringLiteral("SKU-1"), QStringLiteral("Ceramic mug"),
                       QStringLiteral("9.99"), QStringLiteral("19"));
            addProduct(*service, QStringLiteral("SKU-2"), QStringLiteral("Mug tree"),
                       QStringLiteral("15.00"), QStringLiteral("19"));
            OT_REQUIRE(service->execute(OrderService::command(QStringLiteral("SKU-2"),
                                                              ProductCommands::discontinue({}),
                                                              QStringLiteral("setup"))));
        }
        auto window = openDesk(url);
        QVERIFY(window);
        OrderPanel *panel = window->orderPanel();
        auto *message = panel->findChild<MessageWidget *>();
        auto *customer = child<RecordPicker>(panel, "customer");

        // A customer id typed without picking is no customer: refused, nothing written.
        QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier);
        QTest::keyClicks(customer, QStringLiteral("CUST-NONE"));
        QTest::keyClick(customer, Qt::Key_Return);
        QTRY_VERIFY(message->isVisible());
        QVERIFY2(message->text().contains(QLatin1String("Choose a registered customer")),
                 qPrintable(message->text()));
        QCOMPARE(openService(url)->orderPage({}, std::nullopt, 10).value().size(), 0);

        // "ann" matches both names, but the forgotten customer is not offered. The order can be
        // created once a customer is picked.
        customer->reset();
        QAction *create = child<QAction>(panel, "createOrderAction");
        QVERIFY(!create->isEnabled());
        QVERIFY(pick(customer, QStringLiteral("ann")));
        QVERIFY(create->isEnabled());
        QCOMPARE(customer->list()->popup()->model()->rowCount(), 1);
        QCOMPARE(customer->picked()->id, QStringLiteral("CUST-A"));
        QTest::keyClick(customer, Qt::Key_Return);
        QTRY_COMPARE(panel->shownVersion(), 1);
        auto *details = child<QLabel>(panel, "orderDetails");
        QVERIFY2(details->text().contains(QLatin1String("Anna Schmidt (CUST-A)")),
                 qPrintable(details->text()));
        QVERIFY2(
            details->text().contains(QStringLiteral("Ship to Hauptstraße 1, 10115 Berlin, DE")),
            qPrintable(details->text()));

        // "mug" matches both products; the discontinued one is not offered. A pick fills in
        // what the line copies, which cannot be typed over.
        auto *product = child<RecordPicker>(panel, "productId");
        QCOMPARE(QApplication::focusWidget(), product); // the new order's items come next
        QVERIFY(pick(product, QStringLiteral("mug")));
        QCOMPARE(product->list()->popup()->model()->rowCount(), 1);
        auto *name = child<QLineEdit>(panel, "productName");
        auto *price = child<QLineEdit>(panel, "price");
        auto *tax = child<QLineEdit>(panel, "taxRate");
        QCOMPARE(name->text(), QStringLiteral("Ceramic mug"));
        QCOMPARE(price->text(), QStringLiteral("9.99"));
        QCOMPARE(tax->text(), QStringLiteral("19"));
        QVERIFY(name->isReadOnly() && price->isReadOnly() && tax->isReadOnly());
        auto *quantity = child<QSpinBox>(panel, "quantity");
        QCOMPARE(QApplication::focusWidget(), quantity);
        quantity->selectAll();
        QTest::keyClicks(quantity, QStringLiteral("2"));
        QTest::keyClick(quantity, Qt::Key_Return);
        QTRY_COMPARE(panel->shownVersion(), 2);
        auto order = openService(url)->order(panel->orderId());
        OT_REQUIRE(order);
        QCOMPARE(order.value()->items().size(), 1);
        const OrderItem line = order.value()->items().first();
        QCOMPARE(line.productId, QStringLiteral("SKU-1"));
        QCOMPARE(line.name, QStringLiteral("Ceramic mug"));
        QCOMPARE(line.price, Money::fromCents(999));
        QCOMPARE(line.taxRate, QStringLiteral("19"));
        QCOMPARE(line.quantity, 2);
        // The line's tax at the catalogue's rate: 19.98 × 19 % = 3.7962 → 3.80.
        QTRY_VERIFY2(
            details->text().contains(QStringLiteral("EUR · net 19.98 · tax 3.80 · gross 23.78")),
            qPrintable(details->text()));

        // Editing the product after a pick lets go of it: a line typed by hand again.
        QVERIFY(pick(product, QStringLiteral("ceramic")));
        QTest::keyClick(product, Qt::Key_X);
        QVERIFY(!product->picked());
        QVERIFY(!name->isReadOnly());
        QVERIFY(name->text().isEmpty());

        // The timeline shows the customer as the order was created for them.
        const QString orderId = panel->orderId();
        window->showTimeline(orderId, 1);
        TimelineWidget *timeline = window->timeline();
        QTRY_COMPARE(timeline->stateView()->version(), 1);
        const auto created = [&] {
            return timeline->model()->index(0).data(Qt::DisplayRole).toString();
        };
        QTRY_VERIFY2(created().contains(QLatin1String("Anna Schmidt (CUST-A)")),
                     qPrintable(created()));
        const auto stateText = [&] {
            QStringList texts;
            for (const QLabel *label : timeline->stateView()->findChildren<QLabel *>())
                texts << label->text();
            return texts.join(u'\n');
        };
        QVERIFY2(stateText().contains(QLatin1String("Anna Schmidt")), qPrintable(stateText()));

        // Forgotten by someone else: the order still loads, and the desk shows every copy
        // erased without being asked to, though no version of the order changed.
        OT_REQUIRE(openService(url)->execute(OrderService::command(
            QStringLiteral("CUST-A"), CustomerCommands::forget(QStringLiteral("erasure request")),
            QStringLiteral("setup"))));
        QTRY_VERIFY2(created().contains(QLatin1String("CUST-A (name erased)")),
                     qPrintable(created()));
        QTRY_VERIFY2(!stateText().contains(QLatin1String("Anna")), qPrintable(stateText()));
        QVERIFY2(stateText().contains(QLatin1String("ship to (erased)")), qPrintable(stateText()));
        QTRY_VERIFY2(details->text().contains(QLatin1String("CUST-A (name erased)")),
                     qPrintable(details->text()));
        QVERIFY2(details->text().contains(QLatin1String("Ship to (erased)")),
                 qPrintable(details->text()));
        QVERIFY(!details->text().contains(QLatin1String("Anna")));
        QVERIFY(!details->text().contains(QStringLiteral("Hauptstraße")));
    }

    // Register, edit and forget a customer through the Customers view, from the keyboard.
    // A picker's list holds at most RecordPicker::Matches records; forgotten customers and
    // discontinued products are left out by the lookup itself, so that a search whose first
    // matches are all gone still offers the ones after them.
    void pickersLookPastRecordsThatCannotBePicked() {
        const DatabaseUrl url = m_backend.freshDatabase();
        {
            auto service = openService(url);
            for (int i = 0; i < RecordPicker::Matches; ++i) {
                const QString id = QStringLiteral("CUST-%1").arg(i, 2, 10, QLatin1Char('0'));
                registerCustomer(*service, id, QStringLiteral("Gone %1").arg(i));
                OT_REQUIRE(service->execute(
                    OrderService::command(id, CustomerCommands::forget(QStringLiteral("request")),
                                          QStringLiteral("setup"))));
                const QString sku = QStringLiteral("SKU-%1").arg(i, 2, 10, QLatin1Char('0'));
                addProduct(*service, sku, QStringLiteral("Old %1").arg(i), QStringLiteral("1.00"),
                           QStringLiteral("19"));
                OT_REQUIRE(service->execute(OrderService::command(
                    sku, ProductCommands::discontinue({}), QStringLiteral("setup"))));
            }
            registerCustomer(*service, QStringLiteral("CUST-99"), QStringLiteral("Zoe Last"));
            addProduct(*service, QStringLiteral("SKU-99"), QStringLiteral("New mug"),
                       QStringLiteral("5.00"), QStringLiteral("19"));
        }
        auto window = openDesk(url);
        QVERIFY(window);
        OrderPanel *panel = window->orderPanel();
        QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier);
        auto *customer = child<RecordPicker>(panel, "customer");
        QVERIFY(pick(customer, QStringLiteral("CUST")));
        QCOMPARE(customer->list()->popup()->model()->rowCount(), 1);
        QCOMPARE(customer->picked()->id, QStringLiteral("CUST-99"));
        QTest::keyClick(customer, Qt::Key_Return);
        QTRY_COMPARE(panel->shownVersion(), 1);
        auto *product = child<RecordPicker>(panel, "productId");
        QVERIFY(pick(product, QStringLiteral("SKU")));
        QCOMPARE(product->list()->popup()->model()->rowCount(), 1);
        QCOMPARE(product->picked()->id, QStringLiteral("SKU-99"));
    }

    void customersViewRegistersEditsAndForgets() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto window = openDesk(url);
        QVERIFY(window);
        QTest::keyClick(window.get(), Qt::Key_4, Qt::ControlModifier);
        CustomersView *view = window->customers();
        QCOMPARE(window->tabs()->currentWidget(), view);
        auto *message = view->findChild<MessageWidget *>();

        QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        auto *name = child<QLineEdit>(view, "customerName");
        QCOMPARE(QApplication::focusWidget(), name);
        QTest::keyClicks(name, QStringLiteral("Zoe Martin"));
        QTest::keyClicks(child<QLineEdit>(view, "customerEmail"), QStringLiteral("not-an-email"));
        QTest::keyClicks(child<QLineEdit>(view, "billingLine1"), QStringLiteral("Rue 5"));
        QTest::keyClicks(child<QLineEdit>(view, "billingCity"), QStringLiteral("Lyon"));
        QTest::keyClicks(child<QLineEdit>(view, "billingCountry"), QStringLiteral("fr"));
        child<QLineEdit>(view, "billingCountry")->setFocus();
        QTest::keyClick(child<QLineEdit>(view, "billingCountry"), Qt::Key_Tab); // as shown
        QCOMPARE(QApplication::focusWidget(), child<QCheckBox>(view, "sameAddress"));
        QVERIFY(child<QCheckBox>(view, "sameAddress")->isChecked());
        QCOMPARE(child<QLineEdit>(view, "shippingCity")->text(), QStringLiteral("Lyon"));

        // A malformed e-mail: the core's message, nothing registered, the form kept.
        QTest::keyClick(name, Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(message->isVisible() && message->type() == MessageWidget::Type::Error);
        QVERIFY2(message->text().contains(QLatin1String("e-mail")), qPrintable(message->text()));
        auto service = openService(url);
        QCOMPARE(service->customerPage({}, {}, {}, 10).value().size(), 0);
        QCOMPARE(name->text(), QStringLiteral("Zoe Martin"));

        retype(child<QLineEdit>(view, "customerEmail"), QStringLiteral("zoe@example.fr"));
        QTest::keyClick(name, Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(!view->customerId().isEmpty());
        const QString id = view->customerId();
        auto stored = service->customer(id);
        OT_REQUIRE(stored);
        QCOMPARE(stored.value()->field(CustomerField::Name).toString(),
                 QStringLiteral("Zoe Martin"));
        const QJsonObject lyon = stored.value()->field(CustomerField::ShippingAddress).toObject();
        QCOMPARE(lyon.value(CustomerField::Country).toString(), QStringLiteral("FR"));
        QCOMPARE(stored.value()->field(CustomerField::BillingAddress).toObject(), lyon);
        QTRY_COMPARE(view->list()->table()->model()->rowCount(), 1);

        // A change sends only what changed.
        QTRY_VERIFY(child<QLineEdit>(view, "customerPhone")->isEnabled());
        QTest::keyClicks(child<QLineEdit>(view, "customerPhone"), QStringLiteral("+33 4 00 00"));
        QTest::keyClick(name, Qt::Key_S, Qt::ControlModifier);
        QTRY_COMPARE(view->history()->count(), 2);
        auto history = service->streamHistory(CustomerWord::Type, id);
        OT_REQUIRE(history);
        QCOMPARE(history->back().type, CustomerWord::DetailsChanged);
        QCOMPARE(history->back().data.keys(), QStringList{CustomerField::Phone});

        // Someone else changes the customer while the phone is being edited here: nothing is
        // saved, what was typed stays, and saving again puts it on top of their change.
        auto *phone = child<QLineEdit>(view, "customerPhone");
        retype(phone, QStringLiteral("+33 4 11 11"));
        OT_REQUIRE(service->execute(OrderService::command(
            id,
            CustomerCommands::changeDetails(
                {{CustomerField::Email, QStringLiteral("compta@example.fr")}}),
            QStringLiteral("mallory"))));
        QTest::keyClick(name, Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(message->isVisible() && message->type() == MessageWidget::Type::Warning);
        QVERIFY2(message->text().contains(QLatin1String("Someone else changed")),
                 qPrintable(message->text()));
        QTRY_COMPARE(view->history()->count(), 3);
        QCOMPARE(phone->text(), QStringLiteral("+33 4 11 11"));
        QTest::keyClick(name, Qt::Key_S, Qt::ControlModifier);
        QTRY_COMPARE(view->history()->count(), 4);
        stored = service->customer(id);
        OT_REQUIRE(stored);
        QCOMPARE(stored.value()->field(CustomerField::Phone).toString(),
                 QStringLiteral("+33 4 11 11"));
        QCOMPARE(stored.value()->field(CustomerField::Email).toString(),
                 QStringLiteral("compta@example.fr"));

        // Again, and this time the user discards their change: the form shows the stored one.
        retype(phone, QStringLiteral("+33 4 22 22"));
        OT_REQUIRE(service->execute(OrderService::command(
            id,
            CustomerCommands::changeDetails(
                {{CustomerField::Email, QStringLiteral("achats@example.fr")}}),
            QStringLiteral("mallory"))));
        QTest::keyClick(name, Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(message->isVisible() && message->type() == MessageWidget::Type::Warning);
        QPushButton *discard =
            messageButton(message, child<QAction>(view, "discardCustomerChangeAction")->text());
        QVERIFY(discard);
        QTest::mouseClick(discard, Qt::LeftButton);
        QTRY_COMPARE(phone->text(), QStringLiteral("+33 4 11 11"));
        QCOMPARE(child<QLineEdit>(view, "customerEmail")->text(),
                 QStringLiteral("achats@example.fr"));
        QCOMPARE(view->history()->count(), 5);
        QVERIFY(!message->isVisible());

        // A customer selected and at once left for a new one: the late answer fills nothing.
        // Then the same customer again, from the list.
        QTableView *table = view->list()->table();
        const auto clickRow = [table] {
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                              table->visualRect(table->model()->index(0, 1)).center());
        };
        QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(name->text().isEmpty() && view->customerId().isEmpty());
        clickRow();
        QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::qWait(300);
        QVERIFY2(name->text().isEmpty(), qPrintable(name->text()));
        QVERIFY(view->customerId().isEmpty());
        clickRow();
        QTRY_COMPARE(view->customerId(), id);
        QTRY_COMPARE(name->text(), QStringLiteral("Zoe Martin"));

        // Forgetting asks for a reason, then for a confirmation.
        QAction *forget = child<QAction>(view, "forgetCustomerAction");
        forget->trigger();
        QTRY_VERIFY(message->isVisible() && message->type() == MessageWidget::Type::Error);
        QVERIFY2(message->text().contains(QLatin1String("Say why")), qPrintable(message->text()));
        QTest::keyClicks(child<QLineEdit>(view, "forgetReason"), QStringLiteral("asked by phone"));
        forget->trigger();
        QTRY_VERIFY(message->type() == MessageWidget::Type::Warning);
        QVERIFY(!service->customer(id).value()->forgotten()); // nothing until confirmed
        QPushButton *confirm =
            messageButton(message, child<QAction>(view, "confirmForgetAction")->text());
        QVERIFY(confirm);
        QTest::mouseClick(confirm, Qt::LeftButton);
        QTRY_COMPARE(view->history()->count(), 6);
        QVERIFY(service->customer(id).value()->forgotten());
        QVERIFY2(view->history()->item(5)->text().contains(QLatin1String("asked by phone")),
                 qPrintable(view->history()->item(5)->text()));
        QTRY_COMPARE(name->text(), QStringLiteral("(erased)"));
        QVERIFY(name->isReadOnly());
        QVERIFY(!child<QAction>(view, "saveCustomerAction")->isEnabled());
        const QAbstractItemModel *rows = view->list()->table()->model();
        QTRY_COMPARE(rows->index(0, 1).data().toString(), QStringLiteral("(erased)"));
        for (int row = 0; row < view->history()->count(); ++row)
            QVERIFY(!view->history()->item(row)->text().contains(QLatin1String("Zoe")));
    }

    // Add a product, change its price (the history shows each price), discontinue it.
    void productsViewAddsChangesPriceAndDiscontinues() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto window = openDesk(url);
        QVERIFY(window);
        QTest::keyClick(window.get(), Qt::Key_5, Qt::ControlModifier);
        ProductsView *view = window->products();
        QCOMPARE(window->tabs()->currentWidget(), view);
        auto *message = view->findChild<MessageWidget *>();
        auto service = openService(url);

        const auto addProduct = [&](const QString &sku) {
            QTest::keyClicks(child<QLineEdit>(view, "newSku"), sku);
            QTest::keyClicks(child<QLineEdit>(view, "newProductName"), QStringLiteral("Grinder"));
            QTest::keyClicks(child<QLineEdit>(view, "newProductPrice"), QStringLiteral("129,00"));
            auto *tax = child<QLineEdit>(view, "newProductTaxRate");
            QTest::keyClicks(tax, QStringLiteral("7.5"));
            QTest::keyClick(tax, Qt::Key_Return);
        };
        addProduct(QStringLiteral("SKU-9"));
        QTRY_COMPARE(view->productId(), QStringLiteral("SKU-9"));
        auto product = service->product(QStringLiteral("SKU-9"));
        OT_REQUIRE(product);
        QCOMPARE(product.value()->unitPrice(), Money::fromCents(12900));
        QCOMPARE(product.value()->taxRate(), QStringLiteral("7.5"));
        QCOMPARE(view->history()->count(), 1);

        // The same SKU again: refused, the catalogue unchanged, what was typed kept.
        addProduct(QStringLiteral("SKU-9"));
        QTRY_VERIFY(message->isVisible() && message->type() == MessageWidget::Type::Error);
        QCOMPARE(child<QLineEdit>(view, "newSku")->text(), QStringLiteral("SKU-9"));
        QCOMPARE(service->streamHistory(ProductWord::Type, QStringLiteral("SKU-9"))->size(), 1);

        auto *newPrice = child<QLineEdit>(view, "newPrice");
        QTest::keyClicks(newPrice, QStringLiteral("139.50"));
        QTest::keyClicks(child<QLineEdit>(view, "productReason"), QStringLiteral("supplier price"));
        QTest::keyClick(newPrice, Qt::Key_Return);
        QTRY_COMPARE(view->history()->count(), 2);
        QCOMPARE(service->product(QStringLiteral("SKU-9")).value()->unitPrice(),
                 Money::fromCents(13950));
        // Newest first: the price now, with why, above how it began.
        QVERIFY2(view->history()->item(0)->text().contains(QLatin1String("139.50: supplier price")),
                 qPrintable(view->history()->item(0)->text()));
        QVERIFY2(view->history()->item(1)->text().contains(QLatin1String("129.00")),
                 qPrintable(view->history()->item(1)->text()));

        // Discontinuing asks first; keeping it changes nothing.
        child<QAction>(view, "discontinueAction")->trigger();
        QTRY_VERIFY(message->isVisible() && message->type() == MessageWidget::Type::Warning);
        QPushButton *keep = messageButton(message, QStringLiteral("Keep It"));
        QVERIFY(keep);
        QTest::mouseClick(keep, Qt::LeftButton);
        QVERIFY(!message->isVisible());
        QVERIFY(!service->product(QStringLiteral("SKU-9")).value()->discontinued());
        child<QAction>(view, "discontinueAction")->trigger();
        QPushButton *confirm =
            messageButton(message, child<QAction>(view, "confirmDiscontinueAction")->text());
        QVERIFY(confirm);
        QTest::mouseClick(confirm, Qt::LeftButton);
        QTRY_COMPARE(view->history()->count(), 3);
        QVERIFY(service->product(QStringLiteral("SKU-9")).value()->discontinued());
        QVERIFY(!child<QAction>(view, "changePriceAction")->isEnabled());
        QVERIFY(!child<QAction>(view, "discontinueAction")->isEnabled());
    }

    // An event of a customer opened in the audit view shows that customer, one of a product
    // that product.
    void auditOpensTheRecordOfAnEvent() {
        const DatabaseUrl url = m_backend.freshDatabase();
        {
            auto service = openService(url);
            registerCustomer(*service, QStringLiteral("CUST-A"), QStringLiteral("Anna"));
            addProduct(*service, QStringLiteral("SKU-1"), QStringLiteral("Mug"),
                       QStringLiteral("9.99"), QStringLiteral("19"));
        }
        auto window = openDesk(url);
        QVERIFY(window);
        QTest::keyClick(window.get(), Qt::Key_3, Qt::ControlModifier);
        auto *table = window->audit()->table();
        QTRY_COMPARE(table->model()->rowCount(), 2); // newest first: the product, the customer
        table->setCurrentIndex(table->model()->index(1, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(window->tabs()->currentWidget(), window->customers());
        QTRY_COMPARE(child<QLineEdit>(window->customers(), "customerName")->text(),
                     QStringLiteral("Anna"));
        QTest::keyClick(window.get(), Qt::Key_3, Qt::ControlModifier);
        table->setCurrentIndex(table->model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(window->tabs()->currentWidget(), window->products());
        QTRY_COMPARE(window->products()->productId(), QStringLiteral("SKU-1"));
    }

    // An auditor's login sees customers and products, and no way to change them.
    void auditorSeesCustomersButChangesNothing() {
        if (!m_backend.isPostgres())
            QSKIP("PostgreSQL only: test_customerdesk_postgresql runs this");
        const DatabaseUrl url = m_backend.freshDatabase();
        registerCustomer(*openService(url), QStringLiteral("CUST-A"), QStringLiteral("Anna"));
        const DatabaseUrl auditor =
            TestBackend::login(url, QStringLiteral("cd_auditor"), admin::Role::Auditor);
        auto window = openDesk(auditor);
        QVERIFY(window);
        CustomersView *customers = window->customers();
        QTRY_COMPARE(customers->list()->table()->model()->rowCount(), 1);
        customers->list()->select(QStringLiteral("CUST-A"));
        QTRY_COMPARE(child<QLineEdit>(customers, "customerName")->text(), QStringLiteral("Anna"));
        QVERIFY(child<QLineEdit>(customers, "customerName")->isReadOnly());
        for (const char *name : {"newCustomerAction", "saveCustomerAction", "forgetCustomerAction"})
            QVERIFY2(!child<QAction>(customers, name)->isEnabled(), name);
        ProductsView *products = window->products();
        for (const char *name : {"addProductAction", "changePriceAction", "discontinueAction"})
            QVERIFY2(!child<QAction>(products, name)->isEnabled(), name);
        QVERIFY(!child<QLineEdit>(products, "newSku")->isVisibleTo(products));
    }
};

OT_GUI_TEST_MAIN(TestCustomerDesk, "test_customerdesk")
#include "test_customerdesk.moc"
