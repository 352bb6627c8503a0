#include "baidian/domain/barcode.h"
#include "baidian/domain/pricing.h"

#include <gtest/gtest.h>

using namespace baidian::domain;
using baidian::ErrorCode;

TEST(Barcode, CheckDigitsOfEan13Ean8AndUpcA) {
    EXPECT_EQ(gtinCheckDigit("690123456789"), 2);
    EXPECT_EQ(gtinCheckDigit("9638507"), 4);
    EXPECT_EQ(gtinCheckDigit("03600029145"), 2);
}

TEST(Barcode, ParsesValidCodesOfEachKind) {
    auto ean13 = parseGtin("6901234567892").value();
    EXPECT_EQ(ean13.kind, GtinKind::Ean13);
    EXPECT_EQ(ean13.key(), "6901234567892");
    auto ean8 = parseGtin("96385074").value();
    EXPECT_EQ(ean8.kind, GtinKind::Ean8);
    auto upc = parseGtin("036000291452").value();
    EXPECT_EQ(upc.kind, GtinKind::UpcA);
    EXPECT_EQ(upc.key(), "0036000291452");
}

TEST(Barcode, WrongCheckDigitIsRefusedAndNamesTheBarcode) {
    auto r = parseGtin("6901234567891");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::BadCheckDigit);
    EXPECT_NE(r.error().message.find("6901234567891"), std::string::npos);
    EXPECT_NE(r.error().message.find("expected 2"), std::string::npos);
    EXPECT_EQ(parseGtin("96385075").error().code, ErrorCode::BadCheckDigit);
    EXPECT_EQ(parseGtin("036000291453").error().code, ErrorCode::BadCheckDigit);
}

TEST(Barcode, RefusesGarbage) {
    for (const char* bad : {"", "abc", "690123456789X", "12345", "69012345678921", "６９０"})
        EXPECT_EQ(parseGtin(bad).error().code, ErrorCode::BadBarcode) << bad;
}

TEST(Barcode, Gs1WeightLabelYieldsGramsAndAmount) {
    // 20 | item 12345 | 01500 g | check 5
    auto scan = parseScan("2012345015005\r\n", VariableMeasureLayouts::defaults()).value();
    const auto& label = std::get<VariableMeasureLabel>(scan);
    EXPECT_EQ(label.layout, "gs1-weight");
    EXPECT_EQ(label.itemCode, "12345");
    EXPECT_EQ(label.weight(), Grams(1500));
    const UnitPrice apples{Fen(680), PriceBasis::PerJin};
    EXPECT_EQ(amountForWeight(apples, label.weight()).value(), Fen(2040));
}

TEST(Barcode, Gs1PriceLabelYieldsFen) {
    auto scan = parseScan("2212345020409", VariableMeasureLayouts::defaults()).value();
    const auto& label = std::get<VariableMeasureLabel>(scan);
    EXPECT_EQ(label.measure, LabelMeasure::Price);
    EXPECT_EQ(label.itemCode, "12345");
    EXPECT_EQ(label.price(), Fen(2040));
}

TEST(Barcode, ChineseLabelScaleSevenFiveOneLayout) {
    auto weight = std::get<VariableMeasureLabel>(
        parseScan("2612345015007", VariableMeasureLayouts::defaults()).value());
    EXPECT_EQ(weight.layout, "cn-scale-weight");
    EXPECT_EQ(weight.itemCode, "2612345");
    EXPECT_EQ(weight.weight(), Grams(1500));
    auto price = std::get<VariableMeasureLabel>(
        parseScan("2812345006665", VariableMeasureLayouts::defaults()).value());
    EXPECT_EQ(price.itemCode, "2812345");
    EXPECT_EQ(price.price(), Fen(666));
}

TEST(Barcode, LabelWithWrongCheckDigitOrZeroValueIsRefused) {
    auto bad = parseScan("2012345015004", VariableMeasureLayouts::defaults());
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::BadCheckDigit);
    EXPECT_NE(bad.error().message.find("2012345015004"), std::string::npos);
    auto zero = parseScan("2012345000001", VariableMeasureLayouts::defaults());
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.error().code, ErrorCode::InvalidArgument);
}

TEST(Barcode, PlainCodesPassThroughParseScan) {
    auto scan = parseScan("6901234567892", VariableMeasureLayouts::defaults()).value();
    EXPECT_EQ(std::get<Gtin>(scan).digits, "6901234567892");
    EXPECT_FALSE(parseScan("   ", VariableMeasureLayouts::defaults()).ok());
}

TEST(BarcodeLayout, LayoutsAreDataRows) {
    auto layout = VariableMeasureLayout::parseRow("store-3-4-5,23,23,2,4,6,6,price").value();
    EXPECT_EQ(layout.toRow(), "store-3-4-5,23,23,2,4,6,6,price");
    VariableMeasureLayouts custom;
    ASSERT_TRUE(custom.add(layout).ok());
    // 23 | 1234 | 000999 | check
    const std::string body = "231234000999";
    const std::string code = body + std::to_string(gtinCheckDigit(body));
    auto label = std::get<VariableMeasureLabel>(parseScan(code, custom).value());
    EXPECT_EQ(label.itemCode, "1234");
    EXPECT_EQ(label.price(), Fen(999));
    // Prefix 20 is not a label in this set: it must be a plain EAN-13.
    EXPECT_TRUE(std::holds_alternative<Gtin>(parseScan("2012345015005", custom).value()));
    for (const auto row : VariableMeasureLayouts::defaultRows())
        EXPECT_EQ(VariableMeasureLayout::parseRow(row).value().toRow(), row);
}

TEST(BarcodeLayout, RefusesBadRowsAndOverlaps) {
    for (const char* bad :
         {"", "x,20,21,2,5,7,5", "x,19,21,2,5,7,5,weight", "x,20,21,2,5,7,6,weight",
          "x,20,21,2,5,5,5,weight", "x,20,21,2,5,7,5,volume", "x,2a,21,2,5,7,5,weight",
          ",20,21,2,5,7,5,weight"})
        EXPECT_FALSE(VariableMeasureLayout::parseRow(bad).ok()) << bad;
    VariableMeasureLayouts set;
    ASSERT_TRUE(set.add(VariableMeasureLayout::parseRow("a,20,22,2,5,7,5,weight").value()).ok());
    EXPECT_EQ(
        set.add(VariableMeasureLayout::parseRow("b,22,23,2,5,7,5,price").value()).error().code,
        ErrorCode::Conflict);
}
