#include "Integrity.h"

#include "CheckpointLedger.h"
#include "es/Aggregate.h"
#include "es/EventHash.h"
#include "es/Upcasters.h"
#include "storage/Database.h"
#include "store/EventStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlRecord>

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

// The replay of one aggregate type's streams through its rules, beside the fast check.
class DeepCheck {
public:
    DeepCheck(Database &db, const AggregateKind &kind, IntegrityReport &report)
        : m_kind(kind)
        , m_report(report)
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

    const QString &type() const { return m_kind.type; }

    Result<void> readUpTo(const std::optional<QString> &upTo) {
        if (auto ok = m_snapshots.readUpTo(upTo); !ok)
            return ok;
        return m_rows ? m_rows->readUpTo(upTo) : Result<void>();
    }

    void startStream(const QString &id) {
        m_id = id;
        m_aggregate = m_kind.factory(id);
        m_stopped = false;
        m_snapshot = m_snapshots.take(id);
    }

    void visit(const DomainEvent &event) {
        if (m_stopped)
            return;
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
            for (int shape = m_aggregate->snapshotVersion(); shape >= 1; --shape) {
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
            const QByteArray stored = m_snapshot->at(2).toString().toUtf8();
            const int shape = m_snapshot->at(1).toInt();
            if (event.stateDigest.isEmpty() || stateDigest(shape, stored) != event.stateDigest ||
                m_snapshot->at(3).toString().toLatin1() != event.hash)
                problem(IntegrityProblem::Kind::Snapshot, event,
                        QStringLiteral("the snapshot at version %1 is not the one its event "
                                       "commits to (changed or put there afterwards); it is "
                                       "never used")
                            .arg(version));
            else if (shape == m_aggregate->snapshotVersion() && stored != state)
                problem(IntegrityProblem::Kind::Snapshot, event,
                        QStringLiteral("the snapshot at version %1 is not the state the events "
                                       "give there")
                            .arg(version));
            m_snapshot.reset();
        }
    }

    void finishStream(const DomainEvent &last) {
        if (m_snapshot) // not met on the way: beyond the stream's last event
            problem(IntegrityProblem::Kind::Snapshot, last,
                    QStringLiteral("a snapshot at version %1, beyond the stream's last event %2")
                        .arg(m_snapshot->at(0).toLongLong())
                        .arg(last.metadata.version),
                    QString());
        if (!m_rows)
            return;
        const auto stored = m_rows->take(m_id);
        if (m_stopped) // the replay did not reach the end: nothing to compare the row with
            return;
        auto expected = m_kind.projection->project(*m_aggregate);
        if (!expected) {
            if (stored)
                rowProblem(m_id, *stored,
                           QStringLiteral("a %1 row for %2, which the events do not give "
                                          "one: %3")
                               .arg(m_rows->table(), m_id, expected.error().message));
            return;
        }
        if (!stored) {
            problem(IntegrityProblem::Kind::ReadModel, last,
                    QStringLiteral("%1 has no %2 row").arg(m_id, m_rows->table()), QString());
            return;
        }
        QVariantList values = expected->values;
        values << m_aggregate->version() << m_aggregate->createdAt() << m_aggregate->updatedAt()
               << m_aggregate->lastUserId();
        QStringList columns = m_kind.projection->table().columns;
        columns << QStringLiteral("version") << QStringLiteral("created_at")
                << QStringLiteral("updated_at") << QStringLiteral("last_user");
        QStringList differences;
        for (qsizetype c = 0; c < columns.size(); ++c) {
            if (stored->at(c).toString() != values.at(c).toString())
                differences << QStringLiteral("%1 is %2, the events say %3")
                                   .arg(columns.at(c), quoted(stored->at(c)), quoted(values.at(c)));
        }
        if (!differences.isEmpty())
            rowProblem(m_id, *stored,
                       QStringLiteral("the %1 row of %2 is not what its events give: %3")
                           .arg(m_rows->table(), m_id, differences.join(QStringLiteral("; "))));
    }

    // After the scan: rows of streams that have no events.
    Result<void> finish() {
        if (auto ok = readUpTo(std::nullopt); !ok)
            return ok;
        for (auto it = m_snapshots.rest().begin(); it != m_snapshots.rest().end(); ++it)
            m_report.problems.append(
                {IntegrityProblem::Kind::Snapshot,
                 m_kind.type,
                 it.key(),
                 it.value().at(0).toLongLong(),
                 0,
                 {},
                 QStringLiteral("a snapshot of %1, which has no events").arg(it.key()),
                 {}});
        if (m_rows) {
            for (auto it = m_rows->rest().begin(); it != m_rows->rest().end(); ++it)
                rowProblem(it.key(), it.value(),
                           QStringLiteral("a %1 row for %2, which has no events")
                               .arg(m_rows->table(), it.key()));
        }
        return {};
    }

private:
    void problem(IntegrityProblem::Kind kind, const DomainEvent &event, const QString &detail) {
        problem(kind, event, detail, event.metadata.userId);
    }
    void problem(IntegrityProblem::Kind kind, const DomainEvent &event, const QString &detail,
                 const QString &user) {
        m_report.problems.append(
            {kind, event.aggregateType, event.aggregateId, event.metadata.version, event.position,
             event.id.isNull() ? QString() : event.id.toString(QUuid::WithoutBraces), detail,
             user});
    }
    // A row names the login it was last written for (last_user, after its version).
    void rowProblem(const QString &id, const QVariantList &stored, const QString &detail) {
        const qsizetype columns = m_kind.projection->table().columns.size();
        m_report.problems.append({IntegrityProblem::Kind::ReadModel,
                                  m_kind.type,
                                  id,
                                  stored.value(columns).toLongLong(),
                                  0,
                                  {},
                                  detail,
                                  stored.value(columns + 3).toString()});
    }

    const AggregateKind &m_kind;
    IntegrityReport &m_report;
    RowsBeside m_snapshots;
    std::optional<RowsBeside> m_rows;
    QString m_id;
    std::unique_ptr<Aggregate> m_aggregate;
    bool m_stopped = false;
    std::optional<QVariantList> m_snapshot; // version, snapshot_version, state, head_hash
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
    std::vector<std::unique_ptr<DeepCheck>> checks;
    for (const AggregateKind &kind : options.kinds)
        checks.push_back(std::make_unique<DeepCheck>(store.database(), kind, report));
    const auto checkOf = [&](const QString &type) -> DeepCheck * {
        for (const auto &check : checks) {
            if (check->type() == type)
                return check.get();
        }
        return nullptr;
    };

    DomainEvent previous;
    DeepCheck *deep = nullptr;
    const auto finishStream = [&] {
        if (deep)
            deep->finishStream(previous);
    };
    // The rows beside the events of a batch, read before the batch is visited.
    const auto beforeBatch = [&](const QList<DomainEvent> &batch) -> Result<void> {
        for (const auto &check : checks) {
            std::optional<QString> last;
            for (const DomainEvent &event : batch) {
                if (event.aggregateType == check->type())
                    last = event.aggregateId;
            }
            if (last) {
                if (auto ok = check->readUpTo(last); !ok)
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
                if (report.eventsChecked > 0)
                    finishStream();
                previous = DomainEvent();
                deep = checkOf(event.aggregateType);
                if (deep)
                    deep->startStream(event.aggregateId);
                ++report.streamsChecked;
            }
            const auto problem = [&](IntegrityProblem::Kind kind, qint64 version,
                                     const QString &detail) {
                report.problems.append({kind, event.aggregateType, event.aggregateId, version,
                                        event.position, event.id.toString(QUuid::WithoutBraces),
                                        detail, event.metadata.userId});
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
            if (deep) {
                DomainEvent lifted = event;
                lifted.data = QJsonDocument::fromJson(stored).object();
                store.upcasters().upcast(lifted);
                deep->visit(lifted);
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
    if (report.eventsChecked > 0)
        finishStream();
    for (const auto &check : checks) {
        if (auto ok = check->finish(); !ok)
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
