#pragma once
// The model-store (示范门店) ranking: per period and per outlet type, each outlet scored on
// weighted metrics normalized within its type, with eligibility rules, anomaly flags and a
// metric-by-metric explanation. The method is written up in docs/ranking.md.

#include "baidian/domain/result.h"
#include "baidian/protocol/office.h"

#include <SQLiteCpp/Database.h>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace baidian::server {

/// The metrics, in the order a breakdown lists them.
inline const std::vector<std::string> kRankingMetrics = {
    "revenue",      "growth",           "revenue_per_m2",  "average_ticket", "shrink_rate",
    "returns_rate", "price_compliance", "sync_timeliness", "inspection"};

/// Weights and rules; read from a TOML file (see packaging/config/ranking.toml).
struct RankingConfig {
    std::map<std::string, std::int64_t> weights = {
        {"revenue", 20},          {"growth", 10},          {"revenue_per_m2", 10},
        {"average_ticket", 5},    {"shrink_rate", 10},     {"returns_rate", 10},
        {"price_compliance", 10}, {"sync_timeliness", 10}, {"inspection", 15}};
    int minOpenMonths = 6;     ///< open at least this long before the period ends
    int minTimelinessPct = 90; ///< share of days reconciled by the nightly deadline
    int refundSpikePct = 20;   ///< a day whose refunds reach this share of its sales ...
    std::int64_t refundSpikeMinFen = 20000; ///< ... and at least this much
    int closingBurstPct = 40; ///< a day with this share of its tickets in the last 30 minutes
    int closingBurstMinTickets = 10;
    int closingBurstMinDays = 3;  ///< ... on at least this many days
    int aboveHistoryMultiple = 3; ///< revenue above N x the average of the 3 prior periods
    std::vector<std::string> disqualifying = {"refund_spike", "closing_burst", "above_history"};

    /// Weights are whole numbers >= 0 for known metrics summing to 100; rules in range.
    Status validate() const;
    /// The config as JSON, stored beside each ranking so history shows what was used.
    std::string toJson() const;
};

/// Reads a ranking config file over the defaults. Errors: ParseError naming the file and key.
Result<RankingConfig> loadRankingConfig(const std::string& path);

/// First and last business date of a period: "2026-10" (a month) or "2026" (a year).
/// Errors: InvalidArgument.
Result<std::pair<std::string, std::string>> periodDates(const std::string& period);

/// Computes the ranking of `period` for every outlet type and stores it (replacing an earlier
/// computation of the same period), inside the caller's transaction. `computedAt` is UTC ISO.
/// Deterministic: the same data and config give the same ranking. Errors: InvalidArgument for a
/// bad period or config; SQLite::Exception propagates.
Result<protocol::RankingDoc> computeRanking(SQLite::Database& db, const std::string& period,
                                            const RankingConfig& config,
                                            const std::string& computedAt);

/// A stored ranking, optionally of one type and limited to outlets in `cities`. NotFound when
/// the period has not been computed.
Result<protocol::RankingDoc>
loadRanking(SQLite::Database& db, const std::string& period, const std::string& type = {},
            const std::optional<std::vector<std::string>>& cities = {});

/// Periods with a stored ranking, newest first.
std::vector<std::string> rankingPeriods(SQLite::Database& db);

/// The ranking as CSV (UTF-8 with BOM): one row per outlet with every metric's points.
std::string rankingCsv(const protocol::RankingDoc& ranking);

/// Records a regional manager's inspection score (0-100) for an outlet and period, replacing an
/// earlier one. Errors: InvalidArgument, NotFound.
Status recordInspection(SQLite::Database& db, const protocol::InspectionDoc& inspection,
                        const std::string& inspector, const std::string& at);

} // namespace baidian::server
