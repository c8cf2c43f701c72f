#include "EventHash.h"

#include "Sha256.h"

#include <QJsonDocument>

#include <charconv>

namespace ot {

namespace {

void addText(Sha256 &hash, const QString &text) {
    hash.addNetstring(QStringView(text));
}

void addNumber(Sha256 &hash, qint64 number) {
    char digits[24];
    hash.addNetstring(
        QByteArrayView(digits, std::to_chars(digits, digits + sizeof digits, number).ptr));
}

} // namespace

QByteArray canonicalJson(const QJsonObject &object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray chainHash(const QByteArray &previousHash, const DomainEvent &event,
                     const QByteArray &canonicalData) {
    Sha256 hash;
    hash.addNetstring(previousHash);
    hash.addNetstring(event.id.toByteArray(QUuid::WithoutBraces));
    addText(hash, event.aggregateType);
    addText(hash, event.aggregateId);
    addNumber(hash, event.metadata.version);
    addText(hash, event.type);
    addNumber(hash, qint64(event.schemaVersion));
    hash.addNetstring(canonicalData);
    addText(hash, event.metadata.userId);
    addText(hash, event.metadata.correlationId);
    addText(hash, event.metadata.causationId);
    addNumber(hash, event.metadata.timestamp);
    if (!event.stateDigest.isEmpty())
        hash.addNetstring(event.stateDigest);
    return hash.result().toHex();
}

QByteArray stateDigest(int snapshotVersion, const QByteArray &canonicalState) {
    Sha256 hash;
    addNumber(hash, snapshotVersion);
    hash.addNetstring(canonicalState);
    return hash.result().toHex();
}

} // namespace ot
