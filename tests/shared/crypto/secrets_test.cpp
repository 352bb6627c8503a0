#include "baidian/crypto/secrets.h"

#include <chrono>
#include <gtest/gtest.h>
#include <set>
#include <thread>
#include <vector>

using namespace baidian::crypto;

TEST(Secrets, PinHashVerifiesOnlyTheRightPin) {
    const std::string hash = hashSecret("2580");
    EXPECT_TRUE(hash.starts_with("$argon2id$"));
    EXPECT_EQ(hash.find("2580"), std::string::npos);
    EXPECT_TRUE(verifySecret(hash, "2580"));
    EXPECT_FALSE(verifySecret(hash, "2581"));
    EXPECT_FALSE(verifySecret(hash, ""));
}

TEST(Secrets, SameSecretHashesDifferently) {
    EXPECT_NE(hashSecret("1234"), hashSecret("1234"));
}

TEST(Secrets, MalformedHashNeverVerifies) {
    EXPECT_FALSE(verifySecret("", "1234"));
    EXPECT_FALSE(verifySecret("$argon2id$garbage", "1234"));
}

TEST(Secrets, UuidsAreVersion4AndUnique) {
    auto wellFormed = [](const std::string& id) {
        if (id.size() != 36 || id[14] != '4' ||
            std::string("89ab").find(id[19]) == std::string::npos)
            return false;
        for (std::size_t i = 0; i < id.size(); ++i) {
            const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
            const char c = id[i];
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                return false;
        }
        return true;
    };
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto id = randomUuid();
        EXPECT_TRUE(wellFormed(id)) << id;
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000u);
}

TEST(Secrets, TimeOrderedUuidsAreVersion7UniqueAndSortByTime) {
    std::vector<std::string> ids;
    for (int i = 0; i < 200; ++i) {
        ids.push_back(timeOrderedUuid());
        if (i % 50 == 49)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    for (const auto& id : ids) {
        ASSERT_EQ(id.size(), 36u) << id;
        EXPECT_EQ(id[14], '7') << id;
        EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
    }
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
    // Across milliseconds they sort by time: the first 13 characters are the timestamp.
    for (std::size_t i = 50; i < ids.size(); i += 50)
        EXPECT_LT(ids[i - 50].substr(0, 13), ids[i].substr(0, 13));
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    const auto stamped = std::stoll(ids.back().substr(0, 8) + ids.back().substr(9, 4), nullptr, 16);
    EXPECT_LE(ms - stamped, 5000);
}
