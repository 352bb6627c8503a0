#pragma once

#include <SQLiteCpp/Database.h>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace baidian::db {

/// Keeps WAL checkpoints off the commit path of a latency-sensitive connection (the till's), and
/// keeps its WAL from growing without end.
///
/// Takes over `database`'s WAL hook (SQLite's automatic checkpoints stop) and checkpoints from a
/// thread of its own with its own connection, PASSIVE (it gives way to writers and readers, never
/// makes them wait):
///  - after a commit, once the connection has been quiet for `Policy::quiet` — on a till that is
///    the pause while the cashier serves the next customer, so the checkpoint's writes and fsync
///    do not meet a sale's;
///  - or at once when the WAL holds `Policy::walBytes` or more, so a till that never pauses
///    (a rush, a benchmark) still checkpoints.
/// A checkpoint is repeated while commits arrived during it (each pass has less to copy), until
/// one pass saw no commit: the WAL is then wholly in the database and the next transaction writes
/// it again from the start. Without that, a connection that commits while every checkpoint runs
/// only ever appends to its WAL, and an fsync that extends a file costs more than one that
/// overwrites it. When a writer that never pauses overtakes every pass and the WAL is big, the
/// few frames left are copied on the writer's thread right after its next commit (where
/// SQLite's own automatic checkpoint would run, but with the bulk already copied).
///
/// Thread-safety: construct and destroy on the thread that uses `database`; the WAL hook runs on
/// that thread and only takes a short lock. The destructor gives `database` its automatic
/// checkpoints back, stops the thread and checkpoints once more. `database` must outlive this
/// object. Crash-safe: a checkpoint is SQLite's own; a failing one (disk full, file gone) is
/// retried at the next commit.
class BackgroundCheckpointer {
public:
    struct Policy {
        std::chrono::milliseconds quiet{30};
        std::int64_t walBytes = 8 << 20;
        /// Passes after which a busy WAL is left until the next trigger.
        int maxPasses = 8;
    };

    BackgroundCheckpointer(SQLite::Database& database, Policy policy);
    explicit BackgroundCheckpointer(SQLite::Database& database)
        : BackgroundCheckpointer(database, Policy{}) {}
    ~BackgroundCheckpointer();
    BackgroundCheckpointer(const BackgroundCheckpointer&) = delete;
    BackgroundCheckpointer& operator=(const BackgroundCheckpointer&) = delete;

    /// How many times a checkpoint left the WAL wholly copied to the database (so that it
    /// starts over). For tests.
    std::uint64_t completed() const;

private:
    using Clock = std::chrono::steady_clock;
    static int onCommit(void* self, sqlite3* db, const char* schema, int frames);
    void run(const std::string& path);
    bool due(std::unique_lock<std::mutex>& lock);
    /// The WAL after the last commit holds Policy::walBytes or more. Call with m_mutex held.
    bool walIsBig() const { return m_walFrames * m_pageSize >= m_policy.walBytes; }

    sqlite3* m_handle;
    Policy m_policy;
    std::int64_t m_pageSize;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::uint64_t m_commits = 0;   // commits seen by the hook
    std::uint64_t m_copied = 0;    // m_commits when the WAL was last wholly copied
    std::int64_t m_walFrames = 0;  // frames in the WAL after the last commit
    bool m_finishOnWriter = false; // the next commit's hook checkpoints
    Clock::time_point m_lastCommit;
    std::uint64_t m_completed = 0;
    std::thread m_thread;
};

} // namespace baidian::db
