#include "baidian/pos/scan_input.h"

#include <algorithm>
#include <charconv>
#include <optional>

namespace baidian::pos {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

/// The N of `N*`: a whole number above 0, spaces around it and a leading + allowed.
std::optional<std::int64_t> quantity(std::string_view text) {
    text = trimmed(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty() || !std::all_of(text.begin(), text.end(), isDigit))
        return std::nullopt;
    std::int64_t units = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), units);
    if (error != std::errc() || end != text.data() + text.size() || units <= 0)
        return std::nullopt;
    return units;
}

} // namespace

Result<ScanInput> parseScanInput(std::string_view text) {
    ScanInput input;
    if (text.starts_with("BD1|")) {
        input.kind = ScanInput::Kind::ReceiptCode;
        input.text = std::string(text);
        return input;
    }
    if (const auto star = text.find('*'); star != std::string_view::npos && star > 0) {
        const auto units = quantity(text.substr(0, star));
        if (!units)
            return keyedError(ErrorCode::InvalidArgument,
                              "a quantity before * must be a whole number");
        input.units = *units;
        text.remove_prefix(star + 1);
    }
    input.text = std::string(text);
    if (text.empty() || !std::all_of(text.begin(), text.end(), isDigit))
        input.kind = ScanInput::Kind::Search;
    else
        input.kind = text.size() <= 7 ? ScanInput::Kind::Plu : ScanInput::Kind::Code;
    return input;
}

} // namespace baidian::pos
