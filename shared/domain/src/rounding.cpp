#include "baidian/domain/rounding.h"

#include <limits>

namespace baidian::domain {

std::string_view toString(RoundingMode mode) {
    switch (mode) {
    case RoundingMode::HalfUp:
        return "half-up";
    case RoundingMode::HalfEven:
        return "half-even";
    case RoundingMode::Down:
        return "down";
    case RoundingMode::Up:
        return "up";
    case RoundingMode::Floor:
        return "floor";
    case RoundingMode::Ceiling:
        return "ceiling";
    }
    return "unknown";
}

Result<std::int64_t> divideRounded(Wide numerator, std::int64_t denominator, RoundingMode mode) {
    if (denominator <= 0)
        return makeError(ErrorCode::InvalidArgument, "rounding: the divisor must be positive");

    const Wide d = denominator;
    Wide q = numerator / d; // truncates toward zero
    const Wide r = numerator % d;
    if (r != 0) {
        const bool negative = numerator < 0;
        const Wide absR = negative ? -r : r;
        const Wide twice = absR * 2;
        bool awayFromZero = false;
        switch (mode) {
        case RoundingMode::HalfUp:
            awayFromZero = twice >= d;
            break;
        case RoundingMode::HalfEven:
            awayFromZero = twice > d || (twice == d && (q % 2) != 0);
            break;
        case RoundingMode::Down:
            awayFromZero = false;
            break;
        case RoundingMode::Up:
            awayFromZero = true;
            break;
        case RoundingMode::Floor:
            awayFromZero = negative;
            break;
        case RoundingMode::Ceiling:
            awayFromZero = !negative;
            break;
        }
        if (awayFromZero)
            q += negative ? -1 : 1;
    }
    if (q > std::numeric_limits<std::int64_t>::max() ||
        q < std::numeric_limits<std::int64_t>::min())
        return makeError(ErrorCode::Overflow, "rounding: the result is too large");
    return static_cast<std::int64_t>(q);
}

} // namespace baidian::domain
