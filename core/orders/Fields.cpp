#include "Fields.h"

#include "OrderAggregate.h"
#include "Pricing.h"
#include "es/Command.h"

#include <QRegularExpression>

#include <cmath>

namespace ot {

namespace {

constexpr qsizetype MaxEmailLength = 254;
constexpr qsizetype MaxPhoneLength = 40;
constexpr qsizetype MaxAddressLine = 200;
constexpr qsizetype MaxPostalCode = 20;
constexpr qsizetype MaxCity = 100;

} // namespace

bool isCountryCode(const QString &code) {
    // ISO 3166-1 alpha-2, the officially assigned codes.
    static const QStringList codes =
        QStringLiteral("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ "
                       "BL BM BN BO "
                       "BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX "
                       "CY CZ DE DJ "
                       "DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI "
                       "GL GM GN GP "
                       "GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM "
                       "JO JP KE KG "
                       "KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF "
                       "MG MH MK ML "
                       "MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU "
                       "NZ OM PA PE "
                       "PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH "
                       "SI SJ SK SL "
                       "SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW "
                       "TZ UA UG UM "
                       "US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW")
            .split(u' ');
    return code.size() == 2 && codes.contains(code);
}

Result<void> Fields::allowOnly(const QStringList &names) const {
    for (auto it = m_data.begin(); it != m_data.end(); ++it) {
        if (!names.contains(it.key()))
            return Error::invalid(QStringLiteral("unknown field '%1' in %2 data (expected: %3)")
                                      .arg(it.key().left(100), m_command,
                                           names.isEmpty() ? QStringLiteral("no fields")
                                                           : names.join(QStringLiteral(", "))));
    }
    return {};
}

Result<QJsonValue> Fields::required(const QString &name) const {
    const QJsonValue value = m_data.value(name);
    if (value.isUndefined())
        return Error::invalid(QStringLiteral("%1 needs '%2'").arg(m_command, name));
    return value;
}

Result<QString> Fields::checkText(const QJsonValue &value, const QString &name, qsizetype maxLength,
                                  bool multiLine) {
    if (!value.isString())
        return Error::invalid(QStringLiteral("'%1' must be a string").arg(name));
    const QString text = value.toString();
    if (text.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("'%1' must not be empty").arg(name));
    if (text.size() > maxLength)
        return Error::invalid(QStringLiteral("'%1' is too long (%2 characters, at most %3)")
                                  .arg(name)
                                  .arg(text.size())
                                  .arg(maxLength));
    if (text.front().isSpace() || text.back().isSpace())
        return Error::invalid(QStringLiteral("'%1' must not start or end with a space").arg(name));
    for (const QChar c : text) {
        const bool allowed = multiLine && (c == u'\n' || c == u'\r' || c == u'\t');
        if (c.category() == QChar::Other_Control && !allowed)
            return Error::invalid(
                QStringLiteral("'%1' must not contain control characters").arg(name));
    }
    if (!isStorableText(text))
        return Error::invalid(
            QStringLiteral("'%1' must be valid text (no unpaired surrogates, U+FFFE or U+FFFF)")
                .arg(name));
    return text;
}

Result<QString> Fields::text(const QString &name, qsizetype maxLength, bool multiLine) const {
    auto value = required(name);
    if (!value)
        return value.error();
    return checkText(value.value(), name, maxLength, multiLine);
}

Result<std::optional<QString>> Fields::optionalText(const QString &name, qsizetype maxLength,
                                                    bool multiLine) const {
    if (!m_data.contains(name))
        return std::optional<QString>();
    auto value = text(name, maxLength, multiLine);
    if (!value)
        return value.error();
    return std::optional<QString>(value.value());
}

Result<qint64> Fields::quantity(const QString &name) const {
    auto value = required(name);
    if (!value)
        return value.error();
    const double number = value->toDouble(0);
    if (!value->isDouble() || !std::isfinite(number) || number != std::floor(number))
        return Error::invalid(QStringLiteral("'%1' must be a whole number").arg(name));
    if (number < 1 || number > OrderAggregate::MaxQuantity)
        return Error::invalid(QStringLiteral("'%1' must be between 1 and %2")
                                  .arg(name)
                                  .arg(OrderAggregate::MaxQuantity));
    return static_cast<qint64>(number);
}

Result<Money> Fields::price(const QString &name) const {
    auto value = required(name);
    if (!value)
        return value.error();
    return Money::fromJson(value.value(), name);
}

Result<QString> Fields::percent(const QString &name) const {
    auto value = required(name);
    if (!value)
        return value.error();
    const QString text = value->toString();
    const auto rate = value->isString() ? Percent::parse(text) : std::nullopt;
    if (!rate) {
        if (!value->isString() || !Percent::isDecimal(text))
            return Error::invalid(QStringLiteral("'%1' must be a percentage as a decimal string, "
                                                 "such as \"19\" or \"7.5\"")
                                      .arg(name));
        return Error::invalid(QStringLiteral("'%1' must be between 0 and 100").arg(name));
    }
    return rate->toString();
}

Result<QString> Fields::email(const QString &name) const {
    auto text = this->text(name, MaxEmailLength);
    if (!text)
        return text;
    static const QRegularExpression shape(QStringLiteral("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$"));
    if (!shape.match(text.value()).hasMatch())
        return Error::invalid(
            QStringLiteral("'%1' is not an e-mail address (name@example.com)").arg(name));
    return text;
}

Result<QString> Fields::phone(const QString &name) const {
    auto text = this->text(name, MaxPhoneLength);
    if (!text)
        return text;
    static const QRegularExpression shape(QStringLiteral("^\\+?[0-9 ()./-]+$"));
    const qsizetype digits =
        std::count_if(text->cbegin(), text->cend(), [](QChar c) { return c.isDigit(); });
    if (!shape.match(text.value()).hasMatch() || digits < 3)
        return Error::invalid(QStringLiteral("'%1' is not a telephone number (digits, spaces "
                                             "and + ( ) - . / only)")
                                  .arg(name));
    return text;
}

Result<QJsonObject> Fields::address(const QString &name) const {
    auto value = required(name);
    if (!value)
        return value.error();
    if (!value->isObject())
        return Error::invalid(QStringLiteral("'%1' must be an object {line1, line2?, "
                                             "postalCode?, city, country}")
                                  .arg(name));
    const QJsonObject object = value->toObject();
    const QString where = QStringLiteral("%1 in %2").arg(name, m_command);
    const Fields parts(object, where);
    if (auto ok = parts.allowOnly({QStringLiteral("line1"), QStringLiteral("line2"),
                                   QStringLiteral("postalCode"), QStringLiteral("city"),
                                   QStringLiteral("country")});
        !ok)
        return ok.error();
    QJsonObject address;
    for (const auto &[part, length, needed] :
         {std::tuple{QStringLiteral("line1"), MaxAddressLine, true},
          std::tuple{QStringLiteral("line2"), MaxAddressLine, false},
          std::tuple{QStringLiteral("postalCode"), MaxPostalCode, false},
          std::tuple{QStringLiteral("city"), MaxCity, true}}) {
        if (!needed && !object.contains(part))
            continue;
        auto text = parts.text(part, length);
        if (!text)
            return text.error();
        address.insert(part, text.value());
    }
    auto country = parts.text(QStringLiteral("country"), 2);
    if (!country)
        return country.error();
    const QString code = country->toUpper();
    if (!isCountryCode(code))
        return Error::invalid(
            QStringLiteral("'%1' is not an ISO 3166-1 country code (such as DE, FR, US)")
                .arg(country.value()));
    address.insert(QStringLiteral("country"), code);
    return address;
}

void RecordedData::set(const QString &field, Value value) {
    for (auto &[name, held] : m_fields) {
        if (name == field) {
            held = std::move(value);
            return;
        }
    }
    m_fields.append({field, std::move(value)});
}

void RecordedData::insert(const QString &field, const QString &text) {
    set(field, text);
}

void RecordedData::insert(const QString &field, qint64 number) {
    set(field, number);
}

void RecordedData::insert(const QString &field, const QJsonValue &value) {
    set(field, value);
}

QString RecordedData::text(const QString &field) const {
    for (const auto &[name, value] : m_fields) {
        if (name == field)
            return std::holds_alternative<QString>(value) ? std::get<QString>(value) : QString();
    }
    return {};
}

QJsonObject RecordedData::toObject() const {
    QJsonObject object;
    for (const auto &[name, value] : m_fields)
        object.insert(name, std::visit([](const auto &v) { return QJsonValue(v); }, value));
    return object;
}

bool RecordedData::matches(const QJsonObject &stored) const {
    // The fields are distinct (set() replaces), so equal counts and every field found equal
    // mean equal objects.
    if (stored.size() != m_fields.size())
        return false;
    for (const auto &[name, value] : m_fields) {
        const QJsonValue found = stored.value(name);
        // A text is compared as text, which is what QJsonValue's == does for two strings,
        // without making a QJsonValue of it.
        const bool same =
            std::holds_alternative<QString>(value)
                ? found.isString() && found.toString() == std::get<QString>(value)
                : found == std::visit([](const auto &v) { return QJsonValue(v); }, value);
        if (!same)
            return false;
    }
    return true;
}

} // namespace ot
