#pragma once

#include "Integrity.h"
#include "es/DomainEvent.h"
#include "es/OrderedTasks.h"

#include <QList>

#include <optional>
#include <vector>

namespace ot {

class UpcasterRegistry;

// One stream as the scan met it, to be checked on another thread: its events with their data
// as stored, and the rows kept beside it.
struct StreamWork {
    const AggregateKind *kind = nullptr; // null: the fast check alone
    QString id;
    QList<DomainEvent> events;
    QList<QByteArray> stored;
    std::optional<QVariantList> snapshot; // version, snapshot_version, state, head_hash
    std::optional<QVariantList> row;      // the read model's, when the kind has one
};

// Checks streams on the thread pool while the scan reads on, a few thousand events a task,
// and hands back what they found in the order the streams were read: at each event its link
// to the one before (the fast check), then, for a stream of a kind, the replay's findings
// (every event admitted and applied, every state digest and snapshot compared with the
// replayed state); then the stream's read-model row.
class StreamChecks {
public:
    StreamChecks(const UpcasterRegistry &upcasters, QList<IntegrityProblem> &problems)
        : m_upcasters(upcasters)
        , m_tasks(
              [&problems](QList<IntegrityProblem> found) { problems.append(std::move(found)); }) {}

    void add(StreamWork work);
    // Waits for every stream added; their problems are then in `problems`.
    void finish();

private:
    static constexpr qsizetype EventsPerTask = 4000;

    void submit();

    const UpcasterRegistry &m_upcasters;
    std::vector<StreamWork> m_batch;
    qsizetype m_events = 0;
    OrderedTasks<QList<IntegrityProblem>> m_tasks;
};

// A problem with a read model's row, named by its stream.
IntegrityProblem rowProblem(const AggregateKind &kind, const QString &id,
                            const QVariantList &stored, const QString &detail);

} // namespace ot
