#pragma once

#include "orders/OrderSummaries.h"

#include <QAbstractTableModel>

namespace ot {

class DeskConnection;

// The orders list: a window onto the `order_summaries` read model that loads a page at a time
// as the view scrolls (canFetchMore/fetchMore), so it opens at once however many orders there
// are. Search, status filter and sort are a query run by the core (an index range scan per
// page), never a proxy over loaded rows. Pages load on the database thread; rows arrive with
// beginInsertRows, so a view stays responsive meanwhile.
class OrderListModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        CustomerColumn,
        StatusColumn,
        ItemsColumn,
        TotalColumn,
        ChangedColumn,
        UserColumn,
        ColumnCount
    };
    static constexpr int PageSize = 200;

    explicit OrderListModel(DeskConnection &connection, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setSearch(const QString &search);
    void setStatus(std::optional<OrderStatus> status);
    const OrderQuery &query() const { return m_query; }

    QString orderId(int row) const;
    int rowOf(const QString &orderId) const; // -1 when not loaded
    // Orders per status and currency matching the search, whatever the status filter.
    const OrderTally &tally() const { return m_tally; }
    // Orders matching the search and the status filter, loaded or not.
    qint64 matchingCount() const;

    // Reloads the rows loaded so far (and the counts) after someone committed: rows stay where
    // they are when only their contents changed; otherwise the model is reset.
    void refresh();

signals:
    void countsChanged();
    void loadFailed(const QString &message);

private:
    void restart();
    void loadCounts();

    DeskConnection &m_connection;
    OrderQuery m_query;
    QList<OrderSummary> m_rows;
    OrderTally m_tally;
    bool m_atEnd = false;
    bool m_loading = false;      // a request that changes the rows is on its way
    bool m_refreshAgain = false; // a change arrived while loading
    quint64 m_generation = 0;    // answers to an older query are dropped
};

} // namespace ot
