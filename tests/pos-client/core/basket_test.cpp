// Pricing a basket without a database: promotions, discounts and exact apportioning.
#include "baidian/pos/basket.h"

#include <gtest/gtest.h>

using namespace baidian;
using namespace baidian::pos;
using domain::Fen;
using domain::Grams;

namespace {

BasketLine unitLine(std::int64_t priceFen, std::int64_t units) {
    BasketLine l;
    l.name = "item";
    l.unit = domain::SaleUnit::Each;
    l.units = units;
    l.listPrice = l.price = {Fen(priceFen), domain::PriceBasis::PerUnit};
    return l;
}

BasketLine weighedLine(std::int64_t priceFen, domain::PriceBasis basis, std::int64_t grams) {
    BasketLine l;
    l.name = "weighed";
    l.unit = domain::SaleUnit::ByWeight;
    l.grams = Grams(grams);
    l.listPrice = l.price = {Fen(priceFen), basis};
    return l;
}

} // namespace

TEST(Basket, PaidAmountsAlwaysAddUpToTheTotal) {
    // Many awkward splits: the shares must sum exactly, never drift by a fen.
    for (std::int64_t discount = 0; discount <= 997; discount += 7) {
        std::vector<BasketLine> lines = {
            unitLine(333, 1), weighedLine(1999, domain::PriceBasis::PerKg, 333), unitLine(1, 3),
            weighedLine(680, domain::PriceBasis::PerJin, 1234)};
        auto totals = priceBasket(lines, {}, Fen(discount), CashRoundingRule{}).value();
        Fen paid;
        for (const auto& l : lines) {
            paid += l.paid;
            EXPECT_GE(l.paid.value(), 0);
        }
        EXPECT_EQ(paid, totals.total) << "discount " << discount;
        EXPECT_EQ(totals.total, totals.subtotal - totals.orderDiscount - totals.rounding);
        EXPECT_EQ(totals.total.value() % 10, 0);
    }
}

TEST(Basket, RoundingToNearestCanAddAFewFenAndStillBalances) {
    std::vector<BasketLine> lines = {unitLine(1247, 1), unitLine(2000, 1)};
    auto totals =
        priceBasket(lines, {}, Fen(0),
                    CashRoundingRule{
                        domain::CashRoundingUnit::Jiao, domain::CashRoundingDirection::Nearest, {}})
            .value();
    EXPECT_EQ(totals.total, Fen(3250));
    EXPECT_EQ(totals.rounding, Fen(-3));
    EXPECT_EQ(lines[0].paid + lines[1].paid, Fen(3250));
}

TEST(Basket, PromotionKinds) {
    Promotion half{0, "H", "半价", Promotion::Kind::SecondHalf, 1, Fen(0), 0, 0, 0, "", ""};
    Promotion b2g1{0, "B", "买二送一", Promotion::Kind::BuyXGetY, 1, Fen(0), 0, 2, 1, "", ""};
    Promotion pct{0, "P", "八折", Promotion::Kind::Percent, 1, Fen(0), 2000, 0, 0, "", ""};
    Promotion price{0, "S", "特价", Promotion::Kind::Price, 1, Fen(599), 0, 0, 0, "", ""};
    auto line = unitLine(999, 5);
    EXPECT_EQ(bestPromotion(line, {half})->second,
              Fen(500 * 2)); // 2 × half of ¥9.99 (¥5.00 half-up)
    EXPECT_EQ(bestPromotion(line, {b2g1})->second, Fen(999));      // 5 units: 1 free
    EXPECT_EQ(bestPromotion(line, {pct})->second, Fen(999));       // 20% of ¥49.95
    EXPECT_EQ(bestPromotion(line, {price})->second, Fen(400 * 5)); // ¥4.00 off each
    EXPECT_EQ(bestPromotion(line, {half, b2g1, pct, price})->first, "S");
    // Ties go to the lower code; overridden prices get no promotion.
    EXPECT_EQ(bestPromotion(line, {pct, b2g1})->first, "B");
    line.priceOverridden = true;
    EXPECT_FALSE(bestPromotion(line, {price}).has_value());
    auto weighed = weighedLine(680, domain::PriceBasis::PerJin, 1500);
    EXPECT_EQ(bestPromotion(weighed, {Promotion{0, "W", "特价", Promotion::Kind::Price, 1, Fen(580),
                                                0, 0, 0, "", ""}})
                  ->second,
              Fen(300)); // 3 jin × ¥1.00
}

TEST(Basket, DiscountsLargerThanTheSaleAreRefused) {
    std::vector<BasketLine> lines = {unitLine(1000, 1)};
    EXPECT_FALSE(priceBasket(lines, {}, Fen(1001), std::nullopt).ok());
    lines[0].lineDiscount = Fen(1001);
    EXPECT_FALSE(priceBasket(lines, {}, Fen(0), std::nullopt).ok());
}

TEST(Basket, AbsurdQuantitiesOverflowCleanly) {
    std::vector<BasketLine> lines = {unitLine(std::int64_t{1} << 40, std::int64_t{1} << 30)};
    auto r = priceBasket(lines, {}, Fen(0), std::nullopt);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Overflow);
}
