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

} // namespace baidian::db
