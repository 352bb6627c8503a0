// The head-office pieces of the central database on real SQLite files: CSV, the outlet
// registry, catalog and price imports, the ranking's rules and manager sessions.

#include "baidian/csv/csv.h"
#include "baidian/domain/time.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/catalog.h"
#include "baidian/server/central.h"
#include "baidian/server/ingest.h"
#include "baidian/server/ranking.h"
#include "baidian/server/registry.h"
#include "baidian/server/sessions.h"
#include "baidian/simulate/network.h"
#include "baidian/simulate/till_simulator.h"
#include "baidian/test/temp_dir.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace baidian::server {
namespace {

class CentralTest : public ::testing::Test {
protected:
    CentralTest() {
        m_db =
            std::make_unique<SQLite::Database>(openServerDatabase(m_dir.file("server.db")).value());
    }
    SQLite::Database& db() { return *m_db; }
    std::int64_t count(const char* table) {
        SQLite::Statement q(db(), std::string("SELECT COUNT(*) FROM ") + table);
        q.executeStep();
        return q.getColumn(0).getInt64();
    }

    test::TempDir m_dir{"baidian-central"}; ///< outlives m_db: the database closes first
    std::unique_ptr<SQLite::Database> m_db;
};

const std::string kRegistry =
    "\xEF\xBB\xBF"
    "code,name,type,city,address,area_m2,opened_on,status,franchisee\r\n"
    "HZ-F01,杭州旗舰店,flagship,杭州,\"延安路 1 号, 一楼\",320,2020-05-01,open,\r\n"
    "HZ-J01,杭州加盟店,加盟店,杭州,,80,2021-03-15,open,杭州果源商贸\r\n"
    "NB-O01,宁波网店,online,宁波,,0,2022-01-01,open,\r\n";

TEST(Csv, ReadsWhatExcelWritesAndNamesTheRowOfAStrayQuote) {
    auto table = csv::parse("\xEF\xBB\xBF"
                            "a,b\r\n\"1,5\",\"say \"\"hi\"\"\"\r\n\r\n");
    ASSERT_TRUE(table) << table.error().message;
    ASSERT_EQ(table->rows.size(), 1u);
    EXPECT_EQ(table->rows[0].fields[0], "1,5");
    EXPECT_EQ(table->rows[0].fields[1], "say \"hi\"");
    EXPECT_EQ(table->rows[0].record, 2);
    auto bad = csv::parse("a,b\n1,2\n3,\"4\"x\n");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("row 3"), std::string::npos) << bad.error().message;
    auto ragged = csv::parse("a,b\n1,2,3\n");
    ASSERT_FALSE(ragged);
    EXPECT_NE(ragged.error().message.find("row 2 has 3 fields"), std::string::npos);
    EXPECT_FALSE(csv::parse("a,b\n\xff\xfe,1\n"));
    EXPECT_FALSE(csv::parse(""));
    const auto written = csv::write({{"x", "a,\"b\""}});
    auto back = csv::parse(written + "1,2\r\n");
    ASSERT_TRUE(back);
    EXPECT_EQ(back->header[1], "a,\"b\"");
}

TEST_F(CentralTest, TheRegistryImportsAllRowsOrNoneAndKeepsTypeHistory) {
    auto summary = importOutletsCsv(db(), kRegistry, "2026-11-30");
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->added, 3);
    auto outlets = listOutlets(db());
    ASSERT_EQ(outlets.size(), 3u);
    EXPECT_EQ(outlets[0].address, "延安路 1 号, 一楼");
    EXPECT_EQ(outlets[1].type, "franchise");
    EXPECT_EQ(outlets[1].franchisee, "杭州果源商贸");

    // A bad row 3 (a franchise without its franchisee): nothing at all changes.
    const std::string bad = "code,name,type,city,franchisee\n"
                            "HZ-F01,改名,flagship,杭州,\n"
                            "HZ-J02,新加盟店,franchise,杭州,\n";
    auto refused = importOutletsCsv(db(), bad, "2026-11-30");
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("row 3"), std::string::npos);
    EXPECT_NE(refused.error().message.find("franchisee"), std::string::npos);
    EXPECT_EQ(listOutlets(db()), outlets);
    for (const auto* wrong :
         {"code,name,type,city,area_m2\nHZ-F09,x,flagship,杭州,12.5\n",
          "code,name,type,city,opened_on\nHZ-F09,x,flagship,杭州,2026-02-30\n",
          "code,name,type,city\nHZ-F09,x,kiosk,杭州\n",
          "code,name,type,city\nhz f09,x,flagship,杭州\n",
          "code,name,type,city\nHZ-F09,x,flagship,杭州\nHZ-F09,y,flagship,杭州\n",
          "code,name,city\nHZ-F09,x,杭州\n"}) {
        EXPECT_FALSE(importOutletsCsv(db(), wrong, "2026-11-30")) << wrong;
        EXPECT_EQ(listOutlets(db()), outlets) << wrong;
    }

    // The franchise becomes a direct store: history keeps both.
    const std::string converted =
        "code,name,type,city,franchisee\nHZ-J01,杭州直营店,direct,杭州,\n";
    summary = importOutletsCsv(db(), converted, "2026-11-30");
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->typeChanges, 1);
    const auto history = typeHistory(db(), "HZ-J01");
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].type, "franchise");
    EXPECT_EQ(history[0].since, "2021-03-15");
    EXPECT_EQ(history[1].type, "direct");
    EXPECT_EQ(history[1].since, "2026-11-30");

    // Export and import again: unchanged.
    const auto exported = exportOutletsCsv(db());
    EXPECT_EQ(exported.rfind("\xEF\xBB\xBF", 0), 0u);
    summary = importOutletsCsv(db(), exported, "2026-11-30");
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->unchanged, 3);
    EXPECT_EQ(exportOutletsCsv(db(), {"", "宁波", "", {}}).find("HZ-F01"), std::string::npos);
}

TEST_F(CentralTest, PriceOverridesReachEachOutletAsItsOwnPrice) {
    ASSERT_TRUE(importOutletsCsv(db(), kRegistry, "2026-11-30"));
    const std::string catalog = "sku,name,sale_unit,price,price_basis,plu,barcodes\n"
                                "APL,冰糖心苹果,weight,12.80,jin,10001,\n"
                                "BOX,礼盒,each,128,unit,,6901234002010\n";
    auto added = importCatalogCsv(db(), catalog);
    ASSERT_TRUE(added) << added.error().message;
    EXPECT_EQ(added->added, 2);
    const auto before = masterDataSince(db(), outletByCode(db(), "HZ-F01")->id, 0).version;
    const std::string prices = "sku,scope,key,price\n"
                               "APL,type,旗舰店,13.80\n"
                               "APL,outlet,HZ-F01,14.80\n"
                               "BOX,type,online,118.00\n";
    auto set = importPriceOverridesCsv(db(), prices);
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_EQ(effectivePriceFen(db(), "HZ-F01", "APL"), 1480);
    EXPECT_EQ(effectivePriceFen(db(), "HZ-J01", "APL"), 1280);
    EXPECT_EQ(effectivePriceFen(db(), "NB-O01", "BOX"), 11800);
    // A till that already has version `before` gets the repriced products with its own price.
    const auto update = masterDataSince(db(), outletByCode(db(), "NB-O01")->id, before);
    ASSERT_EQ(update.products.size(), 2u);
    for (const auto& p : update.products)
        EXPECT_EQ(p.priceFen, p.sku == "BOX" ? 11800 : 1280) << p.sku;
    // Removing the outlet's own override falls back to its type's.
    ASSERT_TRUE(importPriceOverridesCsv(db(), "sku,scope,key,price\nAPL,outlet,HZ-F01,\n"));
    EXPECT_EQ(effectivePriceFen(db(), "HZ-F01", "APL"), 1380);
    // Bad rows change nothing.
    for (const auto* wrong : {"sku,scope,key,price\nAPL,type,kiosk,1.00\n",
                              "sku,scope,key,price\nAPL,outlet,XX-X99,1.00\n",
                              "sku,scope,key,price\nAPL,type,online,1.00\nNOPE,type,online,1.00\n",
                              "sku,scope,key,price\nAPL,type,online,-1\n"}) {
        EXPECT_FALSE(importPriceOverridesCsv(db(), wrong)) << wrong;
        EXPECT_EQ(effectivePriceFen(db(), "NB-O01", "APL"), 1280) << wrong;
    }
    EXPECT_FALSE(
        importCatalogCsv(db(), "sku,name,sale_unit,price,price_basis\nX,x,weight,1.00,unit\n"));
    EXPECT_FALSE(
        importCatalogCsv(db(), "sku,name,sale_unit,price,price_basis\nX,x,each,1.001,unit\n"));
    EXPECT_EQ(count("product"), 2);

    const std::string promotions =
        "code,name,kind,sku,price,percent_off,buy,free,starts_on,ends_on\n"
        "P1,国庆特价,price,APL,9.90,,,,2026-10-01,2026-10-07\n"
        "P2,礼盒八五折,percent,BOX,,15,,,2026-12-01,2027-02-28\n";
    ASSERT_TRUE(importPromotionsCsv(db(), promotions));
    const auto all = masterDataSince(db(), outletByCode(db(), "HZ-F01")->id, 0);
    ASSERT_EQ(all.promotions.size(), 2u);
    EXPECT_EQ(all.promotions[1].percentBp, 1500);
    EXPECT_FALSE(importPromotionsCsv(
        db(), "code,name,kind,sku,starts_on,ends_on\nP3,x,percent,BOX,2026-12-01,2026-11-01\n"));
    EXPECT_EQ(count("promotion"), 2);
}

/// Sells `perDay` sales a day for each outlet in October (one till each) and reconciles on time.
void sellOctober(SQLite::Database& db, const std::map<std::string, int>& perDay) {
    SQLite::Transaction tx(db);
    for (const auto& [code, n] : perDay) {
        simulate::TillSimulator till(code, 1,
                                     {{"APL", "苹果", "", "each", 1000, "unit", "", {}, true}}, 7);
        const auto id = outletByCode(db, code)->id;
        for (int d = 1; d <= 31; ++d) {
            const auto date = "2026-10-" + std::string(d < 10 ? "0" : "") + std::to_string(d);
            const auto night = domain::isoUtc(domain::parseLocalDateTime(date + " 22:00:00"));
            ingestBatch(db, id, {code, 1, till.day(date, n)}, night);
            markReconciled(db, id, date, night);
        }
    }
    rollUp(db);
    tx.commit();
}

/// Every row of both aggregate tables, in key order, as text.
std::string aggregateRows(SQLite::Database& db) {
    std::string out;
    for (const char* sql : {"SELECT * FROM agg_product_day ORDER BY business_date, outlet_id, sku",
                            "SELECT * FROM agg_outlet_day ORDER BY business_date, outlet_id"}) {
        SQLite::Statement q(db, sql);
        while (q.executeStep()) {
            for (int i = 0; i < q.getColumnCount(); ++i)
                out += q.getColumn(i).getString() + ",";
            out += "\n";
        }
    }
    return out;
}

// 抹零 is head office's, per outlet type: every pull tells the till what its type does.
TEST_F(CentralTest, CashRoundingIsSetPerOutletTypeAndTravelsWithEveryPull) {
    ASSERT_TRUE(importOutletsCsv(db(), kRegistry, "2026-11-30"));
    const auto flagship = outletByCode(db(), "HZ-F01")->id;
    const auto online = outletByCode(db(), "NB-O01")->id;
    EXPECT_EQ(masterDataSince(db(), flagship, 0).cashRounding, "jiao"); // the default
    ASSERT_TRUE(setCashRounding(db(), "online", "off").ok());
    ASSERT_TRUE(setCashRounding(db(), "flagship", "yuan").ok());
    const auto version = masterDataSince(db(), flagship, 0).version;
    EXPECT_EQ(masterDataSince(db(), flagship, version).cashRounding, "yuan");
    EXPECT_EQ(masterDataSince(db(), online, version).cashRounding, "off");
    EXPECT_EQ(setCashRounding(db(), "online", "fen").error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(setCashRounding(db(), "kiosk", "off").error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(masterDataSince(db(), online, version).cashRounding, "off");
}

// Quick keys are head office's, per outlet type, in head office's order; a bad file changes
// nothing.
TEST_F(CentralTest, QuickKeysAreSetPerOutletTypeAndTravelWithEveryPull) {
    ASSERT_TRUE(importOutletsCsv(db(), kRegistry, "2026-11-30"));
    ASSERT_TRUE(importCatalogCsv(db(), simulate::catalogCsv(simulate::aksuCatalog())));
    const auto flagship = outletByCode(db(), "HZ-F01")->id;
    const auto online = outletByCode(db(), "NB-O01")->id;
    ASSERT_TRUE(masterDataSince(db(), flagship, 0).quickKeys.has_value());
    EXPECT_TRUE(masterDataSince(db(), flagship, 0).quickKeys->empty());
    const auto set = importQuickKeysCsv(db(), "type,category,sku,label\n"
                                              "flagship,梨,AKS-PEAR-01,\n"
                                              "flagship,苹果,AKS-APL-02,一级\n"
                                              "flagship,苹果,AKS-APL-01,\n"
                                              "online,,,\n");
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_EQ(set->added, 3);
    const auto version = masterDataSince(db(), flagship, 0).version;
    const auto keys = masterDataSince(db(), flagship, version).quickKeys.value();
    ASSERT_EQ(keys.size(), 3u); // with every pull, even when nothing else changed
    EXPECT_EQ(keys[0], (protocol::QuickKeyDoc{"梨", "AKS-PEAR-01", ""}));
    EXPECT_EQ(keys[1], (protocol::QuickKeyDoc{"苹果", "AKS-APL-02", "一级"}));
    EXPECT_EQ(keys[2].sku, "AKS-APL-01");
    EXPECT_TRUE(masterDataSince(db(), online, version).quickKeys->empty());

    // A product not in the catalog, an unknown type, a label over 16 characters, a missing
    // column: named, and nothing changes.
    for (const auto& [bad, named] :
         {std::pair{"type,category,sku\nflagship,梨,AKS-NONE\n", "row 2: no product AKS-NONE"},
          std::pair{"type,category,sku\nkiosk,梨,AKS-PEAR-01\n", "row 2: type must be"},
          std::pair{"type,category,sku,label\nflagship,梨,AKS-PEAR-01,"
                    "一二三四五六七八九十一二三四五六七\n",
                    "row 2: label"},
          std::pair{"type,sku\nflagship,AKS-PEAR-01\n", "no column \"category\""}}) {
        const auto refused = importQuickKeysCsv(db(), bad);
        ASSERT_FALSE(refused.ok()) << bad;
        EXPECT_NE(refused.error().message.find(named), std::string::npos)
            << refused.error().message;
    }
    EXPECT_EQ(masterDataSince(db(), flagship, version).quickKeys->size(), 3u);
    // A new file for the type replaces its keys; a product taken off sale leaves the grid.
    ASSERT_TRUE(importQuickKeysCsv(db(), "type,category,sku\nflagship,干果,AKS-WAL-01\n"));
    EXPECT_EQ(masterDataSince(db(), flagship, version).quickKeys->size(), 1u);
    ASSERT_TRUE(importCatalogCsv(db(), "sku,name,sale_unit,price,price_basis,active\n"
                                       "AKS-WAL-01,薄皮核桃,weight,28.00,jin,0\n"));
    EXPECT_TRUE(masterDataSince(db(), flagship, version).quickKeys->empty());
}

TEST_F(CentralTest, IngestKeepsTheAggregatesAsARollUpOfTheWholeDayWould) {
    ASSERT_TRUE(importOutletsCsv(db(), kRegistry, "2026-11-30"));
    const auto id = outletByCode(db(), "HZ-F01")->id;
    simulate::TillSimulator till("HZ-F01", 1, simulate::aksuCatalog(), 11);
    SQLite::Transaction tx(db());
    std::vector<protocol::SaleDoc> sales;
    for (const auto* date : {"2026-10-01", "2026-10-02"})
        for (auto& s : till.day(date, 60, {true, true, 20})) // returns, a closing burst, overrides
            sales.push_back(std::move(s));
    // Batches as tills send them, of both days at once, the last ones before the first (the
    // day's last sale, which the late tickets count from, comes in first) and one sale again.
    std::vector<std::vector<protocol::SaleDoc>> batches;
    batches.emplace_back(sales.end() - 30, sales.end());
    batches.emplace_back(sales.begin() + 50, sales.end() - 30);
    batches.emplace_back(sales.begin() + 1, sales.begin() + 50);
    batches.emplace_back(sales.begin(), sales.begin() + 2);
    for (const auto& b : batches)
        for (const auto& r :
             ingestBatch(db(), id, {"HZ-F01", 1, b}, "2026-10-03T01:00:00Z").results)
            ASSERT_NE(r.status, "quarantined") << r.reason;
    EXPECT_EQ(count("dirty_day"), 0); // nothing is left for a read to roll up
    const auto incremental = aggregateRows(db());
    ASSERT_EQ(rebuildAggregates(db()), 2);
    EXPECT_EQ(incremental, aggregateRows(db()));
    SQLite::Statement late(db(),
                           "SELECT SUM(late_tickets), SUM(return_tickets) FROM agg_outlet_day");
    ASSERT_TRUE(late.executeStep());
    EXPECT_GT(late.getColumn(0).getInt64(), 0);
    EXPECT_GT(late.getColumn(1).getInt64(), 0);
    tx.commit();
}

// A sale the rules pass but the database refuses (here a trigger stands for any constraint the
// rules do not foresee) is quarantined alone: the batch is stored in one pass first, and when a
// constraint fails that pass is rolled back and the batch stored sale by sale. The rest of the
// batch is stored once, with its aggregates and the terminal's count, and a batch without such
// a sale takes the one pass.
TEST_F(CentralTest, ASaleTheDatabaseRefusesIsQuarantinedAloneAndTheRestStoredOnce) {
    ASSERT_TRUE(importOutletsCsv(db(), kRegistry, "2026-11-30"));
    const auto id = outletByCode(db(), "HZ-F01")->id;
    simulate::TillSimulator till("HZ-F01", 1, simulate::aksuCatalog(), 3);
    const auto sales = till.day("2026-10-01", 6);
    db().exec("CREATE TEMP TRIGGER refuse_seq_3 BEFORE INSERT ON sale WHEN NEW.seq = 3 "
              "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    SQLite::Transaction tx(db());
    const auto first = ingestBatch(db(), id, {"HZ-F01", 1, {sales.begin(), sales.begin() + 4}},
                                   "2026-10-01T14:00:00Z");
    ASSERT_EQ(first.results.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) {
        const auto& r = first.results[i];
        EXPECT_EQ(r.seq, static_cast<std::int64_t>(i + 1));
        if (r.seq == 3) {
            EXPECT_EQ(r.status, "quarantined");
            EXPECT_TRUE(r.reason.starts_with("constraint: ")) << r.reason;
        } else {
            EXPECT_EQ(r.status, "stored") << r.seq << " " << r.reason;
        }
    }
    const auto second = ingestBatch(db(), id, {"HZ-F01", 1, {sales.begin() + 4, sales.end()}},
                                    "2026-10-01T14:05:00Z");
    for (const auto& r : second.results)
        EXPECT_EQ(r.status, "stored") << r.seq << " " << r.reason;
    EXPECT_EQ(count("sale"), 5);
    EXPECT_EQ(count("quarantine"), 1);
    EXPECT_EQ(db().execAndGet("SELECT sales FROM terminal").getInt64(), 5);
    EXPECT_EQ(db().execAndGet("SELECT count(DISTINCT sale_id) FROM sale_line").getInt64(), 5);
    const auto incremental = aggregateRows(db());
    ASSERT_EQ(rebuildAggregates(db()), 1);
    EXPECT_EQ(incremental, aggregateRows(db())) << "the rolled-back pass left figures behind";
    tx.commit();
}

TEST_F(CentralTest, ADayWhoseFiguresWouldOverflowKeepsThemAndIsReported) {
    ASSERT_TRUE(importOutletsCsv(db(), kRegistry, "2026-11-30"));
    const auto id = outletByCode(db(), "HZ-F01")->id;
    simulate::TillSimulator till("HZ-F01", 1, simulate::aksuCatalog(), 5);
    auto sales = till.day("2026-10-01", 2);
    SQLite::Transaction tx(db());
    SQLite::Statement full(db(), "INSERT INTO agg_outlet_day VALUES ('2026-10-01', ?, "
                                 "9223372036854775000, 0, 0, 0, 0, 0, 0, 0, 0)");
    full.bind(1, id);
    full.exec();
    const std::vector<StoredSale> stored{{&sales[0], {}}, {&sales[1], {}}};
    EXPECT_EQ(addToAggregates(db(), id, stored), std::vector<std::string>{"2026-10-01"});
    EXPECT_EQ(count("agg_product_day"), 0); // the day's products roll back with it
    EXPECT_EQ(db().execAndGet("SELECT revenue_fen FROM agg_outlet_day").getInt64(),
              9223372036854775000);
    tx.commit();
}

TEST_F(CentralTest, TheRankingNormalizesWithinTheTypeBreaksTiesAndSaysWhy) {
    const std::string registry = "code,name,type,city,area_m2,opened_on\n"
                                 "HZ-F01,甲,flagship,杭州,100,2020-01-01\n"
                                 "HZ-F02,乙,flagship,杭州,100,2020-01-01\n"
                                 "HZ-F03,丙,flagship,杭州,100,2026-09-01\n"
                                 "HZ-C01,丁,counter,杭州,10,2020-01-01\n";
    ASSERT_TRUE(importOutletsCsv(db(), registry, "2026-11-30"));
    sellOctober(db(), {{"HZ-F01", 4}, {"HZ-F02", 4}, {"HZ-F03", 9}, {"HZ-C01", 1}});
    SQLite::Transaction tx(db());
    auto ranking = computeRanking(db(), "2026-10", {}, "2026-11-01T00:00:00Z");
    ASSERT_TRUE(ranking) << ranking.error().message;
    tx.commit();
    ASSERT_EQ(ranking->entries.size(), 4u);
    const auto& first = ranking->entries[0];
    const auto& second = ranking->entries[1];
    const auto& young = ranking->entries[2];
    const auto& counter = ranking->entries[3];
    // F01 and F02 sold the same basket count with the same seed: the same figures, the same
    // score; the tie goes by revenue, then by code.
    EXPECT_EQ(first.outlet, "HZ-F01");
    EXPECT_EQ(second.outlet, "HZ-F02");
    EXPECT_EQ(first.rank, 1);
    EXPECT_EQ(second.rank, 2);
    EXPECT_EQ(first.scoreCenti, second.scoreCenti);
    // Equal outlets each get full marks on every measured metric; the inspection, measured for
    // none, is left out and the other weights scaled up to 100 points.
    EXPECT_EQ(first.scoreCenti, 10000);
    for (const auto& m : first.metrics)
        if (m.metric == "inspection") {
            EXPECT_FALSE(m.value);
            EXPECT_EQ(m.pointsCenti, 0);
        }
    // F03 sold more but opened in September: not ranked, and not part of the flagships' range.
    EXPECT_EQ(young.outlet, "HZ-F03");
    EXPECT_FALSE(young.rank);
    ASSERT_EQ(young.ineligible.size(), 1u);
    EXPECT_EQ(young.ineligible[0], "open since 2026-09-01: less than 6 months before the period "
                                   "ends (2026-10-31)");
    // The counter is compared only with counters: alone, it ranks first.
    EXPECT_EQ(counter.type, "counter");
    EXPECT_EQ(counter.rank, 1);
    for (const auto& e : ranking->entries) {
        std::int64_t sum = 0;
        for (const auto& m : e.metrics)
            sum += m.pointsCenti;
        EXPECT_EQ(sum, e.scoreCenti) << e.outlet;
    }
    // Stored: loading gives the same, limited to a city when asked.
    auto loaded = loadRanking(db(), "2026-10");
    ASSERT_TRUE(loaded);
    EXPECT_EQ(protocol::encode(*loaded), protocol::encode(*ranking));
    EXPECT_TRUE(
        loadRanking(db(), "2026-10", "", std::vector<std::string>{"宁波"})->entries.empty());
    EXPECT_FALSE(loadRanking(db(), "2026-09"));
    const auto csvText = rankingCsv(*loaded);
    EXPECT_NE(csvText.find("\"HZ-F01\""), std::string::npos);

    // An inspection separates the tied pair.
    ASSERT_TRUE(
        recordInspection(db(), {"HZ-F02", "2026-10", 90, ""}, "hz", "2026-11-01T01:00:00Z"));
    ASSERT_TRUE(
        recordInspection(db(), {"HZ-F01", "2026-10", 60, ""}, "hz", "2026-11-01T01:00:00Z"));
    EXPECT_FALSE(recordInspection(db(), {"HZ-F01", "2026-10", 101, ""}, "hz", ""));
    EXPECT_FALSE(recordInspection(db(), {"XX-F01", "2026-10", 50, ""}, "hz", ""));
    auto again = computeRanking(db(), "2026-10", {}, "2026-11-01T02:00:00Z");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->entries[0].outlet, "HZ-F02");
}

TEST_F(CentralTest, RankingRulesComeFromAFileAndBadOnesAreRefused) {
    const auto path = m_dir.file("ranking.toml");
    std::ofstream(path) << "[weights]\nrevenue = 50\ninspection = 50\n"
                           "[eligibility]\nmin_open_months = 12\n";
    auto config = loadRankingConfig(path);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->weights.size(), 2u);
    EXPECT_EQ(config->minOpenMonths, 12);
    // The file packaging installs says what the defaults are.
    auto shipped = loadRankingConfig(BAIDIAN_RANKING_TOML);
    ASSERT_TRUE(shipped) << shipped.error().message;
    EXPECT_EQ(shipped->toJson(), RankingConfig{}.toJson());
    std::ofstream(path) << "[weights]\nrevenue = 50\ninspection = 40\n";
    auto bad = loadRankingConfig(path);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("add up to 100"), std::string::npos);
    std::ofstream(path) << "[weights]\nfloor_polish = 100\n";
    EXPECT_FALSE(loadRankingConfig(path));
    std::ofstream(path) << "[weights\n";
    EXPECT_FALSE(loadRankingConfig(path));
    EXPECT_FALSE(periodDates("2026-13"));
    EXPECT_EQ(periodDates("2026-02")->second, "2026-02-28");
    EXPECT_EQ(periodDates("2026")->second, "2026-12-31");
}

TEST_F(CentralTest, SessionsNeedTheRightPasswordAndExpire) {
    ASSERT_TRUE(importOutletsCsv(
        db(), "code,name,type,city\nHZ-F01,x,flagship,杭州\nHU-F01,y,flagship,湖州\n",
        "2026-11-01"));
    ASSERT_TRUE(addUser(db(), "hz", "hz-pass-12", "regional", "杭州,湖州"));
    EXPECT_FALSE(checkPassword(db(), "hz", "wrong-password"));
    EXPECT_FALSE(checkPassword(db(), "nobody", "hz-pass-12"));
    auto user = checkPassword(db(), "hz", "hz-pass-12");
    ASSERT_TRUE(user);
    EXPECT_EQ(user->cities, (std::vector<std::string>{"杭州", "湖州"}));
    EXPECT_TRUE(user->covers("湖州"));
    EXPECT_FALSE(user->covers("宁波"));
    const auto now = domain::parseIsoUtc("2026-11-30T01:00:00Z");
    const auto session = openSession(db(), *user, now);
    EXPECT_TRUE(sessionUser(db(), session.token, now + std::chrono::hours(1)));
    EXPECT_FALSE(sessionUser(db(), session.token, now + kSessionLifetime));
    EXPECT_FALSE(sessionUser(db(), std::string(64, '0'), now));
    closeSession(db(), session.token, now);
    EXPECT_FALSE(sessionUser(db(), session.token, now));
}

} // namespace
} // namespace baidian::server
