#include "Command.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace ot {

namespace {

constexpr qsizetype MaxIdentifierLength = 200;
constexpr double MaxExactInteger = 9007199254740992.0; // 2^53: larger JSON numbers are not exact

bool hasControlCharacter(const QString &value) {
    for (const QChar c : value) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

QString jsonTypeName(const QJsonValue &value) {
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

} // namespace

Result<QString> checkIdentifier(const QString &value, const QString &what) {
    if (value.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("%1 must not be empty").arg(what));
    if (value.size() > MaxIdentifierLength)
        return Error::invalid(QStringLiteral("%1 is too long (%2 characters, at most %3)")
                                  .arg(what)
                                  .arg(value.size())
                                  .arg(MaxIdentifierLength));
    if (value.front().isSpace() || value.back().isSpace())
        return Error::invalid(QStringLiteral("%1 must not start or end with a space").arg(what));
    if (hasControlCharacter(value))
        return Error::invalid(QStringLiteral("%1 must not contain control characters").arg(what));
    return value;
}

Result<Command> commandFromJson(const QByteArray &body, const QString &aggregateId,
                                const QString &defaultUserId, const QString &commandId) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::invalid(QStringLiteral("malformed JSON at offset %1: %2")
                                  .arg(parseError.offset)
                                  .arg(parseError.errorString()));
    if (!doc.isObject())
        return Error::invalid(QStringLiteral("the command must be a JSON object"));
    const QJsonObject object = doc.object();

    static const QStringList known{QStringLiteral("type"), QStringLiteral("data"),
                                   QStringLiteral("userId"), QStringLiteral("expectedVersion"),
                                   QStringLiteral("correlationId")};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            return Error::invalid(QStringLiteral("unknown field '%1' in the command (expected %2)")
                                      .arg(it.key().left(100), known.join(QStringLiteral(", "))));
    }

    Command command;
    command.id = commandId;
    auto id = checkIdentifier(aggregateId, QStringLiteral("the order id"));
    if (!id)
        return id.error();
    command.aggregateId = id.value();

    const QJsonValue type = object.value(QStringLiteral("type"));
    if (!type.isString())
        return Error::invalid(QStringLiteral("'type' must be a string naming the command, not %1")
                                  .arg(jsonTypeName(type)));
    command.type = type.toString();
    if (command.type.isEmpty())
        return Error::invalid(QStringLiteral("'type' must not be empty"));

    const QJsonValue data = object.value(QStringLiteral("data"));
    if (data.isObject())
        command.data = data.toObject();
    else if (!data.isUndefined())
        return Error::invalid(
            QStringLiteral("'data' must be a JSON object, not %1").arg(jsonTypeName(data)));

    const QJsonValue user = object.value(QStringLiteral("userId"));
    if (user.isUndefined()) {
        command.userId = defaultUserId;
    } else if (user.isString()) {
        auto checked = checkIdentifier(user.toString(), QStringLiteral("'userId'"));
        if (!checked)
            return checked.error();
        command.userId = checked.value();
    } else {
        return Error::invalid(
            QStringLiteral("'userId' must be a string, not %1").arg(jsonTypeName(user)));
    }

    const QJsonValue expected = object.value(QStringLiteral("expectedVersion"));
    if (!expected.isUndefined()) {
        const double v = expected.toDouble(-1);
        if (!expected.isDouble() || v < 0 || v != std::floor(v) || v > MaxExactInteger)
            return Error::invalid(QStringLiteral("'expectedVersion' must be a whole number >= 0"));
        command.expectedVersion = static_cast<qint64>(v);
    }

    const QJsonValue correlation = object.value(QStringLiteral("correlationId"));
    if (correlation.isUndefined()) {
        command.correlationId = commandId;
    } else if (correlation.isString()) {
        auto checked = checkIdentifier(correlation.toString(), QStringLiteral("'correlationId'"));
        if (!checked)
            return checked.error();
        command.correlationId = checked.value();
    } else {
        return Error::invalid(QStringLiteral("'correlationId' must be a string, not %1")
                                  .arg(jsonTypeName(correlation)));
    }
    return command;
}

} // namespace ot
