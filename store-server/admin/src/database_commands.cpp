// backup and restore: the central database, copied page by page while it stays consistent.
#include "baidian/db/backup.h"
#include "commands.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>

namespace baidian::admin {

namespace {

int copyDatabase(const Session& session, SQLite::Database& db, const std::string& backupFile,
                 bool backingUp) {
    int shown = -1;
    const auto progress = [&](int copied, int total) {
        const int percent = total > 0 ? static_cast<int>(100LL * copied / total) : 100;
        if (percent / 10 != shown / 10 || copied == total) {
            shown = percent;
            std::cerr << (backingUp ? "backing up: " : "restoring: ") << copied << " of " << total
                      << " pages (" << percent << "%)\n";
        }
    };
    const auto started = std::chrono::steady_clock::now();
    auto done = backingUp ? db::backupDatabase(db, backupFile, progress)
                          : db::restoreDatabase(backupFile, db, "sale", progress);
    if (!done)
        return fail(done.error());
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto sales = db.execAndGet("SELECT count(*) FROM sale").getInt64();
    const auto outlets = db.execAndGet("SELECT count(*) FROM outlet").getInt64();
    const auto& dbPath = session.options().dbPath;
    std::cout << (backingUp ? "backed up " + dbPath + " to " + backupFile
                            : "restored " + dbPath + " from " + backupFile)
              << ": " << outlets << " outlets, " << sales << " sales, integrity ok ("
              << static_cast<int>(seconds * 1000) << " ms)\n";
    return 0;
}

} // namespace

void addDatabaseCommands(CLI::App& app, Handlers& handlers) {
    auto backupFile = std::make_shared<std::string>();
    const auto handler = [backupFile](bool backingUp) {
        return [backupFile, backingUp](const Session& s) {
            return s.withDatabase(
                [&](SQLite::Database& db) { return copyDatabase(s, db, *backupFile, backingUp); });
        };
    };
    auto* backup = app.add_subcommand(
        "backup", "copy the central database to a file while the server keeps running");
    backup->add_option("--to", *backupFile, "backup file to write (replaced only when complete)")
        ->required();
    handlers.push_back({backup, handler(true)});
    auto* restore = app.add_subcommand(
        "restore", "replace the central database with a backup (stop store-server first)");
    restore->add_option("--from", *backupFile, "backup file made by store-admin backup")
        ->required();
    handlers.push_back({restore, handler(false)});
}

} // namespace baidian::admin
