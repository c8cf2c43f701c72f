#include "AuditModel.h"

#include "DeskConnection.h"
#include "EventText.h"

#include <QLocale>

namespace ot {

AuditModel::AuditModel(DeskConnection &connection, QObject *parent)
    : QAbstractTableModel(parent)
    , m_connection(connection) {}

void AuditModel::setFilter(const EventFilter &filter) {
    beginResetModel();
    m_filter = filter;
    m_events.clear();
    m_positions.clear();
    m_atEnd = false;
    m_fetching = false;
    m_refreshing = false;
    m_refreshAgain = false;
    m_tailKnown = false;
    ++m_generation;
    endResetModel();
    fetchMore({});
}

int AuditModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_events.size());
}

int AuditModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

bool AuditModel::canFetchMore(const QModelIndex &parent) const {
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void AuditModel::fetchMore(const QModelIndex &parent) {
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const qint64 after = m_events.isEmpty() ? 0 : m_events.last().position;
    const bool first = !m_tailKnown;
    m_connection.run(
        this,
        [filter = m_filter, after, first](OrderService &service) -> Result<Page> {
            // The commit order is read before the page: whatever commits in between comes
            // again with the first refresh, and is not added twice.
            CommitCursor tail;
            if (first) {
                auto frontier = service.eventFrontier();
                if (!frontier)
                    return frontier.error();
                tail = frontier.value();
            }
            auto page = service.events(filter, after, PageSize, Direction::NewestFirst);
            if (!page)
                return page.error();
            return Page{tail, page.value()};
        },
        [this, generation = m_generation](Result<Page> page) {
            olderArrived(generation, std::move(page));
        });
}

void AuditModel::olderArrived(quint64 generation, Result<Page> page) {
    if (generation != m_generation)
        return;
    if (!page) {
        m_fetching = false;
        emit pageLoaded(page.error().message);
        return;
    }
    if (!m_tailKnown) {
        m_tail = page->tail;
        m_tailKnown = true;
    }
    // Still fetching while the rows go in: views ask for more from inside the insertion.
    QList<DomainEvent> fresh;
    for (const DomainEvent &event : page->events) {
        if (!m_positions.contains(event.position))
            fresh.append(event);
    }
    if (!fresh.isEmpty()) {
        beginInsertRows({}, int(m_events.size()), int(m_events.size() + fresh.size()) - 1);
        for (const DomainEvent &event : fresh)
            m_positions.insert(event.position);
        m_events += fresh;
        endInsertRows();
    }
    m_atEnd = page->events.size() < PageSize;
    m_fetching = false;
    emit pageLoaded({});
    if (m_refreshAgain) {
        m_refreshAgain = false;
        refresh();
    }
}

void AuditModel::refresh() {
    if (m_refreshing || !m_tailKnown) {
        m_refreshAgain = true; // once more when the answer in flight is in
        return;
    }
    m_refreshing = true;
    m_connection.run(
        this,
        [filter = m_filter, from = m_tail](OrderService &service) -> Result<Page> {
            CommitCursor tail = from;
            auto newer = service.eventsCommittedAfter(tail, PageSize, filter);
            if (!newer)
                return newer.error();
            return Page{tail, newer.value()};
        },
        [this, generation = m_generation](Result<Page> newer) {
            newerArrived(generation, std::move(newer));
        });
}

void AuditModel::newerArrived(quint64 generation, Result<Page> newer) {
    if (generation != m_generation)
        return;
    m_refreshing = false;
    if (!newer) {
        emit pageLoaded(newer.error().message);
        return;
    }
    m_tail = newer->tail;
    for (const DomainEvent &event : newer->events)
        insertInPlace(event);
    if (newer->events.size() == PageSize || m_refreshAgain) {
        m_refreshAgain = false;
        refresh();
    }
    emit pageLoaded({});
}

// Rows stay newest first by position. An event older than every loaded row is left for
// fetchMore to bring, unless everything is loaded.
void AuditModel::insertInPlace(const DomainEvent &event) {
    if (m_positions.contains(event.position))
        return;
    const auto at = std::lower_bound(
        m_events.cbegin(), m_events.cend(), event.position,
        [](const DomainEvent &e, qint64 position) { return e.position > position; });
    const int row = int(at - m_events.cbegin());
    if (row == m_events.size() && !m_atEnd)
        return;
    beginInsertRows({}, row, row);
    m_events.insert(row, event);
    m_positions.insert(event.position);
    endInsertRows();
}

QVariant AuditModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_events.size())
        return {};
    const DomainEvent &e = m_events.at(index.row());
    if (role == Qt::ToolTipRole) {
        if (index.column() == Time)
            return tr("UTC %1").arg(EventText::utcTime(e.metadata.timestamp));
        if (index.column() == Summary)
            return EventText::describe(e);
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return index.column() == Position || index.column() == Version
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case Position:
        return QLocale().toString(e.position);
    case Time:
        return EventText::time(e.metadata.timestamp);
    case Record:
        return e.aggregateId;
    case Version:
        return QLocale().toString(e.metadata.version);
    case Type:
        return EventText::typeName(e.type);
    case User:
        return e.metadata.userId;
    case Summary:
        return EventText::summary(e);
    case Correlation:
        return e.metadata.correlationId;
    default:
        return {};
    }
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Position:
        return tr("Position");
    case Time:
        return tr("Recorded");
    case Record:
        return tr("Record"); // an order's, a customer's or a product's id
    case Version:
        return tr("Version");
    case Type:
        return tr("Event");
    case User:
        return tr("User");
    case Summary:
        return tr("What happened");
    case Correlation:
        return tr("Correlation");
    default:
        return {};
    }
}

} // namespace ot
