// The pricing rule (core/orders/Pricing.h) on worked examples a bookkeeper can check by hand:
// every figure below is written out in the comment beside it.
#include "orders/Pricing.h"

#include <QTest>

using namespace ot;

namespace {

Percent pct(const char *text) {
    const auto parsed = Percent::parse(QString::fromLatin1(text));
    if (!parsed)
        qFatal("not a percentage: %s", text);
    return *parsed;
}

Money eur(const char *text) {
    return *Money::parse(QString::fromLatin1(text));
}

PriceLine line(const char *price, qint64 quantity, const char *rate, Discount discount = {}) {
    return {eur(price), quantity, pct(rate), discount};
}

} // namespace

class TestPricing : public QObject {
    Q_OBJECT
private slots:
    void percentagesAreExactDecimals_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalised"); // empty: refused
        QTest::newRow("whole") << "19"
                               << "19";
        QTest::newRow("half") << "7.5"
                              << "7.5";
        QTest::newRow("trailing zeros") << "7.50"
                                        << "7.5";
        QTest::newRow("four decimals") << "12.3456"
                                       << "12.3456";
        QTest::newRow("zero") << "0"
                              << "0";
        QTest::newRow("hundred") << "100"
                                 << "100";
        QTest::newRow("over a hundred") << "100.0001"
                                        << "";
        QTest::newRow("five decimals") << "12.34567"
                                       << "";
        QTest::newRow("sign") << "-1"
                              << "";
        QTest::newRow("exponent") << "1e2"
                                  << "";
        QTest::newRow("no digits after the point") << "7."
                                                   << "";
        QTest::newRow("no digits before the point") << ".5"
                                                    << "";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("a line break after it") << "19\n"
                                               << "";
        QTest::newRow("two points") << "1.2.3"
                                    << "";
        QTest::newRow("four digits") << "0100"
                                     << "";
        QTest::newRow("arabic-indic digit") << QString::fromUtf8("\u0663") << "";
    }
    void percentagesAreExactDecimals() {
        QFETCH(QString, text);
        QFETCH(QString, normalised);
        const auto parsed = Percent::parse(text);
        QCOMPARE(parsed ? parsed->toString() : QString(), normalised);
    }

    // Tax per line, half away from zero to the cent, summed per rate.
    void taxIsRoundedPerLineAndSummedPerRate() {
        const auto totals = priceOrder({line("9.99", 3, "19"), // 29.97 × 19 % = 5.6943 → 5.69
                                        line("0.50", 1, "7"),  // 0.50 × 7 % = 0.035 → 0.04
                                        line("0.50", 1, "7")}, // the same again → 0.04
                                       {});
        QVERIFY(totals);
        QCOMPARE(totals->lines[0].tax, eur("5.69"));
        QCOMPARE(totals->lines[1].tax, eur("0.04"));
        QCOMPARE(totals->lines[2].tax, eur("0.04"));
        QCOMPARE(totals->lines[0].gross, eur("35.66"));
        QCOMPARE(totals->net, eur("30.97")); // 29.97 + 0.50 + 0.50
        QCOMPARE(totals->taxByRate.value(QStringLiteral("19")), eur("5.69"));
        // 0.04 + 0.04: the lines' taxes, not the tax of their sum (1.00 × 7 % = 0.07).
        QCOMPARE(totals->taxByRate.value(QStringLiteral("7")), eur("0.08"));
        QCOMPARE(totals->tax, eur("5.77"));
        QCOMPARE(totals->gross, eur("36.74"));
        QCOMPARE(totals->discount, eur("0"));
    }

    // A line's own discount comes off before tax.
    void lineDiscountComesOffBeforeTax() {
        const auto totals =
            priceOrder({line("19.99", 3, "19", {pct("10"), {}}), // 59.97 − 5.997 → 6.00 = 53.97
                        line("4.00", 2, "19", {{}, eur("1.50")})}, // 8.00 − 1.50 = 6.50
                       {});
        QVERIFY(totals);
        QCOMPARE(totals->lines[0].lineDiscount, eur("6.00"));
        QCOMPARE(totals->lines[0].net, eur("53.97"));
        QCOMPARE(totals->lines[0].tax, eur("10.25")); // 53.97 × 19 % = 10.2543
        QCOMPARE(totals->lines[1].net, eur("6.50"));
        QCOMPARE(totals->lines[1].tax, eur("1.24")); // 6.50 × 19 % = 1.235 → 1.24
        QCOMPARE(totals->discount, eur("7.50"));
        QCOMPARE(totals->net, eur("60.47"));
        QCOMPARE(totals->gross, eur("71.96")); // 60.47 + 11.49
    }

    // An amount off the order is shared in proportion to the lines; the cent the rounding
    // leaves goes to the line with the larger remainder.
    void orderAmountIsSharedInProportion() {
        const auto totals =
            priceOrder({line("30.00", 1, "19"), line("60.00", 1, "7")}, {{}, eur("10.00")});
        QVERIFY(totals);
        // 10.00 × 30/90 = 3.333… → 3.33 (remainder 1/3); 10.00 × 60/90 = 6.666… → 6.66 (2/3),
        // and the cent left over goes to the second line: 6.67.
        QCOMPARE(totals->lines[0].orderDiscount, eur("3.33"));
        QCOMPARE(totals->lines[1].orderDiscount, eur("6.67"));
        QCOMPARE(totals->lines[0].net, eur("26.67"));
        QCOMPARE(totals->lines[0].tax, eur("5.07")); // 26.67 × 19 % = 5.0673
        QCOMPARE(totals->lines[1].net, eur("53.33"));
        QCOMPARE(totals->lines[1].tax, eur("3.73")); // 53.33 × 7 % = 3.7331
        QCOMPARE(totals->discount, eur("10.00"));
        QCOMPARE(totals->net, eur("80.00"));
        QCOMPARE(totals->tax, eur("8.80"));
        QCOMPARE(totals->gross, eur("88.80"));
    }

    // Equal remainders: the earlier line gets the cent.
    void aTieGivesTheCentToTheEarlierLine() {
        const auto totals = priceOrder(
            {line("1.00", 1, "0"), line("1.00", 1, "0"), line("1.00", 1, "0")}, {{}, eur("0.10")});
        QVERIFY(totals);
        // 0.10 / 3 = 0.0333… each: 0.03 each, and the one cent left goes to the first line.
        QCOMPARE(totals->lines[0].orderDiscount, eur("0.04"));
        QCOMPARE(totals->lines[1].orderDiscount, eur("0.03"));
        QCOMPARE(totals->lines[2].orderDiscount, eur("0.03"));
        QCOMPARE(totals->net, eur("2.90"));
    }

    // A percentage off the order is taken of each line and rounded there.
    void orderPercentageIsRoundedPerLine() {
        const auto totals =
            priceOrder({line("10.00", 1, "19"), line("0.04", 1, "19")}, {pct("12.5"), {}});
        QVERIFY(totals);
        QCOMPARE(totals->lines[0].orderDiscount, eur("1.25"));
        QCOMPARE(totals->lines[1].orderDiscount, eur("0.01")); // 0.005 → 0.01
        QCOMPARE(totals->net, eur("8.78"));                    // 8.75 + 0.03
        QCOMPARE(totals->tax, eur("1.67"));                    // 1.6625 → 1.66, 0.0057 → 0.01
        QCOMPARE(totals->gross, eur("10.45"));
    }

    // No discount makes a line or the order negative.
    void discountsNeverGoBelowZero() {
        auto totals = priceOrder({line("5.00", 1, "19", {{}, eur("8.00")})}, {});
        QVERIFY(totals);
        QCOMPARE(totals->lines[0].lineDiscount, eur("5.00"));
        QCOMPARE(totals->gross, eur("0"));
        totals = priceOrder({line("5.00", 2, "19"), line("1.00", 1, "7")}, {{}, eur("100.00")});
        QVERIFY(totals);
        QCOMPARE(totals->discount, eur("11.00"));
        QCOMPARE(totals->net, eur("0"));
        QCOMPARE(totals->gross, eur("0"));
        totals = priceOrder({line("5.00", 1, "19")}, {pct("100"), {}});
        QVERIFY(totals);
        QCOMPARE(totals->gross, eur("0"));
    }

    void anEmptyOrderCostsNothing() {
        const auto totals = priceOrder({}, {{}, eur("5.00")});
        QVERIFY(totals);
        QCOMPARE(totals->gross, eur("0"));
        QCOMPARE(totals->discount, eur("0"));
        QVERIFY(totals->taxByRate.isEmpty());
    }

    // Amounts past 64 bits are no result, never a wrapped one.
    void amountsPastSixtyFourBitsAreRefused() {
        const PriceLine huge{
            Money::fromCents(std::numeric_limits<qint64>::max() / 2), 3, pct("19"), {}};
        QVERIFY(!priceOrder({huge}, {}));
        const PriceLine big{
            Money::fromCents(std::numeric_limits<qint64>::max() / 2), 1, pct("0"), {}};
        QVERIFY(!priceOrder({big, big, big}, {}));
    }
};

QTEST_APPLESS_MAIN(TestPricing)
#include "test_pricing.moc"
