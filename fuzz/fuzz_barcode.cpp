// Scanner and keyboard input: barcodes, label layouts, money and weights.
#include "baidian/domain/barcode.h"
#include "baidian/domain/money.h"
#include "baidian/domain/weight.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace baidian::domain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    if (auto scan = parseScan(input, VariableMeasureLayouts::defaults())) {
        if (const auto* label = std::get_if<VariableMeasureLabel>(&*scan);
            label && label->value <= 0)
            std::abort(); // a label is accepted only with a value above zero
    }
    if (auto gtin = parseGtin(input))
        if (gtinCheckDigit(std::string_view(gtin->digits).substr(0, gtin->digits.size() - 1)) !=
            gtin->digits.back() - '0')
            std::abort();
    if (auto layout = VariableMeasureLayout::parseRow(input))
        if (!layout->validate() || !VariableMeasureLayout::parseRow(layout->toRow()))
            std::abort();
    if (auto fen = Fen::parse(input))
        if (!Fen::parse(fen->formatPlain()) || *Fen::parse(fen->formatPlain()) != *fen)
            std::abort(); // money round-trips through text exactly
    (void)Grams::parseKg(input);
    (void)Grams::parseJin(input);
    return 0;
}
