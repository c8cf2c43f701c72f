#pragma once

#include "MasterDataVocabulary.h"
#include "es/Aggregate.h"

namespace ot {

// A customer: its personal data (name, e-mail, phone, addresses) is stored sealed under its own
// key, which ForgetCustomer destroys; no rule depends on that data, so every replay, hash and
// checkpoint holds after it is erased.
class CustomerAggregate final : public Aggregate {
public:
    explicit CustomerAggregate(QString id);

    // The checks that need no state; returns the event's data before it is sealed.
    static Result<QJsonObject> validate(const Command &command);

    bool forgotten() const { return m_forgotten; }
    const QString &forgottenReason() const { return m_forgetReason; }
    // A personal field as held: sealed, or after revealPersonalData() its value or
    // sealed::erased(); undefined when the customer has none.
    QJsonValue field(const QString &name) const { return m_details.value(name); }
    // {id, status, name, email?, phone?, billingAddress?, shippingAddress?, forgottenReason?,
    //  version}
    QJsonObject toJson() const;

    bool understands(const DomainEvent &event) const override;
    Result<void> admit(const DomainEvent &event) const override;
    QSet<QString> personalDataSubjects() const override;
    void revealPersonalData(const QHash<QString, QByteArray> &keys) override;

protected:
    Result<void> handle(const Command &command) override;
    void apply(const DomainEvent &event) override;

private:
    Result<void> check(const QString &event) const;

    QJsonObject m_details; // personal fields, sealed
    bool m_forgotten = false;
    QString m_forgetReason;
};

} // namespace ot
