#pragma once

#include "es/EventStore.h"

#include <QAbstractTableModel>

namespace ot {

class DeskConnection;

// Every event that matches a filter, newest first, read a page at a time on the desk's database
// thread with keyset paging on position (EventStore::readAll, Direction::NewestFirst): no
// OFFSET and never everything, so the first page of a million events costs what the first page
// of ten does. Events committed later are added at the top by refresh().
class AuditModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Position, Time, Order, Version, Type, User, Summary, Correlation, ColumnCount };
    static constexpr int PageSize = 200;

    explicit AuditModel(DeskConnection &connection, QObject *parent = nullptr);

    // Starts again with `filter`, from the newest event.
    void setFilter(const EventFilter &filter);
    const EventFilter &filter() const { return m_filter; }
    // Adds the events that match and were committed since the newest one shown.
    void refresh();

    const DomainEvent &event(int row) const { return m_events.at(row); }
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
    void olderArrived(quint64 generation, Result<QList<DomainEvent>> page);
    void newerArrived(quint64 generation, Result<QList<DomainEvent>> newer);

    DeskConnection &m_connection;
    EventFilter m_filter;
    QList<DomainEvent> m_events; // newest first
    quint64 m_generation = 0;    // a new filter: replies to older requests are dropped
    bool m_atEnd = false;        // the oldest match is loaded
    bool m_fetching = false;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
};

} // namespace ot
