#include "Integrity.h"

#include "CheckpointLedger.h"
#include "StreamChecks.h"
#include "storage/Database.h"
#include "store/EventStore.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlRecord>

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
    // Each stream, as read, is checked on the thread pool.
    StreamChecks checks(store.upcasters(), report.problems);
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
        [&](EventStore::ScannedStream &&stream) {
            StreamWork work;
            work.id = stream.events.front().aggregateId;
            // Its rows were read with the batch that holds its first event.
            if (RowsOfKind *kind = rowsOf(stream.events.front().aggregateType)) {
                work.kind = &kind->kind();
                kind->takeFor(work);
            }
            const qint64 before = report.eventsChecked;
            ++report.streamsChecked;
            report.eventsChecked += stream.events.size();
            work.events = std::move(stream.events);
            work.stored = std::move(stream.stored);
            checks.add(std::move(work));
            if (options.progress && report.eventsChecked / 1000 > before / 1000 &&
                !options.progress(report.eventsChecked, total.value())) {
                report.cancelled = true;
                return false;
            }
            return true;
        },
        report.deep ? EventStore::BatchVisitor(beforeBatch) : EventStore::BatchVisitor());
    if (!scanned)
        return scanned.error();
    if (report.cancelled)
        return report;
    checks.finish();
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
