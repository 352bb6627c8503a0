#include "baidian/server/ranking_metric.h"

#include <algorithm>

namespace baidian::server {

namespace {

struct MetricRow {
    RankingMetric metric;
    std::string_view name;
    std::string_view unit;
    bool lowerIsBetter;
};

/// The one table of the metrics' names, units and directions, in kRankingMetrics' order.
constexpr std::array<MetricRow, kRankingMetrics.size()> kTable = {{
    {RankingMetric::Revenue, "revenue", "fen", false},
    {RankingMetric::Growth, "growth", "bp", false},
    {RankingMetric::RevenuePerM2, "revenue_per_m2", "fen_per_m2", false},
    {RankingMetric::AverageTicket, "average_ticket", "fen", false},
    {RankingMetric::ShrinkRate, "shrink_rate", "bp", true},
    {RankingMetric::ReturnsRate, "returns_rate", "bp", true},
    {RankingMetric::PriceCompliance, "price_compliance", "bp", false},
    {RankingMetric::SyncTimeliness, "sync_timeliness", "bp", false},
    {RankingMetric::Inspection, "inspection", "points", false},
}};

// row() finds a metric by its value: the table and kRankingMetrics list them in enum order.
static_assert([] {
    for (std::size_t i = 0; i < kTable.size(); ++i)
        if (kTable[i].metric != static_cast<RankingMetric>(i) ||
            kRankingMetrics[i] != kTable[i].metric)
            return false;
    return true;
}());

const MetricRow& row(RankingMetric metric) {
    return kTable[static_cast<std::size_t>(metric)];
}

} // namespace

std::string_view toString(RankingMetric metric) {
    return row(metric).name;
}

std::optional<RankingMetric> parseRankingMetric(std::string_view name) {
    const auto it = std::find_if(kTable.begin(), kTable.end(),
                                 [&](const MetricRow& r) { return r.name == name; });
    if (it == kTable.end())
        return std::nullopt;
    return it->metric;
}

std::string_view unitOf(RankingMetric metric) {
    return row(metric).unit;
}

bool lowerIsBetter(RankingMetric metric) {
    return row(metric).lowerIsBetter;
}

} // namespace baidian::server
