#pragma once

#include "baidian/domain/result.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace baidian::domain {

/// A 128-bit intermediate so that price × weight never overflows before it is divided.
__extension__ typedef __int128 Wide;

/// How a quotient that is not a whole number becomes one. There is no implicit default in the
/// arithmetic: every caller names its mode (the shop's convention is HalfUp to the fen).
enum class RoundingMode {
    HalfUp,   ///< to nearest; halves away from zero (2.5 → 3, -2.5 → -3)
    HalfEven, ///< to nearest; halves to the even neighbour (banker's rounding)
    Down,     ///< toward zero (truncate)
    Up,       ///< away from zero
    Floor,    ///< toward negative infinity
    Ceiling,  ///< toward positive infinity
};

std::string_view toString(RoundingMode mode);

/// THE rounding function of Baidian: numerator / denominator rounded to an integer in `mode`.
/// Every fractional money or weight value in the system passes through here.
/// Errors: InvalidArgument if denominator <= 0; Overflow if the result leaves int64.
Result<std::int64_t> divideRounded(Wide numerator, std::int64_t denominator, RoundingMode mode);

/// Splits `amount` (>= 0) over `weights` (>= 0) in proportion, largest remainder first, so the
/// parts add up to `amount` exactly (an order discount over lines, a ranking's points over
/// metrics). Ties go to the earlier weight. All zero weights: all parts zero.
std::vector<std::int64_t> apportion(std::int64_t amount, const std::vector<std::int64_t>& weights);

} // namespace baidian::domain
