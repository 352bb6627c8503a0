#pragma once

#include "baidian/domain/result.h"

#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace baidian::domain {

/// Thrown by Fen's operators when a sum or product would leave the int64 range. Money never
/// wraps; code that handles amounts from outside (quantities keyed by a cashier, files) uses
/// the Result-returning plus/minus/times instead and shows the error.
class MoneyOverflow : public std::overflow_error {
public:
    using std::overflow_error::overflow_error;
};

/// An amount of CNY in fen (0.01 yuan), as a signed 64-bit integer. Negative amounts are
/// refunds, discounts and over/short. Value type; thread-safe as any int.
class Fen {
public:
    constexpr Fen() = default;
    constexpr explicit Fen(std::int64_t fen)
        : m_fen(fen) {}

    constexpr std::int64_t value() const { return m_fen; }

    /// Parses "12.34", "12.3", "12", "-0.07", "¥12.34" (also the full-width ￥).
    /// At most two decimals; no thousands separators. Errors name the text.
    static Result<Fen> parse(std::string_view text);

    /// "¥12.34", "-¥0.07".
    std::string format() const;
    /// "12.34", "-0.07": for CSV files and the wire.
    std::string formatPlain() const;

    Result<Fen> plus(Fen other) const;
    Result<Fen> minus(Fen other) const;
    Result<Fen> times(std::int64_t factor) const;

    /// Throw MoneyOverflow instead of wrapping.
    Fen operator+(Fen other) const;
    Fen operator-(Fen other) const;
    Fen operator-() const;
    Fen operator*(std::int64_t factor) const;
    Fen& operator+=(Fen other) { return *this = *this + other; }
    Fen& operator-=(Fen other) { return *this = *this - other; }

    constexpr auto operator<=>(const Fen&) const = default;

private:
    std::int64_t m_fen = 0;
};

} // namespace baidian::domain
