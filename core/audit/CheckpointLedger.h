#pragma once

#include "Checkpoint.h"
#include "Integrity.h"
#include "es/Aggregate.h"

namespace ot {

// The words of the ledger of signed checkpoints, spelled once.
namespace CheckpointWord {
extern const QString Type;     // "Checkpoint": the ledger's stream type
extern const QString Ledger;   // "ledger": its one stream's id
extern const QString Record;   // "RecordCheckpoint"
extern const QString Recorded; // "CheckpointRecorded"
// The fields of both: the signed checkpoint's text and the signer's public key (hex), which
// lets a deep check verify every signature without being handed a key.
extern const QString Checkpoint;
extern const QString PublicKey;
} // namespace CheckpointWord

// The ledger of signed checkpoints, one stream in the event store, so it is hash-chained and
// append-only like every other. Its rule: each checkpoint is signed by the key it names, and
// links to the one recorded before it (the first to none). A deep check replays the ledger
// through this rule, so a forged, dropped or reordered checkpoint is refused there; `verify`
// with a checkpoint handed over and a trusted public key also checks who signed.
class CheckpointLedger final : public Aggregate {
public:
    explicit CheckpointLedger(QString id);

    // The signed checkpoint an event of the ledger records.
    static Result<SignedCheckpoint> recorded(const DomainEvent &event);
    // The checkpoint recorded last; empty when none was.
    const QByteArray &lastDigest() const { return m_lastDigest; }

    bool understands(const DomainEvent &event) const override;
    Result<void> admit(const DomainEvent &event) const override;

protected:
    Result<void> handle(const Command &command) override;
    void apply(const DomainEvent &event) override;

private:
    Result<void> check(const QJsonObject &data) const;

    QByteArray m_lastDigest;
};

// The checkpoint handed over, the ledger from it back to the first checkpoint (each signed by
// the key trusted and linked to the one before), and the history up to each of them: what is
// wrong is added to `problems`.
Result<void> checkLedger(EventStore &store, const SignedAnchor &anchor,
                         QList<IntegrityProblem> &problems);

} // namespace ot
