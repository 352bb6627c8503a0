#pragma once
// What stands between a stranger and the password checks: throttling of failed logins per
// username and per client address (with exponential backoff), and the small bounded pool of
// threads argon2 runs on, so that no password check ever holds an I/O thread. Internal to
// baidian::net.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace baidian::server {

struct LoginLimits {
    /// Failures (within `window` of the previous one) after which a username, or a client
    /// address, is refused for `backoff`, doubling with each further failure up to `maxBackoff`.
    int failuresPerUser = 5;
    int failuresPerAddress = 20;
    std::chrono::seconds window{900};
    std::chrono::seconds backoff{1};
    std::chrono::seconds maxBackoff{900};
    /// Usernames and addresses remembered at most (each table); the oldest is forgotten first.
    std::size_t maxEntries = 10000;
};

/// Counts failed logins per username and per client address. A login is asked for with
/// admit() (which refuses it while either is locked, or while the checks already running for
/// it would reach the threshold), then reported with failed() or succeeded(), or abandoned()
/// when it was never checked. Memory is bounded by LoginLimits::maxEntries. Thread-safe.
class LoginThrottle {
public:
    using Clock = std::chrono::steady_clock;

    explicit LoginThrottle(LoginLimits limits);

    /// nullopt: go ahead (the attempt is counted in flight until reported); otherwise how long
    /// to wait, at least one second.
    std::optional<std::chrono::seconds> admit(std::string_view user, std::string_view address,
                                              Clock::time_point now);
    void failed(std::string_view user, std::string_view address, Clock::time_point now);
    /// A success forgets the username's failures (not the address's: an attacker's own account
    /// must not clear the address it guesses other names from).
    void succeeded(std::string_view user, std::string_view address);
    void abandoned(std::string_view user, std::string_view address);

private:
    struct Entry {
        int failures = 0;
        int inFlight = 0;
        Clock::time_point lastFailure{};
        Clock::time_point lockedUntil{};
        std::list<std::string>::iterator age; ///< its place in `oldest`
    };
    struct Table {
        int threshold = 0;
        std::size_t maxEntries = 0;
        std::unordered_map<std::string, Entry> entries;
        std::list<std::string> oldest; ///< least recently touched first

        Entry& touch(const std::string& key);
        Entry* find(const std::string& key);
        void forgetIfIdle(const std::string& key);
    };
    static std::string userKey(std::string_view user);
    std::optional<std::chrono::seconds> refusal(Table& table, const std::string& key,
                                                Clock::time_point now) const;
    void fail(Table& table, const std::string& key, Clock::time_point now);
    static void release(Table& table, const std::string& key);

    LoginLimits m_limits;
    std::mutex m_mutex;
    Table m_users, m_addresses;
};

/// A few threads for argon2 with a bounded queue: tryPost() refuses a job (returns false) when
/// `queue` jobs are already waiting, and the login is answered 503 at once. The threads run at
/// a lower scheduling priority than the I/O threads (Linux), so that under a flood of logins
/// the tills' uploads still get the CPU. The destructor finishes the queued jobs. Thread-safe.
class PasswordPool {
public:
    PasswordPool(std::size_t threads, std::size_t queue);
    ~PasswordPool();
    PasswordPool(const PasswordPool&) = delete;
    PasswordPool& operator=(const PasswordPool&) = delete;

    bool tryPost(std::function<void()> job);

private:
    void run();

    const std::size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace baidian::server
