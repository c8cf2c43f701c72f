#pragma once

#include "Money.h"
#include "OrderVocabulary.h"
#include "Pricing.h"
#include "es/Aggregate.h"

#include <QList>
#include <QString>

#include <optional>

namespace ot {

class RecordedData;
class UpcasterRegistry;

struct OrderItem {
    QString productId;
    QString name;
    qint64 quantity = 0;
    Money price;
    QString taxRate = QStringLiteral("0"); // a percentage (Fields::percent)
    Discount discount;
};

// An internal note: who wrote it and when, from its event.
struct OrderNote {
    QString text;
    QString userId;
    qint64 timestamp = 0; // UTC ms
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
    // number; v2 holds a decimal string; v3 adds the tax rate (0 before). OrderCreated v2 adds
    // the currency (`defaultCurrency` before: the database's, fixed when it got currencies). A
    // `reason` on the events that change lines marks an amendment; it is optional, so no
    // schema changed.
    static void registerUpcasters(UpcasterRegistry &registry, const QString &defaultCurrency);

    std::optional<OrderStatus> status() const { return m_status; }
    // Whether the rules let `command` be issued now, for some valid data and without a reason:
    // what a front end offers (the command itself may still be refused for its data, say a
    // product that is already in the order).
    bool allows(OrderCommand command) const;
    // Whether `command` may be issued now as an amendment, with a reason: the line changes of a
    // confirmed order that has not shipped.
    bool amendable(OrderCommand command) const;
    const QString &customerId() const { return m_customerId; }
    // Whether the order is for a registered customer (else a guest's, which holds no personal
    // data).
    bool isForRegisteredCustomer() const;
    const QString &currency() const { return m_currency; }
    // The customer's name as copied when the order was created, and the shipping address then
    // copied or set since (sealed, or revealed: see Aggregate::revealPersonalData); undefined
    // for a guest order.
    const QJsonValue &customerName() const { return m_customerName; }
    const QJsonValue &shippingAddress() const { return m_shippingAddress; }
    const QList<OrderItem> &items() const { return m_items; }
    const Discount &orderDiscount() const { return m_orderDiscount; }
    const QList<OrderNote> &notes() const { return m_notes; }
    // The lines priced by the pricing rule (Pricing.h): discounts, tax per line at its rate, per
    // rate, and the gross. Never empty for an order its rules built (they refuse amounts past
    // 64 bits).
    std::optional<OrderTotals> totals() const;
    // The gross total: what the customer pays.
    Money total() const;
    const QString &carrier() const { return m_carrier; }
    const QString &trackingNumber() const { return m_trackingNumber; }
    const QString &cancelReason() const { return m_cancelReason; }

    // {id, customerId, currency, customerName?, shippingAddress?, status,
    //  items[{productId, name, quantity, price, taxRate, discount?, amount, net, tax, gross}],
    //  orderDiscount?, notes[{text, userId, at}], totals{discount, net, taxByRate, tax, gross},
    //  total (the gross), version, ...}
    QJsonObject toJson() const;

    int snapshotVersion() const override { return 3; }
    // Shape 2 had no currency, discounts, notes or priced lines, and its total was the net; shape 1
    // had no tax rates and no copies of the customer's data either.
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
    // validate()'s work: the data of the event the command would raise, field by field.
    static Result<RecordedData> read(const Command &command);

    std::optional<OrderStatus> m_status; // empty until OrderCreated
    QString m_customerId;
    QString m_currency;
    QJsonValue m_customerName{QJsonValue::Undefined};
    QJsonValue m_shippingAddress{QJsonValue::Undefined};
    QList<OrderItem> m_items;
    Discount m_orderDiscount;
    QList<OrderNote> m_notes;
    QString m_carrier;
    QString m_trackingNumber;
    QString m_cancelReason;
};

} // namespace ot
