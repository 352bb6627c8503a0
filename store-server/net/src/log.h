#pragma once
// Structured logs: one JSON object per line on standard error. Nothing a client sent reaches
// the log longer than a few hundred bytes: names are cut with logValue(..., kLogNameBytes), and
// every string field is cut to kLogTextBytes as it is written (a username of 8 KiB, an error
// quoting a whole body, ...), so that nobody fills the disk or the operator's screen through it.

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace baidian::server {

/// How much of a name (username, outlet code, path, SKU) and of any other text goes to the log.
inline constexpr std::size_t kLogNameBytes = 64;
inline constexpr std::size_t kLogTextBytes = 256;

/// `text` as it may be logged: at most `limit` bytes of it, cut on a UTF-8 character boundary,
/// then "…(+N bytes)" when something was cut. Bytes that are not UTF-8 become '?', so that a
/// cut never splits a character and the log stays valid UTF-8.
inline std::string logValue(std::string_view text, std::size_t limit = kLogTextBytes) {
    std::string out;
    out.reserve(std::min(text.size(), limit));
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t length = c < 0x80           ? 1
                             : (c >> 5) == 0x06 ? 2
                             : (c >> 4) == 0x0e ? 3
                             : (c >> 3) == 0x1e ? 4
                                                : 0;
        bool valid = length > 0 && i + length <= text.size();
        for (std::size_t k = 1; valid && k < length; ++k)
            valid = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
        if (!valid)
            length = 1;
        if (out.size() + length > limit)
            break;
        if (valid)
            out.append(text.substr(i, length));
        else
            out += '?';
        i += length;
    }
    if (i < text.size())
        out += "\xe2\x80\xa6(+" + std::to_string(text.size() - i) + " bytes)";
    return out;
}

inline void logEvent(std::string_view level, std::string_view event,
                     boost::json::object fields = {}) {
    static std::mutex mutex;
    for (auto& field : fields)
        if (auto* text = field.value().if_string())
            *text = logValue(std::string_view(text->data(), text->size()));
    const auto now = std::chrono::system_clock::now();
    fields["ts"] =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    fields["level"] = level;
    fields["event"] = event;
    const std::string line = boost::json::serialize(fields) + "\n";
    std::lock_guard lock(mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

} // namespace baidian::server
