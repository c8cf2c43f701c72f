#include "Money.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace ot {

std::optional<Money> Money::parse(const QString &text) {
    // anchoredPattern: a plain "$" would also match before a trailing newline.
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("([0-9]{1,15})(?:\\.([0-9]{1,2}))?")));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 units = match.captured(1).toLongLong();
    QString fraction = match.captured(2);
    fraction = fraction.leftJustified(2, u'0');
    return Money(units * 100 + fraction.toLongLong());
}

Result<Money> Money::fromJson(const QJsonValue &value, const QString &field) {
    QString text;
    if (value.isString()) {
        text = value.toString();
    } else if (value.isDouble()) {
        const double number = value.toDouble();
        if (!std::isfinite(number))
            return Error::invalid(QStringLiteral("'%1' must be a finite amount").arg(field));
        if (number < 0)
            return Error::invalid(QStringLiteral("'%1' must not be negative").arg(field));
        if (number >= 1e15)
            return Error::invalid(
                QStringLiteral("'%1' is too large (at most 999999999.99)").arg(field));
        // The shortest text that reads back as the same double is what the sender wrote.
        text = QString::number(number, 'f', QLocale::FloatingPointShortest);
    } else if (value.isUndefined()) {
        return Error::invalid(QStringLiteral("'%1' is missing").arg(field));
    } else {
        return Error::invalid(
            QStringLiteral("'%1' must be a number or a decimal string such as \"9.99\"")
                .arg(field));
    }
    if (text.startsWith(u'-'))
        return Error::invalid(QStringLiteral("'%1' must not be negative").arg(field));
    const std::optional<Money> money = parse(text);
    if (!money)
        return Error::invalid(QStringLiteral("'%1' must be an amount with at most 2 decimal "
                                             "places, such as 9.99 (got \"%2\")")
                                  .arg(field, text.left(40)));
    if (money->cents() > MaxPriceCents)
        return Error::invalid(
            QStringLiteral("'%1' is too large (at most 999999999.99)").arg(field));
    return *money;
}

QString Money::toString() const {
    const qint64 magnitude = m_cents < 0 ? -m_cents : m_cents;
    return (m_cents < 0 ? QStringLiteral("-") : QString()) % QString::number(magnitude / 100) %
           u'.' % QStringLiteral("%1").arg(magnitude % 100, 2, 10, QChar(u'0'));
}

std::optional<Money> Money::plus(Money other) const {
    qint64 sum = 0;
    if (__builtin_add_overflow(m_cents, other.m_cents, &sum))
        return std::nullopt;
    return Money(sum);
}

std::optional<Money> Money::times(qint64 quantity) const {
    qint64 product = 0;
    if (__builtin_mul_overflow(m_cents, quantity, &product))
        return std::nullopt;
    return Money(product);
}

} // namespace ot
