#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace ot {

struct Command {
    QString id; // the causation id of every event this command produces
    QString type;
    QString aggregateId;
    QJsonObject data;
    QString userId;
    QString correlationId;                 // defaults to the command id
    std::optional<qint64> expectedVersion; // the version the issuer saw, if any
    // The id is the client's `commandId`: the store records the command with its events, and
    // the same command sent again is answered with them rather than applied again.
    bool idFromClient = false;
    // What the application looked up for the command, not the client's words (a customer's
    // sealed name, a catalogue product's price): never read from a request, and not part of
    // what a commandId's record compares.
    QJsonObject context = {};
};

// Parses the body of the original HTTP route: {"type","data","userId","expectedVersion"?,
// "correlationId"?, "commandId"?}. Types are checked strictly (no coercion); `defaultUserId` is
// used when the body names no user. The command's id is its `commandId` if it has one (at most
// MaxCommandIdLength characters), else `generatedId`.
Result<Command> commandFromJson(const QByteArray &body, const QString &aggregateId,
                                const QString &defaultUserId, const QString &generatedId);
constexpr qsizetype MaxCommandIdLength = 64;
// A client's command id (`commandId`, HTTP's Idempotency-Key): an identifier of at most
// MaxCommandIdLength characters; `what` names where it came from.
Result<QString> checkCommandId(const QString &value, const QString &what);

// Qt reads every JSON number into a double, so a literal with more digits than a double keeps
// (1.0000000000000001, 9007199254740993) would silently become another number than the one
// sent: refused, naming the number. `json` must be valid JSON; commandFromJson checks its body.
Result<void> checkNumbersExact(const QByteArray &json);

// Identifiers (aggregate ids, user ids, correlation ids) share one rule: non-empty after
// trimming, at most 200 characters, no control characters, storable text.
Result<QString> checkIdentifier(const QString &value, const QString &what);

// Whether `text` reads back from every database as it was written. SQLite returns unpaired
// UTF-16 surrogates and the noncharacters U+FFFE and U+FFFF as U+FFFD, so such text would be
// shown, and hashed, as other text than the one stored.
bool isStorableText(QStringView text);

} // namespace ot
