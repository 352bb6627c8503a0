#include "baidian/server/ranking_figures.h"

#include "baidian/server/ranking.h"
#include "baidian/server/stock.h"

#include <SQLiteCpp/Statement.h>
#include <map>

namespace baidian::server {

namespace {

using ById = std::map<std::int64_t, OutletFigures>;

std::string previousPeriod(const std::string& period, int back) {
    if (period.size() == 4)
        return std::to_string(std::stoi(period) - back);
    return domain::addMonths(period + "-01", -back).substr(0, 7);
}

ById readOutlets(SQLite::Database& db) {
    ById out;
    SQLite::Statement q(db, "SELECT id, code, name, city, type, status, opened_on, area_m2 "
                            "FROM outlet WHERE status != 'closed'");
    while (q.executeStep()) {
        OutletFigures r;
        r.code = q.getColumn(1).getString();
        r.name = q.getColumn(2).getString();
        r.city = q.getColumn(3).getString();
        r.type = q.getColumn(4).getString();
        r.status = q.getColumn(5).getString();
        r.openedOn = q.getColumn(6).getString();
        r.areaM2 = q.getColumn(7).getInt64();
        out.emplace(q.getColumn(0).getInt64(), std::move(r));
    }
    return out;
}

/// The period's days, summed and streamed past the anomaly rules.
void addDays(SQLite::Database& db, ById& raw, const std::string& from, const std::string& to,
             const RankingConfig& config) {
    SQLite::Statement q(db, "SELECT outlet_id, business_date, revenue_fen, sales_fen, "
                            "return_fen, tickets, late_tickets, lines, compliant_lines "
                            "FROM agg_outlet_day WHERE business_date BETWEEN ? AND ?");
    q.bind(1, from);
    q.bind(2, to);
    while (q.executeStep()) {
        auto it = raw.find(q.getColumn(0).getInt64());
        if (it == raw.end())
            continue;
        auto& r = it->second;
        const auto sales = q.getColumn(3).getInt64();
        const auto returns = q.getColumn(4).getInt64();
        const auto tickets = q.getColumn(5).getInt64();
        r.revenue += q.getColumn(2).getInt64();
        r.sales += sales;
        r.returns += returns;
        r.tickets += tickets;
        r.lines += q.getColumn(7).getInt64();
        r.compliant += q.getColumn(8).getInt64();
        r.addDay(config, q.getColumn(1).getString(), sales, returns, tickets,
                 q.getColumn(6).getInt64());
    }
}

/// The prior period (growth) and the three before this one (the outlet's own history).
void addHistory(SQLite::Database& db, ById& raw, const std::string& period) {
    const auto priorDates = periodDates(previousPeriod(period, 1)).value();
    const auto historyFrom = periodDates(previousPeriod(period, 3)).value().first;
    SQLite::Statement q(
        db, "SELECT outlet_id, SUM(CASE WHEN business_date >= ?3 THEN revenue_fen ELSE 0 END), "
            "SUM(revenue_fen), COUNT(DISTINCT substr(business_date, 1, ?4)) "
            "FROM agg_outlet_day WHERE business_date BETWEEN ?1 AND ?2 GROUP BY outlet_id");
    q.bind(1, historyFrom);
    q.bind(2, priorDates.second);
    q.bind(3, priorDates.first);
    q.bind(4, static_cast<std::int64_t>(period.size()));
    while (q.executeStep())
        if (auto it = raw.find(q.getColumn(0).getInt64()); it != raw.end()) {
            it->second.prior = q.getColumn(1).getInt64();
            it->second.history = q.getColumn(2).getInt64();
            it->second.historyPeriods = q.getColumn(3).getInt64();
        }
}

void addTimeliness(SQLite::Database& db, ById& raw, const std::string& from, const std::string& to,
                   domain::TimePoint now) {
    // On time: reconciled with all of the day's sales in by 06:00 China time the next morning,
    // which is 22:00 UTC of the business date itself (ISO-8601 UTC text compares in time
    // order). `sales_in` is how many of the day's sales the server held at that reconcile; a
    // sale that came in after it (tickets + returns of the day's aggregate are more) makes the
    // day late until a later reconcile saw it, and a reconcile before any sale was in is not
    // recorded at all (markReconciled).
    SQLite::Statement q(
        db, "SELECT r.outlet_id, COUNT(*) FROM reconciled_day r JOIN outlet o ON o.id = "
            "r.outlet_id JOIN agg_outlet_day a ON a.business_date = r.business_date AND "
            "a.outlet_id = r.outlet_id WHERE r.business_date BETWEEN ? AND ? AND "
            "r.business_date >= o.opened_on AND r.first_at <= r.business_date || "
            "'T22:00:00Z' AND r.sales_in >= a.tickets + a.return_tickets "
            "GROUP BY r.outlet_id");
    q.bind(1, from);
    q.bind(2, to);
    while (q.executeStep())
        if (auto it = raw.find(q.getColumn(0).getInt64()); it != raw.end())
            it->second.onTimeDays = q.getColumn(1).getInt64();
    const auto lastDue = lastDueDay(from, to, now);
    for (auto& [id, r] : raw)
        r.dueDays = daysDue(from, lastDue, r.openedOn);
}

void addInspections(SQLite::Database& db, ById& raw, const std::string& period) {
    SQLite::Statement q(db, "SELECT outlet_id, score FROM inspection WHERE period = ?");
    q.bind(1, period);
    while (q.executeStep())
        if (auto it = raw.find(q.getColumn(0).getInt64()); it != raw.end())
            it->second.inspection = q.getColumn(1).getInt64();
}

} // namespace

std::vector<OutletFigures> loadOutletFigures(SQLite::Database& db, const std::string& period,
                                             const std::string& from, const std::string& to,
                                             const RankingConfig& config, domain::TimePoint now) {
    auto raw = readOutlets(db);
    addDays(db, raw, from, to, config);
    addHistory(db, raw, period);
    for (const auto& [outlet, fen] : shrinkValue(db, from, to))
        if (auto it = raw.find(outlet); it != raw.end())
            it->second.shrink = fen;
    addTimeliness(db, raw, from, to, now);
    addInspections(db, raw, period);
    std::vector<OutletFigures> out;
    out.reserve(raw.size());
    for (auto& [id, r] : raw)
        out.push_back(std::move(r));
    return out;
}

} // namespace baidian::server
