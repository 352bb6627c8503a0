#include "login_guard.h"

#include <algorithm>
#ifdef __linux__
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace baidian::server {

namespace {

/// The longest part of a username that is counted: longer names (which no user has) share the
/// count of their first bytes, which only ever throttles them sooner.
constexpr std::size_t kUserKeyBytes = 128;

std::chrono::seconds wholeSecondsUntil(LoginThrottle::Clock::time_point until,
                                       LoginThrottle::Clock::time_point now) {
    const auto left = std::chrono::ceil<std::chrono::seconds>(until - now);
    return std::max(left, std::chrono::seconds(1));
}

} // namespace

LoginThrottle::LoginThrottle(LoginLimits limits)
    : m_limits(limits) {
    m_users.threshold = std::max(1, limits.failuresPerUser);
    m_addresses.threshold = std::max(1, limits.failuresPerAddress);
    m_users.maxEntries = m_addresses.maxEntries = std::max<std::size_t>(1, limits.maxEntries);
}

std::string LoginThrottle::userKey(std::string_view user) {
    return std::string(user.substr(0, kUserKeyBytes));
}

LoginThrottle::Entry& LoginThrottle::Table::touch(const std::string& key) {
    auto [it, added] = entries.try_emplace(key);
    if (added) {
        oldest.push_back(key);
        it->second.age = std::prev(oldest.end());
    } else {
        oldest.splice(oldest.end(), oldest, it->second.age);
    }
    while (entries.size() > maxEntries && oldest.front() != key) {
        entries.erase(oldest.front());
        oldest.pop_front();
    }
    return it->second;
}

LoginThrottle::Entry* LoginThrottle::Table::find(const std::string& key) {
    const auto it = entries.find(key);
    return it == entries.end() ? nullptr : &it->second;
}

void LoginThrottle::Table::forgetIfIdle(const std::string& key) {
    const auto it = entries.find(key);
    if (it != entries.end() && it->second.failures == 0 && it->second.inFlight == 0) {
        oldest.erase(it->second.age);
        entries.erase(it);
    }
}

std::optional<std::chrono::seconds> LoginThrottle::refusal(Table& table, const std::string& key,
                                                           Clock::time_point now) const {
    Entry* e = table.find(key);
    if (!e)
        return std::nullopt;
    if (e->lockedUntil > now)
        return wholeSecondsUntil(e->lockedUntil, now);
    if (e->failures > 0 && now - e->lastFailure > m_limits.window)
        e->failures = 0; // quiet for a whole window: start again
    // Below the threshold, as many checks may run as would stay below it; after a lock-out one
    // at a time, so that concurrent guesses cannot slip past the count.
    if (e->failures + e->inFlight < table.threshold ||
        (e->failures >= table.threshold && e->inFlight == 0))
        return std::nullopt;
    return std::chrono::seconds(1); // the checks in flight decide first
}

std::optional<std::chrono::seconds>
LoginThrottle::admit(std::string_view user, std::string_view address, Clock::time_point now) {
    const auto userName = userKey(user);
    const std::string from(address);
    std::lock_guard lock(m_mutex);
    auto byUser = refusal(m_users, userName, now);
    auto byAddress = refusal(m_addresses, from, now);
    if (byUser || byAddress)
        return std::max(byUser.value_or(std::chrono::seconds(0)),
                        byAddress.value_or(std::chrono::seconds(0)));
    ++m_users.touch(userName).inFlight;
    ++m_addresses.touch(from).inFlight;
    return std::nullopt;
}

void LoginThrottle::fail(Table& table, const std::string& key, Clock::time_point now) {
    Entry& e = table.touch(key);
    if (e.inFlight > 0)
        --e.inFlight;
    if (e.failures > 0 && now - e.lastFailure > m_limits.window)
        e.failures = 0;
    ++e.failures;
    e.lastFailure = now;
    if (e.failures >= table.threshold) {
        // backoff, 2 × backoff, 4 × ... for each failure past the threshold, up to maxBackoff.
        auto lockout = m_limits.backoff;
        for (int i = table.threshold; i < e.failures && lockout < m_limits.maxBackoff; ++i)
            lockout *= 2;
        e.lockedUntil = now + std::min(lockout, m_limits.maxBackoff);
    }
}

void LoginThrottle::release(Table& table, const std::string& key) {
    if (Entry* e = table.find(key); e && e->inFlight > 0)
        --e->inFlight;
    table.forgetIfIdle(key);
}

void LoginThrottle::failed(std::string_view user, std::string_view address, Clock::time_point now) {
    std::lock_guard lock(m_mutex);
    fail(m_users, userKey(user), now);
    fail(m_addresses, std::string(address), now);
}

void LoginThrottle::succeeded(std::string_view user, std::string_view address) {
    const auto userName = userKey(user);
    std::lock_guard lock(m_mutex);
    if (Entry* e = m_users.find(userName)) {
        e->failures = 0;
        e->lockedUntil = {};
    }
    release(m_users, userName);
    release(m_addresses, std::string(address));
}

void LoginThrottle::abandoned(std::string_view user, std::string_view address) {
    std::lock_guard lock(m_mutex);
    release(m_users, userKey(user));
    release(m_addresses, std::string(address));
}

PasswordPool::PasswordPool(std::size_t threads, std::size_t queue)
    : m_capacity(std::max<std::size_t>(1, queue)) {
    for (std::size_t i = 0; i < std::max<std::size_t>(1, threads); ++i)
        m_threads.emplace_back([this] { run(); });
}

PasswordPool::~PasswordPool() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& t : m_threads)
        t.join();
}

bool PasswordPool::tryPost(std::function<void()> job) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping || m_jobs.size() >= m_capacity)
            return false;
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
    return true;
}

void PasswordPool::run() {
#ifdef __linux__
    // Nice this thread (Linux schedules threads as tasks of their own): logins wait for the CPU
    // behind the tills' uploads, never the other way round.
    const auto self = static_cast<id_t>(::syscall(SYS_gettid));
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, self);
    if (errno == 0)
        (void)::setpriority(PRIO_PROCESS, self, std::min(nice + 5, 19));
#endif
    while (true) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty())
                return; // stopping and drained
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job();
    }
}

} // namespace baidian::server
