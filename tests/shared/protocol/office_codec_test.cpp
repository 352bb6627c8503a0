// The head-office messages on the wire: snake_case keys like the sync protocol, every key
// required, no unknown key, and stored rankings of the old spelling still read.
#include "baidian/protocol/office.h"

#include <gtest/gtest.h>

using namespace baidian::protocol;

TEST(OfficeCodec, KeysAreSnakeCase) {
    DashboardDoc doc{"2026-10-01", "2026-10-31", {12345, 800, 3, 100, 2}, {}, {}, {}, {}};
    doc.byType.push_back({"flagship", "Flagship", {12345, 800, 3, 100, 1}});
    const auto text = encode(doc);
    for (const char* key : {"\"revenue_fen\":12345", "\"return_fen\":100", "\"by_type\":[",
                            "\"by_city\":[]", "\"by_day\":[]", "\"by_product\":[]"})
        EXPECT_NE(text.find(key), std::string::npos) << key << " in " << text;
    EXPECT_EQ(text.find("revenueFen"), std::string::npos) << text;
    const auto back = decodeDashboard(text);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->byType.at(0).figures.revenueFen, 12345);

    OutletDoc outlet{"HZ-F01", "Hangzhou 1", "flagship", "杭州", "", 120, "2024-05-01", "open", ""};
    const auto list = encode(OutletList{{outlet}});
    EXPECT_NE(list.find("\"area_m2\":120"), std::string::npos) << list;
    EXPECT_NE(list.find("\"opened_on\":\"2024-05-01\""), std::string::npos) << list;
    ASSERT_TRUE(decodeOutletList(list));
    EXPECT_EQ(decodeOutletList(list)->outlets.at(0), outlet);

    const auto session = encode(SessionDoc{"t", "admin", "admin", {}, "2026-11-01T00:00:00Z"});
    EXPECT_NE(session.find("\"expires_at\":"), std::string::npos) << session;
}

TEST(OfficeCodec, RefusesTheOldCamelCaseKeys) {
    const auto refused =
        decodeSession(R"({"token":"t","username":"a","role":"admin","cities":[],"expiresAt":""})");
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("the session lacks a field"), std::string::npos)
        << refused.error().message;
    EXPECT_TRUE(decodeSession(
        R"({"token":"t","username":"a","role":"admin","cities":[],"expires_at":""})"));
    EXPECT_FALSE(decodeSession(R"({"token":"t","username":"a","role":"admin","cities":[],)"
                               R"("expires_at":"","extra":1})"));
}

TEST(OfficeCodec, StoredMetricsOfEitherSpellingRead) {
    const std::vector<MetricDoc> metrics{{"revenue", 500, "fen", 9000, 30, 2700, ""},
                                         {"growth", std::nullopt, "bp", 0, 10, 0, "new"}};
    const auto text = encode(metrics);
    EXPECT_NE(text.find("\"normalized_bp\":9000"), std::string::npos) << text;
    EXPECT_NE(text.find("\"points_centi\":2700"), std::string::npos) << text;
    EXPECT_NE(text.find("\"value\":null"), std::string::npos) << text;
    const auto legacy = decodeMetrics(R"([{"metric":"revenue","value":500,"unit":"fen",)"
                                      R"("normalizedBp":9000,"weight":30,"pointsCenti":2700,)"
                                      R"("note":""}])");
    ASSERT_TRUE(legacy) << legacy.error().message;
    EXPECT_EQ(legacy->at(0).normalizedBp, 9000);
    EXPECT_EQ(legacy->at(0).pointsCenti, 2700);
    const auto current = decodeMetrics(text);
    ASSERT_TRUE(current) << current.error().message;
    EXPECT_EQ(current->at(1).note, "new");
    EXPECT_FALSE(current->at(1).value);
}
