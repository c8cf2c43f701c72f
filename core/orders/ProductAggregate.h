#pragma once

#include "MasterDataVocabulary.h"
#include "Money.h"
#include "es/Aggregate.h"

namespace ot {

// A product of the catalogue, its id the SKU. An order line copies its name, price and tax rate
// when it is added, so no replay depends on the catalogue as it is later.
class ProductAggregate final : public Aggregate {
public:
    explicit ProductAggregate(QString id);

    static Result<QJsonObject> validate(const Command &command);

    const QString &name() const { return m_name; }
    Money unitPrice() const { return m_unitPrice; }
    const QString &taxRate() const { return m_taxRate; }
    bool discontinued() const { return m_discontinued; }
    // {id, name, unitPrice, taxRate, status, version}
    QJsonObject toJson() const;

    bool understands(const DomainEvent &event) const override;
    Result<void> admit(const DomainEvent &event) const override;

protected:
    Result<void> handle(const Command &command) override;
    void apply(const DomainEvent &event) override;

private:
    Result<void> check(const QString &event, const QJsonObject &data) const;
    static QString eventOf(const QString &command);

    QString m_name;
    Money m_unitPrice;
    QString m_taxRate;
    bool m_discontinued = false;
};

} // namespace ot
