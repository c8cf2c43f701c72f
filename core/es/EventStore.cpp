#include "EventStore.h"

#include "EventHash.h"
#include "Upcasters.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

namespace ot {

namespace {

// Column order shared by every SELECT below and eventFromRow(); text arrives as bytes where the
// dialect can (Dialect::asBytes).
QString eventColumns(const Dialect &dialect) {
    const auto bytes = [&](const char *column) { return dialect.asBytes(QLatin1String(column)); };
    return QStringList{QStringLiteral("position"),
                       bytes("id"),
                       bytes("aggregate_type"),
                       bytes("aggregate_id"),
                       QStringLiteral("version"),
                       bytes("type"),
                       QStringLiteral("schema_version"),
                       bytes("data"),
                       bytes("user_id"),
                       bytes("correlation_id"),
                       bytes("causation_id"),
                       QStringLiteral("recorded_at"),
                       bytes("hash")}
        .join(QStringLiteral(", "));
}

// A text column as QString, whether the dialect delivered UTF-8 bytes or text. Never null: an
// empty blob arrives as a null QByteArray, and Qt binds a null QString as SQL NULL.
QString text(const QVariant &value) {
    // Not QVariant::toString(): its generic conversion costs more than decoding the text.
    QString text = value.typeId() == QMetaType::QByteArray ? QString::fromUtf8(value.toByteArray())
                                                           : value.toString();
    if (text.isNull())
        text = QStringLiteral("");
    return text;
}

constexpr int EventColumnCount = 13;

// What an aggregate's replay uses of an event, in the order replayFromRow() reads it.
QString replayColumns(const Dialect &dialect) {
    return QStringLiteral("version, ") % dialect.asBytes(QStringLiteral("type")) %
           QStringLiteral(", schema_version, ") % dialect.asBytes(QStringLiteral("data")) %
           QStringLiteral(", ") % dialect.asBytes(QStringLiteral("user_id")) %
           QStringLiteral(", recorded_at, ") % dialect.asBytes(QStringLiteral("hash"));
}

} // namespace

EventStore::EventStore(Database &database, const UpcasterRegistry &upcasters)
    : m_db(database)
    , m_upcasters(upcasters)
    , m_columns(eventColumns(database.dialect())) {}

DomainEvent EventStore::eventFromRow(const QSqlQuery &query, Shape shape,
                                     QByteArray *storedData) const {
    DomainEvent event;
    event.position = query.value(0).toLongLong();
    event.id = QUuid::fromString(QAnyStringView(query.value(1).toByteArray()));
    event.aggregateType = text(query.value(2));
    event.aggregateId = text(query.value(3));
    event.metadata.version = query.value(4).toLongLong();
    event.type = text(query.value(5));
    event.schemaVersion = query.value(6).toInt();
    const QByteArray data = query.value(7).toByteArray();
    if (shape == Shape::Upcast)
        event.data = QJsonDocument::fromJson(data).object();
    event.metadata.userId = text(query.value(8));
    event.metadata.correlationId = text(query.value(9));
    event.metadata.causationId = text(query.value(10));
    event.metadata.timestamp = query.value(11).toLongLong();
    event.hash = query.value(12).toByteArray();
    if (storedData)
        *storedData = data;
    if (shape == Shape::Upcast)
        m_upcasters.upcast(event);
    return event;
}

Result<QList<DomainEvent>> EventStore::collect(QSqlQuery &query, const QString &what) {
    QList<DomainEvent> events;
    while (query.next())
        events.append(eventFromRow(query, Shape::Upcast, nullptr));
    if (query.lastError().isValid())
        return m_db.storageError(query.lastError(), what);
    query.finish();
    return events;
}

Result<QList<DomainEvent>> EventStore::append(const StreamId &stream, qint64 expectedVersion,
                                              QList<DomainEvent> events, const AlsoWrite &alsoWrite,
                                              const std::optional<QByteArray> &headHash) {
    for (qsizetype i = 0; i < events.size(); ++i) {
        const DomainEvent &e = events.at(i);
        if (e.aggregateType != stream.type || e.aggregateId != stream.id ||
            e.metadata.version != expectedVersion + 1 + i)
            return Error::invalid(QStringLiteral("event %1 does not continue stream %2/%3 at "
                                                 "version %4")
                                      .arg(i)
                                      .arg(stream.type, stream.id)
                                      .arg(expectedVersion));
    }
    if (events.isEmpty())
        return events;

    // Every order command appends one event; larger appends (imports, tests) take a transaction.
    const bool oneStatement = m_db.dialect().appendsInOneStatement() && events.size() == 1;
    bool raced = false;
    const auto appendAll = [&]() -> Result<QList<DomainEvent>> {
        QByteArray previousHash;
        if (headHash) {
            previousHash = *headHash;
        } else {
            // Outside a transaction too (one statement): the stream key refuses the insert if
            // anyone appends after this read, so the hash read here is the one to chain to.
            const QString what = QStringLiteral("cannot read the stream head");
            auto head = m_db.execCached(QStringLiteral("SELECT version, hash FROM events WHERE "
                                                       "aggregate_type = ? AND aggregate_id = ? "
                                                       "ORDER BY version DESC LIMIT 1"),
                                        {stream.type, stream.id}, what);
            if (!head)
                return head.error();
            QSqlQuery &h = *head.value();
            qint64 actual = 0;
            if (h.next()) {
                actual = h.value(0).toLongLong();
                previousHash = h.value(1).toString().toLatin1();
            }
            h.finish();
            if (actual != expectedVersion)
                return Error::versionConflict(expectedVersion, actual);
        }

        const bool serverUser = m_db.dialect().serverAssignsUser();
        QList<QByteArray> data;
        data.reserve(events.size());
        for (DomainEvent &e : events) {
            // The hash covers what is stored, and there the server records the login.
            if (serverUser)
                e.metadata.userId = m_db.sessionUser();
            data.append(canonicalJson(e.data));
            e.hash = chainHash(previousHash, e, data.back());
            previousHash = e.hash;
        }
        QList<Write> writes;
        if (alsoWrite) {
            auto more = alsoWrite(events);
            if (!more)
                return more.error();
            writes = std::move(more.value());
        }

        QString sql = QStringLiteral(
            "INSERT INTO events (id, aggregate_type, aggregate_id, version, type, schema_version, "
            "data, user_id, correlation_id, causation_id, recorded_at, hash) VALUES (?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?) RETURNING position");
        QVariantList leading; // the values of the WITH clauses
        if (oneStatement && !writes.isEmpty()) {
            QStringList clauses;
            for (qsizetype i = 0; i < writes.size(); ++i) {
                clauses << u'w' % QString::number(i) % QStringLiteral(" AS (") % writes.at(i).sql %
                               u')';
                leading += writes.at(i).values;
            }
            sql = QStringLiteral("WITH ") % clauses.join(QStringLiteral(", ")) % u' ' % sql;
        }
        const QString what = QStringLiteral("cannot append an event");
        auto insert = m_db.cached(sql, what);
        if (!insert)
            return insert.error();
        QSqlQuery &q = *insert.value();
        for (qsizetype i = 0; i < events.size(); ++i) {
            DomainEvent &e = events[i];
            Database::bind(q, leading + QVariantList{e.id.toString(QUuid::WithoutBraces),
                                                     e.aggregateType, e.aggregateId,
                                                     e.metadata.version, e.type, e.schemaVersion,
                                                     QString::fromUtf8(data.at(i)),
                                                     e.metadata.userId, e.metadata.correlationId,
                                                     e.metadata.causationId, e.metadata.timestamp,
                                                     QString::fromLatin1(e.hash)});
            if (!q.exec() || !q.next()) {
                if (m_db.dialect().isVersionConflict(q.lastError())) {
                    raced = true;
                    return Error::versionConflict(expectedVersion, expectedVersion + 1);
                }
                return m_db.storageError(q.lastError(), what);
            }
            e.position = q.value(0).toLongLong();
            q.finish();
        }
        if (!oneStatement) {
            for (const Write &write : std::as_const(writes)) {
                if (auto done = m_db.run(write); !done)
                    return done.error();
            }
        }
        return events;
    };
    // One statement is atomic by itself; inside a caller's transaction it still takes a
    // savepoint, so that its failure undoes only itself.
    auto appended =
        oneStatement && !m_db.inTransaction() ? appendAll() : m_db.writeTransaction(appendAll);
    if (!appended && raced) {
        // Another writer committed between our head read and insert: report where it left the
        // stream, read after our rollback.
        auto now = streamVersion(stream);
        return Error::versionConflict(expectedVersion, now ? now.value() : expectedVersion + 1);
    }
    return appended;
}

Result<QList<DomainEvent>> EventStore::read(const StreamId &stream, qint64 afterVersion,
                                            qint64 upToVersion) {
    const QString what = QStringLiteral("cannot read the events of %1").arg(stream.id);
    auto query = m_db.execCached(QStringLiteral("SELECT ") % m_columns %
                                     QStringLiteral(" FROM events WHERE aggregate_type = ? AND "
                                                    "aggregate_id = ? AND version > ? AND "
                                                    "version <= ? ORDER BY version"),
                                 {stream.type, stream.id, afterVersion, upToVersion}, what);
    if (!query)
        return query.error();
    return collect(*query.value(), what);
}

void EventStore::replayFromRow(const QSqlQuery &query, int first, DomainEvent &event) const {
    event.metadata.version = query.value(first).toLongLong();
    event.type = text(query.value(first + 1));
    event.schemaVersion = query.value(first + 2).toInt();
    event.data = QJsonDocument::fromJson(query.value(first + 3).toByteArray()).object();
    event.metadata.userId = text(query.value(first + 4));
    event.metadata.timestamp = query.value(first + 5).toLongLong();
    event.hash = query.value(first + 6).toByteArray();
    m_upcasters.upcast(event);
}

Result<QList<DomainEvent>> EventStore::replay(const StreamId &stream, qint64 afterVersion,
                                              qint64 upToVersion) {
    const QString what = QStringLiteral("cannot read the events of %1").arg(stream.id);
    auto query = m_db.execCached(QStringLiteral("SELECT ") % replayColumns(m_db.dialect()) %
                                     QStringLiteral(" FROM events WHERE aggregate_type = ? AND "
                                                    "aggregate_id = ? AND version > ? AND "
                                                    "version <= ? ORDER BY version"),
                                 {stream.type, stream.id, afterVersion, upToVersion}, what);
    if (!query)
        return query.error();
    QSqlQuery &q = *query.value();
    QList<DomainEvent> events;
    while (q.next()) {
        DomainEvent event;
        event.aggregateType = stream.type;
        event.aggregateId = stream.id;
        replayFromRow(q, 0, event);
        events.append(std::move(event));
    }
    if (q.lastError().isValid())
        return m_db.storageError(q.lastError(), what);
    q.finish();
    return events;
}

namespace {

// The WHERE clause of a filter: fixed SQL fragments only, every value bound.
struct Where {
    QStringList conditions;
    QVariantList values;

    Where(const EventFilter &filter, Database &db) {
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
            const auto [sql, value] = dialect.textMatch(
                QString::fromUtf8(quoted.mid(2, quoted.size() - 4)), dialect.prepareTextSearch(db));
            conditions << sql;
            values << value;
        }
    }

    QString sql() const {
        return conditions.isEmpty()
                   ? QString()
                   : QStringLiteral(" WHERE ") % conditions.join(QStringLiteral(" AND "));
    }
};

} // namespace

Result<QSqlQuery> EventStore::pageQuery(const EventFilter &filter, qint64 fromPosition, int limit,
                                        Direction direction, const QString &what) {
    Where where(filter, m_db);
    const bool newestFirst = direction == Direction::NewestFirst;
    if (fromPosition > 0) {
        where.conditions << (newestFirst ? QStringLiteral("position < ?")
                                         : QStringLiteral("position > ?"));
        where.values << fromPosition;
    }
    where.values << limit;
    auto query = m_db.prepare(QStringLiteral("SELECT ") % m_columns %
                                  QStringLiteral(" FROM events") % where.sql() %
                                  (newestFirst ? QStringLiteral(" ORDER BY position DESC")
                                               : QStringLiteral(" ORDER BY position")) %
                                  QStringLiteral(" LIMIT ?"),
                              what);
    if (!query)
        return query.error();
    Database::bind(*query, where.values);
    if (auto executed = m_db.exec(*query, what); !executed)
        return executed.error();
    return query;
}

Result<QList<DomainEvent>> EventStore::readAll(const EventFilter &filter, qint64 fromPosition,
                                               int limit, Direction direction) {
    const QString what = QStringLiteral("cannot query events");
    auto query = pageQuery(filter, fromPosition, limit, direction, what);
    if (!query)
        return query.error();
    return collect(*query, what);
}

Result<QList<StoredEvent>> EventStore::readStored(const EventFilter &filter, qint64 fromPosition,
                                                  int limit) {
    const QString what = QStringLiteral("cannot query events");
    auto query = pageQuery(filter, fromPosition, limit, Direction::OldestFirst, what);
    if (!query)
        return query.error();
    QList<StoredEvent> rows;
    while (query->next()) {
        const auto bytes = [&](int column) { return query->value(column).toByteArray(); };
        rows.append({query->value(0).toLongLong(), bytes(1), bytes(2), bytes(3),
                     query->value(4).toLongLong(), bytes(5), query->value(6).toInt(), bytes(7),
                     bytes(8), bytes(9), bytes(10), query->value(11).toLongLong(), bytes(12)});
    }
    if (query->lastError().isValid())
        return m_db.storageError(query->lastError(), what);
    return rows;
}

Result<qint64> EventStore::count(const EventFilter &filter) {
    const Where where(filter, m_db);
    const QString what = QStringLiteral("cannot count events");
    auto query = m_db.prepare(QStringLiteral("SELECT count(*) FROM events") % where.sql(), what);
    if (!query)
        return query.error();
    Database::bind(*query, where.values);
    if (auto ok = m_db.exec(*query, what); !ok)
        return ok.error();
    return query->next() ? query->value(0).toLongLong() : 0;
}

Result<QList<DomainEvent>> EventStore::readCommitted(CommitCursor &after, int limit,
                                                     const EventFilter &filter) {
    const Dialect &dialect = m_db.dialect();
    Where where(filter, m_db);
    where.conditions << dialect.committedAfterCondition();
    if (!dialect.positionsFollowCommitOrder())
        where.values << QString::number(after.transaction);
    where.values << after.position << limit;
    const QString what = QStringLiteral("cannot read new events");
    auto query = m_db.prepare(QStringLiteral("SELECT ") % m_columns % QStringLiteral(", ") %
                                  dialect.commitKeyColumn() % QStringLiteral(" FROM events") %
                                  where.sql() % QStringLiteral(" ORDER BY ") %
                                  dialect.commitOrder() % QStringLiteral(" LIMIT ?"),
                              what);
    if (!query)
        return query.error();
    Database::bind(*query, where.values);
    if (auto executed = m_db.exec(*query, what); !executed)
        return executed.error();
    QList<DomainEvent> events;
    while (query->next()) {
        events.append(eventFromRow(*query, Shape::Upcast, nullptr));
        after = {query->value(EventColumnCount).toString().toULongLong(), events.back().position};
    }
    if (query->lastError().isValid())
        return m_db.storageError(query->lastError(), what);
    return events;
}

Result<CommitCursor> EventStore::commitFrontier() {
    const QString what = QStringLiteral("cannot read the newest committed event");
    auto query = m_db.prepare(m_db.dialect().commitFrontierSql(), what);
    if (!query)
        return query.error();
    if (auto executed = m_db.exec(*query, what); !executed)
        return executed.error();
    if (!query->next())
        return CommitCursor{};
    return CommitCursor{query->value(0).toString().toULongLong(), query->value(1).toLongLong()};
}

Result<std::optional<Snapshot>> EventStore::readSnapshot(const StreamId &stream,
                                                         qint64 atMostVersion) {
    const QString what = QStringLiteral("cannot read a snapshot");
    auto query = m_db.execCached(QStringLiteral("SELECT version, snapshot_version, state, "
                                                "head_hash FROM snapshots WHERE aggregate_type = "
                                                "? AND aggregate_id = ? AND version <= ?"),
                                 {stream.type, stream.id, atMostVersion}, what);
    if (!query)
        return query.error();
    QSqlQuery &q = *query.value();
    std::optional<Snapshot> snapshot;
    if (q.next()) {
        snapshot = Snapshot{q.value(0).toLongLong(), q.value(1).toInt(),
                            QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object(),
                            q.value(3).toString().toLatin1()};
    }
    q.finish();
    return snapshot;
}

Write EventStore::snapshotWrite(const StreamId &stream, const Snapshot &snapshot) {
    return {QStringLiteral("INSERT INTO snapshots (aggregate_type, aggregate_id, version, "
                           "snapshot_version, state, head_hash) VALUES (?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET version = "
                           "excluded.version, snapshot_version = excluded.snapshot_version, "
                           "state = excluded.state, head_hash = excluded.head_hash"),
            {stream.type, stream.id, snapshot.version, snapshot.snapshotVersion,
             QString::fromUtf8(canonicalJson(snapshot.state)),
             QString::fromLatin1(snapshot.headHash)},
            QStringLiteral("cannot save a snapshot of %1").arg(stream.id)};
}

Result<void> EventStore::clearSnapshots(const QString &aggregateType) {
    auto query = m_db.prepare(QStringLiteral("DELETE FROM snapshots WHERE aggregate_type = ?"),
                              QStringLiteral("cannot clear the snapshots"));
    if (!query)
        return query.error();
    query->addBindValue(aggregateType);
    return m_db.exec(*query, QStringLiteral("cannot clear the snapshots"));
}

Result<qint64> EventStore::streamVersion(const StreamId &stream) {
    auto query = m_db.prepare(QStringLiteral("SELECT coalesce(max(version), 0) FROM events "
                                             "WHERE aggregate_type = ? AND aggregate_id = ?"),
                              QStringLiteral("cannot read a stream's version"));
    if (!query)
        return query.error();
    query->addBindValue(stream.type);
    query->addBindValue(stream.id);
    if (auto ok = m_db.exec(*query, QStringLiteral("cannot read a stream's version")); !ok)
        return ok.error();
    return query->next() ? query->value(0).toLongLong() : 0;
}

Result<void> EventStore::scanStreams(Shape shape, const Visitor &visit,
                                     const QString &aggregateType) {
    // Keyset batches rather than one open cursor: the visitor may run its own queries on this
    // connection (a rebuild writes the read model), which a PostgreSQL connection cannot do
    // while a result is still being read.
    constexpr int BatchSize = 2000;
    const QString what = QStringLiteral("cannot read the events");
    const bool oneType = !aggregateType.isEmpty();
    const Dialect &dialect = m_db.dialect();
    const bool replay = shape == Shape::Replay;
    const QString columns = replay ? dialect.asBytes(QStringLiteral("aggregate_type")) %
                                         QStringLiteral(", ") %
                                         dialect.asBytes(QStringLiteral("aggregate_id")) %
                                         QStringLiteral(", ") % replayColumns(dialect)
                                   : m_columns;
    auto query = m_db.prepare(
        QStringLiteral("SELECT ") % columns % QStringLiteral(" FROM events WHERE ") %
            (oneType ? QStringLiteral("aggregate_type = ? AND (aggregate_id, version) > (?, ?)")
                     : QStringLiteral("(aggregate_type, aggregate_id, version) > (?, ?, ?)")) %
            QStringLiteral(" ORDER BY aggregate_type, aggregate_id, version LIMIT ?"),
        what);
    if (!query)
        return query.error();
    // Non-null empty strings: Qt binds a null QString as SQL NULL, which compares as unknown.
    QString lastType = oneType ? aggregateType : QStringLiteral("");
    QString lastId = QStringLiteral("");
    qint64 lastVersion = 0;
    QList<std::pair<DomainEvent, QByteArray>> batch;
    do {
        Database::bind(*query, {lastType, lastId, lastVersion, BatchSize});
        if (auto ok = m_db.exec(*query, what); !ok)
            return ok;
        batch.clear();
        while (query->next()) {
            QByteArray stored;
            DomainEvent event;
            if (replay) {
                event.aggregateType = text(query->value(0));
                event.aggregateId = text(query->value(1));
                replayFromRow(*query, 2, event);
            } else {
                event = eventFromRow(*query, shape, &stored);
            }
            batch.append({std::move(event), std::move(stored)});
        }
        if (query->lastError().isValid())
            return m_db.storageError(query->lastError(), what);
        query->finish();
        for (const auto &[event, stored] : batch) {
            if (!visit(event, stored))
                return {};
        }
        if (!batch.isEmpty()) {
            const DomainEvent &last = batch.back().first;
            lastType = last.aggregateType;
            lastId = last.aggregateId;
            lastVersion = last.metadata.version;
        }
    } while (batch.size() == BatchSize);
    return {};
}

} // namespace ot
