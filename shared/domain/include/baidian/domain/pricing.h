#pragma once

#include "baidian/domain/money.h"
#include "baidian/domain/rounding.h"
#include "baidian/domain/weight.h"

#include <cstdint>
#include <string_view>

namespace baidian::domain {

/// What a shelf price is a price of.
enum class PriceBasis {
    PerUnit, ///< each (gift boxes, packaged goods)
    PerKg,
    PerJin, ///< 500 g, what shelf labels for loose produce usually show
};

std::string_view toString(PriceBasis basis);
Result<PriceBasis> parsePriceBasis(std::string_view text);

/// A price in fen per unit, per kg or per jin.
struct UnitPrice {
    Fen amount;
    PriceBasis basis = PriceBasis::PerUnit;

    bool byWeight() const { return basis != PriceBasis::PerUnit; }
    bool operator==(const UnitPrice&) const = default;
};

/// Line amount of a weighed item: price × weight, rounded once by `mode` (the shop rounds
/// half-up to the fen). Errors: InvalidArgument for a per-unit price or a negative weight or
/// price; Overflow when absurd.
Result<Fen> amountForWeight(UnitPrice price, Grams weight,
                            RoundingMode mode = RoundingMode::HalfUp);

/// Line amount of a unit item: price × quantity. Errors: InvalidArgument for a per-weight
/// price; Overflow.
Result<Fen> amountForQuantity(UnitPrice price, std::int64_t quantity);

/// The same price expressed per jin or per kg (for showing both), rounded by `mode`.
Result<UnitPrice> convertPrice(UnitPrice price, PriceBasis to,
                               RoundingMode mode = RoundingMode::HalfUp);

/// `basisPoints` (0..10000; 1000 = 10%) of an amount, rounded by `mode`.
Result<Fen> percentOf(Fen amount, std::int64_t basisPoints,
                      RoundingMode mode = RoundingMode::HalfUp);

} // namespace baidian::domain
