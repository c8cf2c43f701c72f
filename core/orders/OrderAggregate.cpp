#include "OrderAggregate.h"

#include "es/EventHash.h"
#include "es/Upcasters.h"

#include <QJsonArray>

#include <cmath>

namespace ot {

const QString OrderAggregate::Type = QStringLiteral("Order");

namespace {

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

constexpr int ItemAddedSchema = 2;

// Strict reading of a command's data: only the named fields, each of the right JSON type.
class Fields {
public:
    Fields(const QJsonObject &data, const QString &command)
        : m_data(data)
        , m_command(command) {}

    Result<void> allowOnly(const QStringList &names) const {
        for (auto it = m_data.begin(); it != m_data.end(); ++it) {
            if (!names.contains(it.key()))
                return Error::invalid(QStringLiteral("unknown field '%1' in %2 data (expected: %3)")
                                          .arg(it.key().left(100), m_command,
                                               names.isEmpty() ? QStringLiteral("no fields")
                                                               : names.join(QStringLiteral(", "))));
        }
        return {};
    }

    // A text field: non-empty, at most maxLength characters, no leading or trailing space, no
    // control characters (but line breaks and tabs where multiLine).
    Result<QString> text(const QString &name, qsizetype maxLength, bool multiLine = false) const {
        const QJsonValue value = m_data.value(name);
        if (value.isUndefined())
            return Error::invalid(QStringLiteral("%1 needs '%2'").arg(m_command, name));
        if (!value.isString())
            return Error::invalid(QStringLiteral("'%1' must be a string").arg(name));
        const QString text = value.toString();
        if (text.trimmed().isEmpty())
            return Error::invalid(QStringLiteral("'%1' must not be empty").arg(name));
        if (text.size() > maxLength)
            return Error::invalid(QStringLiteral("'%1' is too long (%2 characters, at most %3)")
                                      .arg(name)
                                      .arg(text.size())
                                      .arg(maxLength));
        if (text.front().isSpace() || text.back().isSpace())
            return Error::invalid(
                QStringLiteral("'%1' must not start or end with a space").arg(name));
        for (const QChar c : text) {
            const bool allowed = multiLine && (c == u'\n' || c == u'\r' || c == u'\t');
            if (c.category() == QChar::Other_Control && !allowed)
                return Error::invalid(
                    QStringLiteral("'%1' must not contain control characters").arg(name));
        }
        if (!isStorableText(text))
            return Error::invalid(
                QStringLiteral("'%1' must be valid text (no unpaired surrogates, U+FFFE or U+FFFF)")
                    .arg(name));
        return text;
    }

    Result<std::optional<QString>> optionalText(const QString &name, qsizetype maxLength) const {
        if (!m_data.contains(name))
            return std::optional<QString>();
        auto value = text(name, maxLength);
        if (!value)
            return value.error();
        return std::optional<QString>(value.value());
    }

    Result<qint64> quantity(const QString &name) const {
        const QJsonValue value = m_data.value(name);
        if (value.isUndefined())
            return Error::invalid(QStringLiteral("%1 needs '%2'").arg(m_command, name));
        const double number = value.toDouble(0);
        if (!value.isDouble() || !std::isfinite(number) || number != std::floor(number))
            return Error::invalid(QStringLiteral("'%1' must be a whole number").arg(name));
        if (number < 1 || number > OrderAggregate::MaxQuantity)
            return Error::invalid(QStringLiteral("'%1' must be between 1 and %2")
                                      .arg(name)
                                      .arg(OrderAggregate::MaxQuantity));
        return static_cast<qint64>(number);
    }

    Result<Money> price(const QString &name) const {
        const QJsonValue value = m_data.value(name);
        if (value.isUndefined())
            return Error::invalid(QStringLiteral("%1 needs '%2'").arg(m_command, name));
        return Money::fromJson(value, name);
    }

private:
    const QJsonObject &m_data;
    const QString &m_command;
};

// The order total with one more line, as apply() and restoreState() both count it (handle()
// refuses a line that would overflow, so the fallbacks never apply to accepted events).
Money withLine(Money total, const OrderItem &item) {
    return total.plus(item.price.times(item.quantity).value_or(Money())).value_or(total);
}

constexpr qsizetype MaxIdLength = 200;
constexpr qsizetype MaxNameLength = 500;
constexpr qsizetype MaxReasonLength = 2000;
constexpr qsizetype MaxShippingFieldLength = 200;

} // namespace

QString orderStatusName(OrderStatus status) {
    switch (status) {
    case OrderStatus::Created:
        return QStringLiteral("created");
    case OrderStatus::Confirmed:
        return QStringLiteral("confirmed");
    case OrderStatus::Shipped:
        return QStringLiteral("shipped");
    case OrderStatus::Delivered:
        return QStringLiteral("delivered");
    case OrderStatus::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QStringList orderStatusNames() {
    return {orderStatusName(OrderStatus::Created), orderStatusName(OrderStatus::Confirmed),
            orderStatusName(OrderStatus::Shipped), orderStatusName(OrderStatus::Delivered),
            orderStatusName(OrderStatus::Cancelled)};
}

std::optional<OrderStatus> orderStatusFromName(const QString &name) {
    for (OrderStatus s : {OrderStatus::Created, OrderStatus::Confirmed, OrderStatus::Shipped,
                          OrderStatus::Delivered, OrderStatus::Cancelled}) {
        if (orderStatusName(s) == name)
            return s;
    }
    return std::nullopt;
}

OrderAggregate::OrderAggregate(QString id)
    : Aggregate(Type, std::move(id)) {}

QStringList OrderAggregate::commandTypes() {
    return {CreateOrder, AddItem, RemoveItem, ConfirmOrder, ShipOrder, DeliverOrder, CancelOrder};
}

void OrderAggregate::registerUpcasters(UpcasterRegistry &registry) {
    registry.add(Type, ItemAdded, 1, [](const QJsonObject &v1) {
        QJsonObject v2 = v1;
        const QJsonValue number = v1.value(QStringLiteral("price"));
        auto price = Money::fromJson(number, QStringLiteral("price"));
        if (!price && number.isDouble()) {
            // The original design accepted any number: round a legacy price with more than
            // two decimals to the cent rather than lose it (the stored row keeps the original).
            price = Money::fromJson(QString::number(number.toDouble(), 'f', 2),
                                    QStringLiteral("price"));
        }
        if (price)
            v2.insert(QStringLiteral("price"), price->toString());
        return v2;
    });
}

bool OrderAggregate::understands(const DomainEvent &event) const {
    static const QStringList types{OrderCreated, ItemAdded,      ItemRemoved,   OrderConfirmed,
                                   OrderShipped, OrderDelivered, OrderCancelled};
    const int current = event.type == ItemAdded ? ItemAddedSchema : 1;
    return types.contains(event.type) && event.schemaVersion <= current;
}

Result<void> OrderAggregate::requireStatus(std::initializer_list<OrderStatus> allowed,
                                           const QString &action) const {
    for (OrderStatus s : allowed) {
        if (m_status == s)
            return {};
    }
    return Error::rejected(
        QStringLiteral("cannot %1: order %2 is %3").arg(action, id(), orderStatusName(*m_status)));
}

Result<QJsonObject> OrderAggregate::validate(const Command &command) {
    const QString &type = command.type;
    if (!commandTypes().contains(type))
        return Error::invalid(QStringLiteral("unknown command type '%1' (expected one of %2)")
                                  .arg(type.left(100), commandTypes().join(QStringLiteral(", "))));
    const Fields fields(command.data, type);

    QJsonObject eventData;
    if (type == CreateOrder) {
        if (auto ok = fields.allowOnly({QStringLiteral("customerId")}); !ok)
            return ok.error();
        auto customer = fields.text(QStringLiteral("customerId"), MaxIdLength);
        if (!customer)
            return customer.error();
        eventData = {{QStringLiteral("customerId"), customer.value()}};
    } else if (type == AddItem) {
        if (auto ok = fields.allowOnly({QStringLiteral("productId"), QStringLiteral("name"),
                                        QStringLiteral("quantity"), QStringLiteral("price")});
            !ok)
            return ok.error();
        auto product = fields.text(QStringLiteral("productId"), MaxIdLength);
        if (!product)
            return product.error();
        auto name = fields.text(QStringLiteral("name"), MaxNameLength);
        if (!name)
            return name.error();
        auto quantity = fields.quantity(QStringLiteral("quantity"));
        if (!quantity)
            return quantity.error();
        auto price = fields.price(QStringLiteral("price"));
        if (!price)
            return price.error();
        eventData = {{QStringLiteral("productId"), product.value()},
                     {QStringLiteral("name"), name.value()},
                     {QStringLiteral("quantity"), quantity.value()},
                     {QStringLiteral("price"), price->toString()}};
    } else if (type == RemoveItem) {
        if (auto ok = fields.allowOnly({QStringLiteral("productId")}); !ok)
            return ok.error();
        auto product = fields.text(QStringLiteral("productId"), MaxIdLength);
        if (!product)
            return product.error();
        eventData = {{QStringLiteral("productId"), product.value()}};
    } else if (type == ShipOrder) {
        if (auto ok =
                fields.allowOnly({QStringLiteral("carrier"), QStringLiteral("trackingNumber")});
            !ok)
            return ok.error();
        for (const QString &field : {QStringLiteral("carrier"), QStringLiteral("trackingNumber")}) {
            auto value = fields.optionalText(field, MaxShippingFieldLength);
            if (!value)
                return value.error();
            if (value.value())
                eventData.insert(field, *value.value());
        }
    } else if (type == CancelOrder) {
        if (auto ok = fields.allowOnly({QStringLiteral("reason")}); !ok)
            return ok.error();
        auto reason = fields.text(QStringLiteral("reason"), MaxReasonLength, true);
        if (!reason)
            return reason.error();
        eventData = {{QStringLiteral("reason"), reason.value()}};
    } else if (auto ok = fields.allowOnly({}); !ok) { // ConfirmOrder, DeliverOrder
        return ok.error();
    }

    return eventData;
}

namespace {

// The event each command records.
struct CommandEvent {
    const QString &command;
    const QString &event;
};
const CommandEvent CommandEvents[] = {
    {CreateOrder, OrderCreated},    {AddItem, ItemAdded},      {RemoveItem, ItemRemoved},
    {ConfirmOrder, OrderConfirmed}, {ShipOrder, OrderShipped}, {DeliverOrder, OrderDelivered},
    {CancelOrder, OrderCancelled},
};

} // namespace

Result<void> OrderAggregate::handle(const Command &command) {
    // Input is checked before state, so a malformed command is "invalid" whatever the order.
    auto validated = validate(command);
    if (!validated)
        return validated.error();
    for (const CommandEvent &pair : CommandEvents) {
        if (pair.command != command.type)
            continue;
        if (auto ok = check(pair.event, validated.value()); !ok)
            return ok;
        raise(pair.event, validated.value(), pair.event == ItemAdded ? ItemAddedSchema : 1);
        return {};
    }
    return Error::invalid(QStringLiteral("unknown command type '%1'").arg(command.type.left(100)));
}

Result<void> OrderAggregate::admit(const DomainEvent &event) const {
    for (const CommandEvent &pair : CommandEvents) {
        if (pair.event != event.type)
            continue;
        // The data must be exactly what the command records: the same fields, checked and
        // normalised the same way.
        auto validated = validate({{}, pair.command, id(), event.data, {}, {}, std::nullopt});
        if (!validated)
            return Error::rejected(QStringLiteral("its data is not what %1 records: %2")
                                       .arg(pair.command, validated.error().message));
        if (canonicalJson(validated.value()) != canonicalJson(event.data))
            return Error::rejected(
                QStringLiteral("its data is not what %1 records").arg(pair.command));
        return check(event.type, event.data);
    }
    return Error::rejected(
        QStringLiteral("'%1' is not an event of orders").arg(event.type.left(100)));
}

Result<void> OrderAggregate::check(const QString &eventType, const QJsonObject &eventData) const {
    if (eventType == OrderCreated) {
        if (exists())
            return Error::rejected(QStringLiteral("order %1 already exists").arg(id()));
        return {};
    }
    if (!exists())
        return Error::notFound(QStringLiteral("order %1 does not exist").arg(id()));

    if (eventType == ItemAdded) {
        if (auto ok = requireStatus({OrderStatus::Created}, QStringLiteral("add items")); !ok)
            return ok;
        const QString product = eventData.value(QStringLiteral("productId")).toString();
        for (const OrderItem &item : m_items) {
            if (item.productId == product)
                return Error::rejected(
                    QStringLiteral("product %1 is already in order %2: remove it first to "
                                   "change its quantity or price")
                        .arg(product, id()));
        }
        const auto line = Money::parse(eventData.value(QStringLiteral("price")).toString())
                              ->times(eventData.value(QStringLiteral("quantity")).toInteger());
        if (!line || !m_total.plus(*line))
            return Error::rejected(
                QStringLiteral("the total of order %1 would be too large").arg(id()));
    } else if (eventType == ItemRemoved) {
        if (auto ok = requireStatus({OrderStatus::Created}, QStringLiteral("remove items")); !ok)
            return ok;
        const QString product = eventData.value(QStringLiteral("productId")).toString();
        const bool present = std::any_of(m_items.cbegin(), m_items.cend(), [&](const auto &item) {
            return item.productId == product;
        });
        if (!present)
            return Error::rejected(
                QStringLiteral("product %1 is not in order %2").arg(product, id()));
    } else if (eventType == OrderConfirmed) {
        if (auto ok = requireStatus({OrderStatus::Created}, QStringLiteral("confirm")); !ok)
            return ok;
        if (m_items.isEmpty())
            return Error::rejected(
                QStringLiteral("cannot confirm order %1: it has no items").arg(id()));
    } else if (eventType == OrderShipped) {
        return requireStatus({OrderStatus::Confirmed}, QStringLiteral("ship"));
    } else if (eventType == OrderDelivered) {
        return requireStatus({OrderStatus::Shipped}, QStringLiteral("deliver"));
    } else if (eventType == OrderCancelled) {
        return requireStatus({OrderStatus::Created, OrderStatus::Confirmed},
                             QStringLiteral("cancel"));
    }
    return {};
}

void OrderAggregate::apply(const DomainEvent &event) {
    const QJsonObject &d = event.data;
    if (event.type == OrderCreated) {
        m_status = OrderStatus::Created;
        m_customerId = d.value(QStringLiteral("customerId")).toString();
    } else if (event.type == ItemAdded) {
        OrderItem item{d.value(QStringLiteral("productId")).toString(),
                       d.value(QStringLiteral("name")).toString(),
                       d.value(QStringLiteral("quantity")).toInteger(),
                       Money::parse(d.value(QStringLiteral("price")).toString()).value_or(Money())};
        m_total = withLine(m_total, item);
        m_items.append(item);
    } else if (event.type == ItemRemoved) {
        const QString product = d.value(QStringLiteral("productId")).toString();
        m_items.removeIf([&](const OrderItem &item) {
            if (item.productId != product)
                return false;
            m_total = m_total.minus(item.price.times(item.quantity).value_or(Money()));
            return true;
        });
    } else if (event.type == OrderConfirmed) {
        m_status = OrderStatus::Confirmed;
    } else if (event.type == OrderShipped) {
        m_status = OrderStatus::Shipped;
        m_carrier = d.value(QStringLiteral("carrier")).toString();
        m_trackingNumber = d.value(QStringLiteral("trackingNumber")).toString();
    } else if (event.type == OrderDelivered) {
        m_status = OrderStatus::Delivered;
    } else if (event.type == OrderCancelled) {
        m_status = OrderStatus::Cancelled;
        m_cancelReason = d.value(QStringLiteral("reason")).toString();
    }
}

QJsonObject OrderAggregate::saveState() const {
    QJsonObject state = toJson();
    state.remove(QStringLiteral("id"));
    state.remove(QStringLiteral("version"));
    return state;
}

bool OrderAggregate::restoreState(const QJsonObject &state) {
    const auto status = orderStatusFromName(state.value(QStringLiteral("status")).toString());
    if (!status)
        return false;
    QList<OrderItem> items;
    Money total;
    for (const QJsonValue &value : state.value(QStringLiteral("items")).toArray()) {
        const QJsonObject item = value.toObject();
        const auto price = Money::parse(item.value(QStringLiteral("price")).toString());
        if (!price)
            return false;
        items.append({item.value(QStringLiteral("productId")).toString(),
                      item.value(QStringLiteral("name")).toString(),
                      item.value(QStringLiteral("quantity")).toInteger(), *price});
        total = withLine(total, items.back());
    }
    // A total may have more digits than the amounts Money::parse reads (a million of the dearest
    // item is 15 digits, two such lines 16): compared as text, not parsed.
    if (state.value(QStringLiteral("total")).toString() != total.toString())
        return false;
    m_status = status;
    m_customerId = state.value(QStringLiteral("customerId")).toString();
    m_items = items;
    m_total = total;
    m_carrier = state.value(QStringLiteral("carrier")).toString();
    m_trackingNumber = state.value(QStringLiteral("trackingNumber")).toString();
    m_cancelReason = state.value(QStringLiteral("cancelReason")).toString();
    return true;
}

QJsonObject OrderAggregate::toJson() const {
    QJsonArray items;
    for (const OrderItem &item : m_items) {
        items.append(QJsonObject{{QStringLiteral("productId"), item.productId},
                                 {QStringLiteral("name"), item.name},
                                 {QStringLiteral("quantity"), item.quantity},
                                 {QStringLiteral("price"), item.price.toString()}});
    }
    QJsonObject json{{QStringLiteral("id"), id()},
                     {QStringLiteral("customerId"), m_customerId},
                     {QStringLiteral("status"), m_status ? orderStatusName(*m_status) : QString()},
                     {QStringLiteral("items"), items},
                     {QStringLiteral("total"), m_total.toString()},
                     {QStringLiteral("version"), version()}};
    if (!m_carrier.isEmpty())
        json.insert(QStringLiteral("carrier"), m_carrier);
    if (!m_trackingNumber.isEmpty())
        json.insert(QStringLiteral("trackingNumber"), m_trackingNumber);
    if (!m_cancelReason.isEmpty())
        json.insert(QStringLiteral("cancelReason"), m_cancelReason);
    return json;
}

} // namespace ot
