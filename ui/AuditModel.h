#pragma once

#include "es/DomainEvent.h"
#include "es/EventQuery.h"
#include "es/Result.h"

#include <QAbstractTableModel>
#include <QSet>

namespace ot {

class DeskConnection;

// Every event that matches a filter, newest first, read a page at a time on the desk's database
// thread with keyset paging on position (OrderService::events, Direction::NewestFirst): no
// OFFSET and never everything, so the first page of a million events costs what the first page
// of ten does. Events committed later are added by refresh(), which follows the global commit
// order from where the first page was read (OrderService::eventsCommittedAfter), so on PostgreSQL
// an event that commits after one with a higher position is still added, in its place.
class AuditModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Position, Time, Record, Version, Type, User, Summary, Correlation, ColumnCount };
    static constexpr int PageSize = 200;

    explicit AuditModel(DeskConnection &connection, QObject *parent = nullptr);

    // Starts again with `filter`, from the newest event.
    void setFilter(const EventFilter &filter);
    const EventFilter &filter() const { return m_filter; }
    // Adds the events that match and were committed since the first page was read.
    void refresh();

    const DomainEvent &eventAt(int row) const { return m_events.at(row); }
    // No page is being read.
    bool isIdle() const { return !m_fetching; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    // A page or the newer events arrived (or failed: `error`).
    void pageLoaded(const QString &error);

private:
    // Events, and where the commit order stood when they were read.
    struct Page {
        CommitCursor tail;
        QList<DomainEvent> events;
    };
    void olderArrived(quint64 generation, Result<Page> page);
    void newerArrived(quint64 generation, Result<Page> newer);
    void insertInPlace(const DomainEvent &event);

    DeskConnection &m_connection;
    EventFilter m_filter;
    QList<DomainEvent> m_events; // newest first
    quint64 m_generation = 0;    // a new filter: replies to older requests are dropped
    bool m_atEnd = false;        // the oldest match is loaded
    bool m_fetching = false;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
    bool m_tailKnown = false; // m_tail was read with the first page
    CommitCursor m_tail;      // the refresh reads what committed after it
    QSet<qint64> m_positions; // of m_events: a refresh may bring one already shown
};

} // namespace ot
