#include "baidian/db/database.h"
#include "baidian/db/migrator.h"
#include "baidian/schema/migrations.h"
#include "baidian/test/temp_dir.h"

#include <SQLiteCpp/Statement.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace baidian;

namespace {

using baidian::test::TempDir;

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

namespace {

/// Every row `query` returns, as text: what an upgrade must leave as it was.
std::vector<std::string> rows(SQLite::Database& db, const char* query) {
    std::vector<std::string> out;
    SQLite::Statement q(db, query);
    while (q.executeStep()) {
        std::string row;
        for (int i = 0; i < q.getColumnCount(); ++i)
            row += (q.isColumnNull(i) ? std::string("NULL") : q.getColumn(i).getString()) + "|";
        out.push_back(row);
    }
    return out;
}

bool indexExists(SQLite::Database& db, const std::string& table, const std::string& columns) {
    // An index (declared or made for a UNIQUE / PRIMARY KEY constraint) on exactly `columns`.
    SQLite::Statement list(db, "SELECT name FROM pragma_index_list(?)");
    list.bind(1, table);
    while (list.executeStep()) {
        SQLite::Statement cols(db, "SELECT group_concat(name, ',') FROM "
                                   "(SELECT name FROM pragma_index_info(?) ORDER BY seqno)");
        cols.bind(1, list.getColumn(0).getString());
        if (cols.executeStep() && !cols.isColumnNull(0) && cols.getColumn(0).getString() == columns)
            return true;
    }
    return false;
}

} // namespace

TEST(Migrator, StoreUpgradeKeepsEverySaleRowDropsUnusedIndexesAndSumsTheLedger) {
    // A till database as version 5 left it, with a synced sale and one still pending.
    TempDir dir;
    auto store = db::openDatabase(dir.file("store.db")).value();
    const auto all = schema::storeMigrations();
    ASSERT_GE(all.size(), 6u);
    ASSERT_TRUE(db::migrate(store, all.first(5)).ok());
    store.exec(R"sql(
        INSERT INTO product(id, sku, name, pinyin, sale_unit, price_fen, price_basis)
            VALUES (1, 'AKS-APL-01', '阿克苏冰糖心苹果', 'aksbtxpg', 'weight', 680, 'jin'),
                   (2, 'WAL-500', '纸皮核桃', 'zpht', 'each', 3980, 'unit');
        INSERT INTO cashier(id, code, name, role, pin_hash) VALUES (1, '1001', '王芳', 'cashier', 'x');
        INSERT INTO shift(id, cashier_id, opened_at, float_fen) VALUES (1, 1, '2026-11-30T01:00:00Z', 0);
        INSERT INTO lot(id, product_id, code, origin_base, arrival_date)
            VALUES (1, 1, 'L1', '阿克苏红旗坡', '2026-11-20');
        INSERT INTO sale(id, uuid, seq, receipt_no, kind, shift_id, cashier_id, completed_at,
                         business_date, line_count, subtotal_fen, discount_fen, rounding_fen,
                         total_fen, change_fen)
            VALUES (1, 'u-1', 1, 'HZ-F01-1-000001', 'sale', 1, 1, '2026-11-30T02:00:00Z',
                    '2026-11-30', 2, 6020, 0, 20, 6000, 0),
                   (2, 'u-2', 2, 'HZ-F01-1-000002', 'sale', 1, 1, '2026-11-30T02:05:00Z',
                    '2026-11-30', 1, 3980, 0, 0, 3980, 20);
        INSERT INTO sale_line VALUES
            (1, 1, 1, 'AKS-APL-01', '阿克苏冰糖心苹果', 0, 1500, 680, 680, 'jin', 2040, NULL, 0, 0,
             -7, 2033, 'label', 'label', '2000001015002', NULL, NULL),
            (1, 2, 2, 'WAL-500', '纸皮核桃', 1, 0, 3980, 3980, 'unit', 3980, NULL, 0, 0, -13, 3967,
             'scan', NULL, '6901234567892', NULL, NULL),
            (2, 1, 2, 'WAL-500', '纸皮核桃', 1, 0, 3980, 3980, 'unit', 3980, NULL, 0, 0, 0, 3980,
             'scan', NULL, '6901234567892', NULL, NULL);
        INSERT INTO tender VALUES (1, 1, 'wechat', 1000, 'WX1'), (1, 2, 'cash', 5000, NULL),
                                  (2, 1, 'cash', 4000, NULL);
        INSERT INTO journal VALUES (1, 1, 'genesis', 'h1'), (2, 2, 'h1', 'h2');
        INSERT INTO outbox(seq, sale_uuid, kind, created_at, acked_at, status)
            VALUES (1, 'u-1', 'sale', '2026-11-30T02:00:00Z', '2026-11-30T03:00:00Z', 'stored'),
                   (2, 'u-2', 'sale', '2026-11-30T02:05:00Z', NULL, NULL);
        INSERT INTO stock_movement(id, uuid, product_id, lot_id, kind, units, grams, sale_id,
                                   line_no, at, acked_at)
            VALUES (1, 'm-1', 1, 1, 'sale', 0, -1500, 1, 1, '2026-11-30T02:00:00Z',
                    '2026-11-30T03:00:00Z'),
                   (2, 'm-2', 2, NULL, 'sale', -1, 0, 1, 2, '2026-11-30T02:00:00Z', NULL),
                   (3, 'm-3', 2, NULL, 'sale', -1, 0, 2, 1, '2026-11-30T02:05:00Z', NULL);
    )sql");
    const char* const tables[] = {"SELECT * FROM sale_line ORDER BY sale_id, line_no",
                                  "SELECT * FROM tender ORDER BY sale_id, seq",
                                  "SELECT seq, sale_id, prev_hash, hash FROM journal ORDER BY seq",
                                  "SELECT * FROM outbox ORDER BY seq",
                                  "SELECT * FROM stock_movement ORDER BY id"};
    std::vector<std::vector<std::string>> before;
    for (const char* table : tables)
        before.push_back(rows(store, table));
    ASSERT_TRUE(indexExists(store, "stock_movement", "uuid"));

    ASSERT_TRUE(db::migrate(store, all).ok());
    for (std::size_t i = 0; i < std::size(tables); ++i)
        EXPECT_EQ(rows(store, tables[i]), before[i]) << tables[i];
    EXPECT_FALSE(indexExists(store, "stock_movement", "uuid"));
    EXPECT_FALSE(indexExists(store, "journal", "sale_id"));
    // Version 9: every entry written before it is journal scheme 1 (over the till's own rows).
    EXPECT_EQ(rows(store, "SELECT seq, scheme FROM journal ORDER BY seq"),
              (std::vector<std::string>{"1|1|", "2|1|"}));
    EXPECT_FALSE(indexExists(store, "outbox", "sale_uuid"));
    EXPECT_TRUE(indexExists(store, "stock_movement", "product_id"));
    EXPECT_TRUE(indexExists(store, "stock_movement", "sale_id"));
    EXPECT_TRUE(indexExists(store, "stock_movement", "lot_id"));
    EXPECT_EQ(store.execAndGet("SELECT count(*) FROM outbox WHERE acked_at IS NULL").getInt(), 1);
    EXPECT_EQ(
        store.execAndGet("SELECT count(*) FROM stock_movement WHERE acked_at IS NULL").getInt(), 2);
    // The line and tender tables are clustered on their keys: no rowid any more.
    EXPECT_THROW(store.exec("SELECT rowid FROM sale_line"), SQLite::Exception);
    EXPECT_THROW(store.exec("SELECT rowid FROM tender"), SQLite::Exception);
    EXPECT_EQ(store.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt(), 0);
    EXPECT_TRUE(db::integrityOk(store));
    // Version 7 sums the ledger that was there into stock_balance, per product and lot.
    EXPECT_EQ(rows(store, "SELECT * FROM stock_balance ORDER BY product_id, lot_key"),
              (std::vector<std::string>{"1|1|0|-1500|", "2|0|-2|0|"}));
}
