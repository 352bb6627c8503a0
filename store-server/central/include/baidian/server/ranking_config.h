#pragma once
// The model-store ranking's weights and rules, and the rules file they are read from
// (packaging/config/ranking.toml; the method is docs/ranking.md).

#include "baidian/domain/result.h"
#include "baidian/server/ranking_metric.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace baidian::server {

/// Weights and rules; read from a TOML file (see packaging/config/ranking.toml).
struct RankingConfig {
    std::map<RankingMetric, std::int64_t> weights = {
        {RankingMetric::Revenue, 20},         {RankingMetric::Growth, 10},
        {RankingMetric::RevenuePerM2, 10},    {RankingMetric::AverageTicket, 5},
        {RankingMetric::ShrinkRate, 10},      {RankingMetric::ReturnsRate, 10},
        {RankingMetric::PriceCompliance, 10}, {RankingMetric::SyncTimeliness, 10},
        {RankingMetric::Inspection, 15}};
    int minOpenMonths = 6;     ///< open at least this long before the period ends
    int minTimelinessPct = 90; ///< share of days reconciled by the nightly deadline
    int refundSpikePct = 20;   ///< a day whose refunds reach this share of its sales ...
    std::int64_t refundSpikeMinFen = 20000; ///< ... and at least this much
    int closingBurstPct = 40; ///< a day with this share of its tickets in the last 30 minutes
    int closingBurstMinTickets = 10;
    int closingBurstMinDays = 3;  ///< ... on at least this many days
    int aboveHistoryMultiple = 3; ///< revenue above N x the average of the 3 prior periods
    std::vector<std::string> disqualifying = {"refund_spike", "closing_burst", "above_history"};

    /// The weight of `metric`; 0 when the config gives it none.
    std::int64_t weightOf(RankingMetric metric) const;
    /// Weights are whole numbers 0-100 summing to 100; rules in range. The first problem is
    /// named, the weights checked in the order of their names.
    Status validate() const;
    /// The config as JSON, stored beside each ranking so history shows what was used (the
    /// weights keyed by name, in the order of their names).
    std::string toJson() const;
};

/// Whether a weight is one the rules allow (0-100 points).
bool isWeightInRange(std::int64_t weight);

/// The weights keyed by the metrics' names, in the order of those names.
std::vector<std::pair<std::string_view, std::int64_t>>
weightsByName(const std::map<RankingMetric, std::int64_t>& weights);

/// Reads a ranking config file over the defaults (ranking_rules_file.cpp). Errors: ParseError
/// naming the file and the key, or the rule validate() found broken.
Result<RankingConfig> loadRankingConfig(const std::string& path);

} // namespace baidian::server
