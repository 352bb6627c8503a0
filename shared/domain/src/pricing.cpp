#include "baidian/domain/pricing.h"

namespace baidian::domain {
namespace {

std::int64_t gramsPer(PriceBasis basis) {
    return basis == PriceBasis::PerJin ? kGramsPerJin : kGramsPerKg;
}

} // namespace

std::string_view toString(PriceBasis basis) {
    switch (basis) {
    case PriceBasis::PerUnit:
        return "unit";
    case PriceBasis::PerKg:
        return "kg";
    case PriceBasis::PerJin:
        return "jin";
    }
    return "unit";
}

Result<PriceBasis> parsePriceBasis(std::string_view text) {
    if (text == "unit")
        return PriceBasis::PerUnit;
    if (text == "kg")
        return PriceBasis::PerKg;
    if (text == "jin")
        return PriceBasis::PerJin;
    return makeError(ErrorCode::ParseError,
                     "\"" + std::string(text) + "\" is not a price basis (unit, kg or jin)");
}

Result<Fen> amountForWeight(UnitPrice price, Grams weight, RoundingMode mode) {
    if (!price.byWeight())
        return makeError(ErrorCode::InvalidArgument,
                         "this item is sold by the unit, not by weight");
    if (weight.value() < 0)
        return makeError(ErrorCode::InvalidArgument, "a weight cannot be negative");
    if (price.amount.value() < 0)
        return makeError(ErrorCode::InvalidArgument, "a price cannot be negative");
    auto fen =
        divideRounded(Wide(price.amount.value()) * weight.value(), gramsPer(price.basis), mode);
    if (!fen)
        return makeError(ErrorCode::Overflow, "amount overflow: " + price.amount.format() + " × " +
                                                  weight.formatKg() + " is out of range");
    return Fen(*fen);
}

Result<Fen> amountForQuantity(UnitPrice price, std::int64_t quantity) {
    if (price.byWeight())
        return makeError(ErrorCode::InvalidArgument,
                         "this item is sold by weight, not by the unit");
    return price.amount.times(quantity);
}

Result<UnitPrice> convertPrice(UnitPrice price, PriceBasis to, RoundingMode mode) {
    if (price.basis == to)
        return price;
    if (!price.byWeight() || to == PriceBasis::PerUnit)
        return makeError(ErrorCode::InvalidArgument,
                         "a per-unit price cannot be converted to a per-weight price");
    auto fen =
        divideRounded(Wide(price.amount.value()) * gramsPer(to), gramsPer(price.basis), mode);
    if (!fen)
        return fen.error();
    return UnitPrice{Fen(*fen), to};
}

Result<Fen> percentOf(Fen amount, std::int64_t basisPoints, RoundingMode mode) {
    if (basisPoints < 0 || basisPoints > 10000)
        return makeError(ErrorCode::InvalidArgument, "a percentage must be between 0% and 100%");
    auto fen = divideRounded(Wide(amount.value()) * basisPoints, 10000, mode);
    if (!fen)
        return fen.error();
    return Fen(*fen);
}

} // namespace baidian::domain
