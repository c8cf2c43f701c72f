#include "CommandHandler.h"

#include "es/Clock.h"
#include "es/EventHash.h"
#include "es/Sha256.h"
#include "es/Upcasters.h"
#include "storage/Database.h"

#include <QJsonDocument>

namespace ot {

namespace {

// Stops a load at an event the aggregate does not know, so no state is made without it.
Result<void> checkUnderstood(const Aggregate &aggregate, const QList<DomainEvent> &events,
                             const QString &type, const QString &id) {
    for (const DomainEvent &event : events) {
        if (!aggregate.understands(event))
            return Error::storage(
                QStringLiteral("%1 %2 cannot be read: its version %3 is an event '%4' (schema "
                               "%5) that this version of OrderTrail does not know, written by a "
                               "newer version or another program; upgrade OrderTrail")
                    .arg(type, id)
                    .arg(event.metadata.version)
                    .arg(event.type.left(100))
                    .arg(event.schemaVersion));
    }
    return {};
}

} // namespace

CommandHandler::CommandHandler(EventStore &store, QString aggregateType, AggregateFactory factory,
                               const Clock &clock, IdGenerator &ids, StateProjection *projection,
                               Keyring *keys)
    : m_store(store)
    , m_type(std::move(aggregateType))
    , m_factory(std::move(factory))
    , m_clock(clock)
    , m_ids(ids)
    , m_projection(projection)
    , m_keys(keys) {}

Result<QList<DomainEvent>> CommandHandler::handle(const Command &request) {
    Command command = request;
    // Where the server records the login on each event, the state and the read model must
    // name the same person, whatever the command claims.
    if (m_store.database().dialect().serverStampsEvents())
        command.userId = m_store.database().sessionUser();
    return attemptFrom(command, 1);
}

QByteArray CommandHandler::digest(const Command &command) const {
    QJsonObject asked{{QStringLiteral("aggregateType"), m_type},
                      {QStringLiteral("aggregateId"), command.aggregateId},
                      {QStringLiteral("type"), command.type},
                      {QStringLiteral("data"), command.data},
                      {QStringLiteral("userId"), command.userId}};
    if (command.expectedVersion)
        asked.insert(QStringLiteral("expectedVersion"), *command.expectedVersion);
    return Sha256::hash(canonicalJson(asked)).toHex();
}

Result<std::optional<QList<DomainEvent>>> CommandHandler::earlierAnswer(const Command &command) {
    auto recorded = m_store.findCommand(command.id);
    if (!recorded)
        return recorded.error();
    if (!recorded.value())
        return std::optional<QList<DomainEvent>>();
    const CommandRecord &record = *recorded.value();
    if (record.digest != digest(command) || record.stream.type != m_type)
        return Error{ErrorCode::Conflict,
                     QStringLiteral("the commandId '%1' was sent before with another command (to "
                                    "%2 %3); a new command needs a new commandId")
                         .arg(command.id, record.stream.type, record.stream.id),
                     {}};
    auto events = m_store.read(record.stream, record.firstVersion - 1, record.lastVersion);
    if (!events)
        return events.error();
    return std::optional<QList<DomainEvent>>(events.value());
}

Result<QList<DomainEvent>> CommandHandler::attemptFrom(const Command &command, int first) {
    const StreamId stream{m_type, command.aggregateId};
    for (int attempt = first;; ++attempt) {
        // Start from the state this handler committed last, if it still has it: the append
        // finds out if anyone appended since (the stream head is then not where the state is),
        // and only then is the history read again.
        std::unique_ptr<Aggregate> aggregate;
        QByteArray headHash;
        if (std::unique_ptr<Remembered> remembered{m_recent.take(command.aggregateId)}) {
            aggregate = std::move(remembered->state);
            headHash = remembered->headHash;
        }
        const bool remembered = aggregate != nullptr;
        if (!remembered) {
            auto state = loadState(command.aggregateId, std::numeric_limits<qint64>::max());
            if (!state)
                return state.error();
            aggregate = std::move(state->aggregate);
            headHash = state->headHash;
        }
        // Sent before (its answer lost, say): answered from the record, applied once only.
        // Looked up after the state is read: a record committed before that read is found, so
        // a state that already holds the command's events is never judged by the rules again.
        if (command.idFromClient) {
            auto earlier = earlierAnswer(command);
            if (!earlier)
                return earlier.error();
            if (earlier.value())
                return *earlier.value();
        }
        const qint64 loaded = aggregate->version();
        if (command.expectedVersion && *command.expectedVersion != loaded) {
            if (remembered) { // perhaps only this state is behind: read the stream and see
                --attempt;
                continue;
            }
            return Error::versionConflict(*command.expectedVersion, loaded);
        }

        if (auto handled = aggregate->execute(command, m_clock, m_ids, m_keys); !handled) {
            // A rule refused it on a remembered state, which someone may have moved on since
            // (a shipped order may be delivered): only the stream itself may refuse it.
            if (remembered && handled.error().code != ErrorCode::Invalid) {
                --attempt;
                continue;
            }
            return handled.error();
        }
        if (aggregate->uncommittedEvents().isEmpty())
            return QList<DomainEvent>{};

        auto extras = extrasFor(*aggregate, loaded);
        if (!extras)
            return extras.error();
        if (command.idFromClient)
            extras->command = CommandRecord{command.id, digest(command), stream, 0, 0};
        auto appended = m_store.append(stream, loaded, aggregate->uncommittedEvents(),
                                       extras.value(), headHash);
        if (appended) {
            aggregate->markCommitted(appended.value());
            m_recent.insert(command.aggregateId,
                            new Remembered{std::move(aggregate), appended->back().hash});
            // Inside a caller's transaction the events may still be rolled back: the state
            // would then be ahead of the stream. Until then the commands after this one in the
            // same transaction (a group, a batch) start from it.
            m_store.database().onRollback(
                [this, id = command.aggregateId] { m_recent.remove(id); });
            return appended;
        }
        if (appended.error().code != ErrorCode::Conflict)
            return appended.error();
        // The same command, sent again at once, may have won: then that is the answer.
        if (command.idFromClient && command.expectedVersion) {
            auto earlier = earlierAnswer(command);
            if (!earlier)
                return earlier.error();
            if (earlier.value())
                return *earlier.value();
        }
        if (remembered) { // the remembered state was behind: read the stream and try again
            --attempt;
            continue;
        }
        if (command.expectedVersion || attempt == MaxAttempts)
            return appended.error();
        ++m_conflictsRetried;
        // Someone appended between this read and this write. Read and write again in one
        // transaction that holds the stream (PostgreSQL: a lock on it; SQLite: the write lock,
        // taken as the transaction begins): writers that lost a race take turns, and only a
        // writer on its first try can still come between a read and its write, so nobody
        // gives up while others keep appending. Inside a caller's transaction (an atomic
        // batch) the lock is held to its end.
        const auto lockedAttempt = [&]() -> Result<QList<DomainEvent>> {
            if (auto locked = m_store.lockStreams({stream}); !locked)
                return locked.error();
            return attemptFrom(command, attempt + 1);
        };
        if (!m_store.database().inTransaction())
            return m_store.database().writeTransaction(lockedAttempt);
        return lockedAttempt();
    }
}

bool CommandHandler::crossesSnapshotMark(qint64 from, qint64 to, const Aggregate &aggregate) {
    return aggregate.snapshotVersion() > 0 && from / SnapshotEvery != to / SnapshotEvery;
}

Result<AppendExtras> CommandHandler::extrasFor(const Aggregate &aggregate,
                                               qint64 loadedVersion) const {
    AppendExtras extras;
    if (m_projection) {
        auto row = m_projection->project(aggregate);
        if (!row)
            return row.error();
        extras.row = std::move(row.value());
    }
    extras.forgetSubjects = aggregate.subjectsForgotten();
    if (crossesSnapshotMark(loadedVersion, aggregate.version(), aggregate))
        extras.snapshot = Snapshot{aggregate.version(), aggregate.snapshotVersion(),
                                   canonicalJson(aggregate.snapshot())};
    return extras;
}

Result<CommandHandler::LoadedState> CommandHandler::loadState(const QString &id, qint64 upTo) {
    const StreamId stream{m_type, id};
    LoadedState loaded{m_factory(id), {}};
    auto tail = m_store.replayFromSnapshot(stream, upTo);
    if (!tail)
        return tail.error();
    QList<DomainEvent> &history = tail.value();
    if (!history.isEmpty() && history.first().metadata.version > 1) {
        const qint64 start = history.first().metadata.version;
        auto bound = m_store.readSnapshot(stream, upTo);
        if (!bound)
            return bound.error();
        // A snapshot of another shape (older code), one its event does not commit to, or one
        // replaced since the events were read is passed over; the events before it decide.
        if (*bound && (*bound)->snapshot.version == start &&
            (*bound)->snapshot.snapshotVersion == loaded.aggregate->snapshotVersion() &&
            loaded.aggregate->restore(QJsonDocument::fromJson((*bound)->snapshot.state).object(),
                                      (*bound)->at, (*bound)->createdAt)) {
            loaded.headHash = (*bound)->at.hash;
            history.removeFirst();
        } else {
            loaded.aggregate = m_factory(id);
            auto head = m_store.replay(stream, 0, start - 1);
            if (!head)
                return head.error();
            history = *head + history;
        }
    }
    if (auto known = checkUnderstood(*loaded.aggregate, history, m_type, id); !known)
        return known.error();
    loaded.aggregate->loadFromHistory(history);
    if (!history.isEmpty())
        loaded.headHash = history.back().hash;
    return loaded;
}

Result<std::unique_ptr<Aggregate>> CommandHandler::load(const QString &id,
                                                        std::optional<qint64> version) {
    if (version && *version < 1)
        return Error::invalid(QStringLiteral("the version must be 1 or more"));
    auto loaded = loadState(id, version.value_or(std::numeric_limits<qint64>::max()));
    if (!loaded)
        return loaded.error();
    std::unique_ptr<Aggregate> &aggregate = loaded->aggregate;
    if (!aggregate->exists())
        return Error::notFound(QStringLiteral("%1 %2 does not exist").arg(m_type, id));
    if (version && aggregate->version() < *version)
        return Error::invalid(
            QStringLiteral("%1 has only %2 versions").arg(id).arg(aggregate->version()));
    return std::move(aggregate);
}

Result<void> CommandHandler::clearRebuilt() {
    if (m_projection) {
        if (auto cleared =
                m_store.database().run({QStringLiteral("DELETE FROM ") % m_projection->table().name,
                                        {},
                                        QStringLiteral("cannot clear the read model")});
            !cleared)
            return cleared;
    }
    return m_store.clearSnapshots(m_type);
}

Result<CommandHandler::Rebuilt>
CommandHandler::rebuilt(const EventStore::ScannedStream &stream) const {
    const QString &id = stream.events.front().aggregateId;
    std::unique_ptr<Aggregate> aggregate = m_factory(id);
    DomainEvent last;
    // The newest state whose digest its event commits to: only such a snapshot is ever used
    // (EventStore::readSnapshot), so only such a one is written.
    std::optional<std::pair<Snapshot, QByteArray>> snapshot;
    for (qsizetype i = 0; i < stream.events.size(); ++i) {
        last = stream.events.at(i);
        m_store.upcasters().lift(last, stream.stored.at(i));
        if (auto known = checkUnderstood(*aggregate, {last}, m_type, id); !known)
            return known.error();
        aggregate->loadFromHistory({last});
        if (!last.stateDigest.isEmpty()) {
            Snapshot state{aggregate->version(), aggregate->snapshotVersion(),
                           canonicalJson(aggregate->snapshot())};
            if (stateDigest(state.snapshotVersion, state.state) == last.stateDigest)
                snapshot = {std::move(state), last.hash};
        }
    }
    Rebuilt rebuilt;
    if (m_projection) {
        auto row = m_projection->project(*aggregate);
        if (!row)
            return row.error();
        rebuilt.row =
            EventStore::rowValues(id, *row, stream.events.front().metadata.timestamp, last);
    }
    if (snapshot)
        rebuilt.snapshot =
            EventStore::snapshotValues({m_type, id}, snapshot->first, snapshot->second);
    return rebuilt;
}

} // namespace ot
