#pragma once
// What the model-store ranking reads from the central database: each outlet's figures for a
// period (ranking_score.h scores them). Reads only; the caller's connection and transaction.

#include "baidian/domain/time.h"
#include "baidian/server/ranking_score.h"

#include <SQLiteCpp/Database.h>
#include <string>
#include <vector>

namespace baidian::server {

/// The figures of `period` ([from, to], periodDates) of every outlet not closed, from the
/// rolled-up aggregates, write-offs, reconciles and inspections; days due and anomaly evidence
/// as of `now` by the rules of `config`. In the registry's id order. Throws SQLite::Exception.
std::vector<OutletFigures> loadOutletFigures(SQLite::Database& db, const std::string& period,
                                             const std::string& from, const std::string& to,
                                             const RankingConfig& config, domain::TimePoint now);

} // namespace baidian::server
