#include "baidian/domain/cash_rounding.h"

#include "baidian/domain/rounding.h"

namespace baidian::domain {

Result<CashRounding> roundCash(Fen total, CashRoundingUnit unit, CashRoundingDirection direction) {
    const std::int64_t step = unit == CashRoundingUnit::Jiao ? 10 : 100;
    const RoundingMode mode =
        direction == CashRoundingDirection::Down ? RoundingMode::Down : RoundingMode::HalfUp;
    auto units = divideRounded(Wide(total.value()), step, mode);
    if (!units)
        return units.error();
    auto rounded = Fen(*units).times(step);
    if (!rounded)
        return rounded.error();
    auto discount = total.minus(*rounded);
    if (!discount)
        return discount.error();
    return CashRounding{*rounded, *discount};
}

std::string_view toString(CashRoundingUnit unit) {
    return unit == CashRoundingUnit::Jiao ? "jiao" : "yuan";
}

std::string_view toString(CashRoundingDirection direction) {
    return direction == CashRoundingDirection::Down ? "down" : "nearest";
}

} // namespace baidian::domain
