#pragma once

#include "Money.h"
#include "es/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

#include <optional>
#include <utility>
#include <variant>

namespace ot {

// Strict reading of a command's data, shared by every aggregate of the domain: only the named
// fields, each of the right JSON type and within bounds; a clear `invalid` otherwise.
class Fields {
public:
    Fields(const QJsonObject &data, const QString &command)
        : m_data(data)
        , m_command(command) {}

    Result<void> allowOnly(const QStringList &names) const;
    bool has(const QString &name) const { return m_data.contains(name); }

    // A text field: non-empty, at most maxLength characters, no leading or trailing space, no
    // control characters (but line breaks and tabs where multiLine).
    Result<QString> text(const QString &name, qsizetype maxLength, bool multiLine = false) const;
    Result<std::optional<QString>> optionalText(const QString &name, qsizetype maxLength,
                                                bool multiLine = false) const;
    Result<qint64> quantity(const QString &name) const;
    Result<Money> price(const QString &name) const;
    // A percentage (a tax rate, a discount): a decimal string from "0" to "100", at most 4
    // decimals; returned without trailing zeros ("7.50" is "7.5").
    Result<QString> percent(const QString &name) const;
    // An e-mail address: one @, a dotted domain, no spaces, at most 254 characters.
    Result<QString> email(const QString &name) const;
    // A telephone number: digits, spaces, + ( ) - . /, at least 3 digits.
    Result<QString> phone(const QString &name) const;
    // An address: {line1, line2?, postalCode?, city, country (ISO 3166-1 alpha-2)}, returned
    // normalised (the country in capitals).
    Result<QJsonObject> address(const QString &name) const;

    // The same field check of a value found elsewhere.
    static Result<QString> checkText(const QJsonValue &value, const QString &name,
                                     qsizetype maxLength, bool multiLine = false);

private:
    Result<QJsonValue> required(const QString &name) const;

    const QJsonObject &m_data;
    const QString &m_command;
};

bool isCountryCode(const QString &code);

// The data an event records, gathered field by field as a command is read: a command's event
// gets it as a JSON object (toObject); a deep verify compares it with a stored event's object
// as that stands (matches), without building one. Building the objects was a quarter of a deep
// verify: Qt 6.4's QJsonObject allocates for every string it is given.
class RecordedData {
public:
    // Each replaces the field's value if it has one. (No value is undefined: QJsonObject would
    // drop such a field, which matches() would not.)
    void insert(const QString &field, const QString &text);
    void insert(const QString &field, qint64 number);
    void insert(const QString &field, const QJsonValue &value);
    // The field's text; empty when it has none or another type.
    QString text(const QString &field) const;
    QJsonObject toObject() const;
    // Whether `stored` holds exactly these fields, each with an equal value (QJsonValue's ==).
    bool matches(const QJsonObject &stored) const;

private:
    using Value = std::variant<QString, qint64, QJsonValue>;
    void set(const QString &field, Value value);

    QVarLengthArray<std::pair<QString, Value>, 8> m_fields;
};

} // namespace ot
