#pragma once
// The server threads' read connections to the central database. Internal to baidian::net.

#include <SQLiteCpp/Database.h>
#include <map>
#include <memory>
#include <string>

namespace baidian::server {

/// The calling thread's read connection to the database at `path`, opened on first use (SQLite
/// connections are per thread). A coroutine asks again after every co_await: it may resume on
/// another thread. Throws SQLite::Exception when the database cannot be opened.
inline SQLite::Database& readConnection(const std::string& path) {
    thread_local std::map<std::string, std::unique_ptr<SQLite::Database>> connections;
    auto& slot = connections[path];
    if (!slot) {
        slot = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE);
        slot->setBusyTimeout(5000);
        slot->exec("PRAGMA foreign_keys=ON");
    }
    return *slot;
}

} // namespace baidian::server
