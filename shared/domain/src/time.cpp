#include "baidian/domain/time.h"

#include <cstdio>
#include <stdexcept>

namespace baidian::domain {
namespace {

constexpr std::chrono::hours kChinaOffset{8};

std::string format(TimePoint time, const char* pattern, bool withTime) {
    const auto days = std::chrono::floor<std::chrono::days>(time);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(time - days)};
    char buffer[40];
    if (withTime)
        std::snprintf(buffer, sizeof buffer, pattern, static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                      static_cast<int>(hms.hours().count()),
                      static_cast<int>(hms.minutes().count()),
                      static_cast<int>(hms.seconds().count()));
    else
        std::snprintf(buffer, sizeof buffer, pattern, static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

} // namespace

std::string isoUtc(TimePoint time) {
    return format(time, "%04d-%02u-%02uT%02d:%02d:%02dZ", true);
}

std::string businessDate(TimePoint time) {
    return format(time + kChinaOffset, "%04d-%02u-%02u", false);
}

std::string localDateTime(TimePoint time) {
    return format(time + kChinaOffset, "%04d-%02u-%02u %02d:%02d:%02d", true);
}

TimePoint parseLocalDateTime(const std::string& text) {
    if (text.size() < 19 || (text[10] != ' '))
        throw std::invalid_argument("not a YYYY-MM-DD HH:MM:SS time: " + text);
    return parseIsoUtc(text.substr(0, 10) + "T" + text.substr(11, 8) + "Z") - kChinaOffset;
}

TimePoint parseIsoUtc(const std::string& text) {
    int y = 0;
    unsigned mo = 0, d = 0;
    int h = 0, mi = 0, s = 0;
    if (std::sscanf(text.c_str(), "%d-%u-%uT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &s) != 6)
        throw std::invalid_argument("not an ISO-8601 UTC time: " + text);
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{mo},
                                          std::chrono::day{d}};
    if (!ymd.ok())
        throw std::invalid_argument("not a calendar date: " + text);
    return std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
           std::chrono::seconds{s};
}

} // namespace baidian::domain
