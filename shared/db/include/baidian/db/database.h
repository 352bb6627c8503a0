#pragma once

#include "baidian/domain/result.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <chrono>
#include <string>
#include <unordered_map>

namespace baidian::db {

/// Opens (creating if needed) a SQLite database the way every Baidian database runs:
/// WAL journal, synchronous=FULL (a committed sale survives a power cut), foreign keys on,
/// and a busy timeout so that a second connection waits instead of failing.
/// Not thread-safe: one connection per thread (SQLiteCpp's rule); open another for another thread.
/// Errors: Storage, naming the file and SQLite's reason.
Result<SQLite::Database> openDatabase(const std::string& path);

/// How a latency-sensitive database (the till's) departs from the defaults.
struct OpenOptions {
    /// Page size for a database created by this open (ignored for an existing one). Every page
    /// a transaction touches is written whole to the WAL and synced: a till sale touches about
    /// 25 pages, and at 1 KiB instead of 4 KiB its fsync moves a quarter of the bytes.
    int newDatabasePageSize = 0;
    /// Open through walBatchingVfs(): a transaction's WAL frames reach the file in one write.
    bool batchWalWrites = false;
    /// Leave out SQLite's per-connection mutex (SQLITE_OPEN_NOMUTEX), which every call on the
    /// connection takes: only for a connection that two threads never use at the same time (the
    /// till's store: one LocalStore per thread). Default: serialized, as for every other one.
    bool oneThreadOnly = false;
    /// A database file this open creates is readable and writable by its owner only (0600,
    /// whatever the umask; SQLite gives its -wal and -shm files the same mode): the central
    /// database holds password hashes and every outlet's sales. An existing file keeps its mode.
    /// Off for the till's store, which the cashiers' accounts share through a group.
    bool ownerOnly = true;
};
Result<SQLite::Database> openDatabase(const std::string& path, const OpenOptions& options);

/// `PRAGMA integrity_check` said "ok".
bool integrityOk(SQLite::Database& database);

/// Prepared statements kept for reuse on one connection (preparing costs more than running
/// the small statements of a sale). Keyed by the address of the SQL text, so give it string
/// literals. Not thread-safe: one cache per connection, like the connection itself.
class StatementCache {
public:
    /// The statement for `sql` on `database`, prepared on first use.
    SQLite::Statement& get(SQLite::Database& database, const char* sql);

private:
    std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> m_statements;
};

/// A statement to run once: from `cache` when there is one (and reset, bindings cleared, when
/// the handle ends, ready for the next use), else prepared for this use alone.
class Prepared {
public:
    Prepared(SQLite::Database& database, StatementCache* cache, const char* sql);
    ~Prepared();
    Prepared(const Prepared&) = delete;
    Prepared& operator=(const Prepared&) = delete;
    SQLite::Statement& operator*() { return *m_statement; }
    SQLite::Statement* operator->() { return m_statement; }

private:
    std::unique_ptr<SQLite::Statement> m_own;
    SQLite::Statement* m_statement;
    bool m_cached;
};

/// A unit of work that nests: inside the caller's transaction (the server's group-commit writer)
/// or on its own. Everything since construction is undone unless release() is called; a
/// savepoint opened outside any transaction commits on release(). Not thread-safe.
class Savepoint {
public:
    explicit Savepoint(SQLite::Database& database);
    ~Savepoint();
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    void release();

private:
    SQLite::Database& m_db;
    bool m_released = false;
};

} // namespace baidian::db
