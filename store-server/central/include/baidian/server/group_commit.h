#pragma once

#include <SQLiteCpp/Database.h>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace baidian::server {

/// The one writer of the central database. Jobs submitted from any thread are applied by its
/// own thread; all jobs waiting when it wakes are applied in ONE transaction (group commit),
/// each inside a savepoint so that a job that throws is rolled back alone. `done` is called on
/// the writer thread after the COMMIT (committed = true) or after a failure (committed =
/// false, with the reason; nothing of that job is in the database). At most `maxQueue` jobs
/// wait: a job submitted beyond that is refused at once (done(false, ...) on the caller's
/// thread), so that no burst of writes grows the queue without bound. Thread-safe.
class GroupCommitWriter {
public:
    using Apply = std::function<void(SQLite::Database&)>;
    using Done = std::function<void(bool committed, const std::string& error)>;

    /// Opens its own connection to `path` (already migrated).
    explicit GroupCommitWriter(const std::string& path, std::size_t maxGroup = 64,
                               std::size_t maxQueue = 4096);
    ~GroupCommitWriter();
    GroupCommitWriter(const GroupCommitWriter&) = delete;
    GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

    void submit(Apply apply, Done done);
    /// Finishes the queued jobs, then stops the thread. Later submits fail at once.
    void stop();

    std::uint64_t groupsCommitted() const { return m_groups.load(); }
    std::uint64_t jobsCommitted() const { return m_jobs.load(); }
    std::uint64_t commitFailures() const { return m_failures.load(); }
    /// Jobs refused because the queue was full.
    std::uint64_t jobsRefused() const { return m_refused.load(); }

private:
    struct Job {
        Apply apply;
        Done done;
    };
    void run();

    SQLite::Database m_db;
    std::size_t m_maxGroup;
    std::size_t m_maxQueue;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_queue;
    bool m_stopping = false;
    std::atomic<std::uint64_t> m_groups{0}, m_jobs{0}, m_failures{0}, m_refused{0};
    std::thread m_thread;
};

} // namespace baidian::server
