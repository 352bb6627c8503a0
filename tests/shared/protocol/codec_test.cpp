#include "baidian/protocol/codec.h"
#include "baidian/protocol/journal_hash.h"

#include <gtest/gtest.h>

using namespace baidian;
using namespace baidian::protocol;

namespace {

SaleDoc sampleSale(std::int64_t seq) {
    SaleDoc s;
    s.uuid = "0b6f7d3e-3a47-4c1e-9d0e-6a1f5b2c8e01";
    s.seq = seq;
    s.receiptNo = "HZ-F01-01-00000" + std::to_string(seq);
    s.kind = "sale";
    s.completedAt = "2026-11-30T02:15:00Z";
    s.businessDate = "2026-11-30";
    s.cashier = "1001";
    s.subtotalFen = 2706;
    s.roundingFen = 6;
    s.totalFen = 2700;
    s.changeFen = 300;
    s.lines.push_back({1, "AKS-APL-01", "阿克苏冰糖心苹果", 0, 1500, 680, 680, "jin", 2040, "", 0,
                       0, 5, 2035, std::nullopt});
    s.lines.push_back({2, "AKS-DAT-01", "和田红枣", 0, 333, 1999, 1999, "kg", 666, "P-1", 1, 0, 1,
                       665, std::nullopt});
    s.tenders.push_back({"wechat", 1000, "4200001234"});
    s.tenders.push_back({"cash", 2000, ""});
    s.prevHash = std::string(64, '0');
    s.hash = std::string(64, 'a');
    return s;
}

} // namespace

TEST(Codec, SaleBatchRoundTrips) {
    SaleBatch batch{"HZ-F01", 1, {sampleSale(1), sampleSale(2)}};
    batch.sales[1].kind = "return";
    batch.sales[1].originalUuid = batch.sales[0].uuid;
    batch.sales[1].lines[0].originalLineNo = 1;
    const auto decoded = decodeSaleBatch(encode(batch));
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_EQ(*decoded, batch);
}

TEST(Codec, OtherMessagesRoundTrip) {
    SaleBatchResult result{{{"u1", 1, "stored", ""}, {"u2", 2, "quarantined", "bad total"}}, {2}};
    EXPECT_EQ(decodeSaleBatchResult(encode(result)).value(), result);
    MasterData master{
        42,
        {{"AKS-APL-01", "苹果", "pg", "weight", 680, "jin", "12345", {"6901234567892"}, true}},
        {{"P-1", "半价", "second_half", "AKS-BOX-01", 0, 0, 0, 0, "2026-11-01", "2026-12-31"}},
        {{"1001", "李娜", "cashier", "$argon2id$v=19$m=19456,t=2,p=1$x$y", true}},
        {},
        "jiao",
        std::vector<QuickKeyDoc>{{"苹果", "AKS-APL-01", "冰糖心"}, {"梨", "AKS-PEAR-01", ""}}};
    EXPECT_EQ(decodeMasterData(encode(master)).value(), master);
    // An older server sends no cash_rounding and no quick keys: the till keeps what it has.
    master.cashRounding.clear();
    master.quickKeys.reset();
    EXPECT_EQ(decodeMasterData(encode(master)).value(), master);
    // An empty grid is sent as one: head office took every key away.
    master.quickKeys.emplace();
    EXPECT_EQ(decodeMasterData(encode(master)).value(), master);
    ShiftReportDoc shift{"HZ-F01",
                         1,
                         7,
                         "1001",
                         "2026-11-30T01:00:00Z",
                         "2026-11-30T10:00:00Z",
                         50000,
                         {{"cash", 51622, 51422}}};
    EXPECT_EQ(decodeShiftReport(encode(shift)).value(), shift);
    ReconcileDoc rec{1,
                     "2026-11-30",
                     2,
                     2700,
                     2,
                     std::string(64, 'a'),
                     {"HZ-F01-01-000001", "HZ-F01-01-000002"}};
    EXPECT_EQ(decodeReconcile(encode(rec)).value(), rec);
    EXPECT_EQ(decodeError(encode(ErrorDoc{"bad"})).value().error, "bad");
}

TEST(Codec, MalformedAndTruncatedJsonIsAnErrorNotACrash) {
    const std::string good = encode(SaleBatch{"HZ-F01", 1, {sampleSale(1)}});
    for (std::size_t cut = 0; cut < good.size(); cut += 7) {
        auto r = decodeSaleBatch(good.substr(0, cut));
        ASSERT_FALSE(r.ok()) << cut;
        EXPECT_EQ(r.error().code, ErrorCode::ParseError);
    }
    for (const char* bad : {"", "null", "[]", "42", "{\"v\":1}", "{", "\xff\xfe",
                            "{\"v\":1,\"outlet\":\"HZ\",\"terminal\":1,\"sales\":{}}"})
        EXPECT_FALSE(decodeSaleBatch(bad).ok()) << bad;
    const std::string deep(1000, '[');
    EXPECT_FALSE(decodeSaleBatch(deep).ok());
}

TEST(Codec, ErrorsNameTheFieldAndOnlyTheBadSaleIsRejected) {
    auto batch = SaleBatch{"HZ-F01", 1, {sampleSale(1), sampleSale(2)}};
    std::string text = encode(batch);
    auto replace = [&](const std::string& from, const std::string& to) {
        std::string t = text;
        t.replace(t.rfind(from), from.size(), to);
        return decodeSaleBatch(t);
    };
    // A mistyped sale is rejected alone, naming its field; the other sale decodes.
    const auto rejected = [&](const std::string& from, const std::string& to) {
        auto r = replace(from, to);
        EXPECT_TRUE(r.ok()) << to;
        if (!r)
            return std::string();
        EXPECT_EQ(r->sales.size(), 1u) << to;
        EXPECT_EQ(r->rejected.size(), 1u) << to;
        return r->rejected.empty() ? std::string() : r->rejected[0].reason;
    };
    EXPECT_EQ(rejected("\"grams\":333", "\"grams\":-5"),
              "lines[1].grams: must be between 0 and 100000000");
    EXPECT_EQ(rejected("\"grams\":333", "\"grams\":3.5"), "lines[1].grams: must be an integer");
    EXPECT_EQ(rejected("\"kind\":\"cash\"", "\"kind\":\"bitcoin\""),
              "tenders[1].kind: must be one of cash, card, wechat, alipay");
    EXPECT_EQ(rejected("\"total_fen\":2700", "\"total_fen\":\"2700\""),
              "total_fen: must be an integer");
    EXPECT_EQ(rejected("\"business_date\":\"2026-11-30\"", "\"business_date\":\"yesterday!\""),
              "business_date: must be YYYY-MM-DD");
    EXPECT_EQ(rejected("\"business_date\":\"2026-11-30\"", "\"business_date\":\"9abc-de-f9\""),
              "business_date: must be YYYY-MM-DD");
    EXPECT_EQ(rejected("\"grams\":333", "\"grams\":333,\"grams\":1"),
              "lines[1].grams: appears twice: a record says each thing once");
    EXPECT_FALSE(rejected("\"total_fen\":2700", "\"total_fen\":99999999999999999999").empty());
    // What is not a batch is refused whole.
    auto r = replace("\"terminal\":1", "\"terminal\":100");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "terminal: must be between 1 and 99");
    r = replace("\"outlet\":\"HZ-F01\"", "\"outlet\":\"HZ-F01\",\"outlet\":\"NB-D01\"");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "outlet: appears twice: a record says each thing once");
}

TEST(Codec, OversizeBatchesAreRefused) {
    SaleBatch batch{"HZ-F01", 1, {}};
    for (std::size_t i = 0; i <= kMaxBatchSales; ++i)
        batch.sales.push_back(sampleSale(static_cast<std::int64_t>(i + 1)));
    auto r = decodeSaleBatch(encode(batch));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("more than 500"), std::string::npos);
    EXPECT_FALSE(decodeSaleBatch(std::string(kMaxBodyBytes + 1, ' ')).ok());
}

TEST(Codec, ShiftReportAnswersRoundTrip) {
    for (const ShiftReportAnswer& a :
         {ShiftReportAnswer{true, false, ""}, ShiftReportAnswer{false, true, "shift 3 is taken"}})
        EXPECT_EQ(decodeShiftReportAnswer(encode(a)).value(), a);
    EXPECT_FALSE(decodeShiftReportAnswer("{\"stored\":\"yes\"}").ok());
    EXPECT_FALSE(decodeShiftReportAnswer("{\"conflict\":true}").ok());
}

TEST(Codec, MovementsAndTransfersRoundTripAndAreChecked) {
    MovementBatch batch{"HZ-F01",
                        1,
                        {{"u-1", "AKS-APL-01", "L1", "阿克苏7号基地", "shrink", 0, -800, "", "",
                          "spoiled", "2026-11-30T02:00:00Z"},
                         {"u-2", "AKS-WAL-01", "", "", "transfer_out", -4, 0, "t-1", "NB-D01", "",
                          "2026-11-30T02:01:00Z"}},
                        {}};
    EXPECT_EQ(decodeMovementBatch(encode(batch)).value(), batch);
    IncomingTransfers incoming{{{"t-1", "HZ-F01", {{"AKS-WAL-01", 4, 0}}}}, {}};
    EXPECT_EQ(decodeIncomingTransfers(encode(incoming)).value(), incoming);
    // One mistyped movement is set aside alone, with its reason and JSON; the rest decodes.
    std::string bad = encode(batch);
    bad.replace(bad.find("\"shrink\""), 8, "\"stolen\"");
    const auto decoded = decodeMovementBatch(bad).value();
    ASSERT_EQ(decoded.movements.size(), 1u);
    EXPECT_EQ(decoded.movements[0], batch.movements[1]);
    ASSERT_EQ(decoded.rejected.size(), 1u);
    EXPECT_EQ(decoded.rejected[0].key, "u-1");
    EXPECT_EQ(decoded.rejected[0].reason,
              "kind: must be one of sale, return, receive, transfer_out, transfer_in, shrink, "
              "adjust");
    EXPECT_NE(decoded.rejected[0].body.find("\"stolen\""), std::string::npos);
    bad = encode(batch);
    bad.replace(bad.find("\"units\":-4"), 10, "\"units\":\"-4\"");
    EXPECT_EQ(decodeMovementBatch(bad).value().rejected.at(0).reason, "units: must be an integer");
    // Only a body that is not a movement batch is refused whole.
    EXPECT_FALSE(decodeMovementBatch("{\"v\":1,\"outlet\":\"HZ-F01\",\"terminal\":1}").ok());
    EXPECT_FALSE(decodeMovementBatch("not json").ok());
    // A till's incoming list: one odd entry (a negative quantity) is skipped, the rest offered.
    const auto list = decodeIncomingTransfers(
                          R"({"transfers":[{"uuid":"t-1","from":"NB-D01","lines":[{"sku":"A",)"
                          R"("units":-5,"grams":0}]},{"uuid":"t-2","from":"NB-D01","lines":[)"
                          R"({"sku":"A","units":2,"grams":0}]}]})")
                          .value();
    ASSERT_EQ(list.transfers.size(), 1u);
    EXPECT_EQ(list.transfers[0].uuid, "t-2");
    ASSERT_EQ(list.skipped.size(), 1u);
    EXPECT_EQ(list.skipped[0].key, "t-1");
    EXPECT_EQ(list.skipped[0].reason, "lines[0].units: must be between 0 and 100000000");
}

TEST(Codec, MasterDataSkipsWhatATillCannotTakeAndKeepsTheRest) {
    MasterData master{
        7,
        {{"AKS-APL-01", "苹果", "pg", "weight", 680, "jin", "12345", {}, true},
         {"AKS-LONG-01", std::string(300, 'x'), "", "each", 100, "unit", "", {}, true},
         {"AKS-PEAR-01", "香梨", "xl", "weight", 880, "jin", "12-4", {}, true}},
        {{"P-1", "半价", "second_half", "AKS-APL-01", 0, 0, 0, 0, "2026-11-01", "2026-12-31"}},
        {{"1001", "李娜", "cashier", "$argon2id$v=19$m=19456,t=2,p=1$x$y", true}},
        {},
        {},
        std::vector<QuickKeyDoc>{{"苹果", "AKS-APL-01", ""},
                                 {std::string(17 * 3, 'x'), "AKS-PEAR-01", ""},
                                 {"梨", "AKS-PEAR-01", "一二三四五六七八九十一二三四五六七"}}};
    std::string text = encode(master);
    text.replace(text.find("\"李娜\""), 8, "42"); // a number where the name belongs
    const auto decoded = decodeMasterData(text);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_EQ(decoded->version, 7);
    ASSERT_EQ(decoded->products.size(), 1u);
    EXPECT_EQ(decoded->products[0].sku, "AKS-APL-01");
    EXPECT_EQ(decoded->promotions.size(), 1u);
    EXPECT_TRUE(decoded->cashiers.empty());
    ASSERT_TRUE(decoded->quickKeys.has_value());
    ASSERT_EQ(decoded->quickKeys->size(), 1u); // a bad key is skipped alone
    EXPECT_EQ(decoded->quickKeys->at(0).sku, "AKS-APL-01");
    ASSERT_EQ(decoded->skipped.size(), 5u);
    EXPECT_EQ(decoded->skipped[3].kind, "quick_key");
    EXPECT_EQ(decoded->skipped[3].reason, "category: must be 1 to 16 characters");
    EXPECT_EQ(decoded->skipped[4].reason, "label: must be at most 16 characters");
    EXPECT_EQ(decoded->skipped[0].key, "AKS-LONG-01");
    EXPECT_EQ(decoded->skipped[0].reason,
              "name: is 300 bytes long; a till takes at most 200 bytes (about 66 Chinese "
              "characters)");
    EXPECT_EQ(decoded->skipped[1].key, "AKS-PEAR-01");
    EXPECT_EQ(decoded->skipped[1].reason, "plu: must be 1 to 16 digits, not \"12-4\"");
    EXPECT_EQ(decoded->skipped[2].kind, "cashier");
    EXPECT_EQ(decoded->skipped[2].reason, "name: must be a string");
    EXPECT_FALSE(decodeMasterData(R"({"version":1,"products":{}})").ok());
}

TEST(Codec, TillEventsRoundTripAndAMistypedOneIsSetAsideAlone) {
    TillEventBatch batch{"HZ-F01", 1, {}, {}};
    TillEventDoc e;
    e.uuid = "e-1";
    e.kind = "cash_out";
    e.shift = 3;
    e.cashier = "1002";
    e.approver = "9001";
    e.amountFen = 5000;
    e.reason = "交存|银行\n";
    e.at = "2026-12-01T02:00:00Z";
    e.prevHash = std::string(64, '0');
    e.hash = tillEventHash(e);
    batch.events.push_back(e);
    e.uuid = "e-2";
    e.kind = "no_sale";
    e.amountFen = 0;
    e.prevHash = batch.events[0].hash;
    e.hash = tillEventHash(e);
    batch.events.push_back(e);
    EXPECT_EQ(decodeTillEventBatch(encode(batch)).value(), batch);
    // The canonical text escapes the separators, so no reason can imitate another field.
    EXPECT_NE(canonicalTillEvent(batch.events[0]).find("交存%7C银行%0A"), std::string::npos);
    std::string bad = encode(batch);
    bad.replace(bad.find("\"cash_out\""), 10, "\"gift\"");
    const auto decoded = decodeTillEventBatch(bad).value();
    ASSERT_EQ(decoded.events.size(), 1u);
    EXPECT_EQ(decoded.events[0], batch.events[1]);
    ASSERT_EQ(decoded.rejected.size(), 1u);
    EXPECT_EQ(decoded.rejected[0].key, "e-1");
}

// GET /v1/sale's answer: the sale and its returns. A sale that is a return, or a return of
// another sale, is not what the till asked for: refused whole, naming the field.
TEST(Codec, ASaleLookupRoundTripsAndHoldsOnlyTheSalesOwnReturns) {
    SaleLookup lookup{sampleSale(1), {sampleSale(2)}};
    lookup.returns[0].uuid = "0b6f7d3e-3a47-4c1e-9d0e-6a1f5b2c8e02";
    lookup.returns[0].kind = "return";
    lookup.returns[0].originalUuid = lookup.sale.uuid;
    lookup.returns[0].lines[0].originalLineNo = 1;
    const auto decoded = decodeSaleLookup(encode(lookup));
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_EQ(*decoded, lookup);

    auto otherSale = lookup;
    otherSale.returns[0].originalUuid = "0b6f7d3e-3a47-4c1e-9d0e-6a1f5b2c8e09";
    auto refused = decodeSaleLookup(encode(otherSale));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().message, "returns[0].original_uuid: must be the sale's uuid");

    auto aReturn = lookup;
    aReturn.sale.kind = "return";
    refused = decodeSaleLookup(encode(aReturn));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().message, "sale.kind: must be sale");

    EXPECT_FALSE(decodeSaleLookup(R"({"v":1,"returns":[]})").ok());
    EXPECT_FALSE(decodeSaleLookup(R"({"v":1,"sale":7,"returns":[]})").ok());
}
