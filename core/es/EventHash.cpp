#include "EventHash.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace ot {

QByteArray canonicalJson(const QJsonObject &object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray chainHash(const QByteArray &previousHash, const DomainEvent &event,
                     const QByteArray &canonicalData) {
    // A JSON array gives an unambiguous framing of the fields (no separator can be forged).
    const QJsonArray fields{
        event.id.toString(QUuid::WithoutBraces),
        event.aggregateType,
        event.aggregateId,
        event.metadata.version,
        event.type,
        event.schemaVersion,
        QString::fromUtf8(canonicalData),
        event.metadata.userId,
        event.metadata.correlationId,
        event.metadata.causationId,
        event.metadata.timestamp,
    };
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(previousHash);
    hash.addData(QByteArrayView("\n"));
    hash.addData(QJsonDocument(fields).toJson(QJsonDocument::Compact));
    return hash.result().toHex();
}

} // namespace ot
