#include "StreamChecks.h"

#include "es/Aggregate.h"
#include "es/EventHash.h"
#include "es/Upcasters.h"

#include <QJsonDocument>

namespace ot {

namespace {

QString quoted(const QVariant &value) {
    return value.typeId() == QMetaType::QString ? u'\'' % value.toString().left(200) % u'\''
                                                : value.toString();
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
        m_upcasters.lift(event, storedData);
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

// The fast check of an event: its link to the one before it in the stream (none before the
// first), and its own hash.
void checkLink(const DomainEvent *previous, const DomainEvent &event, const QByteArray &stored,
               QList<IntegrityProblem> &problems) {
    const auto problem = [&](IntegrityProblem::Kind kind, qint64 version, const QString &detail) {
        IntegrityProblem found = problemAt(kind, event, detail, event.metadata.userId);
        found.version = version;
        problems.append(found);
    };
    const qint64 version = event.metadata.version;
    const qint64 previousVersion = previous ? previous->metadata.version : 0;
    const bool gap = version != previousVersion + 1;
    if (gap) {
        problem(IntegrityProblem::Kind::Missing, previousVersion + 1,
                version - 1 == previousVersion + 1
                    ? QStringLiteral("version %1 is missing").arg(previousVersion + 1)
                    : QStringLiteral("versions %1 to %2 are missing")
                          .arg(previousVersion + 1)
                          .arg(version - 1));
    }
    if (previous && event.position < previous->position) {
        problem(IntegrityProblem::Kind::Reordered, version,
                QStringLiteral("version %1 is stored before version %2 (position %3 < %4)")
                    .arg(version)
                    .arg(previousVersion)
                    .arg(event.position)
                    .arg(previous->position));
    }
    // After a gap the link cannot match; the gap is what is reported.
    // The data is stored in canonical form, so it is hashed as it is; only a mismatch is worth
    // parsing it for (a backend that reformats stored text would need that).
    const QByteArray previousHash = previous ? previous->hash : QByteArray();
    if (!gap && chainHash(previousHash, event, stored) != event.hash &&
        chainHash(previousHash, event, canonicalStoredData(stored)) != event.hash) {
        problem(IntegrityProblem::Kind::Altered, version,
                QStringLiteral("version %1 (%2) does not match its hash: this event or the hash "
                               "of the one before it was changed")
                    .arg(version)
                    .arg(event.type));
    }
}

// What a stream's check found, in the order a scan of one event at a time reports it: at each
// event its link's problems, then the replay's; then the stream's end.
QList<IntegrityProblem> checkStream(const StreamWork &work, const UpcasterRegistry &upcasters) {
    QList<IntegrityProblem> problems;
    std::optional<StreamReplay> replay;
    if (work.kind)
        replay.emplace(work, upcasters, problems);
    for (qsizetype i = 0; i < work.events.size(); ++i) {
        checkLink(i > 0 ? &work.events.at(i - 1) : nullptr, work.events.at(i), work.stored.at(i),
                  problems);
        if (replay)
            replay->visit(work.events.at(i), work.stored.at(i));
    }
    if (replay)
        replay->finish();
    return problems;
}

} // namespace

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

void StreamChecks::add(StreamWork work) {
    if (work.kind && work.kind->projection && work.kind->projection->readsDatabase()) {
        submit();
        m_tasks.runHere([&] { return checkStream(work, m_upcasters); });
        return;
    }
    m_events += work.events.size();
    m_batch.push_back(std::move(work));
    if (m_events >= EventsPerTask)
        submit();
}

void StreamChecks::finish() {
    submit();
    m_tasks.finish();
}

void StreamChecks::submit() {
    if (m_batch.empty())
        return;
    m_tasks.submit([batch = std::move(m_batch), &upcasters = m_upcasters] {
        QList<IntegrityProblem> problems;
        for (const StreamWork &work : batch)
            problems << checkStream(work, upcasters);
        return problems;
    });
    m_batch.clear();
    m_events = 0;
}

} // namespace ot
