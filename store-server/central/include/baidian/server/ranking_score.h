#pragma once
// The model-store ranking's scoring rules, without a database: one outlet's figures for the
// period in, its metric values, eligibility, anomaly flags, points, rank and every reason out.
// ranking_figures.h reads the figures; ranking.h stores the result. docs/ranking.md is the
// method.

#include "baidian/domain/time.h"
#include "baidian/protocol/office.h"
#include "baidian/server/ranking_config.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace baidian::server {

/// A day that tripped an anomaly rule (kept for the flag's evidence).
struct FlaggedDay {
    std::string date;
    std::int64_t salesFen = 0;
    std::int64_t returnFen = 0;
};

/// What the ranking knows of one outlet in the period, before scoring. Money in fen.
struct OutletFigures {
    std::string code, name, city, type, status, openedOn; ///< from the registry
    std::int64_t areaM2 = 0;
    std::int64_t revenue = 0;               ///< net of returns
    std::int64_t sales = 0;                 ///< before returns
    std::int64_t returns = 0;               ///< refunded
    std::int64_t tickets = 0;               ///< sales (not returns)
    std::int64_t lines = 0;                 ///< sale lines ...
    std::int64_t compliant = 0;             ///< ... of them at head office's price, undiscounted
    std::int64_t prior = 0;                 ///< revenue of the prior period
    std::int64_t history = 0;               ///< revenue of the three periods before this one ...
    std::int64_t historyPeriods = 0;        ///< ... of which this many had sales
    std::int64_t shrink = 0;                ///< written off, at head office's price
    std::int64_t onTimeDays = 0;            ///< days reconciled by the nightly deadline ...
    std::int64_t dueDays = 0;               ///< ... of the days due (daysDue)
    std::optional<std::int64_t> inspection; ///< a regional manager's score, 0-100
    // Anomaly evidence, gathered while the days stream by (a year of 100,000 outlets is not
    // held in memory).
    int spikeDays = 0;
    std::optional<FlaggedDay> worstSpike;
    int burstDays = 0;
    std::optional<FlaggedDay> firstBurst;

    /// Adds one business day's own figures to the anomaly evidence (not to the totals):
    /// a refund spike or a closing burst by the rules of `c`.
    void addDay(const RankingConfig& c, const std::string& date, std::int64_t salesFen,
                std::int64_t returnFen, std::int64_t dayTickets, std::int64_t lateTickets);
};

/// Whether a sale line counts as sold at head office's price (price compliance): its unit price
/// is head office's price of the product at the outlet (`officePrice`; nullopt: not in the
/// catalog, never compliant), never the till's word for it, and it has no line discount. The
/// aggregates count it as each sale is stored (rollUpDay's SQL says the same).
bool isPriceCompliant(std::int64_t unitPriceFen, std::optional<std::int64_t> officePriceFen,
                      std::int64_t lineDiscountFen);

/// The last day of [from, to] whose nightly deadline has passed at `now`; the day before
/// `from` when none has.
std::string lastDueDay(const std::string& from, const std::string& to, domain::TimePoint now);

/// How many days an outlet opened on `openedOn` was due to reconcile: from the later of `from`
/// and its opening up to `lastDue` (lastDueDay).
std::int64_t daysDue(const std::string& from, const std::string& lastDue,
                     const std::string& openedOn);

/// Scores every outlet of the period ending `periodEnd` against the eligible outlets of its own
/// type: each metric normalized between the type's lowest and highest eligible value, worth its
/// share of 100.00 points (a metric no eligible outlet of the type has is left out and the
/// others scaled up), ties broken by revenue then code. Each entry says why it is not ranked,
/// which anomalies it shows and why a metric has no value. Entries come sorted (sortEntries).
/// Deterministic; `config` is valid (RankingConfig::validate).
std::vector<protocol::RankingEntryDoc> scoreOutlets(const std::vector<OutletFigures>& outlets,
                                                    const RankingConfig& config,
                                                    const std::string& period,
                                                    const std::string& periodEnd);

/// By type (the registry's order), then the ranked by rank, then the unranked by score, revenue
/// and code.
void sortEntries(std::vector<protocol::RankingEntryDoc>& entries);

} // namespace baidian::server
