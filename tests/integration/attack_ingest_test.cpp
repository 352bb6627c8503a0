// Attacks on the store-server (issue "Trust no till"): see docs/security.md, "What a till
// uploads: sales checked as business rules". Somebody holding one outlet's certificate uploads
// sales no till makes, against a real store-server over mutual TLS on 127.0.0.1.
#include "attack_sales.h"
#include "baidian/protocol/office.h"
#include "network_fixture.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

using namespace baidian;
using namespace baidian::testing::attack;
using baidian::testing::Network;

namespace {

/// The answer's status for each sale, by UUID.
std::map<std::string, std::pair<std::string, std::string>> outcomes(const std::string& body) {
    std::map<std::string, std::pair<std::string, std::string>> out;
    auto decoded = protocol::decodeSaleBatchResult(body);
    EXPECT_TRUE(decoded.ok()) << body;
    if (decoded)
        for (const auto& r : decoded->results)
            out[r.uuid] = {r.status, r.reason};
    return out;
}

std::int64_t count(const Network& net, const std::string& sql) {
    SQLite::Database db(net.serverDb(), SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt64();
}

} // namespace

// "stores sales whose numbers are impossible: a 1 g line at price 0 paying ¥10,000,000,000, a
// 'sale' with a −¥9,999,999,999.99 line, a negative cash tender, business_date '9abc-de-f9'";
// "a sale with a repeated line_no blocks a terminal's queue for good". Each is quarantined with
// its rule, the honest sales around them are stored, and the day's figures are the honest ones.
TEST(AttackIngest, ImpossibleSalesAreQuarantinedAloneAndNeverReachTheFigures) {
    Network net;
    std::vector<protocol::SaleDoc> sales;
    sales.push_back(honestSale("HZ-F01", 1, 1));

    auto tenBillion = honestSale("HZ-F01", 1, 2); // 1 g at price 0 paying ¥10,000,000,000
    tenBillion.lines[0] = {1, "AKS-PEA-01", "库尔勒香梨", 0, 1, 0, 0, "jin", 0, "", 0, 0, 0, 0, {}};
    tenBillion.lines[0].grossFen = tenBillion.lines[0].paidFen = 1'000'000'000'000;
    setTotal(tenBillion, 1'000'000'000'000);
    sales.push_back(tenBillion);

    auto negative = honestSale("HZ-F01", 1, 3); // a "sale" with a −¥9,999,999,999.99 line
    negative.lines[0].grossFen = negative.lines[0].paidFen = -999'999'999'999;
    setTotal(negative, -999'999'999'999);
    sales.push_back(negative);

    auto negativeCash = honestSale("HZ-F01", 1, 4); // a negative cash tender
    negativeCash.tenders = {{"card", 2180, ""}, {"cash", -1000, ""}};
    sales.push_back(negativeCash);

    auto repeatedLine = honestSale("HZ-F01", 1, 5); // line_no 1 twice
    repeatedLine.lines.push_back(repeatedLine.lines[0]);
    setTotal(repeatedLine, 2360);
    sales.push_back(repeatedLine);

    auto priceTimesWeight = honestSale("HZ-F01", 1, 6); // 1000 g at ¥5.90/jin is not ¥0.01
    priceTimesWeight.lines[0].grossFen = priceTimesWeight.lines[0].paidFen = 1;
    setTotal(priceTimesWeight, 1);
    sales.push_back(priceTimesWeight);

    sales.push_back(honestSale("HZ-F01", 1, 7));
    std::string body = protocol::encode(protocol::SaleBatch{"HZ-F01", 1, sales});
    // The date no calendar has, as the till's JSON would carry it.
    auto badDate = honestSale("HZ-F01", 1, 8);
    const auto badDateUuid = badDate.uuid;
    std::string badDateJson = protocol::encode(protocol::SaleBatch{"HZ-F01", 1, {badDate}});
    badDateJson = badDateJson.substr(badDateJson.find("\"sales\":[") + 9);
    badDateJson = badDateJson.substr(0, badDateJson.rfind("]}"));
    replaceAll(badDateJson, "\"business_date\":\"" + badDate.businessDate + "\"",
               "\"business_date\":\"9abc-de-f9\"");
    body.insert(body.rfind("]}"), "," + badDateJson);

    const auto answer = net.request("HZ-F01", "POST", "/v1/sales", body);
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto out = outcomes(answer.body);
    EXPECT_EQ(out[sales[0].uuid].first, "stored");
    EXPECT_EQ(out[sales[6].uuid].first, "stored");
    const std::vector<std::pair<std::size_t, std::string>> rules{
        {1, "caps:"}, {2, "sign:"}, {3, "sign:"}, {4, "lines:"}, {5, "gross:"}};
    for (const auto& [i, rule] : rules) {
        EXPECT_EQ(out[sales[i].uuid].first, "quarantined") << "sale " << i;
        EXPECT_EQ(out[sales[i].uuid].second.rfind(rule, 0), 0u)
            << "sale " << i << ": " << out[sales[i].uuid].second;
    }
    EXPECT_EQ(out[badDateUuid].first, "quarantined") << answer.body;
    EXPECT_NE(out[badDateUuid].second.find("business_date"), std::string::npos)
        << out[badDateUuid].second;
    EXPECT_EQ(count(net, "SELECT count(*) FROM sale"), 2);
    EXPECT_EQ(count(net, "SELECT count(*) FROM quarantine"), 6);
    // The figures are the two honest sales', 1,180 fen each.
    EXPECT_EQ(count(net, "SELECT COALESCE(SUM(revenue_fen), 0) FROM agg_outlet_day"), 2360);

    // Sent again (the till retries what it did not see answered): the same answers, nothing
    // stored twice, nothing blocked.
    const auto again = net.request("HZ-F01", "POST", "/v1/sales", body);
    ASSERT_EQ(again.status, 200) << again.body;
    auto out2 = outcomes(again.body);
    EXPECT_EQ(out2[sales[0].uuid].first, "duplicate");
    EXPECT_EQ(out2[sales[4].uuid].first, "quarantined");
    EXPECT_EQ(count(net, "SELECT count(*) FROM sale"), 2);
    EXPECT_EQ(count(net, "SELECT count(*) FROM quarantine"), 6);
}

// "refuses a whole well-formed batch of 50 when one sale in it has negative grams, a 19-digit
// number or a string where a number belongs (the 49 good ones are never stored, the till
// retries the same batch for ever)"; "a duplicated key inside a sale (two grams) is stored,
// last one winning".
TEST(AttackIngest, OneMistypedSaleNeverBlocksTheRestOfItsBatch) {
    Network net;
    protocol::SaleBatch batch{"HZ-F01", 1, {}};
    for (int i = 1; i <= 50; ++i)
        batch.sales.push_back(honestSale("HZ-F01", 1, i));
    std::string body = protocol::encode(batch);
    // Sale 10: a string where a number belongs; 20: negative grams; 30: a 19-digit number;
    // 40: "grams" said twice (the second would win and make the line 1 g).
    const auto sale = [&](int seq) { return body.find("\"seq\":" + std::to_string(seq) + ","); };
    const auto gramsOf = [&](int seq) { return body.find("\"grams\":1000", sale(seq)); };
    body.replace(gramsOf(10), 12, "\"grams\":\"1000\"");
    body.replace(gramsOf(20), 12, "\"grams\":-1000");
    body.replace(gramsOf(30), 12, "\"grams\":1000000000000000000");
    body.replace(gramsOf(40), 12, "\"grams\":1000,\"grams\":1");

    const auto answer = net.request("HZ-F01", "POST", "/v1/sales", body);
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto out = outcomes(answer.body);
    for (int i = 1; i <= 50; ++i) {
        const auto& uuid = batch.sales[static_cast<std::size_t>(i - 1)].uuid;
        if (i % 10 == 0 && i < 50) {
            EXPECT_EQ(out[uuid].first, "quarantined") << "sale " << i;
            EXPECT_NE(out[uuid].second.find("grams"), std::string::npos) << out[uuid].second;
        } else {
            EXPECT_EQ(out[uuid].first, "stored") << "sale " << i << ": " << out[uuid].second;
        }
    }
    EXPECT_EQ(count(net, "SELECT count(*) FROM sale"), 46);
    EXPECT_EQ(count(net, "SELECT count(*) FROM sale_line WHERE grams <> 1000"), 0);
    const auto again = net.request("HZ-F01", "POST", "/v1/sales", body);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(count(net, "SELECT count(*) FROM sale"), 46);
    EXPECT_EQ(count(net, "SELECT count(*) FROM quarantine"), 4);
}

// "price compliance trusts the till's own list_price_fen": a till that sells at ¥1.00/jin and
// says that is its list price is not compliant; head office's ¥5.90 is what counts.
TEST(AttackIngest, PriceComplianceCountsHeadOfficesPriceNotTheTills) {
    Network net;
    auto cheap = honestSale("HZ-F01", 1, 1);
    auto& l = cheap.lines[0];
    l.unitPriceFen = l.listPriceFen = 100;
    l.grossFen = l.paidFen = 200; // 1000 g at ¥1.00/jin
    setTotal(cheap, 200);
    const auto honest = honestSale("HZ-F01", 1, 2);
    const auto answer =
        net.request("HZ-F01", "POST", "/v1/sales",
                    protocol::encode(protocol::SaleBatch{"HZ-F01", 1, {cheap, honest}}));
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto out = outcomes(answer.body);
    ASSERT_EQ(out[cheap.uuid].first, "stored") << out[cheap.uuid].second;
    ASSERT_EQ(out[honest.uuid].first, "stored") << out[honest.uuid].second;
    EXPECT_EQ(count(net, "SELECT SUM(lines) FROM agg_outlet_day"), 2);
    EXPECT_EQ(count(net, "SELECT SUM(compliant_lines) FROM agg_outlet_day"), 1);
}

namespace {

/// The value of one unlabelled metric in /metrics' text, or -1 when it is not there.
std::int64_t metricValue(const Network& net, const std::string& name) {
    const auto answer = net.request("", "GET", "/metrics");
    EXPECT_EQ(answer.status, 200) << answer.body;
    const auto at = answer.body.find("\n" + name + " ");
    if (at == std::string::npos)
        return -1;
    return std::stoll(answer.body.substr(at + name.size() + 2));
}

std::string saleBatch(const std::string& outlet, const std::vector<protocol::SaleDoc>& sales) {
    return protocol::encode(protocol::SaleBatch{outlet, 1, sales});
}

} // namespace

// "lets outlet B register outlet A's sale UUID first (UUIDs are printed in receipt QR codes),
// after which A's real sale is quarantined for ever": idempotency is per outlet, so B's squat
// takes nothing from A.
TEST(AttackExactlyOnce, AnotherOutletCannotSquatASaleUuid) {
    Network net;
    const auto real = honestSale("HZ-F01", 1, 1);
    auto squat = honestSale("NB-D01", 1, 1);
    squat.uuid = real.uuid; // read off A's receipt QR code
    const auto first = net.request("NB-D01", "POST", "/v1/sales", saleBatch("NB-D01", {squat}));
    ASSERT_EQ(first.status, 200) << first.body;

    const auto answer = net.request("HZ-F01", "POST", "/v1/sales", saleBatch("HZ-F01", {real}));
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto out = outcomes(answer.body);
    EXPECT_EQ(out[real.uuid].first, "stored") << out[real.uuid].second;
    EXPECT_EQ(count(net, "SELECT count(*) FROM sale s JOIN outlet o ON o.id = s.outlet_id "
                         "WHERE o.code = 'HZ-F01'"),
              1);
    EXPECT_EQ(count(net, "SELECT count(*) FROM quarantine"), 0);
    // A's day holds A's sale: 1,180 fen.
    EXPECT_EQ(count(net, "SELECT COALESCE(SUM(a.revenue_fen), 0) FROM agg_outlet_day a "
                         "JOIN outlet o ON o.id = a.outlet_id WHERE o.code = 'HZ-F01'"),
              1180);
}

// "answers 'duplicate' to a repeated UUID with different seq, total and hash (half the money,
// another seq, money that does not add up: all answered exactly like an honest repeat, nothing
// logged)": a repeat with other content is a conflict, kept beside the original and counted;
// only the same content is a duplicate.
TEST(AttackExactlyOnce, ARepeatedUuidWithOtherContentIsAConflictNotADuplicate) {
    Network net;
    const auto original = honestSale("HZ-F01", 1, 1);
    ASSERT_EQ(net.request("HZ-F01", "POST", "/v1/sales", saleBatch("HZ-F01", {original})).status,
              200);

    auto halfMoney = original; // half the money, another seq, another hash
    halfMoney.seq = 7;
    halfMoney.lines[0].grossFen = halfMoney.lines[0].paidFen = 590;
    halfMoney.lines[0].grams = 500;
    setTotal(halfMoney, 590);
    halfMoney.hash = chainHash("HZ-F01", 1, 7);
    for (int attempt = 0; attempt < 2; ++attempt) { // the same conflict sent twice is kept once
        const auto answer =
            net.request("HZ-F01", "POST", "/v1/sales", saleBatch("HZ-F01", {halfMoney}));
        ASSERT_EQ(answer.status, 200) << answer.body;
        auto out = outcomes(answer.body);
        EXPECT_NE(out[original.uuid].first, "duplicate");
        EXPECT_EQ(out[original.uuid].second.rfind("conflict:", 0), 0u) << out[original.uuid].second;
    }
    EXPECT_EQ(count(net, "SELECT count(*) FROM sale_conflict"), 1);
    EXPECT_EQ(count(net, "SELECT count(*) FROM sale"), 1);
    EXPECT_EQ(count(net, "SELECT total_fen FROM sale"), 1180); // the original stays
    EXPECT_EQ(count(net, "SELECT COALESCE(SUM(revenue_fen), 0) FROM agg_outlet_day"), 1180);
    EXPECT_GE(metricValue(net, "baidian_sale_conflicts_total"), 1);

    // The honest repeat (a till that did not see its answer) is still a duplicate.
    const auto again = net.request("HZ-F01", "POST", "/v1/sales", saleBatch("HZ-F01", {original}));
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(outcomes(again.body)[original.uuid].first, "duplicate");
    EXPECT_EQ(count(net, "SELECT count(*) FROM sale_conflict"), 1);
}

// "stores seq 10 after seq 1 with no journal break and no gap reported": the eight missing
// sales are a gap, shown in reconcile, in /metrics and on the outlet's page at head office.
TEST(AttackExactlyOnce, ASequenceGapIsReportedInReconcileMetricsAndHeadOffice) {
    Network net;
    const auto one = honestSale("HZ-F01", 1, 1);
    const auto ten = honestSale("HZ-F01", 1, 10);
    const auto answer = net.request("HZ-F01", "POST", "/v1/sales", saleBatch("HZ-F01", {one, ten}));
    ASSERT_EQ(answer.status, 200) << answer.body;
    const auto reconciled =
        net.request("HZ-F01", "GET", "/v1/reconcile?terminal=1&date=" + one.businessDate);
    ASSERT_EQ(reconciled.status, 200) << reconciled.body;
    const auto doc = protocol::decodeReconcile(reconciled.body);
    ASSERT_TRUE(doc.ok()) << reconciled.body;
    EXPECT_EQ(doc->count, 2);
    EXPECT_EQ(doc->missingSeqs, 8);
    EXPECT_EQ(metricValue(net, "baidian_sequence_gaps"), 8);
    EXPECT_EQ(metricValue(net, "baidian_terminals_with_gaps"), 1);
    // Head office sees it on the outlet's page, per till.
    const auto token = net.logIn("admin", "admin-pass-1");
    ASSERT_FALSE(token.empty());
    const auto page = net.office(token, "GET", "/v1/office/outlets/HZ-F01");
    ASSERT_EQ(page.status, 200) << page.body;
    const auto detail = protocol::decodeOutletDetail(page.body);
    ASSERT_TRUE(detail.ok()) << page.body;
    ASSERT_EQ(detail->terminals.size(), 1u) << page.body;
    EXPECT_EQ(detail->terminals[0].terminal, 1);
    EXPECT_EQ(detail->terminals[0].lastSeq, 10);
    EXPECT_EQ(detail->terminals[0].missingSeqs, 8);

    // The missing sales arriving late close the gap.
    std::vector<protocol::SaleDoc> late;
    for (int seq = 2; seq <= 9; ++seq)
        late.push_back(honestSale("HZ-F01", 1, seq));
    ASSERT_EQ(net.request("HZ-F01", "POST", "/v1/sales", saleBatch("HZ-F01", late)).status, 200);
    const auto closed =
        net.request("HZ-F01", "GET", "/v1/reconcile?terminal=1&date=" + one.businessDate);
    const auto closedDoc = protocol::decodeReconcile(closed.body);
    ASSERT_TRUE(closedDoc.ok()) << closed.body;
    EXPECT_EQ(closedDoc->missingSeqs, 0);
    EXPECT_EQ(metricValue(net, "baidian_sequence_gaps"), 0);
}

// "a Z report for a shift id already stored is dropped while the answer still says
// {"stored":true} (a reinstalled till restarting its shift numbers loses its Z reports
// silently)": the second report is kept beside the first, and the answer says so.
TEST(AttackExactlyOnce, AZReportUnderAStoredShiftIdIsKeptAndNotCalledStored) {
    Network net;
    protocol::ShiftReportDoc first;
    first.outlet = "HZ-F01";
    first.terminal = 1;
    first.shiftId = 1;
    first.cashier = "1002";
    first.openedAt = "2026-11-30T01:00:00Z";
    first.closedAt = "2026-11-30T09:00:00Z";
    first.floatFen = 20000;
    first.tenders = {{"cash", 118000, 118000}};
    auto reinstalled = first; // the same shift number, another day's report
    reinstalled.openedAt = "2026-12-01T01:00:00Z";
    reinstalled.closedAt = "2026-12-01T09:00:00Z";
    reinstalled.tenders = {{"cash", 59000, 58900}};

    const auto stored = net.request("HZ-F01", "POST", "/v1/shifts", protocol::encode(first));
    ASSERT_EQ(stored.status, 200) << stored.body;
    EXPECT_NE(stored.body.find("\"stored\":true"), std::string::npos) << stored.body;
    const auto repeat = net.request("HZ-F01", "POST", "/v1/shifts", protocol::encode(first));
    EXPECT_NE(repeat.body.find("\"stored\":true"), std::string::npos) << repeat.body;

    const auto clash = net.request("HZ-F01", "POST", "/v1/shifts", protocol::encode(reinstalled));
    ASSERT_EQ(clash.status, 200) << clash.body;
    EXPECT_EQ(clash.body.find("\"stored\":true"), std::string::npos) << clash.body;
    EXPECT_NE(clash.body.find("\"conflict\":true"), std::string::npos) << clash.body;
    EXPECT_EQ(count(net, "SELECT count(*) FROM shift_report"), 1);
    EXPECT_EQ(count(net, "SELECT count(*) FROM shift_report_conflict"), 1);
    EXPECT_GE(metricValue(net, "baidian_shift_report_conflicts_total"), 1);
}
