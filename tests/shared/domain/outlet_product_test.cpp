#include "baidian/domain/outlet.h"
#include "baidian/domain/product.h"

#include <gtest/gtest.h>

using namespace baidian::domain;

TEST(OutletType, CodesAndChineseNamesRoundTrip) {
    for (const auto type : kAllOutletTypes) {
        EXPECT_EQ(parseOutletType(toString(type)).value(), type);
        EXPECT_EQ(parseOutletType(chineseName(type)).value(), type);
    }
    EXPECT_EQ(parseOutletType("旗舰店").value(), OutletType::Flagship);
    EXPECT_FALSE(parseOutletType("supermarket").ok());
}

TEST(Outlet, CodeRules) {
    Outlet outlet{OutletId(1), "HZ-F01", "杭州旗舰店", OutletType::Flagship, "杭州"};
    EXPECT_TRUE(outlet.validate().ok());
    outlet.code = "hz f01";
    EXPECT_FALSE(outlet.validate().ok());
    outlet.code = "HZ";
    EXPECT_FALSE(outlet.validate().ok());
}

TEST(Product, ValidatesUnitAgainstPriceBasis) {
    Product apples{"AKS-APL-1",
                   "冰糖心苹果",
                   "btxpg",
                   SaleUnit::ByWeight,
                   {Fen(680), PriceBasis::PerJin},
                   "12345",
                   {}};
    EXPECT_TRUE(apples.validate().ok());
    apples.price.basis = PriceBasis::PerUnit;
    EXPECT_FALSE(apples.validate().ok());

    Product box{
        "AKS-BOX-1", "红枣礼盒",       "hzlh", SaleUnit::Each, {Fen(12800), PriceBasis::PerUnit},
        "",          {"6901234567892"}};
    EXPECT_TRUE(box.validate().ok());
    box.barcodes.push_back("6901234567891");
    auto bad = box.validate();
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("AKS-BOX-1"), std::string::npos);
    box.barcodes.pop_back();
    box.price.amount = Fen(0);
    EXPECT_FALSE(box.validate().ok());
}
