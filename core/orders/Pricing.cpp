#include "Pricing.h"

#include <algorithm>
#include <limits>

namespace ot {

namespace {
constexpr qint64 Hundred = 1'000'000; // 100 % in ten-thousandths of a percent

// a × b / c, rounded half away from zero, for non-negative a, b and a positive c; empty where the
// result does not fit. 128 bits hold the product of any two 64-bit amounts.
std::optional<qint64> mulDivRounded(qint64 a, qint64 b, qint64 c) {
    const __int128 product = static_cast<__int128>(a) * b;
    const __int128 result = (product + c / 2) / c;
    if (result > std::numeric_limits<qint64>::max())
        return std::nullopt;
    return static_cast<qint64>(result);
}

// One to three digits, then optionally a point and one to four, in ten-thousandths (so at most
// 999.9999 %), read by hand: as a regular expression it was a twentieth of a deep verify, which
// reads every line's tax rate.
std::optional<qint64> tenThousandthsOf(QStringView text) {
    const qsizetype dot = text.indexOf(u'.');
    const QStringView whole = dot < 0 ? text : text.left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : text.mid(dot + 1);
    const auto digits = [](QStringView part, qsizetype most) {
        return !part.isEmpty() && part.size() <= most &&
               std::all_of(part.begin(), part.end(),
                           [](QChar c) { return c >= u'0' && c <= u'9'; });
    };
    if (!digits(whole, 3) || (dot >= 0 && !digits(fraction, 4)))
        return std::nullopt;
    qint64 value = whole.toLongLong() * 10'000;
    qint64 scale = 1'000;
    for (const QChar c : fraction) {
        value += (c.unicode() - u'0') * scale;
        scale /= 10;
    }
    return value;
}
} // namespace

std::optional<Percent> Percent::parse(const QString &text) {
    const auto value = tenThousandthsOf(text);
    if (!value || *value > Hundred)
        return std::nullopt;
    return Percent(*value);
}

bool Percent::isDecimal(const QString &text) {
    return tenThousandthsOf(text).has_value();
}

QString Percent::toString() const {
    QString fraction = QString::number(m_tenThousandths % 10'000).rightJustified(4, u'0');
    while (fraction.endsWith(u'0'))
        fraction.chop(1);
    const QString whole = QString::number(m_tenThousandths / 10'000);
    return fraction.isEmpty() ? whole : QString(whole % u'.' % fraction);
}

Money Percent::of(Money amount) const {
    // At most 100 % of an amount: it fits whenever the amount does.
    return Money::fromCents(*mulDivRounded(amount.cents(), m_tenThousandths, Hundred));
}

Money Discount::off(Money base) const {
    if (percent)
        return percent->of(base);
    if (amount)
        return Money::fromCents(std::min(amount->cents(), base.cents()));
    return Money();
}

std::optional<OrderTotals> priceOrder(const QList<PriceLine> &lines,
                                      const Discount &orderDiscount) {
    OrderTotals totals;
    qint64 afterLineDiscounts = 0;
    for (const PriceLine &line : lines) {
        const auto amount = line.unitPrice.times(line.quantity);
        if (!amount)
            return std::nullopt;
        PricedLine priced;
        priced.amount = *amount;
        priced.lineDiscount = line.discount.off(*amount);
        priced.net = Money::fromCents(amount->cents() - priced.lineDiscount.cents());
        if (__builtin_add_overflow(afterLineDiscounts, priced.net.cents(), &afterLineDiscounts))
            return std::nullopt;
        totals.lines.append(priced);
    }

    // The order's discount, line by line.
    if (orderDiscount.percent) {
        for (PricedLine &line : totals.lines)
            line.orderDiscount = orderDiscount.percent->of(line.net);
    } else if (orderDiscount.amount && afterLineDiscounts > 0) {
        const qint64 off = std::min(orderDiscount.amount->cents(), afterLineDiscounts);
        QList<std::pair<qint64, qsizetype>> remainders; // (remainder, line), to share the cents
        qint64 given = 0;
        for (qsizetype i = 0; i < totals.lines.size(); ++i) {
            const __int128 exact = static_cast<__int128>(off) * totals.lines[i].net.cents();
            const auto share = static_cast<qint64>(exact / afterLineDiscounts);
            totals.lines[i].orderDiscount = Money::fromCents(share);
            given += share;
            remainders.append({static_cast<qint64>(exact % afterLineDiscounts), i});
        }
        std::stable_sort(remainders.begin(), remainders.end(),
                         [](const auto &a, const auto &b) { return a.first > b.first; });
        for (qint64 cent = 0; cent < off - given; ++cent) {
            PricedLine &line = totals.lines[remainders[cent].second];
            line.orderDiscount = Money::fromCents(line.orderDiscount.cents() + 1);
        }
    }

    qint64 discount = 0, net = 0, tax = 0;
    for (qsizetype i = 0; i < totals.lines.size(); ++i) {
        PricedLine &line = totals.lines[i];
        line.net = Money::fromCents(line.net.cents() - line.orderDiscount.cents());
        line.tax = lines[i].taxRate.of(line.net);
        line.gross = Money::fromCents(line.net.cents() + line.tax.cents());
        // The net is at most what the lines held after their discounts, which fitted.
        net += line.net.cents();
        if (__builtin_add_overflow(discount, line.lineDiscount.cents() + line.orderDiscount.cents(),
                                   &discount) ||
            __builtin_add_overflow(tax, line.tax.cents(), &tax))
            return std::nullopt;
        // A rate's sum is part of the tax total, which fitted just now.
        const QString rate = lines[i].taxRate.toString();
        totals.taxByRate[rate] =
            Money::fromCents(totals.taxByRate.value(rate).cents() + line.tax.cents());
    }
    qint64 gross = 0;
    if (__builtin_add_overflow(net, tax, &gross))
        return std::nullopt;
    totals.discount = Money::fromCents(discount);
    totals.net = Money::fromCents(net);
    totals.tax = Money::fromCents(tax);
    totals.gross = Money::fromCents(gross);
    return totals;
}

} // namespace ot
