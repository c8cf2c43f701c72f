#include "OrderAggregate.h"

#include "Fields.h"
#include "es/Sealed.h"

#include <QDateTime>
#include <QJsonArray>

#include <limits>

namespace ot {

const QString OrderAggregate::Type = QStringLiteral("Order");

namespace {

constexpr int ItemAddedSchema = 3;

constexpr int OrderCreatedSchema = 2;

int schemaOf(OrderEvent event) {
    if (event == OrderEvent::ItemAdded)
        return ItemAddedSchema;
    return event == OrderEvent::Created ? OrderCreatedSchema : 1;
}

// The statuses an event may happen in, those it may happen in as an amendment (with a reason),
// and the words a refusal uses for it (OrderCreated needs an order that does not exist yet,
// which check() tests apart).
struct Precondition {
    OrderEvent event;
    QList<OrderStatus> statuses;
    QList<OrderStatus> amendable;
    const char *action;
};
const Precondition &preconditionOf(OrderEvent event) {
    using enum OrderStatus;
    static const QList<Precondition> table{
        {OrderEvent::Created, {}, {}, "create"},
        {OrderEvent::ItemAdded, {Created}, {Confirmed}, "add items"},
        {OrderEvent::ItemRemoved, {Created}, {Confirmed}, "remove items"},
        {OrderEvent::ItemQuantityChanged, {Created}, {Confirmed}, "change quantities"},
        {OrderEvent::LineDiscountSet, {Created}, {Confirmed}, "set discounts"},
        {OrderEvent::OrderDiscountSet, {Created}, {Confirmed}, "set discounts"},
        {OrderEvent::NoteAdded,
         {Created, Confirmed, Shipped, Delivered, Cancelled},
         {},
         "add notes"},
        {OrderEvent::ShippingAddressSet, {Created}, {Confirmed}, "change the shipping address"},
        {OrderEvent::Confirmed, {Created}, {}, "confirm"},
        {OrderEvent::Shipped, {Confirmed}, {}, "ship"},
        {OrderEvent::Delivered, {Shipped}, {}, "deliver"},
        {OrderEvent::Cancelled, {Created, Confirmed}, {}, "cancel"},
    };
    for (const Precondition &p : table) {
        if (p.event == event)
            return p;
    }
    return table.front();
}

// A discount as an event records it; 0 is none.
Discount discountOf(const QJsonObject &data) {
    if (const auto percent = Percent::parse(data.value(OrderField::Percent).toString());
        percent && !percent->isZero())
        return {percent, std::nullopt};
    if (const auto amount = Money::parse(data.value(OrderField::Amount).toString());
        amount && amount->cents() != 0)
        return {std::nullopt, amount};
    return {};
}

QJsonObject discountJson(const Discount &discount) {
    if (discount.percent)
        return {{OrderField::Percent, discount.percent->toString()}};
    if (discount.amount)
        return {{OrderField::Amount, discount.amount->toString()}};
    return {};
}

OrderItem *lineOf(QList<OrderItem> &items, const QString &productId) {
    for (OrderItem &item : items) {
        if (item.productId == productId)
            return &item;
    }
    return nullptr;
}

// What an event of the lines does to them and to the order's discount: apply() changes the
// order with it, and check() prices the order it would make.
void changeLines(QList<OrderItem> &items, Discount &orderDiscount, OrderEvent event,
                 const QJsonObject &d) {
    const QString product = d.value(OrderField::ProductId).toString();
    switch (event) {
    case OrderEvent::ItemAdded:
        items.append({product,
                      d.value(OrderField::Name).toString(),
                      d.value(OrderField::Quantity).toInteger(),
                      Money::parse(d.value(OrderField::Price).toString()).value_or(Money()),
                      d.value(OrderField::TaxRate).toString(),
                      {}});
        break;
    case OrderEvent::ItemRemoved:
        items.removeIf([&](const OrderItem &item) { return item.productId == product; });
        break;
    case OrderEvent::ItemQuantityChanged:
        if (OrderItem *line = lineOf(items, product))
            line->quantity = d.value(OrderField::Quantity).toInteger();
        break;
    case OrderEvent::LineDiscountSet:
        if (OrderItem *line = lineOf(items, product))
            line->discount = discountOf(d);
        break;
    case OrderEvent::OrderDiscountSet:
        orderDiscount = discountOf(d);
        break;
    default:
        break;
    }
}

std::optional<OrderTotals> price(const QList<OrderItem> &items, const Discount &orderDiscount) {
    QList<PriceLine> lines;
    for (const OrderItem &item : items)
        lines.append({item.price, item.quantity, Percent::parse(item.taxRate).value_or(Percent()),
                      item.discount});
    return priceOrder(lines, orderDiscount);
}

} // namespace

OrderAggregate::OrderAggregate(QString id)
    : Aggregate(Type, std::move(id)) {}

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
    // The commands of a line need one; confirming too.
    switch (command) {
    case OrderCommand::RemoveItem:
    case OrderCommand::ChangeItemQuantity:
    case OrderCommand::SetLineDiscount:
    case OrderCommand::Confirm:
        return !m_items.isEmpty();
    case OrderCommand::SetShippingAddress:
        return isForRegisteredCustomer();
    default:
        return true;
    }
}

bool OrderAggregate::isForRegisteredCustomer() const {
    // Only a registered customer's data is copied at creation, and a name is always copied.
    return !m_customerName.isUndefined();
}

bool OrderAggregate::amendable(OrderCommand command) const {
    const OrderEvent event = eventOf(command);
    if (!exists() || !preconditionOf(event).amendable.contains(*m_status))
        return false;
    // A confirmed order keeps at least one line: cancelling it is the way to empty it.
    if (command == OrderCommand::RemoveItem)
        return m_items.size() > 1;
    if (command == OrderCommand::SetShippingAddress)
        return isForRegisteredCustomer();
    return command == OrderCommand::AddItem || command == OrderCommand::SetOrderDiscount ||
           !m_items.isEmpty();
}

Result<void> OrderAggregate::handle(const Command &command) {
    // Input is checked before state, so a malformed command is "invalid" whatever the order.
    auto validated = validate(command);
    if (!validated)
        return validated.error();
    const OrderEvent event = eventOf(*orderCommandFromName(command.type));
    QJsonObject &data = validated.value();
    // A catalogue line whose product the service did not find (or that came past the service).
    if (event == OrderEvent::ItemAdded && !data.contains(OrderField::Name))
        return Error::notFound(QStringLiteral("product %1 is not in the catalogue; give its name "
                                              "and price to add it by hand")
                                   .arg(data.value(OrderField::ProductId).toString()));
    // The history says what a quantity was changed from without replaying the order.
    if (event == OrderEvent::ItemQuantityChanged) {
        for (const OrderItem &item : m_items) {
            if (item.productId == data.value(OrderField::ProductId).toString())
                data.insert(OrderField::PreviousQuantity, item.quantity);
        }
    }
    if (auto ok = check(event, data); !ok)
        return ok;
    // Personal data is stored sealed under the customer's key, which exists since the customer
    // was registered: none means it was forgotten, and nothing more may be kept about them.
    if (event == OrderEvent::ShippingAddressSet) {
        auto sealedAddress = seal(m_customerId, data.value(OrderField::ShippingAddress), false);
        if (!sealedAddress)
            return sealedAddress.error();
        data.insert(OrderField::ShippingAddress, sealedAddress.value());
    }
    raise(eventName(event), data, schemaOf(event));
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
    // The copies of a customer's data are context, not the command's words; the previous
    // quantity is the order's, which check() compares.
    QJsonObject data = event.data;
    QJsonObject context;
    if (*known == OrderEvent::Created || *known == OrderEvent::ShippingAddressSet) {
        for (const QString &field : {OrderField::CustomerName, OrderField::ShippingAddress}) {
            if (data.contains(field))
                context.insert(field, data.take(field));
        }
    }
    QJsonObject recordedData = data;
    if (*known == OrderEvent::ItemQuantityChanged)
        recordedData.remove(OrderField::PreviousQuantity);
    Command recorded{{}, commandName(command), id(), recordedData, {}, {}, std::nullopt};
    recorded.context = context;
    auto read = OrderAggregate::read(recorded);
    if (!read)
        return Error::rejected(QStringLiteral("its data is not what %1 records: %2")
                                   .arg(commandName(command), read.error().message));
    if (*known == OrderEvent::ItemQuantityChanged && data.contains(OrderField::PreviousQuantity))
        read->insert(OrderField::PreviousQuantity, data.value(OrderField::PreviousQuantity));
    if (!read->matches(event.data))
        return Error::rejected(
            QStringLiteral("its data is not what %1 records").arg(commandName(command)));
    return check(*known, event.data);
}

Result<void> OrderAggregate::check(OrderEvent event, const QJsonObject &eventData) const {
    if (event == OrderEvent::Created) {
        if (exists())
            return Error::rejected(QStringLiteral("order %1 already exists").arg(id()));
        if (!eventData.contains(OrderField::Currency))
            return Error::invalid(
                QStringLiteral("an order needs a '%1'").arg(OrderField::Currency));
        return {};
    }
    if (!exists())
        return Error::notFound(QStringLiteral("order %1 does not exist").arg(id()));
    const Precondition &precondition = preconditionOf(event);
    const QString action = QLatin1String(precondition.action);
    if (!precondition.statuses.contains(*m_status)) {
        if (!precondition.amendable.contains(*m_status))
            return Error::rejected(QStringLiteral("cannot %1: order %2 is %3")
                                       .arg(action, id(), orderStatusName(*m_status)));
        if (!eventData.contains(OrderField::Reason))
            return Error::rejected(
                QStringLiteral("cannot %1: order %2 is %3; an amendment after "
                               "confirmation needs a '%4'")
                    .arg(action, id(), orderStatusName(*m_status), OrderField::Reason));
    }

    const QString product = eventData.value(OrderField::ProductId).toString();
    const auto found = std::find_if(m_items.cbegin(), m_items.cend(), [&](const OrderItem &item) {
        return item.productId == product;
    });
    const bool present = found != m_items.cend();
    switch (event) {
    case OrderEvent::ItemAdded:
        if (present)
            return Error::rejected(
                QStringLiteral("product %1 is already in order %2: change its quantity instead")
                    .arg(product, id()));
        break;
    case OrderEvent::ItemRemoved:
    case OrderEvent::ItemQuantityChanged:
    case OrderEvent::LineDiscountSet:
        if (!present)
            return Error::rejected(
                QStringLiteral("product %1 is not in order %2").arg(product, id()));
        break;
    case OrderEvent::Confirmed:
        if (m_items.isEmpty())
            return Error::rejected(
                QStringLiteral("cannot confirm order %1: it has no items").arg(id()));
        break;
    default:
        break;
    }
    if (event == OrderEvent::ShippingAddressSet) {
        if (!isForRegisteredCustomer())
            return Error::rejected(
                QStringLiteral("order %1 is a guest order: register customer %2 to give it a "
                               "shipping address (personal data is kept for registered customers "
                               "only, so that it is erased with theirs)")
                    .arg(id(), m_customerId));
        const QJsonValue address = eventData.value(OrderField::ShippingAddress);
        if (sealed::isSealed(address) && sealed::subjectOf(address) != m_customerId)
            return Error::rejected(QStringLiteral("its shipping address is sealed for %1, not for "
                                                  "the order's customer %2")
                                       .arg(sealed::subjectOf(address), m_customerId));
    }
    if (event == OrderEvent::ItemRemoved && *m_status == OrderStatus::Confirmed &&
        m_items.size() == 1)
        return Error::rejected(QStringLiteral("cannot remove the last line of confirmed order "
                                              "%1: cancel the order instead")
                                   .arg(id()));
    if (event == OrderEvent::ItemQuantityChanged) {
        const qint64 quantity = eventData.value(OrderField::Quantity).toInteger();
        if (quantity == found->quantity)
            return Error::rejected(QStringLiteral("product %1 already has quantity %2 in order %3")
                                       .arg(product)
                                       .arg(quantity)
                                       .arg(id()));
        if (eventData.value(OrderField::PreviousQuantity).toInteger() != found->quantity)
            return Error::rejected(
                QStringLiteral("it records a previous quantity of %1, but the "
                               "line had %2")
                    .arg(eventData.value(OrderField::PreviousQuantity).toVariant().toString())
                    .arg(found->quantity));
    }

    // No discount larger than what it comes off.
    const Discount set = discountOf(eventData);
    if (event == OrderEvent::LineDiscountSet && set.amount) {
        const auto amount = found->price.times(found->quantity);
        if (amount && *amount < *set.amount)
            return Error::rejected(
                QStringLiteral("the discount of %1 is more than the line of %2 holds (%3)")
                    .arg(set.amount->toString(), product, amount->toString()));
    }
    if (event == OrderEvent::OrderDiscountSet && set.amount) {
        const auto before = price(m_items, {});
        if (before && before->net < *set.amount)
            return Error::rejected(
                QStringLiteral("the discount of %1 is more than order %2 holds after its "
                               "lines' discounts (%3)")
                    .arg(set.amount->toString(), id(), before->net.toString()));
    }
    if ((event == OrderEvent::LineDiscountSet || event == OrderEvent::OrderDiscountSet) &&
        set.isNone() &&
        (event == OrderEvent::LineDiscountSet ? found->discount : m_orderDiscount).isNone())
        return Error::rejected(QStringLiteral("there is no discount to remove"));

    // The order the event would make must be priced within 64-bit amounts. Discounts only take
    // off and tax at most doubles a line, so twice the lines' amounts bounds every figure:
    // counted without pricing (an order of 10,000 lines takes one line at a time), the order is
    // priced in full only near the limit.
    __int128 amounts = 0;
    for (const OrderItem &item : m_items)
        amounts += __int128(item.price.cents()) * item.quantity;
    const auto amountOf = [&](qint64 quantity) {
        return __int128(Money::parse(eventData.value(OrderField::Price).toString())
                            .value_or(found != m_items.cend() ? found->price : Money())
                            .cents()) *
               quantity;
    };
    if (event == OrderEvent::ItemAdded)
        amounts += amountOf(eventData.value(OrderField::Quantity).toInteger());
    else if (event == OrderEvent::ItemQuantityChanged)
        amounts +=
            amountOf(eventData.value(OrderField::Quantity).toInteger()) - amountOf(found->quantity);
    if (2 * amounts > std::numeric_limits<qint64>::max()) {
        QList<OrderItem> items = m_items;
        Discount orderDiscount = m_orderDiscount;
        changeLines(items, orderDiscount, event, eventData);
        if (!price(items, {}) || !price(items, orderDiscount))
            return Error::rejected(
                QStringLiteral("the total of order %1 would be too large").arg(id()));
    }
    return {};
}

void OrderAggregate::apply(const DomainEvent &event) {
    const QJsonObject &d = event.data;
    const OrderEvent known = orderEventFromName(event.type).value_or(OrderEvent::Created);
    switch (known) {
    case OrderEvent::Created:
        m_status = OrderStatus::Created;
        m_customerId = d.value(OrderField::CustomerId).toString();
        m_currency = d.value(OrderField::Currency).toString();
        m_customerName = d.value(OrderField::CustomerName);
        m_shippingAddress = d.value(OrderField::ShippingAddress);
        break;
    case OrderEvent::ItemAdded:
    case OrderEvent::ItemRemoved:
    case OrderEvent::ItemQuantityChanged:
    case OrderEvent::LineDiscountSet:
    case OrderEvent::OrderDiscountSet:
        changeLines(m_items, m_orderDiscount, known, d);
        break;
    case OrderEvent::ShippingAddressSet:
        m_shippingAddress = d.value(OrderField::ShippingAddress);
        break;
    case OrderEvent::NoteAdded:
        m_notes.append({d.value(OrderField::Text).toString(), event.metadata.userId,
                        event.metadata.timestamp});
        break;
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
    const QJsonArray storedItems = state.value(QStringLiteral("items")).toArray();
    for (const QJsonValue value : storedItems) {
        const QJsonObject item = value.toObject();
        const auto price = Money::parse(item.value(OrderField::Price).toString());
        if (!price)
            return false;
        items.append({item.value(OrderField::ProductId).toString(),
                      item.value(OrderField::Name).toString(),
                      item.value(OrderField::Quantity).toInteger(), *price,
                      item.value(OrderField::TaxRate).toString(),
                      discountOf(item.value(QStringLiteral("discount")).toObject())});
    }
    QList<OrderNote> notes;
    const QJsonArray storedNotes = state.value(QStringLiteral("notes")).toArray();
    for (const QJsonValue value : storedNotes) {
        const QJsonObject note = value.toObject();
        const QDateTime at =
            QDateTime::fromString(note.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
        if (!at.isValid())
            return false;
        notes.append({note.value(OrderField::Text).toString(),
                      note.value(QStringLiteral("userId")).toString(), at.toMSecsSinceEpoch()});
    }
    const Discount orderDiscount =
        discountOf(state.value(QStringLiteral("orderDiscount")).toObject());
    // A total may have more digits than the amounts Money::parse reads (a million of the dearest
    // item is 15 digits, two such lines 16): compared as text, not parsed.
    const auto totals = price(items, orderDiscount);
    if (!totals || state.value(QStringLiteral("total")).toString() != totals->gross.toString())
        return false;
    m_status = status;
    m_customerId = state.value(OrderField::CustomerId).toString();
    m_currency = state.value(OrderField::Currency).toString();
    m_customerName = state.value(OrderField::CustomerName);
    m_shippingAddress = state.value(OrderField::ShippingAddress);
    m_items = items;
    m_orderDiscount = orderDiscount;
    m_notes = notes;
    m_carrier = state.value(OrderField::Carrier).toString();
    m_trackingNumber = state.value(OrderField::TrackingNumber).toString();
    m_cancelReason = state.value(QStringLiteral("cancelReason")).toString();
    return true;
}

std::optional<OrderTotals> OrderAggregate::totals() const {
    return price(m_items, m_orderDiscount);
}

Money OrderAggregate::total() const {
    const auto priced = totals();
    return priced ? priced->gross : Money();
}

QJsonObject OrderAggregate::toJson() const {
    const std::optional<OrderTotals> priced = totals();
    QJsonArray items;
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        const OrderItem &item = m_items.at(i);
        QJsonObject line{{OrderField::ProductId, item.productId},
                         {OrderField::Name, item.name},
                         {OrderField::Quantity, item.quantity},
                         {OrderField::Price, item.price.toString()},
                         {OrderField::TaxRate, item.taxRate}};
        if (!item.discount.isNone())
            line.insert(QStringLiteral("discount"), discountJson(item.discount));
        if (priced) {
            const PricedLine &p = priced->lines.at(i);
            line.insert(OrderField::Amount, p.amount.toString());
            line.insert(QStringLiteral("net"), p.net.toString());
            line.insert(QStringLiteral("tax"), p.tax.toString());
            line.insert(QStringLiteral("gross"), p.gross.toString());
        }
        items.append(line);
    }
    QJsonObject json{{QStringLiteral("id"), id()},
                     {OrderField::CustomerId, m_customerId},
                     {OrderField::Currency, m_currency},
                     {QStringLiteral("status"), m_status ? orderStatusName(*m_status) : QString()},
                     {QStringLiteral("items"), items},
                     {QStringLiteral("total"), total().toString()},
                     {QStringLiteral("version"), version()}};
    if (priced) {
        QJsonObject byRate;
        for (auto it = priced->taxByRate.cbegin(); it != priced->taxByRate.cend(); ++it)
            byRate.insert(it.key(), it.value().toString());
        json.insert(QStringLiteral("totals"),
                    QJsonObject{{QStringLiteral("discount"), priced->discount.toString()},
                                {QStringLiteral("net"), priced->net.toString()},
                                {QStringLiteral("taxByRate"), byRate},
                                {QStringLiteral("tax"), priced->tax.toString()},
                                {QStringLiteral("gross"), priced->gross.toString()}});
    }
    if (!m_orderDiscount.isNone())
        json.insert(QStringLiteral("orderDiscount"), discountJson(m_orderDiscount));
    if (!m_notes.isEmpty()) {
        QJsonArray notes;
        for (const OrderNote &note : m_notes)
            notes.append(QJsonObject{{OrderField::Text, note.text},
                                     {QStringLiteral("userId"), note.userId},
                                     {QStringLiteral("at"), isoTimestamp(note.timestamp)}});
        json.insert(QStringLiteral("notes"), notes);
    }
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
    // Older shapes hold only orders without what they could not say.
    const bool discounted =
        !m_orderDiscount.isNone() ||
        std::any_of(m_items.cbegin(), m_items.cend(),
                    [](const OrderItem &item) { return !item.discount.isNone(); });
    if (shape < 1 || discounted || !m_notes.isEmpty())
        return std::nullopt;
    if (shape == 1 && (!m_customerName.isUndefined() || !m_shippingAddress.isUndefined()))
        return std::nullopt;
    QJsonObject state = saveState();
    state.remove(QStringLiteral("totals"));
    state.remove(OrderField::Currency);
    const auto priced = totals();
    state.insert(QStringLiteral("total"), priced ? priced->net.toString() : QString());
    QJsonArray items;
    for (const QJsonValue item : state.value(QStringLiteral("items")).toArray()) {
        QJsonObject line = item.toObject();
        for (const QString &computed : {OrderField::Amount, QStringLiteral("net"),
                                        QStringLiteral("tax"), QStringLiteral("gross")})
            line.remove(computed);
        if (shape == 1)
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
