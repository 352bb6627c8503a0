#include "baidian/domain/barcode.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace baidian::domain {
namespace {

constexpr std::array<std::string_view, 4> kDefaultRows = {
    "gs1-weight,20,21,2,5,7,5,weight",
    "gs1-price,22,25,2,5,7,5,price",
    "cn-scale-weight,26,27,0,7,7,5,weight",
    "cn-scale-price,28,29,0,7,7,5,price",
};

std::string_view trim(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n";
    const auto first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(kSpace);
    return text.substr(first, last - first + 1);
}

bool allDigits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::int64_t digitsValue(std::string_view digits) {
    std::int64_t value = 0;
    for (const char c : digits)
        value = value * 10 + (c - '0');
    return value;
}

Error checkDigitError(std::string_view code) {
    return keyedError(
        ErrorCode::BadCheckDigit,
        "barcode %1 has a wrong check digit (expected %2): rescan it or key the item",
        {std::string(code), std::to_string(gtinCheckDigit(code.substr(0, code.size() - 1)))});
}

} // namespace

std::string Gtin::key() const {
    return kind == GtinKind::UpcA ? "0" + digits : digits;
}

int gtinCheckDigit(std::string_view body) {
    // Weights 3,1,3,1... from the rightmost body digit.
    int sum = 0;
    bool three = true;
    // NOLINTNEXTLINE(modernize-loop-convert): clang 14 cannot compile std::views::reverse
    for (auto it = body.rbegin(); it != body.rend(); ++it) {
        sum += (*it - '0') * (three ? 3 : 1);
        three = !three;
    }
    return (10 - sum % 10) % 10;
}

Result<Gtin> parseGtin(std::string_view text) {
    const std::string_view code = trim(text);
    if (!allDigits(code))
        return keyedError(ErrorCode::BadBarcode, "\"%1\" is not a barcode: only digits are allowed",
                          {std::string(code)});
    GtinKind kind;
    switch (code.size()) {
    case 13:
        kind = GtinKind::Ean13;
        break;
    case 12:
        kind = GtinKind::UpcA;
        break;
    case 8:
        kind = GtinKind::Ean8;
        break;
    default:
        return keyedError(ErrorCode::BadBarcode,
                          "barcode %1 has %2 digits; EAN-13, UPC-A and EAN-8 have 13, 12 or 8",
                          {std::string(code), std::to_string(code.size())});
    }
    if (gtinCheckDigit(code.substr(0, code.size() - 1)) != code.back() - '0')
        return checkDigitError(code);
    return Gtin{kind, std::string(code)};
}

Result<VariableMeasureLayout> VariableMeasureLayout::parseRow(std::string_view row) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const auto comma = row.find(',', start);
        fields.push_back(
            trim(row.substr(start, comma == std::string_view::npos ? row.npos : comma - start)));
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    auto fail = [&](const std::string& why) {
        return makeError(ErrorCode::ParseError,
                         "barcode layout row \"" + std::string(row) + "\": " + why);
    };
    if (fields.size() != 8)
        return fail("expected 8 fields (name, prefix_from, prefix_to, item_offset, item_length, "
                    "value_offset, value_length, measure), found " +
                    std::to_string(fields.size()));
    VariableMeasureLayout layout;
    layout.name = std::string(fields[0]);
    if (layout.name.empty())
        return fail("the name is empty");
    int* numbers[] = {&layout.prefixFrom, &layout.prefixTo,    &layout.itemOffset,
                      &layout.itemLength, &layout.valueOffset, &layout.valueLength};
    for (std::size_t i = 0; i < 6; ++i) {
        const auto f = fields[i + 1];
        const auto [ptr, ec] = std::from_chars(f.data(), f.data() + f.size(), *numbers[i]);
        if (ec != std::errc{} || ptr != f.data() + f.size())
            return fail("field " + std::to_string(i + 2) + " (\"" + std::string(f) +
                        "\") is not a number");
    }
    if (fields[7] == "weight")
        layout.measure = LabelMeasure::Weight;
    else if (fields[7] == "price")
        layout.measure = LabelMeasure::Price;
    else
        return fail(R"(measure must be "weight" or "price", not ")" + std::string(fields[7]) + '"');
    if (auto ok = layout.validate(); !ok)
        return fail(ok.error().message);
    return layout;
}

std::string VariableMeasureLayout::toRow() const {
    return name + "," + std::to_string(prefixFrom) + "," + std::to_string(prefixTo) + "," +
           std::to_string(itemOffset) + "," + std::to_string(itemLength) + "," +
           std::to_string(valueOffset) + "," + std::to_string(valueLength) + "," +
           (measure == LabelMeasure::Weight ? "weight" : "price");
}

Status VariableMeasureLayout::validate() const {
    if (prefixFrom < 20 || prefixTo > 29 || prefixFrom > prefixTo)
        return makeError(ErrorCode::InvalidArgument,
                         "the prefix range must lie within 20-29 (GS1 in-store codes)");
    auto inside = [](int offset, int length) {
        return offset >= 0 && length > 0 && offset + length <= 12;
    };
    if (!inside(itemOffset, itemLength) || !inside(valueOffset, valueLength))
        return makeError(ErrorCode::InvalidArgument,
                         "item and value fields must lie within the first 12 digits");
    if (itemOffset < valueOffset + valueLength && valueOffset < itemOffset + itemLength)
        return makeError(ErrorCode::InvalidArgument, "the item and value fields overlap");
    if (valueLength > 9)
        return makeError(ErrorCode::InvalidArgument, "the value field is longer than 9 digits");
    return {};
}

const VariableMeasureLayouts& VariableMeasureLayouts::defaults() {
    static const VariableMeasureLayouts layouts = [] {
        VariableMeasureLayouts out;
        for (const auto row : kDefaultRows) {
            auto status = out.add(VariableMeasureLayout::parseRow(row).value());
            if (!status)
                throw std::logic_error(status.error().message);
        }
        return out;
    }();
    return layouts;
}

std::span<const std::string_view> VariableMeasureLayouts::defaultRows() {
    return kDefaultRows;
}

Status VariableMeasureLayouts::add(VariableMeasureLayout layout) {
    if (auto ok = layout.validate(); !ok)
        return ok;
    for (const auto& row : m_rows)
        if (layout.prefixFrom <= row.prefixTo && row.prefixFrom <= layout.prefixTo)
            return makeError(ErrorCode::Conflict, "barcode layout \"" + layout.name +
                                                      "\" overlaps the prefixes of \"" + row.name +
                                                      "\"");
    m_rows.push_back(std::move(layout));
    return {};
}

const VariableMeasureLayout* VariableMeasureLayouts::find(std::string_view code) const {
    if (code.size() != 13 || code[0] != '2' || !allDigits(code.substr(0, 2)))
        return nullptr;
    const int prefix = static_cast<int>(digitsValue(code.substr(0, 2)));
    for (const auto& row : m_rows)
        if (prefix >= row.prefixFrom && prefix <= row.prefixTo)
            return &row;
    return nullptr;
}

Result<ScannedCode> parseScan(std::string_view text, const VariableMeasureLayouts& layouts) {
    const std::string_view code = trim(text);
    if (code.empty())
        return keyedError(ErrorCode::BadBarcode, "empty scan: nothing was read");
    const VariableMeasureLayout* layout = allDigits(code) ? layouts.find(code) : nullptr;
    if (!layout) {
        auto gtin = parseGtin(code);
        if (!gtin)
            return gtin.error();
        return ScannedCode{std::move(gtin).value()};
    }
    if (gtinCheckDigit(code.substr(0, 12)) != code[12] - '0')
        return checkDigitError(code);
    VariableMeasureLabel label;
    label.barcode = std::string(code);
    label.layout = layout->name;
    label.measure = layout->measure;
    label.itemCode = std::string(code.substr(static_cast<std::size_t>(layout->itemOffset),
                                             static_cast<std::size_t>(layout->itemLength)));
    label.value = digitsValue(code.substr(static_cast<std::size_t>(layout->valueOffset),
                                          static_cast<std::size_t>(layout->valueLength)));
    if (label.value <= 0)
        return keyedError(ErrorCode::InvalidArgument,
                          label.measure == LabelMeasure::Weight
                              ? "label %1 carries a zero weight: reprint the label"
                              : "label %1 carries a zero price: reprint the label",
                          {label.barcode});
    return ScannedCode{std::move(label)};
}

} // namespace baidian::domain
