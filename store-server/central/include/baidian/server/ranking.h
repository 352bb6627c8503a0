#pragma once
// The model-store (示范门店) ranking: per period and per outlet type, each outlet scored on
// weighted metrics normalized within its type, with eligibility rules, anomaly flags and a
// metric-by-metric explanation. The method is written up in docs/ranking.md. The rules are
// ranking_config.h (and its file), the scoring ranking_score.h, the figures ranking_figures.h;
// this header computes, stores and reads rankings.

#include "baidian/domain/result.h"
#include "baidian/protocol/office.h"
#include "baidian/server/ranking_config.h"
#include "baidian/server/ranking_metric.h"

#include <SQLiteCpp/Database.h>
#include <optional>
#include <string>
#include <vector>

namespace baidian::server {

/// First and last business date of a period: "2026-10" (a month) or "2026" (a year).
/// Errors: InvalidArgument.
Result<std::pair<std::string, std::string>> periodDates(const std::string& period);

/// Computes the ranking of `period` for every outlet type and stores it (replacing an earlier
/// computation of the same period), inside the caller's transaction. `computedAt` is UTC ISO.
/// Rolls up the days an older server left dirty first (rollUp), so the caller need not; a
/// rollUp of its own before the call finds nothing left and changes nothing.
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
