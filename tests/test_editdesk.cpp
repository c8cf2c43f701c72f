// Editing an order in the desk, from the keyboard, through its real widgets, offscreen: a
// quantity typed in the lines table, a line and an order discount, a note; what the core
// refuses is said and the table shows the order as it is. On SQLite, and
// (test_editdesk_postgresql) on PostgreSQL.
#include "DeskTestSupport.h"
#include "GuiTestMain.h"
#include "OrderPanel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>

using namespace ot;
using namespace ot::test;

class TestEditDesk : public QObject {
    Q_OBJECT

    TestBackend m_backend;

private slots:
    void initTestCase() {
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
    }
    void init() { QSettings().clear(); }

    void quantitiesDiscountsAndNotesFromTheKeyboard() {
        const DatabaseUrl url = m_backend.freshDatabase();
        {
            auto service = openService(url);
            registerCustomer(*service, QStringLiteral("CUST-E"), QStringLiteral("Erika Blum"));
            addProduct(*service, QStringLiteral("SKU-1"), QStringLiteral("Ceramic mug"),
                       QStringLiteral("9.99"), QStringLiteral("19"));
        }
        auto window = openDesk(url);
        QVERIFY(window);
        OrderPanel *panel = window->orderPanel();
        auto *message = panel->findChild<MessageWidget *>();
        QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier);
        // The database's currency first; another one typed, in any case.
        auto *currency = child<QComboBox>(panel, "currency");
        QTRY_COMPARE(currency->currentText(), QStringLiteral("EUR"));
        currency->lineEdit()->selectAll();
        QTest::keyClicks(currency->lineEdit(), QStringLiteral("chf"));
        auto *customer = child<RecordPicker>(panel, "customer");
        QVERIFY(pick(customer, QStringLiteral("erika")));
        QTest::keyClick(customer, Qt::Key_Return);
        QTRY_COMPARE(panel->shownVersion(), 1);
        QVERIFY(pick(child<RecordPicker>(panel, "productId"), QStringLiteral("mug")));
        auto *quantity = child<QSpinBox>(panel, "quantity");
        QTest::keyClick(quantity, Qt::Key_Return);
        QTRY_COMPARE(panel->shownVersion(), 2);

        // A quantity typed in the table: F2, the new number, Enter.
        auto *lines = child<QTableView>(panel, "items");
        const auto editQuantity = [&](const QString &typed) {
            lines->setFocus();
            lines->setCurrentIndex(lines->model()->index(0, 2));
            QTest::keyClick(lines, Qt::Key_F2);
            auto *editor = qobject_cast<QSpinBox *>(QApplication::focusWidget());
            if (!editor)
                return false;
            editor->selectAll();
            QTest::keyClicks(editor, typed);
            QTest::keyClick(editor, Qt::Key_Return);
            return true;
        };
        QVERIFY(editQuantity(QStringLiteral("5")));
        QTRY_COMPARE(panel->shownVersion(), 3);
        auto order = openService(url)->order(panel->orderId());
        OT_REQUIRE(order);
        QCOMPARE(order.value()->items().first().quantity, 5);
        QCOMPARE(order.value()->items().first().price, Money::fromCents(999));

        // The core refuses 0: it says so, and the cell shows the order's quantity again.
        QVERIFY(editQuantity(QStringLiteral("0")));
        QTRY_VERIFY(message->isVisible() && message->type() == MessageWidget::Type::Error);
        QVERIFY2(message->text().contains(QLatin1String("quantity")), qPrintable(message->text()));
        QTRY_COMPARE(lines->model()->index(0, 2).data().toInt(), 5);
        QCOMPARE(panel->shownVersion(), 3);

        // 10 % off the selected line, then 5,00 off the order (a comma is a decimal point).
        lines->setCurrentIndex(lines->model()->index(0, 0));
        auto *lineDiscount = child<QLineEdit>(panel, "lineDiscount");
        QTest::keyClicks(lineDiscount, QStringLiteral("10"));
        QTest::keyClick(lineDiscount, Qt::Key_Return);
        QTRY_COMPARE(panel->shownVersion(), 4);
        QTRY_COMPARE(lines->model()->index(0, 4).data().toString(), QStringLiteral("10 %"));
        QVERIFY(lineDiscount->text().isEmpty());
        auto *kind = child<QComboBox>(panel, "orderDiscountKind");
        kind->setCurrentIndex(kind->findData(false));
        auto *orderDiscount = child<QLineEdit>(panel, "orderDiscount");
        QTest::keyClicks(orderDiscount, QStringLiteral("5,00"));
        QTest::keyClick(orderDiscount, Qt::Key_Return);
        QTRY_COMPARE(panel->shownVersion(), 5);
        // 5 × 9.99 = 49.95, 10 % off (4.995 → 5.00) = 44.95, 5.00 off = 39.95 net;
        // 19 % tax 7.5905 → 7.59; gross 47.54.
        auto *details = child<QLabel>(panel, "orderDetails");
        QTRY_VERIFY2(details->text().contains(QStringLiteral(
                         "CHF · discounts 10.00 · net 39.95 · tax 7.59 · gross 47.54")),
                     qPrintable(details->text()));
        QCOMPARE(lines->model()->index(0, 7).data().toString(), QStringLiteral("47.54"));

        // A note, kept with who wrote it.
        auto *note = child<QLineEdit>(panel, "note");
        QTest::keyClicks(note, QStringLiteral("Ring before 5 pm"));
        QTest::keyClick(note, Qt::Key_Return);
        QTRY_COMPARE(panel->shownVersion(), 6);
        auto *notes = child<QListWidget>(panel, "notes");
        QTRY_COMPARE(notes->count(), 1);
        QVERIFY2(notes->item(0)->text().contains(QLatin1String("Ring before 5 pm")),
                 qPrintable(notes->item(0)->text()));
        QVERIFY(note->text().isEmpty());
        order = openService(url)->order(panel->orderId());
        OT_REQUIRE(order);
        QCOMPARE(order.value()->notes().size(), 1);
        QCOMPARE(order.value()->total(), Money::fromCents(4754));
        QCOMPARE(order.value()->currency(), QStringLiteral("CHF"));

        // The next desk starts with the currency last used.
        window.reset();
        auto again = openDesk(url);
        QVERIFY(again);
        QCOMPARE(child<QComboBox>(again->orderPanel(), "currency")->currentText(),
                 QStringLiteral("CHF"));
    }
};

OT_GUI_TEST_MAIN(TestEditDesk, "test_editdesk")
#include "test_editdesk.moc"
