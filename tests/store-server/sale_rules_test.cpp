// The sale rules (store-server/central sale_rules.h) one by one: each bent sale breaks the rule
// it is named after, and nothing else is refused. The attack tests (AttackIngest.*) send such
// sales to a real store-server; these pin every rule, including the ones no attack there uses.
#include "baidian/server/sale_rules.h"

#include <climits>
#include <functional>
#include <gtest/gtest.h>

using namespace baidian;
using baidian::protocol::SaleDoc;
using baidian::server::checkSaleRules;
using baidian::server::SaleContext;
using baidian::server::SaleLimits;

namespace {

const SaleContext kContext{"2026-01-01", "2026-12-01"};

/// 1 kg of pears at ¥5.90/jin (1,180 fen) and 2 boxes at ¥30.00, paid 1,180 fen by card and the
/// rest in cash with 20 fen change.
SaleDoc honest() {
    SaleDoc s;
    s.uuid = "6f1c2d3e-0000-4000-8000-000000000001";
    s.seq = 1;
    s.receiptNo = "HZ-F01-1-1";
    s.kind = "sale";
    s.completedAt = "2026-11-30T02:00:00Z";
    s.businessDate = "2026-11-30";
    s.cashier = "1002";
    s.lines.push_back(
        {1, "AKS-PEA-01", "库尔勒香梨", 0, 1000, 590, 590, "jin", 1180, "", 0, 0, 0, 1180, {}});
    s.lines.push_back(
        {2, "AKS-BOX-01", "礼盒", 2, 0, 3000, 3000, "unit", 6000, "", 0, 0, 0, 6000, {}});
    s.subtotalFen = s.totalFen = 7180;
    s.tenders = {{"card", 1180, "T1"}, {"cash", 6020, ""}};
    s.changeFen = 20;
    return s;
}

/// A return of the pears of that sale: 1,180 fen given back in cash.
SaleDoc honestReturn() {
    SaleDoc s = honest();
    s.uuid = "6f1c2d3e-0000-4000-8000-000000000002";
    s.seq = 2;
    s.kind = "return";
    s.originalUuid = "6f1c2d3e-0000-4000-8000-000000000001";
    s.lines.resize(1);
    auto& l = s.lines[0];
    l.grossFen = l.paidFen = -1180;
    l.originalLineNo = 1;
    s.subtotalFen = s.totalFen = -1180;
    s.changeFen = 0;
    s.tenders = {{"cash", -1180, ""}};
    return s;
}

std::string rule(const SaleDoc& s, const SaleLimits& limits = {}) {
    return checkSaleRules(s, limits, kContext);
}

struct Bent {
    const char* what;
    std::function<void(SaleDoc&)> change;
    const char* rule; ///< the prefix of the reason
};

} // namespace

TEST(SaleRules, HonestSalesAndReturnsPass) {
    EXPECT_EQ(rule(honest()), "");
    EXPECT_EQ(rule(honestReturn()), "");
    auto label = honest(); // a scale label's amount: the weight behind it rounded to the gram
    label.lines[0].grams = 999;
    EXPECT_EQ(rule(label), "");
    auto partial = honestReturn(); // a return may refund less than the line
    partial.lines[0].grossFen = partial.lines[0].paidFen = -1000;
    partial.subtotalFen = partial.totalFen = -1000;
    partial.tenders = {{"cash", -1000, ""}};
    EXPECT_EQ(rule(partial), "");
}

TEST(SaleRules, EachBentSaleBreaksTheRuleItIsNamedAfter) {
    const std::vector<Bent> bent{
        {"no lines", [](SaleDoc& s) { s.lines.clear(); }, "lines:"},
        {"a repeated line number", [](SaleDoc& s) { s.lines[1].lineNo = 1; }, "lines:"},
        {"an unknown kind", [](SaleDoc& s) { s.kind = "gift"; }, "kind:"},
        {"a sale naming an original",
         [](SaleDoc& s) { s.originalUuid = "6f1c2d3e-0000-4000-8000-000000000009"; }, "kind:"},
        {"a sale's line returning a line", [](SaleDoc& s) { s.lines[0].originalLineNo = 1; },
         "kind:"},
        {"a weighed line with units", [](SaleDoc& s) { s.lines[0].units = 1; }, "quantity:"},
        {"a weighed line of 0 g", [](SaleDoc& s) { s.lines[0].grams = 0; }, "quantity:"},
        {"a unit line with grams", [](SaleDoc& s) { s.lines[1].grams = 5; }, "quantity:"},
        {"a line of more than a tonne", [](SaleDoc& s) { s.lines[0].grams = 1'000'001; }, "caps:"},
        {"a negative line in a sale",
         [](SaleDoc& s) { s.lines[1].grossFen = s.lines[1].paidFen = -6000; }, "sign:"},
        {"a negative promotion",
         [](SaleDoc& s) {
             s.lines[0].promotionFen = -100;
             s.lines[0].paidFen = 1280;
         },
         "sign:"},
        {"gross that is not price × weight", [](SaleDoc& s) { s.lines[0].grossFen = 1190; },
         "gross:"},
        {"gross that is not price × units", [](SaleDoc& s) { s.lines[1].units = 3; }, "gross:"},
        {"an unknown price basis", [](SaleDoc& s) { s.lines[0].priceBasis = "catty"; }, "gross:"},
        {"a discount larger than the line",
         [](SaleDoc& s) {
             s.lines[0].lineDiscountFen = 2000;
             s.lines[0].paidFen = -820;
         },
         "sign:"},
        {"paid that is not gross less discounts", [](SaleDoc& s) { s.lines[0].paidFen = 1100; },
         "paid:"},
        {"a subtotal that is not the lines'", [](SaleDoc& s) { s.subtotalFen = 7000; }, "total:"},
        {"a total that is not subtotal less discount", [](SaleDoc& s) { s.discountFen = 100; },
         "total:"},
        {"a negative total", [](SaleDoc& s) { s.totalFen = -1; }, "sign:"},
        {"a negative cash tender",
         [](SaleDoc& s) {
             s.tenders = {{"card", 8180, "T1"}, {"cash", -1000, ""}};
             s.changeFen = 0;
         },
         "sign:"},
        {"negative change", [](SaleDoc& s) { s.changeFen = -20; }, "sign:"},
        {"change not out of cash",
         [](SaleDoc& s) {
             s.tenders = {{"card", 7180, "T1"}, {"cash", 10, ""}};
             s.changeFen = 10;
         },
         "tenders:"},
        {"card paying more than the total",
         [](SaleDoc& s) {
             s.tenders = {{"card", 8000, "T1"}};
             s.changeFen = 0;
         },
         "tenders:"},
        {"tenders less change that are not the total", [](SaleDoc& s) { s.changeFen = 0; },
         "tenders:"},
        {"no tender",
         [](SaleDoc& s) {
             s.tenders.clear();
             s.changeFen = 0;
         },
         "tenders:"},
        {"a date no calendar has", [](SaleDoc& s) { s.businessDate = "9abc-de-f9"; }, "date:"},
        {"30 February",
         [](SaleDoc& s) {
             s.businessDate = "2026-02-30";
             s.completedAt = "2026-02-30T02:00:00Z";
         },
         "date:"},
        {"before the outlet opened",
         [](SaleDoc& s) {
             s.businessDate = "2025-12-31";
             s.completedAt = "2025-12-31T02:00:00Z";
         },
         "date:"},
        {"after tomorrow",
         [](SaleDoc& s) {
             s.businessDate = "2026-12-02";
             s.completedAt = "2026-12-02T02:00:00Z";
         },
         "date:"},
        {"completed on another business day",
         [](SaleDoc& s) { s.completedAt = "2026-11-30T17:00:00Z"; }, "date:"},
        {"completed in the year 5209 (the fuzzer's: a time point overflowed)",
         [](SaleDoc& s) { s.completedAt = "5209-11-30T02:15:00Z"; }, "date:"},
        {"completed at hour 99999999",
         [](SaleDoc& s) { s.completedAt = "2026-11-30T99999999:00:00Z"; }, "date:"},
        {"completed_at not in UTC form",
         [](SaleDoc& s) { s.completedAt = "2026-11-30 10:00:00+08:00"; }, "date:"},
    };
    for (const auto& b : bent) {
        auto s = honest();
        b.change(s);
        const auto why = rule(s);
        EXPECT_EQ(why.rfind(b.rule, 0), 0u) << b.what << ": \"" << why << "\"";
    }
}

TEST(SaleRules, ReturnsHaveTheirOwnSignsAndNameWhatTheyReturn) {
    const std::vector<Bent> bent{
        {"no original sale", [](SaleDoc& s) { s.originalUuid.clear(); }, "kind:"},
        {"a line returning nothing", [](SaleDoc& s) { s.lines[0].originalLineNo.reset(); },
         "kind:"},
        {"a positive refund",
         [](SaleDoc& s) {
             s.lines[0].grossFen = s.lines[0].paidFen = 1180;
             s.subtotalFen = s.totalFen = 1180;
             s.tenders = {{"cash", 1180, ""}};
         },
         "sign:"},
        {"more back than the line cost",
         [](SaleDoc& s) {
             s.lines[0].grossFen = s.lines[0].paidFen = -5000;
             s.subtotalFen = s.totalFen = -5000;
             s.tenders = {{"cash", -5000, ""}};
         },
         "gross:"},
        {"change on a return", [](SaleDoc& s) { s.changeFen = 10; }, "sign:"},
        {"money taken on a return",
         [](SaleDoc& s) {
             s.tenders = {{"cash", 1180, ""}};
         },
         "sign:"},
    };
    for (const auto& b : bent) {
        auto s = honestReturn();
        b.change(s);
        const auto why = rule(s);
        EXPECT_EQ(why.rfind(b.rule, 0), 0u) << b.what << ": \"" << why << "\"";
    }
}

TEST(SaleRules, CapsAreConfigurable) {
    SaleLimits tight;
    tight.maxLineFen = 5000; // the boxes' 6,000 fen line is over it
    EXPECT_EQ(rule(honest(), tight).rfind("caps:", 0), 0u);
    tight = {};
    tight.maxSaleFen = 7000;
    EXPECT_EQ(rule(honest(), tight).rfind("caps:", 0), 0u);
    tight = {};
    tight.maxLineUnits = 1;
    EXPECT_EQ(rule(honest(), tight).rfind("caps:", 0), 0u);
    tight = {};
    tight.maxLines = 1;
    EXPECT_EQ(rule(honest(), tight).rfind("lines:", 0), 0u);
    tight = {};
    tight.maxTenders = 1;
    EXPECT_EQ(rule(honest(), tight).rfind("tenders:", 0), 0u);
}

// Amounts at the edge of int64 break a rule; no sum overflows (the sanitizer run checks the
// arithmetic itself).
TEST(SaleRules, AmountsThatWouldOverflowBreakARule) {
    for (const std::int64_t huge : {INT64_MAX, INT64_MIN, INT64_MAX / 2 + 1}) {
        auto s = honest();
        s.lines[1].grossFen = s.lines[1].paidFen = huge;
        EXPECT_NE(rule(s), "") << huge;
        s = honest();
        s.lines[0].promotionFen = huge;
        EXPECT_NE(rule(s), "") << huge;
        s = honest();
        s.lines[0].orderShareFen = huge;
        EXPECT_NE(rule(s), "") << huge;
        s = honest();
        s.tenders.push_back({"cash", huge, ""});
        s.tenders.push_back({"cash", huge, ""});
        EXPECT_NE(rule(s), "") << huge;
        s = honest();
        s.changeFen = huge;
        EXPECT_NE(rule(s), "") << huge;
        s = honest();
        s.roundingFen = huge;
        EXPECT_NE(rule(s), "") << huge;
        s = honest();
        s.lines[0].grams = huge;
        EXPECT_NE(rule(s), "") << huge;
    }
}
