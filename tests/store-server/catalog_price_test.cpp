// Head office's price rule: an outlet's own override, else its type's, else the catalog price,
// the same whether one price is asked for or a query prices every product at once.

#include "baidian/server/catalog.h"
#include "baidian/server/central.h"
#include "baidian/server/registry.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

namespace baidian::server {
namespace {

class CatalogPriceTest : public ::testing::Test {
protected:
    CatalogPriceTest()
        : m_db(openServerDatabase(":memory:").value()) {
        EXPECT_TRUE(importOutletsCsv(m_db,
                                     "code,name,type,city,area_m2,opened_on\n"
                                     "HZ-F01,甲,flagship,杭州,100,2020-01-01\n"
                                     "HZ-F02,乙,flagship,杭州,100,2020-01-01\n"
                                     "HZ-C01,丙,counter,杭州,10,2020-01-01\n",
                                     "2026-11-30"));
        EXPECT_TRUE(importCatalogCsv(m_db, "sku,name,sale_unit,price,price_basis,plu,barcodes\n"
                                           "APL,苹果,weight,12.80,jin,10001,\n"
                                           "BOX,礼盒,each,128,unit,,\n"));
        EXPECT_TRUE(importPriceOverridesCsv(m_db, "sku,scope,key,price\n"
                                                  "APL,type,flagship,13.80\n"
                                                  "APL,outlet,HZ-F01,14.80\n"
                                                  "BOX,outlet,HZ-C01,100.00\n"));
    }

    /// Every outlet's price of `sku` through the SQL expression, with other aliases.
    std::map<std::string, std::int64_t> bySql(const std::string& sku) {
        SQLite::Statement q(m_db, "SELECT shop.code, " + effectivePriceSql("item", "shop") +
                                      " FROM product item, outlet shop WHERE item.sku = ?");
        q.bind(1, sku);
        std::map<std::string, std::int64_t> out;
        while (q.executeStep())
            out[q.getColumn(0).getString()] = q.getColumn(1).getInt64();
        return out;
    }

    SQLite::Database m_db;
};

TEST_F(CatalogPriceTest, TheOutletsOwnOverrideBeatsItsTypesWhichBeatsTheCatalog) {
    EXPECT_EQ(effectivePriceFen(m_db, "HZ-F01", "APL"), 1480); // its own
    EXPECT_EQ(effectivePriceFen(m_db, "HZ-F02", "APL"), 1380); // its type's
    EXPECT_EQ(effectivePriceFen(m_db, "HZ-C01", "APL"), 1280); // the catalog's
    EXPECT_EQ(effectivePriceFen(m_db, "HZ-C01", "BOX"), 10000);
    EXPECT_EQ(effectivePriceFen(m_db, "HZ-F01", "BOX"), 12800);
    EXPECT_EQ(effectivePriceFen(m_db, "HZ-F01", "NOPE"), 0);
    EXPECT_EQ(effectivePriceFen(m_db, "XX-X99", "APL"), 0);
}

TEST_F(CatalogPriceTest, AQueryPricingEveryOutletAtOnceFollowsTheSameRule) {
    for (const auto* sku : {"APL", "BOX"})
        for (const auto& [outlet, price] : bySql(sku))
            EXPECT_EQ(price, effectivePriceFen(m_db, outlet, sku)) << outlet << " " << sku;
    EXPECT_EQ(bySql("APL"), (std::map<std::string, std::int64_t>{
                                {"HZ-C01", 1280}, {"HZ-F01", 1480}, {"HZ-F02", 1380}}));
    // Removing the outlet's own override falls back to its type's, in both.
    ASSERT_TRUE(importPriceOverridesCsv(m_db, "sku,scope,key,price\nAPL,outlet,HZ-F01,\n"));
    EXPECT_EQ(bySql("APL").at("HZ-F01"), 1380);
    EXPECT_EQ(effectivePriceFen(m_db, "HZ-F01", "APL"), 1380);
}

} // namespace
} // namespace baidian::server
