#include "baidian/domain/rounding.h"

#include <gtest/gtest.h>
#include <limits>

using baidian::domain::divideRounded;
using baidian::domain::RoundingMode;
using baidian::domain::Wide;

namespace {
std::int64_t div(std::int64_t n, std::int64_t d, RoundingMode m) {
    return divideRounded(n, d, m).value();
}
} // namespace

TEST(Rounding, HalfUpRoundsHalvesAwayFromZero) {
    EXPECT_EQ(div(25, 10, RoundingMode::HalfUp), 3);
    EXPECT_EQ(div(24, 10, RoundingMode::HalfUp), 2);
    EXPECT_EQ(div(-25, 10, RoundingMode::HalfUp), -3);
    EXPECT_EQ(div(-24, 10, RoundingMode::HalfUp), -2);
}

TEST(Rounding, HalfEvenRoundsHalvesToEven) {
    EXPECT_EQ(div(25, 10, RoundingMode::HalfEven), 2);
    EXPECT_EQ(div(35, 10, RoundingMode::HalfEven), 4);
    EXPECT_EQ(div(-25, 10, RoundingMode::HalfEven), -2);
    EXPECT_EQ(div(26, 10, RoundingMode::HalfEven), 3);
}

TEST(Rounding, DirectedModes) {
    EXPECT_EQ(div(29, 10, RoundingMode::Down), 2);
    EXPECT_EQ(div(-29, 10, RoundingMode::Down), -2);
    EXPECT_EQ(div(21, 10, RoundingMode::Up), 3);
    EXPECT_EQ(div(-21, 10, RoundingMode::Up), -3);
    EXPECT_EQ(div(-21, 10, RoundingMode::Floor), -3);
    EXPECT_EQ(div(21, 10, RoundingMode::Floor), 2);
    EXPECT_EQ(div(-29, 10, RoundingMode::Ceiling), -2);
    EXPECT_EQ(div(21, 10, RoundingMode::Ceiling), 3);
    EXPECT_EQ(div(30, 10, RoundingMode::Up), 3); // exact quotients never move
}

TEST(Rounding, RefusesBadDivisorsAndResultsOutsideInt64) {
    EXPECT_FALSE(divideRounded(1, 0, RoundingMode::HalfUp).ok());
    EXPECT_FALSE(divideRounded(1, -5, RoundingMode::HalfUp).ok());
    const Wide big = Wide(std::numeric_limits<std::int64_t>::max()) * 4;
    EXPECT_EQ(divideRounded(big, 2, RoundingMode::HalfUp).error().code,
              baidian::ErrorCode::Overflow);
    EXPECT_EQ(divideRounded(big, 4, RoundingMode::HalfUp).value(),
              std::numeric_limits<std::int64_t>::max());
}
