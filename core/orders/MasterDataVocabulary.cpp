#include "MasterDataVocabulary.h"

namespace ot {

namespace CustomerWord {
const QString Type = QStringLiteral("Customer");
const QString Register = QStringLiteral("RegisterCustomer");
const QString ChangeDetails = QStringLiteral("ChangeCustomerDetails");
const QString Forget = QStringLiteral("ForgetCustomer");
const QString Registered = QStringLiteral("CustomerRegistered");
const QString DetailsChanged = QStringLiteral("CustomerDetailsChanged");
const QString Forgotten = QStringLiteral("CustomerForgotten");
const QString Active = QStringLiteral("active");
const QString ForgottenStatus = QStringLiteral("forgotten");
const QStringList Commands{Register, ChangeDetails, Forget};
const QStringList Events{Registered, DetailsChanged, Forgotten};
} // namespace CustomerWord

namespace CustomerField {
const QString Name = QStringLiteral("name");
const QString Email = QStringLiteral("email");
const QString Phone = QStringLiteral("phone");
const QString BillingAddress = QStringLiteral("billingAddress");
const QString ShippingAddress = QStringLiteral("shippingAddress");
const QString Reason = QStringLiteral("reason");
const QString Line1 = QStringLiteral("line1");
const QString Line2 = QStringLiteral("line2");
const QString PostalCode = QStringLiteral("postalCode");
const QString City = QStringLiteral("city");
const QString Country = QStringLiteral("country");
} // namespace CustomerField

namespace ProductWord {
const QString Type = QStringLiteral("Product");
const QString Add = QStringLiteral("AddProduct");
const QString ChangePrice = QStringLiteral("ChangeProductPrice");
const QString Discontinue = QStringLiteral("DiscontinueProduct");
const QString Added = QStringLiteral("ProductAdded");
const QString PriceChanged = QStringLiteral("ProductPriceChanged");
const QString Discontinued = QStringLiteral("ProductDiscontinued");
const QString Active = QStringLiteral("active");
const QString DiscontinuedStatus = QStringLiteral("discontinued");
const QStringList Commands{Add, ChangePrice, Discontinue};
const QStringList Events{Added, PriceChanged, Discontinued};
} // namespace ProductWord

namespace ProductField {
const QString Name = QStringLiteral("name");
const QString UnitPrice = QStringLiteral("unitPrice");
const QString TaxRate = QStringLiteral("taxRate");
const QString Reason = QStringLiteral("reason");
} // namespace ProductField

QJsonObject Address::toJson() const {
    QJsonObject json{{CustomerField::Line1, line1},
                     {CustomerField::City, city},
                     {CustomerField::Country, country}};
    if (!line2.isEmpty())
        json.insert(CustomerField::Line2, line2);
    if (!postalCode.isEmpty())
        json.insert(CustomerField::PostalCode, postalCode);
    return json;
}

namespace CustomerCommands {

CommandBody registerCustomer(const QString &name, const QString &email, const QString &phone,
                             const std::optional<Address> &billing,
                             const std::optional<Address> &shipping) {
    QJsonObject data{{CustomerField::Name, name}};
    if (!email.isEmpty())
        data.insert(CustomerField::Email, email);
    if (!phone.isEmpty())
        data.insert(CustomerField::Phone, phone);
    if (billing)
        data.insert(CustomerField::BillingAddress, billing->toJson());
    if (shipping)
        data.insert(CustomerField::ShippingAddress, shipping->toJson());
    return {CustomerWord::Register, data};
}

CommandBody changeDetails(const QJsonObject &changes) {
    return {CustomerWord::ChangeDetails, changes};
}

CommandBody forget(const QString &reason) {
    return {CustomerWord::Forget, {{CustomerField::Reason, reason}}};
}

} // namespace CustomerCommands

namespace ProductCommands {

CommandBody add(const QString &name, const QString &unitPrice, const QString &taxRate) {
    return {ProductWord::Add,
            {{ProductField::Name, name},
             {ProductField::UnitPrice, unitPrice},
             {ProductField::TaxRate, taxRate}}};
}

CommandBody changePrice(const QString &unitPrice, const QString &reason) {
    QJsonObject data{{ProductField::UnitPrice, unitPrice}};
    if (!reason.isEmpty())
        data.insert(ProductField::Reason, reason);
    return {ProductWord::ChangePrice, data};
}

CommandBody discontinue(const QString &reason) {
    QJsonObject data;
    if (!reason.isEmpty())
        data.insert(ProductField::Reason, reason);
    return {ProductWord::Discontinue, data};
}

} // namespace ProductCommands

} // namespace ot
