#include "OrderAggregate.h"

#include "Fields.h"
#include "es/EventHash.h"
#include "es/Sealed.h"
#include "es/Upcasters.h"

#include <QJsonArray>

#include <cmath>

namespace ot {

const QString OrderAggregate::Type = QStringLiteral("Order");

namespace {

constexpr int ItemAddedSchema = 3;

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
    registry.add(Type, eventName(OrderEvent::ItemAdded), 2, [](const QJsonObject &v2) {
        QJsonObject v3 = v2;
        v3.insert(OrderField::TaxRate, QStringLiteral("0"));
        return v3;
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
        // A registered customer's name and shipping address, as the service found them.
        for (const QString &field : {OrderField::CustomerName, OrderField::ShippingAddress}) {
            const QJsonValue copy = command.context.value(field);
            if (copy.isUndefined())
                continue;
            if (!sealed::isSealed(copy) || sealed::subjectOf(copy) != customer.value())
                return Error::invalid(
                    QStringLiteral("'%1' must be sealed for %2").arg(field, customer.value()));
            eventData.insert(field, copy);
        }
    } else if (*known == OrderCommand::AddItem) {
        if (auto ok =
                fields.allowOnly({OrderField::ProductId, OrderField::Name, OrderField::Quantity,
                                  OrderField::Price, OrderField::TaxRate});
            !ok)
            return ok.error();
        auto product = fields.text(OrderField::ProductId, MaxIdLength);
        if (!product)
            return product.error();
        auto quantity = fields.quantity(OrderField::Quantity);
        if (!quantity)
            return quantity.error();
        eventData = {{OrderField::ProductId, product.value()},
                     {OrderField::Quantity, quantity.value()}};
        // Without a name and price, the line is the catalogue's product: its name, price and
        // tax rate come from the context, where the service put them.
        const bool typed = fields.has(OrderField::Name) || fields.has(OrderField::Price) ||
                           fields.has(OrderField::TaxRate);
        if (!typed && command.context.isEmpty())
            return eventData; // for the service to complete; handle() refuses it as it is
        const Fields line(typed ? command.data : command.context, type);
        auto name = line.text(OrderField::Name, MaxNameLength);
        if (!name)
            return name.error();
        auto price = line.price(OrderField::Price);
        if (!price)
            return price.error();
        auto rate = line.has(OrderField::TaxRate) ? line.taxRate(OrderField::TaxRate)
                                                  : Result<QString>(QStringLiteral("0"));
        if (!rate)
            return rate.error();
        eventData.insert(OrderField::Name, name.value());
        eventData.insert(OrderField::Price, price->toString());
        eventData.insert(OrderField::TaxRate, rate.value());
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
    // A catalogue line whose product the service did not find (or that came past the service).
    if (event == OrderEvent::ItemAdded && !validated->contains(OrderField::Name))
        return Error::notFound(QStringLiteral("product %1 is not in the catalogue; give its name "
                                              "and price to add it by hand")
                                   .arg(validated->value(OrderField::ProductId).toString()));
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
    // The copies of a customer's data are context, not the command's words.
    QJsonObject data = event.data;
    QJsonObject context;
    if (*known == OrderEvent::Created) {
        for (const QString &field : {OrderField::CustomerName, OrderField::ShippingAddress}) {
            if (data.contains(field))
                context.insert(field, data.take(field));
        }
    }
    Command recorded{{}, commandName(command), id(), data, {}, {}, std::nullopt};
    recorded.context = context;
    auto validated = validate(recorded);
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
        m_customerName = d.value(OrderField::CustomerName);
        m_shippingAddress = d.value(OrderField::ShippingAddress);
        break;
    case OrderEvent::ItemAdded: {
        OrderItem item{d.value(OrderField::ProductId).toString(),
                       d.value(OrderField::Name).toString(),
                       d.value(OrderField::Quantity).toInteger(),
                       Money::parse(d.value(OrderField::Price).toString()).value_or(Money()),
                       d.value(OrderField::TaxRate).toString()};
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
                      item.value(OrderField::Quantity).toInteger(), *price,
                      item.value(OrderField::TaxRate).toString()});
        total = withLine(total, items.back());
    }
    // A total may have more digits than the amounts Money::parse reads (a million of the dearest
    // item is 15 digits, two such lines 16): compared as text, not parsed.
    if (state.value(QStringLiteral("total")).toString() != total.toString())
        return false;
    m_status = status;
    m_customerId = state.value(OrderField::CustomerId).toString();
    m_customerName = state.value(OrderField::CustomerName);
    m_shippingAddress = state.value(OrderField::ShippingAddress);
    m_items = items;
    m_total = total;
    m_carrier = state.value(OrderField::Carrier).toString();
    m_trackingNumber = state.value(OrderField::TrackingNumber).toString();
    m_cancelReason = state.value(QStringLiteral("cancelReason")).toString();
    return true;
}

std::optional<OrderTotals> OrderAggregate::totals() const {
    QList<PriceLine> lines;
    for (const OrderItem &item : m_items)
        lines.append(
            {item.price, item.quantity, Percent::parse(item.taxRate).value_or(Percent()), {}});
    return priceOrder(lines, {});
}

QJsonObject OrderAggregate::toJson() const {
    QJsonArray items;
    for (const OrderItem &item : m_items) {
        items.append(QJsonObject{{OrderField::ProductId, item.productId},
                                 {OrderField::Name, item.name},
                                 {OrderField::Quantity, item.quantity},
                                 {OrderField::Price, item.price.toString()},
                                 {OrderField::TaxRate, item.taxRate}});
    }
    QJsonObject json{{QStringLiteral("id"), id()},
                     {OrderField::CustomerId, m_customerId},
                     {QStringLiteral("status"), m_status ? orderStatusName(*m_status) : QString()},
                     {QStringLiteral("items"), items},
                     {QStringLiteral("total"), m_total.toString()},
                     {QStringLiteral("version"), version()}};
    if (!m_customerName.isUndefined())
        json.insert(OrderField::CustomerName, m_customerName);
    if (!m_shippingAddress.isUndefined())
        json.insert(OrderField::ShippingAddress, m_shippingAddress);
    if (!m_carrier.isEmpty())
        json.insert(OrderField::Carrier, m_carrier);
    if (!m_trackingNumber.isEmpty())
        json.insert(OrderField::TrackingNumber, m_trackingNumber);
    if (!m_cancelReason.isEmpty())
        json.insert(QStringLiteral("cancelReason"), m_cancelReason);
    return json;
}

std::optional<QJsonObject> OrderAggregate::snapshotAs(int shape) const {
    if (shape == snapshotVersion())
        return saveState();
    if (shape != 1 || !m_customerName.isUndefined() || !m_shippingAddress.isUndefined())
        return std::nullopt;
    QJsonObject state = saveState();
    QJsonArray items;
    for (const QJsonValue item : state.value(QStringLiteral("items")).toArray()) {
        QJsonObject line = item.toObject();
        line.remove(OrderField::TaxRate);
        items.append(line);
    }
    state.insert(QStringLiteral("items"), items);
    return state;
}

QSet<QString> OrderAggregate::personalDataSubjects() const {
    QSet<QString> subjects;
    sealed::collectSubjects(m_customerName, subjects);
    sealed::collectSubjects(m_shippingAddress, subjects);
    return subjects;
}

void OrderAggregate::revealPersonalData(const QHash<QString, QByteArray> &keys) {
    if (!m_customerName.isUndefined())
        m_customerName = sealed::reveal(m_customerName, keys);
    if (!m_shippingAddress.isUndefined())
        m_shippingAddress = sealed::reveal(m_shippingAddress, keys);
}

} // namespace ot
