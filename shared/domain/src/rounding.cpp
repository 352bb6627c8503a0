#include "baidian/domain/rounding.h"

#include <algorithm>
#include <limits>
#include <numeric>

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

std::vector<std::int64_t> apportion(std::int64_t amount, const std::vector<std::int64_t>& weights) {
    std::vector<std::int64_t> parts(weights.size(), 0);
    const Wide total = std::accumulate(weights.begin(), weights.end(), Wide(0));
    if (total <= 0 || amount == 0)
        return parts;
    std::vector<std::pair<Wide, std::size_t>> remainders;
    std::int64_t given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const Wide exact = Wide(amount) * weights[i];
        parts[i] = static_cast<std::int64_t>(exact / total);
        given += parts[i];
        remainders.emplace_back(exact % total, i);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; given < amount; ++k, ++given)
        ++parts[remainders[k % remainders.size()].second];
    return parts;
}

} // namespace baidian::domain
