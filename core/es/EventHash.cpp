#include "EventHash.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include <cstdio>

namespace ot {

namespace {

void addText(QCryptographicHash &hash, const QString &text) {
    addNetstring(hash, text.toUtf8());
}

void addNumber(QCryptographicHash &hash, qint64 number) {
    char digits[24];
    const int n = std::snprintf(digits, sizeof digits, "%lld", static_cast<long long>(number));
    addNetstring(hash, QByteArrayView(digits, n));
}

} // namespace

void addNetstring(QCryptographicHash &hash, QByteArrayView bytes) {
    char length[24];
    const int n =
        std::snprintf(length, sizeof length, "%lld:", static_cast<long long>(bytes.size()));
    hash.addData(QByteArrayView(length, n));
    hash.addData(bytes);
    hash.addData(QByteArrayView(","));
}

QByteArray canonicalJson(const QJsonObject &object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray chainHash(const QByteArray &previousHash, const DomainEvent &event,
                     const QByteArray &canonicalData) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    addNetstring(hash, previousHash);
    addNetstring(hash, event.id.toByteArray(QUuid::WithoutBraces));
    addText(hash, event.aggregateType);
    addText(hash, event.aggregateId);
    addNumber(hash, event.metadata.version);
    addText(hash, event.type);
    addNumber(hash, qint64(event.schemaVersion));
    addNetstring(hash, canonicalData);
    addText(hash, event.metadata.userId);
    addText(hash, event.metadata.correlationId);
    addText(hash, event.metadata.causationId);
    addNumber(hash, event.metadata.timestamp);
    return hash.result().toHex();
}

} // namespace ot
