#pragma once

#include "baidian/domain/money.h"
#include "baidian/domain/result.h"
#include "baidian/domain/weight.h"

#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace baidian::domain {

enum class GtinKind { Ean13, Ean8, UpcA };

/// A fixed-measure product code whose check digit is right.
struct Gtin {
    GtinKind kind = GtinKind::Ean13;
    std::string digits; ///< as scanned, check digit included

    /// The catalog look-up key: EAN-13 and EAN-8 as they are, UPC-A as its EAN-13 form ("0"+12).
    std::string key() const;
    bool operator==(const Gtin&) const = default;
};

/// The GS1 mod-10 check digit of `body` (every digit but the check digit), as used by EAN-13,
/// EAN-8 and UPC-A. Precondition: body is non-empty and all ASCII digits.
int gtinCheckDigit(std::string_view body);

/// Parses an EAN-13, EAN-8 or UPC-A code (8, 12 or 13 digits). Errors name the barcode:
/// BadBarcode for wrong characters or length, BadCheckDigit for a wrong check digit.
Result<Gtin> parseGtin(std::string_view text);

/// What the value field of a variable-measure label carries.
enum class LabelMeasure {
    Weight, ///< grams
    Price,  ///< fen
};

/// One layout of in-store variable-measure EAN-13 labels (GS1 prefixes 20-29), as a data row:
///   name, prefix_from, prefix_to, item_offset, item_length, value_offset, value_length, measure
/// e.g. "gs1-weight,20,21,2,5,7,5,weight" is 2+5+5+1 carrying grams; "cn-scale-price,28,29,0,7,
/// 7,5,price" is the 7+5+1 layout of Chinese label scales carrying fen. Offsets count from the
/// first digit; the 13th digit is always the EAN-13 check digit.
struct VariableMeasureLayout {
    std::string name;
    int prefixFrom = 20;
    int prefixTo = 29;
    int itemOffset = 2;
    int itemLength = 5;
    int valueOffset = 7;
    int valueLength = 5;
    LabelMeasure measure = LabelMeasure::Weight;

    /// Parses the comma-separated row above. Errors name the row and the bad field.
    static Result<VariableMeasureLayout> parseRow(std::string_view row);
    /// The row back as text.
    std::string toRow() const;
    /// Fields in range: prefixes within 20..29, fields inside the first 12 digits, not overlapping.
    Status validate() const;
};

/// A set of layouts, each owning a range of two-digit prefixes. Immutable after set-up; safe to
/// share between threads for reading.
class VariableMeasureLayouts {
public:
    /// The layouts shipped by default (see docs): 20-21 weight and 22-25 price in 2+5+5+1,
    /// 26-27 weight and 28-29 price in the 7+5+1 layout of Chinese label scales.
    static const VariableMeasureLayouts& defaults();
    static std::span<const std::string_view> defaultRows();

    /// Adds a layout. Errors: the layout is invalid or its prefixes overlap another's.
    Status add(VariableMeasureLayout layout);

    /// The layout for a 13-digit code starting with 2, or nullptr.
    const VariableMeasureLayout* find(std::string_view code) const;
    const std::vector<VariableMeasureLayout>& rows() const { return m_rows; }

private:
    std::vector<VariableMeasureLayout> m_rows;
};

/// A decoded variable-measure label.
struct VariableMeasureLabel {
    std::string barcode;
    std::string layout;
    std::string itemCode; ///< the digits that name the product (its PLU)
    LabelMeasure measure = LabelMeasure::Weight;
    std::int64_t value = 0; ///< grams or fen, per `measure`

    Grams weight() const { return Grams(value); }
    Fen price() const { return Fen(value); }
};

/// Anything a scanner can send to the till.
using ScannedCode = std::variant<Gtin, VariableMeasureLabel>;

/// Decodes scanner input (surrounding whitespace and CR/LF ignored). A 13-digit code whose
/// prefix belongs to a layout is a label: its check digit is verified and its value must be
/// above zero. Anything else must be a valid EAN-13, EAN-8 or UPC-A. Errors name the barcode.
Result<ScannedCode> parseScan(std::string_view text, const VariableMeasureLayouts& layouts);

} // namespace baidian::domain
