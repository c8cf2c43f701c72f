#pragma once

#include "OrderAggregate.h"
#include "store/Projection.h"

#include <QMap>
#include <QSqlQuery>

#include <optional>

namespace ot {

class Database;

struct OrderSummary {
    QString orderId;
    QString customerId;
    OrderStatus status = OrderStatus::Created;
    qint64 itemCount = 0; // order lines
    Money total;          // the gross
    qint64 version = 0;
    qint64 createdAt = 0; // UTC ms
    qint64 updatedAt = 0;
    QString lastUser;
    Money net;
    Money tax;
    QString currency; // ISO 4217; every amount of the order is in it

    QJsonObject toJson() const;
    friend bool operator==(const OrderSummary &, const OrderSummary &) = default;
};

// The columns a list of orders can be sorted by (the order id breaks ties).
enum class OrderSort { Id, Customer, Status, Items, Total, LastChange, LastUser };

// What a list of orders shows: the orders whose id or customer contains `search` (ignoring
// case), of one status or all, in one order. The order id breaks ties, so the order is total.
struct OrderQuery {
    QString search;
    std::optional<OrderStatus> status;
    OrderSort sort = OrderSort::LastChange;
    bool descending = true;
};

// The orders that match a search, by status and currency: how many there are, and their gross
// totals added up exactly. Amounts of different currencies are never added together.
struct OrderTally {
    struct Group {
        OrderStatus status = OrderStatus::Created;
        QString currency;
        qint64 orders = 0;
        __int128 grossCents = 0; // no sum of 64-bit totals can pass it
    };
    QList<Group> groups;

    // The orders of `status`, or of every status.
    qint64 count(std::optional<OrderStatus> status = std::nullopt) const;
    // Their gross per currency; nullopt where the sum is past what an amount holds.
    QMap<QString, std::optional<Money>>
    gross(std::optional<OrderStatus> status = std::nullopt) const;
};

// The `order_summaries` read model: one row per order, a function of the order's state,
// written with each append.
class OrderSummaries final : public StateProjection {
public:
    explicit OrderSummaries(Database &database);

    const ReadModelTable &table() const override;
    Result<ReadModelRow> project(const Aggregate &state) const override;

    Result<QList<OrderSummary>> list(std::optional<OrderStatus> status = std::nullopt);

    // One page of `request`: at most `limit` rows after the row `after` (the last row of the
    // previous page; from the start when empty). Keyset paging: no page costs more than the
    // first, however far down the list it is (an index range scan for the indexed sorts), and
    // rows added meanwhile shift nothing.
    Result<QList<OrderSummary>> page(const OrderQuery &request,
                                     const std::optional<OrderSummary> &after, int limit);
    // The orders that match `search` (as a page's), by status and currency.
    Result<OrderTally> tally(const QString &search);

private:
    Database &m_db;
};

} // namespace ot
