// Attacks on the store-server (issue "Trust no till"): see docs/security.md, "What a till
// uploads: sales checked as business rules". Somebody holding one outlet's certificate uploads
// sales no till makes, against a real store-server over mutual TLS on 127.0.0.1.
#include "attack_sales.h"
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
    net.startServer();
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
    net.startServer();
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
    net.startServer();
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
