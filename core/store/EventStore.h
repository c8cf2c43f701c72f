#pragma once

#include "es/DomainEvent.h"
#include "es/EventQuery.h"
#include "es/Result.h"
#include "storage/Database.h"
#include "store/Projection.h"

#include <QList>
#include <QSqlQuery>
#include <QString>

#include <array>
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

// Streams of `linkedType` that belong to a stream of `type`, as a read model records it: the
// streams whose ids `idColumn` of `table` holds on the rows whose `keyColumn` holds the id of
// the stream of `type` (a customer's orders: order_summaries, customer_id, order_id). The names
// go into SQL as they are: the caller's own constants, never input.
struct StreamLink {
    QString type;
    QString linkedType;
    QString table;
    QString keyColumn;
    QString idColumn;
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
    QByteArray stateDigest;
};

// A saved state of one stream (see Aggregate::snapshot), so a long stream loads from it plus
// the events after it. Derived data, but bound to the chain: the event at `version` commits to
// stateDigest(snapshotVersion, state), and a snapshot that does not match it is never used.
struct Snapshot {
    qint64 version = 0;      // the stream version the state is at
    int snapshotVersion = 0; // the aggregate's snapshotVersion() when it was saved
    QByteArray state;        // canonical JSON of Aggregate::snapshot()
};

// What an append writes with the events, all or nothing: the read model's row for the state
// after them, and at a snapshot mark the snapshot of that state.
// A command sent with a client's id, recorded with the events it appended (Command.h).
struct CommandRecord {
    QString id;        // the events' causation id
    QByteArray digest; // of what the command asked, so a different one with the id is told apart
    StreamId stream;
    qint64 firstVersion = 0;
    qint64 lastVersion = 0;
};

struct AppendExtras {
    std::optional<ReadModelRow> row;
    std::optional<Snapshot> snapshot; // at the last event's version
    // Recorded with the events (its stream and versions are theirs); a command recorded before
    // with the same id makes the append a Conflict.
    std::optional<CommandRecord> command;
    // Subjects whose keys of personal data the events destroy (Aggregate::forgetSubject).
    QStringList forgetSubjects;
};

// The append-only event table. All events of one append are stored together with what goes
// with them (the read model, a snapshot), or none are.
class EventStore final {
public:
    EventStore(Database &database, const UpcasterRegistry &upcasters);

    Database &database() const { return m_db; }
    const UpcasterRegistry &upcasters() const { return m_upcasters; }
    // From now on a filter by a stream of `link.type` (EventFilter::relatedType) selects the
    // events of its linked streams too. Without a link the filter selects that stream alone.
    void addStreamLink(const StreamLink &link) { m_links.append(link); }

    // `events` must carry versions expectedVersion + 1, + 2, ... (as Aggregate::raise numbers
    // them). A stream that is not at `expectedVersion` is a Conflict error carrying both
    // versions; the UNIQUE (aggregate_type, aggregate_id, version) key makes the database the
    // judge when two writers race. A caller that knows the hash of the event at
    // `expectedVersion` passes it as `headHash`: it saves reading the stream head here, and
    // the append is refused if the stream's head is not that event. Returns the events as
    // stored: position, hash and state digest assigned, and on PostgreSQL the server's time and
    // login.
    Result<QList<DomainEvent>> append(const StreamId &stream, qint64 expectedVersion,
                                      QList<DomainEvent> events, const AppendExtras &extras = {},
                                      const std::optional<QByteArray> &headHash = std::nullopt);

    // The command recorded with `id`, if any.
    Result<std::optional<CommandRecord>> findCommand(const QString &id);

    // Inside a write transaction: waits until no other transaction holds any of `streams`, and
    // holds them to the end of this one, so writers that lost a race on a stream take turns
    // rather than race again. Streams are always taken in one order, whoever asks, so two
    // transactions that each take several (groups, atomic batches) never wait for each other in
    // a circle. Where a write transaction holds the whole database (SQLite) there is nothing to
    // do.
    Result<void> lockStreams(const QList<StreamId> &streams);

    // The write that makes a read model's row show a stream at `last` (its newest event), in
    // an append; the time of its first event is read where it is stored.
    static Write rowWrite(const QString &id, const ReadModelRow &row, const DomainEvent &last);
    // The same row's columns and values, for a rebuild, which has the first event's time.
    static QStringList rowColumns(const ReadModelTable &table);
    static QVariantList rowValues(const QString &id, const ReadModelRow &row, qint64 createdAt,
                                  const DomainEvent &last);

    // Events of one stream with afterVersion < version <= upToVersion, oldest first, upcast.
    Result<QList<DomainEvent>> read(const StreamId &stream, qint64 afterVersion = 0,
                                    qint64 upToVersion = std::numeric_limits<qint64>::max());

    // The same events with only what an aggregate's replay uses (type, data, version, time,
    // user, and the hash to append after them; no ids or correlation): reading fewer columns
    // makes loading a state cheaper.
    Result<QList<DomainEvent>> replay(const StreamId &stream, qint64 afterVersion = 0,
                                      qint64 upToVersion = std::numeric_limits<qint64>::max());
    // The events of replay() from the version of the stream's snapshot, if it is at or below
    // `upToVersion` and its event exists (that event included), or all of them without one, in
    // one query: a load reads no event twice, and a new or short stream costs that one query.
    // Events that start after version 1 start at the snapshot's event.
    Result<QList<DomainEvent>> replayFromSnapshot(const StreamId &stream, qint64 upToVersion);

    // Upcast: data parsed and lifted to the current schema. Stored: data not parsed (the text as
    // stored is handed out instead), for readers that only copy or hash it, or parse it on
    // other threads. Replay: stored, with only what a replay reads and the stream (no position,
    // ids or correlation).
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
    // How many of the events `filter` selects were recorded in each UTC hour with each key, in
    // hour then key order; hours without any are left out. Like count(), it reads the hourly
    // counts (schema 9) for the whole hours of a filter on the user, the type and the time, and
    // the events themselves for the rest.
    Result<QList<ActivityCount>> activity(const EventFilter &filter, ActivityKey key);

    // The events committed after `after`, at most `limit`, upcast; advances `after`. A
    // follower that calls this repeatedly sees every event exactly once, even when concurrent
    // transactions commit in another order than they took their positions.
    // Only events that match `filter` are returned; the cursor passes over the rest.
    Result<QList<DomainEvent>> readCommitted(CommitCursor &after, int limit,
                                             const EventFilter &filter = {});
    // Where a follower that starts now should start: after the newest event it could read.
    Result<CommitCursor> commitFrontier();

    // The stream's snapshot if it has one at or below `atMostVersion` that matches the digest
    // its event commits to, with that event (version, time, user and hash: what the snapshot
    // leaves to the events) and the time of the stream's first event.
    struct BoundSnapshot {
        Snapshot snapshot;
        DomainEvent at;
        qint64 createdAt = 0;
    };
    Result<std::optional<BoundSnapshot>> readSnapshot(const StreamId &stream, qint64 atMostVersion);
    // Saves (replaces) the stream's snapshot, in an append; `headHash` is the hash of the event
    // at its version.
    static Write snapshotWrite(const StreamId &stream, const Snapshot &snapshot,
                               const QByteArray &headHash);
    // The same row's columns and values, for a rebuild.
    static const QStringList SnapshotColumns;
    static QVariantList snapshotValues(const StreamId &stream, const Snapshot &snapshot,
                                       const QByteArray &headHash);
    Result<void> clearSnapshots(const QString &aggregateType);

    Result<qint64> streamVersion(const StreamId &stream);

    // One stream as a scan read it: its events by version from 1, and their data column as
    // stored (Shape::Upcast: empty, the events have it parsed).
    struct ScannedStream {
        QList<DomainEvent> events;
        QList<QByteArray> stored;
    };
    // Visits every stream ordered by (type, id), each once all its events are read, without
    // loading them all. Stops early when `visit` returns false. `beforeBatch`, when given, sees
    // each batch of events the scan reads before any stream in it is visited (a reader that
    // needs other rows of the same streams can fetch them a batch at a time); an error it
    // returns stops the scan.
    using StreamVisitor = std::function<bool(ScannedStream &&stream)>;
    using BatchVisitor = std::function<Result<void>(const QList<DomainEvent> &batch)>;
    Result<void> scanStreams(Shape shape, const StreamVisitor &visit,
                             const BatchVisitor &beforeBatch = {});

private:
    // The columns of m_columns, as eventFromRow() reads them.
    static constexpr int ColumnCount = 14;

    // Decodes the text columns of a query's rows, sharing one copy of a text that repeats from
    // row to row (a stream's type and id, an event type, a login, a command's ids): a scan of
    // millions of events would otherwise allocate a copy of each in every event, and its checks
    // free them all again on other threads.
    class RowTexts {
    public:
        QString operator()(const QSqlQuery &query, int column);

    private:
        struct Seen {
            QByteArray bytes;
            QString text;
        };
        static constexpr int Kept = 8; // texts remembered a column
        std::array<std::array<Seen, Kept>, ColumnCount> m_seen;
        std::array<int, ColumnCount> m_next{};
    };

    DomainEvent eventFromRow(const QSqlQuery &query, Shape shape, QByteArray *storedData,
                             RowTexts &texts) const;
    // Fills what replayColumns() selects, starting at column `first`; with `storedData`, the
    // data is handed out there as stored instead of parsed and upcast.
    void replayFromRow(const QSqlQuery &query, int first, DomainEvent &event, RowTexts &texts,
                       QByteArray *storedData = nullptr) const;
    // replay()'s query with `versions`, a condition on the version with `values` to bind.
    Result<QList<DomainEvent>> replayWhere(const StreamId &stream, const QString &versions,
                                           const QVariantList &values);
    // The two ways an append is written: hashed and stamped here (SQLite), or through the
    // schema owner's function, which locks, checks, stamps and hashes on the server.
    Result<QList<DomainEvent>> appendHere(const StreamId &stream, qint64 expectedVersion,
                                          QList<DomainEvent> events, const AppendExtras &extras,
                                          const std::optional<QByteArray> &headHash);
    Result<QList<DomainEvent>> appendOnServer(QList<DomainEvent> events, const AppendExtras &extras,
                                              const std::optional<QByteArray> &headHash);
    // Destroys the keys of `subjects`, inside the append's transaction.
    Result<void> forget(const QStringList &subjects);
    // The rows of an executed query as events.
    Result<QList<DomainEvent>> collect(QSqlQuery &query, const QString &what);
    // Executed: one page of readAll() or readStored().
    Result<QSqlQuery *> pageQuery(const EventFilter &filter, qint64 fromPosition, int limit,
                                  Direction direction, const QString &what);
    // Whether the time window of `filter` holds so few events that a page of it is best sorted.
    Result<bool> fewEventsWithin(const EventFilter &filter);

    Database &m_db;
    const UpcasterRegistry &m_upcasters;
    const QString m_columns; // of every event SELECT, for eventFromRow()
    QList<StreamLink> m_links;
};

} // namespace ot
