#pragma once

#include "Money.h"
#include "OrderVocabulary.h"
#include "Pricing.h"
#include "es/Aggregate.h"

#include <QList>
#include <QString>

#include <optional>

namespace ot {

class UpcasterRegistry;

struct OrderItem {
    QString productId;
    QString name;
    qint64 quantity = 0;
    Money price;
    QString taxRate = QStringLiteral("0"); // a percentage (Fields::taxRate)
};

// The order's rules (DESIGN.md, Orders). Knows nothing of SQL; state changes only in apply().
class OrderAggregate final : public Aggregate {
public:
    static const QString Type; // "Order"
    static constexpr qint64 MaxQuantity = 1'000'000;

    explicit OrderAggregate(QString id);

    // The checks that need no state: a known type, only known fields, each of the right type
    // and within bounds. Returns the data of the event the command would raise.
    static Result<QJsonObject> validate(const Command &command);
    // Event schema history: ItemAdded v1 (the original design) held the price as a JSON
    // number; v2 holds a decimal string; v3 adds the tax rate (0 before).
    static void registerUpcasters(UpcasterRegistry &registry);

    std::optional<OrderStatus> status() const { return m_status; }
    // Whether the rules let `command` be issued now, for some valid data: what a front end
    // offers (the command itself may still be refused for its data, say a product that is
    // already in the order).
    bool allows(OrderCommand command) const;
    const QString &customerId() const { return m_customerId; }
    // The customer's name and shipping address as copied when the order was created (sealed,
    // or revealed: see Aggregate::revealPersonalData); undefined for a guest order.
    const QJsonValue &customerName() const { return m_customerName; }
    const QJsonValue &shippingAddress() const { return m_shippingAddress; }
    const QList<OrderItem> &items() const { return m_items; }
    // The lines' prices × quantities: before tax, as the original route has it.
    Money total() const { return m_total; }
    // The lines priced by the pricing rule (Pricing.h): tax per line at its rate, per rate, and
    // the gross. Empty only past 64-bit amounts.
    std::optional<OrderTotals> totals() const;
    const QString &carrier() const { return m_carrier; }
    const QString &trackingNumber() const { return m_trackingNumber; }
    const QString &cancelReason() const { return m_cancelReason; }

    // {id, customerId, customerName?, shippingAddress?, status,
    //  items[{productId, name, quantity, price, taxRate}], total, version, ...}
    QJsonObject toJson() const;

    int snapshotVersion() const override { return 2; }
    // Shape 1 had no tax rates and no copies of the customer's data.
    std::optional<QJsonObject> snapshotAs(int shape) const override;
    bool understands(const DomainEvent &event) const override;
    Result<void> admit(const DomainEvent &event) const override;
    QSet<QString> personalDataSubjects() const override;
    void revealPersonalData(const QHash<QString, QByteArray> &keys) override;

protected:
    Result<void> handle(const Command &command) override;
    void apply(const DomainEvent &event) override;
    QJsonObject saveState() const override;
    bool restoreState(const QJsonObject &state) override;

private:
    // The rules that decide whether an event with this (valid) data may happen now: what a
    // command checks before it raises the event, and admit() asks of a stored one.
    Result<void> check(OrderEvent event, const QJsonObject &eventData) const;

    std::optional<OrderStatus> m_status; // empty until OrderCreated
    QString m_customerId;
    QJsonValue m_customerName{QJsonValue::Undefined};
    QJsonValue m_shippingAddress{QJsonValue::Undefined};
    QList<OrderItem> m_items;
    Money m_total;
    QString m_carrier;
    QString m_trackingNumber;
    QString m_cancelReason;
};

} // namespace ot
