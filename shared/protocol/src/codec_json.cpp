// The strict JSON reading every codec_*.cpp shares (codec_internal.h), and ErrorDoc, the answer
// of any route that refuses a request.
#include "baidian/protocol/codec.h"
#include "codec_internal.h"

#include <algorithm>
#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <limits>

namespace baidian::protocol {

namespace detail {

namespace {

/// A duplicated key is renamed on the way in (kDuplicateMark + its name), so that the Reader of
/// the object that holds it refuses that object alone: the JSON codec keeps the last of
/// duplicated keys, and "two grams, the last one wins" is how a record is smuggled past a check.
constexpr std::string_view kDuplicateMark = "\x01duplicate:";

/// json::parser's own handler (a value_stack), plus the keys seen in each open object.
class MarkingHandler {
public:
    static constexpr std::size_t max_object_size = json::object::max_size();
    static constexpr std::size_t max_array_size = json::array::max_size();
    static constexpr std::size_t max_key_size = json::string::max_size();
    static constexpr std::size_t max_string_size = json::string::max_size();

    json::value_stack st;

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_object_begin(boost::system::error_code&) {
        m_keys.emplace_back();
        return true;
    }
    bool on_object_end(std::size_t n, boost::system::error_code&) {
        m_keys.pop_back();
        st.push_object(n);
        return true;
    }
    bool on_array_begin(boost::system::error_code&) { return true; }
    bool on_array_end(std::size_t n, boost::system::error_code&) {
        st.push_array(n);
        return true;
    }
    bool on_key_part(json::string_view s, std::size_t, boost::system::error_code&) {
        m_key.append(s.data(), s.size());
        return true;
    }
    bool on_key(json::string_view s, std::size_t, boost::system::error_code&) {
        m_key.append(s.data(), s.size());
        auto& seen = m_keys.back();
        if (std::find(seen.begin(), seen.end(), m_key) != seen.end()) {
            const std::string marked = std::string(kDuplicateMark) + m_key;
            st.push_key(json::string_view(marked.data(), marked.size()));
        } else {
            st.push_key(json::string_view(m_key.data(), m_key.size()));
            seen.push_back(m_key);
        }
        m_key.clear();
        return true;
    }
    bool on_string_part(json::string_view s, std::size_t, boost::system::error_code&) {
        st.push_chars(s);
        return true;
    }
    bool on_string(json::string_view s, std::size_t, boost::system::error_code&) {
        st.push_string(s);
        return true;
    }
    bool on_number_part(json::string_view, boost::system::error_code&) { return true; }
    bool on_int64(std::int64_t i, json::string_view, boost::system::error_code&) {
        st.push_int64(i);
        return true;
    }
    bool on_uint64(std::uint64_t u, json::string_view, boost::system::error_code&) {
        st.push_uint64(u);
        return true;
    }
    bool on_double(double d, json::string_view, boost::system::error_code&) {
        st.push_double(d);
        return true;
    }
    bool on_bool(bool b, boost::system::error_code&) {
        st.push_bool(b);
        return true;
    }
    bool on_null(boost::system::error_code&) {
        st.push_null();
        return true;
    }
    bool on_comment_part(json::string_view, boost::system::error_code&) { return true; }
    bool on_comment(json::string_view, boost::system::error_code&) { return true; }

private:
    std::vector<std::vector<std::string>> m_keys; ///< per open object (objects are small)
    std::string m_key;
};

} // namespace

Reader::Reader(const json::value* value, std::string path, std::string& error)
    : m_object(value ? value->if_object() : nullptr)
    , m_path(std::move(path))
    , m_error(error) {
    if (!m_object) {
        fail("", "must be an object");
        return;
    }
    for (const auto& kv : *m_object)
        if (kv.key().starts_with(kDuplicateMark)) {
            fail(std::string_view(kv.key()).substr(kDuplicateMark.size()),
                 "appears twice: a record says each thing once");
            break;
        }
}

std::string Reader::text(std::string_view key, std::size_t maxLength, bool required) {
    const auto* v = find(key, required);
    if (!v || v->is_null())
        return {};
    if (!v->is_string())
        return fail(key, "must be a string"), std::string();
    const auto& s = v->get_string();
    if (s.size() > maxLength)
        return fail(key, "is longer than " + std::to_string(maxLength) + " bytes"), std::string();
    if (required && s.empty())
        return fail(key, "must not be empty"), std::string();
    return std::string(s);
}

std::string Reader::oneOf(std::string_view key, std::initializer_list<std::string_view> allowed) {
    auto value = text(key, 32);
    if (!m_error.empty())
        return value;
    for (const auto a : allowed)
        if (value == a)
            return value;
    std::string list;
    for (const auto a : allowed)
        list += (list.empty() ? "" : ", ") + std::string(a);
    fail(key, "must be one of " + list);
    return {};
}

std::int64_t Reader::integer(std::string_view key, std::int64_t min, std::int64_t max,
                             bool required) {
    const auto* v = find(key, required);
    if (!v || v->is_null())
        return 0;
    std::int64_t out = 0;
    if (v->is_int64())
        out = v->get_int64();
    else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(
                                                      std::numeric_limits<std::int64_t>::max()))
        out = static_cast<std::int64_t>(v->get_uint64());
    else
        return fail(key, "must be an integer"), 0;
    if (out < min || out > max)
        return fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max)),
               0;
    return out;
}

std::optional<std::int64_t> Reader::optionalInteger(std::string_view key, std::int64_t min,
                                                    std::int64_t max) {
    const auto* v = find(key, false);
    if (!v || v->is_null())
        return std::nullopt;
    return integer(key, min, max);
}

bool Reader::boolean(std::string_view key) {
    const auto* v = find(key, true);
    if (!v)
        return false;
    if (!v->is_bool())
        return fail(key, "must be true or false"), false;
    return v->get_bool();
}

bool Reader::has(std::string_view key) {
    const auto* v = find(key, false);
    return v && !v->is_null();
}

std::optional<bool> Reader::optionalBoolean(std::string_view key) {
    const auto* v = find(key, false);
    if (!v || v->is_null())
        return std::nullopt;
    return boolean(key);
}

const json::array* Reader::array(std::string_view key, std::size_t maxItems) {
    const auto* v = find(key, true);
    if (!v)
        return nullptr;
    if (!v->is_array())
        return fail(key, "must be an array"), nullptr;
    if (v->get_array().size() > maxItems)
        return fail(key, "has more than " + std::to_string(maxItems) + " items"), nullptr;
    return &v->get_array();
}

std::string Reader::at(std::string_view key, std::size_t index) const {
    return m_path + (m_path.empty() ? "" : ".") + std::string(key) + "[" + std::to_string(index) +
           "]";
}

void Reader::fail(std::string_view key, const std::string& why) {
    if (m_error.empty())
        m_error = (m_path.empty() ? std::string(key)
                   : key.empty()  ? m_path
                                  : m_path + "." + std::string(key)) +
                  (key.empty() && m_path.empty() ? "" : ": ") + why;
}

const json::value* Reader::find(std::string_view key, bool required) {
    if (!m_object)
        return nullptr;
    const auto* v = m_object->if_contains(key);
    if (!v && required)
        fail(key, "is missing");
    return v;
}

Result<json::value> parse(std::string_view text) {
    if (text.size() > kMaxBodyBytes)
        return makeError(ErrorCode::ParseError,
                         "the body is larger than " + std::to_string(kMaxBodyBytes) + " bytes");
    boost::system::error_code ec;
    json::parse_options options;
    options.max_depth = 16;
    json::basic_parser<MarkingHandler> p(options);
    p.handler().st.reset();
    const auto used = p.write_some(false, text.data(), text.size(), ec);
    if (!ec && used != text.size())
        ec = json::error::extra_data;
    if (ec)
        return makeError(ErrorCode::ParseError, "the body is not valid JSON: " + ec.message());
    return p.handler().st.release();
}

std::string keyOf(const json::value& record, std::string_view field, std::size_t index) {
    if (const auto* o = record.if_object())
        if (const auto* v = o->if_contains(field); v && v->is_string() && !v->get_string().empty())
            return std::string(
                v->get_string().subview(0, std::min<std::size_t>(v->get_string().size(), 64)));
    return "#" + std::to_string(index);
}

json::value nullable(const std::string& s) {
    return s.empty() ? json::value(nullptr) : json::value(s);
}

} // namespace detail

namespace json = boost::json;
using detail::finish;
using detail::parse;
using detail::Reader;

std::string encode(const ErrorDoc& e) {
    return json::serialize(json::object{{"error", e.error}});
}

Result<ErrorDoc> decodeError(std::string_view text) {
    auto value = parse(text);
    if (!value)
        return value.error();
    std::string error;
    Reader r(&value.value(), "", error);
    ErrorDoc e{r.text("error", 4000)};
    return finish(std::move(e), error);
}

} // namespace baidian::protocol
