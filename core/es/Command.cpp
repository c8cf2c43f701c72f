#include "Command.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

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

// A decimal number as sign, significant digits and the power of ten before the first of them:
// 12.50, 1.25e1 and 0.125e2 are all {false, "125", 2}; every zero is {false, "", 0}.
struct Decimal {
    bool negative = false;
    std::string digits;
    long long exponent = 0;
    bool operator==(const Decimal &) const = default;
};

std::optional<Decimal> decimal(std::string_view text) {
    Decimal d;
    if (!text.empty() && text.front() == '-') {
        d.negative = true;
        text.remove_prefix(1);
    }
    long long power = 0;
    if (const size_t e = text.find_first_of("eE"); e != std::string_view::npos) {
        std::string_view digits = text.substr(e + 1);
        if (!digits.empty() && digits.front() == '+')
            digits.remove_prefix(1);
        // Clamped: no double but zero has a power of ten anywhere near these.
        if (std::from_chars(digits.data(), digits.data() + digits.size(), power).ec !=
                std::errc() ||
            power > 100'000 || power < -100'000)
            power = power < 0 ? -100'000 : 100'000;
        text = text.substr(0, e);
    }
    const size_t point = text.find('.');
    for (const char c : text) {
        if (c != '.')
            d.digits += c;
    }
    const size_t first = d.digits.find_first_not_of('0');
    if (first == std::string::npos)
        return Decimal{};
    d.digits.erase(0, first);
    d.digits.erase(d.digits.find_last_not_of('0') + 1);
    d.exponent = power +
                 static_cast<long long>(point == std::string_view::npos ? text.size() : point) -
                 static_cast<long long>(first);
    return d;
}

// The first number of `body` (valid JSON) that does not read back as itself.
std::optional<QByteArray> inexactNumber(const QByteArray &body) {
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body.at(i);
        if (c == '"') {
            // To the closing quote: the first one after an even number of backslashes.
            for (i = body.indexOf('"', i + 1); i > 0; i = body.indexOf('"', i + 1)) {
                qsizetype backslashes = 0;
                while (body.at(i - 1 - backslashes) == '\\')
                    ++backslashes;
                if (backslashes % 2 == 0)
                    break;
            }
            if (i < 0)
                return std::nullopt;
            continue;
        }
        if (c != '-' && (c < '0' || c > '9'))
            continue;
        qsizetype end = i;
        while (end < body.size() && body.at(end) != 0 &&
               std::strchr("+-.0123456789eE", body.at(end)))
            ++end;
        const QByteArray literal = body.mid(i, end - i);
        i = end - 1;
        double value = 0;
        std::from_chars(literal.constBegin(), literal.constEnd(), value);
        char shortest[32];
        const auto written = std::to_chars(shortest, shortest + sizeof shortest, value);
        if (decimal({literal.constData(), size_t(literal.size())}) !=
            decimal({shortest, size_t(written.ptr - shortest)}))
            return literal;
    }
    return std::nullopt;
}

} // namespace

Result<void> checkNumbersExact(const QByteArray &json) {
    if (const auto inexact = inexactNumber(json))
        return Error::invalid(QStringLiteral("the number %1 has more digits than can be kept "
                                             "exactly; a price may be sent as a decimal string "
                                             "such as \"9.99\"")
                                  .arg(QString::fromLatin1(inexact->left(40))));
    return {};
}

bool isStorableText(QStringView text) {
    return text.isValidUtf16() && !text.contains(QChar(0xfffe)) && !text.contains(QChar(0xffff));
}

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
    if (!isStorableText(value))
        return Error::invalid(
            QStringLiteral("%1 must be valid text (no unpaired surrogates, U+FFFE or U+FFFF)")
                .arg(what));
    return value;
}

Result<QString> checkCommandId(const QString &value, const QString &what) {
    auto checked = checkIdentifier(value, what);
    if (!checked)
        return checked.error();
    if (checked->size() > MaxCommandIdLength)
        return Error::invalid(QStringLiteral("%1 must be at most %2 characters (a UUID is 36)")
                                  .arg(what)
                                  .arg(MaxCommandIdLength));
    return checked;
}

Result<Command> commandFromJson(const QByteArray &body, const QString &aggregateId,
                                const QString &defaultUserId, const QString &generatedId) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::invalid(QStringLiteral("malformed JSON at offset %1: %2")
                                  .arg(parseError.offset)
                                  .arg(parseError.errorString()));
    if (!doc.isObject())
        return Error::invalid(QStringLiteral("the command must be a JSON object"));
    if (auto exact = checkNumbersExact(body); !exact)
        return exact.error();
    const QJsonObject object = doc.object();

    static const QStringList known{
        QStringLiteral("type"),          QStringLiteral("data"),
        QStringLiteral("userId"),        QStringLiteral("expectedVersion"),
        QStringLiteral("correlationId"), QStringLiteral("commandId")};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            return Error::invalid(QStringLiteral("unknown field '%1' in the command (expected %2)")
                                      .arg(it.key().left(100), known.join(QStringLiteral(", "))));
    }

    Command command;
    command.id = generatedId;
    const QJsonValue clientId = object.value(QStringLiteral("commandId"));
    if (!clientId.isUndefined()) {
        if (!clientId.isString())
            return Error::invalid(
                QStringLiteral("'commandId' must be a string, not %1").arg(jsonTypeName(clientId)));
        auto checked = checkCommandId(clientId.toString(), QStringLiteral("'commandId'"));
        if (!checked)
            return checked.error();
        command.id = checked.value();
        command.idFromClient = true;
    }
    auto id = checkIdentifier(aggregateId, QStringLiteral("the aggregate id"));
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
        command.correlationId = command.id;
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
