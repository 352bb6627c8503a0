#include "baidian/domain/money.h"

#include <gtest/gtest.h>
#include <limits>

using baidian::ErrorCode;
using baidian::domain::Fen;
using baidian::domain::MoneyOverflow;

TEST(Fen, FormatsWithYuanSignAndTwoDecimals) {
    EXPECT_EQ(Fen(1234).format(), "¥12.34");
    EXPECT_EQ(Fen(5).format(), "¥0.05");
    EXPECT_EQ(Fen(0).format(), "¥0.00");
    EXPECT_EQ(Fen(-7).format(), "-¥0.07");
    EXPECT_EQ(Fen(-123456).formatPlain(), "-1234.56");
    EXPECT_EQ(Fen(std::numeric_limits<std::int64_t>::min()).formatPlain(), "-92233720368547758.08");
}

TEST(Fen, ParsesYuanAmounts) {
    EXPECT_EQ(Fen::parse("12.34").value(), Fen(1234));
    EXPECT_EQ(Fen::parse("12").value(), Fen(1200));
    EXPECT_EQ(Fen::parse("12.3").value(), Fen(1230));
    EXPECT_EQ(Fen::parse(".5").value(), Fen(50));
    EXPECT_EQ(Fen::parse("-0.07").value(), Fen(-7));
    EXPECT_EQ(Fen::parse("¥23.47").value(), Fen(2347));
    EXPECT_EQ(Fen::parse("￥8").value(), Fen(800));
    EXPECT_EQ(Fen::parse(" 1.00 ").value(), Fen(100));
}

TEST(Fen, RefusesTextThatIsNotMoneyAndSaysWhy) {
    for (const char* bad :
         {"", "abc", "12.345", "1,000", "12.", "1.2.3", "--1", "12 yuan", "1e3"}) {
        auto result = Fen::parse(bad);
        ASSERT_FALSE(result.ok()) << bad;
        EXPECT_EQ(result.error().code, ErrorCode::ParseError);
        EXPECT_NE(result.error().message.find(std::string("\"") + bad + "\""), std::string::npos)
            << result.error().message;
    }
    EXPECT_FALSE(Fen::parse("99999999999999999999").ok());
    EXPECT_FALSE(Fen::parse("92233720368547758.08").ok());
}

TEST(Fen, FiftyQuadrillionYuanTimesTwoIsAnOverflowNotAWrap) {
    const Fen huge = Fen::parse("50000000000000000.00").value(); // ¥50,000,000,000,000,000.00
    auto doubled = huge.times(2);
    ASSERT_FALSE(doubled.ok());
    EXPECT_EQ(doubled.error().code, ErrorCode::Overflow);
    EXPECT_THROW((void)(huge * 2), MoneyOverflow);
    EXPECT_THROW((void)(huge + huge), MoneyOverflow);
}

TEST(Fen, AddsSubtractsAndDetectsOverflowAtBothEnds) {
    EXPECT_EQ(Fen(150) + Fen(275), Fen(425));
    EXPECT_EQ(Fen(150) - Fen(275), Fen(-125));
    EXPECT_EQ(-Fen(5), Fen(-5));
    const Fen max(std::numeric_limits<std::int64_t>::max());
    const Fen min(std::numeric_limits<std::int64_t>::min());
    EXPECT_FALSE(max.plus(Fen(1)).ok());
    EXPECT_FALSE(min.minus(Fen(1)).ok());
    EXPECT_THROW((void)(-min), MoneyOverflow);
    EXPECT_EQ(max.minus(Fen(1)).value(), Fen(std::numeric_limits<std::int64_t>::max() - 1));
}

TEST(Fen, RoundTripsThroughText) {
    for (std::int64_t v : {0LL, 1LL, -1LL, 99LL, 100LL, 123456789LL, -98765LL}) {
        EXPECT_EQ(Fen::parse(Fen(v).formatPlain()).value(), Fen(v));
        EXPECT_EQ(Fen::parse(Fen(v).format()).value(), Fen(v));
    }
}
