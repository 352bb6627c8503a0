#include "baidian/server/ranking_config.h"

#include <algorithm>
#include <boost/json.hpp>

namespace baidian::server {

std::int64_t RankingConfig::weightOf(RankingMetric metric) const {
    const auto it = weights.find(metric);
    return it == weights.end() ? 0 : it->second;
}

bool isWeightInRange(std::int64_t weight) {
    return weight >= 0 && weight <= 100;
}

std::vector<std::pair<std::string_view, std::int64_t>>
weightsByName(const std::map<RankingMetric, std::int64_t>& weights) {
    std::vector<std::pair<std::string_view, std::int64_t>> out;
    for (const auto& [metric, weight] : weights)
        out.emplace_back(toString(metric), weight);
    std::sort(out.begin(), out.end());
    return out;
}

Status RankingConfig::validate() const {
    std::int64_t sum = 0;
    for (const auto& [name, weight] : weightsByName(weights)) {
        if (!isWeightInRange(weight))
            return makeError(ErrorCode::InvalidArgument,
                             "the weight of " + std::string(name) + " must be 0-100");
        sum += weight;
    }
    if (sum != 100)
        return makeError(ErrorCode::InvalidArgument,
                         "the metric weights must add up to 100, not " + std::to_string(sum));
    for (const auto& flag : disqualifying)
        if (flag != "refund_spike" && flag != "closing_burst" && flag != "above_history")
            return makeError(ErrorCode::InvalidArgument, "unknown anomaly flag \"" + flag + "\"");
    const bool inRange = minOpenMonths >= 0 && minOpenMonths <= 120 && minTimelinessPct >= 0 &&
                         minTimelinessPct <= 100 && refundSpikePct > 0 && refundSpikePct <= 1000 &&
                         refundSpikeMinFen >= 0 && closingBurstPct > 0 && closingBurstPct <= 100 &&
                         closingBurstMinTickets > 0 && closingBurstMinDays > 0 &&
                         aboveHistoryMultiple > 1;
    if (!inRange)
        return makeError(ErrorCode::InvalidArgument, "a ranking rule is out of its range");
    return {};
}

std::string RankingConfig::toJson() const {
    boost::json::object w;
    for (const auto& [name, weight] : weightsByName(weights))
        w[name] = weight;
    boost::json::array d;
    for (const auto& f : disqualifying)
        d.push_back(boost::json::string(f));
    return boost::json::serialize(
        boost::json::object{{"weights", w},
                            {"min_open_months", minOpenMonths},
                            {"min_timeliness_pct", minTimelinessPct},
                            {"refund_spike_pct", refundSpikePct},
                            {"refund_spike_min_fen", refundSpikeMinFen},
                            {"closing_burst_pct", closingBurstPct},
                            {"closing_burst_min_tickets", closingBurstMinTickets},
                            {"closing_burst_min_days", closingBurstMinDays},
                            {"above_history_multiple", aboveHistoryMultiple},
                            {"disqualifying", d}});
}

} // namespace baidian::server
