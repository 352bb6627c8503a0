#pragma once

#include <compare>
#include <cstdint>

namespace baidian::domain {

/// An integer id that cannot be mixed up with another kind of id.
template <typename Tag> class StrongId {
public:
    constexpr StrongId() = default;
    constexpr explicit StrongId(std::int64_t value)
        : m_value(value) {}
    constexpr std::int64_t value() const { return m_value; }
    constexpr auto operator<=>(const StrongId&) const = default;

private:
    std::int64_t m_value = 0;
};

using OutletId = StrongId<struct OutletIdTag>;
using TerminalId = StrongId<struct TerminalIdTag>;
using ProductId = StrongId<struct ProductIdTag>;

} // namespace baidian::domain
