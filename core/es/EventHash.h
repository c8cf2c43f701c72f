#pragma once

#include "DomainEvent.h"

#include <QByteArray>

namespace ot {

// The integrity chain (see ARCHITECTURE.md, Integrity): hex SHA-256 over the previous event's
// hash in the same stream and a canonical serialisation of every stored column but position
// and hash (the state digest only where there is one, so events stored before it existed keep
// their hashes). `canonicalData` is canonicalJson() of the data as stored (never upcast data).
// PostgreSQL computes the same in PL/pgSQL (ordertrail_hash).
QByteArray chainHash(const QByteArray &previousHash, const DomainEvent &event,
                     const QByteArray &canonicalData);

// Hex SHA-256 over the netstrings of a snapshot's shape version and its canonical state text:
// what the event at a snapshot mark commits to (DomainEvent::stateDigest).
QByteArray stateDigest(int snapshotVersion, const QByteArray &canonicalState);

// Compact JSON with sorted keys (QJsonObject keeps its keys sorted).
QByteArray canonicalJson(const QJsonObject &object);

} // namespace ot
