#pragma once
// Seasons of sales written straight into a central database, as the server's ingest stores
// them: for the demo network, the tests that need figures and the screenshots.

#include "baidian/domain/result.h"
#include "baidian/protocol/office.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace baidian::simulate {

/// The terminal the demo network's simulated tills sell on (terminal 1 is left to the real
/// till of the outlet that scripts/run opens).
constexpr int kDemoTerminal = 2;

struct SeasonSummary {
    std::int64_t sales = 0;      ///< sales and returns stored
    std::int64_t outletDays = 0; ///< days sold and reconciled
};

/// The demo network's managers: "admin" (password "admin-pass-1") and "hz", regional manager
/// of 杭州 (password "hz-pass-12"). Errors: as server::addUser (a user that exists already).
Status addDemoUsers(SQLite::Database& db);

/// Each outlet's sales on business day `date`: its type's average day times the season
/// (seasonalPercent), varied per outlet and day by `rng`; at least one.
int salesOnDay(const std::string& type, const std::string& date, std::uint64_t random);

/// Sells every open outlet's days in [from, to] (not before it opened) from its simulated till
/// `terminal` into `db` through the server's ingest, reconciles each night on time and rolls up
/// the aggregates. Each outlet continues its till's sequence and journal from the last sale of
/// that terminal already stored, and starts after the last day already sold, so running it
/// again for a later `to` only adds the days in between. One transaction per outlet: an
/// interrupted run keeps whole outlets. `progress(outletsDone, outlets)` after each outlet.
/// Errors throw std::runtime_error.
SeasonSummary seedSeason(SQLite::Database& db, const std::vector<protocol::OutletDoc>& outlets,
                         int terminal, const std::string& from, const std::string& to,
                         const std::function<void(int, int)>& progress = {});

} // namespace baidian::simulate
