#include "baidian/domain/money.h"

#include <charconv>
#include <limits>

namespace baidian::domain {
namespace {

constexpr std::string_view kYuanSign = "\xC2\xA5";          // ¥ U+00A5
constexpr std::string_view kFullWidthYuan = "\xEF\xBF\xA5"; // ￥ U+FFE5

Error parseError(std::string_view text, std::string_view why) {
    // `why` is one of a few fixed reasons: each makes its own key.
    return keyedError(ErrorCode::ParseError,
                      "\"%1\" is not an amount of money: " + std::string(why), {std::string(text)});
}

std::string plain(std::int64_t fen) {
    // Work in unsigned so that INT64_MIN formats correctly.
    const bool negative = fen < 0;
    const std::uint64_t magnitude =
        negative ? 0 - static_cast<std::uint64_t>(fen) : static_cast<std::uint64_t>(fen);
    std::string out = std::to_string(magnitude / 100);
    const auto cents = magnitude % 100;
    out += '.';
    out += static_cast<char>('0' + cents / 10);
    out += static_cast<char>('0' + cents % 10);
    return negative ? "-" + out : out;
}

} // namespace

Result<Fen> Fen::parse(std::string_view text) {
    const std::string_view original = text;
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);

    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (text.starts_with(kYuanSign))
        text.remove_prefix(kYuanSign.size());
    else if (text.starts_with(kFullWidthYuan))
        text.remove_prefix(kFullWidthYuan.size());

    const auto dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction =
        dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);

    if (whole.empty() && fraction.empty())
        return parseError(original, "no digits");
    if (dot != std::string_view::npos && fraction.empty())
        return parseError(original, "no digits after the decimal point");
    if (fraction.size() > 2)
        return parseError(original, "more than two decimals (the smallest unit is the fen)");
    for (const char c : whole)
        if (c < '0' || c > '9')
            return parseError(original, "only digits and one decimal point are allowed");
    for (const char c : fraction)
        if (c < '0' || c > '9')
            return parseError(original, "only digits and one decimal point are allowed");

    std::int64_t yuan = 0;
    if (!whole.empty()) {
        const auto [ptr, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), yuan);
        if (ec == std::errc::result_out_of_range)
            return parseError(original, "too large");
        if (ec != std::errc{} || ptr != whole.data() + whole.size())
            return parseError(original, "only digits and one decimal point are allowed");
    }
    std::int64_t cents = 0;
    for (std::size_t i = 0; i < 2; ++i)
        cents = cents * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);

    const auto total = Fen(yuan).times(100);
    if (!total)
        return parseError(original, "too large");
    auto result = total->plus(Fen(cents));
    if (!result)
        return parseError(original, "too large");
    return negative ? Fen(0).minus(*result) : result;
}

std::string Fen::formatPlain() const {
    return plain(m_fen);
}

std::string Fen::format() const {
    std::string digits = plain(m_fen);
    if (digits.front() == '-')
        return "-" + std::string(kYuanSign) + digits.substr(1);
    return std::string(kYuanSign) + digits;
}

Result<Fen> Fen::plus(Fen other) const {
    std::int64_t out = 0;
    if (__builtin_add_overflow(m_fen, other.m_fen, &out))
        return makeError(ErrorCode::Overflow, "amount overflow: " + format() + " + " +
                                                  other.format() + " is out of range");
    return Fen(out);
}

Result<Fen> Fen::minus(Fen other) const {
    std::int64_t out = 0;
    if (__builtin_sub_overflow(m_fen, other.m_fen, &out))
        return makeError(ErrorCode::Overflow, "amount overflow: " + format() + " - " +
                                                  other.format() + " is out of range");
    return Fen(out);
}

Result<Fen> Fen::times(std::int64_t factor) const {
    std::int64_t out = 0;
    if (__builtin_mul_overflow(m_fen, factor, &out))
        return makeError(ErrorCode::Overflow, "amount overflow: " + format() + " × " +
                                                  std::to_string(factor) + " is out of range");
    return Fen(out);
}

namespace {
Fen orThrow(const Result<Fen>& r) {
    if (!r)
        throw MoneyOverflow(r.error().message);
    return *r;
}
} // namespace

Fen Fen::operator+(Fen other) const {
    return orThrow(plus(other));
}
Fen Fen::operator-(Fen other) const {
    return orThrow(minus(other));
}
Fen Fen::operator-() const {
    return orThrow(Fen(0).minus(*this));
}
Fen Fen::operator*(std::int64_t factor) const {
    return orThrow(times(factor));
}

} // namespace baidian::domain
