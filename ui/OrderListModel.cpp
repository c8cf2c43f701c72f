#include "OrderListModel.h"

#include "DeskConnection.h"
#include "EventText.h"

namespace ot {

namespace {

OrderSort sortFor(int column) {
    switch (column) {
    case OrderListModel::IdColumn:
        return OrderSort::Id;
    case OrderListModel::CustomerColumn:
        return OrderSort::Customer;
    case OrderListModel::StatusColumn:
        return OrderSort::Status;
    case OrderListModel::ItemsColumn:
        return OrderSort::Items;
    case OrderListModel::TotalColumn:
        return OrderSort::Total;
    case OrderListModel::UserColumn:
        return OrderSort::LastUser;
    default:
        return OrderSort::LastChange;
    }
}

} // namespace

OrderListModel::OrderListModel(DeskConnection &connection, QObject *parent)
    : QAbstractTableModel(parent)
    , m_connection(connection) {
    restart();
    loadCounts();
}

int OrderListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OrderListModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OrderListModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OrderSummary &row = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole) {
        const bool number = index.column() == ItemsColumn || index.column() == TotalColumn;
        return int((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && index.column() == ChangedColumn)
        return isoTimestamp(row.updatedAt);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return row.orderId;
    case CustomerColumn:
        return row.customerId;
    case StatusColumn:
        return EventText::status(row.status);
    case ItemsColumn:
        return row.itemCount;
    case TotalColumn:
        return tr("%1 %2").arg(row.total.toString(), row.currency);
    case ChangedColumn:
        return EventText::time(row.updatedAt);
    case UserColumn:
        return row.lastUser;
    }
    return {};
}

QVariant OrderListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Order");
    case CustomerColumn:
        return tr("Customer");
    case StatusColumn:
        return tr("Status");
    case ItemsColumn:
        return tr("Items");
    case TotalColumn:
        return tr("Total");
    case ChangedColumn:
        return tr("Last change");
    case UserColumn:
        return tr("By");
    }
    return {};
}

bool OrderListModel::canFetchMore(const QModelIndex &parent) const {
    return !parent.isValid() && !m_atEnd && !m_loading;
}

void OrderListModel::fetchMore(const QModelIndex &parent) {
    if (!canFetchMore(parent))
        return;
    m_loading = true;
    std::optional<OrderSummary> after;
    if (!m_rows.isEmpty())
        after = m_rows.last();
    m_connection.run(
        this,
        [query = m_query, after](OrderService &service) {
            return service.orderPage(query, after, PageSize);
        },
        [this, generation = m_generation](Result<QList<OrderSummary>> page) {
            if (generation != m_generation)
                return;
            if (!page) {
                m_loading = false;
                m_atEnd = true; // no retry loop against a failing database; refresh() retries
                emit loadFailed(page.error().message);
                return;
            }
            m_atEnd = page->size() < PageSize;
            // Still loading while the rows go in: a view or tester that asks for more from a
            // rowsInserted handler must wait for these rows to be the last ones.
            if (!page->isEmpty()) {
                beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->size() - 1));
                m_rows.append(page.value());
                endInsertRows();
            }
            m_loading = false;
            if (m_refreshAgain)
                refresh();
        });
}

void OrderListModel::sort(int column, Qt::SortOrder order) {
    const OrderSort sort = sortFor(column);
    const bool descending = order == Qt::DescendingOrder;
    if (sort == m_query.sort && descending == m_query.descending)
        return;
    m_query.sort = sort;
    m_query.descending = descending;
    restart();
}

void OrderListModel::setSearch(const QString &search) {
    if (search == m_query.search)
        return;
    m_query.search = search;
    restart();
    loadCounts();
}

void OrderListModel::setStatus(std::optional<OrderStatus> status) {
    if (status == m_query.status)
        return;
    m_query.status = status;
    restart();
}

QString OrderListModel::orderId(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).orderId : QString();
}

int OrderListModel::rowOf(const QString &orderId) const {
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).orderId == orderId)
            return row;
    }
    return -1;
}

qint64 OrderListModel::matchingCount() const {
    return m_tally.count(m_query.status);
}

// A new query: forget every row and answer on the way, start again at the first page.
void OrderListModel::restart() {
    beginResetModel();
    ++m_generation;
    m_rows.clear();
    m_atEnd = false;
    m_loading = false;
    m_refreshAgain = false;
    endResetModel();
    fetchMore({});
}

void OrderListModel::refresh() {
    loadCounts();
    if (m_loading) { // after the answer on its way, so the rows stay in step
        m_refreshAgain = true;
        return;
    }
    m_refreshAgain = false;
    m_loading = true;
    const int limit = std::max(int(m_rows.size()), PageSize);
    m_connection.run(
        this,
        [query = m_query, limit](OrderService &service) {
            return service.orderPage(query, std::nullopt, limit);
        },
        [this, limit, generation = m_generation](Result<QList<OrderSummary>> rows) {
            if (generation != m_generation)
                return;
            if (!rows) {
                m_loading = false;
                emit loadFailed(rows.error().message);
                return;
            }
            m_atEnd = rows->size() < limit;
            const bool sameRows =
                rows->size() == m_rows.size() &&
                std::equal(rows->cbegin(), rows->cend(), m_rows.cbegin(),
                           [](const auto &a, const auto &b) { return a.orderId == b.orderId; });
            if (sameRows) {
                m_rows = rows.value();
                if (!m_rows.isEmpty())
                    emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
            } else {
                beginResetModel();
                m_rows = rows.value();
                endResetModel();
            }
            m_loading = false;
            if (m_refreshAgain)
                refresh();
        });
}

void OrderListModel::loadCounts() {
    m_connection.run(
        this,
        [search = m_query.search](OrderService &service) { return service.orderTally(search); },
        [this](Result<OrderTally> tally) {
            if (!tally) {
                emit loadFailed(tally.error().message);
                return;
            }
            m_tally = tally.value();
            emit countsChanged();
        });
}

} // namespace ot
