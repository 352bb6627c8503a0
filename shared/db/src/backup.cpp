#include "baidian/db/backup.h"

#include "baidian/db/database.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Statement.h>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <sqlite3.h>
#include <stdexcept>
#include <thread>
#include <unistd.h>

namespace baidian::db {

namespace {

constexpr int kPagesPerStep = 1024;
constexpr int kBusyRetries = 200; // 10 s of 50 ms waits

/// Runs the backup in steps (progress after each). The source connection holds one read
/// transaction for the whole copy, so writers elsewhere neither restart it nor change what it
/// copies: the result is the database as of the first step.
void copyPages(SQLite::Database& from, SQLite::Database& to, const BackupProgress& progress) {
    from.exec("BEGIN");
    try {
        from.execAndGet("SELECT count(*) FROM sqlite_schema"); // takes the read snapshot
        SQLite::Backup backup(to, from);
        int state = SQLITE_OK;
        int busy = 0;
        while (state == SQLITE_OK || state == SQLITE_BUSY || state == SQLITE_LOCKED) {
            state = backup.executeStep(kPagesPerStep);
            if (state == SQLITE_BUSY || state == SQLITE_LOCKED) {
                if (++busy > kBusyRetries)
                    throw std::runtime_error("the database stayed locked by another process");
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                continue;
            }
            if (progress)
                progress(backup.getTotalPageCount() - backup.getRemainingPageCount(),
                         backup.getTotalPageCount());
        }
        from.exec("COMMIT");
    } catch (...) {
        from.exec("ROLLBACK");
        throw;
    }
}

Status syncFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0)
            ::close(fd);
        return makeError(ErrorCode::Storage, "cannot fsync " + path);
    }
    ::close(fd);
    return {};
}

} // namespace

Status backupDatabase(SQLite::Database& source, const std::string& target,
                      const BackupProgress& progress) {
    const std::string part = target + ".part";
    std::error_code ignored;
    std::filesystem::remove(part, ignored);
    try {
        // Readable by its owner only, like the database it copies (0600, whatever the umask).
        if (const int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            fd >= 0)
            ::close(fd);
        else
            return makeError(ErrorCode::Storage, "cannot create " + part);
        {
            // A rollback journal, not WAL: the backup is one self-contained file.
            SQLite::Database copy(part, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            copyPages(source, copy, progress);
            copy.exec("PRAGMA journal_mode=DELETE");
            if (!integrityOk(copy)) {
                std::filesystem::remove(part, ignored);
                return makeError(ErrorCode::Storage,
                                 "the copy in " + part + " failed its integrity check");
            }
        }
        if (auto ok = syncFile(part); !ok)
            return ok;
        std::filesystem::rename(part, target);
        const auto dir = std::filesystem::absolute(target).parent_path().string();
        return syncFile(dir);
    } catch (const std::exception& e) {
        std::filesystem::remove(part, ignored);
        return makeError(ErrorCode::Storage, "backup to " + target + " failed: " + e.what());
    }
}

Status restoreDatabase(const std::string& backup, SQLite::Database& target,
                       const std::string& required, const BackupProgress& progress) {
    if (!std::filesystem::is_regular_file(backup))
        return makeError(ErrorCode::InvalidArgument, "no backup file " + backup);
    try {
        SQLite::Database from(backup, SQLite::OPEN_READONLY);
        if (!integrityOk(from))
            return makeError(ErrorCode::InvalidArgument,
                             backup + " fails its integrity check; nothing was restored");
        SQLite::Statement table(from, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND "
                                      "name = ?");
        table.bind(1, required);
        if (!table.executeStep())
            return makeError(ErrorCode::InvalidArgument,
                             backup + " is not a backup of this kind of database (no table " +
                                 required + "); nothing was restored");
        table.reset();
        copyPages(from, target, progress);
        return {};
    } catch (const std::exception& e) {
        return makeError(ErrorCode::Storage, "restore from " + backup + " failed: " + e.what());
    }
}

} // namespace baidian::db
