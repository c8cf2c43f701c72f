#pragma once

#include "Checkpoint.h"
#include "es/Result.h"
#include "store/Projection.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace ot {

class EventStore;

struct IntegrityProblem {
    enum class Kind {
        Altered,    // the row does not match its hash (or the hash of the event before it)
        Missing,    // versions absent from the stream
        Reordered,  // a later version stored at an earlier position
        Checkpoint, // the history up to a checkpoint is not what it was when it was taken
        // Deep only: what a replay of the events through the rules finds.
        Refused,   // the rules would have refused this event at this point
        State,     // the state digest an event commits to is not the replayed state's
        Snapshot,  // a snapshot that is not the replayed state at its version
        ReadModel, // a read model's row that is not what the replay projects
    };
    Kind kind = Kind::Altered;
    QString aggregateType;
    QString aggregateId;
    qint64 version = 0; // for Missing: the first missing version
    qint64 position = 0;
    QString eventId;
    QString detail;
    QString userId; // the login that wrote it, as recorded

    QJsonObject toJson() const;
};

struct IntegrityReport {
    bool deep = false;
    qint64 eventsChecked = 0;
    qint64 streamsChecked = 0;
    bool cancelled = false;
    QList<IntegrityProblem> problems;

    bool intact() const { return !cancelled && problems.isEmpty(); }
    QJsonObject toJson() const;
};

// What a deep check replays each aggregate type with: its factory (the same rules commands
// run) and its read model, if it has one.
struct AggregateKind {
    QString type;
    AggregateFactory factory;
    const StateProjection *projection = nullptr;
};

using IntegrityProgress = std::function<bool(qint64 done, qint64 total)>;

struct VerifyOptions {
    // Fast: every hash chain from the rows as stored (links only). Deep (with `kinds`): also
    // replays every stream through the rules, and compares every state digest, snapshot and
    // read-model row with that replay. Streams of a type not in `kinds` get the fast check.
    QList<AggregateKind> kinds;
    // With a checkpoint, also checks that nothing up to it was changed, removed or cut off.
    std::optional<Checkpoint> checkpoint;
    // With a signed one: also that the key signed it, that the ledger holds it with every
    // checkpoint before it, each signed by the key and linked to the one before, and that
    // nothing up to any of them changed.
    std::optional<SignedAnchor> anchor;
    // Called now and then with (events done, events in all); returning false cancels.
    IntegrityProgress progress;
};

Result<IntegrityReport> verifyHistory(EventStore &store, const VerifyOptions &options = {});

} // namespace ot
