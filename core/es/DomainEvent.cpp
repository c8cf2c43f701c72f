#include "DomainEvent.h"

#include <QDateTime>

namespace ot {

QString isoTimestamp(qint64 msSinceEpochUtc) {
    return QDateTime::fromMSecsSinceEpoch(msSinceEpochUtc, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject DomainEvent::toJson() const {
    QJsonObject meta{
        {QStringLiteral("userId"), metadata.userId},
        {QStringLiteral("timestamp"), isoTimestamp(metadata.timestamp)},
        {QStringLiteral("version"), metadata.version},
        {QStringLiteral("correlationId"), metadata.correlationId},
        {QStringLiteral("causationId"), metadata.causationId},
    };
    return {
        {QStringLiteral("id"), id.toString(QUuid::WithoutBraces)},
        {QStringLiteral("aggregateId"), aggregateId},
        {QStringLiteral("aggregateType"), aggregateType},
        {QStringLiteral("type"), type},
        {QStringLiteral("data"), data},
        {QStringLiteral("metadata"), meta},
        {QStringLiteral("position"), position},
    };
}

} // namespace ot
