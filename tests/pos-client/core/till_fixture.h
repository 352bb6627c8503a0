#pragma once
// A till on a real SQLite file in a temporary directory, with a small Aksu catalog.

#include "baidian/db/database.h"
#include "baidian/pos/journal.h"
#include "baidian/pos/till.h"
#include "baidian/test/temp_dir.h"

#include <SQLiteCpp/Statement.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <set>
#include <unistd.h>

namespace baidian::pos::testing {

using domain::Fen;
using domain::Grams;

/// The till tests' directory, baidian-till-XXXXXX.
class TempDir : public baidian::test::TempDir {
public:
    TempDir()
        : baidian::test::TempDir("baidian-till") {}
};

struct Catalog {
    std::int64_t apples = 0;  // 冰糖心苹果, weighed, ¥6.80/斤, PLU 12345
    std::int64_t dates = 0;   // 红枣, weighed, ¥19.99/kg, PLU 12346
    std::int64_t giftBox = 0; // 礼盒, each, ¥128.00, EAN 6901234567892
    std::int64_t walnuts = 0; // 核桃, each, ¥35.00, EAN 6900000000007
};

inline constexpr const char* kGiftBoxEan = "6901234567892";
inline constexpr const char* kWalnutEan = "6900000000007";
inline constexpr const char* kApplesLabel1500g = "2012345015005"; // gs1-weight, PLU 12345, 1500 g

/// Sets up terminal HZ-F01/1, the catalog, cashier 1001 (PIN 1234) and supervisor 9001 (900190).
inline Catalog seedTill(LocalStore& store) {
    Catalog c;
    EXPECT_TRUE(store.setTerminal({"HZ-F01", "杭州湖滨旗舰店", 1}).ok());
    using domain::PriceBasis;
    using domain::SaleUnit;
    c.apples = store
                   .upsertProduct({"AKS-APL-01",
                                   "阿克苏冰糖心苹果",
                                   "",
                                   SaleUnit::ByWeight,
                                   {Fen(680), PriceBasis::PerJin},
                                   "12345",
                                   {}})
                   .value();
    c.dates = store
                  .upsertProduct({"AKS-DAT-01",
                                  "和田红枣",
                                  "",
                                  SaleUnit::ByWeight,
                                  {Fen(1999), PriceBasis::PerKg},
                                  "12346",
                                  {}})
                  .value();
    c.giftBox = store
                    .upsertProduct({"AKS-BOX-01",
                                    "冰糖心苹果礼盒",
                                    "",
                                    SaleUnit::Each,
                                    {Fen(12800), PriceBasis::PerUnit},
                                    "",
                                    {kGiftBoxEan}})
                    .value();
    c.walnuts = store
                    .upsertProduct({"AKS-WAL-01",
                                    "阿克苏核桃",
                                    "",
                                    SaleUnit::Each,
                                    {Fen(3500), PriceBasis::PerUnit},
                                    "",
                                    {kWalnutEan}})
                    .value();
    EXPECT_TRUE(store.addCashier("1001", "李娜", Role::Cashier, "1234").ok());
    EXPECT_TRUE(store.addCashier("9001", "王主管", Role::Supervisor, "900190").ok());
    return c;
}

class TillTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_store = std::make_unique<LocalStore>(LocalStore::open(m_dir.file("till.db")).value());
        m_catalog = seedTill(*m_store);
        m_till = std::make_unique<Till>(*m_store, m_clock);
        ASSERT_TRUE(m_till->login("1001", "1234").ok());
        ASSERT_TRUE(m_till->openShift(Fen(50000)).ok());
    }

    /// Rows in a table. A table name cannot be a bound parameter: each known table has its own
    /// fixed statement, and any other name fails the test.
    std::int64_t count(const std::string& table) {
        static const std::map<std::string, const char*> kCounts = {
            {"sale", "SELECT count(*) FROM sale"},
            {"sale_line", "SELECT count(*) FROM sale_line"},
            {"tender", "SELECT count(*) FROM tender"},
            {"outbox", "SELECT count(*) FROM outbox"},
            {"journal", "SELECT count(*) FROM journal"},
            {"stock_movement", "SELECT count(*) FROM stock_movement"},
            {"product", "SELECT count(*) FROM product"},
            {"approval", "SELECT count(*) FROM approval"},
            {"shift", "SELECT count(*) FROM shift"},
            {"till_event", "SELECT count(*) FROM till_event"},
            {"cash_movement", "SELECT count(*) FROM cash_movement"}};
        const auto it = kCounts.find(table);
        EXPECT_NE(it, kCounts.end()) << table;
        return it == kCounts.end() ? -1 : m_store->database().execAndGet(it->second).getInt64();
    }

    /// A single integer from a query with bound parameters.
    template <typename... Args> std::int64_t scalar(const std::string& sql, const Args&... args) {
        SQLite::Statement q(m_store->database(), sql);
        int i = 0;
        (q.bind(++i, args), ...);
        return q.executeStep() ? q.getColumn(0).getInt64() : 0;
    }

    Approval supervisor() const { return {"9001", "900190"}; }

    TempDir m_dir;
    baidian::domain::ManualClock m_clock{
        baidian::domain::parseLocalDateTime("2026-11-30 10:15:00")};
    std::unique_ptr<LocalStore> m_store;
    Catalog m_catalog;
    std::unique_ptr<Till> m_till;
};

} // namespace baidian::pos::testing
