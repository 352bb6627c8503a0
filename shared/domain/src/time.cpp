#include "baidian/domain/time.h"

#include <algorithm>
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
    // A time point counts nanoseconds: beyond 2262 it would overflow. No sale is that far off.
    if (y < 1970 || y > 2200 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60)
        throw std::invalid_argument("not a time between 1970 and 2200: " + text);
    return std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
           std::chrono::seconds{s};
}

namespace {

std::chrono::year_month_day parseDate(std::string_view text) {
    if (!isDate(text))
        throw std::invalid_argument("not a YYYY-MM-DD date: " + std::string(text));
    const auto num = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i)
            v = v * 10 + (text[i] - '0');
        return v;
    };
    return {std::chrono::year{num(0, 4)}, std::chrono::month{static_cast<unsigned>(num(5, 2))},
            std::chrono::day{static_cast<unsigned>(num(8, 2))}};
}

std::string formatDate(std::chrono::sys_days day) {
    return format(day, "%04d-%02u-%02u", false);
}

} // namespace

bool isDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (const std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (text[i] < '0' || text[i] > '9')
            return false;
    const auto num = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i)
            v = v * 10 + (text[i] - '0');
        return v;
    };
    const std::chrono::year_month_day ymd{std::chrono::year{num(0, 4)},
                                          std::chrono::month{static_cast<unsigned>(num(5, 2))},
                                          std::chrono::day{static_cast<unsigned>(num(8, 2))}};
    return ymd.ok() && num(0, 4) >= 1900;
}

std::string addDays(const std::string& date, int days) {
    return formatDate(std::chrono::sys_days{parseDate(date)} + std::chrono::days{days});
}

std::string addMonths(const std::string& date, int months) {
    const auto ymd = parseDate(date);
    const auto moved =
        std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
    const auto last =
        std::chrono::year_month_day_last{moved.year(), std::chrono::month_day_last{moved.month()}};
    const auto day = std::min(ymd.day(), last.day());
    return formatDate(
        std::chrono::sys_days{std::chrono::year_month_day{moved.year(), moved.month(), day}});
}

int daysBetween(const std::string& from, const std::string& to) {
    return static_cast<int>(
        (std::chrono::sys_days{parseDate(to)} - std::chrono::sys_days{parseDate(from)}).count());
}

TimePoint nightlyDeadline(const std::string& date) {
    return std::chrono::sys_days{parseDate(date)} + std::chrono::days{1} + std::chrono::hours{6} -
           kChinaOffset;
}

} // namespace baidian::domain
