#pragma once

#include "baidian/domain/time.h"

#include <chrono>
#include <string>

namespace baidian::pos {

using TimePoint = domain::TimePoint;

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

// The time formats live in shared/ (the server writes the same ones).
using domain::businessDate;
using domain::isoUtc;
using domain::localDateTime;
using domain::parseIsoUtc;
using domain::parseLocalDateTime;

} // namespace baidian::pos
