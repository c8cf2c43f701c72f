#pragma once

#include "Money.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ot {

struct Address;

// The order domain's words, each spelled once here: its commands, the events they record, its
// statuses and the fields of their data. Front ends use these (translations of display names
// aside), so renaming one is a compile error wherever it is used, never a silent mismatch.

enum class OrderCommand {
    Create,
    AddItem,
    RemoveItem,
    ChangeItemQuantity,
    SetLineDiscount,
    SetOrderDiscount,
    AddNote,
    SetShippingAddress,
    Confirm,
    Ship,
    Deliver,
    Cancel,
};
enum class OrderEvent {
    Created,
    ItemAdded,
    ItemRemoved,
    ItemQuantityChanged,
    LineDiscountSet,
    OrderDiscountSet,
    NoteAdded,
    ShippingAddressSet,
    Confirmed,
    Shipped,
    Delivered,
    Cancelled,
};
enum class OrderStatus { Created, Confirmed, Shipped, Delivered, Cancelled };

QList<OrderCommand> orderCommands();
QString commandName(OrderCommand command); // "CreateOrder", ...
std::optional<OrderCommand> orderCommandFromName(const QString &name);
QStringList orderCommandNames();

QList<OrderEvent> orderEvents();
QString eventName(OrderEvent event); // "OrderCreated", ...
std::optional<OrderEvent> orderEventFromName(const QString &name);
QStringList orderEventNames();
// The event each command records.
OrderEvent eventOf(OrderCommand command);

QList<OrderStatus> orderStatuses();
QString orderStatusName(OrderStatus status); // "created", ...
std::optional<OrderStatus> orderStatusFromName(const QString &name);
QStringList orderStatusNames();

// The fields of commands' and events' data.
namespace OrderField {
extern const QString CustomerId;
extern const QString ProductId;
extern const QString Name;
extern const QString Quantity;
extern const QString Price;
extern const QString Carrier;
extern const QString TrackingNumber;
extern const QString Reason;
extern const QString TaxRate;
// A discount: one of a percentage or an amount off; 0 removes it.
extern const QString Percent;
extern const QString Amount;
// The quantity a line had before ItemQuantityChanged, recorded with it.
extern const QString PreviousQuantity;
extern const QString Text;     // of a note
extern const QString Currency; // ISO 4217, of an order: every amount in it is in this currency
// Copied from the customer when the order is created (sealed personal data, es/Sealed.h). The
// shipping address can be set later, sealed under the same customer's key.
extern const QString CustomerName;
extern const QString ShippingAddress;
} // namespace OrderField

// A command as a front end sends it: its type and data (the body of the original route
// without its envelope). The typed constructors below are the only way front ends build one.
struct CommandBody {
    QString type;
    QJsonObject data;
};

namespace OrderCommands {
// An empty currency is not given: the database's default (ordertrail_meta) is taken.
CommandBody create(const QString &customerId, const QString &currency = {});
// A line typed by hand; an empty tax rate is not given (0).
CommandBody addItem(const QString &productId, const QString &name, qint64 quantity,
                    const QString &price, const QString &taxRate = {});
// A line of a catalogue product: its name, price and tax rate are copied from the catalogue.
CommandBody addCatalogueItem(const QString &productId, qint64 quantity);
CommandBody removeItem(const QString &productId);
CommandBody changeQuantity(const QString &productId, qint64 quantity);
// `discount` is a percentage ("10", "7.5") when `percent`, else an amount ("5.00").
CommandBody setLineDiscount(const QString &productId, const QString &discount, bool percent);
CommandBody setOrderDiscount(const QString &discount, bool percent);
CommandBody addNote(const QString &text);
// The address the order ships to (a registered customer's order only: see OrderAggregate).
CommandBody setShippingAddress(const Address &address);
// The same command as an amendment of a confirmed order, which needs a reason.
CommandBody amended(CommandBody body, const QString &reason);
CommandBody confirm();
// Empty carrier or tracking number: not given.
CommandBody ship(const QString &carrier, const QString &trackingNumber);
CommandBody deliver();
CommandBody cancel(const QString &reason);
} // namespace OrderCommands

} // namespace ot
