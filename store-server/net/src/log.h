#pragma once
// Structured logs: one JSON object per line on standard error.

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string_view>

namespace baidian::server {

inline void logEvent(std::string_view level, std::string_view event,
                     boost::json::object fields = {}) {
    static std::mutex mutex;
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
