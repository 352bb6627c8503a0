#include "baidian/domain/cash_rounding.h"

#include <gtest/gtest.h>

using namespace baidian::domain;

TEST(CashRounding, MolingTwentyThreeFortySevenToTheJiaoDownIsASevenFenDiscount) {
    const auto r =
        roundCash(Fen(2347), CashRoundingUnit::Jiao, CashRoundingDirection::Down).value();
    EXPECT_EQ(r.rounded, Fen(2340));
    EXPECT_EQ(r.discount, Fen(7));
}

TEST(CashRounding, ToTheYuanDown) {
    const auto r =
        roundCash(Fen(2347), CashRoundingUnit::Yuan, CashRoundingDirection::Down).value();
    EXPECT_EQ(r.rounded, Fen(2300));
    EXPECT_EQ(r.discount, Fen(47));
}

TEST(CashRounding, ToNearestMayRoundUpAndRecordsANegativeDiscount) {
    auto r = roundCash(Fen(2347), CashRoundingUnit::Jiao, CashRoundingDirection::Nearest).value();
    EXPECT_EQ(r.rounded, Fen(2350));
    EXPECT_EQ(r.discount, Fen(-3));
    r = roundCash(Fen(2345), CashRoundingUnit::Jiao, CashRoundingDirection::Nearest).value();
    EXPECT_EQ(r.rounded, Fen(2350));
    r = roundCash(Fen(2344), CashRoundingUnit::Jiao, CashRoundingDirection::Nearest).value();
    EXPECT_EQ(r.rounded, Fen(2340));
    r = roundCash(Fen(2350), CashRoundingUnit::Yuan, CashRoundingDirection::Nearest).value();
    EXPECT_EQ(r.rounded, Fen(2400));
}

TEST(CashRounding, ExactAmountsAndRefundsNeverFavourTheShop) {
    auto r = roundCash(Fen(2300), CashRoundingUnit::Yuan, CashRoundingDirection::Down).value();
    EXPECT_EQ(r.discount, Fen(0));
    r = roundCash(Fen(-2347), CashRoundingUnit::Jiao, CashRoundingDirection::Down).value();
    EXPECT_EQ(r.rounded, Fen(-2340)); // the refund paid out is smaller, not larger
    EXPECT_EQ(r.discount, Fen(-7));
}
