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
    m_atEnd = false;
    m_fetching = false;
    m_refreshing = false;
    m_refreshAgain = false;
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
    m_connection.run(
        this,
        [filter = m_filter, after](OrderService &service) {
            return service.store().readAll(filter, after, PageSize, Direction::NewestFirst);
        },
        [this, generation = m_generation](Result<QList<DomainEvent>> page) {
            olderArrived(generation, std::move(page));
        });
}

void AuditModel::olderArrived(quint64 generation, Result<QList<DomainEvent>> page) {
    if (generation != m_generation)
        return;
    if (!page) {
        m_fetching = false;
        emit pageLoaded(page.error().message);
        return;
    }
    // Still fetching while the rows go in: views ask for more from inside the insertion.
    if (!page->isEmpty()) {
        beginInsertRows({}, int(m_events.size()), int(m_events.size() + page->size()) - 1);
        m_events += page.value();
        endInsertRows();
    }
    m_atEnd = page->size() < PageSize;
    m_fetching = false;
    emit pageLoaded({});
}

void AuditModel::refresh() {
    if (m_refreshing) {
        m_refreshAgain = true; // once more when this one is in
        return;
    }
    // Nothing shown yet: the first page is the newest, read it again.
    if (m_events.isEmpty()) {
        if (!m_fetching)
            setFilter(m_filter);
        return;
    }
    m_refreshing = true;
    m_connection.run(
        this,
        [filter = m_filter, newest = m_events.first().position](OrderService &service) {
            return service.store().readAll(filter, newest, PageSize, Direction::OldestFirst);
        },
        [this, generation = m_generation](Result<QList<DomainEvent>> newer) {
            newerArrived(generation, std::move(newer));
        });
}

void AuditModel::newerArrived(quint64 generation, Result<QList<DomainEvent>> newer) {
    if (generation != m_generation)
        return;
    m_refreshing = false;
    if (!newer) {
        emit pageLoaded(newer.error().message);
        return;
    }
    if (!newer->isEmpty()) {
        QList<DomainEvent> top(newer->crbegin(), newer->crend());
        beginInsertRows({}, 0, int(top.size()) - 1);
        m_events = top + m_events;
        endInsertRows();
    }
    if (newer->size() == PageSize || m_refreshAgain) {
        m_refreshAgain = false;
        refresh();
    }
    emit pageLoaded({});
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
    case Order:
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
    case Order:
        return tr("Order");
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
