#pragma once
// What every codec_*.cpp shares: the strict JSON parse, the field Reader, the record-by-record
// loop and the limits common to several messages. Internal to baidian::protocol (not installed,
// not included from outside shared/protocol/src).

#include "baidian/domain/result.h"
#include "baidian/protocol/messages.h"

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baidian::protocol::detail {

namespace json = boost::json;

inline constexpr std::int64_t kMaxFen = 1'000'000'000'000; // ¥10 billion: far above any real sale
inline constexpr std::int64_t kMaxQuantity = 100'000'000;

/// Reads fields of one JSON object strictly. The first problem is kept (with its path); later
/// reads return defaults, so decoders read straight through and check once at the end.
class Reader {
public:
    Reader(const json::value* value, std::string path, std::string& error);

    std::string text(std::string_view key, std::size_t maxLength, bool required = true);
    std::string oneOf(std::string_view key, std::initializer_list<std::string_view> allowed);
    std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max,
                         bool required = true);
    std::optional<std::int64_t> optionalInteger(std::string_view key, std::int64_t min,
                                                std::int64_t max);
    bool boolean(std::string_view key);
    /// Whether an optional field is present (and not null).
    bool has(std::string_view key);
    std::optional<bool> optionalBoolean(std::string_view key);
    const json::array* array(std::string_view key, std::size_t maxItems);
    /// A required field of any type (an object to read with a Reader of its own).
    const json::value* field(std::string_view key) { return find(key, true); }

    [[nodiscard]] std::string at(std::string_view key, std::size_t index) const;

    void fail(std::string_view key, const std::string& why);

private:
    const json::value* find(std::string_view key, bool required);

    const json::object* m_object;
    std::string m_path;
    std::string& m_error;
};

/// The body as JSON: at most kMaxBodyBytes, at most 16 deep, nothing after the value; a key
/// given twice in one object is marked so that the Reader of that object refuses it.
Result<json::value> parse(std::string_view text);

template <typename T> Result<T> finish(T value, const std::string& error) {
    if (!error.empty())
        return makeError(ErrorCode::ParseError, error);
    return value;
}

/// What names a record in a report: its key field when that is a readable string (cut to 64
/// bytes), else its position in the list.
std::string keyOf(const json::value& record, std::string_view field, std::size_t index);

/// An empty text travels as null.
json::value nullable(const std::string& s);

/// Decodes each record of `list` with `read` (which fills `error` with the first problem);
/// good records go to `out`, the others to `skipped` with their reason and JSON.
template <typename T, typename Read>
void eachRecord(const json::array* list, std::string_view kind, std::string_view keyField,
                std::vector<T>& out, std::vector<SkippedRecord>& skipped, Read read) {
    if (!list)
        return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        std::string error;
        Reader r(&(*list)[i], "", error);
        T record = read(r, error);
        if (error.empty()) {
            out.push_back(std::move(record));
            continue;
        }
        skipped.push_back({std::string(kind), keyOf((*list)[i], keyField, i), error,
                           json::serialize((*list)[i])});
    }
}

} // namespace baidian::protocol::detail
