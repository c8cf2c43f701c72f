#pragma once

#include "Signing.h"
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

// A checkpoint signed by whoever took it and linked to the one taken before it. The ledger of
// them is kept in the database (CheckpointLedger.h); each signature says who vouched for the
// history at its boundary, and each link that no checkpoint before it was dropped or reordered.
struct SignedCheckpoint {
    Checkpoint checkpoint;
    qint64 takenAt = 0;   // UTC ms
    QByteArray previous;  // digest() of the checkpoint before it; empty for the first
    QByteArray signer;    // PublicKey::fingerprint() of the key that signed it
    QByteArray signature; // hex Ed25519 signature of signedText()

    // "ot2:BOUNDARY:STREAMS:EVENTS:DIGEST:TAKEN_AT:PREVIOUS:SIGNER", PREVIOUS "none" for the first.
    QByteArray signedText() const;
    // signedText() + ":" + signature: what is stored, printed and handed over (one line).
    QString toString() const;
    // Hex SHA-256 of toString(): what the next checkpoint links to.
    QByteArray digest() const;
    static Result<SignedCheckpoint> parse(const QString &text);
    static SignedCheckpoint sign(const Checkpoint &checkpoint, qint64 takenAt,
                                 const QByteArray &previous, const SigningKey &key);
    // Whether `key` signed exactly this.
    bool signedBy(const PublicKey &key) const;
};

// A signed checkpoint handed over by whoever took it, with the public key of the signer the
// auditor trusts: verify checks it, the ledger back to the first checkpoint, and the history
// against each.
struct SignedAnchor {
    SignedCheckpoint checkpoint;
    PublicKey key;
};

Result<Checkpoint> takeCheckpoint(EventStore &store);
// What the history up to `checkpoint` lost since it was taken, in words ("was changed, removed
// or cut off: then …, now …"); empty when nothing up to there changed.
Result<QString> changeSince(EventStore &store, const Checkpoint &checkpoint);
// The checkpoint the history gives today at `boundary`: equal to one taken then if and only
// if nothing up to there changed.
Result<Checkpoint> checkpointAt(EventStore &store, const QString &boundary);

} // namespace ot
