// The till's background checkpointer: it copies the WAL into the database once the writer is
// quiet, a writer that never pauses still gets its WAL started over (so the file stays small),
// and it hands the connection back to SQLite's own checkpoints when it goes.
#include "baidian/db/checkpointer.h"
#include "baidian/db/database.h"
#include "baidian/test/temp_dir.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <optional>
#include <thread>

namespace fs = std::filesystem;
using namespace baidian;
using namespace std::chrono_literals;
using baidian::test::TempDir;

namespace {

void commitRow(SQLite::Database& db, int bytes) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement insert(db, "INSERT INTO t(payload) VALUES (?)");
    insert.bind(1, std::string(static_cast<std::size_t>(bytes), 'x'));
    insert.exec();
    tx.commit();
}

/// Rows in the database file itself, WAL ignored: what a checkpoint has copied so far.
std::int64_t rowsInTheDatabaseFile(const std::string& path) {
    for (int attempt = 0; attempt < 50; ++attempt) {
        try {
            SQLite::Database file("file:" + path + "?immutable=1",
                                  SQLite::OPEN_READONLY | SQLite::OPEN_URI);
            return file.execAndGet("SELECT count(*) FROM t").getInt64();
        } catch (const SQLite::Exception&) {
            std::this_thread::sleep_for(10ms); // caught mid-checkpoint: look again
        }
    }
    return -1;
}

SQLite::Database openWithTable(const std::string& path) {
    auto db = db::openDatabase(path).value();
    db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, payload TEXT)");
    return db;
}

} // namespace

TEST(Checkpointer, CopiesTheWalIntoTheDatabaseOnceTheWriterIsQuiet) {
    TempDir dir;
    const auto path = dir.file("till.db");
    auto db = openWithTable(path);
    db::BackgroundCheckpointer::Policy policy;
    policy.quiet = 20ms;
    db::BackgroundCheckpointer checkpointer(db, policy);
    for (int i = 0; i < 5; ++i)
        commitRow(db, 100);
    // No fixed wait: the checkpoint comes after 20 ms of quiet, however slow the machine.
    std::int64_t copied = 0;
    for (int i = 0; i < 500 && (copied != 5 || checkpointer.completed() == 0); ++i) {
        std::this_thread::sleep_for(10ms);
        copied = rowsInTheDatabaseFile(path);
    }
    EXPECT_EQ(copied, 5);
    EXPECT_GE(checkpointer.completed(), 1u);
}

TEST(Checkpointer, AWriterThatNeverPausesStillHasItsWalStartOver) {
    TempDir dir;
    const auto path = dir.file("till.db");
    auto db = openWithTable(path);
    db::BackgroundCheckpointer::Policy policy;
    policy.walBytes = 256 << 10;
    constexpr int kCommits = 1500;
    std::uint64_t completed = 0;
    {
        db::BackgroundCheckpointer checkpointer(db, policy);
        for (int i = 0; i < kCommits; ++i)
            commitRow(db, 3000); // one table page and one overflow page: 8 KiB of WAL
        completed = checkpointer.completed();
    }
    // A WAL that never starts over holds every commit: about 12 MiB here. Started over, it
    // stays near the 256 KiB threshold plus what arrives while a checkpoint runs.
    const auto walSize = fs::file_size(path + "-wal");
    EXPECT_LT(walSize, 4u << 20) << "the WAL grew to " << walSize << " bytes";
    EXPECT_GE(completed, 2u);
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM t").getInt(), kCommits);
    EXPECT_TRUE(db::integrityOk(db));
}

TEST(Checkpointer, GivesTheConnectionBackToSqlitesOwnCheckpoints) {
    TempDir dir;
    const auto path = dir.file("till.db");
    auto db = openWithTable(path);
    std::optional<db::BackgroundCheckpointer> checkpointer(std::in_place, db);
    for (int i = 0; i < 10; ++i)
        commitRow(db, 100);
    checkpointer.reset();
    // Everything copied when it stopped; the connection works on without it (SQLite's automatic
    // checkpoint at 1000 pages again, no hook into the object that is gone).
    EXPECT_EQ(rowsInTheDatabaseFile(path), 10);
    for (int i = 0; i < 600; ++i)
        commitRow(db, 3000);
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM t").getInt(), 610);
    EXPECT_LT(fs::file_size(path + "-wal"), 12u << 20);
    EXPECT_TRUE(db::integrityOk(db));
}
