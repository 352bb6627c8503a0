#include "baidian/domain/weight.h"

#include <gtest/gtest.h>

using baidian::domain::Grams;

TEST(Grams, ParsesKeyedKilogramsAndJin) {
    EXPECT_EQ(Grams::parseKg("1.5").value(), Grams(1500));
    EXPECT_EQ(Grams::parseKg("0.333").value(), Grams(333));
    EXPECT_EQ(Grams::parseKg("2").value(), Grams(2000));
    EXPECT_EQ(Grams::parseJin("3").value(), Grams(1500));
    EXPECT_EQ(Grams::parseJin("1.25").value(), Grams(625));
    EXPECT_EQ(Grams::parseJin("0.001").value(), Grams(1)); // half a gram rounds up
}

TEST(Grams, RefusesBadWeights) {
    for (const char* bad : {"", "-1", "1.2345", "abc", "1,5", "1.5kg", "9999999999999"})
        EXPECT_FALSE(Grams::parseKg(bad).ok()) << bad;
}

TEST(Grams, ShowsKilogramsAndJin) {
    EXPECT_EQ(Grams(1500).formatKg(), "1.500 kg");
    EXPECT_EQ(Grams(333).formatKg(), "0.333 kg");
    EXPECT_EQ(Grams(1500).formatJin(), "3.00斤");
    EXPECT_EQ(Grams(333).formatJin(), "0.67斤");
}
