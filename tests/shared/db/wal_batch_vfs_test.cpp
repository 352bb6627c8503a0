// The WAL-batching VFS: what it gathers reaches the file when a transaction commits, other
// connections read it, a crash right after a commit keeps the commit, and a write that fails
// fails the commit instead of vanishing.
#include "baidian/db/database.h"
#include "baidian/db/wal_batch_vfs.h"
#include "baidian/test/temp_dir.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <csignal>
#include <filesystem>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace baidian;

namespace {

using baidian::test::TempDir;

db::OpenOptions tillOptions() {
    db::OpenOptions options;
    options.newDatabasePageSize = 1024;
    options.batchWalWrites = true;
    return options;
}

/// One transaction of `rows` rows of `bytes` bytes each.
void commitRows(SQLite::Database& db, int rows, int bytes) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement insert(db, "INSERT INTO t(payload) VALUES (?)");
    for (int i = 0; i < rows; ++i) {
        insert.bind(1,
                    std::string(static_cast<std::size_t>(bytes), static_cast<char>('a' + i % 26)));
        insert.exec();
        insert.reset();
    }
    tx.commit();
}

std::int64_t rowsIn(const std::string& path) {
    auto db = db::openDatabase(path).value(); // the default VFS
    return db.execAndGet("SELECT count(*) FROM t").getInt64();
}

} // namespace

TEST(WalBatchVfs, IsRegisteredOnceUnderItsOwnName) {
    const char* name = db::walBatchingVfs();
    ASSERT_NE(name, nullptr);
    EXPECT_STREQ(name, db::walBatchingVfs());
    EXPECT_NE(sqlite3_vfs_find(name), nullptr);
    EXPECT_NE(sqlite3_vfs_find(nullptr), sqlite3_vfs_find(name)) << "must not become the default";
}

TEST(WalBatchVfs, EveryCommitIsReadByAnotherConnectionAndSurvivesReopening) {
    TempDir dir;
    const auto path = dir.file("till.db");
    std::int64_t expected = 0;
    {
        auto db = db::openDatabase(path, tillOptions()).value();
        db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
        db.exec("CREATE INDEX t_payload ON t(payload)");
        auto reader = db::openDatabase(path).value();
        SQLite::Statement count(reader, "SELECT count(*) FROM t");
        for (int i = 0; i < 300; ++i) {
            commitRows(db, 1 + i % 7, 40 + i % 900); // small sales, some rows on overflow pages
            expected += 1 + i % 7;
            ASSERT_TRUE(count.executeStep());
            ASSERT_EQ(count.getColumn(0).getInt64(), expected) << "after commit " << i;
            count.reset();
        }
        // One transaction far bigger than what the VFS gathers (64 KiB) and than one write of
        // the default VFS (128 KiB), which also spills pages to the WAL before it commits.
        commitRows(db, 6000, 500);
        expected += 6000;
        ASSERT_TRUE(count.executeStep());
        EXPECT_EQ(count.getColumn(0).getInt64(), expected);
        EXPECT_EQ(db.execAndGet("PRAGMA page_size").getInt(), 1024);
    }
    EXPECT_EQ(rowsIn(path), expected);
    auto again = db::openDatabase(path).value();
    EXPECT_TRUE(db::integrityOk(again));
}

TEST(WalBatchVfs, APageSizeIsOnlyGivenToANewDatabase) {
    TempDir dir;
    const auto path = dir.file("old.db");
    {
        auto db = db::openDatabase(path).value();
        db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
        commitRows(db, 10, 100);
    }
    auto db = db::openDatabase(path, tillOptions()).value();
    EXPECT_EQ(db.execAndGet("PRAGMA page_size").getInt(), 4096);
    commitRows(db, 10, 100);
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM t").getInt64(), 20);
}

// The process dies right after its commits returned, without closing the database (nothing
// flushed at close, no checkpoint). With synchronous=NORMAL SQLite does not sync the WAL at a
// commit, so only the VFS's write at the commit frame puts the frames into the file.
TEST(WalBatchVfs, ACommitIsInTheFileWhenItReturnsEvenIfTheProcessDiesAtOnce) {
    for (const char* synchronous : {"NORMAL", "FULL"}) {
        TempDir dir;
        const auto path = dir.file("till.db");
        {
            auto db = db::openDatabase(path, tillOptions()).value();
            db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
        }
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            auto db = db::openDatabase(path, tillOptions()).value();
            db.exec(std::string("PRAGMA synchronous=") + synchronous);
            db.exec("PRAGMA wal_autocheckpoint=0");
            for (int i = 0; i < 50; ++i)
                commitRows(db, 5, 200);
            ::_exit(0); // as if killed: no destructor, no close
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        EXPECT_EQ(rowsIn(path), 250) << "synchronous=" << synchronous;
    }
}

// The file may not grow past a limit (RLIMIT_FSIZE: writes beyond it fail with EFBIG, as a full
// disk fails them with ENOSPC). Commits go on until one fails; the failure must reach that
// commit, and every commit that said it succeeded must be in the file.
TEST(WalBatchVfs, AWriteThatFailsFailsItsCommitAndKeepsEveryEarlierOne) {
    TempDir dir;
    const auto path = dir.file("till.db");
    {
        auto db = db::openDatabase(path, tillOptions()).value();
        db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
    }
    int pipeFds[2];
    ASSERT_EQ(::pipe(pipeFds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(pipeFds[0]);
        std::signal(SIGXFSZ, SIG_IGN);
        auto db = db::openDatabase(path, tillOptions()).value();
        db.exec("PRAGMA wal_autocheckpoint=0");
        const rlimit limit{256 * 1024, 256 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        int committed = 0;
        bool failed = false;
        for (int i = 0; i < 1000 && !failed; ++i) {
            try {
                commitRows(db, 4, 600);
                ++committed;
            } catch (const SQLite::Exception&) {
                failed = true;
            }
        }
        const int report[2] = {committed, failed ? 1 : 0};
        (void)!::write(pipeFds[1], report, sizeof report);
        ::_exit(0);
    }
    ::close(pipeFds[1]);
    int report[2] = {-1, -1};
    ASSERT_EQ(::read(pipeFds[0], report, sizeof report), static_cast<ssize_t>(sizeof report));
    ::close(pipeFds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_EQ(report[1], 1) << "the limit was never reached";
    EXPECT_GT(report[0], 10);
    EXPECT_EQ(rowsIn(path), 4 * report[0]);
    auto db = db::openDatabase(path).value();
    EXPECT_TRUE(db::integrityOk(db));
}
