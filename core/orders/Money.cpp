#include "Money.h"

#include <QLocale>

#include <cmath>

namespace ot {

std::optional<Money> Money::parse(const QString &text) {
    // 1 to 15 ASCII digits, then optionally a point and 1 or 2 digits; nothing else. By hand: a
    // regular expression was a third of replaying an order's events.
    const auto digitAt = [&](qsizetype at) {
        return at < text.size() && text[at] >= u'0' && text[at] <= u'9' ? text[at].unicode() - u'0'
                                                                        : -1;
    };
    qint64 units = 0;
    qsizetype at = 0;
    for (; at < 15 && digitAt(at) >= 0; ++at)
        units = units * 10 + digitAt(at);
    if (at == 0)
        return std::nullopt;
    qint64 cents = units * 100;
    if (at < text.size()) {
        if (text[at] != u'.')
            return std::nullopt;
        const qsizetype point = at++;
        for (qint64 scale = 10; at - point <= 2 && digitAt(at) >= 0; ++at, scale /= 10)
            cents += digitAt(at) * scale;
        if (at == point + 1 || at != text.size())
            return std::nullopt;
    }
    return Money(cents);
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
    // Unsigned, since the most negative int64 has no positive counterpart.
    const quint64 magnitude = m_cents < 0 ? 0 - quint64(m_cents) : quint64(m_cents);
    return (m_cents < 0 ? QStringLiteral("-") : QString()) % QString::number(magnitude / 100) %
           u'.' % QStringLiteral("%1").arg(magnitude % 100, 2, 10, QChar(u'0'));
}

std::optional<Money> Money::plus(Money other) const {
    qint64 sum = 0;
    if (__builtin_add_overflow(m_cents, other.m_cents, &sum))
        return std::nullopt;
    return Money(sum);
}

std::optional<Money> Money::minus(Money other) const {
    qint64 difference = 0;
    if (__builtin_sub_overflow(m_cents, other.m_cents, &difference))
        return std::nullopt;
    return Money(difference);
}

std::optional<Money> Money::times(qint64 quantity) const {
    qint64 product = 0;
    if (__builtin_mul_overflow(m_cents, quantity, &product))
        return std::nullopt;
    return Money(product);
}

} // namespace ot
