#include "baidian/db/backup.h"
#include "baidian/db/database.h"
#include "baidian/test/temp_dir.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace baidian;

namespace {

using baidian::test::TempDir;

/// A database of `rows` sales, big enough to take several backup steps.
SQLite::Database salesDatabase(const std::string& path, int rows) {
    auto db = db::openDatabase(path).value();
    db.exec("CREATE TABLE sale(id INTEGER PRIMARY KEY, total_fen INTEGER NOT NULL, note TEXT)");
    SQLite::Transaction tx(db);
    SQLite::Statement insert(db, "INSERT INTO sale(total_fen, note) VALUES (?, ?)");
    for (int i = 1; i <= rows; ++i) {
        insert.bind(1, i);
        insert.bind(2, std::string(200, 'x'));
        insert.exec();
        insert.reset();
    }
    tx.commit();
    return db;
}

std::int64_t sumOf(SQLite::Database& db) {
    return db.execAndGet("SELECT count(*) * 1000000000 + COALESCE(sum(total_fen), 0) FROM sale")
        .getInt64();
}

} // namespace

TEST(Backup, CopiesOneSnapshotWhileAnotherConnectionWrites) {
    TempDir dir;
    auto live = salesDatabase(dir.file("server.db"), 60000);
    const auto before = sumOf(live);
    SQLite::Database source(dir.file("server.db"), SQLite::OPEN_READWRITE);
    int steps = 0, lastCopied = 0, total = 0;
    // Another connection writes between the steps: the copy neither restarts nor takes them.
    ASSERT_TRUE(db::backupDatabase(source, dir.file("backup.db"), [&](int copied, int pages) {
        ++steps;
        EXPECT_GE(copied, lastCopied);
        lastCopied = copied;
        total = pages;
        live.exec("INSERT INTO sale(total_fen) VALUES (7)");
    }));
    EXPECT_GT(steps, 2);
    EXPECT_EQ(lastCopied, total);
    EXPECT_FALSE(fs::exists(dir.file("backup.db.part")));
    SQLite::Database copy(dir.file("backup.db"), SQLite::OPEN_READONLY);
    EXPECT_TRUE(db::integrityOk(copy));
    EXPECT_EQ(sumOf(copy), before);
    EXPECT_EQ(sumOf(live), before + steps * 1000000007LL);
}

TEST(Backup, RestoreBringsBackTheBackedUpState) {
    TempDir dir;
    auto live = salesDatabase(dir.file("server.db"), 500);
    const auto before = sumOf(live);
    ASSERT_TRUE(db::backupDatabase(live, dir.file("backup.db")));
    live.exec("DELETE FROM sale WHERE id > 100");
    ASSERT_NE(sumOf(live), before);
    ASSERT_TRUE(db::restoreDatabase(dir.file("backup.db"), live, "sale"));
    EXPECT_EQ(sumOf(live), before);
    EXPECT_TRUE(db::integrityOk(live));
}

TEST(Backup, RestoreRefusesABadOrForeignFileAndChangesNothing) {
    TempDir dir;
    auto live = salesDatabase(dir.file("server.db"), 50);
    const auto before = sumOf(live);

    auto missing = db::restoreDatabase(dir.file("nope.db"), live, "sale");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("no backup file"), std::string::npos);

    std::ofstream(dir.file("garbage.db")) << "this is not a database at all, just some text";
    auto garbage = db::restoreDatabase(dir.file("garbage.db"), live, "sale");
    ASSERT_FALSE(garbage);
    EXPECT_NE(garbage.error().message.find("garbage.db"), std::string::npos);

    {
        auto other = db::openDatabase(dir.file("till.db")).value();
        other.exec("CREATE TABLE outbox(id INTEGER PRIMARY KEY)");
    }
    auto foreign = db::restoreDatabase(dir.file("till.db"), live, "sale");
    ASSERT_FALSE(foreign);
    EXPECT_NE(foreign.error().message.find("no table sale"), std::string::npos);
    EXPECT_EQ(sumOf(live), before);
}

TEST(Backup, AFailedBackupLeavesTheOldBackupInPlace) {
    TempDir dir;
    auto live = salesDatabase(dir.file("server.db"), 50);
    ASSERT_TRUE(db::backupDatabase(live, dir.file("backup.db")));
    const auto size = fs::file_size(dir.file("backup.db"));
    // The target's directory does not exist: the backup fails and says where.
    auto failed = db::backupDatabase(live, dir.file("missing/backup.db"));
    ASSERT_FALSE(failed);
    EXPECT_NE(failed.error().message.find("missing/backup.db"), std::string::npos);
    EXPECT_EQ(fs::file_size(dir.file("backup.db")), size);
}
