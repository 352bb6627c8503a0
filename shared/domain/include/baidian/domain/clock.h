#pragma once
// The one seam through which Baidian reads the wall clock: the till, the sync agent, the server
// and the tools take a Clock&, and tests substitute a ManualClock. Monotonic timers (timeouts,
// back-off) use std::chrono::steady_clock directly: they measure durations, not dates.

#include "baidian/domain/time.h"

#include <chrono>

namespace baidian::domain {

/// Where the wall-clock time comes from. Implementations are thread-safe unless they say not.
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

} // namespace baidian::domain
