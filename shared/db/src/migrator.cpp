#include "baidian/db/migrator.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <string>

namespace baidian::db {
namespace {

void ensureVersionTable(SQLite::Database& database) {
    database.exec("CREATE TABLE IF NOT EXISTS schema_version ("
                  " version INTEGER PRIMARY KEY,"
                  " name TEXT NOT NULL,"
                  " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))");
}

} // namespace

int schemaVersion(SQLite::Database& database) {
    if (!database.tableExists("schema_version"))
        return 0;
    return database.execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_version").getInt();
}

Result<int> migrate(SQLite::Database& database, std::span<const Migration> migrations) {
    const int known = migrations.empty() ? 0 : migrations.back().version;
    int current = 0;
    try {
        current = schemaVersion(database);
    } catch (const SQLite::Exception& e) {
        return makeError(ErrorCode::Storage,
                         std::string("cannot read the schema version: ") + e.what());
    }
    if (current > known)
        return makeError(ErrorCode::Storage,
                         "database " + database.getFilename() + " has schema version " +
                             std::to_string(current) +
                             ", newer than this program (it knows up to " + std::to_string(known) +
                             "): install the newer program; nothing was changed");

    for (const auto& migration : migrations) {
        if (migration.version <= current)
            continue;
        try {
            SQLite::Transaction transaction(database, SQLite::TransactionBehavior::IMMEDIATE);
            ensureVersionTable(database);
            database.exec(std::string(migration.sql));
            SQLite::Statement record(database,
                                     "INSERT INTO schema_version(version, name) VALUES (?, ?)");
            record.bind(1, migration.version);
            record.bind(2, std::string(migration.name));
            record.exec();
            transaction.commit();
            current = migration.version;
        } catch (const SQLite::Exception& e) {
            return makeError(ErrorCode::Storage, "schema migration " +
                                                     std::to_string(migration.version) + " (" +
                                                     std::string(migration.name) +
                                                     ") failed, database left at version " +
                                                     std::to_string(current) + ": " + e.what());
        }
    }
    return current;
}

} // namespace baidian::db
