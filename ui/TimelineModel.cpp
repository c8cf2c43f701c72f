#include "TimelineModel.h"

#include "DeskConnection.h"
#include "EventText.h"

#include <QDateTime>

namespace ot {

QDate localDay(qint64 msSinceEpoch) {
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toLocalTime().date();
}

TimelineModel::TimelineModel(DeskConnection &connection, QObject *parent)
    : QAbstractListModel(parent)
    , m_connection(connection) {}

void TimelineModel::setOrder(const QString &orderId) {
    beginResetModel();
    m_orderId = orderId;
    m_count = 0;
    m_related.clear();
    m_pages.clear();
    m_requested.clear();
    const quint64 generation = ++m_orderGeneration;
    ++m_pageGeneration;
    endResetModel();
    if (orderId.isEmpty()) {
        emit loaded(0, {});
        return;
    }
    m_connection.run(
        this, [orderId](OrderService &service) { return service.orderLength(orderId); },
        [this, generation](Result<qint64> count) {
            countArrived(generation, count ? count.value() : 0,
                         count ? QString() : count.error().message);
        });
}

void TimelineModel::refresh() {
    if (m_orderId.isEmpty())
        return;
    const quint64 generation = m_orderGeneration;
    m_connection.run(
        this, [orderId = m_orderId](OrderService &service) { return service.orderLength(orderId); },
        [this, generation](Result<qint64> count) {
            if (generation != m_orderGeneration || !count || count.value() <= m_count)
                return;
            // The last page may have been loaded short: it is read again with the new events
            // (a short page is also read again when a row past its end is asked for).
            const int lastPage = qMax(0, m_count - 1) / PageSize;
            m_pages.remove(lastPage);
            m_requested.remove(lastPage);
            beginInsertRows({}, m_count, int(count.value()) - 1);
            m_count = int(count.value());
            endInsertRows();
        });
}

void TimelineModel::reread() {
    ++m_pageGeneration;
    m_pages.clear();
    m_requested.clear();
    if (m_count > 0)
        emit dataChanged(index(0), index(m_count - 1));
}

void TimelineModel::countArrived(quint64 generation, qint64 count, const QString &error) {
    if (generation != m_orderGeneration)
        return;
    if (count > 0) {
        beginInsertRows({}, 0, int(count) - 1);
        m_count = int(count);
        endInsertRows();
    }
    emit loaded(m_count, error);
}

void TimelineModel::setRelatedTo(const QString &correlationId) {
    if (correlationId == m_related)
        return;
    m_related = correlationId;
    if (m_count > 0)
        emit dataChanged(index(0), index(m_count - 1), {RelatedRole});
}

int TimelineModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : m_count;
}

const DomainEvent *TimelineModel::eventAt(int row) const {
    if (row < 0 || row >= m_count)
        return nullptr;
    const int page = row / PageSize;
    auto found = m_pages.constFind(page);
    if (found == m_pages.constEnd() || row % PageSize >= found->events.size()) {
        requestPage(page);
        return nullptr;
    }
    return &found->events.at(row % PageSize);
}

void TimelineModel::requestPage(int page) const {
    if (m_requested.contains(page))
        return;
    m_requested.insert(page);
    // One event before the page as well, so its first row knows whether a new day starts.
    const qint64 first = qint64(page) * PageSize + 1;
    const qint64 after = qMax<qint64>(0, first - 2);
    const qint64 upTo = first + PageSize - 1;
    auto *self = const_cast<TimelineModel *>(this);
    m_connection.run(
        self,
        [id = m_orderId, after, upTo](OrderService &service) {
            return service.history(id, after, upTo);
        },
        [self, generation = m_pageGeneration, page](Result<QList<DomainEvent>> events) {
            if (generation != self->m_pageGeneration)
                return; // asked for before the pages were forgotten, which forgot the request too
            if (!events) {
                self->m_requested.remove(page); // asked again when next shown
                return;
            }
            self->pageArrived(page, events.value());
        });
}

void TimelineModel::pageArrived(int page, const QList<DomainEvent> &events) {
    Page loaded;
    loaded.events = events;
    m_requested.remove(page); // a page that came short is asked for again when a row needs it
    if (page > 0 && !loaded.events.isEmpty()) {
        loaded.dayBefore = localDay(loaded.events.takeFirst().metadata.timestamp);
    }
    const int first = page * PageSize;
    const int last = qMin(m_count, first + int(loaded.events.size())) - 1;
    m_pages.insert(page, loaded);
    if (last >= first)
        emit dataChanged(index(first), index(last));
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_count)
        return {};
    const int row = index.row();
    if (role == VersionRole)
        return row + 1;
    const DomainEvent *e = eventAt(row);
    if (role == LoadedRole)
        return e != nullptr;
    if (!e) {
        if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
            return tr("Version %1: loading…").arg(row + 1);
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 · %2").arg(EventText::typeName(e->type), EventText::summary(*e));
    case Qt::AccessibleTextRole:
        return tr("Version %1, %2, by %3 at %4: %5")
            .arg(row + 1)
            .arg(EventText::typeName(e->type), e->metadata.userId,
                 EventText::time(e->metadata.timestamp), EventText::summary(*e));
    case Qt::ToolTipRole:
        return tr("Version %1 · %2\nRecorded %3 (UTC %4)\nBy %5\nCorrelation %6")
            .arg(row + 1)
            .arg(EventText::typeName(e->type), EventText::time(e->metadata.timestamp),
                 EventText::utcTime(e->metadata.timestamp), e->metadata.userId,
                 e->metadata.correlationId);
    case TypeRole:
        return e->type;
    case UserRole:
        return e->metadata.userId;
    case TimeRole:
        return e->metadata.timestamp;
    case SummaryRole:
        return EventText::summary(*e);
    case CorrelationRole:
        return e->metadata.correlationId;
    case RelatedRole:
        return !m_related.isEmpty() && e->metadata.correlationId == m_related;
    case NewDayRole: {
        if (row == 0)
            return true;
        const QDate day = localDay(e->metadata.timestamp);
        if (row % PageSize == 0)
            return m_pages.value(row / PageSize).dayBefore != day;
        const DomainEvent *before = eventAt(row - 1);
        return before && localDay(before->metadata.timestamp) != day;
    }
    default:
        return {};
    }
}

} // namespace ot
