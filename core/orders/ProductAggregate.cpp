#include "ProductAggregate.h"

#include "Fields.h"
#include "es/EventHash.h"

namespace ot {

namespace {

constexpr qsizetype MaxNameLength = 500;
constexpr qsizetype MaxReasonLength = 2000;

} // namespace

ProductAggregate::ProductAggregate(QString id)
    : Aggregate(ProductWord::Type, std::move(id)) {}

QString ProductAggregate::eventOf(const QString &command) {
    if (command == ProductWord::Add)
        return ProductWord::Added;
    if (command == ProductWord::ChangePrice)
        return ProductWord::PriceChanged;
    if (command == ProductWord::Discontinue)
        return ProductWord::Discontinued;
    return {};
}

Result<QJsonObject> ProductAggregate::validate(const Command &command) {
    const QString &type = command.type;
    const Fields fields(command.data, type);
    QJsonObject data;
    if (type == ProductWord::Add) {
        if (auto ok = fields.allowOnly(
                {ProductField::Name, ProductField::UnitPrice, ProductField::TaxRate});
            !ok)
            return ok.error();
        auto name = fields.text(ProductField::Name, MaxNameLength);
        if (!name)
            return name.error();
        auto price = fields.price(ProductField::UnitPrice);
        if (!price)
            return price.error();
        auto rate = fields.percent(ProductField::TaxRate);
        if (!rate)
            return rate.error();
        data = {{ProductField::Name, name.value()},
                {ProductField::UnitPrice, price->toString()},
                {ProductField::TaxRate, rate.value()}};
    } else if (type == ProductWord::ChangePrice || type == ProductWord::Discontinue) {
        const bool pricing = type == ProductWord::ChangePrice;
        if (auto ok = fields.allowOnly(
                pricing ? QStringList{ProductField::UnitPrice, ProductField::Reason}
                        : QStringList{ProductField::Reason});
            !ok)
            return ok.error();
        if (pricing) {
            auto price = fields.price(ProductField::UnitPrice);
            if (!price)
                return price.error();
            data.insert(ProductField::UnitPrice, price->toString());
        }
        auto reason = fields.optionalText(ProductField::Reason, MaxReasonLength, true);
        if (!reason)
            return reason.error();
        if (reason.value())
            data.insert(ProductField::Reason, *reason.value());
    } else {
        return Error::invalid(
            QStringLiteral("unknown command type '%1' (expected one of %2)")
                .arg(type.left(100), ProductWord::Commands.join(QStringLiteral(", "))));
    }
    return data;
}

Result<void> ProductAggregate::check(const QString &event, const QJsonObject &data) const {
    if (event == ProductWord::Added) {
        if (exists())
            return Error::rejected(QStringLiteral("product %1 already exists").arg(id()));
        return {};
    }
    if (!exists())
        return Error::notFound(QStringLiteral("product %1 does not exist").arg(id()));
    if (m_discontinued)
        return Error::rejected(QStringLiteral("product %1 is discontinued").arg(id()));
    if (event == ProductWord::PriceChanged &&
        data.value(ProductField::UnitPrice).toString() == m_unitPrice.toString())
        return Error::rejected(
            QStringLiteral("the price of %1 is %2 already").arg(id(), m_unitPrice.toString()));
    return {};
}

Result<void> ProductAggregate::handle(const Command &command) {
    auto validated = validate(command);
    if (!validated)
        return validated.error();
    const QString event = eventOf(command.type);
    if (auto ok = check(event, validated.value()); !ok)
        return ok;
    raise(event, validated.value());
    return {};
}

bool ProductAggregate::understands(const DomainEvent &event) const {
    return event.schemaVersion == 1 && ProductWord::Events.contains(event.type);
}

Result<void> ProductAggregate::admit(const DomainEvent &event) const {
    if (!understands(event))
        return Error::rejected(
            QStringLiteral("'%1' is not an event of products").arg(event.type.left(100)));
    QString command;
    for (const QString &c : ProductWord::Commands)
        if (eventOf(c) == event.type)
            command = c;
    auto validated = validate({{}, command, id(), event.data, {}, {}, std::nullopt});
    if (!validated || canonicalJson(validated.value()) != canonicalJson(event.data))
        return Error::rejected(QStringLiteral("its data is not what %1 records").arg(command));
    return check(event.type, event.data);
}

void ProductAggregate::apply(const DomainEvent &event) {
    const QJsonObject &d = event.data;
    if (event.type == ProductWord::Added) {
        m_name = d.value(ProductField::Name).toString();
        m_taxRate = d.value(ProductField::TaxRate).toString();
    }
    if (event.type == ProductWord::Discontinued)
        m_discontinued = true;
    else
        m_unitPrice = Money::parse(d.value(ProductField::UnitPrice).toString()).value_or(Money());
}

QJsonObject ProductAggregate::toJson() const {
    return {{QStringLiteral("id"), id()},
            {ProductField::Name, m_name},
            {ProductField::UnitPrice, m_unitPrice.toString()},
            {ProductField::TaxRate, m_taxRate},
            {QStringLiteral("status"),
             m_discontinued ? ProductWord::DiscontinuedStatus : ProductWord::Active},
            {QStringLiteral("version"), version()}};
}

} // namespace ot
