#pragma once

#include "DomainEvent.h"

#include <QByteArray>

namespace ot {

// The integrity chain (see ARCHITECTURE.md, Integrity): hex SHA-256 over the previous event's
// hash in the same stream and a canonical serialisation of every stored column but position
// and hash. `canonicalData` is canonicalJson() of the data as stored (never upcast data).
QByteArray chainHash(const QByteArray &previousHash, const DomainEvent &event,
                     const QByteArray &canonicalData);

// Compact JSON with sorted keys (QJsonObject keeps its keys sorted).
QByteArray canonicalJson(const QJsonObject &object);

} // namespace ot
