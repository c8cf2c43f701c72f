#include "EventStore.h"

#include "es/EventHash.h"
#include "es/Upcasters.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

#include <utility>

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
                       bytes("hash"),
                       bytes("state_digest")}
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

// What an aggregate's replay uses of an event, in the order replayFromRow() reads it.
QString replayColumns(const Dialect &dialect) {
    return QStringLiteral("version, ") % dialect.asBytes(QStringLiteral("type")) %
           QStringLiteral(", schema_version, ") % dialect.asBytes(QStringLiteral("data")) %
           QStringLiteral(", ") % dialect.asBytes(QStringLiteral("user_id")) %
           QStringLiteral(", recorded_at, ") % dialect.asBytes(QStringLiteral("hash")) %
           QStringLiteral(", ") % dialect.asBytes(QStringLiteral("state_digest"));
}

} // namespace

EventStore::EventStore(Database &database, const UpcasterRegistry &upcasters)
    : m_db(database)
    , m_upcasters(upcasters)
    , m_columns(eventColumns(database.dialect())) {}

QString EventStore::RowTexts::operator()(const QSqlQuery &query, int column) {
    const QVariant value = query.value(column);
    if (value.typeId() != QMetaType::QByteArray)
        return text(value); // the driver's own string, already one copy
    Q_ASSERT(column < ColumnCount);
    const QByteArray bytes = value.toByteArray();
    auto &seen = m_seen[size_t(column)];
    for (const Seen &one : seen) {
        if (!one.text.isNull() && one.bytes == bytes)
            return one.text;
    }
    QString decoded = text(value);
    int &next = m_next[size_t(column)];
    seen[size_t(next)] = {bytes, decoded};
    next = (next + 1) % Kept;
    return decoded;
}

DomainEvent EventStore::eventFromRow(const QSqlQuery &query, Shape shape, QByteArray *storedData,
                                     RowTexts &texts) const {
    DomainEvent event;
    event.position = query.value(0).toLongLong();
    event.id = QUuid::fromString(QAnyStringView(query.value(1).toByteArray()));
    event.aggregateType = texts(query, 2);
    event.aggregateId = texts(query, 3);
    event.metadata.version = query.value(4).toLongLong();
    event.type = texts(query, 5);
    event.schemaVersion = query.value(6).toInt();
    const QByteArray data = query.value(7).toByteArray();
    event.metadata.userId = texts(query, 8);
    event.metadata.correlationId = texts(query, 9);
    event.metadata.causationId = texts(query, 10);
    event.metadata.timestamp = query.value(11).toLongLong();
    event.hash = query.value(12).toByteArray();
    event.stateDigest = query.value(13).toByteArray();
    if (storedData)
        *storedData = data;
    if (shape == Shape::Upcast)
        m_upcasters.lift(event, data);
    return event;
}

Result<QList<DomainEvent>> EventStore::collect(QSqlQuery &query, const QString &what) {
    QList<DomainEvent> events;
    RowTexts texts;
    while (query.next())
        events.append(eventFromRow(query, Shape::Upcast, nullptr, texts));
    if (query.lastError().isValid())
        return m_db.storageError(query.lastError(), what);
    query.finish();
    return events;
}

Result<QList<DomainEvent>> EventStore::append(const StreamId &stream, qint64 expectedVersion,
                                              QList<DomainEvent> events, const AppendExtras &extras,
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
    if (extras.snapshot && extras.snapshot->version != events.back().metadata.version)
        return Error::invalid(QStringLiteral("a snapshot goes with the last event appended"));

    auto appended = m_db.dialect().serverStampsEvents()
                        ? appendOnServer(std::move(events), extras, headHash)
                        : appendHere(stream, expectedVersion, std::move(events), extras, headHash);
    if (appended && !extras.forgetSubjects.isEmpty()) {
        if (const QString after = m_db.dialect().afterForgetting(); !after.isEmpty()) {
            // Once the erasure is committed; this only clears old copies, and fails only while
            // a reader holds the log, when the next one will.
            m_db.afterCommit([this, after] {
                (void)m_db.execute({after}, QStringLiteral("cannot clear the write-ahead log"));
            });
        }
    }
    if (!appended && appended.error().code == ErrorCode::Conflict && appended.error().conflict &&
        appended.error().conflict->actual < 0) {
        // Another writer got in first: say where it left the stream, read after our rollback.
        auto now = streamVersion(stream);
        return Error::versionConflict(expectedVersion, now ? now.value() : expectedVersion + 1);
    }
    return appended;
}

Result<QList<DomainEvent>> EventStore::appendHere(const StreamId &stream, qint64 expectedVersion,
                                                  QList<DomainEvent> events,
                                                  const AppendExtras &extras,
                                                  const std::optional<QByteArray> &headHash) {
    return m_db.writeTransaction([&]() -> Result<QList<DomainEvent>> {
        QByteArray previousHash;
        if (headHash) {
            previousHash = *headHash;
        } else {
            const QString what = QStringLiteral("cannot read the stream head");
            auto head = m_db.query(QStringLiteral("SELECT version, hash FROM events WHERE "
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

        if (extras.snapshot)
            events.back().stateDigest =
                stateDigest(extras.snapshot->snapshotVersion, extras.snapshot->state);
        const QString what = QStringLiteral("cannot append an event");
        const QString insertSql = QStringLiteral(
            "INSERT INTO events (id, aggregate_type, aggregate_id, version, type, schema_version, "
            "data, user_id, correlation_id, causation_id, recorded_at, hash, state_digest) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING position");
        for (DomainEvent &e : events) {
            const QByteArray data = canonicalJson(e.data);
            e.hash = chainHash(previousHash, e, data);
            previousHash = e.hash;
            auto insert =
                m_db.query(insertSql,
                           {e.id.toString(QUuid::WithoutBraces), e.aggregateType, e.aggregateId,
                            e.metadata.version, e.type, e.schemaVersion, QString::fromUtf8(data),
                            e.metadata.userId, e.metadata.correlationId, e.metadata.causationId,
                            e.metadata.timestamp, QString::fromLatin1(e.hash),
                            // Not null: Qt binds a null QString as SQL NULL.
                            QString::fromLatin1(e.stateDigest.isNull() ? "" : e.stateDigest)},
                           what);
            if (!insert)
                return insert.error();
            QSqlQuery &q = *insert.value();
            if (!q.next())
                return m_db.storageError(q.lastError(), what);
            e.position = q.value(0).toLongLong();
            q.finish();
        }
        if (extras.row) {
            if (auto done = m_db.run(rowWrite(stream.id, *extras.row, events.back())); !done)
                return done.error();
        }
        if (extras.snapshot) {
            if (auto done = m_db.run(snapshotWrite(stream, *extras.snapshot, events.back().hash));
                !done)
                return done.error();
        }
        if (extras.command) {
            if (auto done = m_db.run(
                    {QStringLiteral("INSERT INTO commands (command_id, digest, "
                                    "aggregate_type, aggregate_id, first_version, "
                                    "last_version) VALUES (?, ?, ?, ?, ?, ?)"),
                     {extras.command->id, QString::fromLatin1(extras.command->digest), stream.type,
                      stream.id, events.front().metadata.version, events.back().metadata.version},
                     QStringLiteral("cannot record the command")});
                !done)
                return done.error();
        }
        if (auto forgotten = forget(extras.forgetSubjects); !forgotten)
            return forgotten.error();
        return events;
    });
}

Result<void> EventStore::forget(const QStringList &subjects) {
    for (const QString &subject : subjects) {
        if (auto done = m_db.run({m_db.dialect().forgetSubjectSql(m_db.schema()),
                                  {subject},
                                  QStringLiteral("cannot destroy the key of %1").arg(subject)});
            !done)
            return done.error();
    }
    return {};
}

Result<QList<DomainEvent>> EventStore::appendOnServer(QList<DomainEvent> events,
                                                      const AppendExtras &extras,
                                                      const std::optional<QByteArray> &headHash) {
    const QString what = QStringLiteral("cannot append an event");
    const auto appendAll = [&]() -> Result<QList<DomainEvent>> {
        const QString sql = QStringLiteral("SELECT position, recorded_at, user_id, hash, "
                                           "state_digest FROM ") %
                            m_db.qualified(QStringLiteral("ordertrail_append")) %
                            QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        const QVariant nullText(QMetaType::fromType<QString>());
        const QVariant nullNumber(QMetaType::fromType<int>());
        const QVariant nullBig(QMetaType::fromType<qint64>());
        // Without a known head the server checks the version alone.
        QVariant previousHash = headHash ? QVariant(QString::fromLatin1(*headHash)) : nullText;
        for (qsizetype i = 0; i < events.size(); ++i) {
            DomainEvent &e = events[i];
            const bool last = i == events.size() - 1;
            const bool snapshot = last && extras.snapshot;
            const bool command = last && extras.command;
            QVariant row = nullText;
            if (last && extras.row) {
                const ReadModelTable &table = *extras.row->table;
                QJsonObject columns;
                for (qsizetype c = 0; c < table.columns.size(); ++c)
                    columns.insert(table.columns.at(c),
                                   QJsonValue::fromVariant(extras.row->values.at(c)));
                row = QString::fromUtf8(
                    QJsonDocument(QJsonObject{{QStringLiteral("table"), table.name},
                                              {QStringLiteral("row"), columns}})
                        .toJson(QJsonDocument::Compact));
            }
            auto call = m_db.query(
                sql,
                {e.aggregateType, e.aggregateId, e.metadata.version, previousHash,
                 e.id.toString(QUuid::WithoutBraces), e.type, e.schemaVersion,
                 QString::fromUtf8(canonicalJson(e.data)), e.metadata.correlationId,
                 e.metadata.causationId,
                 snapshot ? QVariant(extras.snapshot->snapshotVersion) : nullNumber,
                 snapshot ? QVariant(QString::fromUtf8(extras.snapshot->state)) : nullText, row,
                 command ? QVariant(extras.command->id) : nullText,
                 command ? QVariant(QString::fromLatin1(extras.command->digest)) : nullText,
                 command ? QVariant(events.front().metadata.version) : nullBig},
                what);
            if (!call)
                return call.error();
            QSqlQuery &q = *call.value();
            if (!q.next())
                return m_db.storageError(q.lastError(), what);
            e.position = q.value(0).toLongLong();
            e.metadata.timestamp = q.value(1).toLongLong();
            e.metadata.userId = q.value(2).toString();
            e.hash = q.value(3).toString().toLatin1();
            e.stateDigest = q.value(4).toString().toLatin1();
            q.finish();
            previousHash = QString::fromLatin1(e.hash);
        }
        if (auto forgotten = forget(extras.forgetSubjects); !forgotten)
            return forgotten.error();
        return events;
    };
    // One call is atomic by itself (every order command appends one event); inside a caller's
    // transaction it still takes a savepoint, so that its failure undoes only itself.
    if (events.size() == 1 && extras.forgetSubjects.isEmpty() && !m_db.inTransaction())
        return appendAll();
    return m_db.writeTransaction(appendAll);
}

QStringList EventStore::rowColumns(const ReadModelTable &table) {
    return QStringList{table.keyColumn} + table.columns +
           QStringList{QStringLiteral("version"), QStringLiteral("created_at"),
                       QStringLiteral("updated_at"), QStringLiteral("last_user")};
}

QVariantList EventStore::rowValues(const QString &id, const ReadModelRow &row, qint64 createdAt,
                                   const DomainEvent &last) {
    return QVariantList{id} + row.values +
           QVariantList{last.metadata.version, createdAt, last.metadata.timestamp,
                        last.metadata.userId};
}

Write EventStore::rowWrite(const QString &id, const ReadModelRow &row, const DomainEvent &last) {
    const ReadModelTable &table = *row.table;
    const QStringList columns = rowColumns(table);
    QStringList updates;
    for (const QString &column : columns.mid(1))
        updates << column % QStringLiteral(" = excluded.") % column;
    // created_at is the first event's time, read where it is stored: an append may not have
    // that event in hand.
    QStringList placeholders(columns.size(), QStringLiteral("?"));
    placeholders[columns.indexOf(QStringLiteral("created_at"))] = QStringLiteral(
        "(SELECT recorded_at FROM events WHERE aggregate_type = ? AND aggregate_id = ? AND "
        "version = 1)");
    QVariantList values = QVariantList{id} + row.values;
    values << last.metadata.version << last.aggregateType << last.aggregateId
           << last.metadata.timestamp << last.metadata.userId;
    return {QStringLiteral("INSERT INTO ") % table.name % QStringLiteral(" (") %
                columns.join(QStringLiteral(", ")) % QStringLiteral(") VALUES (") %
                placeholders.join(QStringLiteral(", ")) % QStringLiteral(") ON CONFLICT (") %
                table.keyColumn % QStringLiteral(") DO UPDATE SET ") %
                updates.join(QStringLiteral(", ")),
            values, QStringLiteral("cannot update the %1 row of %2").arg(table.name, id)};
}

Result<QList<DomainEvent>> EventStore::read(const StreamId &stream, qint64 afterVersion,
                                            qint64 upToVersion) {
    const QString what = QStringLiteral("cannot read the events of %1").arg(stream.id);
    auto query = m_db.query(QStringLiteral("SELECT ") % m_columns %
                                QStringLiteral(" FROM events WHERE aggregate_type = ? AND "
                                               "aggregate_id = ? AND version > ? AND "
                                               "version <= ? ORDER BY version"),
                            {stream.type, stream.id, afterVersion, upToVersion}, what);
    if (!query)
        return query.error();
    return collect(*query.value(), what);
}

void EventStore::replayFromRow(const QSqlQuery &query, int first, DomainEvent &event,
                               RowTexts &texts, QByteArray *storedData) const {
    event.metadata.version = query.value(first).toLongLong();
    event.type = texts(query, first + 1);
    event.schemaVersion = query.value(first + 2).toInt();
    const QByteArray data = query.value(first + 3).toByteArray();
    event.metadata.userId = texts(query, first + 4);
    event.metadata.timestamp = query.value(first + 5).toLongLong();
    event.hash = query.value(first + 6).toByteArray();
    event.stateDigest = query.value(first + 7).toByteArray();
    if (storedData) {
        *storedData = data;
        return;
    }
    m_upcasters.lift(event, data);
}

Result<QList<DomainEvent>> EventStore::replay(const StreamId &stream, qint64 afterVersion,
                                              qint64 upToVersion) {
    return replayWhere(stream, QStringLiteral("version > ? AND version <= ?"),
                       {afterVersion, upToVersion});
}

Result<QList<DomainEvent>> EventStore::replayWhere(const StreamId &stream, const QString &versions,
                                                   const QVariantList &values) {
    const QString what = QStringLiteral("cannot read the events of %1").arg(stream.id);
    auto query = m_db.query(QStringLiteral("SELECT ") % replayColumns(m_db.dialect()) %
                                QStringLiteral(" FROM events WHERE aggregate_type = ? AND "
                                               "aggregate_id = ? AND ") %
                                versions % QStringLiteral(" ORDER BY version"),
                            QVariantList{stream.type, stream.id} + values, what);
    if (!query)
        return query.error();
    QSqlQuery &q = *query.value();
    QList<DomainEvent> events;
    RowTexts texts;
    while (q.next()) {
        DomainEvent event;
        event.aggregateType = stream.type;
        event.aggregateId = stream.id;
        replayFromRow(q, 0, event, texts);
        events.append(std::move(event));
    }
    if (q.lastError().isValid())
        return m_db.storageError(q.lastError(), what);
    q.finish();
    return events;
}

Result<QList<DomainEvent>> EventStore::replayFromSnapshot(const StreamId &stream,
                                                          qint64 upToVersion) {
    // A snapshot row without its event (put there by hand) is passed over here, so an existing
    // stream never reads as empty.
    return replayWhere(
        stream,
        QStringLiteral("version >= coalesce((SELECT max(s.version) FROM snapshots s JOIN events e "
                       "ON e.aggregate_type = s.aggregate_type AND e.aggregate_id = "
                       "s.aggregate_id AND e.version = s.version WHERE s.aggregate_type = ? AND "
                       "s.aggregate_id = ? AND s.version <= ?), 1) AND version <= ?"),
        {stream.type, stream.id, upToVersion, upToVersion});
}

Result<std::optional<EventStore::BoundSnapshot>> EventStore::readSnapshot(const StreamId &stream,
                                                                          qint64 atMostVersion) {
    const QString what = QStringLiteral("cannot read a snapshot");
    const Dialect &dialect = m_db.dialect();
    // The snapshot with the event it is bound to and the stream's first event, in one query.
    auto query = m_db.query(
        QStringLiteral("SELECT s.version, s.snapshot_version, ") %
            dialect.asBytes(QStringLiteral("s.state")) % QStringLiteral(", ") %
            dialect.asBytes(QStringLiteral("s.head_hash")) % QStringLiteral(", ") %
            dialect.asBytes(QStringLiteral("e.hash")) % QStringLiteral(", ") %
            dialect.asBytes(QStringLiteral("e.state_digest")) % QStringLiteral(", ") %
            dialect.asBytes(QStringLiteral("e.user_id")) %
            QStringLiteral(", e.recorded_at, f.recorded_at FROM snapshots s JOIN events e ON "
                           "e.aggregate_type = s.aggregate_type AND e.aggregate_id = "
                           "s.aggregate_id AND e.version = s.version JOIN events f ON "
                           "f.aggregate_type = s.aggregate_type AND f.aggregate_id = "
                           "s.aggregate_id AND f.version = 1 WHERE s.aggregate_type = ? AND "
                           "s.aggregate_id = ? AND s.version <= ?"),
        {stream.type, stream.id, atMostVersion}, what);
    if (!query)
        return query.error();
    QSqlQuery &q = *query.value();
    std::optional<BoundSnapshot> bound;
    if (q.next()) {
        BoundSnapshot found;
        found.snapshot = {q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toByteArray()};
        const QByteArray headHash = q.value(3).toByteArray();
        found.at.aggregateType = stream.type;
        found.at.aggregateId = stream.id;
        found.at.metadata.version = found.snapshot.version;
        found.at.hash = q.value(4).toByteArray();
        found.at.stateDigest = q.value(5).toByteArray();
        found.at.metadata.userId = text(q.value(6));
        found.at.metadata.timestamp = q.value(7).toLongLong();
        found.createdAt = q.value(8).toLongLong();
        // Anyone who could write the snapshots table but not the chain (a forged or misplaced
        // row) fails here, and the events decide.
        if (!found.at.stateDigest.isEmpty() && headHash == found.at.hash &&
            stateDigest(found.snapshot.snapshotVersion, found.snapshot.state) ==
                found.at.stateDigest)
            bound = std::move(found);
    }
    q.finish();
    return bound;
}

const QStringList EventStore::SnapshotColumns{
    QStringLiteral("aggregate_type"), QStringLiteral("aggregate_id"),
    QStringLiteral("version"),        QStringLiteral("snapshot_version"),
    QStringLiteral("state"),          QStringLiteral("head_hash")};

QVariantList EventStore::snapshotValues(const StreamId &stream, const Snapshot &snapshot,
                                        const QByteArray &headHash) {
    return {stream.type,
            stream.id,
            snapshot.version,
            snapshot.snapshotVersion,
            QString::fromUtf8(snapshot.state),
            QString::fromLatin1(headHash)};
}

Write EventStore::snapshotWrite(const StreamId &stream, const Snapshot &snapshot,
                                const QByteArray &headHash) {
    return {QStringLiteral("INSERT INTO snapshots (aggregate_type, aggregate_id, version, "
                           "snapshot_version, state, head_hash) VALUES (?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET version = "
                           "excluded.version, snapshot_version = excluded.snapshot_version, "
                           "state = excluded.state, head_hash = excluded.head_hash"),
            snapshotValues(stream, snapshot, headHash),
            QStringLiteral("cannot save a snapshot of %1").arg(stream.id)};
}

Result<void> EventStore::clearSnapshots(const QString &aggregateType) {
    return m_db.run({QStringLiteral("DELETE FROM snapshots WHERE aggregate_type = ?"),
                     {aggregateType},
                     QStringLiteral("cannot clear the snapshots")});
}

Result<qint64> EventStore::streamVersion(const StreamId &stream) {
    auto version =
        m_db.value(QStringLiteral("SELECT coalesce(max(version), 0) FROM events "
                                  "WHERE aggregate_type = ? AND aggregate_id = ?"),
                   {stream.type, stream.id}, QStringLiteral("cannot read a stream's version"));
    if (!version)
        return version.error();
    return version->toLongLong();
}

Result<void> EventStore::scanStreams(Shape shape, const StreamVisitor &visit,
                                     const BatchVisitor &beforeBatch) {
    // Keyset batches rather than one open cursor: the visitor may run its own queries on this
    // connection (a rebuild writes the read model), which a PostgreSQL connection cannot do
    // while a result is still being read.
    constexpr int BatchSize = 2000;
    const QString what = QStringLiteral("cannot read the events");
    const Dialect &dialect = m_db.dialect();
    const bool replay = shape == Shape::Replay;
    const QString columns = replay ? dialect.asBytes(QStringLiteral("aggregate_type")) %
                                         QStringLiteral(", ") %
                                         dialect.asBytes(QStringLiteral("aggregate_id")) %
                                         QStringLiteral(", ") % replayColumns(dialect)
                                   : m_columns;
    const QString sql = QStringLiteral("SELECT ") % columns %
                        QStringLiteral(" FROM events WHERE (aggregate_type, aggregate_id, version) "
                                       "> (?, ?, ?) ORDER BY aggregate_type, aggregate_id, "
                                       "version LIMIT ?");
    // Non-null empty strings: Qt binds a null QString as SQL NULL, which compares as unknown.
    QString lastType = QStringLiteral("");
    QString lastId = QStringLiteral("");
    qint64 lastVersion = 0;
    QList<DomainEvent> batch;
    QList<QByteArray> storedData;
    ScannedStream stream;
    RowTexts texts;
    do {
        // Asked for at every batch: the visitor's own queries may have pushed it out.
        auto page = m_db.query(sql, {lastType, lastId, lastVersion, BatchSize}, what);
        if (!page)
            return page.error();
        QSqlQuery &query = *page.value();
        batch.clear();
        storedData.clear();
        while (query.next()) {
            QByteArray stored;
            DomainEvent event;
            if (replay) {
                event.aggregateType = texts(query, 0);
                event.aggregateId = texts(query, 1);
                replayFromRow(query, 2, event, texts, &stored);
            } else {
                event = eventFromRow(query, shape, &stored, texts);
            }
            batch.append(std::move(event));
            storedData.append(std::move(stored));
        }
        if (query.lastError().isValid())
            return m_db.storageError(query.lastError(), what);
        query.finish();
        if (beforeBatch && !batch.isEmpty()) {
            if (auto ok = beforeBatch(batch); !ok)
                return ok;
        }
        if (!batch.isEmpty()) {
            const DomainEvent &last = batch.back();
            lastType = last.aggregateType;
            lastId = last.aggregateId;
            lastVersion = last.metadata.version;
        }
        for (qsizetype i = 0; i < batch.size(); ++i) {
            DomainEvent &event = batch[i];
            if (!stream.events.isEmpty() &&
                (event.aggregateId != stream.events.back().aggregateId ||
                 event.aggregateType != stream.events.back().aggregateType)) {
                if (!visit(std::exchange(stream, {})))
                    return {};
            }
            stream.events.append(std::move(event));
            stream.stored.append(std::move(storedData[i]));
        }
    } while (batch.size() == BatchSize);
    if (!stream.events.isEmpty())
        visit(std::move(stream));
    return {};
}

} // namespace ot
