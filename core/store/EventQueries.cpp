#include "EventStore.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSqlError>

#include <limits>

// The audit's reads of the event store: pages and counts of the events a filter selects, their
// activity by the hour, and the tail of the global order as it commits.
namespace ot {

namespace {

// The WHERE clause of a filter: fixed SQL fragments only, every value bound.
struct Where {
    QStringList conditions;
    QVariantList values;
    // What a page reads and orders by: the events, or the positions a text index gives joined
    // to them (Dialect::TextMatch::hits; its value is then bound first).
    QString from = QStringLiteral("events");
    QString order = QStringLiteral("position");

    enum class Use { Count, Page };
    Where() = default;
    Where(const EventFilter &filter, Database &db, const QList<StreamLink> &links,
          Use use = Use::Count) {
        const Dialect &dialect = db.dialect();
        const auto equal = [&](const QString &column, const QString &value) {
            if (!value.isEmpty()) {
                conditions << column % QStringLiteral(" = ?");
                values << value;
            }
        };
        equal(QStringLiteral("user_id"), filter.userId);
        equal(QStringLiteral("type"), filter.eventType);
        equal(QStringLiteral("aggregate_type"), filter.aggregateType);
        equal(QStringLiteral("aggregate_id"), filter.aggregateId);
        if (!filter.relatedType.isEmpty() || !filter.relatedId.isEmpty()) {
            // Half of the pair selects nothing rather than every event. Each branch is an index
            // search on the stream key (aggregate_type, aggregate_id).
            QStringList streams{QStringLiteral("(aggregate_type = ? AND aggregate_id = ?)")};
            values << filter.relatedType << filter.relatedId;
            for (const StreamLink &link : links) {
                if (link.type != filter.relatedType)
                    continue;
                const QString linkedIds = QStringLiteral("SELECT ") % link.idColumn %
                                          QStringLiteral(" FROM ") % link.table %
                                          QStringLiteral(" WHERE ") % link.keyColumn %
                                          QStringLiteral(" = ?");
                streams << QStringLiteral("(aggregate_type = ? AND ") %
                               dialect.inSubquery(QStringLiteral("aggregate_id"), linkedIds) % u')';
                values << link.linkedType << filter.relatedId;
            }
            conditions << u'(' % streams.join(QStringLiteral(" OR ")) % u')';
        }
        equal(QStringLiteral("correlation_id"), filter.correlationId);
        if (filter.fromMs) {
            conditions << QStringLiteral("recorded_at >= ?");
            values << *filter.fromMs;
        }
        if (filter.toMs) {
            conditions << QStringLiteral("recorded_at < ?");
            values << *filter.toMs;
        }
        if (!filter.text.isEmpty()) {
            // Data is stored as JSON text, so look for the text as JSON writes it in a string.
            const QByteArray quoted =
                QJsonDocument(QJsonArray{filter.text}).toJson(QJsonDocument::Compact);
            const Dialect::TextMatch match =
                dialect.textMatch(QString::fromUtf8(quoted.mid(2, quoted.size() - 4)), db);
            // Only for the text alone: beside another filter (an order, a second) the walk would
            // pass every match of a common word before reaching that filter's few rows, where
            // the filter's index finds them and `IN` keeps the ones that match.
            EventFilter others = filter;
            others.text.clear();
            if (use == Use::Page && !match.hits.isEmpty() && others == EventFilter{}) {
                from = u'(' % match.hits % QStringLiteral(") JOIN events ON position = hit");
                order = QStringLiteral("hit");
                values = match.hitValues + values;
            } else if (!match.hits.isEmpty()) {
                conditions << QStringLiteral("position IN (") % match.hits % u')';
                values << match.hitValues;
            }
            if (!match.condition.isEmpty()) {
                conditions << match.condition;
                values << match.values;
            }
        }
    }

    QString sql() const {
        return conditions.isEmpty()
                   ? QString()
                   : QStringLiteral(" WHERE ") % conditions.join(QStringLiteral(" AND "));
    }
};

// A part of what a filter selects, counted either from event_counts (the whole hours of a time
// range, for a filter on no more than the user, the type and the time) or from the events
// themselves (the partial hours at the ends of the range, or every match of any other filter).
struct CountSlice {
    bool fromCounts = false;
    Where where;
};

QList<CountSlice> countSlices(const EventFilter &filter, Database &db,
                              const QList<StreamLink> &links) {
    const auto fromEvents = [&](const EventFilter &part) {
        return CountSlice{false, Where(part, db, links)};
    };
    EventFilter kept;
    kept.userId = filter.userId;
    kept.eventType = filter.eventType;
    kept.fromMs = filter.fromMs;
    kept.toMs = filter.toMs;
    if (kept != filter)
        return {fromEvents(filter)};
    // The whole hours of the range: [wholeFrom, wholeTo).
    const qint64 wholeFrom = filter.fromMs ? activityHourOf(*filter.fromMs + ActivityHourMs - 1)
                                           : std::numeric_limits<qint64>::min();
    const qint64 wholeTo =
        filter.toMs ? activityHourOf(*filter.toMs) : std::numeric_limits<qint64>::max();
    if (wholeFrom >= wholeTo)
        return {fromEvents(filter)};
    CountSlice counted{true, {}};
    const auto condition = [&](const QString &sql, const QVariant &value) {
        counted.where.conditions << sql;
        counted.where.values << value;
    };
    if (filter.fromMs)
        condition(QStringLiteral("hour_start >= ?"), wholeFrom);
    if (filter.toMs)
        condition(QStringLiteral("hour_start < ?"), wholeTo);
    if (!filter.eventType.isEmpty())
        condition(QStringLiteral("type = ?"), filter.eventType);
    if (!filter.userId.isEmpty())
        condition(QStringLiteral("user_id = ?"), filter.userId);
    QList<CountSlice> slices{counted};
    if (filter.fromMs && *filter.fromMs < wholeFrom) {
        EventFilter head = filter;
        head.toMs = wholeFrom;
        slices << fromEvents(head);
    }
    if (filter.toMs && wholeTo < *filter.toMs) {
        EventFilter tail = filter;
        tail.fromMs = wholeTo;
        slices << fromEvents(tail);
    }
    return slices;
}

} // namespace

Result<QSqlQuery *> EventStore::pageQuery(const EventFilter &filter, qint64 fromPosition, int limit,
                                          Direction direction, const QString &what) {
    Where where(filter, m_db, m_links, Where::Use::Page);
    const bool newestFirst = direction == Direction::NewestFirst;
    QString orderBy = where.order;
    // The first page of a short time window is sorted rather than read along the global order
    // (the expression hides events_pkey): PostgreSQL's planner, taking a window's events to be
    // spread over every position, would walk the positions from the newest until it met the
    // window's, past every row recorded after it (132 ms at 1M events for a second in the middle
    // of the history). A later page's walk starts at the page before it, inside the window.
    if (orderBy == u"position" && (filter.fromMs || filter.toMs) && fromPosition == 0) {
        auto few = fewEventsWithin(filter);
        if (!few)
            return few.error();
        if (*few)
            orderBy = QStringLiteral("position + 0");
    }
    if (fromPosition > 0) {
        where.conditions << where.order %
                                (newestFirst ? QStringLiteral(" < ?") : QStringLiteral(" > ?"));
        where.values << fromPosition;
    }
    where.values << limit;
    return m_db.query(QStringLiteral("SELECT ") % m_columns % QStringLiteral(" FROM ") %
                          where.from % where.sql() % QStringLiteral(" ORDER BY ") % orderBy %
                          (newestFirst ? QStringLiteral(" DESC") : QString()) %
                          QStringLiteral(" LIMIT ?"),
                      where.values, what);
}

Result<bool> EventStore::fewEventsWithin(const EventFilter &filter) {
    // At most this many events are sorted: a few milliseconds' work on either backend.
    constexpr qint64 SortedAtMost = 20'000;
    EventFilter window;
    window.fromMs = filter.fromMs;
    window.toMs = filter.toMs;
    const Where where(window, m_db, m_links);
    // Counted on the time index, and no further than the limit: the hourly counts are too coarse
    // for a store that records thousands of events an hour.
    auto counted = m_db.value(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM events") %
                                  where.sql() % QStringLiteral(" LIMIT ?) AS w"),
                              where.values + QVariantList{SortedAtMost + 1},
                              QStringLiteral("cannot count the events of a time window"));
    if (!counted)
        return counted.error();
    return counted->toLongLong() <= SortedAtMost;
}

Result<QList<DomainEvent>> EventStore::readAll(const EventFilter &filter, qint64 fromPosition,
                                               int limit, Direction direction) {
    const QString what = QStringLiteral("cannot query events");
    auto query = pageQuery(filter, fromPosition, limit, direction, what);
    if (!query)
        return query.error();
    return collect(*query.value(), what);
}

Result<QList<StoredEvent>> EventStore::readStored(const EventFilter &filter, qint64 fromPosition,
                                                  int limit) {
    const QString what = QStringLiteral("cannot query events");
    auto page = pageQuery(filter, fromPosition, limit, Direction::OldestFirst, what);
    if (!page)
        return page.error();
    QSqlQuery &query = *page.value();
    QList<StoredEvent> rows;
    while (query.next()) {
        const auto bytes = [&](int column) { return query.value(column).toByteArray(); };
        rows.append({query.value(0).toLongLong(), bytes(1), bytes(2), bytes(3),
                     query.value(4).toLongLong(), bytes(5), query.value(6).toInt(), bytes(7),
                     bytes(8), bytes(9), bytes(10), query.value(11).toLongLong(), bytes(12),
                     bytes(13)});
    }
    if (query.lastError().isValid())
        return m_db.storageError(query.lastError(), what);
    query.finish();
    return rows;
}

Result<qint64> EventStore::count(const EventFilter &filter) {
    const QString what = QStringLiteral("cannot count events");
    qint64 total = 0;
    for (const CountSlice &slice : countSlices(filter, m_db, m_links)) {
        auto count = m_db.value(
            (slice.fromCounts
                 ? QStringLiteral("SELECT CAST(coalesce(sum(n), 0) AS bigint) FROM event_counts")
                 : QStringLiteral("SELECT count(*) FROM events")) %
                slice.where.sql(),
            slice.where.values, what);
        if (!count)
            return count.error();
        total += count->toLongLong();
    }
    return total;
}

Result<QList<ActivityCount>> EventStore::activity(const EventFilter &filter, ActivityKey key) {
    const QString what = QStringLiteral("cannot count the activity");
    const QString keyColumn =
        key == ActivityKey::Type ? QStringLiteral("type") : QStringLiteral("user_id");
    QMap<std::pair<qint64, QString>, qint64> counts;
    for (const CountSlice &slice : countSlices(filter, m_db, m_links)) {
        auto rows = m_db.query(
            (slice.fromCounts ? QStringLiteral("SELECT hour_start, ") % keyColumn %
                                    QStringLiteral(", CAST(sum(n) AS bigint) FROM event_counts")
                              : QStringLiteral("SELECT recorded_at / 3600000 * 3600000, ") %
                                    keyColumn % QStringLiteral(", count(*) FROM events")) %
                slice.where.sql() % QStringLiteral(" GROUP BY 1, 2"),
            slice.where.values, what);
        if (!rows)
            return rows.error();
        QSqlQuery &query = *rows.value();
        while (query.next())
            counts[{query.value(0).toLongLong(), query.value(1).toString()}] +=
                query.value(2).toLongLong();
        if (query.lastError().isValid())
            return m_db.storageError(query.lastError(), what);
        query.finish();
    }
    QList<ActivityCount> activity;
    activity.reserve(counts.size());
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        activity.append({it.key().first, it.key().second, it.value()});
    return activity;
}

Result<QList<DomainEvent>> EventStore::readCommitted(CommitCursor &after, int limit,
                                                     const EventFilter &filter) {
    const Dialect &dialect = m_db.dialect();
    Where where(filter, m_db, m_links);
    where.conditions << dialect.committedAfterCondition();
    if (!dialect.positionsFollowCommitOrder())
        where.values << QString::number(after.transaction);
    where.values << after.position << limit;
    const QString what = QStringLiteral("cannot read new events");
    auto committed = m_db.query(QStringLiteral("SELECT ") % m_columns % QStringLiteral(", ") %
                                    dialect.commitKeyColumn() % QStringLiteral(" FROM events") %
                                    where.sql() % QStringLiteral(" ORDER BY ") %
                                    dialect.commitOrder() % QStringLiteral(" LIMIT ?"),
                                where.values, what);
    if (!committed)
        return committed.error();
    QSqlQuery &query = *committed.value();
    QList<DomainEvent> events;
    RowTexts texts;
    while (query.next()) {
        events.append(eventFromRow(query, Shape::Upcast, nullptr, texts));
        after = {query.value(ColumnCount).toString().toULongLong(), events.back().position};
    }
    if (query.lastError().isValid())
        return m_db.storageError(query.lastError(), what);
    query.finish();
    return events;
}

Result<std::optional<CommandRecord>> EventStore::findCommand(const QString &id) {
    const QString what = QStringLiteral("cannot look up the command %1").arg(id);
    auto found = m_db.query(QStringLiteral("SELECT digest, aggregate_type, aggregate_id, "
                                           "first_version, last_version FROM commands WHERE "
                                           "command_id = ?"),
                            {id}, what);
    if (!found)
        return found.error();
    QSqlQuery &q = *found.value();
    std::optional<CommandRecord> record;
    if (q.next())
        record = CommandRecord{id,
                               q.value(0).toString().toLatin1(),
                               {q.value(1).toString(), q.value(2).toString()},
                               q.value(3).toLongLong(),
                               q.value(4).toLongLong()};
    if (q.lastError().isValid())
        return m_db.storageError(q.lastError(), what);
    q.finish();
    return record;
}

Result<void> EventStore::lockStreams(const QList<StreamId> &streams) {
    const QString sql = m_db.dialect().streamLockSql();
    if (sql.isEmpty() || streams.isEmpty())
        return {};
    QJsonArray names;
    for (const StreamId &stream : streams)
        names.append(QString(stream.type % u'/' % stream.id));
    auto locked = m_db.value(
        sql, {QString::fromUtf8(QJsonDocument(names).toJson(QJsonDocument::Compact))},
        streams.size() == 1
            ? QStringLiteral("cannot wait for %1 %2").arg(streams.front().type, streams.front().id)
            : QStringLiteral("cannot wait for the %1 streams of the commands").arg(streams.size()));
    if (!locked)
        return locked.error();
    return {};
}

Result<CommitCursor> EventStore::commitFrontier() {
    const QString what = QStringLiteral("cannot read the newest committed event");
    auto query = m_db.query(m_db.dialect().commitFrontierSql(), {}, what);
    if (!query)
        return query.error();
    QSqlQuery &q = *query.value();
    CommitCursor frontier;
    if (q.next())
        frontier = {q.value(0).toString().toULongLong(), q.value(1).toLongLong()};
    q.finish();
    return frontier;
}

} // namespace ot
