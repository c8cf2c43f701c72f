#pragma once

#include "es/Result.h"

#include <QString>

namespace ot {

class EventStore;

// One digest over the head (version and hash) of every stream, as committed up to a boundary:
// written down elsewhere, it later proves that nothing up to there was changed, removed or cut
// off, which a hash chain alone cannot show for the newest events of a stream.
struct Checkpoint {
    QString boundary; // see Dialect::checkpointBoundarySql
    qint64 streams = 0;
    qint64 events = 0;
    QByteArray digest; // hex SHA-256

    // "ot1:BOUNDARY:STREAMS:EVENTS:DIGEST", short enough to copy onto paper.
    QString toString() const;
    static Result<Checkpoint> parse(const QString &text);
};

Result<Checkpoint> takeCheckpoint(EventStore &store);
// The checkpoint the history gives today at `boundary`: equal to one taken then if and only
// if nothing up to there changed.
Result<Checkpoint> checkpointAt(EventStore &store, const QString &boundary);

} // namespace ot
