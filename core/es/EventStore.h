#pragma once

#include "DomainEvent.h"
#include "Result.h"
#include "storage/Database.h"

#include <QList>
#include <QSqlQuery>
#include <QString>

#include <functional>
#include <limits>
#include <optional>

namespace ot {

class Database;
class UpcasterRegistry;

struct StreamId {
    QString type;
    QString id;
};

// An event's row as stored, its text columns as UTF-8 bytes: what an export copies, without
// the cost of building an event (decoding text, parsing the id) only to encode it again.
struct StoredEvent {
    qint64 position = 0;
    QByteArray id;
    QByteArray aggregateType;
    QByteArray aggregateId;
    qint64 version = 0;
    QByteArray type;
    int schemaVersion = 0;
    QByteArray data;
    QByteArray userId;
    QByteArray correlationId;
    QByteArray causationId;
    qint64 recordedAt = 0; // UTC ms
    QByteArray hash;
};

// Filters of readAll(); empty members do not filter. Time bounds are UTC ms, [from, to).
struct EventFilter {
    QString userId;
    QString eventType;
    QString aggregateType; // give it with aggregateId: the stream index starts with the type
    QString aggregateId;
    QString correlationId;
    std::optional<qint64> fromMs;
    std::optional<qint64> toMs;
    // Occurs in the event's data as stored (JSON; quotes and backslashes count as written in a
    // JSON string), ignoring the case of ASCII letters; a full-text index serves it.
    QString text;

    bool operator==(const EventFilter &) const = default;
};

enum class Direction { OldestFirst, NewestFirst };

// Where a follower of the global order stands: the last event it has read, by the key the
// database commits in (ARCHITECTURE.md, Global order). Start from {}.
struct CommitCursor {
    quint64 transaction = 0;
    qint64 position = 0;
    friend bool operator==(const CommitCursor &, const CommitCursor &) = default;
};

// A saved state of one stream (see Aggregate::snapshot), so a long stream loads from it plus
// the events after it. Derived data: it can always be thrown away and written again.
struct Snapshot {
    qint64 version = 0;      // the stream version the state is at
    int snapshotVersion = 0; // the aggregate's snapshotVersion() when it was saved
    QJsonObject state;
    QByteArray headHash; // the hash of the event at `version`
};

// The append-only event table. All events of one append are stored together with what goes
// with them (the read model, a snapshot), or none are.
class EventStore final {
public:
    EventStore(Database &database, const UpcasterRegistry &upcasters);

    Database &database() const { return m_db; }

    // What else the append writes (the read model, a snapshot), given the events with their
    // hashes; it is written with them or not at all.
    using AlsoWrite = std::function<Result<QList<Write>>(const QList<DomainEvent> &events)>;

    // `events` must carry versions expectedVersion + 1, + 2, ... (as Aggregate::raise numbers
    // them). A stream that is not at `expectedVersion` is a Conflict error carrying both
    // versions; the UNIQUE (aggregate_type, aggregate_id, version) key makes the database the
    // judge when two writers race. A caller that knows the hash of the event at
    // `expectedVersion` passes it as `headHash`, which saves reading the stream head: the key
    // still refuses the append if the stream has moved on. Returns the events with position
    // and hash assigned.
    Result<QList<DomainEvent>> append(const StreamId &stream, qint64 expectedVersion,
                                      QList<DomainEvent> events, const AlsoWrite &alsoWrite = {},
                                      const std::optional<QByteArray> &headHash = std::nullopt);

    // Events of one stream with afterVersion < version <= upToVersion, oldest first, upcast.
    Result<QList<DomainEvent>> read(const StreamId &stream, qint64 afterVersion = 0,
                                    qint64 upToVersion = std::numeric_limits<qint64>::max());

    // The same events with only what an aggregate's replay uses (type, data, version, time,
    // user, and the hash to append after them; no ids or correlation): reading fewer columns
    // makes loading a state cheaper.
    Result<QList<DomainEvent>> replay(const StreamId &stream, qint64 afterVersion = 0,
                                      qint64 upToVersion = std::numeric_limits<qint64>::max());

    // Upcast: data parsed and lifted to the current schema. Stored: data not parsed (the text as
    // stored is handed out instead), for readers that only copy or hash it. Replay: upcast, with
    // only what replay() reads and the stream (no position, ids or correlation).
    enum class Shape { Upcast, Stored, Replay };

    // One page of the events of all streams that match `filter`: at most `limit`, in position
    // order, strictly after `fromPosition` in that direction (0: from the start, the oldest or
    // the newest event). Keyset paging: every page costs the same.
    Result<QList<DomainEvent>> readAll(const EventFilter &filter, qint64 fromPosition, int limit,
                                       Direction direction = Direction::OldestFirst);
    // The same page oldest first, as the rows are stored, for readers that copy them (export).
    Result<QList<StoredEvent>> readStored(const EventFilter &filter, qint64 fromPosition,
                                          int limit);
    Result<qint64> count(const EventFilter &filter);

    // The events committed after `after`, at most `limit`, upcast; advances `after`. A
    // follower that calls this repeatedly sees every event exactly once, even when concurrent
    // transactions commit in another order than they took their positions.
    // Only events that match `filter` are returned; the cursor passes over the rest.
    Result<QList<DomainEvent>> readCommitted(CommitCursor &after, int limit,
                                             const EventFilter &filter = {});
    // Where a follower that starts now should start: after the newest event it could read.
    Result<CommitCursor> commitFrontier();

    // The stream's snapshot if it has one at or below `atMostVersion`.
    Result<std::optional<Snapshot>> readSnapshot(const StreamId &stream, qint64 atMostVersion);
    // Saves (replaces) the stream's snapshot: a write for an append, or to run in a rebuild.
    static Write snapshotWrite(const StreamId &stream, const Snapshot &snapshot);
    Result<void> clearSnapshots(const QString &aggregateType);

    Result<qint64> streamVersion(const StreamId &stream);

    // Visits every event (of one aggregate type, if given) ordered by stream, then version,
    // without loading them all; `storedData` is the data column as stored (empty with
    // Shape::Replay). Stops early when `visit` returns false.
    using Visitor = std::function<bool(const DomainEvent &event, const QByteArray &storedData)>;
    Result<void> scanStreams(Shape shape, const Visitor &visit, const QString &aggregateType = {});

private:
    DomainEvent eventFromRow(const QSqlQuery &query, Shape shape, QByteArray *storedData) const;
    // Fills what replayColumns() selects, starting at column `first`.
    void replayFromRow(const QSqlQuery &query, int first, DomainEvent &event) const;
    // The rows of an executed query as events.
    Result<QList<DomainEvent>> collect(QSqlQuery &query, const QString &what);
    // Executed: one page of readAll() or readStored().
    Result<QSqlQuery> pageQuery(const EventFilter &filter, qint64 fromPosition, int limit,
                                Direction direction, const QString &what);

    Database &m_db;
    const UpcasterRegistry &m_upcasters;
    const QString m_columns; // of every event SELECT, for eventFromRow()
};

} // namespace ot
