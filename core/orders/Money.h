#pragma once

#include "es/Result.h"

#include <QJsonValue>
#include <QString>

#include <optional>

namespace ot {

// An exact amount in cents. No binary floating point ever holds money: a JSON number is read
// through its shortest round-trip decimal text, which is the text the sender wrote.
class Money final {
public:
    constexpr Money() = default;
    static constexpr Money fromCents(qint64 cents) { return Money(cents); }

    // Largest accepted unit price: 999,999,999.99.
    static constexpr qint64 MaxPriceCents = 99'999'999'999;

    // "12", "12.5", "12.50"; at most 2 decimal places, non-negative, no sign or exponent.
    static std::optional<Money> parse(const QString &text);
    // A price given as a JSON number or a decimal string; wrong types are rejected.
    static Result<Money> fromJson(const QJsonValue &value, const QString &field);

    qint64 cents() const { return m_cents; }
    QString toString() const; // always two decimals: "9.99", "1000.00"

    // Empty where the exact result does not fit in 64 bits.
    std::optional<Money> plus(Money other) const;
    std::optional<Money> minus(Money other) const;
    std::optional<Money> times(qint64 quantity) const;

    friend constexpr bool operator==(Money, Money) = default;
    friend constexpr bool operator<(Money a, Money b) { return a.m_cents < b.m_cents; }

private:
    constexpr explicit Money(qint64 cents)
        : m_cents(cents) {}
    qint64 m_cents = 0;
};

} // namespace ot
