#pragma once

#include "baidian/domain/result.h"

#include <SQLiteCpp/Database.h>
#include <span>
#include <string_view>

namespace baidian::db {

/// One numbered schema change (schema/<db>/NNNN_name.sql), compiled into the program.
struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

/// The schema version recorded in the database (0 for a new, empty database).
int schemaVersion(SQLite::Database& database);

/// Brings the database up to the last migration: each pending migration runs in its own
/// transaction together with the row that records it, so a failure leaves the database at the
/// previous version. Returns the version reached.
/// Errors: Storage if the database is newer than this program (it is left untouched) or a
/// migration fails (named, with SQLite's message).
/// Precondition: `migrations` are numbered 1..N in order (the build checks the files).
Result<int> migrate(SQLite::Database& database, std::span<const Migration> migrations);

} // namespace baidian::db
