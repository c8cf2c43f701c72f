#pragma once

#include "OrderVocabulary.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ot {

// The words of customers and the product catalogue, each spelled once here (as
// OrderVocabulary.h does for orders).

namespace CustomerWord {
extern const QString Type; // the aggregate type, "Customer"
extern const QString Register, ChangeDetails, Forget;
extern const QString Registered, DetailsChanged, Forgotten;
extern const QString Active, ForgottenStatus; // the read model's statuses
extern const QStringList Commands, Events;    // every one, in the order above
} // namespace CustomerWord

namespace CustomerField {
// Personal data: stored sealed under the customer's key (es/Sealed.h).
extern const QString Name;
extern const QString Email;
extern const QString Phone;
extern const QString BillingAddress;
extern const QString ShippingAddress;
// Not personal.
extern const QString Reason;
// The parts of an address.
extern const QString Line1, Line2, PostalCode, City, Country;
} // namespace CustomerField

namespace ProductWord {
extern const QString Type; // "Product"; a product's id is its SKU
extern const QString Add, ChangePrice, Discontinue;
extern const QString Added, PriceChanged, Discontinued;
extern const QString Active, DiscontinuedStatus;
extern const QStringList Commands, Events;
} // namespace ProductWord

namespace ProductField {
extern const QString Name;
extern const QString UnitPrice;
extern const QString TaxRate;
extern const QString Reason;
} // namespace ProductField

struct Address {
    QString line1;
    QString line2; // empty: none
    QString postalCode;
    QString city;
    QString country; // ISO 3166-1 alpha-2
    QJsonObject toJson() const;
};

namespace CustomerCommands {
// Empty optional fields are not given.
CommandBody registerCustomer(const QString &name, const QString &email, const QString &phone,
                             const std::optional<Address> &billing,
                             const std::optional<Address> &shipping);
// Only the fields in `changes` (CustomerField names; null clears an optional one).
CommandBody changeDetails(const QJsonObject &changes);
CommandBody forget(const QString &reason);
} // namespace CustomerCommands

namespace ProductCommands {
CommandBody add(const QString &name, const QString &unitPrice, const QString &taxRate);
// Empty reason: not given.
CommandBody changePrice(const QString &unitPrice, const QString &reason);
CommandBody discontinue(const QString &reason);
} // namespace ProductCommands

} // namespace ot
