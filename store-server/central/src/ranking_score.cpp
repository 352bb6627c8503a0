#include "baidian/server/ranking_score.h"

#include "baidian/domain/money.h"
#include "baidian/domain/outlet.h"
#include "baidian/domain/rounding.h"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

namespace baidian::server {

using protocol::FlagDoc;
using protocol::MetricDoc;
using protocol::RankingEntryDoc;

namespace {

constexpr std::size_t kMetricCount = kRankingMetrics.size();

/// num * scale / den, half up (the one rounding function).
std::int64_t ratio(std::int64_t num, std::int64_t den, std::int64_t scale) {
    return domain::divideRounded(domain::Wide(num) * scale, den, domain::RoundingMode::HalfUp)
        .value();
}

std::string percent(std::int64_t bp) {
    // bp as a percentage with one decimal: 6450 -> "64.5%".
    const auto tenths = domain::divideRounded(bp, 10, domain::RoundingMode::HalfUp).value();
    const auto whole = tenths / 10, part = tenths % 10;
    return (tenths < 0 && whole == 0 ? "-" : "") + std::to_string(whole) + "." +
           std::to_string(part < 0 ? -part : part) + "%";
}

/// A metric's value, or why it has none.
struct Measure {
    std::optional<std::int64_t> value;
    std::string note;
};

/// num / den in `scale`ths; without a denominator, not measured because `why`.
Measure share(std::int64_t num, std::int64_t den, std::int64_t scale, const char* why) {
    if (den > 0)
        return {ratio(num, den, scale), {}};
    return {std::nullopt, why};
}

/// The outlet's value of each metric, in kRankingMetrics' order.
std::array<Measure, kMetricCount> measure(const OutletFigures& r) {
    return {{
        {r.revenue, {}},
        share(r.revenue - r.prior, r.prior, 10000, "no sales in the prior period"),
        share(r.revenue, r.areaM2, 1, "no floor area in the registry"),
        share(r.sales, r.tickets, 1, "no tickets"),
        share(r.shrink, r.revenue + r.shrink, 10000, "no sales or write-offs"),
        share(r.returns, r.sales, 10000, "no sales"),
        share(r.compliant, r.lines, 10000, "no sale lines"),
        share(r.onTimeDays, r.dueDays, 10000, "no day was due yet"),
        r.inspection ? Measure{*r.inspection, {}}
                     : Measure{std::nullopt, "not inspected this period"},
    }};
}

std::vector<FlagDoc> anomalies(const OutletFigures& r, const RankingConfig& c) {
    std::vector<FlagDoc> flags;
    const auto disqualifies = [&](const std::string& flag) {
        return std::find(c.disqualifying.begin(), c.disqualifying.end(), flag) !=
               c.disqualifying.end();
    };
    if (const auto& worst = r.worstSpike)
        flags.push_back(
            {"refund_spike",
             "refunds of " + domain::Fen(worst->returnFen).format() + " on " + worst->date +
                 (worst->salesFen > 0
                      ? " were " + percent(ratio(worst->returnFen, worst->salesFen, 10000)) +
                            " of that day's sales"
                      : " on a day without sales") +
                 " (" + std::to_string(r.spikeDays) + " such day(s))",
             disqualifies("refund_spike")});
    if (r.burstDays >= c.closingBurstMinDays)
        flags.push_back({"closing_burst",
                         "on " + std::to_string(r.burstDays) + " day(s) at least " +
                             std::to_string(c.closingBurstPct) +
                             "% of the tickets came in the last 30 minutes of trading (first " +
                             r.firstBurst->date + ")",
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

/// Why the outlet is not ranked (empty: it is eligible), given its flags.
std::vector<std::string> ineligibility(const OutletFigures& r, const std::vector<FlagDoc>& flags,
                                       const RankingConfig& c, const std::string& periodEnd) {
    std::vector<std::string> why;
    if (r.status != "open")
        why.push_back("the outlet is " + r.status);
    if (r.openedOn > domain::addMonths(periodEnd, -c.minOpenMonths))
        why.push_back("open since " + r.openedOn + ": less than " +
                      std::to_string(c.minOpenMonths) + " months before the period ends (" +
                      periodEnd + ")");
    if (r.tickets == 0)
        why.push_back("no sales in the period");
    if (r.dueDays > 0 && r.onTimeDays * 100 < c.minTimelinessPct * r.dueDays)
        why.push_back("reconciled by the nightly deadline on " + std::to_string(r.onTimeDays) +
                      " of " + std::to_string(r.dueDays) + " days (" +
                      percent(ratio(r.onTimeDays, r.dueDays, 10000)) + "), below " +
                      std::to_string(c.minTimelinessPct) + "%");
    for (const auto& f : flags)
        if (f.disqualifies)
            why.push_back("flagged " + f.flag + ": " + f.detail);
    return why;
}

/// One outlet on its way through scoring.
struct Scored {
    RankingEntryDoc entry;
    std::array<Measure, kMetricCount> values;
};

Scored unscored(const OutletFigures& r, const RankingConfig& c, const std::string& period,
                const std::string& periodEnd) {
    Scored s{{}, measure(r)};
    auto& e = s.entry;
    e.period = period;
    e.outlet = r.code;
    e.name = r.name;
    e.city = r.city;
    e.type = r.type;
    e.revenueFen = r.revenue;
    e.flags = anomalies(r, c);
    e.ineligible = ineligibility(r, e.flags, c, periodEnd);
    return s;
}

using Range = std::optional<std::pair<std::int64_t, std::int64_t>>;

/// The lowest and highest value of each metric among the eligible outlets of one type.
std::array<Range, kMetricCount> ranges(const std::vector<Scored>& outlets) {
    std::array<Range, kMetricCount> range;
    for (const auto& s : outlets) {
        if (!s.entry.ineligible.empty())
            continue;
        for (std::size_t i = 0; i < kMetricCount; ++i) {
            const auto& value = s.values[i].value;
            if (!value)
                continue;
            auto& r = range[i];
            r = r ? std::pair{std::min(r->first, *value), std::max(r->second, *value)}
                  : std::pair{*value, *value};
        }
    }
    return range;
}

/// Gives each outlet of one type its metrics' points and its score.
void award(std::vector<Scored>& outlets, const RankingConfig& config) {
    const auto range = ranges(outlets);
    // Full marks are 100.00 points: the weights of the metrics measured in this type share
    // 10000 centi-points exactly (largest remainder), so a metric left out scales the others up.
    std::vector<std::int64_t> measuredWeights;
    for (std::size_t i = 0; i < kMetricCount; ++i)
        measuredWeights.push_back(range[i] ? config.weightOf(kRankingMetrics[i]) : 0);
    const auto maxPoints = domain::apportion(10000, measuredWeights);
    for (auto& s : outlets) {
        for (std::size_t i = 0; i < kMetricCount; ++i) {
            const auto metric = kRankingMetrics[i];
            MetricDoc m{std::string(toString(metric)),
                        s.values[i].value,
                        std::string(unitOf(metric)),
                        0,
                        config.weightOf(metric),
                        0,
                        s.values[i].note};
            if (!range[i]) {
                m.note = "not measured for any eligible outlet of this type: left out, the "
                         "other weights scaled up";
            } else if (m.value) {
                const auto [lo, hi] = *range[i];
                const auto v = std::clamp(*m.value, lo, hi);
                m.normalizedBp = hi == lo                ? 10000
                                 : lowerIsBetter(metric) ? ratio(hi - v, hi - lo, 10000)
                                                         : ratio(v - lo, hi - lo, 10000);
                m.pointsCenti = ratio(maxPoints[i], 10000, m.normalizedBp);
            }
            s.entry.scoreCenti += m.pointsCenti;
            s.entry.metrics.push_back(std::move(m));
        }
    }
}

/// Ranks the eligible outlets of one type: by score, then revenue, then code.
void rank(std::vector<Scored>& outlets) {
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
}

std::int64_t typeOrder(const std::string& type) {
    for (std::size_t i = 0; i < domain::kAllOutletTypes.size(); ++i)
        if (domain::toString(domain::kAllOutletTypes[i]) == type)
            return static_cast<std::int64_t>(i);
    return 99;
}

} // namespace

void OutletFigures::addDay(const RankingConfig& c, const std::string& date, std::int64_t salesFen,
                           std::int64_t returnFen, std::int64_t dayTickets,
                           std::int64_t lateTickets) {
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

bool isPriceCompliant(std::int64_t unitPriceFen, std::optional<std::int64_t> officePriceFen,
                      std::int64_t lineDiscountFen) {
    return officePriceFen && unitPriceFen == *officePriceFen && lineDiscountFen == 0;
}

std::string lastDueDay(const std::string& from, const std::string& to, domain::TimePoint now) {
    std::string lastDue = to;
    while (lastDue >= from && domain::nightlyDeadline(lastDue) > now)
        lastDue = domain::addDays(lastDue, -1);
    return lastDue;
}

std::int64_t daysDue(const std::string& from, const std::string& lastDue,
                     const std::string& openedOn) {
    const auto first = std::max(from, openedOn);
    return first <= lastDue ? domain::daysBetween(first, lastDue) + 1 : 0;
}

std::vector<RankingEntryDoc> scoreOutlets(const std::vector<OutletFigures>& outlets,
                                          const RankingConfig& config, const std::string& period,
                                          const std::string& periodEnd) {
    std::map<std::string, std::vector<Scored>> byType;
    for (const auto& r : outlets)
        byType[r.type].push_back(unscored(r, config, period, periodEnd));
    std::vector<RankingEntryDoc> entries;
    for (auto& [type, scored] : byType) {
        award(scored, config);
        rank(scored);
        for (auto& s : scored)
            entries.push_back(std::move(s.entry));
    }
    sortEntries(entries);
    return entries;
}

void sortEntries(std::vector<RankingEntryDoc>& entries) {
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        const auto key = [](const RankingEntryDoc& e) {
            return std::make_tuple(typeOrder(e.type), e.rank ? 0 : 1, e.rank.value_or(0),
                                   -e.scoreCenti, -e.revenueFen, e.outlet);
        };
        return key(a) < key(b);
    });
}

} // namespace baidian::server
