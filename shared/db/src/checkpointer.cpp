#include "baidian/db/checkpointer.h"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>
#include <utility>

namespace baidian::db {

BackgroundCheckpointer::BackgroundCheckpointer(SQLite::Database& database, Policy policy)
    : m_handle(database.getHandle())
    , m_policy(policy)
    , m_pageSize(database.execAndGet("PRAGMA page_size").getInt64()) {
    // Replaces the automatic-checkpoint hook that SQLite installs by default.
    sqlite3_wal_hook(m_handle, &BackgroundCheckpointer::onCommit, this);
    m_thread = std::thread(&BackgroundCheckpointer::run, this, database.getFilename());
}

BackgroundCheckpointer::~BackgroundCheckpointer() {
    // SQLite's own automatic checkpoints again, at its default threshold.
    constexpr int kSqliteDefaultAutoCheckpointPages = 1000;
    sqlite3_wal_autocheckpoint(m_handle, kSqliteDefaultAutoCheckpointPages);
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

int BackgroundCheckpointer::onCommit(void* self, sqlite3* db, const char* schema, int frames) {
    auto* checkpointer = static_cast<BackgroundCheckpointer*>(self);
    bool finishHere = false;
    {
        std::lock_guard lock(checkpointer->m_mutex);
        ++checkpointer->m_commits;
        checkpointer->m_walFrames = frames;
        checkpointer->m_lastCommit = Clock::now();
        finishHere = std::exchange(checkpointer->m_finishOnWriter, false);
    }
    if (finishHere) {
        // The thread's passes kept being overtaken by this writer, and the WAL is big: copy
        // the few frames they left, here, between two of its transactions, where no commit
        // can overtake it (SQLite's own automatic checkpoint runs at this very point).
        int log = 0, copied = 0;
        const int rc =
            sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
        std::lock_guard lock(checkpointer->m_mutex);
        if (rc == SQLITE_OK && log == copied) {
            checkpointer->m_copied = checkpointer->m_commits;
            ++checkpointer->m_completed;
        }
    } else {
        checkpointer->m_wake.notify_one();
    }
    return SQLITE_OK;
}

std::uint64_t BackgroundCheckpointer::completed() const {
    std::lock_guard lock(m_mutex);
    return m_completed;
}

bool BackgroundCheckpointer::due(std::unique_lock<std::mutex>& lock) {
    // Sleeps until there is something to copy and either the connection has been quiet long
    // enough or the WAL is big; false when stopping.
    for (;;) {
        if (m_stop)
            return false;
        if (m_commits != m_copied) {
            if (walIsBig())
                return true;
            const auto quietFrom = m_lastCommit + m_policy.quiet;
            if (Clock::now() >= quietFrom)
                return true;
            m_wake.wait_until(lock, quietFrom);
        } else {
            m_wake.wait(lock);
        }
    }
}

void BackgroundCheckpointer::run(const std::string& path) {
    try {
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        db.setBusyTimeout(1000);
        std::unique_lock lock(m_mutex);
        while (due(lock)) {
            for (int pass = 0; pass < m_policy.maxPasses && !m_stop; ++pass) {
                const auto before = m_commits;
                lock.unlock();
                bool ok = false, whole = false;
                try {
                    // Columns: busy, frames in the WAL, frames copied (as the checkpoint saw them).
                    SQLite::Statement checkpoint(db, "PRAGMA wal_checkpoint(PASSIVE)");
                    if (checkpoint.executeStep()) {
                        ok = true;
                        whole = checkpoint.getColumn(1).getInt64() ==
                                checkpoint.getColumn(2).getInt64();
                    }
                } catch (const SQLite::Exception&) {
                    // Disk full, I/O error: tried again after the next commit.
                }
                lock.lock();
                if (!ok)
                    break;
                if (whole && m_commits == before) {
                    // No commit while it ran and no reader held it back: the WAL is wholly in
                    // the database, and the next transaction starts it over.
                    m_copied = before;
                    ++m_completed;
                    break;
                }
            }
            if (m_commits != m_copied) {
                // Still behind after every pass (or failing). A big WAL is finished by the
                // writer after its next commit; either way, no new round before a quiet period
                // (no spinning).
                if (walIsBig())
                    m_finishOnWriter = true;
                m_wake.wait_for(lock, m_policy.quiet, [this] { return m_stop; });
            }
        }
        lock.unlock();
        db.exec("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (const SQLite::Exception&) {
        // The database went away: checkpoints resume at the next start (and SQLite checkpoints
        // when the last connection closes).
    }
}

} // namespace baidian::db
