#include "OrderAggregate.h"

#include "es/EventHash.h"
#include "es/Upcasters.h"

#include <QJsonArray>

#include <cmath>

namespace ot {

const QString OrderAggregate::Type = QStringLiteral("Order");

namespace {

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

OrderAggregate::OrderAggregate(QString id)
    : Aggregate(Type, std::move(id)) {}

void OrderAggregate::registerUpcasters(UpcasterRegistry &registry) {
    registry.add(Type, eventName(OrderEvent::ItemAdded), 1, [](const QJsonObject &v1) {
        QJsonObject v2 = v1;
        const QJsonValue number = v1.value(OrderField::Price);
        auto price = Money::fromJson(number, OrderField::Price);
        if (!price && number.isDouble()) {
            // The original design accepted any number: round a legacy price with more than
            // two decimals to the cent rather than lose it (the stored row keeps the original).
            price = Money::fromJson(QString::number(number.toDouble(), 'f', 2), OrderField::Price);
        }
        if (price)
            v2.insert(OrderField::Price, price->toString());
        return v2;
    });
}

namespace {

int schemaOf(OrderEvent event) {
    return event == OrderEvent::ItemAdded ? ItemAddedSchema : 1;
}

// The statuses an event may happen in, and the words a refusal uses for it (OrderCreated
// needs an order that does not exist yet, which check() tests apart).
struct Precondition {
    OrderEvent event;
    QList<OrderStatus> statuses;
    const char *action;
};
const Precondition &preconditionOf(OrderEvent event) {
    static const QList<Precondition> table{
        {OrderEvent::Created, {}, "create"},
        {OrderEvent::ItemAdded, {OrderStatus::Created}, "add items"},
        {OrderEvent::ItemRemoved, {OrderStatus::Created}, "remove items"},
        {OrderEvent::Confirmed, {OrderStatus::Created}, "confirm"},
        {OrderEvent::Shipped, {OrderStatus::Confirmed}, "ship"},
        {OrderEvent::Delivered, {OrderStatus::Shipped}, "deliver"},
        {OrderEvent::Cancelled, {OrderStatus::Created, OrderStatus::Confirmed}, "cancel"},
    };
    for (const Precondition &p : table) {
        if (p.event == event)
            return p;
    }
    return table.front();
}

} // namespace

bool OrderAggregate::understands(const DomainEvent &event) const {
    const auto known = orderEventFromName(event.type);
    return known && event.schemaVersion <= schemaOf(*known);
}

bool OrderAggregate::allows(OrderCommand command) const {
    const OrderEvent event = eventOf(command);
    if (event == OrderEvent::Created)
        return !exists();
    if (!exists() || !preconditionOf(event).statuses.contains(*m_status))
        return false;
    // Removing and confirming need a line; the others only the status.
    return (event != OrderEvent::ItemRemoved && event != OrderEvent::Confirmed) ||
           !m_items.isEmpty();
}

Result<QJsonObject> OrderAggregate::validate(const Command &command) {
    const QString &type = command.type;
    const auto known = orderCommandFromName(type);
    if (!known)
        return Error::invalid(
            QStringLiteral("unknown command type '%1' (expected one of %2)")
                .arg(type.left(100), orderCommandNames().join(QStringLiteral(", "))));
    const Fields fields(command.data, type);

    QJsonObject eventData;
    if (*known == OrderCommand::Create) {
        if (auto ok = fields.allowOnly({OrderField::CustomerId}); !ok)
            return ok.error();
        auto customer = fields.text(OrderField::CustomerId, MaxIdLength);
        if (!customer)
            return customer.error();
        eventData = {{OrderField::CustomerId, customer.value()}};
    } else if (*known == OrderCommand::AddItem) {
        if (auto ok = fields.allowOnly(
                {OrderField::ProductId, OrderField::Name, OrderField::Quantity, OrderField::Price});
            !ok)
            return ok.error();
        auto product = fields.text(OrderField::ProductId, MaxIdLength);
        if (!product)
            return product.error();
        auto name = fields.text(OrderField::Name, MaxNameLength);
        if (!name)
            return name.error();
        auto quantity = fields.quantity(OrderField::Quantity);
        if (!quantity)
            return quantity.error();
        auto price = fields.price(OrderField::Price);
        if (!price)
            return price.error();
        eventData = {{OrderField::ProductId, product.value()},
                     {OrderField::Name, name.value()},
                     {OrderField::Quantity, quantity.value()},
                     {OrderField::Price, price->toString()}};
    } else if (*known == OrderCommand::RemoveItem) {
        if (auto ok = fields.allowOnly({OrderField::ProductId}); !ok)
            return ok.error();
        auto product = fields.text(OrderField::ProductId, MaxIdLength);
        if (!product)
            return product.error();
        eventData = {{OrderField::ProductId, product.value()}};
    } else if (*known == OrderCommand::Ship) {
        if (auto ok = fields.allowOnly({OrderField::Carrier, OrderField::TrackingNumber}); !ok)
            return ok.error();
        for (const QString &field : {OrderField::Carrier, OrderField::TrackingNumber}) {
            auto value = fields.optionalText(field, MaxShippingFieldLength);
            if (!value)
                return value.error();
            if (value.value())
                eventData.insert(field, *value.value());
        }
    } else if (*known == OrderCommand::Cancel) {
        if (auto ok = fields.allowOnly({OrderField::Reason}); !ok)
            return ok.error();
        auto reason = fields.text(OrderField::Reason, MaxReasonLength, true);
        if (!reason)
            return reason.error();
        eventData = {{OrderField::Reason, reason.value()}};
    } else if (auto ok = fields.allowOnly({}); !ok) { // ConfirmOrder, DeliverOrder
        return ok.error();
    }

    return eventData;
}

Result<void> OrderAggregate::handle(const Command &command) {
    // Input is checked before state, so a malformed command is "invalid" whatever the order.
    auto validated = validate(command);
    if (!validated)
        return validated.error();
    const OrderEvent event = eventOf(*orderCommandFromName(command.type));
    if (auto ok = check(event, validated.value()); !ok)
        return ok;
    raise(eventName(event), validated.value(), schemaOf(event));
    return {};
}

Result<void> OrderAggregate::admit(const DomainEvent &event) const {
    const auto known = orderEventFromName(event.type);
    if (!known)
        return Error::rejected(
            QStringLiteral("'%1' is not an event of orders").arg(event.type.left(100)));
    // The data must be exactly what the command records: the same fields, checked and
    // normalised the same way.
    OrderCommand command = OrderCommand::Create;
    for (OrderCommand c : orderCommands()) {
        if (eventOf(c) == *known)
            command = c;
    }
    auto validated = validate({{}, commandName(command), id(), event.data, {}, {}, std::nullopt});
    if (!validated)
        return Error::rejected(QStringLiteral("its data is not what %1 records: %2")
                                   .arg(commandName(command), validated.error().message));
    if (canonicalJson(validated.value()) != canonicalJson(event.data))
        return Error::rejected(
            QStringLiteral("its data is not what %1 records").arg(commandName(command)));
    return check(*known, event.data);
}

Result<void> OrderAggregate::check(OrderEvent event, const QJsonObject &eventData) const {
    if (event == OrderEvent::Created) {
        if (exists())
            return Error::rejected(QStringLiteral("order %1 already exists").arg(id()));
        return {};
    }
    if (!exists())
        return Error::notFound(QStringLiteral("order %1 does not exist").arg(id()));
    const Precondition &precondition = preconditionOf(event);
    if (!precondition.statuses.contains(*m_status))
        return Error::rejected(
            QStringLiteral("cannot %1: order %2 is %3")
                .arg(QLatin1String(precondition.action), id(), orderStatusName(*m_status)));

    if (event == OrderEvent::ItemAdded) {
        const QString product = eventData.value(OrderField::ProductId).toString();
        for (const OrderItem &item : m_items) {
            if (item.productId == product)
                return Error::rejected(
                    QStringLiteral("product %1 is already in order %2: remove it first to "
                                   "change its quantity or price")
                        .arg(product, id()));
        }
        const auto line = Money::parse(eventData.value(OrderField::Price).toString())
                              ->times(eventData.value(OrderField::Quantity).toInteger());
        if (!line || !m_total.plus(*line))
            return Error::rejected(
                QStringLiteral("the total of order %1 would be too large").arg(id()));
    } else if (event == OrderEvent::ItemRemoved) {
        const QString product = eventData.value(OrderField::ProductId).toString();
        const bool present = std::any_of(m_items.cbegin(), m_items.cend(), [&](const auto &item) {
            return item.productId == product;
        });
        if (!present)
            return Error::rejected(
                QStringLiteral("product %1 is not in order %2").arg(product, id()));
    } else if (event == OrderEvent::Confirmed && m_items.isEmpty()) {
        return Error::rejected(
            QStringLiteral("cannot confirm order %1: it has no items").arg(id()));
    }
    return {};
}

void OrderAggregate::apply(const DomainEvent &event) {
    const QJsonObject &d = event.data;
    switch (orderEventFromName(event.type).value_or(OrderEvent::Created)) {
    case OrderEvent::Created:
        m_status = OrderStatus::Created;
        m_customerId = d.value(OrderField::CustomerId).toString();
        break;
    case OrderEvent::ItemAdded: {
        OrderItem item{d.value(OrderField::ProductId).toString(),
                       d.value(OrderField::Name).toString(),
                       d.value(OrderField::Quantity).toInteger(),
                       Money::parse(d.value(OrderField::Price).toString()).value_or(Money())};
        m_total = withLine(m_total, item);
        m_items.append(item);
        break;
    }
    case OrderEvent::ItemRemoved: {
        const QString product = d.value(OrderField::ProductId).toString();
        m_items.removeIf([&](const OrderItem &item) {
            if (item.productId != product)
                return false;
            m_total =
                m_total.minus(item.price.times(item.quantity).value_or(Money())).value_or(m_total);
            return true;
        });
        break;
    }
    case OrderEvent::Confirmed:
        m_status = OrderStatus::Confirmed;
        break;
    case OrderEvent::Shipped:
        m_status = OrderStatus::Shipped;
        m_carrier = d.value(OrderField::Carrier).toString();
        m_trackingNumber = d.value(OrderField::TrackingNumber).toString();
        break;
    case OrderEvent::Delivered:
        m_status = OrderStatus::Delivered;
        break;
    case OrderEvent::Cancelled:
        m_status = OrderStatus::Cancelled;
        m_cancelReason = d.value(OrderField::Reason).toString();
        break;
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
    const QJsonArray stored = state.value(QStringLiteral("items")).toArray();
    for (const QJsonValue value : stored) {
        const QJsonObject item = value.toObject();
        const auto price = Money::parse(item.value(OrderField::Price).toString());
        if (!price)
            return false;
        items.append({item.value(OrderField::ProductId).toString(),
                      item.value(OrderField::Name).toString(),
                      item.value(OrderField::Quantity).toInteger(), *price});
        total = withLine(total, items.back());
    }
    // A total may have more digits than the amounts Money::parse reads (a million of the dearest
    // item is 15 digits, two such lines 16): compared as text, not parsed.
    if (state.value(QStringLiteral("total")).toString() != total.toString())
        return false;
    m_status = status;
    m_customerId = state.value(OrderField::CustomerId).toString();
    m_items = items;
    m_total = total;
    m_carrier = state.value(OrderField::Carrier).toString();
    m_trackingNumber = state.value(OrderField::TrackingNumber).toString();
    m_cancelReason = state.value(QStringLiteral("cancelReason")).toString();
    return true;
}

QJsonObject OrderAggregate::toJson() const {
    QJsonArray items;
    for (const OrderItem &item : m_items) {
        items.append(QJsonObject{{OrderField::ProductId, item.productId},
                                 {OrderField::Name, item.name},
                                 {OrderField::Quantity, item.quantity},
                                 {OrderField::Price, item.price.toString()}});
    }
    QJsonObject json{{QStringLiteral("id"), id()},
                     {OrderField::CustomerId, m_customerId},
                     {QStringLiteral("status"), m_status ? orderStatusName(*m_status) : QString()},
                     {QStringLiteral("items"), items},
                     {QStringLiteral("total"), m_total.toString()},
                     {QStringLiteral("version"), version()}};
    if (!m_carrier.isEmpty())
        json.insert(OrderField::Carrier, m_carrier);
    if (!m_trackingNumber.isEmpty())
        json.insert(OrderField::TrackingNumber, m_trackingNumber);
    if (!m_cancelReason.isEmpty())
        json.insert(QStringLiteral("cancelReason"), m_cancelReason);
    return json;
}

} // namespace ot
