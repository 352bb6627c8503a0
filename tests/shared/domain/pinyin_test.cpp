#include "baidian/domain/pinyin.h"

#include <gtest/gtest.h>
#include <thread>
#include <vector>

using baidian::domain::pinyinInitials;

TEST(Pinyin, InitialsOfAksuProduce) {
    EXPECT_EQ(pinyinInitials("冰糖心苹果"), "btxpg");
    EXPECT_EQ(pinyinInitials("香梨"), "xl");
    EXPECT_EQ(pinyinInitials("红枣"), "hz");
    EXPECT_EQ(pinyinInitials("核桃"), "ht");
    EXPECT_EQ(pinyinInitials("葡萄干"), "ptg");
    EXPECT_EQ(pinyinInitials("黑木耳"), "hme");
}

TEST(Pinyin, KeepsAsciiLettersAndDigitsDropsPunctuation) {
    EXPECT_EQ(pinyinInitials("阿克苏红枣5KG礼盒"), "akshz5kglh");
    EXPECT_EQ(pinyinInitials("（特级）香梨 · 礼盒"), "tjxllh");
    EXPECT_EQ(pinyinInitials(""), "");
    EXPECT_EQ(pinyinInitials("\xff\xfe bad utf8"), "badutf8");
}

TEST(Pinyin, SafeFromSeveralThreads) {
    std::vector<std::thread> threads;
    std::vector<std::string> results(4);
    for (std::size_t i = 0; i < results.size(); ++i)
        threads.emplace_back([&results, i] {
            for (int n = 0; n < 50; ++n)
                results[i] = pinyinInitials("冰糖心苹果");
        });
    for (auto& t : threads)
        t.join();
    for (const auto& r : results)
        EXPECT_EQ(r, "btxpg");
}
