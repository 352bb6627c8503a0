#include "baidian/server/group_commit.h"

#include "baidian/db/database.h"

#include <vector>

namespace baidian::server {

GroupCommitWriter::GroupCommitWriter(const std::string& path, std::size_t maxGroup,
                                     std::size_t maxQueue)
    : m_db(db::openDatabase(path).value())
    , m_maxGroup(maxGroup)
    , m_maxQueue(maxQueue)
    , m_thread([this] { run(); }) {}

GroupCommitWriter::~GroupCommitWriter() {
    stop();
}

void GroupCommitWriter::submit(Apply apply, Done done) {
    bool stopping = false;
    {
        std::lock_guard lock(m_mutex);
        stopping = m_stopping;
        if (!stopping && m_queue.size() < m_maxQueue) {
            m_queue.push_back({std::move(apply), std::move(done)});
            m_wake.notify_one();
            return;
        }
    }
    // Refused, outside the lock (`done` may take other locks).
    if (stopping) {
        done(false, "the server is shutting down");
        return;
    }
    ++m_refused;
    done(false, "the writer's queue is full (" + std::to_string(m_maxQueue) +
                    " jobs waiting): try again shortly");
}

void GroupCommitWriter::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_wake.notify_one();
    }
    if (m_thread.joinable())
        m_thread.join();
}

void GroupCommitWriter::run() {
    while (true) {
        std::vector<Job> group;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                return; // stopping and drained
            while (!m_queue.empty() && group.size() < m_maxGroup) {
                group.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        std::vector<std::string> errors(group.size());
        std::string groupError;
        try {
            m_db.exec("BEGIN IMMEDIATE");
            for (std::size_t i = 0; i < group.size(); ++i) {
                m_db.exec("SAVEPOINT job");
                try {
                    group[i].apply(m_db);
                    m_db.exec("RELEASE job");
                } catch (const std::exception& e) {
                    errors[i] = e.what();
                    m_db.exec("ROLLBACK TO job");
                    m_db.exec("RELEASE job");
                }
            }
            m_db.exec("COMMIT");
            ++m_groups;
        } catch (const std::exception& e) {
            groupError = std::string("the database refused the write: ") + e.what();
            try {
                m_db.exec("ROLLBACK");
            } catch (const std::exception&) {
                // Already rolled back by SQLite (e.g. disk full aborts the transaction).
            }
            ++m_failures;
        }
        for (std::size_t i = 0; i < group.size(); ++i) {
            const std::string& error = groupError.empty() ? errors[i] : groupError;
            if (error.empty())
                ++m_jobs;
            group[i].done(error.empty(), error);
        }
    }
}

} // namespace baidian::server
