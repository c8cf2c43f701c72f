#pragma once

#include "Money.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace ot {

// A percentage, exact to four decimals ("19", "7.5", "12.3456"), from 0 to 100: a tax rate or
// a discount. Never a double: kept as ten-thousandths of a percent.
class Percent final {
public:
    constexpr Percent() = default;
    // Digits with at most four decimals, no sign or exponent, at most 100.
    static std::optional<Percent> parse(const QString &text);
    // The shape parse() reads, of any size: whether a refusal was for the shape or the size.
    static bool isDecimal(const QString &text);
    // Without trailing zeros: "7.5", "19", "0".
    QString toString() const;
    bool isZero() const { return m_tenThousandths == 0; }
    // `amount` × this percentage, rounded half away from zero to the cent.
    Money of(Money amount) const;

    friend constexpr bool operator==(Percent, Percent) = default;

private:
    constexpr explicit Percent(qint64 tenThousandths)
        : m_tenThousandths(tenThousandths) {}
    qint64 m_tenThousandths = 0; // 100 % is 1,000,000
};

// A discount on a line or on the whole order: a percentage of it, or an amount off it.
struct Discount {
    std::optional<Percent> percent;
    std::optional<Money> amount;
    bool isNone() const { return !percent && !amount; }
    // What it takes off `base`: never more than `base`, so nothing becomes negative.
    Money off(Money base) const;
};

// What pricing needs of an order line.
struct PriceLine {
    Money unitPrice; // net of tax
    qint64 quantity = 0;
    Percent taxRate;
    Discount discount;
};

// A line priced: every step of the rule, so each can be shown and checked by hand.
struct PricedLine {
    Money amount;        // unit price × quantity
    Money lineDiscount;  // the line's own discount
    Money orderDiscount; // its share of the order's discount
    Money net;           // amount − both discounts: what tax is charged on
    Money tax;
    Money gross; // net + tax
};

struct OrderTotals {
    QList<PricedLine> lines;
    Money discount; // line and order discounts together
    Money net;
    QMap<QString, Money> taxByRate; // by Percent::toString(), every rate of a line
    Money tax;
    Money gross;
};

// The one pricing rule (ARCHITECTURE.md, Pricing), in exact cents:
// 1. A line's amount is its unit price × quantity; its own discount comes off that (a
//    percentage rounded half away from zero to the cent; an amount at most the line's).
// 2. The order's discount comes off what the lines then hold: a percentage of each line,
//    rounded per line; an amount shared out in proportion to the lines, the cents left over by
//    the rounding down given to the lines with the largest remainders (the earlier line on a
//    tie), never more than the order holds.
// 3. Each line's tax is its net × its rate, rounded half away from zero to the cent; the tax
//    per rate is the sum of its lines' tax. Gross = net + tax.
// Empty when an amount does not fit in 64 bits (more than the largest orders by far).
std::optional<OrderTotals> priceOrder(const QList<PriceLine> &lines, const Discount &orderDiscount);

} // namespace ot
