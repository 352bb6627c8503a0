#pragma once
// Times as Baidian writes them: UTC ISO-8601 in databases and on the wire, business dates and
// receipt times in China time (UTC+8, no daylight saving). Pure functions; thread-safe.

#include <chrono>
#include <string>
#include <string_view>

namespace baidian::domain {

using TimePoint = std::chrono::system_clock::time_point;

/// "2026-11-30T03:04:05Z"
std::string isoUtc(TimePoint time);
/// The China calendar day (UTC+8) of `time`: "2026-11-30".
std::string businessDate(TimePoint time);
/// "2026-11-30 11:04:05" in China time, for receipts and reports.
std::string localDateTime(TimePoint time);
/// Parses "YYYY-MM-DD HH:MM:SS" China time (tests and demo data). Throws std::invalid_argument.
TimePoint parseLocalDateTime(const std::string& text);
/// Parses what isoUtc() writes. Throws std::invalid_argument.
TimePoint parseIsoUtc(const std::string& text);

// Calendar dates "YYYY-MM-DD" (business dates, opening dates, ranking periods).
/// Whether `text` is exactly a valid "YYYY-MM-DD" date.
bool isDate(std::string_view text);
/// `date` plus `days` (may be negative). Throws std::invalid_argument on a bad date.
std::string addDays(const std::string& date, int days);
/// `date` plus `months`, the day clamped to the month's end (2026-03-31 - 1 month = 2026-02-28).
std::string addMonths(const std::string& date, int months);
/// Days from `from` to `to` (to - from). Throws std::invalid_argument on a bad date.
int daysBetween(const std::string& from, const std::string& to);
/// The last instant (UTC) a China business date's nightly job may report on time: 06:00 China
/// time the next morning.
TimePoint nightlyDeadline(const std::string& date);

} // namespace baidian::domain
