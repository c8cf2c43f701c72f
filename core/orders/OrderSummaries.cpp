#include "OrderSummaries.h"

#include "es/DomainEvent.h"
#include "storage/Database.h"
#include "storage/Dialect.h"

#include <QSqlError>

#include <limits>

namespace ot {

QJsonObject OrderSummary::toJson() const {
    return {{QStringLiteral("id"), orderId},
            {QStringLiteral("customerId"), customerId},
            {QStringLiteral("status"), orderStatusName(status)},
            {QStringLiteral("itemCount"), itemCount},
            {QStringLiteral("currency"), currency},
            {QStringLiteral("net"), net.toString()},
            {QStringLiteral("tax"), tax.toString()},
            {QStringLiteral("total"), total.toString()},
            {QStringLiteral("version"), version},
            {QStringLiteral("createdAt"), isoTimestamp(createdAt)},
            {QStringLiteral("updatedAt"), isoTimestamp(updatedAt)},
            {QStringLiteral("lastUser"), lastUser}};
}

OrderSummaries::OrderSummaries(Database &database)
    : m_db(database) {}

const ReadModelTable &OrderSummaries::table() const {
    static const ReadModelTable table{QStringLiteral("order_summaries"),
                                      QStringLiteral("order_id"),
                                      {QStringLiteral("customer_id"), QStringLiteral("status"),
                                       QStringLiteral("item_count"), QStringLiteral("total_cents"),
                                       QStringLiteral("net_cents"), QStringLiteral("tax_cents"),
                                       QStringLiteral("currency")}};
    return table;
}

Result<ReadModelRow> OrderSummaries::project(const Aggregate &state) const {
    const auto *order = dynamic_cast<const OrderAggregate *>(&state);
    if (!order || !order->status())
        return Error::storage(QStringLiteral("order summaries can only project orders"));
    const OrderTotals totals = order->totals().value_or(OrderTotals{});
    return ReadModelRow{&table(),
                        {order->customerId(), orderStatusName(*order->status()),
                         qint64(order->items().size()), totals.gross.cents(), totals.net.cents(),
                         totals.tax.cents(), order->currency()}};
}

namespace {

const QString SummaryColumns =
    QStringLiteral("order_id, customer_id, status, item_count, total_cents, version, created_at, "
                   "updated_at, last_user, net_cents, tax_cents, currency");

OrderSummary summaryFromRow(const QSqlQuery &query) {
    return {query.value(0).toString(),
            query.value(1).toString(),
            orderStatusFromName(query.value(2).toString()).value_or(OrderStatus::Created),
            query.value(3).toLongLong(),
            Money::fromCents(query.value(4).toLongLong()),
            query.value(5).toLongLong(),
            query.value(6).toLongLong(),
            query.value(7).toLongLong(),
            query.value(8).toString(),
            Money::fromCents(query.value(9).toLongLong()),
            Money::fromCents(query.value(10).toLongLong()),
            query.value(11).toString()};
}

QString sortColumn(OrderSort sort) {
    switch (sort) {
    case OrderSort::Id:
        return QStringLiteral("order_id");
    case OrderSort::Customer:
        return QStringLiteral("customer_id");
    case OrderSort::Status:
        return QStringLiteral("status");
    case OrderSort::Items:
        return QStringLiteral("item_count");
    case OrderSort::Total:
        return QStringLiteral("total_cents");
    case OrderSort::LastChange:
        return QStringLiteral("updated_at");
    case OrderSort::LastUser:
        return QStringLiteral("last_user");
    }
    return QStringLiteral("order_id");
}

QVariant sortValue(const OrderSummary &row, OrderSort sort) {
    switch (sort) {
    case OrderSort::Id:
        return row.orderId;
    case OrderSort::Customer:
        return row.customerId;
    case OrderSort::Status:
        return orderStatusName(row.status);
    case OrderSort::Items:
        return row.itemCount;
    case OrderSort::Total:
        return row.total.cents();
    case OrderSort::LastChange:
        return row.updatedAt;
    case OrderSort::LastUser:
        return row.lastUser;
    }
    return row.orderId;
}

// Both backends compare lower() of the columns with a lower-case pattern, so the search ignores
// case the same way on each (SQLite's LIKE ignores ASCII case, PostgreSQL's does not).
const QString SearchCondition =
    QStringLiteral("(lower(order_id) LIKE ? ESCAPE '\\' OR lower(customer_id) LIKE ? ESCAPE '\\')");

QString likePattern(const QString &search) {
    return substringPattern(search.trimmed().toLower());
}

} // namespace

Result<QList<OrderSummary>> OrderSummaries::list(std::optional<OrderStatus> status) {
    const QString what = QStringLiteral("cannot list orders");
    auto found = m_db.query(QStringLiteral("SELECT ") % SummaryColumns %
                                QStringLiteral(" FROM order_summaries ") %
                                (status ? QStringLiteral("WHERE status = ? ") : QString()) %
                                QStringLiteral("ORDER BY created_at, order_id"),
                            status ? QVariantList{orderStatusName(*status)} : QVariantList{}, what);
    if (!found)
        return found.error();
    QSqlQuery *query = found.value();
    QList<OrderSummary> rows;
    while (query->next())
        rows.append(summaryFromRow(*query));
    if (query->lastError().isValid())
        return m_db.storageError(query->lastError(), what);
    query->finish();
    return rows;
}

Result<QList<OrderSummary>> OrderSummaries::page(const OrderQuery &request,
                                                 const std::optional<OrderSummary> &after,
                                                 int limit) {
    const QString what = QStringLiteral("cannot list orders");
    // Only fixed column names and keywords go into the text; every value is bound.
    const QString column = sortColumn(request.sort);
    const QString direction = request.descending ? QStringLiteral(" DESC") : QString();
    QStringList conditions;
    if (!request.search.trimmed().isEmpty())
        conditions << SearchCondition;
    if (request.status)
        conditions << QStringLiteral("status = ?");
    if (after) {
        conditions << QStringLiteral("(") % column % QStringLiteral(", order_id) ") %
                          (request.descending ? u'<' : u'>') % QStringLiteral(" (?, ?)");
    }
    const QString sql =
        QStringLiteral("SELECT ") % SummaryColumns % QStringLiteral(" FROM order_summaries") %
        (conditions.isEmpty()
             ? QString()
             : QStringLiteral(" WHERE ") % conditions.join(QStringLiteral(" AND "))) %
        QStringLiteral(" ORDER BY ") % column % direction % QStringLiteral(", order_id") %
        direction % QStringLiteral(" LIMIT ?");
    QVariantList values;
    if (!request.search.trimmed().isEmpty())
        values << likePattern(request.search) << likePattern(request.search);
    if (request.status)
        values << orderStatusName(*request.status);
    if (after)
        values << sortValue(*after, request.sort) << after->orderId;
    values << limit;
    auto found = m_db.query(sql, values, what);
    if (!found)
        return found.error();
    QSqlQuery *query = found.value();
    QList<OrderSummary> rows;
    rows.reserve(limit);
    while (query->next())
        rows.append(summaryFromRow(*query));
    if (query->lastError().isValid())
        return m_db.storageError(query->lastError(), what);
    query->finish();
    return rows;
}

qint64 OrderTally::count(std::optional<OrderStatus> status) const {
    qint64 n = 0;
    for (const Group &group : groups) {
        if (!status || group.status == *status)
            n += group.orders;
    }
    return n;
}

QMap<QString, std::optional<Money>> OrderTally::gross(std::optional<OrderStatus> status) const {
    QMap<QString, __int128> sums;
    for (const Group &group : groups) {
        if (!status || group.status == *status)
            sums[group.currency] += group.grossCents;
    }
    QMap<QString, std::optional<Money>> gross;
    for (auto it = sums.cbegin(); it != sums.cend(); ++it) {
        const bool fits = it.value() <= std::numeric_limits<qint64>::max();
        gross.insert(it.key(),
                     fits ? std::optional(Money::fromCents(qint64(it.value()))) : std::nullopt);
    }
    return gross;
}

Result<OrderTally> OrderSummaries::tally(const QString &search) {
    const QString what = QStringLiteral("cannot count orders");
    const bool searching = !search.trimmed().isEmpty();
    // A plain sum of many large totals would pass 64 bits (SQLite then fails the query): the
    // totals are summed in two parts, each of which fits, and put together here.
    constexpr qint64 Split = 1'000'000'000; // as in the query
    auto found = m_db.query(
        QStringLiteral("SELECT status, currency, count(*), "
                       "CAST(sum(total_cents / 1000000000) AS BIGINT), "
                       "CAST(sum(total_cents % 1000000000) AS BIGINT) FROM order_summaries") %
            (searching ? QStringLiteral(" WHERE ") % SearchCondition : QString()) %
            QStringLiteral(" GROUP BY status, currency"),
        searching ? QVariantList{likePattern(search), likePattern(search)} : QVariantList{}, what);
    if (!found)
        return found.error();
    QSqlQuery *query = found.value();
    OrderTally tally;
    while (query->next()) {
        if (auto status = orderStatusFromName(query->value(0).toString()))
            tally.groups.append(
                {*status, query->value(1).toString(), query->value(2).toLongLong(),
                 __int128(query->value(3).toLongLong()) * Split + query->value(4).toLongLong()});
    }
    if (query->lastError().isValid())
        return m_db.storageError(query->lastError(), what);
    query->finish();
    return tally;
}

} // namespace ot
