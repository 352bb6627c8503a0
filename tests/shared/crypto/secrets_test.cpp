#include "baidian/crypto/secrets.h"

#include <gtest/gtest.h>
#include <set>

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
