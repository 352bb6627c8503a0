#pragma once
// Times as Baidian writes them: UTC ISO-8601 in databases and on the wire, business dates and
// receipt times in China time (UTC+8, no daylight saving). Pure functions; thread-safe.

#include <chrono>
#include <string>

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

} // namespace baidian::domain
