#include "OrderSummaries.h"

#include "Database.h"
#include "es/DomainEvent.h"

#include <QSqlError>

namespace ot {

QJsonObject OrderSummary::toJson() const {
    return {{QStringLiteral("id"), orderId},
            {QStringLiteral("customerId"), customerId},
            {QStringLiteral("status"), orderStatusName(status)},
            {QStringLiteral("itemCount"), itemCount},
            {QStringLiteral("total"), total.toString()},
            {QStringLiteral("version"), version},
            {QStringLiteral("createdAt"), isoTimestamp(createdAt)},
            {QStringLiteral("updatedAt"), isoTimestamp(updatedAt)},
            {QStringLiteral("lastUser"), lastUser}};
}

OrderSummaries::OrderSummaries(Database &database)
    : m_db(database) {}

Result<void> OrderSummaries::project(const Aggregate &state) {
    const auto *order = dynamic_cast<const OrderAggregate *>(&state);
    if (!order || !order->status())
        return Error::storage(QStringLiteral("order summaries can only project orders"));
    if (!m_upsert) {
        auto query = m_db.prepare(
            QStringLiteral("INSERT INTO order_summaries (order_id, customer_id, status, "
                           "item_count, total_cents, version, created_at, updated_at, "
                           "last_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (order_id) DO UPDATE SET customer_id = "
                           "excluded.customer_id, status = excluded.status, item_count = "
                           "excluded.item_count, total_cents = excluded.total_cents, version = "
                           "excluded.version, created_at = excluded.created_at, updated_at = "
                           "excluded.updated_at, last_user = excluded.last_user"),
            QStringLiteral("cannot prepare the order summary update"));
        if (!query)
            return query.error();
        m_upsert = std::move(query.value());
    }
    QSqlQuery &q = *m_upsert;
    q.bindValue(0, order->id());
    q.bindValue(1, order->customerId());
    q.bindValue(2, orderStatusName(*order->status()));
    q.bindValue(3, qint64(order->items().size()));
    q.bindValue(4, order->total().cents());
    q.bindValue(5, order->version());
    q.bindValue(6, order->createdAt());
    q.bindValue(7, order->updatedAt());
    q.bindValue(8, order->lastUserId());
    return m_db.exec(q, QStringLiteral("cannot update the summary of order %1").arg(order->id()));
}

Result<void> OrderSummaries::clear() {
    auto query = m_db.prepare(QStringLiteral("DELETE FROM order_summaries"),
                              QStringLiteral("cannot clear the order summaries"));
    if (!query)
        return query.error();
    return m_db.exec(*query, QStringLiteral("cannot clear the order summaries"));
}

Result<QList<OrderSummary>> OrderSummaries::list(std::optional<OrderStatus> status) {
    const QString what = QStringLiteral("cannot list orders");
    auto query = m_db.prepare(
        QStringLiteral("SELECT order_id, customer_id, status, item_count, total_cents, version, "
                       "created_at, updated_at, last_user FROM order_summaries ") %
            (status ? QStringLiteral("WHERE status = ? ") : QString()) %
            QStringLiteral("ORDER BY created_at, order_id"),
        what);
    if (!query)
        return query.error();
    if (status)
        query->addBindValue(orderStatusName(*status));
    if (auto ok = m_db.exec(*query, what); !ok)
        return ok.error();
    QList<OrderSummary> rows;
    while (query->next()) {
        rows.append({query->value(0).toString(), query->value(1).toString(),
                     orderStatusFromName(query->value(2).toString()).value_or(OrderStatus::Created),
                     query->value(3).toLongLong(), Money::fromCents(query->value(4).toLongLong()),
                     query->value(5).toLongLong(), query->value(6).toLongLong(),
                     query->value(7).toLongLong(), query->value(8).toString()});
    }
    if (query->lastError().isValid())
        return m_db.storageError(query->lastError(), what);
    return rows;
}

} // namespace ot
