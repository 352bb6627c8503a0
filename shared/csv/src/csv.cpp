#include "baidian/csv/csv.h"

#include <csv.h>
#include <unicode/ustring.h>

namespace baidian::csv {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct Collector {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> current;
};

void onField(void* data, std::size_t size, void* out) {
    auto* c = static_cast<Collector*>(out);
    c->current.emplace_back(data ? static_cast<const char*>(data) : "", data ? size : 0);
}

void onRecordEnd(int, void* out) {
    auto* c = static_cast<Collector*>(out);
    c->records.push_back(std::move(c->current));
    c->current.clear();
}

bool validUtf8(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    if (text.size() > static_cast<std::size_t>(INT32_MAX))
        return false;
    u_strFromUTF8(nullptr, 0, &length, text.data(), static_cast<int32_t>(text.size()), &status);
    return status == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(status);
}

bool blank(const std::vector<std::string>& record) {
    for (const auto& f : record)
        if (!f.empty())
            return false;
    return true;
}

std::string trimmed(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos)
        return {};
    return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

} // namespace

std::optional<std::size_t> Table::column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (trimmed(header[i]) == name)
            return i;
    return std::nullopt;
}

const std::string& field(const Row& row, std::optional<std::size_t> column) {
    static const std::string kEmpty;
    return column && *column < row.fields.size() ? row.fields[*column] : kEmpty;
}

Result<Table> parse(std::string_view text) {
    if (text.size() > kMaxBytes)
        return makeError(ErrorCode::ParseError,
                         "the file is larger than " +
                             std::to_string(kMaxBytes / (std::size_t{1024} * 1024)) + " MiB");
    if (text.starts_with(kBom))
        text.remove_prefix(kBom.size());
    if (!validUtf8(text))
        return makeError(ErrorCode::ParseError,
                         "the file is not UTF-8 text (save it from Excel as \"CSV UTF-8\")");
    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return makeError(ErrorCode::Storage, "cannot start the CSV parser");
    Collector collected;
    const std::size_t used =
        csv_parse(&parser, text.data(), text.size(), onField, onRecordEnd, &collected);
    const bool failed =
        used != text.size() || csv_fini(&parser, onField, onRecordEnd, &collected) != 0;
    const std::string reason = failed ? csv_strerror(csv_error(&parser)) : "";
    csv_free(&parser);
    if (failed)
        return makeError(ErrorCode::ParseError,
                         "CSV row " + std::to_string(collected.records.size() + 1) + ": " + reason +
                             " (a quote inside a field must be doubled)");
    // Blank records (empty lines, trailing ;;; rows Excel leaves) are dropped, numbers kept.
    Table table;
    int record = 0;
    for (auto& r : collected.records) {
        ++record;
        // Spaces around a value are never part of it (a quoted "  " is empty too).
        for (auto& f : r)
            f = trimmed(f);
        if (blank(r))
            continue;
        if (table.header.empty()) {
            table.header = std::move(r);
            continue;
        }
        if (r.size() != table.header.size())
            return makeError(ErrorCode::ParseError, "CSV row " + std::to_string(record) + " has " +
                                                        std::to_string(r.size()) +
                                                        " fields, the header has " +
                                                        std::to_string(table.header.size()));
        table.rows.push_back({record, std::move(r)});
    }
    if (table.header.empty())
        return makeError(ErrorCode::ParseError, "the file is empty: it needs a header row");
    return table;
}

std::string write(const std::vector<std::vector<std::string>>& rows) {
    std::string out(kBom);
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i)
                out += ',';
            // libcsv quotes every field and doubles the quotes inside.
            const auto& f = row[i];
            std::string quoted(f.size() * 2 + 2, '\0');
            quoted.resize(csv_write(quoted.data(), quoted.size(), f.data(), f.size()));
            out += quoted;
        }
        out += "\r\n";
    }
    return out;
}

} // namespace baidian::csv
