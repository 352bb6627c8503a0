#include "baidian/db/database.h"

#include "baidian/db/wal_batch_vfs.h"

#include <SQLiteCpp/Statement.h>
#include <fcntl.h>
#include <mutex>
#include <sqlite3.h>
#include <unistd.h>

namespace baidian::db {

namespace {

/// Creates `path` empty with mode 0600 unless it exists (SQLite takes an empty file for a new
/// database). Another process creating it first is fine: it exists then.
void createOwnerOnly(const std::string& path) {
    if (path.empty() || path == ":memory:" || path.starts_with("file:"))
        return;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0)
        ::close(fd);
}

void disableMemoryStatistics() {
    // SQLite counts every allocation under one process-wide mutex unless told not to, and only
    // sqlite3_memory_used() and the soft heap limit read those counts (Baidian uses neither).
    // It can only be told before it initializes, i.e. before the process's first connection;
    // when something opened one earlier, this returns SQLITE_MISUSE and changes nothing.
    static std::once_flag once;
    std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

} // namespace

Result<SQLite::Database> openDatabase(const std::string& path) {
    return openDatabase(path, OpenOptions{});
}

Result<SQLite::Database> openDatabase(const std::string& path, const OpenOptions& options) {
    try {
        const char* vfs = options.batchWalWrites ? walBatchingVfs() : nullptr;
        if (options.batchWalWrites && !vfs)
            return makeError(ErrorCode::Storage, "database " + path +
                                                     ": the WAL-batching VFS could not be "
                                                     "registered");
        disableMemoryStatistics();
        if (options.ownerOnly)
            createOwnerOnly(path);
        SQLite::Database database(
            path.c_str(),
            SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE |
                (options.oneThreadOnly ? SQLite::OPEN_NOMUTEX : SQLite::OPEN_FULLMUTEX),
            0, vfs);
        database.setBusyTimeout(5000);
        if (options.newDatabasePageSize > 0)
            database.exec("PRAGMA page_size=" + std::to_string(options.newDatabasePageSize));
        const std::string mode = database.execAndGet("PRAGMA journal_mode=WAL").getString();
        if (mode != "wal" && path != ":memory:")
            return makeError(ErrorCode::Storage, "database " + path +
                                                     ": cannot switch to WAL journal (got " + mode +
                                                     ")");
        database.exec("PRAGMA synchronous=FULL");
        database.exec("PRAGMA foreign_keys=ON");
        // A savepoint's sub-journal (ingest takes one per sale) stays in memory instead of
        // spilling to a temporary file: half the core ingest time was those writes.
        database.exec("PRAGMA temp_store=MEMORY");
        return database;
    } catch (const SQLite::Exception& e) {
        return makeError(ErrorCode::Storage, "cannot open database " + path + ": " + e.what());
    }
}

bool integrityOk(SQLite::Database& database) {
    SQLite::Statement check(database, "PRAGMA integrity_check");
    return check.executeStep() && check.getColumn(0).getString() == "ok" && !check.executeStep();
}

SQLite::Statement& StatementCache::get(SQLite::Database& database, const char* sql) {
    auto& slot = m_statements[sql];
    if (!slot)
        slot = std::make_unique<SQLite::Statement>(database, sql);
    return *slot;
}

Prepared::Prepared(SQLite::Database& database, StatementCache* cache, const char* sql)
    : m_statement(nullptr)
    , m_cached(cache != nullptr) {
    if (cache) {
        m_statement = &cache->get(database, sql);
    } else {
        m_own = std::make_unique<SQLite::Statement>(database, sql);
        m_statement = m_own.get();
    }
}

Prepared::~Prepared() {
    if (!m_cached)
        return;
    try {
        m_statement->reset();
        m_statement->clearBindings();
    } catch (const SQLite::Exception&) {
        // The next use resets again and reports.
    }
}

Savepoint::Savepoint(SQLite::Database& database)
    : m_db(database) {
    m_db.exec("SAVEPOINT unit");
}

Savepoint::~Savepoint() {
    if (m_released)
        return;
    try {
        m_db.exec("ROLLBACK TO unit");
        m_db.exec("RELEASE unit");
    } catch (const SQLite::Exception&) {
        // The connection is broken; SQLite rolls back what was not committed.
    }
}

void Savepoint::release() {
    m_db.exec("RELEASE unit");
    m_released = true;
}

} // namespace baidian::db
