// The store-server's limits on their own: the log's cut, the login throttle's counts, backoff
// and bounded tables, the password pool's bounded queue and the upload caps.
#include "log.h"
#include "login_guard.h"
#include "upload_gate.h"

#include <future>
#include <gtest/gtest.h>

using namespace baidian::server;
using namespace std::chrono_literals;

TEST(LogValue, CutsOnACharacterBoundaryWithAMarker) {
    EXPECT_EQ(logValue("short", 64), "short");
    // "名" is three bytes: 10 bytes hold "x" and three of them, never half of a fourth.
    EXPECT_EQ(logValue("x名名名名名", 10), "x名名名\xe2\x80\xa6(+6 bytes)");
    EXPECT_EQ(logValue(std::string(300, 'a')).substr(0, kLogTextBytes),
              std::string(kLogTextBytes, 'a'));
    EXPECT_EQ(logValue(std::string(300, 'a')).substr(kLogTextBytes), "\xe2\x80\xa6(+44 bytes)");
    // Not UTF-8: a lone continuation byte, a truncated sequence.
    EXPECT_EQ(logValue("a\x80z\xe5\x90", 64), "a?z??");
}

TEST(LoginThrottleTest, LocksAfterTheThresholdWithADoublingBackoff) {
    LoginLimits limits;
    limits.failuresPerUser = 3;
    limits.failuresPerAddress = 100;
    limits.backoff = 2s;
    LoginThrottle throttle(limits);
    const auto t0 = LoginThrottle::Clock::now();
    for (int i = 0; i < 3; ++i) {
        ASSERT_FALSE(throttle.admit("admin", "10.0.0.1", t0)) << i;
        throttle.failed("admin", "10.0.0.1", t0);
    }
    EXPECT_EQ(throttle.admit("admin", "10.0.0.1", t0), 2s);
    EXPECT_EQ(throttle.admit("admin", "10.0.0.9", t0), 2s) << "the lock is on the name";
    EXPECT_FALSE(throttle.admit("other", "10.0.0.1", t0));
    throttle.abandoned("other", "10.0.0.1");
    // After the lock, one more try; it fails: locked twice as long.
    ASSERT_FALSE(throttle.admit("admin", "10.0.0.1", t0 + 2s));
    throttle.failed("admin", "10.0.0.1", t0 + 2s);
    EXPECT_EQ(throttle.admit("admin", "10.0.0.1", t0 + 2s), 4s);
    // A success afterwards clears the name.
    ASSERT_FALSE(throttle.admit("admin", "10.0.0.1", t0 + 7s));
    throttle.succeeded("admin", "10.0.0.1");
    for (int i = 0; i < 2; ++i) {
        ASSERT_FALSE(throttle.admit("admin", "10.0.0.1", t0 + 8s));
        throttle.failed("admin", "10.0.0.1", t0 + 8s);
    }
    EXPECT_FALSE(throttle.admit("admin", "10.0.0.1", t0 + 8s));
}

TEST(LoginThrottleTest, ChecksInFlightCountAndAQuietWindowStartsAgain) {
    LoginLimits limits;
    limits.failuresPerUser = 2;
    limits.window = 60s;
    LoginThrottle throttle(limits);
    const auto t0 = LoginThrottle::Clock::now();
    ASSERT_FALSE(throttle.admit("admin", "a", t0));
    ASSERT_FALSE(throttle.admit("admin", "b", t0));
    EXPECT_EQ(throttle.admit("admin", "c", t0), 1s) << "two checks in flight reach the threshold";
    throttle.failed("admin", "a", t0);
    throttle.abandoned("admin", "b");
    ASSERT_FALSE(throttle.admit("admin", "d", t0 + 61s));
    throttle.failed("admin", "d", t0 + 61s); // the failure at t0 is a window old: count 1
    EXPECT_FALSE(throttle.admit("admin", "e", t0 + 61s));
}

TEST(LoginThrottleTest, TablesAreBoundedOldestForgottenFirst) {
    LoginLimits limits;
    limits.failuresPerUser = 2;
    limits.failuresPerAddress = 1000;
    limits.maxEntries = 3;
    LoginThrottle throttle(limits);
    const auto t0 = LoginThrottle::Clock::now();
    ASSERT_FALSE(throttle.admit("first", "a", t0));
    throttle.failed("first", "a", t0);
    for (int i = 0; i < 5; ++i) {
        const auto name = "name-" + std::to_string(i);
        ASSERT_FALSE(throttle.admit(name, "a", t0));
        throttle.failed(name, "a", t0);
    }
    // "first" (one failure) was forgotten: two more failures before it locks.
    ASSERT_FALSE(throttle.admit("first", "a", t0));
    throttle.failed("first", "a", t0);
    EXPECT_FALSE(throttle.admit("first", "a", t0));
}

TEST(PasswordPoolTest, RefusesBeyondItsQueue) {
    std::promise<void> release;
    auto released = release.get_future().share();
    std::promise<void> started;
    std::atomic<int> ran{0};
    {
        PasswordPool pool(1, 1);
        ASSERT_TRUE(pool.tryPost([&] {
            started.set_value();
            released.wait();
            ++ran;
        }));
        started.get_future().wait(); // the one thread is busy
        EXPECT_TRUE(pool.tryPost([&] { ++ran; }));
        EXPECT_FALSE(pool.tryPost([&] { ++ran; })) << "a second job waiting past a queue of 1";
        release.set_value();
    } // the destructor finishes the queued job
    EXPECT_EQ(ran.load(), 2);
}

TEST(UploadGateTest, CapsPerOutletAndInAll) {
    UploadGate gate(2, 3);
    UploadGate::Refusal why{};
    auto a1 = gate.admit(1, why);
    auto a2 = gate.admit(1, why);
    ASSERT_TRUE(a1 && a2);
    EXPECT_FALSE(gate.admit(1, why));
    EXPECT_EQ(why, UploadGate::Refusal::Outlet);
    auto b1 = gate.admit(2, why);
    ASSERT_TRUE(b1);
    EXPECT_FALSE(gate.admit(3, why));
    EXPECT_EQ(why, UploadGate::Refusal::Writer);
    a1.reset();
    EXPECT_TRUE(gate.admit(3, why)) << "a place given back is taken again";
}
