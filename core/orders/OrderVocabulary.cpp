#include "OrderVocabulary.h"

#include "MasterDataVocabulary.h"

namespace ot {

namespace OrderField {
const QString CustomerId = QStringLiteral("customerId");
const QString ProductId = QStringLiteral("productId");
const QString Name = QStringLiteral("name");
const QString Quantity = QStringLiteral("quantity");
const QString Price = QStringLiteral("price");
const QString Carrier = QStringLiteral("carrier");
const QString TrackingNumber = QStringLiteral("trackingNumber");
const QString Reason = QStringLiteral("reason");
const QString TaxRate = QStringLiteral("taxRate");
const QString Percent = QStringLiteral("percent");
const QString Amount = QStringLiteral("amount");
const QString PreviousQuantity = QStringLiteral("previousQuantity");
const QString Text = QStringLiteral("text");
const QString Currency = QStringLiteral("currency");
const QString CustomerName = QStringLiteral("customerName");
const QString ShippingAddress = QStringLiteral("shippingAddress");
} // namespace OrderField

namespace {

// One row per word: every list and lookup below reads these tables.
struct CommandWord {
    const char *name;
    OrderCommand command;
    OrderEvent event;
};
constexpr CommandWord Commands[] = {
    {"CreateOrder", OrderCommand::Create, OrderEvent::Created},
    {"AddItem", OrderCommand::AddItem, OrderEvent::ItemAdded},
    {"RemoveItem", OrderCommand::RemoveItem, OrderEvent::ItemRemoved},
    {"ChangeItemQuantity", OrderCommand::ChangeItemQuantity, OrderEvent::ItemQuantityChanged},
    {"SetLineDiscount", OrderCommand::SetLineDiscount, OrderEvent::LineDiscountSet},
    {"SetOrderDiscount", OrderCommand::SetOrderDiscount, OrderEvent::OrderDiscountSet},
    {"AddNote", OrderCommand::AddNote, OrderEvent::NoteAdded},
    {"SetShippingAddress", OrderCommand::SetShippingAddress, OrderEvent::ShippingAddressSet},
    {"ConfirmOrder", OrderCommand::Confirm, OrderEvent::Confirmed},
    {"ShipOrder", OrderCommand::Ship, OrderEvent::Shipped},
    {"DeliverOrder", OrderCommand::Deliver, OrderEvent::Delivered},
    {"CancelOrder", OrderCommand::Cancel, OrderEvent::Cancelled},
};

struct EventWord {
    OrderEvent event;
    const char *name;
};
constexpr EventWord Events[] = {
    {OrderEvent::Created, "OrderCreated"},
    {OrderEvent::ItemAdded, "ItemAdded"},
    {OrderEvent::ItemRemoved, "ItemRemoved"},
    {OrderEvent::ItemQuantityChanged, "ItemQuantityChanged"},
    {OrderEvent::LineDiscountSet, "LineDiscountSet"},
    {OrderEvent::OrderDiscountSet, "OrderDiscountSet"},
    {OrderEvent::NoteAdded, "NoteAdded"},
    {OrderEvent::ShippingAddressSet, "ShippingAddressSet"},
    {OrderEvent::Confirmed, "OrderConfirmed"},
    {OrderEvent::Shipped, "OrderShipped"},
    {OrderEvent::Delivered, "OrderDelivered"},
    {OrderEvent::Cancelled, "OrderCancelled"},
};

struct StatusWord {
    OrderStatus status;
    const char *name;
};
constexpr StatusWord Statuses[] = {
    {OrderStatus::Created, "created"},     {OrderStatus::Confirmed, "confirmed"},
    {OrderStatus::Shipped, "shipped"},     {OrderStatus::Delivered, "delivered"},
    {OrderStatus::Cancelled, "cancelled"},
};

CommandBody body(OrderCommand command, QJsonObject data = {}) {
    return {commandName(command), std::move(data)};
}

} // namespace

QList<OrderCommand> orderCommands() {
    QList<OrderCommand> list;
    for (const CommandWord &word : Commands)
        list << word.command;
    return list;
}

QString commandName(OrderCommand command) {
    for (const CommandWord &word : Commands) {
        if (word.command == command)
            return QLatin1String(word.name);
    }
    return {};
}

std::optional<OrderCommand> orderCommandFromName(const QString &name) {
    for (const CommandWord &word : Commands) {
        if (name == QLatin1String(word.name))
            return word.command;
    }
    return std::nullopt;
}

QStringList orderCommandNames() {
    QStringList names;
    for (const CommandWord &word : Commands)
        names << QLatin1String(word.name);
    return names;
}

OrderEvent eventOf(OrderCommand command) {
    for (const CommandWord &word : Commands) {
        if (word.command == command)
            return word.event;
    }
    return OrderEvent::Created;
}

QList<OrderEvent> orderEvents() {
    QList<OrderEvent> list;
    for (const EventWord &word : Events)
        list << word.event;
    return list;
}

QString eventName(OrderEvent event) {
    for (const EventWord &word : Events) {
        if (word.event == event)
            return QLatin1String(word.name);
    }
    return {};
}

std::optional<OrderEvent> orderEventFromName(const QString &name) {
    for (const EventWord &word : Events) {
        if (name == QLatin1String(word.name))
            return word.event;
    }
    return std::nullopt;
}

QStringList orderEventNames() {
    QStringList names;
    for (const EventWord &word : Events)
        names << QLatin1String(word.name);
    return names;
}

QList<OrderStatus> orderStatuses() {
    QList<OrderStatus> list;
    for (const StatusWord &word : Statuses)
        list << word.status;
    return list;
}

QString orderStatusName(OrderStatus status) {
    for (const StatusWord &word : Statuses) {
        if (word.status == status)
            return QLatin1String(word.name);
    }
    return {};
}

std::optional<OrderStatus> orderStatusFromName(const QString &name) {
    for (const StatusWord &word : Statuses) {
        if (name == QLatin1String(word.name))
            return word.status;
    }
    return std::nullopt;
}

QStringList orderStatusNames() {
    QStringList names;
    for (const StatusWord &word : Statuses)
        names << QLatin1String(word.name);
    return names;
}

namespace OrderCommands {

CommandBody create(const QString &customerId, const QString &currency) {
    QJsonObject data{{OrderField::CustomerId, customerId}};
    if (!currency.isEmpty())
        data.insert(OrderField::Currency, currency);
    return body(OrderCommand::Create, data);
}

CommandBody addItem(const QString &productId, const QString &name, qint64 quantity,
                    const QString &price, const QString &taxRate) {
    QJsonObject data{{OrderField::ProductId, productId},
                     {OrderField::Name, name},
                     {OrderField::Quantity, quantity},
                     {OrderField::Price, price}};
    if (!taxRate.isEmpty())
        data.insert(OrderField::TaxRate, taxRate);
    return body(OrderCommand::AddItem, data);
}

CommandBody addCatalogueItem(const QString &productId, qint64 quantity) {
    return body(OrderCommand::AddItem,
                {{OrderField::ProductId, productId}, {OrderField::Quantity, quantity}});
}

CommandBody removeItem(const QString &productId) {
    return body(OrderCommand::RemoveItem, {{OrderField::ProductId, productId}});
}

CommandBody changeQuantity(const QString &productId, qint64 quantity) {
    return body(OrderCommand::ChangeItemQuantity,
                {{OrderField::ProductId, productId}, {OrderField::Quantity, quantity}});
}

CommandBody setLineDiscount(const QString &productId, const QString &discount, bool percent) {
    return body(OrderCommand::SetLineDiscount,
                {{OrderField::ProductId, productId},
                 {percent ? OrderField::Percent : OrderField::Amount, discount}});
}

CommandBody setOrderDiscount(const QString &discount, bool percent) {
    return body(OrderCommand::SetOrderDiscount,
                {{percent ? OrderField::Percent : OrderField::Amount, discount}});
}

CommandBody addNote(const QString &text) {
    return body(OrderCommand::AddNote, {{OrderField::Text, text}});
}

CommandBody setShippingAddress(const Address &address) {
    return body(OrderCommand::SetShippingAddress,
                {{OrderField::ShippingAddress, address.toJson()}});
}

CommandBody amended(CommandBody body, const QString &reason) {
    body.data.insert(OrderField::Reason, reason);
    return body;
}

CommandBody confirm() {
    return body(OrderCommand::Confirm);
}

CommandBody ship(const QString &carrier, const QString &trackingNumber) {
    QJsonObject data;
    if (!carrier.isEmpty())
        data.insert(OrderField::Carrier, carrier);
    if (!trackingNumber.isEmpty())
        data.insert(OrderField::TrackingNumber, trackingNumber);
    return body(OrderCommand::Ship, data);
}

CommandBody deliver() {
    return body(OrderCommand::Deliver);
}

CommandBody cancel(const QString &reason) {
    return body(OrderCommand::Cancel, {{OrderField::Reason, reason}});
}

} // namespace OrderCommands

} // namespace ot
