#pragma once

#include "baidian/domain/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace baidian::pos {

/// What the cashier's scan field holds, read by the till's grammar (no catalog, no I/O):
/// - `BD1|...`: a receipt's QR code (the customer brings goods back);
/// - `N*rest`: N units of what `rest` names (N a whole number above 0; a `*` first is no
///   quantity);
/// - 7 ASCII digits or fewer: a PLU the cashier keyed;
/// - 8 digits or more: a scanned barcode or a scale label;
/// - anything else: words to search the products for.
struct ScanInput {
    enum class Kind { ReceiptCode, Plu, Code, Search };
    Kind kind = Kind::Search;
    /// The receipt's QR text, the PLU, the code's digits or the words to search for.
    std::string text;
    std::int64_t units = 1; ///< the N of `N*`; 1 without one
};

/// Reads the scan field's text (trimmed by the field). Errors: InvalidArgument, keyed, when
/// what stands before a `*` is not a whole number above 0.
Result<ScanInput> parseScanInput(std::string_view text);

} // namespace baidian::pos
