// The order domain without a database: OrderAggregate driven through execute() and
// loadFromHistory(), Money, the ItemAdded upcaster and commandFromJson().

#include "TestSupport.h"
#include "es/Command.h"
#include "es/Upcasters.h"
#include "orders/Money.h"
#include "orders/OrderAggregate.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonValue>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <limits>

using namespace ot;

namespace {

const QString OrderId = QStringLiteral("order-1");

// Short names for the command and event types of DESIGN.md, Orders.
const QString CreateOrder = QStringLiteral("CreateOrder");
const QString AddItem = QStringLiteral("AddItem");
const QString RemoveItem = QStringLiteral("RemoveItem");
const QString ConfirmOrder = QStringLiteral("ConfirmOrder");
const QString ShipOrder = QStringLiteral("ShipOrder");
const QString DeliverOrder = QStringLiteral("DeliverOrder");
const QString CancelOrder = QStringLiteral("CancelOrder");

const QString OrderCreated = QStringLiteral("OrderCreated");
const QString ItemAdded = QStringLiteral("ItemAdded");
const QString ItemRemoved = QStringLiteral("ItemRemoved");
const QString OrderConfirmed = QStringLiteral("OrderConfirmed");
const QString OrderShipped = QStringLiteral("OrderShipped");
const QString OrderDelivered = QStringLiteral("OrderDelivered");
const QString OrderCancelled = QStringLiteral("OrderCancelled");

QString str(const char *utf8) {
    return QString::fromUtf8(utf8);
}

// A JSON object from (key, value) pairs; keys given as plain ASCII literals.
QJsonObject obj(std::initializer_list<std::pair<const char *, QJsonValue>> fields) {
    QJsonObject object;
    for (const auto &[key, value] : fields)
        object.insert(QString::fromLatin1(key), value);
    return object;
}

QJsonObject with(QJsonObject object, const char *key, const QJsonValue &value) {
    object.insert(QString::fromLatin1(key), value);
    return object;
}

QJsonObject without(QJsonObject object, const char *key) {
    object.remove(QString::fromLatin1(key));
    return object;
}

// `text` with `c` inserted after its first two characters.
QString withChar(const QString &text, QChar c) {
    return text.left(2) + c + text.mid(2);
}

QJsonObject createData() {
    return obj({{"customerId", QStringLiteral("cust-1")}, {"currency", QStringLiteral("EUR")}});
}
QJsonObject widgetData() {
    return obj({{"productId", QStringLiteral("p1")},
                {"name", QStringLiteral("Widget")},
                {"quantity", 3},
                {"price", 9.99}});
}
QJsonObject gadgetData() {
    return obj({{"productId", QStringLiteral("p2")},
                {"name", QStringLiteral("Gadget")},
                {"quantity", 2},
                {"price", QStringLiteral("5.00")}});
}
QJsonObject shipData() {
    return obj({{"carrier", QStringLiteral("DHL")}, {"trackingNumber", QStringLiteral("TRK-1")}});
}
QJsonObject cancelData() {
    return obj({{"reason", QStringLiteral("customer changed their mind")}});
}

bool isTwoPlaceDecimal(const QJsonValue &value) {
    static const QRegularExpression pattern(QStringLiteral("^[0-9]+\\.[0-9]{2}$"));
    return value.isString() && pattern.match(value.toString()).hasMatch();
}

QString expectedEventId(int n) {
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 16, QChar(u'0'));
}

// One order with its own clock and id generator; keeps every event raised and the state
// after each successful command.
struct Harness {
    explicit Harness(const QString &orderId = OrderId)
        : order(orderId) {}

    Result<void> run(const QString &type, const QJsonObject &data = {}) {
        return run(test::makeCommand(order.id(), type, data));
    }

    Result<void> run(const Command &command) {
        const QJsonObject before = snapshots ? order.toJson() : QJsonObject();
        const qint64 versionBefore = order.version();
        Result<void> result = order.execute(command, clock, ids);
        if (result) {
            last = order.uncommittedEvents();
            history += last;
            if (snapshots)
                states.append(order.toJson());
        } else {
            last.clear();
            failureChangedNothing = order.uncommittedEvents().isEmpty() &&
                                    (!snapshots || order.toJson() == before) &&
                                    order.version() == versionBefore;
        }
        order.markCommitted(order.uncommittedEvents());
        clock.advance(1000);
        return result;
    }

    // Brings the order to a named state ("new", "empty", "created", "confirmed", "shipped",
    // "delivered", "cancelled") through commands; false if a step failed.
    bool reach(const QString &state) {
        QList<std::pair<QString, QJsonObject>> steps;
        if (state == QStringLiteral("new"))
            return true;
        steps.append({CreateOrder, createData()});
        if (state != QStringLiteral("empty"))
            steps.append({AddItem, widgetData()});
        if (state == QStringLiteral("confirmed") || state == QStringLiteral("shipped") ||
            state == QStringLiteral("delivered"))
            steps.append({ConfirmOrder, {}});
        if (state == QStringLiteral("shipped") || state == QStringLiteral("delivered"))
            steps.append({ShipOrder, shipData()});
        if (state == QStringLiteral("delivered"))
            steps.append({DeliverOrder, {}});
        if (state == QStringLiteral("cancelled"))
            steps.append({CancelOrder, cancelData()});
        for (const auto &[type, data] : steps) {
            if (!run(type, data))
                return false;
        }
        const QString expected =
            state == QStringLiteral("empty") ? QStringLiteral("created") : state;
        return order.status() && orderStatusName(*order.status()) == expected;
    }

    test::ManualClock clock;
    test::SequentialIds ids;
    OrderAggregate order;
    QList<DomainEvent> last;    // events of the last successful command
    QList<DomainEvent> history; // every event raised so far
    QList<QJsonObject> states;  // order.toJson() after each successful command
    bool failureChangedNothing = true;
    bool snapshots = true; // off for very long histories: toJson() per command is O(items)
};

DomainEvent itemAddedV1(const QJsonValue &price) {
    DomainEvent event;
    event.id = QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-0000000000aa"));
    event.aggregateId = OrderId;
    event.aggregateType = OrderAggregate::Type;
    event.type = ItemAdded;
    event.data = with(without(widgetData(), "price"), "price", price);
    event.schemaVersion = 1;
    event.metadata.userId = QStringLiteral("legacy");
    event.metadata.timestamp = 1'600'000'000'000;
    event.metadata.version = 2;
    event.metadata.correlationId = QStringLiteral("c");
    event.metadata.causationId = QStringLiteral("c");
    return event;
}

} // namespace

class TestOrders : public QObject {
    Q_OBJECT

private slots:
    // Lifecycle and rules
    void transitions_data();
    void transitions();
    void createOrderRaisesOrderCreated();
    void createOrderTwiceIsRejected();
    void addItemRaisesItemAddedWithStoredShape();
    void duplicateProductIsRejectedUntilRemoved();
    void removeItemUpdatesItemsAndTotal();
    void confirmNeedsAtLeastOneItem();
    void shipOrderOptionalFields_data();
    void shipOrderOptionalFields();
    void cancelOrderKeepsReason();
    void cancelOrderNeedsReason();
    void cancelAfterShippedOrDeliveredIsRejected_data();
    void cancelAfterShippedOrDeliveredIsRejected();
    void everyNonCreateCommandOnMissingOrderIsNotFound_data();
    void everyNonCreateCommandOnMissingOrderIsNotFound();
    void fullLifecycle();

    // Validation
    void invalidCommand_data();
    void invalidCommand();
    void invalidIsReportedBeforeNotFound();
    void boundaryValuesAreAccepted_data();
    void boundaryValuesAreAccepted();
    void controlCharacterFromJsonEscapeIsInvalid();
    void tenMegabyteNameIsInvalid();
    void errorMessagesStayShort();
    void commandFromJsonMessagesStayShort();

    // Money
    void moneyParse_data();
    void moneyParse();
    void moneyToString_data();
    void moneyToString();
    void moneyFromJson_data();
    void moneyFromJson();
    void moneyArithmeticIsExact();
    void extremeExponentsAreRead();
    void storedPriceIsTwoPlaceDecimalString_data();
    void storedPriceIsTwoPlaceDecimalString();
    void totalsAreExact_data();
    void totalsAreExact();
    void tenThousandItemsAtTenCents();
    void totalOverflowIsRejected();

    // Event metadata and replay
    void eventsCarryCommandMetadata();
    void eventsGetIdsFromTheGenerator();
    void replayGivesSameState();
    void replayPrefixGivesStateAtVersion();
    void replayedOrderContinues();

    void isoTimestampMatchesQDateTime();

    // Upcasters
    void upcasterVersions();
    void upcastItemAddedV1_data();
    void upcastItemAddedV1();
    void upcastLeavesOtherEventsAlone();
    void replayOfUpcastV1History();

    // commandFromJson
    void commandFromJsonFull();
    void commandFromJsonDefaults();
    void commandFromJsonInvalid_data();
    void commandFromJsonInvalid();
    void commandFromJsonInvalidOrderId_data();
    void commandFromJsonInvalidOrderId();
    void commandFromJsonEndToEnd();

    void statusNames();
    void vocabularyNamesAreTheStoredOnes();
    void allowsIsWhatTheRulesAccept_data();
    void allowsIsWhatTheRulesAccept();
};

// ---------------------------------------------------------------------------------------------
// Lifecycle and rules

void TestOrders::transitions_data() {
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("outcome"); // "ok" or an errorCodeName()
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("statusAfter");
    QTest::addColumn<QString>("fragment"); // the error message must mention it

    struct CommandColumn {
        QString type;
        QJsonObject data;
        QString event;
        QString statusAfter;
    };
    const QList<CommandColumn> commands{
        {CreateOrder, createData(), OrderCreated, QStringLiteral("created")},
        {AddItem, gadgetData(), ItemAdded, QStringLiteral("created")},
        {RemoveItem, obj({{"productId", QStringLiteral("p1")}}), ItemRemoved,
         QStringLiteral("created")},
        {ConfirmOrder, {}, OrderConfirmed, QStringLiteral("confirmed")},
        {ShipOrder, shipData(), OrderShipped, QStringLiteral("shipped")},
        {DeliverOrder, {}, OrderDelivered, QStringLiteral("delivered")},
        {CancelOrder, cancelData(), OrderCancelled, QStringLiteral("cancelled")},
    };
    // One letter per command above: O allowed, R rejected, N not found (DESIGN.md table).
    const QList<std::pair<QString, const char *>> matrix{
        {QStringLiteral("new"), "ONNNNNN"},       {QStringLiteral("created"), "ROOORRO"},
        {QStringLiteral("confirmed"), "RRRRORO"}, {QStringLiteral("shipped"), "RRRRROR"},
        {QStringLiteral("delivered"), "RRRRRRR"}, {QStringLiteral("cancelled"), "RRRRRRR"},
    };
    const QString ok = QStringLiteral("ok");
    const QString rejected = errorCodeName(ErrorCode::Rejected);
    const QString notFound = errorCodeName(ErrorCode::NotFound);
    for (const auto &[state, outcomes] : matrix) {
        for (int i = 0; i < commands.size(); ++i) {
            const CommandColumn &c = commands.at(i);
            QString outcome = ok;
            QString fragment;
            if (outcomes[i] == 'N') {
                outcome = notFound;
                fragment = QStringLiteral("does not exist");
            } else if (outcomes[i] == 'R') {
                outcome = rejected;
                fragment = c.type == CreateOrder ? QStringLiteral("already exists")
                                                 : QStringLiteral("is ") + state;
            }
            QTest::addRow("%s: %s", qPrintable(state), qPrintable(c.type))
                << state << c.type << c.data << outcome << c.event << c.statusAfter << fragment;
        }
    }

    // The rules beyond status.
    QTest::newRow("empty: ConfirmOrder")
        << QStringLiteral("empty") << ConfirmOrder << QJsonObject() << rejected << QString()
        << QString() << QStringLiteral("no items");
    QTest::newRow("empty: RemoveItem")
        << QStringLiteral("empty") << RemoveItem << obj({{"productId", QStringLiteral("p1")}})
        << rejected << QString() << QString() << QStringLiteral("p1");
    QTest::newRow("empty: AddItem") << QStringLiteral("empty") << AddItem << widgetData() << ok
                                    << ItemAdded << QStringLiteral("created") << QString();
    QTest::newRow("empty: CancelOrder")
        << QStringLiteral("empty") << CancelOrder << cancelData() << ok << OrderCancelled
        << QStringLiteral("cancelled") << QString();
    QTest::newRow("created: AddItem same product")
        << QStringLiteral("created") << AddItem << widgetData() << rejected << QString()
        << QString() << QStringLiteral("already in order");
    QTest::newRow("created: AddItem same product, other price and name")
        << QStringLiteral("created") << AddItem
        << with(with(widgetData(), "price", QStringLiteral("1.00")), "name",
                QStringLiteral("Other"))
        << rejected << QString() << QString() << QStringLiteral("p1");
    QTest::newRow("created: RemoveItem absent product")
        << QStringLiteral("created") << RemoveItem << obj({{"productId", QStringLiteral("p2")}})
        << rejected << QString() << QString() << QStringLiteral("not in order");
    QTest::newRow("created: RemoveItem is case-sensitive")
        << QStringLiteral("created") << RemoveItem << obj({{"productId", QStringLiteral("P1")}})
        << rejected << QString() << QString() << QStringLiteral("P1");
    QTest::newRow("confirmed: ShipOrder without data")
        << QStringLiteral("confirmed") << ShipOrder << QJsonObject() << ok << OrderShipped
        << QStringLiteral("shipped") << QString();
}

void TestOrders::transitions() {
    QFETCH(QString, from);
    QFETCH(QString, command);
    QFETCH(QJsonObject, data);
    QFETCH(QString, outcome);
    QFETCH(QString, event);
    QFETCH(QString, statusAfter);
    QFETCH(QString, fragment);

    Harness h;
    QVERIFY(h.reach(from));
    const qint64 versionBefore = h.order.version();
    const auto result = h.run(command, data);

    if (outcome == QStringLiteral("ok")) {
        OT_REQUIRE(result);
        QCOMPARE(h.last.size(), 1);
        QCOMPARE(h.last.first().type, event);
        QCOMPARE(h.last.first().metadata.version, versionBefore + 1);
        QCOMPARE(h.order.version(), versionBefore + 1);
        QVERIFY(h.order.status().has_value());
        QCOMPARE(orderStatusName(*h.order.status()), statusAfter);
        QCOMPARE(h.order.toJson().value(QStringLiteral("status")).toString(), statusAfter);
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(errorCodeName(result.error().code), outcome);
        QVERIFY2(result.error().message.contains(fragment), qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(OrderId), qPrintable(result.error().message));
        QVERIFY(h.failureChangedNothing);
        QCOMPARE(h.order.version(), versionBefore);
    }
}

void TestOrders::createOrderRaisesOrderCreated() {
    Harness h;
    QVERIFY(!h.order.exists());
    QVERIFY(!h.order.status().has_value());
    OT_REQUIRE(h.run(CreateOrder, createData()));
    QCOMPARE(h.last.size(), 1);
    const DomainEvent &e = h.last.first();
    QCOMPARE(e.type, OrderCreated);
    QCOMPARE(e.aggregateType, QStringLiteral("Order"));
    QCOMPARE(e.aggregateId, OrderId);
    QCOMPARE(e.data, createData());
    QCOMPARE(e.schemaVersion, 2); // with the currency
    QCOMPARE(h.order.currency(), QStringLiteral("EUR"));
    QVERIFY(h.order.exists());
    QCOMPARE(h.order.customerId(), QStringLiteral("cust-1"));
    QCOMPARE(h.order.total().toString(), QStringLiteral("0.00"));
    QVERIFY(h.order.items().isEmpty());
    const QJsonObject json = h.order.toJson();
    QCOMPARE(json.value(QStringLiteral("id")).toString(), OrderId);
    QCOMPARE(json.value(QStringLiteral("customerId")).toString(), QStringLiteral("cust-1"));
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("created"));
    QCOMPARE(json.value(QStringLiteral("items")).toArray().size(), 0);
    QCOMPARE(json.value(QStringLiteral("total")).toString(), QStringLiteral("0.00"));
    QCOMPARE(json.value(QStringLiteral("version")).toInteger(), 1);
}

void TestOrders::createOrderTwiceIsRejected() {
    Harness h;
    OT_REQUIRE(h.run(CreateOrder, createData()));
    OT_EXPECT_ERROR(h.run(CreateOrder, createData()), ErrorCode::Rejected,
                    QStringLiteral("already exists"));
    QVERIFY(h.failureChangedNothing);
    // Another customer does not make it a new order either.
    OT_EXPECT_ERROR(h.run(CreateOrder, obj({{"customerId", QStringLiteral("cust-2")}})),
                    ErrorCode::Rejected, QStringLiteral("already exists"));
    QCOMPARE(h.order.customerId(), QStringLiteral("cust-1"));
    QCOMPARE(h.order.version(), 1);
    // Still rejected after the order moved on (and after it ended).
    OT_REQUIRE(h.run(CancelOrder, cancelData()));
    OT_EXPECT_ERROR(h.run(CreateOrder, createData()), ErrorCode::Rejected,
                    QStringLiteral("already exists"));
}

void TestOrders::addItemRaisesItemAddedWithStoredShape() {
    Harness h;
    QVERIFY(h.reach(QStringLiteral("empty")));
    OT_REQUIRE(h.run(AddItem, widgetData()));
    QCOMPARE(h.last.size(), 1);
    const DomainEvent e = h.last.first();
    QCOMPARE(e.type, ItemAdded);
    QCOMPARE(e.schemaVersion, 3);
    QCOMPARE(e.data, obj({{"productId", QStringLiteral("p1")},
                          {"name", QStringLiteral("Widget")},
                          {"quantity", 3},
                          {"price", QStringLiteral("9.99")},
                          {"taxRate", QStringLiteral("0")}}));
    QCOMPARE(h.order.items().size(), 1);
    const OrderItem &item = h.order.items().first();
    QCOMPARE(item.productId, QStringLiteral("p1"));
    QCOMPARE(item.name, QStringLiteral("Widget"));
    QCOMPARE(item.quantity, 3);
    QCOMPARE(item.price.cents(), 999);
    QCOMPARE(h.order.total().toString(), QStringLiteral("29.97"));

    OT_REQUIRE(h.run(AddItem, gadgetData()));
    QCOMPARE(h.order.items().size(), 2);
    QCOMPARE(h.order.total().toString(), QStringLiteral("39.97"));
    const QJsonArray items = h.order.toJson().value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    // The line as recorded, priced.
    const QJsonObject line = items.at(0).toObject();
    for (auto it = e.data.begin(); it != e.data.end(); ++it)
        QCOMPARE(line.value(it.key()), it.value());
    QCOMPARE(line.value(QStringLiteral("net")).toString(), QStringLiteral("29.97"));
    QCOMPARE(line.value(QStringLiteral("gross")).toString(), QStringLiteral("29.97"));
    QCOMPARE(items.at(1).toObject().value(QStringLiteral("price")).toString(),
             QStringLiteral("5.00"));
    QCOMPARE(h.order.toJson().value(QStringLiteral("total")).toString(), QStringLiteral("39.97"));
}

void TestOrders::duplicateProductIsRejectedUntilRemoved() {
    Harness h;
    QVERIFY(h.reach(QStringLiteral("created")));
    OT_EXPECT_ERROR(h.run(AddItem, with(widgetData(), "quantity", 1)), ErrorCode::Rejected,
                    QStringLiteral("p1"));
    QVERIFY(h.failureChangedNothing);
    QCOMPARE(h.order.items().size(), 1);
    QCOMPARE(h.order.items().first().quantity, 3);

    OT_REQUIRE(h.run(RemoveItem, obj({{"productId", QStringLiteral("p1")}})));
    OT_REQUIRE(
        h.run(AddItem, with(with(widgetData(), "quantity", 5), "price", QStringLiteral("2.00"))));
    QCOMPARE(h.order.items().size(), 1);
    QCOMPARE(h.order.items().first().quantity, 5);
    QCOMPARE(h.order.total().toString(), QStringLiteral("10.00"));
}

void TestOrders::removeItemUpdatesItemsAndTotal() {
    Harness h;
    QVERIFY(h.reach(QStringLiteral("created")));
    OT_REQUIRE(h.run(AddItem, gadgetData()));
    QCOMPARE(h.order.total().toString(), QStringLiteral("39.97"));

    OT_REQUIRE(h.run(RemoveItem, obj({{"productId", QStringLiteral("p1")}})));
    QCOMPARE(h.last.size(), 1);
    QCOMPARE(h.last.first().type, ItemRemoved);
    QCOMPARE(h.last.first().data, obj({{"productId", QStringLiteral("p1")}}));
    QCOMPARE(h.order.items().size(), 1);
    QCOMPARE(h.order.items().first().productId, QStringLiteral("p2"));
    QCOMPARE(h.order.total().toString(), QStringLiteral("10.00"));

    // Removing it a second time: it is no longer in the order.
    OT_EXPECT_ERROR(h.run(RemoveItem, obj({{"productId", QStringLiteral("p1")}})),
                    ErrorCode::Rejected, QStringLiteral("not in order"));
    QVERIFY(h.failureChangedNothing);

    OT_REQUIRE(h.run(RemoveItem, obj({{"productId", QStringLiteral("p2")}})));
    QVERIFY(h.order.items().isEmpty());
    QCOMPARE(h.order.total().toString(), QStringLiteral("0.00"));
}

void TestOrders::confirmNeedsAtLeastOneItem() {
    Harness h;
    QVERIFY(h.reach(QStringLiteral("empty")));
    OT_EXPECT_ERROR(h.run(ConfirmOrder), ErrorCode::Rejected, QStringLiteral("no items"));
    QVERIFY(h.failureChangedNothing);

    // An order whose only item was removed is empty again.
    OT_REQUIRE(h.run(AddItem, widgetData()));
    OT_REQUIRE(h.run(RemoveItem, obj({{"productId", QStringLiteral("p1")}})));
    OT_EXPECT_ERROR(h.run(ConfirmOrder), ErrorCode::Rejected, QStringLiteral("no items"));
    QCOMPARE(orderStatusName(*h.order.status()), QStringLiteral("created"));

    OT_REQUIRE(h.run(AddItem, gadgetData()));
    OT_REQUIRE(h.run(ConfirmOrder));
    QCOMPARE(h.last.first().type, OrderConfirmed);
    QVERIFY(h.last.first().data.isEmpty());
    QCOMPARE(orderStatusName(*h.order.status()), QStringLiteral("confirmed"));
}

void TestOrders::shipOrderOptionalFields_data() {
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("carrier");
    QTest::addColumn<QString>("trackingNumber");

    QTest::newRow("both") << shipData() << QStringLiteral("DHL") << QStringLiteral("TRK-1");
    QTest::newRow("carrier only") << obj({{"carrier", QStringLiteral("UPS")}})
                                  << QStringLiteral("UPS") << QString();
    QTest::newRow("tracking only") << obj({{"trackingNumber", QStringLiteral("1Z999")}})
                                   << QString() << QStringLiteral("1Z999");
    QTest::newRow("neither") << QJsonObject() << QString() << QString();
}

void TestOrders::shipOrderOptionalFields() {
    QFETCH(QJsonObject, data);
    QFETCH(QString, carrier);
    QFETCH(QString, trackingNumber);

    Harness h;
    QVERIFY(h.reach(QStringLiteral("confirmed")));
    OT_REQUIRE(h.run(ShipOrder, data));
    QCOMPARE(h.last.size(), 1);
    QCOMPARE(h.last.first().type, OrderShipped);
    QCOMPARE(h.last.first().data, data); // absent fields are not invented
    QCOMPARE(h.order.carrier(), carrier);
    QCOMPARE(h.order.trackingNumber(), trackingNumber);
    const QJsonObject json = h.order.toJson();
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("shipped"));
    QCOMPARE(json.contains(QStringLiteral("carrier")), !carrier.isEmpty());
    QCOMPARE(json.value(QStringLiteral("carrier")).toString(), carrier);
    QCOMPARE(json.contains(QStringLiteral("trackingNumber")), !trackingNumber.isEmpty());
    QCOMPARE(json.value(QStringLiteral("trackingNumber")).toString(), trackingNumber);
}

void TestOrders::cancelOrderKeepsReason() {
    for (const QString &state : {QStringLiteral("created"), QStringLiteral("confirmed")}) {
        Harness h;
        QVERIFY(h.reach(state));
        const QString reason = QStringLiteral("out of stock\nrefund issued\tby phone");
        OT_REQUIRE(h.run(CancelOrder, obj({{"reason", reason}})));
        QCOMPARE(h.last.size(), 1);
        QCOMPARE(h.last.first().type, OrderCancelled);
        QCOMPARE(h.last.first().data, obj({{"reason", reason}}));
        QCOMPARE(orderStatusName(*h.order.status()), QStringLiteral("cancelled"));
        QCOMPARE(h.order.cancelReason(), reason);
        QCOMPARE(h.order.toJson().value(QStringLiteral("cancelReason")).toString(), reason);
        // A cancelled order stays cancelled.
        OT_EXPECT_ERROR(h.run(CancelOrder, cancelData()), ErrorCode::Rejected,
                        QStringLiteral("is cancelled"));
        QCOMPARE(h.order.cancelReason(), reason);
    }
}

void TestOrders::cancelOrderNeedsReason() {
    Harness h;
    QVERIFY(h.reach(QStringLiteral("created")));
    OT_EXPECT_ERROR(h.run(CancelOrder), ErrorCode::Invalid, QStringLiteral("reason"));
    QVERIFY(h.failureChangedNothing);
    OT_EXPECT_ERROR(h.run(CancelOrder, obj({{"reason", QString()}})), ErrorCode::Invalid,
                    QStringLiteral("reason"));
    OT_EXPECT_ERROR(h.run(CancelOrder, obj({{"reason", QStringLiteral(" \n\t ")}})),
                    ErrorCode::Invalid, QStringLiteral("reason"));
    OT_EXPECT_ERROR(h.run(CancelOrder, obj({{"reason", QJsonValue::Null}})), ErrorCode::Invalid,
                    QStringLiteral("reason"));
    QCOMPARE(orderStatusName(*h.order.status()), QStringLiteral("created"));
}

void TestOrders::cancelAfterShippedOrDeliveredIsRejected_data() {
    QTest::addColumn<QString>("state");
    QTest::newRow("shipped") << QStringLiteral("shipped");
    QTest::newRow("delivered") << QStringLiteral("delivered");
    QTest::newRow("cancelled") << QStringLiteral("cancelled");
}

void TestOrders::cancelAfterShippedOrDeliveredIsRejected() {
    QFETCH(QString, state);
    Harness h;
    QVERIFY(h.reach(state));
    OT_EXPECT_ERROR(h.run(CancelOrder, cancelData()), ErrorCode::Rejected,
                    QStringLiteral("cannot cancel"));
    QVERIFY(h.failureChangedNothing);
    QCOMPARE(orderStatusName(*h.order.status()), state);
}

void TestOrders::everyNonCreateCommandOnMissingOrderIsNotFound_data() {
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("data");
    QTest::newRow("AddItem") << AddItem << widgetData();
    QTest::newRow("RemoveItem") << RemoveItem << obj({{"productId", QStringLiteral("p1")}});
    QTest::newRow("ConfirmOrder") << ConfirmOrder << QJsonObject();
    QTest::newRow("ShipOrder") << ShipOrder << shipData();
    QTest::newRow("ShipOrder without data") << ShipOrder << QJsonObject();
    QTest::newRow("DeliverOrder") << DeliverOrder << QJsonObject();
    QTest::newRow("CancelOrder") << CancelOrder << cancelData();
}

void TestOrders::everyNonCreateCommandOnMissingOrderIsNotFound() {
    QFETCH(QString, type);
    QFETCH(QJsonObject, data);
    Harness h(QStringLiteral("missing-42"));
    OT_EXPECT_ERROR(h.run(type, data), ErrorCode::NotFound, QStringLiteral("missing-42"));
    QVERIFY(h.failureChangedNothing);
    QVERIFY(!h.order.exists());
    QCOMPARE(h.order.version(), 0);
}

void TestOrders::fullLifecycle() {
    Harness h;
    OT_REQUIRE(h.run(CreateOrder, createData()));
    OT_REQUIRE(h.run(AddItem, widgetData()));
    OT_REQUIRE(h.run(AddItem, gadgetData()));
    OT_REQUIRE(h.run(RemoveItem, obj({{"productId", QStringLiteral("p2")}})));
    OT_REQUIRE(h.run(ConfirmOrder));
    OT_REQUIRE(h.run(ShipOrder, shipData()));
    OT_REQUIRE(h.run(DeliverOrder));
    QStringList types;
    for (const DomainEvent &e : h.history)
        types << e.type;
    QCOMPARE(types, (QStringList{OrderCreated, ItemAdded, ItemAdded, ItemRemoved, OrderConfirmed,
                                 OrderShipped, OrderDelivered}));
    QCOMPARE(h.order.version(), 7);
    QCOMPARE(orderStatusName(*h.order.status()), QStringLiteral("delivered"));
    QCOMPARE(h.order.total().toString(), QStringLiteral("29.97"));
    QCOMPARE(h.order.carrier(), QStringLiteral("DHL"));
    QCOMPARE(h.order.trackingNumber(), QStringLiteral("TRK-1"));
    // Nothing more can happen to a delivered order.
    for (const QString &type : orderCommandNames()) {
        QJsonObject data;
        if (type == CreateOrder)
            data = createData();
        else if (type == AddItem)
            data = gadgetData();
        else if (type == RemoveItem)
            data = obj({{"productId", QStringLiteral("p1")}});
        else if (type == QStringLiteral("ChangeItemQuantity"))
            data = obj({{"productId", QStringLiteral("p1")}, {"quantity", 4}});
        else if (type == QStringLiteral("SetOrderDiscount"))
            data = obj({{"amount", QStringLiteral("1.00")}, {"reason", QStringLiteral("late")}});
        else if (type == QStringLiteral("SetLineDiscount"))
            data = obj({{"productId", QStringLiteral("p1")}, {"percent", QStringLiteral("5")}});
        else if (type == CancelOrder)
            data = cancelData();
        else if (type == QStringLiteral("SetShippingAddress"))
            data = obj({{"shippingAddress", obj({{"line1", QStringLiteral("1 Main St")},
                                                 {"city", QStringLiteral("Bern")},
                                                 {"country", QStringLiteral("CH")}})}});
        if (type == QStringLiteral("AddNote"))
            continue; // a note can always be added
        OT_EXPECT_ERROR(h.run(type, data), ErrorCode::Rejected, OrderId);
    }
    QCOMPARE(h.order.version(), 7);
}

// ---------------------------------------------------------------------------------------------
// Validation

void TestOrders::invalidCommand_data() {
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("fragment");

    struct Row {
        const char *name;
        QString type;
        QJsonObject data;
        QString fragment;
    };
    QList<Row> rows;
    const QJsonObject item{{QStringLiteral("productId"), QStringLiteral("p9")},
                           {QStringLiteral("name"), QStringLiteral("Thing")},
                           {QStringLiteral("quantity"), 1},
                           {QStringLiteral("price"), QStringLiteral("1.00")}};
    const QString customerId = QStringLiteral("customerId");
    const QString productId = QStringLiteral("productId");
    const QString name = QStringLiteral("name");
    const QString quantity = QStringLiteral("quantity");
    const QString price = QStringLiteral("price");
    const QString reason = QStringLiteral("reason");
    const QString carrier = QStringLiteral("carrier");
    const QString tracking = QStringLiteral("trackingNumber");
    const QString unknownType = QStringLiteral("unknown command type");

    // Unknown command types.
    rows.append({"type DeleteOrder", QStringLiteral("DeleteOrder"), {}, unknownType});
    rows.append({"type in lower case", QStringLiteral("createorder"), createData(), unknownType});
    rows.append({"type empty", QString(), {}, unknownType});
    rows.append({"type event name", OrderCreated, createData(), unknownType});

    // Unknown fields.
    rows.append({"CreateOrder extra field", CreateOrder,
                 with(createData(), "status", QStringLiteral("shipped")),
                 QStringLiteral("status")});
    rows.append({"CreateOrder customerid case", CreateOrder,
                 obj({{"customerid", QStringLiteral("c")}}), QStringLiteral("customerid")});
    rows.append(
        {"AddItem extra field", AddItem, with(item, "discount", 5), QStringLiteral("discount")});
    rows.append({"RemoveItem extra field", RemoveItem,
                 obj({{"productId", QStringLiteral("p1")}, {"quantity", 1}}), quantity});
    rows.append({"ConfirmOrder with data", ConfirmOrder, obj({{"note", QStringLiteral("x")}}),
                 QStringLiteral("note")});
    rows.append({"ShipOrder extra field", ShipOrder, with(shipData(), "eta", QStringLiteral("x")),
                 QStringLiteral("eta")});
    rows.append({"DeliverOrder with data", DeliverOrder, obj({{"signedBy", QStringLiteral("x")}}),
                 QStringLiteral("signedBy")});
    rows.append({"CancelOrder extra field", CancelOrder,
                 with(cancelData(), "by", QStringLiteral("x")), QStringLiteral("by")});

    // Missing fields.
    rows.append({"CreateOrder without customerId", CreateOrder, {}, customerId});
    rows.append({"AddItem without productId", AddItem, without(item, "productId"), productId});
    rows.append({"AddItem without name", AddItem, without(item, "name"), name});
    rows.append({"AddItem without quantity", AddItem, without(item, "quantity"), quantity});
    rows.append({"AddItem without price", AddItem, without(item, "price"), price});
    rows.append({"AddItem empty", AddItem, {}, productId});
    rows.append({"RemoveItem without productId", RemoveItem, {}, productId});
    rows.append({"CancelOrder without reason", CancelOrder, {}, reason});

    // Wrong JSON types.
    rows.append({"customerId number", CreateOrder, obj({{"customerId", 42}}), customerId});
    rows.append(
        {"customerId null", CreateOrder, obj({{"customerId", QJsonValue::Null}}), customerId});
    rows.append({"customerId array", CreateOrder,
                 obj({{"customerId", QJsonArray{QStringLiteral("c")}}}), customerId});
    rows.append(
        {"customerId object", CreateOrder, obj({{"customerId", QJsonObject()}}), customerId});
    rows.append({"productId number", AddItem, with(item, "productId", 7), productId});
    rows.append({"name bool", AddItem, with(item, "name", true), name});
    rows.append(
        {"quantity string", AddItem, with(item, "quantity", QStringLiteral("3")), quantity});
    rows.append({"quantity fraction", AddItem, with(item, "quantity", 2.5), quantity});
    rows.append({"quantity null", AddItem, with(item, "quantity", QJsonValue::Null), quantity});
    rows.append({"quantity bool", AddItem, with(item, "quantity", true), quantity});
    rows.append({"quantity array", AddItem, with(item, "quantity", QJsonArray{3}), quantity});
    rows.append({"price true", AddItem, with(item, "price", true), price});
    rows.append({"price null", AddItem, with(item, "price", QJsonValue::Null), price});
    rows.append({"price array", AddItem, with(item, "price", QJsonArray{1}), price});
    rows.append({"price object", AddItem,
                 with(item, "price", obj({{"amount", QStringLiteral("1.00")}})), price});
    rows.append({"RemoveItem productId number", RemoveItem, obj({{"productId", 1}}), productId});
    rows.append({"carrier number", ShipOrder, obj({{"carrier", 1}}), carrier});
    rows.append(
        {"trackingNumber null", ShipOrder, obj({{"trackingNumber", QJsonValue::Null}}), tracking});
    rows.append({"reason number", CancelOrder, obj({{"reason", 1}}), reason});

    // Quantities: positive whole numbers up to MaxQuantity.
    rows.append({"quantity 0", AddItem, with(item, "quantity", 0), quantity});
    rows.append({"quantity -1", AddItem, with(item, "quantity", -1), quantity});
    rows.append({"quantity -0.5", AddItem, with(item, "quantity", -0.5), quantity});
    rows.append({"quantity over max", AddItem,
                 with(item, "quantity", OrderAggregate::MaxQuantity + 1), quantity});
    rows.append({"quantity 1e300", AddItem, with(item, "quantity", 1e300), quantity});
    rows.append({"quantity 1.0000001", AddItem, with(item, "quantity", 1.0000001), quantity});

    // Prices: exact non-negative amounts with at most two decimals, at most 999999999.99.
    rows.append(
        {"price 3 decimals string", AddItem, with(item, "price", QStringLiteral("9.999")), price});
    rows.append({"price 3 decimals number", AddItem, with(item, "price", 9.999), price});
    rows.append({"price 0.1+0.2 double", AddItem, with(item, "price", 0.1 + 0.2), price});
    rows.append({"price 1e-7", AddItem, with(item, "price", 1e-7), price});
    rows.append({"price negative number", AddItem, with(item, "price", -1), price});
    rows.append({"price negative cents", AddItem, with(item, "price", -0.01), price});
    rows.append(
        {"price negative string", AddItem, with(item, "price", QStringLiteral("-1.00")), price});
    rows.append({"price plus sign", AddItem, with(item, "price", QStringLiteral("+1.00")), price});
    rows.append(
        {"price exponent string", AddItem, with(item, "price", QStringLiteral("1e3")), price});
    rows.append({"price NaN", AddItem, with(item, "price", QStringLiteral("NaN")), price});
    rows.append({"price nan", AddItem, with(item, "price", QStringLiteral("nan")), price});
    rows.append(
        {"price Infinity", AddItem, with(item, "price", QStringLiteral("Infinity")), price});
    rows.append(
        {"price -Infinity", AddItem, with(item, "price", QStringLiteral("-Infinity")), price});
    rows.append({"price inf", AddItem, with(item, "price", QStringLiteral("inf")), price});
    rows.append({"price empty string", AddItem, with(item, "price", QString()), price});
    rows.append(
        {"price leading space", AddItem, with(item, "price", QStringLiteral(" 9.99")), price});
    rows.append(
        {"price trailing space", AddItem, with(item, "price", QStringLiteral("9.99 ")), price});
    rows.append(
        {"price trailing newline", AddItem, with(item, "price", QStringLiteral("9.99\n")), price});
    rows.append({"price comma", AddItem, with(item, "price", QStringLiteral("9,99")), price});
    rows.append({"price hex", AddItem, with(item, "price", QStringLiteral("0x10")), price});
    rows.append({"price .5", AddItem, with(item, "price", QStringLiteral(".5")), price});
    rows.append({"price 5.", AddItem, with(item, "price", QStringLiteral("5.")), price});
    rows.append(
        {"price with currency", AddItem, with(item, "price", QStringLiteral("$9.99")), price});
    rows.append({"price arabic digits", AddItem, with(item, "price", str("\u0661\u0662")), price});
    rows.append({"price too large string", AddItem,
                 with(item, "price", QStringLiteral("1000000000.00")), price});
    rows.append({"price too large number", AddItem, with(item, "price", 1e9), price});
    rows.append({"price 15 digits", AddItem,
                 with(item, "price", QStringLiteral("999999999999999.99")), price});
    rows.append({"price 16 digits", AddItem,
                 with(item, "price", QStringLiteral("1234567890123456")), price});
    rows.append({"price 1e15", AddItem, with(item, "price", 1e15), price});
    rows.append({"price 1e300", AddItem, with(item, "price", 1e300), price});

    // Text fields: non-empty, trimmed, no control characters, bounded length.
    const QString tooLongId(201, u'x');
    rows.append({"customerId empty", CreateOrder, obj({{"customerId", QString()}}), customerId});
    rows.append({"customerId spaces", CreateOrder, obj({{"customerId", QStringLiteral("   ")}}),
                 customerId});
    rows.append(
        {"customerId tab", CreateOrder, obj({{"customerId", QStringLiteral("\t")}}), customerId});
    rows.append({"customerId leading space", CreateOrder,
                 obj({{"customerId", QStringLiteral(" cust-1")}}), customerId});
    rows.append({"customerId trailing space", CreateOrder,
                 obj({{"customerId", QStringLiteral("cust-1 ")}}), customerId});
    rows.append({"customerId trailing newline", CreateOrder,
                 obj({{"customerId", QStringLiteral("cust-1\n")}}), customerId});
    rows.append({"customerId no-break space", CreateOrder,
                 obj({{"customerId", str("cust-1\u00a0")}}), customerId});
    rows.append({"customerId NUL", CreateOrder,
                 obj({{"customerId", withChar(QStringLiteral("cust-1"), QChar(0))}}), customerId});
    rows.append({"customerId BEL", CreateOrder,
                 obj({{"customerId", withChar(QStringLiteral("cust-1"), QChar(7))}}), customerId});
    rows.append({"customerId ESC", CreateOrder,
                 obj({{"customerId", withChar(QStringLiteral("cust-1"), QChar(0x1b))}}),
                 customerId});
    rows.append({"customerId DEL", CreateOrder,
                 obj({{"customerId", withChar(QStringLiteral("cust-1"), QChar(0x7f))}}),
                 customerId});
    rows.append({"customerId C1 control", CreateOrder,
                 obj({{"customerId", withChar(QStringLiteral("cust-1"), QChar(0x9b))}}),
                 customerId});
    rows.append({"customerId inner newline", CreateOrder,
                 obj({{"customerId", QStringLiteral("cu\nst")}}), customerId});
    rows.append(
        {"customerId 201 chars", CreateOrder, obj({{"customerId", tooLongId}}), customerId});
    rows.append({"productId empty", AddItem, with(item, "productId", QString()), productId});
    rows.append(
        {"productId spaces", AddItem, with(item, "productId", QStringLiteral("  ")), productId});
    rows.append({"productId leading space", AddItem, with(item, "productId", QStringLiteral(" p")),
                 productId});
    rows.append({"productId NUL", AddItem,
                 with(item, "productId", withChar(QStringLiteral("prod"), QChar(0))), productId});
    rows.append({"productId 201 chars", AddItem, with(item, "productId", tooLongId), productId});
    rows.append(
        {"RemoveItem productId empty", RemoveItem, obj({{"productId", QString()}}), productId});
    rows.append({"RemoveItem productId NUL", RemoveItem,
                 obj({{"productId", withChar(QStringLiteral("p1p1"), QChar(0))}}), productId});
    rows.append({"name empty", AddItem, with(item, "name", QString()), name});
    rows.append({"name whitespace", AddItem, with(item, "name", QStringLiteral(" \t ")), name});
    rows.append(
        {"name trailing space", AddItem, with(item, "name", QStringLiteral("Thing ")), name});
    rows.append({"name NUL", AddItem,
                 with(item, "name", withChar(QStringLiteral("Thing"), QChar(0))), name});
    rows.append({"name tab inside", AddItem, with(item, "name", QStringLiteral("Th\ting")), name});
    rows.append(
        {"name newline inside", AddItem, with(item, "name", QStringLiteral("Th\ning")), name});
    rows.append({"name 501 chars", AddItem, with(item, "name", QString(501, u'n')), name});
    rows.append({"name 10 MB", AddItem, with(item, "name", QString(10 * 1024 * 1024, u'n')), name});
    rows.append({"carrier empty", ShipOrder, obj({{"carrier", QString()}}), carrier});
    rows.append(
        {"carrier leading space", ShipOrder, obj({{"carrier", QStringLiteral(" DHL")}}), carrier});
    rows.append({"carrier NUL", ShipOrder,
                 obj({{"carrier", withChar(QStringLiteral("DHL"), QChar(0))}}), carrier});
    rows.append({"carrier 201 chars", ShipOrder, obj({{"carrier", tooLongId}}), carrier});
    rows.append({"trackingNumber newline", ShipOrder,
                 obj({{"trackingNumber", QStringLiteral("TR\nK")}}), tracking});
    rows.append({"trackingNumber 10 MB", ShipOrder,
                 obj({{"trackingNumber", QString(10 * 1024 * 1024, u'9')}}), tracking});
    rows.append({"reason empty", CancelOrder, obj({{"reason", QString()}}), reason});
    rows.append(
        {"reason whitespace", CancelOrder, obj({{"reason", QStringLiteral(" \n ")}}), reason});
    rows.append(
        {"reason leading space", CancelOrder, obj({{"reason", QStringLiteral(" late")}}), reason});
    rows.append({"reason trailing newline", CancelOrder,
                 obj({{"reason", QStringLiteral("late\n")}}), reason});
    rows.append({"reason NUL", CancelOrder,
                 obj({{"reason", withChar(QStringLiteral("late"), QChar(0))}}), reason});
    rows.append({"reason BEL", CancelOrder,
                 obj({{"reason", withChar(QStringLiteral("late"), QChar(7))}}), reason});
    rows.append({"reason 2001 chars", CancelOrder, obj({{"reason", QString(2001, u'r')}}), reason});
    rows.append(
        {"reason 10 MB", CancelOrder, obj({{"reason", QString(10 * 1024 * 1024, u'r')}}), reason});

    // Each row on a missing order (invalid before not found), on an order where the command
    // would be allowed, and on a delivered one (invalid before rejected).
    for (const QString &state :
         {QStringLiteral("new"), QStringLiteral("created"), QStringLiteral("delivered")}) {
        for (const Row &row : rows) {
            QTest::addRow("%s [%s]", row.name, qPrintable(state))
                << state << row.type << row.data << row.fragment;
        }
    }
}

void TestOrders::invalidCommand() {
    QFETCH(QString, state);
    QFETCH(QString, type);
    QFETCH(QJsonObject, data);
    QFETCH(QString, fragment);

    Harness h;
    QVERIFY(h.reach(state));
    const int eventsBefore = int(h.history.size());
    OT_EXPECT_ERROR(h.run(type, data), ErrorCode::Invalid, fragment);
    QVERIFY(h.failureChangedNothing);
    QCOMPARE(h.history.size(), eventsBefore);
    // No id was drawn for an event that was never raised.
    QCOMPARE(h.ids.next(), QUuid::fromString(expectedEventId(eventsBefore + 1)));
}

void TestOrders::invalidIsReportedBeforeNotFound() {
    Harness h(QStringLiteral("no-such-order"));
    // Well-formed: not found.
    OT_EXPECT_ERROR(h.run(AddItem, widgetData()), ErrorCode::NotFound,
                    QStringLiteral("no-such-order"));
    // Malformed: invalid, although the order does not exist either.
    OT_EXPECT_ERROR(h.run(AddItem, with(widgetData(), "quantity", QStringLiteral("3"))),
                    ErrorCode::Invalid, QStringLiteral("quantity"));
    OT_EXPECT_ERROR(h.run(AddItem, without(widgetData(), "price")), ErrorCode::Invalid,
                    QStringLiteral("price"));
    OT_EXPECT_ERROR(h.run(ConfirmOrder, obj({{"force", true}})), ErrorCode::Invalid,
                    QStringLiteral("force"));
    OT_EXPECT_ERROR(h.run(CancelOrder), ErrorCode::Invalid, QStringLiteral("reason"));
    QVERIFY(!h.order.exists());
}

void TestOrders::boundaryValuesAreAccepted_data() {
    QTest::addColumn<QJsonObject>("item");
    QTest::addColumn<QString>("total");

    const QJsonObject item = obj({{"productId", QStringLiteral("p9")},
                                  {"name", QStringLiteral("Thing")},
                                  {"quantity", 1},
                                  {"price", QStringLiteral("1.00")}});
    QTest::newRow("quantity 1") << item << QStringLiteral("1.00");
    QTest::newRow("quantity max") << with(item, "quantity", OrderAggregate::MaxQuantity)
                                  << QStringLiteral("1000000.00");
    QTest::newRow("quantity 3.0 (a whole JSON number)")
        << with(item, "quantity", 3.0) << QStringLiteral("3.00");
    QTest::newRow("price 0") << with(item, "price", 0) << QStringLiteral("0.00");
    QTest::newRow("price \"0.00\"")
        << with(item, "price", QStringLiteral("0.00")) << QStringLiteral("0.00");
    QTest::newRow("price max string")
        << with(item, "price", QStringLiteral("999999999.99")) << QStringLiteral("999999999.99");
    QTest::newRow("price max number")
        << with(item, "price", 999999999.99) << QStringLiteral("999999999.99");
    QTest::newRow("productId 200 chars")
        << with(item, "productId", QString(200, u'p')) << QStringLiteral("1.00");
    QTest::newRow("name 500 chars")
        << with(item, "name", QString(500, u'n')) << QStringLiteral("1.00");
    QTest::newRow("name inner spaces and unicode")
        << with(item, "name", str("Caf\u00e9  cr\u00e8me \U0001F600")) << QStringLiteral("1.00");
}

void TestOrders::boundaryValuesAreAccepted() {
    QFETCH(QJsonObject, item);
    QFETCH(QString, total);
    Harness h;
    QVERIFY(h.reach(QStringLiteral("empty")));
    OT_REQUIRE(h.run(AddItem, item));
    QCOMPARE(h.order.total().toString(), total);
    QCOMPARE(h.last.first().data.value(QStringLiteral("name")), item.value(QStringLiteral("name")));
    QCOMPARE(h.last.first().data.value(QStringLiteral("productId")),
             item.value(QStringLiteral("productId")));
    QCOMPARE(h.last.first().data.value(QStringLiteral("quantity")).toInteger(),
             item.value(QStringLiteral("quantity")).toInteger());
}

void TestOrders::controlCharacterFromJsonEscapeIsInvalid() {
    // A "\u0000" escape in the command body becomes a real NUL in the id.
    const QByteArray body = R"({"type":"CreateOrder","data":{"customerId":"cust\u0000-1"}})";
    const auto command =
        commandFromJson(body, OrderId, QStringLiteral("alice"), QStringLiteral("cmd-nul"));
    OT_REQUIRE(command);
    QCOMPARE(command->data.value(QStringLiteral("customerId")).toString().size(), 7);
    Harness h;
    OT_EXPECT_ERROR(h.run(*command), ErrorCode::Invalid, QStringLiteral("control"));
    QVERIFY(!h.order.exists());
}

void TestOrders::tenMegabyteNameIsInvalid() {
    Harness h;
    QVERIFY(h.reach(QStringLiteral("empty")));
    const QString huge(10 * 1024 * 1024, u'n');
    const auto result = h.run(AddItem, with(widgetData(), "name", huge));
    OT_EXPECT_ERROR(result, ErrorCode::Invalid, QStringLiteral("too long"));
    QVERIFY(result.error().message.contains(QStringLiteral("'name'")));
    // The message names the limit; it does not echo the input.
    QVERIFY(result.error().message.contains(QStringLiteral("500")));
    QVERIFY2(result.error().message.size() < 200, qPrintable(result.error().message.left(200)));
    QVERIFY(h.order.items().isEmpty());
}

void TestOrders::errorMessagesStayShort() {
    // Whatever the caller sends, the message it gets back stays readable: a 1 MB command type,
    // field name or price must not be echoed back whole (the type already is cut to 100).
    const QString huge(1024 * 1024, u'k');
    Harness h;
    QVERIFY(h.reach(QStringLiteral("created")));

    const auto badType = h.run(huge, {});
    OT_EXPECT_ERROR(badType, ErrorCode::Invalid, QStringLiteral("unknown command type"));
    QVERIFY2(badType.error().message.size() < 1000, "unknown type echoed whole");

    const auto badPrice = h.run(AddItem, with(gadgetData(), "price", huge));
    OT_EXPECT_ERROR(badPrice, ErrorCode::Invalid, QStringLiteral("price"));
    QVERIFY2(badPrice.error().message.size() < 1000, "bad price echoed whole");

    QJsonObject data = createData();
    data.insert(huge, 1);
    const auto badField = h.run(CreateOrder, data);
    OT_EXPECT_ERROR(badField, ErrorCode::Invalid, QStringLiteral("unknown field"));
    QVERIFY2(badField.error().message.size() < 1000,
             qPrintable(QStringLiteral("unknown field name echoed whole: %1 characters")
                            .arg(badField.error().message.size())));
}

void TestOrders::commandFromJsonMessagesStayShort() {
    const QByteArray hugeKey(1024 * 1024, 'k');
    const QByteArray body = R"({"type":"CreateOrder",")" + hugeKey + R"(":1})";
    const auto command =
        commandFromJson(body, OrderId, QStringLiteral("alice"), QStringLiteral("c"));
    OT_EXPECT_ERROR(command, ErrorCode::Invalid, QStringLiteral("unknown field"));
    QVERIFY2(command.error().message.size() < 1000,
             qPrintable(QStringLiteral("unknown field name echoed whole: %1 characters")
                            .arg(command.error().message.size())));
}

// ---------------------------------------------------------------------------------------------
// Money

void TestOrders::moneyParse_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("cents");

    QTest::newRow("0") << QStringLiteral("0") << true << qint64(0);
    QTest::newRow("12") << QStringLiteral("12") << true << qint64(1200);
    QTest::newRow("12.5") << QStringLiteral("12.5") << true << qint64(1250);
    QTest::newRow("12.50") << QStringLiteral("12.50") << true << qint64(1250);
    QTest::newRow("12.05") << QStringLiteral("12.05") << true << qint64(1205);
    QTest::newRow("9.99") << QStringLiteral("9.99") << true << qint64(999);
    QTest::newRow("0.01") << QStringLiteral("0.01") << true << qint64(1);
    QTest::newRow("0.1") << QStringLiteral("0.1") << true << qint64(10);
    QTest::newRow("1000.00") << QStringLiteral("1000.00") << true << qint64(100000);
    QTest::newRow("999999999.99") << QStringLiteral("999999999.99") << true << Money::MaxPriceCents;
    QTest::newRow("15 digits") << QStringLiteral("999999999999999.99") << true
                               << qint64(99'999'999'999'999'999);

    for (const char *bad : {"",      " ",     "-1",    "-0.01", "+1",
                            "1e3",   "1E3",   "1.999", "0.001", ".5",
                            "5.",    "NaN",   "nan",   "inf",   "Infinity",
                            "1,5",   " 1",    "1 ",    "1\n",   "0x1F",
                            "1.2.3", "12..5", "1 000", "$1",    "1234567890123456"}) {
        QTest::addRow("invalid \"%s\"", bad) << str(bad) << false << qint64(0);
    }
    QTest::newRow("invalid fullwidth digits") << str("\uff11\uff12") << false << qint64(0);
    QTest::newRow("invalid arabic digits") << str("\u0661\u0662") << false << qint64(0);
}

void TestOrders::moneyParse() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(qint64, cents);
    const std::optional<Money> money = Money::parse(text);
    QCOMPARE(money.has_value(), valid);
    if (valid)
        QCOMPARE(money->cents(), cents);
}

void TestOrders::moneyToString_data() {
    QTest::addColumn<qint64>("cents");
    QTest::addColumn<QString>("text");
    QTest::newRow("0") << qint64(0) << QStringLiteral("0.00");
    QTest::newRow("1") << qint64(1) << QStringLiteral("0.01");
    QTest::newRow("10") << qint64(10) << QStringLiteral("0.10");
    QTest::newRow("99") << qint64(99) << QStringLiteral("0.99");
    QTest::newRow("100") << qint64(100) << QStringLiteral("1.00");
    QTest::newRow("999") << qint64(999) << QStringLiteral("9.99");
    QTest::newRow("1205") << qint64(1205) << QStringLiteral("12.05");
    QTest::newRow("100000") << qint64(100000) << QStringLiteral("1000.00");
    QTest::newRow("max price") << Money::MaxPriceCents << QStringLiteral("999999999.99");
    QTest::newRow("-5") << qint64(-5) << QStringLiteral("-0.05");
    QTest::newRow("-1234") << qint64(-1234) << QStringLiteral("-12.34");
    QTest::newRow("int64 max") << std::numeric_limits<qint64>::max()
                               << QStringLiteral("92233720368547758.07");
    QTest::newRow("int64 min") << std::numeric_limits<qint64>::min()
                               << QStringLiteral("-92233720368547758.08");
}

void TestOrders::moneyToString() {
    QFETCH(qint64, cents);
    QFETCH(QString, text);
    const Money money = Money::fromCents(cents);
    QCOMPARE(money.toString(), text);
    if (cents >= 0 && cents <= Money::MaxPriceCents) {
        // Round trip.
        const auto parsed = Money::parse(text);
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->cents(), cents);
    }
}

void TestOrders::moneyFromJson_data() {
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("text"); // toString() of the result when valid

    QTest::newRow("9.99") << QJsonValue(9.99) << true << QStringLiteral("9.99");
    QTest::newRow("0.1") << QJsonValue(0.1) << true << QStringLiteral("0.10");
    QTest::newRow("0.2") << QJsonValue(0.2) << true << QStringLiteral("0.20");
    QTest::newRow("19.99") << QJsonValue(19.99) << true << QStringLiteral("19.99");
    QTest::newRow("1.005") << QJsonValue(1.005) << false << QString();
    QTest::newRow("12 integer") << QJsonValue(12) << true << QStringLiteral("12.00");
    QTest::newRow("12 qint64") << QJsonValue(qint64(12)) << true << QStringLiteral("12.00");
    QTest::newRow("12.0 double") << QJsonValue(12.0) << true << QStringLiteral("12.00");
    QTest::newRow("1e3 number") << QJsonValue(1e3) << true << QStringLiteral("1000.00");
    QTest::newRow("0") << QJsonValue(0) << true << QStringLiteral("0.00");
    QTest::newRow("0.01") << QJsonValue(0.01) << true << QStringLiteral("0.01");
    QTest::newRow("max number") << QJsonValue(999999999.99) << true
                                << QStringLiteral("999999999.99");
    QTest::newRow("\"9.99\"") << QJsonValue(QStringLiteral("9.99")) << true
                              << QStringLiteral("9.99");
    QTest::newRow("\"12\"") << QJsonValue(QStringLiteral("12")) << true << QStringLiteral("12.00");
    QTest::newRow("\"12.5\"") << QJsonValue(QStringLiteral("12.5")) << true
                              << QStringLiteral("12.50");
    QTest::newRow("\"0.10\"") << QJsonValue(QStringLiteral("0.10")) << true
                              << QStringLiteral("0.10");
    QTest::newRow("max string") << QJsonValue(QStringLiteral("999999999.99")) << true
                                << QStringLiteral("999999999.99");

    QTest::newRow("too large number") << QJsonValue(1000000000.0) << false << QString();
    QTest::newRow("too large string")
        << QJsonValue(QStringLiteral("1000000000")) << false << QString();
    QTest::newRow("1e15") << QJsonValue(1e15) << false << QString();
    QTest::newRow("1e300") << QJsonValue(1e300) << false << QString();
    QTest::newRow("9.999") << QJsonValue(9.999) << false << QString();
    QTest::newRow("0.1+0.2") << QJsonValue(0.1 + 0.2) << false << QString();
    QTest::newRow("1e-7") << QJsonValue(1e-7) << false << QString();
    QTest::newRow("-0.01") << QJsonValue(-0.01) << false << QString();
    QTest::newRow("-1") << QJsonValue(-1) << false << QString();
    QTest::newRow("\"-1\"") << QJsonValue(QStringLiteral("-1")) << false << QString();
    QTest::newRow("\"1e3\"") << QJsonValue(QStringLiteral("1e3")) << false << QString();
    QTest::newRow("\"NaN\"") << QJsonValue(QStringLiteral("NaN")) << false << QString();
    QTest::newRow("\"Infinity\"") << QJsonValue(QStringLiteral("Infinity")) << false << QString();
    QTest::newRow("\"\"") << QJsonValue(QString()) << false << QString();
    QTest::newRow("\"9.999\"") << QJsonValue(QStringLiteral("9.999")) << false << QString();
    QTest::newRow("\"9.99\\n\"") << QJsonValue(QStringLiteral("9.99\n")) << false << QString();
    QTest::newRow("NaN double") << QJsonValue(std::numeric_limits<double>::quiet_NaN()) << false
                                << QString();
    QTest::newRow("infinity double")
        << QJsonValue(std::numeric_limits<double>::infinity()) << false << QString();
    QTest::newRow("true") << QJsonValue(true) << false << QString();
    QTest::newRow("false") << QJsonValue(false) << false << QString();
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << false << QString();
    QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined) << false << QString();
    QTest::newRow("array") << QJsonValue(QJsonArray{9.99}) << false << QString();
    QTest::newRow("object") << QJsonValue(obj({{"amount", 9.99}})) << false << QString();
}

void TestOrders::moneyFromJson() {
    QFETCH(QJsonValue, value);
    QFETCH(bool, valid);
    QFETCH(QString, text);
    const Result<Money> money = Money::fromJson(value, QStringLiteral("unitPrice"));
    if (valid) {
        OT_REQUIRE(money);
        QCOMPARE(money->toString(), text);
    } else {
        OT_EXPECT_ERROR(money, ErrorCode::Invalid, QStringLiteral("unitPrice"));
    }
}

// Exponents at the ends of int64 (UBSan once found the first negated).
void TestOrders::extremeExponentsAreRead() {
    QVERIFY(checkNumbersExact(R"({"price":0e-9223372036854775808})").ok());
    QVERIFY(checkNumbersExact(R"({"price":0e9223372036854775807})").ok());
    QVERIFY(!checkNumbersExact(R"({"price":1e-9223372036854775808})").ok());
    QVERIFY(!checkNumbersExact(R"({"price":1e99999999999999999999})").ok());
}

void TestOrders::moneyArithmeticIsExact() {
    const Money tenth = *Money::parse(QStringLiteral("0.1"));
    const Money fifth = *Money::parse(QStringLiteral("0.2"));
    QCOMPARE(tenth.plus(fifth)->toString(), QStringLiteral("0.30"));
    QVERIFY(*tenth.plus(fifth) == Money::fromCents(30));
    QCOMPARE(tenth.times(10000)->toString(), QStringLiteral("1000.00"));
    QCOMPARE(Money::fromCents(1999).times(3)->toString(), QStringLiteral("59.97"));
    QCOMPARE(fifth.minus(tenth)->toString(), QStringLiteral("0.10"));
    QCOMPARE(tenth.minus(fifth)->toString(), QStringLiteral("-0.10"));

    Money sum;
    for (int i = 0; i < 10000; ++i)
        sum = *sum.plus(tenth);
    QCOMPARE(sum.toString(), QStringLiteral("1000.00"));
    QCOMPARE(sum.cents(), 100000);

    const Money max = Money::fromCents(std::numeric_limits<qint64>::max());
    QVERIFY(!max.plus(Money::fromCents(1)).has_value());
    QVERIFY(max.plus(Money()).has_value());
    QVERIFY(!max.times(2).has_value());
    const Money min = Money::fromCents(std::numeric_limits<qint64>::min());
    QVERIFY(!min.minus(Money::fromCents(1)).has_value());
    QVERIFY(!Money().minus(min).has_value());
    QVERIFY(!max.minus(Money::fromCents(-1)).has_value());
    QVERIFY(!min.times(-1).has_value());
    QCOMPARE(min.plus(max)->cents(), -1);
    QVERIFY(!Money::fromCents(Money::MaxPriceCents).times(100'000'000).has_value());
    QVERIFY(Money::fromCents(Money::MaxPriceCents).times(OrderAggregate::MaxQuantity).has_value());
}

void TestOrders::storedPriceIsTwoPlaceDecimalString_data() {
    QTest::addColumn<QJsonValue>("price");
    QTest::addColumn<QString>("stored");
    QTest::newRow("number 9.99") << QJsonValue(9.99) << QStringLiteral("9.99");
    QTest::newRow("number 0.1") << QJsonValue(0.1) << QStringLiteral("0.10");
    QTest::newRow("number 19.99") << QJsonValue(19.99) << QStringLiteral("19.99");
    QTest::newRow("number 12") << QJsonValue(12) << QStringLiteral("12.00");
    QTest::newRow("number 1e3") << QJsonValue(1e3) << QStringLiteral("1000.00");
    QTest::newRow("number 0") << QJsonValue(0) << QStringLiteral("0.00");
    QTest::newRow("string 9.99") << QJsonValue(QStringLiteral("9.99")) << QStringLiteral("9.99");
    QTest::newRow("string 12") << QJsonValue(QStringLiteral("12")) << QStringLiteral("12.00");
    QTest::newRow("string 12.5") << QJsonValue(QStringLiteral("12.5")) << QStringLiteral("12.50");
    QTest::newRow("string 0.5") << QJsonValue(QStringLiteral("0.5")) << QStringLiteral("0.50");
}

void TestOrders::storedPriceIsTwoPlaceDecimalString() {
    QFETCH(QJsonValue, price);
    QFETCH(QString, stored);
    Harness h;
    QVERIFY(h.reach(QStringLiteral("empty")));
    OT_REQUIRE(h.run(AddItem, with(widgetData(), "price", price)));
    const QJsonValue inEvent = h.last.first().data.value(QStringLiteral("price"));
    QVERIFY2(isTwoPlaceDecimal(inEvent), qPrintable(inEvent.toVariant().toString()));
    QCOMPARE(inEvent.toString(), stored);
    const QJsonValue inState = h.order.toJson()
                                   .value(QStringLiteral("items"))
                                   .toArray()
                                   .first()
                                   .toObject()
                                   .value(QStringLiteral("price"));
    QVERIFY(isTwoPlaceDecimal(inState));
    QCOMPARE(inState.toString(), stored);
    QVERIFY(isTwoPlaceDecimal(h.order.toJson().value(QStringLiteral("total"))));
}

void TestOrders::totalsAreExact_data() {
    QTest::addColumn<QJsonArray>("lines"); // [[price, quantity], ...]
    QTest::addColumn<QString>("total");

    QTest::newRow("0.1 + 0.2") << QJsonArray{QJsonArray{0.1, 1}, QJsonArray{0.2, 1}}
                               << QStringLiteral("0.30");
    QTest::newRow("\"0.1\" + \"0.2\"")
        << QJsonArray{QJsonArray{QStringLiteral("0.1"), 1}, QJsonArray{QStringLiteral("0.2"), 1}}
        << QStringLiteral("0.30");
    QTest::newRow("10000 x 0.10 number")
        << QJsonArray{QJsonArray{0.1, 10000}} << QStringLiteral("1000.00");
    QTest::newRow("10000 x \"0.10\"")
        << QJsonArray{QJsonArray{QStringLiteral("0.10"), 10000}} << QStringLiteral("1000.00");
    QTest::newRow("9.99 x 3 + 19.99")
        << QJsonArray{QJsonArray{9.99, 3}, QJsonArray{19.99, 1}} << QStringLiteral("49.96");
    QTest::newRow("\"12\" + \"12.5\" x 2")
        << QJsonArray{QJsonArray{QStringLiteral("12"), 1}, QJsonArray{QStringLiteral("12.5"), 2}}
        << QStringLiteral("37.00");
    QTest::newRow("0.01 x max quantity")
        << QJsonArray{QJsonArray{0.01, OrderAggregate::MaxQuantity}} << QStringLiteral("10000.00");
    QTest::newRow("0.07 x 3 x 10 lines") << [] {
        QJsonArray lines;
        for (int i = 0; i < 10; ++i)
            lines.append(QJsonArray{0.07, 3});
        return lines;
    }() << QStringLiteral("2.10");
    QTest::newRow("max price x max quantity")
        << QJsonArray{QJsonArray{QStringLiteral("999999999.99"), OrderAggregate::MaxQuantity}}
        << QStringLiteral("999999999990000.00");
}

void TestOrders::totalsAreExact() {
    QFETCH(QJsonArray, lines);
    QFETCH(QString, total);
    Harness h;
    QVERIFY(h.reach(QStringLiteral("empty")));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QJsonArray line = lines.at(i).toArray();
        OT_REQUIRE(h.run(AddItem, obj({{"productId", QStringLiteral("p%1").arg(i)},
                                       {"name", QStringLiteral("Item %1").arg(i)},
                                       {"quantity", line.at(1)},
                                       {"price", line.at(0)}})));
    }
    QCOMPARE(h.order.total().toString(), total);
    QCOMPARE(h.order.toJson().value(QStringLiteral("total")).toString(), total);

    OrderAggregate replayed(OrderId);
    replayed.loadFromHistory(h.history);
    QCOMPARE(replayed.total().toString(), total);
}

void TestOrders::tenThousandItemsAtTenCents() {
    // 10,000 separate items at 0.10 (a JSON number, binary 0.1000000000000000055...).
    Harness h;
    h.snapshots = false;
    QVERIFY(h.reach(QStringLiteral("empty")));
    for (int i = 0; i < 10000; ++i) {
        const auto result = h.run(AddItem, obj({{"productId", QStringLiteral("p%1").arg(i)},
                                                {"name", QStringLiteral("Item")},
                                                {"quantity", 1},
                                                {"price", 0.1}}));
        if (!result)
            QFAIL(qPrintable(result.error().message));
    }
    QCOMPARE(h.order.items().size(), 10000);
    QCOMPARE(h.order.total().toString(), QStringLiteral("1000.00"));
    QCOMPARE(h.order.total().cents(), 100000);

    OrderAggregate replayed(OrderId);
    replayed.loadFromHistory(h.history);
    QCOMPARE(replayed.total().toString(), QStringLiteral("1000.00"));
    QCOMPARE(replayed.version(), 10001);
}

void TestOrders::totalOverflowIsRejected() {
    // Max price x max quantity is 9.99e16 cents; the 93rd such line no longer fits in 64 bits.
    Harness h;
    QVERIFY(h.reach(QStringLiteral("empty")));
    int added = 0;
    Result<void> last;
    for (int i = 0; i < 100; ++i) {
        last = h.run(AddItem, obj({{"productId", QStringLiteral("p%1").arg(i)},
                                   {"name", QStringLiteral("Yacht")},
                                   {"quantity", OrderAggregate::MaxQuantity},
                                   {"price", QStringLiteral("999999999.99")}}));
        if (!last)
            break;
        ++added;
    }
    QCOMPARE(added, 92);
    OT_EXPECT_ERROR(last, ErrorCode::Rejected, QStringLiteral("too large"));
    QVERIFY(h.failureChangedNothing);
    QCOMPARE(h.order.total().cents(), 92 * Money::MaxPriceCents * OrderAggregate::MaxQuantity);
    QVERIFY(h.order.total().cents() > 0);
}

// ---------------------------------------------------------------------------------------------
// Event metadata and replay

void TestOrders::eventsCarryCommandMetadata() {
    Harness h;
    const auto command = [](const QString &id, const QString &type, const QJsonObject &data,
                            const QString &user, const QString &correlation) {
        return Command{id, type, OrderId, data, user, correlation, std::nullopt};
    };
    const qint64 t0 = h.clock.nowMs();
    QList<Command> commands{
        command(QStringLiteral("c-1"), CreateOrder, createData(), QStringLiteral("bob"),
                QStringLiteral("corr-A")),
        command(QStringLiteral("c-2"), AddItem, widgetData(), QStringLiteral("carol"),
                QStringLiteral("corr-A")),
        command(QStringLiteral("c-3"), AddItem, gadgetData(), QStringLiteral("bob"),
                QStringLiteral("corr-B")),
        command(QStringLiteral("c-4"), ConfirmOrder, {}, QStringLiteral("dave"),
                QStringLiteral("c-4")),
    };
    for (int i = 0; i < commands.size(); ++i) {
        const qint64 now = h.clock.nowMs();
        OT_REQUIRE(h.run(commands.at(i)));
        QCOMPARE(h.last.size(), 1);
        const DomainEvent &e = h.last.first();
        QCOMPARE(e.metadata.userId, commands.at(i).userId);
        QCOMPARE(e.metadata.correlationId, commands.at(i).correlationId);
        QCOMPARE(e.metadata.causationId, commands.at(i).id);
        QCOMPARE(e.metadata.timestamp, now);
        QCOMPARE(e.metadata.version, qint64(i + 1));
        QCOMPARE(e.aggregateId, OrderId);
        QCOMPARE(e.aggregateType, OrderAggregate::Type);
        QCOMPARE(e.position, 0); // assigned by the store, not the aggregate
        QVERIFY(e.hash.isEmpty());
    }
    // Timestamps follow the injected clock, one second apart.
    for (int i = 0; i < h.history.size(); ++i)
        QCOMPARE(h.history.at(i).metadata.timestamp, t0 + 1000 * i);
    QCOMPARE(h.order.createdAt(), t0);
    QCOMPARE(h.order.updatedAt(), t0 + 3000);
    QCOMPARE(h.order.lastUserId(), QStringLiteral("dave"));

    // makeCommand: correlation defaults to the command id; the user is "alice".
    const Command made = test::makeCommand(OrderId, ShipOrder, shipData());
    OT_REQUIRE(h.run(made));
    QCOMPARE(h.last.first().metadata.causationId, made.id);
    QCOMPARE(h.last.first().metadata.correlationId, made.id);
    QCOMPARE(h.last.first().metadata.userId, QStringLiteral("alice"));
    QCOMPARE(h.last.first().metadata.version, 5);
    QCOMPARE(h.order.lastUserId(), QStringLiteral("alice"));
}

void TestOrders::eventsGetIdsFromTheGenerator() {
    Harness h;
    OT_REQUIRE(h.run(CreateOrder, createData()));
    OT_EXPECT_ERROR(h.run(ConfirmOrder), ErrorCode::Rejected, QStringLiteral("no items"));
    OT_REQUIRE(h.run(AddItem, widgetData()));
    OT_EXPECT_ERROR(h.run(AddItem, widgetData()), ErrorCode::Rejected, QStringLiteral("p1"));
    OT_REQUIRE(h.run(ConfirmOrder));
    QCOMPARE(h.history.size(), 3); // the two refused commands raised nothing
    for (int i = 0; i < h.history.size(); ++i) {
        QCOMPARE(h.history.at(i).id, QUuid::fromString(expectedEventId(i + 1)));
        QCOMPARE(h.history.at(i).metadata.version, qint64(i + 1));
    }
    QCOMPARE(h.history.at(0).id.toString(QUuid::WithoutBraces),
             QStringLiteral("00000000-0000-4000-8000-000000000001"));
}

void TestOrders::replayGivesSameState() {
    Harness h;
    QVERIFY(h.reach(QStringLiteral("delivered")));
    OrderAggregate replayed(OrderId);
    replayed.loadFromHistory(h.history);
    QCOMPARE(replayed.toJson(), h.order.toJson());
    QCOMPARE(replayed.version(), h.order.version());
    QCOMPARE(replayed.createdAt(), h.order.createdAt());
    QCOMPARE(replayed.updatedAt(), h.order.updatedAt());
    QCOMPARE(replayed.lastUserId(), h.order.lastUserId());
    QVERIFY(replayed.uncommittedEvents().isEmpty());

    // A richer history: removals, a cancellation reason, shipping details.
    Harness g;
    OT_REQUIRE(g.run(CreateOrder, createData()));
    OT_REQUIRE(g.run(AddItem, widgetData()));
    OT_REQUIRE(g.run(AddItem, gadgetData()));
    OT_REQUIRE(g.run(RemoveItem, obj({{"productId", QStringLiteral("p1")}})));
    OT_REQUIRE(g.run(AddItem, with(widgetData(), "price", QStringLiteral("0.1"))));
    OT_REQUIRE(g.run(ConfirmOrder));
    OT_REQUIRE(g.run(CancelOrder, obj({{"reason", QStringLiteral("duplicate\norder")}})));
    OrderAggregate again(OrderId);
    again.loadFromHistory(g.history);
    QCOMPARE(again.toJson(), g.order.toJson());
    QCOMPARE(again.total().toString(), QStringLiteral("10.30"));
    QCOMPARE(again.cancelReason(), QStringLiteral("duplicate\norder"));
}

void TestOrders::replayPrefixGivesStateAtVersion() {
    Harness h;
    OT_REQUIRE(h.run(CreateOrder, createData()));
    OT_REQUIRE(h.run(AddItem, widgetData()));
    OT_REQUIRE(h.run(AddItem, gadgetData()));
    OT_REQUIRE(h.run(RemoveItem, obj({{"productId", QStringLiteral("p1")}})));
    OT_REQUIRE(h.run(ConfirmOrder));
    OT_REQUIRE(h.run(ShipOrder, shipData()));
    OT_REQUIRE(h.run(DeliverOrder));
    QCOMPARE(h.history.size(), h.states.size());

    for (qsizetype n = 1; n <= h.history.size(); ++n) {
        OrderAggregate atVersion(OrderId);
        atVersion.loadFromHistory(h.history.first(n));
        QCOMPARE(atVersion.version(), qint64(n));
        QCOMPARE(atVersion.toJson(), h.states.at(n - 1));
        QCOMPARE(atVersion.toJson().value(QStringLiteral("version")).toInteger(), qint64(n));
    }
    // Spot checks of what those states are.
    OrderAggregate v3(OrderId);
    v3.loadFromHistory(h.history.first(3));
    QCOMPARE(v3.items().size(), 2);
    QCOMPARE(v3.total().toString(), QStringLiteral("39.97"));
    QCOMPARE(orderStatusName(*v3.status()), QStringLiteral("created"));
    OrderAggregate v6(OrderId);
    v6.loadFromHistory(h.history.first(6));
    QCOMPARE(orderStatusName(*v6.status()), QStringLiteral("shipped"));
    QCOMPARE(v6.total().toString(), QStringLiteral("10.00"));

    OrderAggregate empty(OrderId);
    empty.loadFromHistory({});
    QVERIFY(!empty.exists());
    QCOMPARE(empty.version(), 0);
}

void TestOrders::replayedOrderContinues() {
    Harness h;
    QVERIFY(h.reach(QStringLiteral("confirmed")));

    Harness resumed;
    resumed.order.loadFromHistory(h.history);
    resumed.clock.advance(60'000);
    OT_EXPECT_ERROR(resumed.run(AddItem, gadgetData()), ErrorCode::Rejected,
                    QStringLiteral("is confirmed"));
    OT_REQUIRE(resumed.run(ShipOrder, shipData()));
    QCOMPARE(resumed.last.first().metadata.version, h.order.version() + 1);
    QCOMPARE(resumed.order.version(), h.order.version() + 1);
    QCOMPARE(orderStatusName(*resumed.order.status()), QStringLiteral("shipped"));
}

// ---------------------------------------------------------------------------------------------
// Upcasters

void TestOrders::upcasterVersions() {
    UpcasterRegistry registry;
    QCOMPARE(registry.currentVersion(OrderAggregate::Type, ItemAdded), 1);
    OrderAggregate::registerUpcasters(registry, QStringLiteral("EUR"));
    QCOMPARE(registry.currentVersion(QStringLiteral("Order"), ItemAdded), 3);
    QCOMPARE(registry.currentVersion(QStringLiteral("Order"), OrderCreated), 2);
    for (const QString &type : {ItemRemoved, OrderConfirmed, OrderShipped, OrderDelivered,
                                OrderCancelled, QStringLiteral("NoteAdded")})
        QCOMPARE(registry.currentVersion(OrderAggregate::Type, type), 1);
    QCOMPARE(registry.currentVersion(QStringLiteral("Customer"), ItemAdded), 1);

    // New events are written with the current version.
    Harness h;
    QVERIFY(h.reach(QStringLiteral("delivered")));
    for (const DomainEvent &e : h.history)
        QCOMPARE(e.schemaVersion, registry.currentVersion(e.aggregateType, e.type));
}

void TestOrders::upcastItemAddedV1_data() {
    QTest::addColumn<QJsonValue>("price");
    QTest::addColumn<QString>("upcast");
    QTest::newRow("9.99") << QJsonValue(9.99) << QStringLiteral("9.99");
    QTest::newRow("12") << QJsonValue(12) << QStringLiteral("12.00");
    QTest::newRow("0.1") << QJsonValue(0.1) << QStringLiteral("0.10");
    QTest::newRow("19.9") << QJsonValue(19.9) << QStringLiteral("19.90");
    // Legacy prices finer than a cent are rounded, never replayed as zero.
    QTest::newRow("9.999") << QJsonValue(9.999) << QStringLiteral("10.00");
    QTest::newRow("0.1+0.2") << QJsonValue(0.1 + 0.2) << QStringLiteral("0.30");
    QTest::newRow("2.344") << QJsonValue(2.344) << QStringLiteral("2.34");
}

void TestOrders::upcastItemAddedV1() {
    QFETCH(QJsonValue, price);
    QFETCH(QString, upcast);
    UpcasterRegistry registry;
    OrderAggregate::registerUpcasters(registry, QStringLiteral("EUR"));

    DomainEvent event = itemAddedV1(price);
    const DomainEvent original = event;
    registry.upcast(event);
    QCOMPARE(event.schemaVersion, 3);
    QVERIFY(event.data.value(QStringLiteral("price")).isString());
    QCOMPARE(event.data.value(QStringLiteral("price")).toString(), upcast);
    // v3 adds the tax rate, 0 for every line stored before it; the rest is left as stored.
    QCOMPARE(event.data.value(QStringLiteral("taxRate")).toString(), QStringLiteral("0"));
    QCOMPARE(without(without(event.data, "price"), "taxRate"), without(original.data, "price"));
    QCOMPARE(event.id, original.id);
    QCOMPARE(event.type, original.type);
    QCOMPARE(event.metadata.version, original.metadata.version);
    QCOMPARE(event.metadata.userId, original.metadata.userId);
    QCOMPARE(event.metadata.timestamp, original.metadata.timestamp);

    // Upcasting is idempotent: a current event is not touched again.
    const DomainEvent once = event;
    registry.upcast(event);
    QCOMPARE(event.schemaVersion, 3);
    QCOMPARE(event.data, once.data);
}

void TestOrders::upcastLeavesOtherEventsAlone() {
    UpcasterRegistry registry;
    OrderAggregate::registerUpcasters(registry, QStringLiteral("EUR"));

    // A v2 ItemAdded, as raised today.
    Harness h;
    QVERIFY(h.reach(QStringLiteral("created")));
    for (const DomainEvent &stored : h.history) {
        DomainEvent e = stored;
        registry.upcast(e);
        QCOMPARE(e.schemaVersion, stored.schemaVersion);
        QCOMPARE(e.data, stored.data);
    }
    // Other aggregate types with an event of the same name are not order events.
    DomainEvent foreign = itemAddedV1(QJsonValue(9.99));
    foreign.aggregateType = QStringLiteral("Cart");
    registry.upcast(foreign);
    QCOMPARE(foreign.schemaVersion, 1);
    QVERIFY(foreign.data.value(QStringLiteral("price")).isDouble());
}

void TestOrders::replayOfUpcastV1History() {
    UpcasterRegistry registry;
    OrderAggregate::registerUpcasters(registry, QStringLiteral("EUR"));

    // The original design's stream: OrderCreated v1, ItemAdded v1 with a JSON number price.
    Harness h;
    OT_REQUIRE(h.run(CreateOrder, createData()));
    QList<DomainEvent> history = h.history;
    DomainEvent legacy = itemAddedV1(QJsonValue(9.99));
    history.append(legacy);
    for (DomainEvent &e : history)
        registry.upcast(e);

    OrderAggregate order(OrderId);
    order.loadFromHistory(history);
    QCOMPARE(order.version(), 2);
    QCOMPARE(order.items().size(), 1);
    QCOMPARE(order.items().first().price.toString(), QStringLiteral("9.99"));
    QCOMPARE(order.total().toString(), QStringLiteral("29.97"));

    // It replays to what the same command gives today.
    Harness today;
    OT_REQUIRE(today.run(CreateOrder, createData()));
    OT_REQUIRE(today.run(AddItem, widgetData()));
    QJsonObject expected = today.order.toJson();
    QJsonObject actual = order.toJson();
    QCOMPARE(actual.value(QStringLiteral("items")), expected.value(QStringLiteral("items")));
    QCOMPARE(actual.value(QStringLiteral("total")), expected.value(QStringLiteral("total")));
}

// ---------------------------------------------------------------------------------------------
// commandFromJson

void TestOrders::commandFromJsonFull() {
    const QByteArray body = R"({"type":"AddItem",
        "data":{"productId":"p1","name":"Widget","quantity":3,"price":9.99},
        "userId":"bob","expectedVersion":3,"correlationId":"corr-7"})";
    const auto command =
        commandFromJson(body, OrderId, QStringLiteral("default-user"), QStringLiteral("cmd-77"));
    OT_REQUIRE(command);
    QCOMPARE(command->id, QStringLiteral("cmd-77"));
    QCOMPARE(command->type, AddItem);
    QCOMPARE(command->aggregateId, OrderId);
    QCOMPARE(command->data, widgetData());
    QCOMPARE(command->userId, QStringLiteral("bob"));
    QCOMPARE(command->correlationId, QStringLiteral("corr-7"));
    QVERIFY(command->expectedVersion.has_value());
    QCOMPARE(*command->expectedVersion, 3);
}

void TestOrders::commandFromJsonDefaults() {
    const auto command = commandFromJson(R"({"type":"ConfirmOrder"})", OrderId,
                                         QStringLiteral("os-user"), QStringLiteral("cmd-1"));
    OT_REQUIRE(command);
    QCOMPARE(command->type, ConfirmOrder);
    QVERIFY(command->data.isEmpty());
    QCOMPARE(command->userId, QStringLiteral("os-user"));
    QCOMPARE(command->correlationId, QStringLiteral("cmd-1"));
    QCOMPARE(command->id, QStringLiteral("cmd-1"));
    QVERIFY(!command->expectedVersion.has_value());

    const auto zero = commandFromJson(R"({"type":"ConfirmOrder","expectedVersion":0,"data":{}})",
                                      OrderId, QStringLiteral("u"), QStringLiteral("cmd-2"));
    OT_REQUIRE(zero);
    QVERIFY(zero->expectedVersion.has_value());
    QCOMPARE(*zero->expectedVersion, 0);
    QCOMPARE(zero->correlationId, QStringLiteral("cmd-2"));

    const auto big =
        commandFromJson(R"({"type":"ConfirmOrder","expectedVersion":9007199254740992})", OrderId,
                        QStringLiteral("u"), QStringLiteral("cmd-3"));
    OT_REQUIRE(big);
    QCOMPARE(*big->expectedVersion, Q_INT64_C(9007199254740992));
}

void TestOrders::commandFromJsonInvalid_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("fragment");

    const QString json = QStringLiteral("JSON");
    const QString object = QStringLiteral("object");
    QTest::newRow("empty body") << QByteArray() << json;
    QTest::newRow("not JSON") << QByteArray("not json") << json;
    QTest::newRow("truncated") << QByteArray(R"({"type":)") << json;
    QTest::newRow("unterminated object") << QByteArray(R"({"type":"CreateOrder")") << json;
    QTest::newRow("trailing garbage") << QByteArray(R"({"type":"CreateOrder"} x)") << json;
    QTest::newRow("single quotes") << QByteArray("{'type':'CreateOrder'}") << json;
    QTest::newRow("trailing comma") << QByteArray(R"({"type":"CreateOrder",})") << json;
    QTest::newRow("array") << QByteArray(R"([{"type":"CreateOrder"}])") << object;
    QTest::newRow("empty array") << QByteArray("[]") << object;

    QTest::newRow("unknown field")
        << QByteArray(R"({"type":"CreateOrder","foo":1})") << QStringLiteral("foo");
    QTest::newRow("field name case")
        << QByteArray(R"({"type":"CreateOrder","Data":{}})") << QStringLiteral("Data");
    QTest::newRow("aggregateId field") << QByteArray(R"({"type":"CreateOrder","aggregateId":"x"})")
                                       << QStringLiteral("aggregateId");

    QTest::newRow("type missing") << QByteArray(R"({"data":{}})") << QStringLiteral("type");
    QTest::newRow("type number") << QByteArray(R"({"type":1})") << QStringLiteral("type");
    QTest::newRow("type null") << QByteArray(R"({"type":null})") << QStringLiteral("type");
    QTest::newRow("type object") << QByteArray(R"({"type":{}})") << QStringLiteral("type");
    QTest::newRow("type array") << QByteArray(R"({"type":["CreateOrder"]})")
                                << QStringLiteral("type");
    QTest::newRow("type empty") << QByteArray(R"({"type":""})") << QStringLiteral("type");

    QTest::newRow("data array") << QByteArray(R"({"type":"CreateOrder","data":[]})")
                                << QStringLiteral("data");
    QTest::newRow("data string") << QByteArray(R"({"type":"CreateOrder","data":"x"})")
                                 << QStringLiteral("data");
    QTest::newRow("data null") << QByteArray(R"({"type":"CreateOrder","data":null})")
                               << QStringLiteral("data");
    QTest::newRow("data number") << QByteArray(R"({"type":"CreateOrder","data":1})")
                                 << QStringLiteral("data");

    QTest::newRow("userId number")
        << QByteArray(R"({"type":"CreateOrder","userId":1})") << QStringLiteral("userId");
    QTest::newRow("userId null") << QByteArray(R"({"type":"CreateOrder","userId":null})")
                                 << QStringLiteral("userId");
    QTest::newRow("userId object")
        << QByteArray(R"({"type":"CreateOrder","userId":{}})") << QStringLiteral("userId");
    QTest::newRow("userId empty") << QByteArray(R"({"type":"CreateOrder","userId":""})")
                                  << QStringLiteral("userId");
    QTest::newRow("userId spaces")
        << QByteArray(R"({"type":"CreateOrder","userId":"  "})") << QStringLiteral("userId");
    QTest::newRow("userId leading space")
        << QByteArray(R"({"type":"CreateOrder","userId":" bob"})") << QStringLiteral("userId");
    QTest::newRow("userId NUL") << QByteArray(R"({"type":"CreateOrder","userId":"b\u0000ob"})")
                                << QStringLiteral("userId");
    QTest::newRow("userId newline")
        << QByteArray(R"({"type":"CreateOrder","userId":"b\nob"})") << QStringLiteral("userId");
    QTest::newRow("userId 201 chars")
        << QByteArray(R"({"type":"CreateOrder","userId":")") + QByteArray(201, 'u') + "\"}"
        << QStringLiteral("userId");

    const QString ev = QStringLiteral("expectedVersion");
    QTest::newRow("expectedVersion string")
        << QByteArray(R"({"type":"CreateOrder","expectedVersion":"3"})") << ev;
    QTest::newRow("expectedVersion -1")
        << QByteArray(R"({"type":"CreateOrder","expectedVersion":-1})") << ev;
    QTest::newRow("expectedVersion 1.5")
        << QByteArray(R"({"type":"CreateOrder","expectedVersion":1.5})") << ev;
    QTest::newRow("expectedVersion true")
        << QByteArray(R"({"type":"CreateOrder","expectedVersion":true})") << ev;
    QTest::newRow("expectedVersion null")
        << QByteArray(R"({"type":"CreateOrder","expectedVersion":null})") << ev;
    QTest::newRow("expectedVersion array")
        << QByteArray(R"({"type":"CreateOrder","expectedVersion":[1]})") << ev;
    QTest::newRow("expectedVersion 1e300")
        << QByteArray(R"({"type":"CreateOrder","expectedVersion":1e300})") << ev;
    QTest::newRow("expectedVersion 2^53+2")
        << QByteArray(R"({"type":"CreateOrder","expectedVersion":9007199254740994})") << ev;

    const QString corr = QStringLiteral("correlationId");
    QTest::newRow("correlationId number")
        << QByteArray(R"({"type":"CreateOrder","correlationId":5})") << corr;
    QTest::newRow("correlationId null")
        << QByteArray(R"({"type":"CreateOrder","correlationId":null})") << corr;
    QTest::newRow("correlationId empty")
        << QByteArray(R"({"type":"CreateOrder","correlationId":""})") << corr;
    QTest::newRow("correlationId trailing space")
        << QByteArray(R"({"type":"CreateOrder","correlationId":"c "})") << corr;
    QTest::newRow("correlationId control")
        << QByteArray(R"({"type":"CreateOrder","correlationId":"c\u0007"})") << corr;
}

void TestOrders::commandFromJsonInvalid() {
    QFETCH(QByteArray, body);
    QFETCH(QString, fragment);
    const auto command =
        commandFromJson(body, OrderId, QStringLiteral("alice"), QStringLiteral("cmd-1"));
    OT_EXPECT_ERROR(command, ErrorCode::Invalid, fragment);
}

void TestOrders::commandFromJsonInvalidOrderId_data() {
    QTest::addColumn<QString>("orderId");
    QTest::newRow("empty") << QString();
    QTest::newRow("spaces") << QStringLiteral("   ");
    QTest::newRow("leading space") << QStringLiteral(" order-1");
    QTest::newRow("trailing space") << QStringLiteral("order-1 ");
    QTest::newRow("NUL") << withChar(QStringLiteral("order-1"), QChar(0));
    QTest::newRow("newline") << QStringLiteral("order\n1");
    QTest::newRow("201 chars") << QString(201, u'o');
}

void TestOrders::commandFromJsonInvalidOrderId() {
    QFETCH(QString, orderId);
    test::SequentialIds ids;
    const auto command = OrderService::parseCommand(
        OrderAggregate::Type, orderId, R"({"type":"CreateOrder","data":{"customerId":"c"}})",
        QStringLiteral("alice"), ids);
    OT_EXPECT_ERROR(command, ErrorCode::Invalid, QStringLiteral("order id"));

    const auto ok =
        commandFromJson(R"({"type":"CreateOrder","data":{"customerId":"c"}})", QString(200, u'o'),
                        QStringLiteral("alice"), QStringLiteral("c-1"));
    OT_REQUIRE(ok);
}

void TestOrders::commandFromJsonEndToEnd() {
    // Bodies as the CLI and the original route receive them, executed on one order.
    Harness h;
    int n = 0;
    const auto send = [&](const QByteArray &body) {
        auto command = commandFromJson(body, OrderId, QStringLiteral("os-user"),
                                       QStringLiteral("cmd-%1").arg(++n));
        if (!command)
            return Result<void>(command.error());
        return h.run(*command);
    };
    OT_REQUIRE(send(
        R"({"type":"CreateOrder","data":{"customerId":"c-9","currency":"CHF"},"userId":"bob"})"));
    QCOMPARE(h.last.first().metadata.userId, QStringLiteral("bob"));
    QCOMPARE(h.last.first().metadata.causationId, QStringLiteral("cmd-1"));
    QCOMPARE(h.last.first().metadata.correlationId, QStringLiteral("cmd-1"));
    OT_REQUIRE(send(
        R"({"type":"AddItem","data":{"productId":"p1","name":"W","quantity":10000,"price":0.10}})"));
    QCOMPARE(h.last.first().metadata.userId, QStringLiteral("os-user"));
    QCOMPARE(h.last.first().data.value(QStringLiteral("price")).toString(), QStringLiteral("0.10"));
    QCOMPARE(h.order.total().toString(), QStringLiteral("1000.00"));
    OT_EXPECT_ERROR(
        send(R"({"type":"AddItem","data":{"productId":"p2","name":"W","quantity":"3","price":1}})"),
        ErrorCode::Invalid, QStringLiteral("quantity"));
    OT_EXPECT_ERROR(
        send(
            R"({"type":"AddItem","data":{"productId":"p2","name":"W","quantity":3,"price":"1e3"}})"),
        ErrorCode::Invalid, QStringLiteral("price"));
    OT_REQUIRE(send(R"({"type":"ConfirmOrder","correlationId":"batch-1"})"));
    QCOMPARE(h.last.first().metadata.correlationId, QStringLiteral("batch-1"));
    QCOMPARE(h.last.first().metadata.causationId, QStringLiteral("cmd-5"));
    QCOMPARE(h.order.version(), 3);
}

void TestOrders::statusNames() {
    QCOMPARE(orderStatusNames(),
             (QStringList{QStringLiteral("created"), QStringLiteral("confirmed"),
                          QStringLiteral("shipped"), QStringLiteral("delivered"),
                          QStringLiteral("cancelled")}));
    for (const QString &name : orderStatusNames()) {
        const auto status = orderStatusFromName(name);
        QVERIFY(status.has_value());
        QCOMPARE(orderStatusName(*status), name);
    }
    QVERIFY(!orderStatusFromName(QStringLiteral("Created")).has_value());
    QVERIFY(!orderStatusFromName(QString()).has_value());
}

// isoTimestamp formats by hand for speed: it must agree with Qt's ISO format everywhere,
// including before 1970, at the ends of years 1 and 9999, and (empty) beyond them.
void TestOrders::isoTimestampMatchesQDateTime() {
    const auto expected = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    };
    QList<qint64> samples{0,
                          -1,
                          1,
                          951'782'400'000, // 2000-02-29
                          4'107'542'399'999,
                          -62'135'596'800'000,
                          -62'135'596'800'001,
                          253'402'300'799'999,
                          253'402'300'800'000,
                          std::numeric_limits<qint64>::min(),
                          std::numeric_limits<qint64>::max()};
    QRandomGenerator random(20261126);
    for (int i = 0; i < 20000; ++i)
        samples << random.bounded(-62'135'596'800'000LL, 253'402'300'800'000LL);
    for (const qint64 ms : samples)
        QCOMPARE(isoTimestamp(ms), expected(ms));
    QCOMPARE(isoTimestamp(1'767'225'600'123), QStringLiteral("2026-01-01T00:00:00.123Z"));
}

QTEST_GUILESS_MAIN(TestOrders)
#include "test_orders.moc"

// The words front ends use are the ones stored in every database so far: renaming one would
// orphan stored events.
void TestOrders::vocabularyNamesAreTheStoredOnes() {
    QCOMPARE(orderCommandNames(),
             (QStringList{CreateOrder, AddItem, RemoveItem, QStringLiteral("ChangeItemQuantity"),
                          QStringLiteral("SetLineDiscount"), QStringLiteral("SetOrderDiscount"),
                          QStringLiteral("AddNote"), QStringLiteral("SetShippingAddress"),
                          ConfirmOrder, ShipOrder, DeliverOrder, CancelOrder}));
    QCOMPARE(orderEventNames(),
             (QStringList{QStringLiteral("OrderCreated"), QStringLiteral("ItemAdded"),
                          QStringLiteral("ItemRemoved"), QStringLiteral("ItemQuantityChanged"),
                          QStringLiteral("LineDiscountSet"), QStringLiteral("OrderDiscountSet"),
                          QStringLiteral("NoteAdded"), QStringLiteral("ShippingAddressSet"),
                          QStringLiteral("OrderConfirmed"), QStringLiteral("OrderShipped"),
                          QStringLiteral("OrderDelivered"), QStringLiteral("OrderCancelled")}));
    for (OrderCommand command : orderCommands()) {
        QCOMPARE(orderCommandFromName(commandName(command)), command);
        // A typed command is one the rules take as valid input.
        Harness h;
        QVERIFY(h.reach(QStringLiteral("created")));
        const Command built = OrderService::command(
            OrderId,
            [&] {
                switch (command) {
                case OrderCommand::Create:
                    return OrderCommands::create(QStringLiteral("C"));
                case OrderCommand::AddItem:
                    return OrderCommands::addItem(QStringLiteral("P9"), QStringLiteral("Thing"), 2,
                                                  QStringLiteral("1.50"));
                case OrderCommand::RemoveItem:
                    return OrderCommands::removeItem(QStringLiteral("P9"));
                case OrderCommand::ChangeItemQuantity:
                    return OrderCommands::changeQuantity(QStringLiteral("P9"), 5);
                case OrderCommand::SetLineDiscount:
                    return OrderCommands::setLineDiscount(QStringLiteral("P9"),
                                                          QStringLiteral("10"), true);
                case OrderCommand::SetOrderDiscount:
                    return OrderCommands::amended(
                        OrderCommands::setOrderDiscount(QStringLiteral("2.50"), false),
                        QStringLiteral("goodwill"));
                case OrderCommand::AddNote:
                    return OrderCommands::addNote(QStringLiteral("Call back\nafter 3"));
                case OrderCommand::SetShippingAddress:
                    return OrderCommands::setShippingAddress({QStringLiteral("1 Main St"),
                                                              {},
                                                              {},
                                                              QStringLiteral("Bern"),
                                                              QStringLiteral("CH")});
                case OrderCommand::Confirm:
                    return OrderCommands::confirm();
                case OrderCommand::Ship:
                    return OrderCommands::ship(QStringLiteral("DHL"), {});
                case OrderCommand::Deliver:
                    return OrderCommands::deliver();
                case OrderCommand::Cancel:
                    return OrderCommands::cancel(QStringLiteral("no"));
                }
                return CommandBody{};
            }(),
            QStringLiteral("alice"));
        QVERIFY2(OrderAggregate::validate(built), qPrintable(commandName(command)));
    }
    for (OrderEvent event : orderEvents())
        QCOMPARE(orderEventFromName(eventName(event)), event);
}

// What the desk enables (OrderAggregate::allows) is exactly what the rules accept, in every
// state: a command the order allows succeeds with valid data, one it does not is refused.
void TestOrders::allowsIsWhatTheRulesAccept_data() {
    QTest::addColumn<QString>("state");
    for (const char *state :
         {"new", "empty", "created", "confirmed", "shipped", "delivered", "cancelled"})
        QTest::newRow(state) << QString::fromLatin1(state);
}

// What the desk enables as an amendment (OrderAggregate::amendable) is likewise what the rules
// accept with a reason.
void TestOrders::allowsIsWhatTheRulesAccept() {
    QFETCH(QString, state);
    const QString widget = widgetData().value(QStringLiteral("productId")).toString();
    for (const bool amendment : {false, true}) {
        for (OrderCommand command : orderCommands()) {
            Harness h;
            QVERIFY(h.reach(state));
            const bool allowed = amendment ? h.order.amendable(command) : h.order.allows(command);
            QJsonObject data;
            switch (command) {
            case OrderCommand::Create:
                data = createData();
                break;
            case OrderCommand::AddItem:
                data = gadgetData();
                break;
            case OrderCommand::RemoveItem:
                data = obj({{"productId", widget}});
                break;
            case OrderCommand::ChangeItemQuantity:
                data = obj({{"productId", widget}, {"quantity", 7}});
                break;
            case OrderCommand::SetLineDiscount:
                data = obj({{"productId", widget}, {"percent", QStringLiteral("10")}});
                break;
            case OrderCommand::SetOrderDiscount:
                data = obj({{"percent", QStringLiteral("5")}});
                break;
            case OrderCommand::AddNote:
                data = obj({{"text", QStringLiteral("Call first")}});
                break;
            case OrderCommand::SetShippingAddress: // a guest order's: never (test_editing)
                data = obj({{"shippingAddress", obj({{"line1", QStringLiteral("1 Main St")},
                                                     {"city", QStringLiteral("Bern")},
                                                     {"country", QStringLiteral("CH")}})}});
                break;
            case OrderCommand::Cancel:
                data = cancelData();
                break;
            case OrderCommand::Confirm:
            case OrderCommand::Ship:
            case OrderCommand::Deliver:
                break;
            }
            if (amendment) {
                // Only the line changes amend, where they are not allowed as they are.
                const bool lineChange = command == OrderCommand::AddItem ||
                                        command == OrderCommand::RemoveItem ||
                                        command == OrderCommand::ChangeItemQuantity ||
                                        command == OrderCommand::SetLineDiscount ||
                                        command == OrderCommand::SetOrderDiscount ||
                                        command == OrderCommand::SetShippingAddress;
                if (!lineChange || h.order.allows(command))
                    continue;
                data.insert(QStringLiteral("reason"), QStringLiteral("customer called"));
            }
            const Result<void> ran = h.run(commandName(command), data);
            QVERIFY2(
                ran.ok() == allowed,
                qPrintable(QStringLiteral("%1%2 in %3: the order says %4, the rules say %5")
                               .arg(commandName(command),
                                    amendment ? QStringLiteral(" with a reason") : QString(), state)
                               .arg(allowed)
                               .arg(ran.ok() ? QStringLiteral("yes") : ran.error().message)));
        }
    }
}
