#pragma once

#include "baidian/domain/result.h"

#include <SQLiteCpp/Database.h>
#include <string>

namespace baidian::db {

/// Opens (creating if needed) a SQLite database the way every Baidian database runs:
/// WAL journal, synchronous=FULL (a committed sale survives a power cut), foreign keys on,
/// and a busy timeout so that a second connection waits instead of failing.
/// Not thread-safe: one connection per thread (SQLiteCpp's rule); open another for another thread.
/// Errors: Storage, naming the file and SQLite's reason.
Result<SQLite::Database> openDatabase(const std::string& path);

/// `PRAGMA integrity_check` said "ok".
bool integrityOk(SQLite::Database& database);

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
