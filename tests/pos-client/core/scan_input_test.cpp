// The scan field's grammar, without a till or a catalog: what each text the cashier types or
// scans is read as.
#include "baidian/pos/scan_input.h"

#include <gtest/gtest.h>

using namespace baidian;
using namespace baidian::pos;

namespace {

ScanInput read(std::string_view text) {
    auto input = parseScanInput(text);
    EXPECT_TRUE(input.ok()) << text;
    return input ? *input : ScanInput{};
}

} // namespace

TEST(ScanInput, SevenDigitsOrFewerAreAPluAndMoreAreACode) {
    for (const std::string_view plu : {"1", "12345", "1234567"}) {
        const auto input = read(plu);
        EXPECT_EQ(input.kind, ScanInput::Kind::Plu) << plu;
        EXPECT_EQ(input.text, plu);
        EXPECT_EQ(input.units, 1);
    }
    for (const std::string_view code : {"69012345", "6901234567892", "2012345015004"}) {
        const auto input = read(code);
        EXPECT_EQ(input.kind, ScanInput::Kind::Code) << code;
        EXPECT_EQ(input.text, code);
        EXPECT_EQ(input.units, 1);
    }
}

TEST(ScanInput, AQuantityBeforeAStarCountsWhatFollows) {
    auto input = read("3*6901234567892");
    EXPECT_EQ(input.kind, ScanInput::Kind::Code);
    EXPECT_EQ(input.text, "6901234567892");
    EXPECT_EQ(input.units, 3);
    input = read("12*12345");
    EXPECT_EQ(input.kind, ScanInput::Kind::Plu);
    EXPECT_EQ(input.text, "12345");
    EXPECT_EQ(input.units, 12);
    input = read("1000*6901234567892"); // a keying error, refused by the till, not the grammar
    EXPECT_EQ(input.units, 1000);
    input = read(" 2 *12345");
    EXPECT_EQ(input.units, 2);
    EXPECT_EQ(input.kind, ScanInput::Kind::Plu);
}

TEST(ScanInput, WordsAreASearch) {
    for (const std::string_view words : {"库尔勒", "apple", "12a45", "69012 34567", "*12345"}) {
        const auto input = read(words);
        EXPECT_EQ(input.kind, ScanInput::Kind::Search) << words;
        EXPECT_EQ(input.text, words);
    }
    auto input = read("2*红枣"); // the quantity is read, the search takes the words
    EXPECT_EQ(input.kind, ScanInput::Kind::Search);
    EXPECT_EQ(input.text, "红枣");
    input = read("2*3*12345"); // only the first * counts
    EXPECT_EQ(input.kind, ScanInput::Kind::Search);
    EXPECT_EQ(input.text, "3*12345");
    EXPECT_EQ(input.units, 2);
    input = read("3*");
    EXPECT_EQ(input.kind, ScanInput::Kind::Search);
    EXPECT_EQ(input.text, "");
}

TEST(ScanInput, AReceiptsQrCodeIsTakenWhole) {
    const auto input = read("BD1|HZ-F01-01-000123|0b7e*uuid");
    EXPECT_EQ(input.kind, ScanInput::Kind::ReceiptCode);
    EXPECT_EQ(input.text, "BD1|HZ-F01-01-000123|0b7e*uuid");
}

TEST(ScanInput, AQuantityThatIsNoWholeNumberAboveZeroIsRefused) {
    for (const std::string_view bad :
         {"0*12345", "-2*12345", "x*12345", "1.5*12345", " *12345", "99999999999999999999*12345"}) {
        const auto input = parseScanInput(bad);
        ASSERT_FALSE(input.ok()) << bad;
        EXPECT_EQ(input.error().code, ErrorCode::InvalidArgument);
        EXPECT_EQ(input.error().key, "a quantity before * must be a whole number");
    }
}
