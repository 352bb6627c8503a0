#include "baidian/server/ranking.h"

#include "baidian/csv/csv.h"
#include "baidian/domain/money.h"
#include "baidian/domain/outlet.h"
#include "baidian/domain/rounding.h"
#include "baidian/domain/time.h"
#include "baidian/server/stock.h"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <boost/json.hpp>
#include <optional>
#include <set>
#include <toml++/toml.h>

namespace baidian::server {

using protocol::FlagDoc;
using protocol::MetricDoc;
using protocol::RankingDoc;
using protocol::RankingEntryDoc;

namespace {

/// num * scale / den, half up (the one rounding function).
std::int64_t ratio(std::int64_t num, std::int64_t den, std::int64_t scale) {
    return domain::divideRounded(domain::Wide(num) * scale, den, domain::RoundingMode::HalfUp)
        .value();
}

bool lowerIsBetter(const std::string& metric) {
    return metric == "shrink_rate" || metric == "returns_rate";
}

std::string unitOf(const std::string& metric) {
    if (metric == "revenue" || metric == "average_ticket")
        return "fen";
    if (metric == "revenue_per_m2")
        return "fen_per_m2";
    if (metric == "inspection")
        return "points";
    return "bp";
}

std::string percent(std::int64_t bp) {
    // bp as a percentage with one decimal: 6450 -> "64.5%".
    const auto tenths = domain::divideRounded(bp, 10, domain::RoundingMode::HalfUp).value();
    const auto whole = tenths / 10, part = tenths % 10;
    return (tenths < 0 && whole == 0 ? "-" : "") + std::to_string(whole) + "." +
           std::to_string(part < 0 ? -part : part) + "%";
}

/// A day that tripped an anomaly rule (kept for the flag's evidence).
struct FlaggedDay {
    std::string date;
    std::int64_t salesFen = 0;
    std::int64_t returnFen = 0;
};

/// What the ranking knows of one outlet in the period, before scoring.
struct Raw {
    std::int64_t id = 0;
    std::string code, name, city, type, status, openedOn;
    std::int64_t areaM2 = 0;
    std::int64_t revenue = 0, sales = 0, returns = 0, tickets = 0, lines = 0, compliant = 0;
    std::int64_t prior = 0, history = 0, historyPeriods = 0, shrink = 0;
    std::int64_t onTimeDays = 0, dueDays = 0;
    std::optional<std::int64_t> inspection;
    // Anomaly evidence, gathered while the days stream by (a year of 100,000 outlets is not
    // held in memory).
    int spikeDays = 0;
    std::optional<FlaggedDay> worstSpike;
    int burstDays = 0;
    std::optional<FlaggedDay> firstBurst;

    void addDay(const RankingConfig& c, const std::string& date, std::int64_t salesFen,
                std::int64_t returnFen, std::int64_t dayTickets, std::int64_t lateTickets) {
        if (returnFen >= c.refundSpikeMinFen && returnFen * 100 >= c.refundSpikePct * salesFen) {
            ++spikeDays;
            if (!worstSpike || returnFen > worstSpike->returnFen)
                worstSpike = FlaggedDay{date, salesFen, returnFen};
        }
        if (dayTickets >= c.closingBurstMinTickets &&
            lateTickets * 100 >= c.closingBurstPct * dayTickets) {
            ++burstDays;
            if (!firstBurst || date < firstBurst->date)
                firstBurst = FlaggedDay{date, salesFen, returnFen};
        }
    }
};

std::map<std::string, std::optional<std::int64_t>>
metricValues(const Raw& r, std::map<std::string, std::string>& notes) {
    std::map<std::string, std::optional<std::int64_t>> v;
    v["revenue"] = r.revenue;
    if (r.prior > 0)
        v["growth"] = ratio(r.revenue - r.prior, r.prior, 10000);
    else
        notes["growth"] = "no sales in the prior period";
    if (r.areaM2 > 0)
        v["revenue_per_m2"] = ratio(r.revenue, r.areaM2, 1);
    else
        notes["revenue_per_m2"] = "no floor area in the registry";
    if (r.tickets > 0)
        v["average_ticket"] = ratio(r.sales, r.tickets, 1);
    else
        notes["average_ticket"] = "no tickets";
    if (r.revenue + r.shrink > 0)
        v["shrink_rate"] = ratio(r.shrink, r.revenue + r.shrink, 10000);
    else
        notes["shrink_rate"] = "no sales or write-offs";
    if (r.sales > 0)
        v["returns_rate"] = ratio(r.returns, r.sales, 10000);
    else
        notes["returns_rate"] = "no sales";
    if (r.lines > 0)
        v["price_compliance"] = ratio(r.compliant, r.lines, 10000);
    else
        notes["price_compliance"] = "no sale lines";
    if (r.dueDays > 0)
        v["sync_timeliness"] = ratio(r.onTimeDays, r.dueDays, 10000);
    else
        notes["sync_timeliness"] = "no day was due yet";
    if (r.inspection)
        v["inspection"] = *r.inspection;
    else
        notes["inspection"] = "not inspected this period";
    return v;
}

std::vector<FlagDoc> anomalies(const Raw& r, const RankingConfig& c) {
    std::vector<FlagDoc> flags;
    const auto disqualifies = [&](const std::string& flag) {
        return std::find(c.disqualifying.begin(), c.disqualifying.end(), flag) !=
               c.disqualifying.end();
    };
    const int spikeDays = r.spikeDays, burstDays = r.burstDays;
    const auto& worst = r.worstSpike;
    const auto& firstBurst = r.firstBurst;
    if (worst)
        flags.push_back(
            {"refund_spike",
             "refunds of " + domain::Fen(worst->returnFen).format() + " on " + worst->date +
                 (worst->salesFen > 0
                      ? " were " + percent(ratio(worst->returnFen, worst->salesFen, 10000)) +
                            " of that day's sales"
                      : " on a day without sales") +
                 " (" + std::to_string(spikeDays) + " such day(s))",
             disqualifies("refund_spike")});
    if (burstDays >= c.closingBurstMinDays)
        flags.push_back({"closing_burst",
                         "on " + std::to_string(burstDays) + " day(s) at least " +
                             std::to_string(c.closingBurstPct) +
                             "% of the tickets came in the last 30 minutes of trading (first " +
                             firstBurst->date + ")",
                         disqualifies("closing_burst")});
    if (r.historyPeriods > 0) {
        const auto average = ratio(r.history, r.historyPeriods, 1);
        if (average > 0 && r.revenue > c.aboveHistoryMultiple * average)
            flags.push_back({"above_history",
                             "revenue " + domain::Fen(r.revenue).format() + " is " +
                                 percent(ratio(r.revenue, average, 10000)) +
                                 " of the outlet's average over its prior " +
                                 std::to_string(r.historyPeriods) + " period(s) (" +
                                 domain::Fen(average).format() + ")",
                             disqualifies("above_history")});
    }
    return flags;
}

std::string previousPeriod(const std::string& period, int back) {
    if (period.size() == 4)
        return std::to_string(std::stoi(period) - back);
    return domain::addMonths(period + "-01", -back).substr(0, 7);
}

std::int64_t typeOrder(const std::string& type) {
    for (std::size_t i = 0; i < domain::kAllOutletTypes.size(); ++i)
        if (domain::toString(domain::kAllOutletTypes[i]) == type)
            return static_cast<std::int64_t>(i);
    return 99;
}

/// By type, then ranked entries by rank, then the unranked by score, then code.
void sortEntries(std::vector<RankingEntryDoc>& entries) {
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        const auto key = [](const RankingEntryDoc& e) {
            return std::make_tuple(typeOrder(e.type), e.rank ? 0 : 1, e.rank.value_or(0),
                                   -e.scoreCenti, -e.revenueFen, e.outlet);
        };
        return key(a) < key(b);
    });
}

} // namespace

Status RankingConfig::validate() const {
    std::int64_t sum = 0;
    for (const auto& [metric, weight] : weights) {
        if (std::find(kRankingMetrics.begin(), kRankingMetrics.end(), metric) ==
            kRankingMetrics.end())
            return makeError(ErrorCode::InvalidArgument,
                             "unknown ranking metric \"" + metric + "\"");
        if (weight < 0 || weight > 100)
            return makeError(ErrorCode::InvalidArgument,
                             "the weight of " + metric + " must be 0-100");
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
    for (const auto& [metric, weight] : weights)
        w[metric] = weight;
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
    std::string bad;
    if (const auto* weights = table["weights"].as_table()) {
        c.weights.clear();
        for (const auto& [key, node] : *weights) {
            const auto v = node.value<std::int64_t>();
            if (!v)
                bad = "weights." + std::string(key.str()) + " must be a whole number";
            else
                c.weights[std::string(key.str())] = *v;
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
    if (!bad.empty())
        return makeError(ErrorCode::ParseError, "ranking config " + path + ": " + bad);
    if (auto ok = c.validate(); !ok)
        return makeError(ErrorCode::ParseError,
                         "ranking config " + path + ": " + ok.error().message);
    return c;
}

Result<std::pair<std::string, std::string>> periodDates(const std::string& period) {
    if (period.size() == 4 && domain::isDate(period + "-01-01"))
        return std::pair{period + "-01-01", period + "-12-31"};
    if (period.size() == 7 && domain::isDate(period + "-01")) {
        const auto first = period + "-01";
        return std::pair{first, domain::addDays(domain::addMonths(first, 1), -1)};
    }
    return makeError(ErrorCode::InvalidArgument,
                     "a ranking period is a month (2026-10) or a year (2026), not \"" + period +
                         "\"");
}

Result<RankingDoc> computeRanking(SQLite::Database& db, const std::string& period,
                                  const RankingConfig& config, const std::string& computedAt) {
    if (auto ok = config.validate(); !ok)
        return ok.error();
    auto dates = periodDates(period);
    if (!dates)
        return dates.error();
    const auto [from, to] = *dates;
    const auto now = domain::parseIsoUtc(computedAt);

    std::map<std::int64_t, Raw> raw;
    {
        SQLite::Statement q(db, "SELECT id, code, name, city, type, status, opened_on, area_m2 "
                                "FROM outlet WHERE status != 'closed'");
        while (q.executeStep()) {
            Raw r;
            r.id = q.getColumn(0).getInt64();
            r.code = q.getColumn(1).getString();
            r.name = q.getColumn(2).getString();
            r.city = q.getColumn(3).getString();
            r.type = q.getColumn(4).getString();
            r.status = q.getColumn(5).getString();
            r.openedOn = q.getColumn(6).getString();
            r.areaM2 = q.getColumn(7).getInt64();
            raw.emplace(r.id, std::move(r));
        }
    }
    {
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
    {
        // The prior period (growth) and the three before this one (the outlet's own history).
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
    for (const auto& [outlet, fen] : shrinkValue(db, from, to))
        if (auto it = raw.find(outlet); it != raw.end())
            it->second.shrink = fen;
    {
        // On time: reconciled with all of the day's sales in by 06:00 China time the next
        // morning, which is 22:00 UTC of the business date itself (ISO-8601 UTC text compares
        // in time order). `sales_in` is how many of the day's sales the server held at that
        // reconcile; a sale that came in after it (tickets + returns of the day's aggregate
        // are more) makes the day late until a later reconcile saw it, and a reconcile before
        // any sale was in is not recorded at all (markReconciled).
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
        // Days due: from the later of the period start and the opening, up to the last day
        // whose nightly deadline has passed.
        std::string lastDue = to;
        while (lastDue >= from && domain::nightlyDeadline(lastDue) > now)
            lastDue = domain::addDays(lastDue, -1);
        for (auto& [id, r] : raw) {
            const auto first = std::max(from, r.openedOn);
            r.dueDays = first <= lastDue ? domain::daysBetween(first, lastDue) + 1 : 0;
        }
    }
    {
        SQLite::Statement q(db, "SELECT outlet_id, score FROM inspection WHERE period = ?");
        q.bind(1, period);
        while (q.executeStep())
            if (auto it = raw.find(q.getColumn(0).getInt64()); it != raw.end())
                it->second.inspection = q.getColumn(1).getInt64();
    }

    // Score each outlet against the eligible outlets of its own type.
    struct Scored {
        const Raw* raw;
        RankingEntryDoc entry;
        std::map<std::string, std::optional<std::int64_t>> values;
        std::map<std::string, std::string> notes;
    };
    std::map<std::string, std::vector<Scored>> byType;
    const auto openBy = domain::addMonths(to, -config.minOpenMonths);
    for (const auto& [id, r] : raw) {
        Scored s{&r, {}, {}, {}};
        s.values = metricValues(r, s.notes);
        auto& e = s.entry;
        e.period = period;
        e.outlet = r.code;
        e.name = r.name;
        e.city = r.city;
        e.type = r.type;
        e.revenueFen = r.revenue;
        e.flags = anomalies(r, config);
        if (r.status != "open")
            e.ineligible.push_back("the outlet is " + r.status);
        if (r.openedOn > openBy)
            e.ineligible.push_back("open since " + r.openedOn + ": less than " +
                                   std::to_string(config.minOpenMonths) +
                                   " months before the period ends (" + to + ")");
        if (r.tickets == 0)
            e.ineligible.push_back("no sales in the period");
        if (r.dueDays > 0 && r.onTimeDays * 100 < config.minTimelinessPct * r.dueDays)
            e.ineligible.push_back("reconciled by the nightly deadline on " +
                                   std::to_string(r.onTimeDays) + " of " +
                                   std::to_string(r.dueDays) + " days (" +
                                   percent(ratio(r.onTimeDays, r.dueDays, 10000)) + "), below " +
                                   std::to_string(config.minTimelinessPct) + "%");
        for (const auto& f : e.flags)
            if (f.disqualifies)
                e.ineligible.push_back("flagged " + f.flag + ": " + f.detail);
        byType[r.type].push_back(std::move(s));
    }

    RankingDoc doc{period, from, to, computedAt, {}};
    for (auto& [type, outlets] : byType) {
        // The range of each metric among the eligible outlets of the type.
        std::map<std::string, std::pair<std::int64_t, std::int64_t>> range;
        for (const auto& s : outlets) {
            if (!s.entry.ineligible.empty())
                continue;
            for (const auto& [metric, value] : s.values) {
                if (!value)
                    continue;
                auto [it, fresh] = range.try_emplace(metric, *value, *value);
                it->second.first = std::min(it->second.first, *value);
                it->second.second = std::max(it->second.second, *value);
            }
        }
        // Full marks are 100.00 points: the weights of the metrics measured in this type share
        // 10000 centi-points exactly (largest remainder), so a metric left out scales the
        // others up.
        std::vector<std::int64_t> measuredWeights;
        for (const auto& metric : kRankingMetrics)
            measuredWeights.push_back(range.contains(metric) && config.weights.contains(metric)
                                          ? config.weights.at(metric)
                                          : 0);
        const auto maxPoints = domain::apportion(10000, measuredWeights);
        for (auto& s : outlets) {
            auto& e = s.entry;
            for (std::size_t i = 0; i < kRankingMetrics.size(); ++i) {
                const auto& metric = kRankingMetrics[i];
                const std::int64_t weight =
                    config.weights.contains(metric) ? config.weights.at(metric) : 0;
                MetricDoc m{metric, s.values[metric], unitOf(metric), 0, weight,
                            0,      s.notes[metric]};
                const auto r = range.find(metric);
                if (r == range.end()) {
                    m.note = "not measured for any eligible outlet of this type: left out, the "
                             "other weights scaled up";
                } else if (m.value) {
                    const auto [lo, hi] = r->second;
                    const auto v = std::clamp(*m.value, lo, hi);
                    m.normalizedBp = hi == lo                ? 10000
                                     : lowerIsBetter(metric) ? ratio(hi - v, hi - lo, 10000)
                                                             : ratio(v - lo, hi - lo, 10000);
                    m.pointsCenti = ratio(maxPoints[i], 10000, m.normalizedBp);
                }
                e.scoreCenti += m.pointsCenti;
                e.metrics.push_back(std::move(m));
            }
        }
        std::vector<Scored*> eligible;
        for (auto& s : outlets)
            if (s.entry.ineligible.empty())
                eligible.push_back(&s);
        std::sort(eligible.begin(), eligible.end(), [](const Scored* a, const Scored* b) {
            return std::make_tuple(-a->entry.scoreCenti, -a->entry.revenueFen, a->entry.outlet) <
                   std::make_tuple(-b->entry.scoreCenti, -b->entry.revenueFen, b->entry.outlet);
        });
        for (std::size_t i = 0; i < eligible.size(); ++i)
            eligible[i]->entry.rank = static_cast<std::int64_t>(i + 1);
        for (auto& s : outlets)
            doc.entries.push_back(std::move(s.entry));
    }
    sortEntries(doc.entries);

    SQLite::Statement clear(db, "DELETE FROM ranking_entry WHERE period = ?");
    clear.bind(1, period);
    clear.exec();
    SQLite::Statement run(db, "INSERT OR REPLACE INTO ranking_run(period, date_from, date_to, "
                              "computed_at, config) VALUES (?,?,?,?,?)");
    run.bind(1, period);
    run.bind(2, from);
    run.bind(3, to);
    run.bind(4, computedAt);
    run.bind(5, config.toJson());
    run.exec();
    SQLite::Statement insert(
        db, "INSERT INTO ranking_entry(period, outlet_id, type, rank, score_centi, ineligible, "
            "metrics, flags) VALUES (?, (SELECT id FROM outlet WHERE code = ?), ?,?,?,?,?,?)");
    for (const auto& e : doc.entries) {
        std::string reasons;
        for (const auto& why : e.ineligible)
            reasons += (reasons.empty() ? "" : "\n") + why;
        insert.bind(1, period);
        insert.bind(2, e.outlet);
        insert.bind(3, e.type);
        if (e.rank)
            insert.bind(4, *e.rank);
        else
            insert.bind(4);
        insert.bind(5, e.scoreCenti);
        insert.bind(6, reasons);
        insert.bind(7, protocol::encode(e.metrics));
        insert.bind(8, protocol::encode(e.flags));
        insert.exec();
        insert.reset();
    }
    return doc;
}

Result<RankingDoc> loadRanking(SQLite::Database& db, const std::string& period,
                               const std::string& type,
                               const std::optional<std::vector<std::string>>& cities) {
    SQLite::Statement run(db, "SELECT date_from, date_to, computed_at FROM ranking_run "
                              "WHERE period = ?");
    run.bind(1, period);
    if (!run.executeStep())
        return makeError(ErrorCode::NotFound, "no ranking has been computed for " + period);
    RankingDoc doc{period,
                   run.getColumn(0).getString(),
                   run.getColumn(1).getString(),
                   run.getColumn(2).getString(),
                   {}};
    SQLite::Statement q(db, "SELECT o.code, o.name, o.city, e.type, e.rank, e.score_centi, "
                            "e.ineligible, e.metrics, e.flags FROM ranking_entry e "
                            "JOIN outlet o ON o.id = e.outlet_id WHERE e.period = ? AND "
                            "(? = '' OR e.type = ?)");
    q.bind(1, period);
    q.bind(2, type);
    q.bind(3, type);
    while (q.executeStep()) {
        RankingEntryDoc e;
        e.period = period;
        e.outlet = q.getColumn(0).getString();
        e.name = q.getColumn(1).getString();
        e.city = q.getColumn(2).getString();
        e.type = q.getColumn(3).getString();
        if (cities && std::find(cities->begin(), cities->end(), e.city) == cities->end())
            continue;
        if (!q.getColumn(4).isNull())
            e.rank = q.getColumn(4).getInt64();
        e.scoreCenti = q.getColumn(5).getInt64();
        const std::string reasons = q.getColumn(6).getString();
        for (std::size_t at = 0; at < reasons.size();) {
            const auto end = std::min(reasons.find('\n', at), reasons.size());
            e.ineligible.push_back(reasons.substr(at, end - at));
            at = end + 1;
        }
        if (auto m = protocol::decodeMetrics(q.getColumn(7).getString()))
            e.metrics = std::move(*m);
        if (auto f = protocol::decodeFlags(q.getColumn(8).getString()))
            e.flags = std::move(*f);
        for (const auto& m : e.metrics)
            if (m.metric == "revenue" && m.value)
                e.revenueFen = *m.value;
        doc.entries.push_back(std::move(e));
    }
    sortEntries(doc.entries);
    return doc;
}

std::vector<std::string> rankingPeriods(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT period FROM ranking_run ORDER BY date_from DESC, period");
    std::vector<std::string> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

std::string rankingCsv(const RankingDoc& ranking) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = {"period", "type", "rank", "outlet", "name", "city", "score"};
    for (const auto& m : kRankingMetrics)
        header.push_back(m + "_points");
    header.insert(header.end(), {"not_ranked_because", "flags"});
    rows.push_back(header);
    for (const auto& e : ranking.entries) {
        std::vector<std::string> row = {
            ranking.period, e.type, e.rank ? std::to_string(*e.rank) : "", e.outlet,
            e.name,         e.city, protocol::formatScore(e.scoreCenti)};
        for (const auto& name : kRankingMetrics) {
            std::int64_t points = 0;
            for (const auto& m : e.metrics)
                if (m.metric == name)
                    points = m.pointsCenti;
            row.push_back(protocol::formatScore(points));
        }
        std::string why, flags;
        for (const auto& w : e.ineligible)
            why += (why.empty() ? "" : "; ") + w;
        for (const auto& f : e.flags)
            flags += (flags.empty() ? "" : "; ") + f.flag + ": " + f.detail;
        row.push_back(why);
        row.push_back(flags);
        rows.push_back(std::move(row));
    }
    return csv::write(rows);
}

Status recordInspection(SQLite::Database& db, const protocol::InspectionDoc& inspection,
                        const std::string& inspector, const std::string& at) {
    if (inspection.score < 0 || inspection.score > 100)
        return makeError(ErrorCode::InvalidArgument, "an inspection score is 0-100");
    if (auto dates = periodDates(inspection.period); !dates)
        return dates.error();
    if (inspection.note.size() > 2000)
        return makeError(ErrorCode::InvalidArgument, "the note is longer than 2000 bytes");
    SQLite::Statement q(db, "INSERT OR REPLACE INTO inspection(outlet_id, period, score, "
                            "inspector, note, entered_at) SELECT id, ?, ?, ?, ?, ? FROM outlet "
                            "WHERE code = ?");
    q.bind(1, inspection.period);
    q.bind(2, inspection.score);
    q.bind(3, inspector);
    q.bind(4, inspection.note);
    q.bind(5, at);
    q.bind(6, inspection.outlet);
    if (q.exec() == 0)
        return makeError(ErrorCode::NotFound, "no outlet " + inspection.outlet);
    return {};
}

} // namespace baidian::server
