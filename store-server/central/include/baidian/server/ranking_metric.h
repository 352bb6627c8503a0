#pragma once
// The metrics the model-store ranking scores, with the one table of their names: the rules file
// (`[weights]`), the stored breakdowns, the JSON and the CSV all spell them as this table does.

#include <array>
#include <optional>
#include <string_view>

namespace baidian::server {

enum class RankingMetric {
    Revenue,
    Growth,
    RevenuePerM2,
    AverageTicket,
    ShrinkRate,
    ReturnsRate,
    PriceCompliance,
    SyncTimeliness,
    Inspection,
};

/// The metrics, in the order a breakdown lists them.
inline constexpr std::array<RankingMetric, 9> kRankingMetrics = {
    RankingMetric::Revenue,         RankingMetric::Growth,         RankingMetric::RevenuePerM2,
    RankingMetric::AverageTicket,   RankingMetric::ShrinkRate,     RankingMetric::ReturnsRate,
    RankingMetric::PriceCompliance, RankingMetric::SyncTimeliness, RankingMetric::Inspection};

/// The metric's name ("revenue_per_m2"): the key of the rules file, the breakdown and the CSV.
std::string_view toString(RankingMetric metric);
/// The metric named `name`, or nullopt for a name of no metric.
std::optional<RankingMetric> parseRankingMetric(std::string_view name);
/// The unit of the metric's value: "fen", "fen_per_m2", "points" or "bp" (basis points).
std::string_view unitOf(RankingMetric metric);
/// Whether a lower value scores higher (the shrink and returns rates).
bool lowerIsBetter(RankingMetric metric);

} // namespace baidian::server
