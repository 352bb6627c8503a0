// computeRanking on a real database: it rolls up what an older server left dirty itself, and
// a caller's own rollUp before it changes nothing.

#include "baidian/domain/time.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/central.h"
#include "baidian/server/ingest.h"
#include "baidian/server/ranking.h"
#include "baidian/server/registry.h"
#include "baidian/simulate/till_simulator.h"

#include <SQLiteCpp/Transaction.h>
#include <gtest/gtest.h>

namespace baidian::server {
namespace {

TEST(ComputeRanking, RollsUpTheDaysAnOlderServerLeftDirtyAndARollUpBeforeItIsHarmless) {
    auto db = openServerDatabase(":memory:").value();
    ASSERT_TRUE(importOutletsCsv(db,
                                 "code,name,type,city,area_m2,opened_on\n"
                                 "HZ-F01,甲,flagship,杭州,100,2020-01-01\n"
                                 "HZ-F02,乙,flagship,杭州,120,2020-01-01\n",
                                 "2026-11-30"));
    {
        SQLite::Transaction tx(db);
        for (const auto& [code, perDay] : {std::pair{"HZ-F01", 3}, std::pair{"HZ-F02", 5}}) {
            simulate::TillSimulator till(
                code, 1, {{"APL", "苹果", "", "each", 1000, "unit", "", {}, true}}, 7);
            const auto id = outletByCode(db, code)->id;
            for (const auto* date : {"2026-10-01", "2026-10-02"}) {
                const auto night =
                    domain::isoUtc(domain::parseLocalDateTime(std::string(date) + " 22:00:00"));
                ingestBatch(db, id, {code, 1, till.day(date, perDay)}, night);
                markReconciled(db, id, date, night);
            }
        }
        tx.commit();
    }
    const auto rank = [&] {
        SQLite::Transaction tx(db);
        auto ranking = computeRanking(db, "2026-10", {}, "2026-11-01T00:00:00Z");
        tx.commit();
        return protocol::encode(ranking.value());
    };
    const auto kept = rank(); // ingest kept the figures
    EXPECT_NE(kept.find("\"revenue_fen\":"), std::string::npos);

    // An older server's database: figures left to a roll-up, the days marked dirty.
    db.exec("DELETE FROM agg_product_day; DELETE FROM agg_outlet_day; INSERT INTO "
            "dirty_day(outlet_id, business_date) SELECT DISTINCT outlet_id, business_date FROM "
            "sale");
    EXPECT_EQ(rank(), kept);
    EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM dirty_day").getInt64(), 0);

    // A caller that still rolls up first: nothing is dirty, nothing changes.
    {
        SQLite::Transaction tx(db);
        EXPECT_EQ(rollUp(db), 0);
        tx.commit();
    }
    EXPECT_EQ(rank(), kept);
}

} // namespace
} // namespace baidian::server
