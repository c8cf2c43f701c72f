// libFuzzer target: a command's JSON body as `ordertrail-cli command` and `serve` read it
// (OrderService::parseCommand: commandFromJson, then OrderAggregate::validate), then run in
// memory against an order in each state (none yet, created with and without items, confirmed,
// shipped, delivered, cancelled), as the command handler runs it after loading the stream.
// Nothing crashes or is undefined. A refusal carries a message, is "invalid" exactly when the
// input is (whatever the order's state), "not_found" exactly when a valid command other than
// CreateOrder meets no order, and leaves the order as it was. An accepted command raises
// events stamped for it that survive the store's JSON text and upcasting; replaying the
// history with them, or restoring a snapshot, gives the same order, whose total is the sum of
// its lines.

#include "es/Clock.h"
#include "es/EventHash.h"
#include "es/Upcasters.h"
#include "orders/OrderAggregate.h"
#include "service/OrderService.h"

#include <QJsonDocument>
#include <QSet>

#include <cstdio>
#include <cstdlib>

using namespace ot;

namespace {

const QString OrderId = QStringLiteral("ORD-000001");
const QString User = QStringLiteral("fuzz");
const QString CommandId = QStringLiteral("command-1");

[[noreturn]] void fail(const char *what, const QByteArray &body, const QString &detail = {}) {
    std::fprintf(stderr, "fuzz_command: %s\n  body:   %.*s\n  detail: %s\n", what,
                 static_cast<int>(qMin(body.size(), qsizetype(2000))), body.constData(),
                 qUtf8Printable(detail.left(2000)));
    std::abort();
}

class FixedClock final : public Clock {
public:
    qint64 nowMs() const override { return 1'767'225'600'000; } // 2026-01-01T00:00:00Z
};

class CountingIds final : public IdGenerator {
public:
    QUuid next() override { return QUuid(++m_count, 0, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, 0); }

private:
    uint m_count = 0;
};

FixedClock clock;
CountingIds ids;

const UpcasterRegistry &upcasters() {
    static const UpcasterRegistry registry = [] {
        UpcasterRegistry r;
        OrderAggregate::registerUpcasters(r, QStringLiteral("EUR"));
        return r;
    }();
    return registry;
}

// The event as EventStore reads it back: data kept as canonical JSON in a text column, parsed,
// and lifted to the current schema.
DomainEvent asStored(const DomainEvent &event) {
    DomainEvent stored = event;
    const QString column = QString::fromUtf8(canonicalJson(event.data));
    stored.data = QJsonDocument::fromJson(column.toUtf8()).object();
    upcasters().upcast(stored);
    return stored;
}

// The events that bring an order into a state, made by the same path as the commands under test.
QList<DomainEvent> historyOf(std::initializer_list<const char *> bodies) {
    OrderAggregate order(OrderId);
    QList<DomainEvent> events;
    for (const char *body : bodies) {
        auto command = OrderService::parseCommand(OrderAggregate::Type, OrderId, body, User, ids);
        if (!command)
            fail("a seed command is refused", body, command.error().message);
        if (auto done = order.execute(command.value(), clock, ids); !done)
            fail("a seed command is refused", body, done.error().message);
        for (const DomainEvent &event : order.uncommittedEvents())
            events.append(asStored(event));
        order.markCommitted(order.uncommittedEvents());
    }
    return events;
}

const QList<QList<DomainEvent>> &histories() {
    static const QList<QList<DomainEvent>> all = [] {
        const char *create =
            R"({"type":"CreateOrder","data":{"customerId":"CUST-1","currency":"EUR"}})";
        const char *mug = R"({"type":"AddItem","data":{"productId":"SKU-1","name":"Mug",)"
                          R"("quantity":2,"price":"9.99"}})";
        // The largest line there is: with one more, the total has more digits than a price.
        const char *dearest = R"({"type":"AddItem","data":{"productId":"SKU-2","name":"Gold",)"
                              R"("quantity":1000000,"price":"999999999.99"}})";
        const char *confirm = R"({"type":"ConfirmOrder"})";
        const char *ship = R"({"type":"ShipOrder","data":{"carrier":"DHL"}})";
        const char *deliver = R"({"type":"DeliverOrder"})";
        const char *cancel = R"({"type":"CancelOrder","data":{"reason":"changed\nmind"}})";
        return QList<QList<DomainEvent>>{{},
                                         historyOf({create}),
                                         historyOf({create, mug, dearest}),
                                         historyOf({create, mug, confirm}),
                                         historyOf({create, mug, confirm, ship}),
                                         historyOf({create, mug, confirm, ship, deliver}),
                                         historyOf({create, mug, cancel})};
    }();
    return all;
}

// Everything an order holds: its state, version, and first and last event's time and user.
QByteArray describe(const OrderAggregate &order) {
    return canonicalJson({{QStringLiteral("state"), order.snapshot()},
                          {QStringLiteral("version"), order.version()},
                          {QStringLiteral("createdAt"), order.createdAt()},
                          {QStringLiteral("updatedAt"), order.updatedAt()},
                          {QStringLiteral("lastUserId"), order.lastUserId()}});
}

void checkInvariants(const OrderAggregate &order, const QByteArray &body) {
    qint64 total = 0;
    QSet<QString> products;
    for (const OrderItem &item : order.items()) {
        qint64 line = 0;
        if (item.quantity < 1 || item.quantity > OrderAggregate::MaxQuantity ||
            item.price.cents() < 0 || item.price.cents() > Money::MaxPriceCents ||
            __builtin_mul_overflow(item.price.cents(), item.quantity, &line) ||
            __builtin_add_overflow(total, line, &total))
            fail("an order line is out of bounds", body, QString::fromUtf8(describe(order)));
        products.insert(item.productId);
    }
    if (total != order.total().cents() || products.size() != order.items().size())
        fail("the total is not the sum of the lines, or a product is listed twice", body,
             QString::fromUtf8(describe(order)));
}

void run(const Command &command, const Result<QJsonObject> &validated,
         const QList<DomainEvent> &history, const QByteArray &body) {
    OrderAggregate order(OrderId);
    order.loadFromHistory(history);
    const QByteArray before = describe(order);
    const bool existed = order.exists();

    const Result<void> result = order.execute(command, clock, ids);
    if (!result) {
        const Error &error = result.error();
        if (error.message.isEmpty())
            fail("a refusal has no message", body);
        ErrorCode expected = ErrorCode::Rejected;
        if (!validated)
            expected = ErrorCode::Invalid;
        else if (!existed && command.type != QLatin1String("CreateOrder"))
            expected = ErrorCode::NotFound;
        else if (command.type == QLatin1String("AddItem") &&
                 !validated->contains(QStringLiteral("name")))
            expected = ErrorCode::NotFound; // a catalogue line, and no catalogue here
        if (error.code != expected || (!validated && error.message != validated.error().message))
            fail("a refusal has the wrong code or message", body, error.message);
        if (!order.uncommittedEvents().isEmpty() || describe(order) != before ||
            order.version() != history.size())
            fail("a refused command changed the order", body, error.message);
        return;
    }
    if (!validated)
        fail("an invalid command was accepted", body, validated.error().message);
    if (!existed && command.type != QLatin1String("CreateOrder"))
        fail("a command was accepted on an order that does not exist", body);

    const QList<DomainEvent> &raised = order.uncommittedEvents();
    if (raised.isEmpty())
        fail("an accepted command raised no event", body);
    QList<DomainEvent> stored = history;
    for (const DomainEvent &event : raised) {
        const EventMetadata &m = event.metadata;
        if (event.aggregateId != OrderId || event.aggregateType != OrderAggregate::Type ||
            m.version != stored.size() + 1 || m.userId != command.userId ||
            m.correlationId != command.correlationId || m.causationId != command.id ||
            event.id.isNull())
            fail("an event is not stamped for its command", body, event.type);
        stored.append(asStored(event));
        if (stored.back().data != event.data)
            fail("an event's data changes on its way through the store", body,
                 QString::fromUtf8(canonicalJson(event.data)));
    }

    // The deep verify's rules agree with the command's: each stored event is admitted by the
    // state before it.
    OrderAggregate replayed(OrderId);
    for (const DomainEvent &event : stored) {
        if (auto admitted = replayed.admit(event); !admitted)
            fail("an event a command raised is refused by the deep check", body,
                 admitted.error().message);
        replayed.loadFromHistory({event});
    }
    if (describe(replayed) != describe(order))
        fail("replaying the events gives another order", body,
             QString::fromUtf8(describe(replayed)));

    OrderAggregate restored(OrderId);
    const QJsonObject snapshot = QJsonDocument::fromJson(canonicalJson(order.snapshot())).object();
    DomainEvent last; // what a snapshot leaves to the events: version, time and user
    last.metadata.version = order.version();
    last.metadata.timestamp = order.updatedAt();
    last.metadata.userId = order.lastUserId();
    if (!restored.restore(snapshot, last, order.createdAt()) ||
        describe(restored) != describe(order))
        fail("the order restored from its snapshot differs", body,
             QString::fromUtf8(canonicalJson(snapshot)));
    checkInvariants(order, body);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    // A copy, as the CLI and the server hold a body: Qt's byte arrays end in a NUL.
    const QByteArray body(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Result<Command> parsed = commandFromJson(body, OrderId, User, CommandId);
    const Result<Command> viaService =
        OrderService::parseCommand(OrderAggregate::Type, OrderId, body, User, ids);
    if (!parsed) {
        if (parsed.error().code != ErrorCode::Invalid || parsed.error().message.isEmpty())
            fail("a malformed command is not refused as 'invalid' with a message", body,
                 parsed.error().message);
        if (viaService)
            fail("parseCommand accepts what commandFromJson refuses", body);
        return 0;
    }
    // As the service completes it (OrderService::withContext): a new order's currency, when the
    // command names none, is the database's.
    Command command = parsed.value();
    if (command.type == QLatin1String("CreateOrder"))
        command.context.insert(QStringLiteral("currency"), QStringLiteral("EUR"));
    const Result<QJsonObject> validated = OrderAggregate::validate(command);
    if (validated.ok() != viaService.ok())
        fail("parseCommand and validate disagree", body);
    if (!validated &&
        (validated.error().code != ErrorCode::Invalid || validated.error().message.isEmpty()))
        fail("a command refused by validate is not 'invalid' with a message", body,
             validated.error().message);
    for (const QList<DomainEvent> &history : histories())
        run(command, validated, history, body);
    return 0;
}
