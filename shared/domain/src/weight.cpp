#include "baidian/domain/weight.h"

#include "baidian/domain/rounding.h"

#include <charconv>

namespace baidian::domain {
namespace {

/// Parses a non-negative decimal with at most `maxDecimals` decimals into thousandths.
Result<std::int64_t> parseThousandths(std::string_view text, std::string_view unit) {
    const std::string original(text);
    auto fail = [&](std::string_view why) {
        return keyedError(
            ErrorCode::ParseError,
            "\"%1\" is not a weight in " + std::string(unit) + ": " + std::string(why), {original});
    };
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    const auto dot = text.find('.');
    const auto whole = text.substr(0, dot);
    const auto fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    if (whole.empty() && fraction.empty())
        return fail("no digits");
    if (fraction.size() > 3)
        return fail("more than three decimals");
    for (const char c : whole)
        if (c < '0' || c > '9')
            return fail("only digits and one decimal point are allowed");
    for (const char c : fraction)
        if (c < '0' || c > '9')
            return fail("only digits and one decimal point are allowed");
    if (whole.size() > 12)
        return fail("too large");
    std::int64_t units = 0;
    if (!whole.empty())
        std::from_chars(whole.data(), whole.data() + whole.size(), units);
    std::int64_t thousandths = 0;
    for (std::size_t i = 0; i < 3; ++i)
        thousandths = thousandths * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    return units * 1000 + thousandths;
}

std::string fixed(std::int64_t value, std::int64_t scale, int decimals) {
    const bool negative = value < 0;
    const std::int64_t magnitude = negative ? -value : value;
    std::string frac = std::to_string(magnitude % scale);
    frac.insert(0, static_cast<std::size_t>(decimals) - frac.size(), '0');
    return (negative ? "-" : "") + std::to_string(magnitude / scale) + "." + frac;
}

} // namespace

Result<Grams> Grams::parseKg(std::string_view text) {
    auto thousandths = parseThousandths(text, "kg");
    if (!thousandths)
        return thousandths.error();
    return Grams(*thousandths);
}

Result<Grams> Grams::parseJin(std::string_view text) {
    auto thousandths = parseThousandths(text, "jin");
    if (!thousandths)
        return thousandths.error();
    auto grams = divideRounded(Wide(*thousandths) * kGramsPerJin, 1000, RoundingMode::HalfUp);
    if (!grams)
        return grams.error();
    return Grams(*grams);
}

std::string Grams::formatKg() const {
    return fixed(m_grams, 1000, 3) + " kg";
}

std::string Grams::formatJin() const {
    // hundredths of a jin = grams / 5
    auto hundredths = divideRounded(Wide(m_grams) * 100, kGramsPerJin, RoundingMode::HalfUp);
    return fixed(hundredths.ok() ? *hundredths : 0, 100, 2) + "\xE6\x96\xA4"; // 斤
}

std::string Grams::formatTonnes() const {
    auto kg = divideRounded(m_grams, kGramsPerKg, RoundingMode::HalfUp);
    return fixed(kg.ok() ? *kg : 0, 1000, 3);
}

} // namespace baidian::domain
