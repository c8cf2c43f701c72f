#pragma once

#include "es/Result.h"

#include <QList>

namespace ot {

class CommandHandler;
class EventStore;

// Computes every read model again from the events, in the caller's write transaction: each
// handler's projection rows and snapshots, and the audit's hourly counts (schema 9), from one
// scan of the events. Streams of a type no handler takes are counted, not projected. Returns the
// number of streams projected; an event a handler's aggregate does not know stops it.
Result<qint64> rebuildReadModels(EventStore &store, const QList<CommandHandler *> &handlers);

} // namespace ot
