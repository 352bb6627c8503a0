// The ranking's scoring rules on figures made up in the test: no database. What an outlet
// scores, why it is not ranked and what each metric is worth follow from its figures alone.

#include "baidian/server/ranking_score.h"

#include <gtest/gtest.h>

namespace baidian::server {
namespace {

/// An eligible outlet of `type` with a month of ordinary figures.
OutletFigures outlet(const std::string& code, const std::string& type = "flagship") {
    OutletFigures r;
    r.code = code;
    r.name = code;
    r.city = "杭州";
    r.type = type;
    r.status = "open";
    r.openedOn = "2020-01-01";
    r.areaM2 = 100;
    r.revenue = 1'000'000;
    r.sales = 1'050'000;
    r.returns = 50'000;
    r.tickets = 1000;
    r.lines = 2000;
    r.compliant = 1900;
    r.prior = 900'000;
    r.shrink = 10'000;
    r.onTimeDays = 31;
    r.dueDays = 31;
    return r;
}

const protocol::MetricDoc& metric(const protocol::RankingEntryDoc& e, RankingMetric m) {
    for (const auto& d : e.metrics)
        if (d.metric == toString(m))
            return d;
    throw std::logic_error("no metric " + std::string(toString(m)));
}

const protocol::RankingEntryDoc& entry(const std::vector<protocol::RankingEntryDoc>& entries,
                                       const std::string& code) {
    for (const auto& e : entries)
        if (e.outlet == code)
            return e;
    throw std::logic_error("no entry " + code);
}

std::vector<protocol::RankingEntryDoc> score(const std::vector<OutletFigures>& outlets,
                                             const RankingConfig& config = {}) {
    return scoreOutlets(outlets, config, "2026-10", "2026-10-31");
}

TEST(RankingMetricNames, OneTableSpellsEveryMetricBothWays) {
    const std::vector<std::string> names = {"revenue",          "growth",          "revenue_per_m2",
                                            "average_ticket",   "shrink_rate",     "returns_rate",
                                            "price_compliance", "sync_timeliness", "inspection"};
    ASSERT_EQ(kRankingMetrics.size(), names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        EXPECT_EQ(toString(kRankingMetrics[i]), names[i]);
        EXPECT_EQ(parseRankingMetric(names[i]), kRankingMetrics[i]);
    }
    EXPECT_FALSE(parseRankingMetric("floor_polish"));
    EXPECT_FALSE(parseRankingMetric("Revenue"));
    EXPECT_EQ(unitOf(RankingMetric::RevenuePerM2), "fen_per_m2");
    EXPECT_EQ(unitOf(RankingMetric::Inspection), "points");
    EXPECT_TRUE(lowerIsBetter(RankingMetric::ShrinkRate));
    EXPECT_FALSE(lowerIsBetter(RankingMetric::Revenue));
}

TEST(RankingScore, EachMetricSpansTheTypesEligibleOutletsAndLowerRatesScoreHigher) {
    auto big = outlet("HZ-F01");
    auto small = outlet("HZ-F02");
    small.revenue = 500'000;
    small.shrink = 0; // a lower shrink rate is better
    big.inspection = 80;
    small.inspection = 60;
    const auto entries = score({small, big});
    const auto& b = entry(entries, "HZ-F01");
    const auto& s = entry(entries, "HZ-F02");
    EXPECT_EQ(metric(b, RankingMetric::Revenue).normalizedBp, 10000);
    EXPECT_EQ(metric(s, RankingMetric::Revenue).normalizedBp, 0);
    EXPECT_EQ(metric(b, RankingMetric::Revenue).pointsCenti, 2000); // its weight, 20 points
    EXPECT_EQ(metric(s, RankingMetric::ShrinkRate).normalizedBp, 10000);
    EXPECT_EQ(metric(b, RankingMetric::ShrinkRate).normalizedBp, 0);
    EXPECT_EQ(metric(s, RankingMetric::ShrinkRate).value, 0);
    EXPECT_EQ(metric(b, RankingMetric::ShrinkRate).value, 99); // 10,000 of 1,010,000 in bp
    EXPECT_EQ(metric(b, RankingMetric::ShrinkRate).unit, "bp");
    // Equal on a metric: both get its full points.
    EXPECT_EQ(metric(b, RankingMetric::SyncTimeliness).pointsCenti, 1000);
    EXPECT_EQ(metric(s, RankingMetric::SyncTimeliness).pointsCenti, 1000);
    for (const auto& e : entries) {
        std::int64_t sum = 0;
        for (const auto& m : e.metrics)
            sum += m.pointsCenti;
        EXPECT_EQ(sum, e.scoreCenti) << e.outlet;
        EXPECT_EQ(e.metrics.size(), kRankingMetrics.size());
    }
    EXPECT_EQ(b.rank, 1);
    EXPECT_EQ(s.rank, 2);
    EXPECT_EQ(entries[0].outlet, "HZ-F01");
}

TEST(RankingScore, AMetricNoEligibleOutletHasIsLeftOutAndTheOthersScaleUp) {
    // Nobody inspected: the other 85 points are scaled up to 100.
    const auto entries = score({outlet("HZ-F01"), outlet("HZ-F02")});
    for (const auto& e : entries) {
        EXPECT_EQ(e.scoreCenti, 10000) << e.outlet;
        const auto& inspection = metric(e, RankingMetric::Inspection);
        EXPECT_FALSE(inspection.value);
        EXPECT_EQ(inspection.pointsCenti, 0);
        EXPECT_EQ(inspection.weight, 15);
        EXPECT_EQ(inspection.note, "not measured for any eligible outlet of this type: left out, "
                                   "the other weights scaled up");
    }
    // A tie goes by revenue, then by code.
    EXPECT_EQ(entries[0].outlet, "HZ-F01");
    EXPECT_EQ(entries[1].outlet, "HZ-F02");
    EXPECT_EQ(entries[1].rank, 2);
}

TEST(RankingScore, OutletsAreComparedOnlyWithTheirOwnType) {
    auto counter = outlet("HZ-C01", "counter");
    counter.revenue = 10; // far below the flagship, yet first among counters
    const auto entries = score({outlet("HZ-F01"), counter});
    EXPECT_EQ(entry(entries, "HZ-C01").rank, 1);
    EXPECT_EQ(entry(entries, "HZ-F01").rank, 1);
    EXPECT_EQ(entries[0].type, "flagship"); // flagships first, in the registry's type order
}

TEST(RankingScore, AnIneligibleOutletSaysWhyAndDoesNotSetTheRange) {
    auto young = outlet("HZ-F03");
    young.openedOn = "2026-09-01";
    young.revenue = 9'000'000; // would set the top of the range if it counted
    auto late = outlet("HZ-F04");
    late.onTimeDays = 20;
    auto closed = outlet("HZ-F05");
    closed.status = "suspended";
    closed.tickets = 0;
    const auto entries = score({outlet("HZ-F01"), outlet("HZ-F02"), young, late, closed});
    EXPECT_EQ(entry(entries, "HZ-F01").scoreCenti, 10000);
    const auto& y = entry(entries, "HZ-F03");
    EXPECT_FALSE(y.rank);
    EXPECT_EQ(y.ineligible, std::vector<std::string>{"open since 2026-09-01: less than 6 months "
                                                     "before the period ends (2026-10-31)"});
    EXPECT_EQ(entry(entries, "HZ-F04").ineligible,
              std::vector<std::string>{"reconciled by the nightly deadline on 20 of 31 days "
                                       "(64.5%), below 90%"});
    EXPECT_EQ(entry(entries, "HZ-F05").ineligible,
              (std::vector<std::string>{"the outlet is suspended", "no sales in the period"}));
    // The unranked come after the ranked, by score.
    EXPECT_EQ(entries[0].outlet, "HZ-F01");
    EXPECT_EQ(entries[1].outlet, "HZ-F02");
    EXPECT_FALSE(entries[2].rank);
}

TEST(RankingScore, AMetricWithoutItsFiguresSaysWhy) {
    auto online = outlet("NB-O01", "online");
    online.areaM2 = 0;
    online.prior = 0;
    const auto entries = score({online});
    const auto& e = entries.at(0);
    EXPECT_FALSE(metric(e, RankingMetric::RevenuePerM2).value);
    EXPECT_EQ(metric(e, RankingMetric::RevenuePerM2).note,
              "not measured for any eligible outlet of this type: left out, the other weights "
              "scaled up");
    auto other = outlet("NB-O02", "online");
    other.areaM2 = 50;
    const auto both = score({online, other});
    EXPECT_EQ(metric(entry(both, "NB-O01"), RankingMetric::RevenuePerM2).note,
              "no floor area in the registry");
    EXPECT_EQ(metric(entry(both, "NB-O01"), RankingMetric::Growth).note,
              "no sales in the prior period");
    EXPECT_EQ(metric(entry(both, "NB-O02"), RankingMetric::RevenuePerM2).value, 10'000'000 / 500);
}

TEST(RankingScore, ARefundSpikeIsFlaggedWithItsEvidenceAndDisqualifiesWhenTheRulesSaySo) {
    const RankingConfig rules;
    auto spiky = outlet("HZ-F02");
    spiky.addDay(rules, "2026-10-03", 100'000, 10'000, 50, 0); // 10%: no spike
    spiky.addDay(rules, "2026-10-05", 100'000, 30'000, 50, 0); // 30% and over ¥200
    spiky.addDay(rules, "2026-10-06", 100'000, 25'000, 50, 0);
    ASSERT_EQ(spiky.spikeDays, 2);
    const auto entries = score({outlet("HZ-F01"), spiky}, rules);
    const auto& e = entry(entries, "HZ-F02");
    ASSERT_EQ(e.flags.size(), 1u);
    EXPECT_EQ(e.flags[0].flag, "refund_spike");
    EXPECT_EQ(e.flags[0].detail,
              "refunds of ¥300.00 on 2026-10-05 were 30.0% of that day's sales (2 such day(s))");
    EXPECT_TRUE(e.flags[0].disqualifies);
    EXPECT_FALSE(e.rank);
    EXPECT_EQ(e.ineligible, std::vector<std::string>{"flagged refund_spike: " + e.flags[0].detail});

    RankingConfig lenient;
    lenient.disqualifying = {"closing_burst"};
    const auto kept = score({outlet("HZ-F01"), spiky}, lenient);
    EXPECT_FALSE(entry(kept, "HZ-F02").flags.at(0).disqualifies);
    EXPECT_EQ(entry(kept, "HZ-F02").rank, 2);
}

TEST(RankingScore, ClosingBurstsAndRevenueFarAboveHistoryAreFlagged) {
    const RankingConfig rules;
    auto burst = outlet("HZ-F02");
    for (const auto* date : {"2026-10-09", "2026-10-02", "2026-10-12"})
        burst.addDay(rules, date, 100'000, 0, 20, 8);    // 40% of 20 tickets late
    burst.addDay(rules, "2026-10-01", 100'000, 0, 9, 9); // too few tickets to count
    auto jump = outlet("HZ-F03");
    jump.history = 300'000;
    jump.historyPeriods = 3; // 100,000 a period; 1,000,000 is ten times that
    const auto entries = score({outlet("HZ-F01"), burst, jump}, rules);
    const auto& b = entry(entries, "HZ-F02");
    ASSERT_EQ(b.flags.size(), 1u);
    EXPECT_EQ(b.flags[0].detail, "on 3 day(s) at least 40% of the tickets came in the last 30 "
                                 "minutes of trading (first 2026-10-02)");
    const auto& j = entry(entries, "HZ-F03");
    ASSERT_EQ(j.flags.size(), 1u);
    EXPECT_EQ(j.flags[0].flag, "above_history");
    EXPECT_EQ(j.flags[0].detail, "revenue ¥10000.00 is 1000.0% of the outlet's average over its "
                                 "prior 3 period(s) (¥1000.00)");
}

TEST(RankingScore, ALineIsCompliantAtHeadOfficesPriceUndiscountedOnly) {
    EXPECT_TRUE(isPriceCompliant(1280, 1280, 0));
    EXPECT_FALSE(isPriceCompliant(1280, 1380, 0));         // the till's own price
    EXPECT_FALSE(isPriceCompliant(1280, 1280, 100));       // a line discount
    EXPECT_FALSE(isPriceCompliant(1280, std::nullopt, 0)); // not in head office's catalog
}

TEST(RankingScore, DaysAreDueOnceTheirNightlyDeadlineHasPassed) {
    // The deadline of a business date is 06:00 China time the next morning (22:00 UTC).
    const auto now = domain::parseIsoUtc("2026-10-10T23:00:00Z");
    EXPECT_EQ(lastDueDay("2026-10-01", "2026-10-31", now), "2026-10-10");
    EXPECT_EQ(lastDueDay("2026-10-01", "2026-10-31", domain::parseIsoUtc("2026-10-01T21:00:00Z")),
              "2026-09-30");
    EXPECT_EQ(daysDue("2026-10-01", "2026-10-10", "2020-01-01"), 10);
    EXPECT_EQ(daysDue("2026-10-01", "2026-10-10", "2026-10-08"), 3);
    EXPECT_EQ(daysDue("2026-10-01", "2026-10-10", "2026-10-11"), 0);
    EXPECT_EQ(daysDue("2026-10-01", "2026-09-30", "2020-01-01"), 0);
}

} // namespace
} // namespace baidian::server
