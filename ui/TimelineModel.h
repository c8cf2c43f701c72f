#pragma once

#include "es/DomainEvent.h"

#include <QAbstractListModel>
#include <QDate>
#include <QHash>
#include <QSet>

namespace ot {

class DeskConnection;

// The events of one order, one row per version (row 0 is version 1), loaded lazily a page at a
// time on the desk's database thread: an order of 10,000 events costs only the pages scrolled
// to. Rows not loaded yet show as "Loading…" until their page arrives.
class TimelineModel final : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        VersionRole = Qt::UserRole + 1,
        TypeRole,        // the stored event type, e.g. "ItemAdded"
        UserRole,        // who
        TimeRole,        // UTC ms
        SummaryRole,     // what it did, in words
        CorrelationRole, // correlation id
        NewDayRole,      // the first event of a local calendar day: the view draws the date
        RelatedRole,     // shares the correlation of the event chosen with setRelatedTo()
        LoadedRole,
    };
    static constexpr int PageSize = 200;

    explicit TimelineModel(DeskConnection &connection, QObject *parent = nullptr);

    // Shows `orderId`'s events; loaded() follows once the number of events is known.
    void setOrder(const QString &orderId);
    const QString &orderId() const { return m_orderId; }
    // Adds the events committed since (the order only ever grows).
    void refresh();
    // Marks the events of this correlation (empty: none).
    void setRelatedTo(const QString &correlationId);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // How many pages are loaded: the proof that a long order is not read whole.
    int loadedPages() const { return int(m_pages.size()); }
    // Forgets the events read so far, which are read again as they are shown (a customer's
    // data in them may have been erased).
    void reread();
    // The event of a row if its page is loaded, else null (and its page is asked for).
    const DomainEvent *eventAt(int row) const;

signals:
    // The order's length is known (0: it does not exist, or the read failed: see `error`).
    void loaded(int events, const QString &error);

private:
    struct Page {
        QList<DomainEvent> events;
        QDate dayBefore; // the local day of the event before the page (invalid for page 0)
    };
    void requestPage(int page) const;
    void pageArrived(int page, const QList<DomainEvent> &events);
    void countArrived(quint64 generation, qint64 count, const QString &error);

    DeskConnection &m_connection;
    QString m_orderId;
    QString m_related;
    int m_count = 0;
    // Replies to requests made before a change are dropped: the order's length for another
    // order, a page for another order or read before the events were to be read again.
    quint64 m_orderGeneration = 0;
    quint64 m_pageGeneration = 0;
    QHash<int, Page> m_pages;
    mutable QSet<int> m_requested;
};

// The local calendar day of a UTC timestamp.
QDate localDay(qint64 msSinceEpoch);

} // namespace ot
