// Head office's people on a real SQLite file: regional managers' cities, disabling and removing
// users and cashiers, passwords and PINs, and the sessions each of those ends.

#include "baidian/server/central.h"
#include "baidian/server/people.h"
#include "baidian/server/registry.h"
#include "baidian/server/sessions.h"
#include "baidian/test/temp_dir.h"

#include <SQLiteCpp/Statement.h>
#include <chrono>
#include <filesystem>
#include <gtest/gtest.h>

namespace baidian::server {
namespace {

class PeopleTest : public ::testing::Test {
protected:
    PeopleTest() {
        m_db =
            std::make_unique<SQLite::Database>(openServerDatabase(m_dir.file("server.db")).value());
        EXPECT_TRUE(importOutletsCsv(db(),
                                     "code,name,type,city\nHZ-F01,x,flagship,杭州\n"
                                     "NB-D01,y,direct,宁波\n",
                                     "2026-11-01"));
    }
    SQLite::Database& db() { return *m_db; }
    /// A session for `username`, logged in with `password` at `m_now`.
    std::string logIn(const std::string& username, const std::string& password) {
        auto user = checkPassword(db(), username, password);
        EXPECT_TRUE(user) << username;
        return user ? openSession(db(), *user, m_now).token : std::string{};
    }
    bool inSession(const std::string& token) { return sessionUser(db(), token, m_now).has_value(); }

    test::TempDir m_dir{"baidian-people"}; ///< outlives m_db: the database closes first
    std::unique_ptr<SQLite::Database> m_db;
    std::chrono::system_clock::time_point m_now = std::chrono::system_clock::now();
};

TEST_F(PeopleTest, ARegionalManagersCitiesAreKnownCitiesAndNeverAnEmptyList) {
    EXPECT_EQ(knownCities(db()), (std::vector<std::string>{"宁波", "杭州"}));
    for (const char* cities : {"", ",", " , ,", "上海", "杭州,上海"}) {
        const auto added = addUser(db(), "wang", "a-long-password", "regional", cities);
        ASSERT_FALSE(added) << cities;
        EXPECT_EQ(added.error().code, ErrorCode::InvalidArgument);
    }
    EXPECT_NE(addUser(db(), "wang", "a-long-password", "regional", "上海")
                  .error()
                  .message.find("unknown city \"上海\""),
              std::string::npos);
    EXPECT_FALSE(addUser(db(), "boss", "a-long-password", "admin", "杭州"));
    ASSERT_TRUE(addUser(db(), "wang", "a-long-password", "regional", " 杭州 ,杭州,"));
    EXPECT_EQ(listUsers(db()).front().cities, (std::vector<std::string>{"杭州"}));
    auto wang = checkPassword(db(), "wang", "a-long-password");
    ASSERT_TRUE(wang);
    EXPECT_EQ(wang->scope(), (std::vector<std::string>{"杭州"}));
    EXPECT_FALSE(wang->covers("宁波"));
}

TEST_F(PeopleTest, ScopeComesFromTheRoleAndAnEmptyListIsNothing) {
    User regional{
        1, "old", "regional", {}}; // e.g. created with cities "," before they were checked
    EXPECT_EQ(regional.scope(), std::vector<std::string>{});
    EXPECT_FALSE(regional.covers("杭州"));
    EXPECT_TRUE(listOutlets(db(), {"", "", "", regional.scope()}).empty());
    User admin{2, "admin", "admin", {"杭州"}};
    EXPECT_EQ(admin.scope(), std::nullopt);
    EXPECT_EQ(listOutlets(db(), {"", "", "", admin.scope()}).size(), 2u);
    User other{3, "x", "auditor", {"杭州"}};
    EXPECT_FALSE(other.covers("杭州"));
}

TEST_F(PeopleTest, DisablingRemovingOrANewPasswordEndsTheUsersSessionsAtOnce) {
    ASSERT_TRUE(addUser(db(), "wang", "a-long-password", "regional", "杭州"));
    ASSERT_TRUE(addUser(db(), "admin", "admin-pass-1", "admin", ""));
    const auto other = logIn("admin", "admin-pass-1");

    auto token = logIn("wang", "a-long-password");
    ASSERT_TRUE(setUserDisabled(db(), "wang", true));
    EXPECT_FALSE(inSession(token));
    EXPECT_FALSE(checkPassword(db(), "wang", "a-long-password"));
    EXPECT_TRUE(listUsers(db()).back().disabled);
    ASSERT_TRUE(setUserDisabled(db(), "wang", false));
    token = logIn("wang", "a-long-password");
    EXPECT_TRUE(inSession(token));

    EXPECT_FALSE(setPassword(db(), "wang", "short"));
    EXPECT_TRUE(inSession(token));
    ASSERT_TRUE(setPassword(db(), "wang", "another-long-one"));
    EXPECT_FALSE(inSession(token));
    EXPECT_FALSE(checkPassword(db(), "wang", "a-long-password"));
    token = logIn("wang", "another-long-one");

    ASSERT_TRUE(removeUser(db(), "wang"));
    EXPECT_FALSE(inSession(token));
    EXPECT_FALSE(checkPassword(db(), "wang", "another-long-one"));
    EXPECT_EQ(removeUser(db(), "wang").error().code, ErrorCode::NotFound);
    EXPECT_EQ(setUserDisabled(db(), "nobody", true).error().code, ErrorCode::NotFound);
    EXPECT_TRUE(inSession(other)) << "another user's session is untouched";
}

TEST_F(PeopleTest, ADisabledOrRemovedCashierTravelsToTillsAsInactive) {
    ASSERT_TRUE(upsertCashier(db(), "HZ-F01", "1001", "王芳", "cashier", "1234"));
    const auto outlet = outletByCode(db(), "HZ-F01")->id;
    const auto since = masterDataSince(db(), outlet, 0).version;
    const auto delivered = [&] {
        const auto master = masterDataSince(db(), outlet, since);
        EXPECT_EQ(master.cashiers.size(), 1u);
        return master.cashiers.empty() ? true : master.cashiers.front().active;
    };
    ASSERT_TRUE(setCashierActive(db(), "HZ-F01", "1001", false));
    EXPECT_FALSE(delivered());
    EXPECT_FALSE(listCashiers(db(), "HZ-F01")->front().active);
    ASSERT_TRUE(setCashierActive(db(), "HZ-F01", "1001", true));
    EXPECT_TRUE(delivered());
    EXPECT_FALSE(setCashierPin(db(), "HZ-F01", "1001", "12ab"));
    ASSERT_TRUE(setCashierPin(db(), "HZ-F01", "1001", "8642"));
    ASSERT_TRUE(removeCashier(db(), "HZ-F01", "1001"));
    EXPECT_FALSE(delivered());
    EXPECT_TRUE(listCashiers(db(), "HZ-F01")->empty());
    EXPECT_EQ(setCashierActive(db(), "HZ-F01", "1001", true).error().code, ErrorCode::Conflict);
    EXPECT_EQ(setCashierActive(db(), "HZ-F01", "9999", false).error().code, ErrorCode::NotFound);
    ASSERT_TRUE(upsertCashier(db(), "HZ-F01", "1001", "王芳", "cashier", "1357"));
    EXPECT_TRUE(listCashiers(db(), "HZ-F01")->front().active);
}

} // namespace
} // namespace baidian::server
