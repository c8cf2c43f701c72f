#include "Checkpoint.h"

#include "es/Sha256.h"
#include "storage/Database.h"
#include "store/EventStore.h"

#include <QRegularExpression>
#include <QSqlError>

namespace ot {

QString Checkpoint::toString() const {
    return QStringLiteral("ot1:%1:%2:%3:%4")
        .arg(boundary)
        .arg(streams)
        .arg(events)
        .arg(QString::fromLatin1(digest));
}

Result<Checkpoint> Checkpoint::parse(const QString &text) {
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(
        QStringLiteral("ot1:([0-9]{1,20}):([0-9]{1,20}):([0-9]{1,20}):([0-9a-f]{64})")));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return Error::invalid(QStringLiteral("'%1' is not a checkpoint (ot1:BOUNDARY:STREAMS:"
                                             "EVENTS:DIGEST, as `ordertrail-cli checkpoint` "
                                             "prints it)")
                                  .arg(text.left(100)));
    return Checkpoint{match.captured(1), match.captured(2).toLongLong(),
                      match.captured(3).toLongLong(), match.captured(4).toLatin1()};
}

QByteArray SignedCheckpoint::signedText() const {
    return QStringLiteral("ot2:%1:%2:%3:%4:%5:%6:%7")
        .arg(checkpoint.boundary)
        .arg(checkpoint.streams)
        .arg(checkpoint.events)
        .arg(QString::fromLatin1(checkpoint.digest))
        .arg(takenAt)
        .arg(previous.isEmpty() ? QStringLiteral("none") : QString::fromLatin1(previous),
             QString::fromLatin1(signer))
        .toLatin1();
}

QString SignedCheckpoint::toString() const {
    return QString::fromLatin1(signedText() + ':' + signature);
}

QByteArray SignedCheckpoint::digest() const {
    return Sha256::hash(toString().toLatin1()).toHex();
}

Result<SignedCheckpoint> SignedCheckpoint::parse(const QString &text) {
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(
        QStringLiteral("ot2:([0-9]{1,20}):([0-9]{1,20}):([0-9]{1,20}):([0-9a-f]{64}):([0-9]{1,15}):"
                       "(none|[0-9a-f]{64}):([0-9a-f]{64}):([0-9a-f]{128})")));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return Error::invalid(QStringLiteral("'%1' is not a signed checkpoint (ot2:BOUNDARY:"
                                             "STREAMS:EVENTS:DIGEST:TAKEN_AT:PREVIOUS:SIGNER:"
                                             "SIGNATURE, as `ordertrail-cli checkpoint --sign` "
                                             "prints it)")
                                  .arg(text.left(100)));
    const QString previous = match.captured(6);
    return SignedCheckpoint{{match.captured(1), match.captured(2).toLongLong(),
                             match.captured(3).toLongLong(), match.captured(4).toLatin1()},
                            match.captured(5).toLongLong(),
                            previous == QLatin1String("none") ? QByteArray() : previous.toLatin1(),
                            match.captured(7).toLatin1(),
                            match.captured(8).toLatin1()};
}

SignedCheckpoint SignedCheckpoint::sign(const Checkpoint &checkpoint, qint64 takenAt,
                                        const QByteArray &previous, const SigningKey &key) {
    SignedCheckpoint signedOne{checkpoint, takenAt, previous, key.publicKey().fingerprint(), {}};
    signedOne.signature = key.sign(signedOne.signedText());
    return signedOne;
}

bool SignedCheckpoint::signedBy(const PublicKey &key) const {
    return key.fingerprint() == signer && key.verifies(signedText(), signature);
}

Result<Checkpoint> takeCheckpoint(EventStore &store) {
    Database &db = store.database();
    const QString what = QStringLiteral("cannot take a checkpoint");
    auto boundary = db.value(db.dialect().checkpointBoundarySql(), {}, what);
    if (!boundary)
        return boundary.error();
    return checkpointAt(store, boundary->toString());
}

Result<QString> changeSince(EventStore &store, const Checkpoint &checkpoint) {
    auto now = checkpointAt(store, checkpoint.boundary);
    if (!now)
        return now.error();
    if (now->digest == checkpoint.digest)
        return QString();
    return QStringLiteral("was changed, removed or cut off: then %1 events in %2 streams, now %3 "
                          "events in %4 streams up to that point")
        .arg(checkpoint.events)
        .arg(checkpoint.streams)
        .arg(now->events)
        .arg(now->streams);
}

Result<Checkpoint> checkpointAt(EventStore &store, const QString &boundary) {
    Database &db = store.database();
    const QString what = QStringLiteral("cannot compute the checkpoint");
    const QString below = db.dialect().belowBoundarySql();
    // Within a stream versions commit in order, so the highest version below the boundary is
    // the head the stream had there.
    auto found = db.query(
        QStringLiteral("SELECT e.aggregate_type, e.aggregate_id, e.version, e.hash, h.events "
                       "FROM events e JOIN (SELECT aggregate_type, aggregate_id, max(version) AS "
                       "version, count(*) AS events FROM events WHERE ") %
            below %
            QStringLiteral(" GROUP BY aggregate_type, aggregate_id) h ON e.aggregate_type = "
                           "h.aggregate_type AND e.aggregate_id = h.aggregate_id AND e.version = "
                           "h.version ORDER BY e.aggregate_type, e.aggregate_id"),
        {boundary}, what);
    if (!found)
        return found.error();
    QSqlQuery *heads = found.value();
    Checkpoint checkpoint{boundary, 0, 0, {}};
    Sha256 hash;
    hash.addNetstring(boundary.toUtf8());
    while (heads->next()) {
        hash.addNetstring(heads->value(0).toString().toUtf8());
        hash.addNetstring(heads->value(1).toString().toUtf8());
        hash.addNetstring(heads->value(2).toString().toUtf8());
        hash.addNetstring(heads->value(3).toString().toUtf8());
        ++checkpoint.streams;
        checkpoint.events += heads->value(4).toLongLong();
    }
    if (heads->lastError().isValid())
        return db.storageError(heads->lastError(), what);
    heads->finish();
    checkpoint.digest = hash.result().toHex();
    return checkpoint;
}

} // namespace ot
