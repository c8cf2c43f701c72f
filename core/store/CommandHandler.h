#pragma once

#include "EventStore.h"
#include "es/Aggregate.h"

#include <QCache>

#include <functional>
#include <memory>

namespace ot {

class Clock;
class IdGenerator;
class Keyring;

// Load, handle, append. With an expectedVersion a mismatch is reported as a conflict; without
// one, a conflict at append means someone else got in first, so the command is re-run on the
// fresh state (its rules checked again) up to MaxAttempts times.
class CommandHandler final {
public:
    CommandHandler(EventStore &store, QString aggregateType, AggregateFactory factory,
                   const Clock &clock, IdGenerator &ids, StateProjection *projection = nullptr,
                   Keyring *keys = nullptr);

    static constexpr int MaxAttempts = 8;
    static constexpr int RecentStates = 1000;
    // A stream's snapshot is saved whenever its version passes a multiple of this (in the
    // command's transaction), so loading a stream's newest state replays fewer events than this.
    static constexpr qint64 SnapshotEvery = 100;

    Result<QList<DomainEvent>> handle(const Command &request);
    // The type of the streams this handler's commands go to.
    const QString &aggregateType() const { return m_type; }
    // How often a command was run again because another writer appended first.
    qint64 conflictsRetried() const { return m_conflictsRetried; }

    // The aggregate as it was at `version` (its current state when not given). Not found when
    // the stream is empty.
    Result<std::unique_ptr<Aggregate>> load(const QString &id,
                                            std::optional<qint64> version = std::nullopt);

    // A rebuild of the read models (rebuildReadModels) in pieces: what the rebuild writes again
    // is deleted first, then each stream, as a scan read it (EventStore::Shape::Replay), is
    // replayed into its read-model row and its newest committed snapshot, which the rebuild
    // inserts many to a statement (the values of EventStore::rowColumns and
    // EventStore::SnapshotColumns; empty where there is none).
    struct Rebuilt {
        QVariantList row;
        QVariantList snapshot;
    };
    Result<void> clearRebuilt();
    Result<Rebuilt> rebuilt(const EventStore::ScannedStream &stream) const;
    // The table of the read-model rows rebuilt() gives; none without a projection.
    const ReadModelTable *readModel() const {
        return m_projection ? &m_projection->table() : nullptr;
    }
    // rebuilt() touches no database unless the projection reads it
    // (StateProjection::readsDatabase); only then must it run on the connection's thread.
    bool rebuildsOnPool() const { return !m_projection || !m_projection->readsDatabase(); }

private:
    struct LoadedState {
        std::unique_ptr<Aggregate> aggregate;
        QByteArray headHash; // of the newest event applied
    };
    // handle() from attempt `first` on.
    Result<QList<DomainEvent>> attemptFrom(const Command &command, int first);
    // For a command with its client's id: the events it appended when it was sent before, a
    // conflict if the id was sent with another command, or nothing if it was not sent yet.
    Result<std::optional<QList<DomainEvent>>> earlierAnswer(const Command &command);
    // What a command asks, as recorded with its id.
    QByteArray digest(const Command &command) const;
    // The state at `upTo` (or the newest): from a fitting snapshot plus the events after it.
    Result<LoadedState> loadState(const QString &id, qint64 upTo);
    static bool crossesSnapshotMark(qint64 from, qint64 to, const Aggregate &aggregate);
    // What an append of `aggregate`'s new events writes with them.
    Result<AppendExtras> extrasFor(const Aggregate &aggregate, qint64 loadedVersion) const;

    EventStore &m_store;
    QString m_type;
    AggregateFactory m_factory;
    const Clock &m_clock;
    IdGenerator &m_ids;
    StateProjection *m_projection;
    Keyring *m_keys;
    // The states this handler appended last, with the hash of their newest event. A state is
    // taken out while a command runs on it and put back once appended, so a failed command
    // never leaves one behind; one whose transaction rolls back later is removed then.
    struct Remembered {
        std::unique_ptr<Aggregate> state;
        QByteArray headHash;
    };
    QCache<QString, Remembered> m_recent{RecentStates};
    qint64 m_conflictsRetried = 0;
};

} // namespace ot
