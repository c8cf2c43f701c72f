#pragma once

#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QSet>
#include <QString>

namespace ot {

// Personal data is stored sealed (AES-256-GCM) under a key of the person it is about, its
// subject: the hash chain covers the sealed bytes, so destroying the key erases every copy of
// the data while every hash, checkpoint and replay still holds (ARCHITECTURE.md, Erasure).
//
// A sealed value in event data: {"sealed": base64(nonce | ciphertext | tag), "subject": ID}.
// The subject is the additional authenticated data, so a value cannot be moved to another
// subject. What a reader shows instead of a value whose key is gone: {"erased": true}.
namespace sealed {

constexpr qsizetype KeyBytes = 32;

bool isSealed(const QJsonValue &value);
bool isErased(const QJsonValue &value);
QJsonValue erased();
// The subject a sealed value names (empty for anything else).
QString subjectOf(const QJsonValue &value);

// A new random key, as lower-case hex (how keys are stored).
QByteArray newKey();
Result<QJsonValue> seal(const QByteArray &hexKey, const QString &subject, const QJsonValue &value);
// The value sealed in `value`; empty when the key does not open it (or it is not sealed).
std::optional<QJsonValue> open(const QByteArray &hexKey, const QJsonValue &value);

// Adds the subject of every sealed value in `value` (at any depth) to `subjects`.
void collectSubjects(const QJsonValue &value, QSet<QString> &subjects);
// `value` with every sealed value in it opened with its subject's key in `keys`, or erased()
// where there is none or it does not open.
QJsonValue reveal(const QJsonValue &value, const QHash<QString, QByteArray> &keys);

} // namespace sealed

// Where the keys of subjects are kept (the event store's database). Keys are read afresh for
// every use, never cached: a key another session destroyed must not open anything here.
class Keyring {
public:
    virtual ~Keyring() = default;
    // The key of `subject`; with `create`, one is made if it has none. Empty when it has none
    // (never had one, or it was destroyed).
    virtual Result<QByteArray> key(const QString &subject, bool create) = 0;
    // The keys of those of `subjects` that have one.
    virtual Result<QHash<QString, QByteArray>> keys(const QSet<QString> &subjects) = 0;
};

} // namespace ot
