#pragma once

#include "Checkpoint.h"
#include "es/Result.h"

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
    };
    Kind kind = Kind::Altered;
    QString aggregateType;
    QString aggregateId;
    qint64 version = 0; // for Missing: the first missing version
    qint64 position = 0;
    QString eventId;
    QString detail;

    QJsonObject toJson() const;
};

struct IntegrityReport {
    qint64 eventsChecked = 0;
    qint64 streamsChecked = 0;
    bool cancelled = false;
    QList<IntegrityProblem> problems;

    bool intact() const { return !cancelled && problems.isEmpty(); }
    QJsonObject toJson() const;
};

// Recomputes every stream's hash chain from the rows as stored. `progress(done, total)` is
// called now and then; returning false cancels the check.
// With a checkpoint, also checks that nothing up to it was changed, removed or cut off.
using IntegrityProgress = std::function<bool(qint64 done, qint64 total)>;
Result<IntegrityReport> verifyHistory(EventStore &store, const IntegrityProgress &progress = {},
                                      const std::optional<Checkpoint> &checkpoint = std::nullopt);

} // namespace ot
