#pragma once

#include <chrono>
#include <string>

namespace baidian::pos {

using TimePoint = std::chrono::system_clock::time_point;

/// Where the till gets the time from; tests substitute a ManualClock.
class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
};

/// A clock that only moves when told. Not thread-safe.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start)
        : m_now(start) {}
    TimePoint now() const override { return m_now; }
    void advance(std::chrono::seconds by) { m_now += by; }
    void set(TimePoint to) { m_now = to; }

private:
    TimePoint m_now;
};

/// "2026-11-30T03:04:05Z"
std::string isoUtc(TimePoint time);
/// The China calendar day (UTC+8, no daylight saving) of `time`: "2026-11-30".
std::string businessDate(TimePoint time);
/// "2026-11-30 11:04:05" in China time, for receipts and reports.
std::string localDateTime(TimePoint time);
/// Parses "YYYY-MM-DD HH:MM:SS" China time (tests and demo data). Throws std::invalid_argument.
TimePoint parseLocalDateTime(const std::string& text);
/// Parses what isoUtc() writes. Throws std::invalid_argument.
TimePoint parseIsoUtc(const std::string& text);

} // namespace baidian::pos
