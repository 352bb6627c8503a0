#pragma once
// CSV as Excel reads and writes it (RFC 4180): UTF-8 with or without a byte-order mark, comma
// separated, fields quoted when they hold a comma, quote or line break. Parsing is done by
// libcsv in strict mode; no I/O here.

#include "baidian/domain/result.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baidian::csv {

/// Largest file parse() accepts, in bytes.
inline constexpr std::size_t kMaxBytes = 32 * 1024 * 1024;

struct Row {
    int record = 0; ///< 1 is the header; the first data row is 2 (the row number Excel shows)
    std::vector<std::string> fields;
};

struct Table {
    std::vector<std::string> header;
    std::vector<Row> rows;

    /// Index of a header column (case-sensitive, surrounding spaces ignored), or nullopt.
    std::optional<std::size_t> column(std::string_view name) const;
};

/// Parses a whole file. Errors (ParseError) name the row: a stray quote, a row with more or
/// fewer fields than the header, text that is not UTF-8, an empty file, or one over kMaxBytes.
Result<Table> parse(std::string_view text);

/// Writes rows as CSV with a UTF-8 byte-order mark (so Excel shows Chinese) and CRLF line ends.
std::string write(const std::vector<std::vector<std::string>>& rows);

/// The field of `row` in `column`, or "" when the column is absent.
const std::string& field(const Row& row, std::optional<std::size_t> column);

} // namespace baidian::csv
