#pragma once

#include "es/CommandHandler.h"
#include "orders/OrderAggregate.h"

#include <QSqlQuery>

#include <optional>

namespace ot {

class Database;

struct OrderSummary {
    QString orderId;
    QString customerId;
    OrderStatus status = OrderStatus::Created;
    qint64 itemCount = 0; // order lines
    Money total;
    qint64 version = 0;
    qint64 createdAt = 0; // UTC ms
    qint64 updatedAt = 0;
    QString lastUser;

    QJsonObject toJson() const;
    friend bool operator==(const OrderSummary &, const OrderSummary &) = default;
};

// The `order_summaries` read model: one row per order, a function of the order's state,
// written inside each append transaction.
class OrderSummaries final : public StateProjection {
public:
    explicit OrderSummaries(Database &database);

    Result<void> project(const Aggregate &state) override;
    Result<void> clear() override;

    Result<QList<OrderSummary>> list(std::optional<OrderStatus> status = std::nullopt);

private:
    Database &m_db;
    std::optional<QSqlQuery> m_upsert;
};

} // namespace ot
