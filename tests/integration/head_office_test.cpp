// Head office on a generated network of 600 outlets in the real type mix: a month of synthetic
// sales uploaded night by night through the real protocol (mutual TLS, one certificate per
// outlet), then the network figures, the model-store ranking and the managers' scopes, all
// through the HTTP API a console uses.

#include "baidian/domain/money.h"
#include "baidian/domain/time.h"
#include "baidian/domain/weight.h"
#include "baidian/protocol/codec.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/ranking.h"
#include "baidian/simulate/local_network.h"
#include "baidian/simulate/network.h"
#include "baidian/simulate/till_simulator.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <iostream>
#include <map>
#include <set>

namespace baidian::testing {
namespace {

using protocol::RankingDoc;

constexpr int kOutlets = 600;
constexpr int kWorkers = 6;

struct OutletRun {
    protocol::OutletDoc outlet;
    std::unique_ptr<simulate::TillSimulator> till;
    std::unique_ptr<pos::HttpsClient> client;
    simulate::DayQuirks quirks;
    std::set<int> quirkDays; ///< days of the month with the quirks
    bool late = false;       ///< reconciles two days late
    std::vector<std::string> unreconciled;
};

/// Uploads a day's sales in batches and reconciles (today's date, or the late outlet's backlog).
void syncNight(OutletRun& run, const std::string& date, std::mt19937_64& rng) {
    const auto& o = run.outlet;
    if (date < o.openedOn)
        return;
    const int day = std::stoi(date.substr(8, 2));
    const int average = simulate::averageDailySales(o.type) * simulate::seasonalPercent(date) / 100;
    // A quarter of the real volume keeps the suite quick; every outlet sells at least once.
    const int count =
        std::max<int>(1, static_cast<int>(rng() % static_cast<std::uint64_t>(average / 2 + 1)));
    const auto quirks = run.quirkDays.contains(day) ? run.quirks : simulate::DayQuirks{};
    // A burst needs a busy day to stand out (the flag ignores days of a few tickets).
    const auto sales =
        run.till->day(date, quirks.closingBurst ? std::max(count, 24) : count, quirks);
    for (std::size_t at = 0; at < sales.size(); at += protocol::kMaxBatchSales) {
        protocol::SaleBatch batch{o.code, 1, {}};
        batch.sales.assign(sales.begin() + static_cast<std::ptrdiff_t>(at),
                           sales.begin() + static_cast<std::ptrdiff_t>(std::min(
                                               sales.size(), at + protocol::kMaxBatchSales)));
        auto res = run.client->post("/v1/sales", protocol::encode(batch));
        ASSERT_TRUE(res && res->status == 200)
            << o.code << ": " << (res ? res->body : res.error().message);
        const auto answer = protocol::decodeSaleBatchResult(res->body);
        ASSERT_TRUE(answer) << answer.error().message;
        for (const auto& r : answer->results)
            ASSERT_EQ(r.status, "stored") << o.code << " " << r.reason;
    }
    run.unreconciled.push_back(date);
    // A late outlet's nightly job reconciles only what is two days old.
    while (!run.unreconciled.empty() &&
           (!run.late || domain::daysBetween(run.unreconciled.front(), date) >= 2)) {
        auto res = run.client->get("/v1/reconcile?terminal=1&date=" + run.unreconciled.front());
        ASSERT_TRUE(res && res->status == 200) << o.code;
        run.unreconciled.erase(run.unreconciled.begin());
    }
}

const protocol::RankingEntryDoc* entryOf(const RankingDoc& ranking, const std::string& code) {
    for (const auto& e : ranking.entries)
        if (e.outlet == code)
            return &e;
    return nullptr;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items)
        out += i + " | ";
    return out;
}

TEST(HeadOffice, AMonthOfSixHundredOutletsRanksPerTypeWithReasonsAndScopes) {
    simulate::LocalNetwork net(kOutlets, "2026-10-31");
    // The registry holds the program's mix.
    std::map<std::string, int> mix;
    std::map<std::string, protocol::OutletDoc> registry;
    for (const auto& o : net.outlets()) {
        ++mix[o.type];
        registry[o.code] = o;
    }
    EXPECT_EQ(mix["flagship"], 15);
    EXPECT_EQ(mix["direct"], 41);
    EXPECT_EQ(mix["franchise"], 136);
    EXPECT_EQ(mix["counter"] + mix["popup"] + mix["online"], 600 - 15 - 41 - 136);
    net.issueCertificates();
    net.start();

    // Outlets with something to catch: picked from the generated registry.
    std::vector<OutletRun> runs;
    std::string refundOutlet, burstOutlet, lateOutlet, newOutlet;
    for (const auto& o : net.outlets()) {
        OutletRun run;
        run.outlet = o;
        run.till = std::make_unique<simulate::TillSimulator>(o.code, 1, simulate::aksuCatalog(),
                                                             std::hash<std::string>{}(o.code));
        run.client = std::make_unique<pos::HttpsClient>(net.outletEndpoint(o.code));
        const bool seasoned = o.openedOn < "2026-01-01";
        if (seasoned && o.type == "franchise" && refundOutlet.empty()) {
            refundOutlet = o.code;
            run.quirks.refundSpike = true;
            run.quirkDays = {10, 11};
        } else if (seasoned && o.type == "direct" && burstOutlet.empty()) {
            burstOutlet = o.code;
            run.quirks.closingBurst = true;
            run.quirkDays = {3, 8, 13, 18, 23};
        } else if (seasoned && o.type == "flagship" && lateOutlet.empty()) {
            lateOutlet = o.code;
            run.late = true;
        } else if (seasoned && o.type == "franchise" && run.outlet.code.back() == '7') {
            run.quirks.overridePct = 40; // sells below the central price: low price compliance
            for (int d = 1; d <= 31; ++d)
                run.quirkDays.insert(d);
        }
        if (o.openedOn > "2026-05-01" && o.openedOn <= "2026-09-30" && newOutlet.empty())
            newOutlet = o.code;
        runs.push_back(std::move(run));
    }
    ASSERT_FALSE(newOutlet.empty()) << "the generator opens some outlets in the last months";

    // October 2026, night by night: at 22:00 every outlet's job uploads and reconciles.
    for (int day = 1; day <= 31; ++day) {
        const auto date = "2026-10-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
        net.setClock(date + " 22:00:00");
        std::vector<std::thread> workers;
        for (int w = 0; w < kWorkers; ++w)
            workers.emplace_back([&, w] {
                std::mt19937_64 rng(static_cast<std::uint64_t>(day * 100 + w));
                for (std::size_t i = static_cast<std::size_t>(w); i < runs.size(); i += kWorkers)
                    syncNight(runs[i], date, rng);
            });
        for (auto& t : workers)
            t.join();
        ASSERT_FALSE(::testing::Test::HasFatalFailure()) << "night of " << date;
    }
    std::int64_t sentFen = 0, sentGrams = 0, sentSales = 0;
    for (const auto& r : runs) {
        sentFen += r.till->revenueFen();
        sentGrams += r.till->grams();
        sentSales += r.till->salesCount();
    }

    // The morning after: head office reads the month.
    net.setClock("2026-11-01 08:00:00");
    auto admin = net.login("admin", "admin-pass-1");
    auto res = admin->get("/v1/office/dashboard?from=2026-10-01&to=2026-10-31");
    ASSERT_TRUE(res && res->status == 200) << (res ? res->body : res.error().message);
    const auto month = protocol::decodeDashboard(res->body).value();
    // Network totals equal the sum of the sales, to the fen and the gram: what the tills sent,
    // and what the server holds line by line.
    EXPECT_EQ(month.totals.revenueFen, sentFen);
    EXPECT_EQ(month.totals.grams, sentGrams);
    SQLite::Statement lines(net.db(),
                            "SELECT SUM(l.paid_fen), SUM(CASE s.kind WHEN 'return' THEN -l.grams "
                            "ELSE l.grams END), COUNT(DISTINCT s.id) FROM sale s JOIN sale_line l "
                            "ON l.sale_id = s.id WHERE s.business_date BETWEEN ? AND ?");
    lines.bind(1, "2026-10-01");
    lines.bind(2, "2026-10-31");
    ASSERT_TRUE(lines.executeStep());
    EXPECT_EQ(lines.getColumn(0).getInt64(), sentFen);
    EXPECT_EQ(lines.getColumn(1).getInt64(), sentGrams);
    EXPECT_EQ(lines.getColumn(2).getInt64(), sentSales);
    std::int64_t typeFen = 0, typeGrams = 0, cityFen = 0, dayFen = 0;
    for (const auto& t : month.byType) {
        typeFen += t.figures.revenueFen;
        typeGrams += t.figures.grams;
    }
    for (const auto& c : month.byCity)
        cityFen += c.figures.revenueFen;
    for (const auto& d : month.byDay)
        dayFen += d.figures.revenueFen;
    EXPECT_EQ(typeFen, sentFen);
    EXPECT_EQ(typeGrams, sentGrams);
    EXPECT_EQ(cityFen, sentFen);
    EXPECT_EQ(dayFen, sentFen);
    EXPECT_EQ(month.byDay.size(), 31u);
    std::cout << "October 2026, " << kOutlets << " outlets, " << sentSales
              << " sales and returns: sold " << domain::Grams(month.totals.grams).formatTonnes()
              << " tonnes for " << domain::Fen(month.totals.revenueFen).format() << "\n";

    // The ranking, computed twice: the same.
    res = admin->post("/v1/office/ranking/compute?period=2026-10", "");
    ASSERT_TRUE(res && res->status == 200) << (res ? res->body : res.error().message);
    const auto first = protocol::decodeRanking(res->body).value();
    res = admin->post("/v1/office/ranking/compute?period=2026-10", "");
    ASSERT_TRUE(res && res->status == 200);
    const auto second = protocol::decodeRanking(res->body).value();
    ASSERT_EQ(first.entries.size(), second.entries.size());
    for (std::size_t i = 0; i < first.entries.size(); ++i) {
        EXPECT_EQ(first.entries[i].outlet, second.entries[i].outlet);
        EXPECT_EQ(first.entries[i].rank, second.entries[i].rank);
        EXPECT_EQ(first.entries[i].scoreCenti, second.entries[i].scoreCenti);
        EXPECT_EQ(protocol::encode(first.entries[i]), protocol::encode(second.entries[i]));
    }
    res = admin->get("/v1/office/ranking?period=2026-10");
    ASSERT_TRUE(res && res->status == 200);
    const auto stored = protocol::decodeRanking(res->body).value();
    ASSERT_EQ(stored.entries.size(), first.entries.size());
    EXPECT_EQ(protocol::encode(stored.entries.front()), protocol::encode(first.entries.front()));

    // Per type: each outlet is compared only with its own type, ranks run 1..n, scores fall,
    // and every breakdown adds up to its score.
    std::map<std::string, std::int64_t> lastRank;
    std::map<std::string, std::int64_t> lastScore;
    int ranked = 0;
    for (const auto& e : stored.entries) {
        ASSERT_TRUE(registry.contains(e.outlet));
        EXPECT_EQ(e.type, registry[e.outlet].type) << e.outlet;
        std::int64_t points = 0;
        for (const auto& m : e.metrics)
            points += m.pointsCenti;
        EXPECT_EQ(points, e.scoreCenti) << e.outlet;
        EXPECT_EQ(e.metrics.size(), server::kRankingMetrics.size());
        if (!e.rank) {
            EXPECT_FALSE(e.ineligible.empty()) << e.outlet << " is neither ranked nor explained";
            continue;
        }
        ++ranked;
        EXPECT_TRUE(e.ineligible.empty()) << e.outlet;
        EXPECT_EQ(*e.rank, lastRank[e.type] + 1) << e.type;
        if (lastRank[e.type] > 0) {
            EXPECT_LE(e.scoreCenti, lastScore[e.type]) << e.outlet;
        }
        lastRank[e.type] = *e.rank;
        lastScore[e.type] = e.scoreCenti;
    }
    EXPECT_EQ(lastRank.size(), 6u) << "every type has a ranking of its own";
    EXPECT_GT(ranked, 500);

    // Not ranked, and why.
    const auto* young = entryOf(stored, newOutlet);
    ASSERT_NE(young, nullptr);
    EXPECT_FALSE(young->rank);
    EXPECT_NE(joined(young->ineligible).find("open since " + registry[newOutlet].openedOn),
              std::string::npos)
        << joined(young->ineligible);
    const auto* late = entryOf(stored, lateOutlet);
    ASSERT_NE(late, nullptr);
    EXPECT_FALSE(late->rank);
    EXPECT_NE(joined(late->ineligible).find("reconciled by the nightly deadline on 0 of 31 days"),
              std::string::npos)
        << joined(late->ineligible);
    const auto* refunds = entryOf(stored, refundOutlet);
    ASSERT_NE(refunds, nullptr);
    EXPECT_FALSE(refunds->rank);
    ASSERT_FALSE(refunds->flags.empty());
    EXPECT_EQ(refunds->flags.front().flag, "refund_spike");
    EXPECT_NE(joined(refunds->ineligible).find("refund_spike"), std::string::npos);
    const auto* burst = entryOf(stored, burstOutlet);
    ASSERT_NE(burst, nullptr);
    EXPECT_FALSE(burst->rank);
    ASSERT_FALSE(burst->flags.empty());
    EXPECT_EQ(burst->flags.front().flag, "closing_burst");
    std::cout << "not ranked: " << newOutlet << ": " << joined(young->ineligible) << "\n"
              << "not ranked: " << lateOutlet << ": " << joined(late->ineligible) << "\n"
              << "not ranked: " << refundOutlet << ": " << joined(refunds->ineligible) << "\n"
              << "not ranked: " << burstOutlet << ": " << joined(burst->ineligible) << "\n";

    // A regional manager of Hangzhou sees Hangzhou only, and the server enforces it.
    auto hz = net.login("hz", "hz-pass-12");
    res = hz->get("/v1/office/outlets");
    ASSERT_TRUE(res && res->status == 200);
    const auto hzOutlets = protocol::decodeOutletList(res->body).value().outlets;
    const auto hzCount = std::count_if(net.outlets().begin(), net.outlets().end(),
                                       [](const auto& o) { return o.city == "杭州"; });
    EXPECT_EQ(static_cast<long>(hzOutlets.size()), hzCount);
    for (const auto& o : hzOutlets)
        EXPECT_EQ(o.city, "杭州");
    std::string ningbo;
    for (const auto& o : net.outlets())
        if (o.city == "宁波" && ningbo.empty())
            ningbo = o.code;
    res = hz->get("/v1/office/outlets/" + ningbo);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << res->body;
    res = hz->get("/v1/office/outlets?city=" + simulate::urlEncode("宁波"));
    ASSERT_TRUE(res && res->status == 200);
    EXPECT_TRUE(protocol::decodeOutletList(res->body).value().outlets.empty());
    res = hz->get("/v1/office/dashboard?from=2026-10-01&to=2026-10-31&city=" +
                  simulate::urlEncode("宁波"));
    ASSERT_TRUE(res && res->status == 200);
    EXPECT_EQ(protocol::decodeDashboard(res->body).value().totals.revenueFen, 0);
    res = hz->get("/v1/office/ranking?period=2026-10");
    ASSERT_TRUE(res && res->status == 200);
    const auto hzRanking = protocol::decodeRanking(res->body).value();
    for (const auto& e : hzRanking.entries)
        EXPECT_EQ(e.city, "杭州") << e.outlet;
    res = hz->get("/v1/office/outlets.csv");
    ASSERT_TRUE(res && res->status == 200);
    EXPECT_EQ(res->body.find(ningbo), std::string::npos);
    res = hz->post("/v1/office/inspections",
                   protocol::encode(protocol::InspectionDoc{ningbo, "2026-10", 90, ""}));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403);
    res = hz->post("/v1/office/ranking/compute?period=2026-10", "");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403);
    res = hz->post("/v1/office/outlets.csv", "code,name,type,city\r\n", "text/csv");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403);
    pos::HttpsClient anonymous(net.personEndpoint());
    res = anonymous.get("/v1/office/outlets");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    anonymous.setBearerToken(std::string(64, 'a'));
    res = anonymous.get("/v1/office/outlets");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    res = net.login("hz", "hz-pass-12")->get("/v1/office/me");
    ASSERT_TRUE(res && res->status == 200);

    // Her own outlet: an inspection counts at the next computation.
    const auto& mine = hzOutlets.front().code;
    res =
        hz->post("/v1/office/inspections",
                 protocol::encode(protocol::InspectionDoc{mine, "2026-10", 88, "clean, branded"}));
    ASSERT_TRUE(res && res->status == 200) << res->body;
    res = admin->post("/v1/office/ranking/compute?period=2026-10", "");
    ASSERT_TRUE(res && res->status == 200);
    const auto recomputed = protocol::decodeRanking(res->body).value();
    const auto* inspected = entryOf(recomputed, mine);
    ASSERT_NE(inspected, nullptr);
    for (const auto& m : inspected->metrics) {
        if (m.metric == "inspection") {
            EXPECT_EQ(m.value, 88);
        }
    }
    res = hz->get("/v1/office/outlets/" + mine + "?from=2026-10-01&to=2026-10-31");
    ASSERT_TRUE(res && res->status == 200);
    const auto detail = protocol::decodeOutletDetail(res->body).value();
    EXPECT_EQ(detail.outlet.code, mine);
    EXPECT_EQ(detail.rankings.size(), 1u);
    net.stop();
}

} // namespace
} // namespace baidian::testing
