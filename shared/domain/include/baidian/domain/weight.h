#pragma once

#include "baidian/domain/result.h"

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace baidian::domain {

inline constexpr std::int64_t kGramsPerJin = 500; ///< 斤, the unit customers think in
inline constexpr std::int64_t kGramsPerKg = 1000;

/// A weight in whole grams (what scales report). Value type.
class Grams {
public:
    constexpr Grams() = default;
    constexpr explicit Grams(std::int64_t grams)
        : m_grams(grams) {}

    constexpr std::int64_t value() const { return m_grams; }

    /// Parses a keyed weight in kilograms: "1.5", "0.333" (at most three decimals).
    static Result<Grams> parseKg(std::string_view text);
    /// Parses a keyed weight in jin: "3", "1.25" (at most three decimals, rounded half-up to
    /// the gram since 0.001 jin is half a gram).
    static Result<Grams> parseJin(std::string_view text);

    /// "1.500 kg"
    std::string formatKg() const;
    /// "3.00斤": jin to two decimals (half-up), the way shelf labels show it.
    std::string formatJin() const;
    /// "86.768": tonnes to the kilogram (half-up), for network figures.
    std::string formatTonnes() const;

    constexpr auto operator<=>(const Grams&) const = default;

private:
    std::int64_t m_grams = 0;
};

} // namespace baidian::domain
