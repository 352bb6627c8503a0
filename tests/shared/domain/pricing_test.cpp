#include "baidian/domain/pricing.h"

#include <gtest/gtest.h>

using namespace baidian::domain;
using baidian::ErrorCode;

TEST(Pricing, OneAndAHalfKiloOfApplesAtSixEightyPerJinIsTwentyForty) {
    const UnitPrice apples{Fen(680), PriceBasis::PerJin};
    EXPECT_EQ(amountForWeight(apples, Grams(1500)).value(), Fen(2040));
}

TEST(Pricing, ThreeHundredThirtyThreeGramsAtNineteenNinetyNinePerKgRoundsHalfUp) {
    const UnitPrice dates{Fen(1999), PriceBasis::PerKg};
    // 19.99 × 0.333 = 6.65667 → ¥6.66
    EXPECT_EQ(amountForWeight(dates, Grams(333)).value(), Fen(666));
    EXPECT_EQ(amountForWeight(dates, Grams(333), RoundingMode::Down).value(), Fen(665));
}

TEST(Pricing, HalfFenCasesFollowTheNamedMode) {
    const UnitPrice price{Fen(1), PriceBasis::PerKg}; // 1 fen per kg
    EXPECT_EQ(amountForWeight(price, Grams(500)).value(), Fen(1));
    EXPECT_EQ(amountForWeight(price, Grams(500), RoundingMode::HalfEven).value(), Fen(0));
    EXPECT_EQ(amountForWeight(price, Grams(499)).value(), Fen(0));
}

TEST(Pricing, UnitItemsMultiplyByQuantity) {
    const UnitPrice giftBox{Fen(12800), PriceBasis::PerUnit};
    EXPECT_EQ(amountForQuantity(giftBox, 3).value(), Fen(38400));
    EXPECT_EQ(amountForQuantity(giftBox, std::int64_t{1} << 62).error().code, ErrorCode::Overflow);
}

TEST(Pricing, RefusesMixingUnitsAndNegativeWeights) {
    EXPECT_EQ(amountForWeight({Fen(100), PriceBasis::PerUnit}, Grams(100)).error().code,
              ErrorCode::InvalidArgument);
    EXPECT_EQ(amountForQuantity({Fen(100), PriceBasis::PerKg}, 1).error().code,
              ErrorCode::InvalidArgument);
    EXPECT_EQ(amountForWeight({Fen(100), PriceBasis::PerKg}, Grams(-5)).error().code,
              ErrorCode::InvalidArgument);
}

TEST(Pricing, ConvertsBetweenJinAndKg) {
    EXPECT_EQ(convertPrice({Fen(680), PriceBasis::PerJin}, PriceBasis::PerKg).value(),
              (UnitPrice{Fen(1360), PriceBasis::PerKg}));
    EXPECT_EQ(convertPrice({Fen(1999), PriceBasis::PerKg}, PriceBasis::PerJin).value(),
              (UnitPrice{Fen(1000), PriceBasis::PerJin})); // 9.995 → 10.00
    EXPECT_FALSE(convertPrice({Fen(100), PriceBasis::PerUnit}, PriceBasis::PerKg).ok());
}

TEST(Pricing, PercentOfAmount) {
    EXPECT_EQ(percentOf(Fen(2040), 1000).value(), Fen(204));
    EXPECT_EQ(percentOf(Fen(999), 500).value(), Fen(50)); // 49.95 → 50
    EXPECT_FALSE(percentOf(Fen(100), 10001).ok());
}
