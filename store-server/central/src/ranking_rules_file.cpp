// The ranking's rules file (TOML) read into a RankingConfig; no database, no scoring.

#include "baidian/server/ranking_config.h"

#include <toml++/toml.h>

namespace baidian::server {

namespace {

/// Refuses a `[weights]` key that names no metric, as validate() would have met it: the
/// weights are checked in the order of their names, so an out-of-range weight named before the
/// unknown key is the problem named (validate() finds it); one named after is not reached.
Status checkWeightNames(const std::map<std::string, std::int64_t>& named) {
    for (const auto& [name, weight] : named) {
        if (!parseRankingMetric(name))
            return makeError(ErrorCode::InvalidArgument, "unknown ranking metric \"" + name + "\"");
        if (!isWeightInRange(weight))
            break;
    }
    return {};
}

/// Reads the file's sections over the defaults in `c`; a key of the wrong kind is named in
/// `bad` (the last one found).
void readTables(const toml::table& table, RankingConfig& c,
                std::map<std::string, std::int64_t>& namedWeights, std::string& bad) {
    if (const auto* weights = table["weights"].as_table()) {
        c.weights.clear();
        for (const auto& [key, node] : *weights) {
            const auto v = node.value<std::int64_t>();
            if (!v)
                bad = "weights." + std::string(key.str()) + " must be a whole number";
            else
                namedWeights[std::string(key.str())] = *v;
        }
    }
    const auto integer = [&](const char* section, const char* key, auto& into) {
        auto node = table[section][key];
        if (!node)
            return;
        const auto v = node.template value<std::int64_t>();
        if (!v)
            bad = std::string(section) + "." + key + " must be a whole number";
        else
            into = static_cast<std::remove_reference_t<decltype(into)>>(*v);
    };
    integer("eligibility", "min_open_months", c.minOpenMonths);
    integer("eligibility", "min_timeliness_pct", c.minTimelinessPct);
    integer("anomalies", "refund_spike_pct", c.refundSpikePct);
    integer("anomalies", "refund_spike_min_fen", c.refundSpikeMinFen);
    integer("anomalies", "closing_burst_pct", c.closingBurstPct);
    integer("anomalies", "closing_burst_min_tickets", c.closingBurstMinTickets);
    integer("anomalies", "closing_burst_min_days", c.closingBurstMinDays);
    integer("anomalies", "above_history_multiple", c.aboveHistoryMultiple);
    if (auto node = table["anomalies"]["disqualifying"]) {
        c.disqualifying.clear();
        if (const auto* list = node.as_array())
            for (const auto& item : *list) {
                if (const auto text = item.value<std::string>())
                    c.disqualifying.push_back(*text);
                else
                    bad = "anomalies.disqualifying must be a list of flag names";
            }
        else
            bad = "anomalies.disqualifying must be a list of flag names";
    }
}

} // namespace

Result<RankingConfig> loadRankingConfig(const std::string& path) {
    toml::table table;
    try {
        table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        return makeError(ErrorCode::ParseError, "ranking config " + path + " line " +
                                                    std::to_string(e.source().begin.line) + ": " +
                                                    std::string(e.description()));
    }
    RankingConfig c;
    std::map<std::string, std::int64_t> namedWeights;
    std::string bad;
    readTables(table, c, namedWeights, bad);
    if (!bad.empty())
        return makeError(ErrorCode::ParseError, "ranking config " + path + ": " + bad);
    if (auto ok = checkWeightNames(namedWeights); !ok)
        return makeError(ErrorCode::ParseError,
                         "ranking config " + path + ": " + ok.error().message);
    for (const auto& [name, weight] : namedWeights)
        if (const auto metric = parseRankingMetric(name))
            c.weights[*metric] = weight;
    if (auto ok = c.validate(); !ok)
        return makeError(ErrorCode::ParseError,
                         "ranking config " + path + ": " + ok.error().message);
    return c;
}

} // namespace baidian::server
