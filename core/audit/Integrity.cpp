#include "Integrity.h"

#include "CheckpointLedger.h"
#include "es/Aggregate.h"
#include "es/EventHash.h"
#include "es/Upcasters.h"
#include "storage/Database.h"
#include "store/EventStore.h"

#include <QFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlRecord>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <deque>
#include <memory>

namespace ot {

namespace {

QString kindName(IntegrityProblem::Kind kind) {
    switch (kind) {
    case IntegrityProblem::Kind::Altered:
        return QStringLiteral("altered");
    case IntegrityProblem::Kind::Missing:
        return QStringLiteral("missing");
    case IntegrityProblem::Kind::Reordered:
        return QStringLiteral("reordered");
    case IntegrityProblem::Kind::Checkpoint:
        return QStringLiteral("checkpoint");
    case IntegrityProblem::Kind::Refused:
        return QStringLiteral("refused");
    case IntegrityProblem::Kind::State:
        return QStringLiteral("state");
    case IntegrityProblem::Kind::Snapshot:
        return QStringLiteral("snapshot");
    case IntegrityProblem::Kind::ReadModel:
        return QStringLiteral("readModel");
    }
    return {};
}

// The canonical form of the data column as stored; bytes that are not a JSON object are
// hashed as they are, so they can never match.
QByteArray canonicalStoredData(const QByteArray &stored) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(stored, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return stored;
    return canonicalJson(doc.object());
}

// Rows kept beside the events, one per stream (a read model's rows, the snapshots), read a
// batch of streams at a time in key ranges that follow one another: every row is read once,
// and is either taken by its stream or left over, a row without a stream.
class RowsBeside {
public:
    // `sql` selects the key first; its placeholders are `fixed`, then the range's bounds.
    RowsBeside(Database &db, QString table, QString keyColumn, QString columns, QString where,
               QVariantList fixed)
        : m_db(db)
        , m_table(std::move(table))
        , m_key(std::move(keyColumn))
        , m_columns(std::move(columns))
        , m_where(std::move(where))
        , m_fixed(std::move(fixed)) {}

    const QString &table() const { return m_table; }

    // Reads the rows after the last range up to `upTo` (the greatest key of the batch);
    // without `upTo`, every row left.
    Result<void> readUpTo(const std::optional<QString> &upTo) {
        QString sql = QStringLiteral("SELECT ") % m_key % QStringLiteral(", ") % m_columns %
                      QStringLiteral(" FROM ") % m_table % QStringLiteral(" WHERE ") % m_where;
        QVariantList values = m_fixed;
        if (m_last) {
            sql += QStringLiteral(" AND ") % m_key % QStringLiteral(" > ?");
            values << *m_last;
        }
        if (upTo) {
            sql += QStringLiteral(" AND ") % m_key % QStringLiteral(" <= ?");
            values << *upTo;
        }
        const QString what = QStringLiteral("cannot read %1").arg(m_table);
        auto found = m_db.query(sql, values, what);
        if (!found)
            return found.error();
        QSqlQuery *query = found.value();
        const int columns = query->record().count();
        while (query->next()) {
            QVariantList row;
            for (int c = 1; c < columns; ++c)
                row << query->value(c);
            m_rows.insert(query->value(0).toString(), row);
        }
        if (query->lastError().isValid())
            return m_db.storageError(query->lastError(), what);
        query->finish();
        if (upTo)
            m_last = upTo;
        return {};
    }

    std::optional<QVariantList> take(const QString &key) {
        auto found = m_rows.find(key);
        if (found == m_rows.end())
            return std::nullopt;
        QVariantList row = found.value();
        m_rows.erase(found);
        return row;
    }

    // Every row no stream took (after readUpTo({})).
    const QHash<QString, QVariantList> &rest() const { return m_rows; }

private:
    Database &m_db;
    QString m_table;
    QString m_key;
    QString m_columns;
    QString m_where;
    QVariantList m_fixed;
    std::optional<QString> m_last;
    QHash<QString, QVariantList> m_rows;
};

QString quoted(const QVariant &value) {
    return value.typeId() == QMetaType::QString ? u'\'' % value.toString().left(200) % u'\''
                                                : value.toString();
}

// A problem found in a stream, at one of its events.
IntegrityProblem problemAt(IntegrityProblem::Kind kind, const DomainEvent &event,
                           const QString &detail, const QString &user) {
    return {kind,
            event.aggregateType,
            event.aggregateId,
            event.metadata.version,
            event.position,
            event.id.isNull() ? QString() : event.id.toString(QUuid::WithoutBraces),
            detail,
            user};
}

// A read model's row names the login it was last written for (last_user, after its version).
IntegrityProblem rowProblem(const AggregateKind &kind, const QString &id,
                            const QVariantList &stored, const QString &detail) {
    const qsizetype columns = kind.projection->table().columns.size();
    return {IntegrityProblem::Kind::ReadModel,
            kind.type,
            id,
            stored.value(columns).toLongLong(),
            0,
            {},
            detail,
            stored.value(columns + 3).toString()};
}

// One stream as the scan met it, for a deep check to replay on another thread: its events
// with their data as stored, what the fast check found at each, and the rows kept beside it.
struct StreamWork {
    const AggregateKind *kind = nullptr; // null: no deep check, only the fast check's problems
    QString id;
    QList<DomainEvent> events;
    QList<QByteArray> stored;
    QList<QList<IntegrityProblem>> found; // by the fast check, at each event
    std::optional<QVariantList> snapshot; // version, snapshot_version, state, head_hash
    std::optional<QVariantList> row;      // the read model's, when the kind has one
};

// The replay of one stream through its rules: every event admitted and applied, every state
// digest and snapshot compared with the replayed state, and at the end the read model's row.
// Touches no database, so streams replay in parallel.
class StreamReplay {
public:
    StreamReplay(const StreamWork &work, const UpcasterRegistry &upcasters,
                 QList<IntegrityProblem> &problems)
        : m_work(work)
        , m_upcasters(upcasters)
        , m_problems(problems)
        , m_aggregate(work.kind->factory(work.id))
        , m_snapshot(work.snapshot) {}

    void visit(const DomainEvent &stored, const QByteArray &storedData) {
        if (m_stopped)
            return;
        DomainEvent event = stored;
        event.data = QJsonDocument::fromJson(storedData).object();
        m_upcasters.upcast(event);
        const qint64 version = event.metadata.version;
        if (!m_aggregate->understands(event)) {
            problem(IntegrityProblem::Kind::Refused, event,
                    QStringLiteral("version %1 is an event '%2' (schema %3) that this version of "
                                   "OrderTrail does not know: the rest of the stream cannot be "
                                   "replayed")
                        .arg(version)
                        .arg(event.type.left(100))
                        .arg(event.schemaVersion));
            m_stopped = true;
            return;
        }
        if (auto admitted = m_aggregate->admit(event); !admitted)
            problem(IntegrityProblem::Kind::Refused, event,
                    QStringLiteral("version %1 (%2) breaks the rules: %3")
                        .arg(version)
                        .arg(event.type, admitted.error().message));
        m_aggregate->loadFromHistory({event});

        const bool atSnapshot = m_snapshot && m_snapshot->at(0).toLongLong() == version;
        if (event.stateDigest.isEmpty() && !atSnapshot)
            return;
        const QByteArray state = canonicalJson(m_aggregate->snapshot());
        // The digest may be of a shape an older version saved.
        const auto committed = [&] {
            if (stateDigest(m_aggregate->snapshotVersion(), state) == event.stateDigest)
                return true;
            for (int shape = m_aggregate->snapshotVersion() - 1; shape >= 1; --shape) {
                const auto saved = m_aggregate->snapshotAs(shape);
                if (saved && stateDigest(shape, canonicalJson(*saved)) == event.stateDigest)
                    return true;
            }
            return false;
        };
        if (!event.stateDigest.isEmpty() && !committed())
            problem(IntegrityProblem::Kind::State, event,
                    QStringLiteral("version %1 (%2) commits to a state that is not the one its "
                                   "events give: a snapshot written with it would be wrong")
                        .arg(version)
                        .arg(event.type));
        if (atSnapshot) {
            const QByteArray saved = m_snapshot->at(2).toString().toUtf8();
            const int shape = m_snapshot->at(1).toInt();
            if (event.stateDigest.isEmpty() || stateDigest(shape, saved) != event.stateDigest ||
                m_snapshot->at(3).toString().toLatin1() != event.hash)
                problem(IntegrityProblem::Kind::Snapshot, event,
                        QStringLiteral("the snapshot at version %1 is not the one its event "
                                       "commits to (changed or put there afterwards); it is "
                                       "never used")
                            .arg(version));
            else if (shape == m_aggregate->snapshotVersion() && saved != state)
                problem(IntegrityProblem::Kind::Snapshot, event,
                        QStringLiteral("the snapshot at version %1 is not the state the events "
                                       "give there")
                            .arg(version));
            m_snapshot.reset();
        }
    }

    void finish() {
        const DomainEvent &last = m_work.events.back();
        if (m_snapshot) // not met on the way: beyond the stream's last event
            problem(IntegrityProblem::Kind::Snapshot, last,
                    QStringLiteral("a snapshot at version %1, beyond the stream's last event %2")
                        .arg(m_snapshot->at(0).toLongLong())
                        .arg(last.metadata.version),
                    QString());
        const StateProjection *projection = m_work.kind->projection;
        if (!projection || m_stopped) // no read model, or nothing to compare its row with
            return;
        const QString &table = projection->table().name;
        const auto &stored = m_work.row;
        auto expected = projection->project(*m_aggregate);
        if (!expected) {
            if (stored)
                m_problems.append(rowProblem(*m_work.kind, m_work.id, *stored,
                                             QStringLiteral("a %1 row for %2, which the events "
                                                            "do not give one: %3")
                                                 .arg(table, m_work.id, expected.error().message)));
            return;
        }
        if (!stored) {
            problem(IntegrityProblem::Kind::ReadModel, last,
                    QStringLiteral("%1 has no %2 row").arg(m_work.id, table), QString());
            return;
        }
        QVariantList values = expected->values;
        values << m_aggregate->version() << m_aggregate->createdAt() << m_aggregate->updatedAt()
               << m_aggregate->lastUserId();
        QStringList columns = projection->table().columns;
        columns << QStringLiteral("version") << QStringLiteral("created_at")
                << QStringLiteral("updated_at") << QStringLiteral("last_user");
        QStringList differences;
        for (qsizetype c = 0; c < columns.size(); ++c) {
            if (stored->at(c).toString() != values.at(c).toString())
                differences << QStringLiteral("%1 is %2, the events say %3")
                                   .arg(columns.at(c), quoted(stored->at(c)), quoted(values.at(c)));
        }
        if (!differences.isEmpty())
            m_problems.append(
                rowProblem(*m_work.kind, m_work.id, *stored,
                           QStringLiteral("the %1 row of %2 is not what its events give: %3")
                               .arg(table, m_work.id, differences.join(QStringLiteral("; ")))));
    }

private:
    void problem(IntegrityProblem::Kind kind, const DomainEvent &event, const QString &detail) {
        problem(kind, event, detail, event.metadata.userId);
    }
    void problem(IntegrityProblem::Kind kind, const DomainEvent &event, const QString &detail,
                 const QString &user) {
        m_problems.append(problemAt(kind, event, detail, user));
    }

    const StreamWork &m_work;
    const UpcasterRegistry &m_upcasters;
    QList<IntegrityProblem> &m_problems;
    std::unique_ptr<Aggregate> m_aggregate;
    std::optional<QVariantList> m_snapshot;
    bool m_stopped = false;
};

// What a stream's check found, in the order a scan of one stream at a time would report it:
// at each event the fast check's problems, then the replay's; then the stream's end.
QList<IntegrityProblem> checkStream(const StreamWork &work, const UpcasterRegistry &upcasters) {
    QList<IntegrityProblem> problems;
    std::optional<StreamReplay> replay;
    if (work.kind)
        replay.emplace(work, upcasters, problems);
    for (qsizetype i = 0; i < work.events.size(); ++i) {
        problems << work.found.at(i);
        if (replay)
            replay->visit(work.events.at(i), work.stored.at(i));
    }
    if (replay)
        replay->finish();
    return problems;
}

// The rows one aggregate type keeps beside its streams (snapshots, the read model's rows),
// read a batch at a time as the scan goes, each taken by its stream; what is left over belongs
// to no stream.
class RowsOfKind {
public:
    RowsOfKind(Database &db, const AggregateKind &kind)
        : m_kind(kind)
        , m_snapshots(db, QStringLiteral("snapshots"), QStringLiteral("aggregate_id"),
                      QStringLiteral("version, snapshot_version, state, head_hash"),
                      QStringLiteral("aggregate_type = ?"), {kind.type}) {
        if (const StateProjection *projection = kind.projection) {
            const ReadModelTable &table = projection->table();
            m_rows.emplace(db, table.name, table.keyColumn,
                           table.columns.join(QStringLiteral(", ")) %
                               QStringLiteral(", version, created_at, updated_at, last_user"),
                           QStringLiteral("1 = 1"), QVariantList{});
        }
    }

    const AggregateKind &kind() const { return m_kind; }

    Result<void> readUpTo(const std::optional<QString> &upTo) {
        if (auto ok = m_snapshots.readUpTo(upTo); !ok)
            return ok;
        return m_rows ? m_rows->readUpTo(upTo) : Result<void>();
    }

    void takeFor(StreamWork &work) {
        work.snapshot = m_snapshots.take(work.id);
        if (m_rows)
            work.row = m_rows->take(work.id);
    }

    // After the scan: rows of streams that have no events.
    Result<void> finish(QList<IntegrityProblem> &problems) {
        if (auto ok = readUpTo(std::nullopt); !ok)
            return ok;
        for (auto it = m_snapshots.rest().begin(); it != m_snapshots.rest().end(); ++it)
            problems.append({IntegrityProblem::Kind::Snapshot,
                             m_kind.type,
                             it.key(),
                             it.value().at(0).toLongLong(),
                             0,
                             {},
                             QStringLiteral("a snapshot of %1, which has no events").arg(it.key()),
                             {}});
        if (m_rows) {
            for (auto it = m_rows->rest().begin(); it != m_rows->rest().end(); ++it)
                problems.append(rowProblem(m_kind, it.key(), it.value(),
                                           QStringLiteral("a %1 row for %2, which has no events")
                                               .arg(m_rows->table(), it.key())));
        }
        return {};
    }

private:
    const AggregateKind &m_kind;
    RowsBeside m_snapshots;
    std::optional<RowsBeside> m_rows;
};

// Checks streams on the thread pool while the scan reads on, a few thousand events a task,
// and hands back what they found in the order the streams were read.
class StreamChecks {
public:
    StreamChecks(const UpcasterRegistry &upcasters, QList<IntegrityProblem> &problems)
        : m_upcasters(upcasters)
        , m_problems(problems) {}
    ~StreamChecks() { // cancelled: the tasks refer to this
        for (auto &task : m_tasks)
            task.waitForFinished();
    }

    void add(StreamWork work) {
        m_events += work.events.size();
        m_batch.push_back(std::move(work));
        if (m_events >= EventsPerTask)
            submit();
    }

    void finish() {
        submit();
        while (!m_tasks.empty())
            collectOldest();
    }

private:
    static constexpr qsizetype EventsPerTask = 4000;

    void submit() {
        if (m_batch.empty())
            return;
        auto batch = std::make_shared<std::vector<StreamWork>>(std::move(m_batch));
        m_batch.clear();
        m_events = 0;
        m_tasks.push_back(QtConcurrent::run([batch, &upcasters = m_upcasters] {
            QList<IntegrityProblem> problems;
            for (const StreamWork &work : *batch)
                problems << checkStream(work, upcasters);
            return problems;
        }));
        // A few tasks queued per thread keep every core busy and the memory bounded.
        while (m_tasks.size() > size_t(2 * QThreadPool::globalInstance()->maxThreadCount()))
            collectOldest();
    }

    void collectOldest() {
        m_problems << m_tasks.front().result();
        m_tasks.pop_front();
    }

    const UpcasterRegistry &m_upcasters;
    QList<IntegrityProblem> &m_problems;
    std::vector<StreamWork> m_batch;
    qsizetype m_events = 0;
    std::deque<QFuture<QList<IntegrityProblem>>> m_tasks;
};

} // namespace

QJsonObject IntegrityProblem::toJson() const {
    QJsonObject json{{QStringLiteral("problem"), kindName(kind)},
                     {QStringLiteral("aggregateType"), aggregateType},
                     {QStringLiteral("aggregateId"), aggregateId},
                     {QStringLiteral("version"), version},
                     {QStringLiteral("detail"), detail}};
    if (position > 0)
        json.insert(QStringLiteral("position"), position);
    if (!eventId.isEmpty())
        json.insert(QStringLiteral("eventId"), eventId);
    if (!userId.isEmpty())
        json.insert(QStringLiteral("userId"), userId);
    return json;
}

QJsonObject IntegrityReport::toJson() const {
    QJsonArray list;
    for (const IntegrityProblem &p : problems)
        list.append(p.toJson());
    return {{QStringLiteral("intact"), intact()},
            {QStringLiteral("deep"), deep},
            {QStringLiteral("cancelled"), cancelled},
            {QStringLiteral("eventsChecked"), eventsChecked},
            {QStringLiteral("streamsChecked"), streamsChecked},
            {QStringLiteral("problems"), list}};
}

Result<IntegrityReport> verifyHistory(EventStore &store, const VerifyOptions &options) {
    auto total = store.count({});
    if (!total)
        return total.error();

    IntegrityReport report;
    report.deep = !options.kinds.isEmpty();
    std::vector<std::unique_ptr<RowsOfKind>> rows;
    for (const AggregateKind &kind : options.kinds)
        rows.push_back(std::make_unique<RowsOfKind>(store.database(), kind));
    const auto rowsOf = [&](const QString &type) -> RowsOfKind * {
        for (const auto &kind : rows) {
            if (kind->kind().type == type)
                return kind.get();
        }
        return nullptr;
    };
    // A deep check hands each stream, as read, to be replayed on the thread pool.
    std::optional<StreamChecks> checks;
    if (report.deep)
        checks.emplace(store.upcasters(), report.problems);
    StreamWork work;

    DomainEvent previous;
    // The rows beside the events of a batch, read before the batch is visited.
    const auto beforeBatch = [&](const QList<DomainEvent> &batch) -> Result<void> {
        for (const auto &kind : rows) {
            std::optional<QString> last;
            for (const DomainEvent &event : batch) {
                if (event.aggregateType == kind->kind().type)
                    last = event.aggregateId;
            }
            if (last) {
                if (auto ok = kind->readUpTo(last); !ok)
                    return ok;
            }
        }
        return {};
    };

    auto scanned = store.scanStreams(
        // Stored: the chain covers the schema version as stored; the deep check lifts a copy.
        EventStore::Shape::Stored,
        [&](const DomainEvent &event, const QByteArray &stored) {
            const bool newStream = event.aggregateType != previous.aggregateType ||
                                   event.aggregateId != previous.aggregateId ||
                                   report.eventsChecked == 0;
            if (newStream) {
                if (checks) {
                    if (report.eventsChecked > 0)
                        checks->add(std::move(work));
                    work = StreamWork();
                    work.id = event.aggregateId;
                    // The batch's rows are read, up to the last stream it starts.
                    if (RowsOfKind *kind = rowsOf(event.aggregateType)) {
                        work.kind = &kind->kind();
                        kind->takeFor(work);
                    }
                }
                previous = DomainEvent();
                ++report.streamsChecked;
            }
            QList<IntegrityProblem> found;
            const auto problem = [&](IntegrityProblem::Kind kind, qint64 version,
                                     const QString &detail) {
                found.append({kind, event.aggregateType, event.aggregateId, version, event.position,
                              event.id.toString(QUuid::WithoutBraces), detail,
                              event.metadata.userId});
            };
            const qint64 version = event.metadata.version;
            const qint64 previousVersion = previous.metadata.version;
            const bool gap = version != previousVersion + 1;
            if (gap) {
                problem(IntegrityProblem::Kind::Missing, previousVersion + 1,
                        version - 1 == previousVersion + 1
                            ? QStringLiteral("version %1 is missing").arg(previousVersion + 1)
                            : QStringLiteral("versions %1 to %2 are missing")
                                  .arg(previousVersion + 1)
                                  .arg(version - 1));
            }
            if (event.position < previous.position) {
                problem(IntegrityProblem::Kind::Reordered, version,
                        QStringLiteral("version %1 is stored before version %2 (position %3 < %4)")
                            .arg(version)
                            .arg(previousVersion)
                            .arg(event.position)
                            .arg(previous.position));
            }
            // After a gap the link cannot match; the gap is what is reported.
            // The data is stored in canonical form, so it is hashed as it is; only a mismatch is
            // worth parsing it for (a backend that reformats stored text would need that).
            if (!gap && chainHash(previous.hash, event, stored) != event.hash &&
                chainHash(previous.hash, event, canonicalStoredData(stored)) != event.hash) {
                problem(IntegrityProblem::Kind::Altered, version,
                        QStringLiteral("version %1 (%2) does not match its hash: this event or "
                                       "the hash of the one before it was changed")
                            .arg(version)
                            .arg(event.type));
            }
            if (checks) {
                work.events.append(event);
                work.stored.append(stored);
                work.found.append(found);
            } else {
                report.problems << found;
            }
            previous = event;
            ++report.eventsChecked;
            if (options.progress && report.eventsChecked % 1000 == 0 &&
                !options.progress(report.eventsChecked, total.value())) {
                report.cancelled = true;
                return false;
            }
            return true;
        },
        {}, report.deep ? EventStore::BatchVisitor(beforeBatch) : EventStore::BatchVisitor());
    if (!scanned)
        return scanned.error();
    if (report.cancelled)
        return report;
    if (checks) {
        if (report.eventsChecked > 0)
            checks->add(std::move(work));
        checks->finish();
    }
    for (const auto &kind : rows) {
        if (auto ok = kind->finish(report.problems); !ok)
            return ok.error();
    }
    if (options.checkpoint) {
        auto changed = changeSince(store, *options.checkpoint);
        if (!changed)
            return changed.error();
        if (!changed->isEmpty())
            report.problems.append(
                {IntegrityProblem::Kind::Checkpoint,
                 {},
                 {},
                 0,
                 0,
                 {},
                 QStringLiteral("the history up to the checkpoint %1").arg(changed.value()),
                 {}});
    }
    if (options.anchor) {
        if (auto checked = checkLedger(store, *options.anchor, report.problems); !checked)
            return checked.error();
    }
    if (options.progress)
        options.progress(report.eventsChecked, total.value());
    return report;
}

} // namespace ot
