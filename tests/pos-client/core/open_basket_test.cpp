// The open basket as a value: totals, what is due, and a change that does not price put back.
#include "baidian/pos/open_basket.h"

#include <gtest/gtest.h>

using namespace baidian;
using namespace baidian::pos;
using domain::Fen;

namespace {

BasketLine pear(std::int64_t priceFen, std::int64_t units) {
    BasketLine l;
    l.name = "库尔勒香梨";
    l.unit = domain::SaleUnit::Each;
    l.units = units;
    l.listPrice = l.price = {Fen(priceFen), domain::PriceBasis::PerUnit};
    return l;
}

OpenBasket basketOf(std::int64_t priceFen, std::int64_t units) {
    OpenBasket b;
    b.open = true;
    b.lines.push_back(pear(priceFen, units));
    b.promotions.emplace_back();
    return b;
}

} // namespace

TEST(OpenBasket, StartsClosedAndEmpty) {
    const OpenBasket b;
    EXPECT_FALSE(b.open);
    EXPECT_TRUE(b.lines.empty());
    EXPECT_EQ(b.tendered(), Fen(0));
    EXPECT_EQ(b.due(), Fen(0));
}

TEST(OpenBasket, RepriceTotalsTheLinesAndDueLessTenders) {
    auto b = basketOf(590, 3);
    ASSERT_TRUE(b.reprice());
    EXPECT_EQ(b.totals.total, Fen(1770));
    b.tenders.push_back({TenderKind::Cash, Fen(1000), {}});
    b.tenders.push_back({TenderKind::WeChat, Fen(500), "REF1"});
    EXPECT_EQ(b.tendered(), Fen(1500));
    EXPECT_EQ(b.due(), Fen(270));
    b.tenders.push_back({TenderKind::Cash, Fen(500), {}});
    EXPECT_EQ(b.due(), Fen(-230)); // change due
}

TEST(OpenBasket, ChangeThatPricesIsKept) {
    auto b = basketOf(590, 3);
    ASSERT_TRUE(b.reprice());
    ASSERT_TRUE(b.change([&] { b.orderDiscount = Fen(70); }));
    EXPECT_EQ(b.orderDiscount, Fen(70));
    EXPECT_EQ(b.totals.total, Fen(1700));
}

TEST(OpenBasket, ChangeThatDoesNotPriceIsPutBack) {
    auto b = basketOf(590, 3);
    ASSERT_TRUE(b.reprice());
    const auto ok = b.change([&] {
        b.lines[0].units = 1;
        b.orderDiscount = Fen(5000); // more than the sale
    });
    EXPECT_FALSE(ok);
    EXPECT_EQ(b.lines[0].units, 3);
    EXPECT_EQ(b.orderDiscount, Fen(0));
    EXPECT_EQ(b.totals.total, Fen(1770));
}

TEST(OpenBasket, ResetEmptiesEverything) {
    auto b = basketOf(590, 3);
    b.isReturn = true;
    b.originalReceiptNo = "HZ-F01-01-000123";
    b.saleApprovedBy = 7;
    b.cashRounded = true;
    b.tenders.push_back({TenderKind::Cash, Fen(100), {}});
    ASSERT_TRUE(b.reprice());
    b.reset();
    EXPECT_FALSE(b.open);
    EXPECT_FALSE(b.isReturn);
    EXPECT_TRUE(b.originalReceiptNo.empty());
    EXPECT_FALSE(b.saleApprovedBy);
    EXPECT_FALSE(b.cashRounded);
    EXPECT_TRUE(b.lines.empty());
    EXPECT_TRUE(b.promotions.empty());
    EXPECT_TRUE(b.tenders.empty());
    EXPECT_EQ(b.totals.total, Fen(0));
}
