#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

namespace ot {

struct EventMetadata {
    QString userId;
    qint64 timestamp = 0; // UTC, milliseconds since the epoch
    qint64 version = 0;   // 1, 2, 3... within the stream
    QString correlationId;
    QString causationId;
};

// One fact about one aggregate. `position` and `hash` are assigned by the store on append.
struct DomainEvent {
    QUuid id;
    QString aggregateId;
    QString aggregateType;
    QString type;
    QJsonObject data;
    EventMetadata metadata;
    int schemaVersion = 1;
    qint64 position = 0;
    QByteArray hash;
    // At a snapshot mark, the digest of the aggregate's saved state after this event
    // (stateDigest()), covered by the hash: it binds the snapshot to the chain. Empty elsewhere.
    QByteArray stateDigest;

    // The public JSON shape (CLI, HTTP): id, aggregateId, aggregateType, type, data,
    // metadata{userId, timestamp, version, correlationId, causationId}, position.
    QJsonObject toJson() const;
};

QString isoTimestamp(qint64 msSinceEpochUtc);

} // namespace ot
