#include "baidian/db/database.h"
#include "baidian/db/migrator.h"
#include "baidian/schema/migrations.h"
#include "temp_dir.h"

#include <SQLiteCpp/Statement.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace baidian;

namespace {

using baidian::testing::TempDir;

constexpr db::Migration kTwoSteps[] = {
    {1, "create", "CREATE TABLE sale(id INTEGER PRIMARY KEY, total_fen INTEGER NOT NULL) STRICT;"},
    {2, "add_note", "ALTER TABLE sale ADD COLUMN note TEXT;"},
};

} // namespace

TEST(Database, OpensInWalWithForeignKeysAndFullSync) {
    TempDir dir;
    auto database = db::openDatabase(dir.file("store.db")).value();
    EXPECT_EQ(database.execAndGet("PRAGMA journal_mode").getString(), "wal");
    EXPECT_EQ(database.execAndGet("PRAGMA foreign_keys").getInt(), 1);
    EXPECT_EQ(database.execAndGet("PRAGMA synchronous").getInt(), 2); // FULL
    EXPECT_TRUE(db::integrityOk(database));
}

TEST(Database, UnopenablePathIsAClearError) {
    auto result = db::openDatabase("/nonexistent-dir/store.db");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::Storage);
    EXPECT_NE(result.error().message.find("/nonexistent-dir/store.db"), std::string::npos);
}

TEST(Migrator, AppliesInOrderAndRecordsTheVersion) {
    TempDir dir;
    auto database = db::openDatabase(dir.file("a.db")).value();
    EXPECT_EQ(db::schemaVersion(database), 0);
    EXPECT_EQ(db::migrate(database, kTwoSteps).value(), 2);
    EXPECT_EQ(db::schemaVersion(database), 2);
    EXPECT_TRUE(
        database.execAndGet("SELECT count(*) FROM pragma_table_info('sale') WHERE name='note'")
            .getInt());
    // Running again changes nothing.
    EXPECT_EQ(db::migrate(database, kTwoSteps).value(), 2);
    EXPECT_EQ(database.execAndGet("SELECT count(*) FROM schema_version").getInt(), 2);
}

TEST(Migrator, UpgradesAnOlderDatabaseKeepingItsData) {
    TempDir dir;
    {
        auto database = db::openDatabase(dir.file("b.db")).value();
        ASSERT_EQ(db::migrate(database, std::span(kTwoSteps).first(1)).value(), 1);
        database.exec("INSERT INTO sale(total_fen) VALUES (2040)");
    }
    auto database = db::openDatabase(dir.file("b.db")).value();
    EXPECT_EQ(db::migrate(database, kTwoSteps).value(), 2);
    EXPECT_EQ(database.execAndGet("SELECT total_fen FROM sale").getInt64(), 2040);
}

TEST(Migrator, RefusesADatabaseNewerThanTheCodeAndLeavesItAlone) {
    TempDir dir;
    auto database = db::openDatabase(dir.file("c.db")).value();
    ASSERT_TRUE(db::migrate(database, kTwoSteps).ok());
    auto result = db::migrate(database, std::span(kTwoSteps).first(1));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::Storage);
    EXPECT_NE(result.error().message.find("newer than this program"), std::string::npos);
    EXPECT_EQ(db::schemaVersion(database), 2);
}

TEST(Migrator, AFailingMigrationRollsBackToThePreviousVersion) {
    TempDir dir;
    constexpr db::Migration broken[] = {
        kTwoSteps[0],
        {2, "half_done", "CREATE TABLE extra(x INTEGER); INSERT INTO no_such_table VALUES (1);"},
    };
    auto database = db::openDatabase(dir.file("d.db")).value();
    auto result = db::migrate(database, broken);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("half_done"), std::string::npos);
    EXPECT_EQ(db::schemaVersion(database), 1);
    EXPECT_FALSE(database.tableExists("extra"));
}

TEST(Migrator, RealStoreAndServerSchemasApplyCleanly) {
    TempDir dir;
    auto store = db::openDatabase(dir.file("store.db")).value();
    const auto storeVersion = db::migrate(store, schema::storeMigrations());
    ASSERT_TRUE(storeVersion.ok()) << storeVersion.error().message;
    EXPECT_EQ(*storeVersion, schema::storeMigrations().back().version);
    EXPECT_TRUE(db::integrityOk(store));
    // Money columns hold integers only (STRICT tables).
    EXPECT_THROW(store.exec("INSERT INTO product(sku,name,pinyin,sale_unit,price_fen,price_basis) "
                            "VALUES ('X','x','x','each','6.80','unit')"),
                 SQLite::Exception);

    auto server = db::openDatabase(dir.file("server.db")).value();
    const auto serverVersion = db::migrate(server, schema::serverMigrations());
    ASSERT_TRUE(serverVersion.ok()) << serverVersion.error().message;
    EXPECT_EQ(*serverVersion, schema::serverMigrations().back().version);
}
