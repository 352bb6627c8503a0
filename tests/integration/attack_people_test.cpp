// Attacks on the store-server (issue "Trust no till"): see docs/security.md, "People and keys".
// A curious regional manager, a user who should no longer get in, a PIN on the command line, the
// CA key and the central database on disk.
#include "baidian/pos/local_store.h"
#include "baidian/pos/sync_agent.h"
#include "network_fixture.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <sys/stat.h>

namespace baidian::testing {
namespace {

/// store-admin with a secret on standard input.
CommandResult adminWithSecret(const Network& net, const std::string& args,
                              const std::string& secret) {
    const auto path = net.file("secret");
    std::ofstream(path) << secret << "\n";
    return net.admin(args + " < " + quote(path));
}

unsigned permissions(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return 0777;
    return static_cast<unsigned>(st.st_mode) & 0777u;
}

std::string firstLine(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

/// One day of figures for NB-D01 (宁波), as the roll-up would have left them.
void ningboSold(const Network& net) {
    SQLite::Database db(net.serverDb(), SQLite::OPEN_READWRITE);
    db.setBusyTimeout(5000);
    db.exec("INSERT INTO agg_outlet_day(business_date, outlet_id, revenue_fen, sales_fen, "
            "return_fen, grams, tickets, return_tickets, late_tickets, lines, compliant_lines) "
            "SELECT date('now', '-2 days'), id, 123456, 123456, 0, 50000, 10, 0, 0, 10, 10 "
            "FROM outlet WHERE code = 'NB-D01'");
}

TEST(AttackPeople, ARegionalManagerGivenNoCitiesSeesNoOutletNotTheNetwork) {
    Network net;
    ningboSold(net);
    // Creating one with cities "," (or a city no outlet is in) is refused, saying why.
    const auto comma =
        adminWithSecret(net, "add-user --username wu --role regional --cities ,", "wu-pass-123");
    EXPECT_NE(comma.exitCode, 0) << comma.output;
    EXPECT_NE(comma.output.find("at least one city"), std::string::npos) << comma.output;
    const auto unknown = adminWithSecret(
        net, "add-user --username zhao --role regional --cities " + quote("上海"), "zhao-pass-12");
    EXPECT_NE(unknown.exitCode, 0) << unknown.output;
    EXPECT_NE(unknown.output.find("unknown city"), std::string::npos) << unknown.output;
    EXPECT_EQ(net.logIn("zhao", "zhao-pass-12"), "") << "a manager of an unknown city was created";

    // Whoever got created with no city anyway (by the old store-admin, or before cities were
    // checked) sees nothing: no outlet, no figures, no outlet page.
    if (comma.exitCode != 0) {
        ASSERT_EQ(
            adminWithSecret(net, "add-user --username wu --role regional --cities " + quote("杭州"),
                            "wu-pass-123")
                .exitCode,
            0);
        SQLite::Database db(net.serverDb(), SQLite::OPEN_READWRITE);
        db.setBusyTimeout(5000);
        db.exec("UPDATE app_user SET cities = ',' WHERE username = 'wu'");
    }
    const auto token = net.logIn("wu", "wu-pass-123");
    ASSERT_NE(token, "");
    const auto outlets = net.office(token, "GET", "/v1/office/outlets");
    EXPECT_EQ(outlets.status, 200);
    EXPECT_EQ(outlets.body.find("HZ-F01"), std::string::npos) << outlets.body;
    EXPECT_EQ(outlets.body.find("NB-D01"), std::string::npos) << outlets.body;
    const auto csv = net.office(token, "GET", "/v1/office/outlets.csv");
    EXPECT_EQ(csv.body.find("NB-D01"), std::string::npos) << csv.body;
    EXPECT_EQ(net.office(token, "GET", "/v1/office/outlets/NB-D01").status, 403);
    const auto dashboard = net.office(token, "GET", "/v1/office/dashboard");
    EXPECT_EQ(dashboard.status, 200) << dashboard.body;
    EXPECT_EQ(dashboard.body.find("123456"), std::string::npos)
        << "Ningbo's figures were shown: " << dashboard.body;

    // A regional manager of 杭州 sees 杭州 and nothing of 宁波.
    ASSERT_EQ(adminWithSecret(net,
                              "add-user --username hz --role regional --cities " + quote("杭州"),
                              "hz-pass-123")
                  .exitCode,
              0);
    const auto hz = net.logIn("hz", "hz-pass-123");
    const auto hzOutlets = net.office(hz, "GET", "/v1/office/outlets");
    EXPECT_NE(hzOutlets.body.find("HZ-F01"), std::string::npos) << hzOutlets.body;
    EXPECT_EQ(hzOutlets.body.find("NB-D01"), std::string::npos) << hzOutlets.body;
    EXPECT_EQ(net.office(hz, "GET", "/v1/office/dashboard").body.find("123456"), std::string::npos);
    const auto admin = net.logIn("admin", "admin-pass-1");
    EXPECT_NE(net.office(admin, "GET", "/v1/office/dashboard").body.find("123456"),
              std::string::npos)
        << "the admin sees the whole network";
}

TEST(AttackPeople, ADisabledUsersSessionIsRefusedAtOnce) {
    Network net;
    ASSERT_EQ(adminWithSecret(net,
                              "add-user --username hz --role regional --cities " + quote("杭州"),
                              "hz-pass-123")
                  .exitCode,
              0);
    const auto token = net.logIn("hz", "hz-pass-123");
    ASSERT_NE(token, "");
    ASSERT_EQ(net.office(token, "GET", "/v1/office/me").status, 200);

    const auto disabled = net.admin("disable-user --username hz");
    EXPECT_EQ(disabled.exitCode, 0) << disabled.output;
    EXPECT_EQ(net.office(token, "GET", "/v1/office/me").status, 401)
        << "the disabled user's session still works";
    EXPECT_EQ(net.office(token, "GET", "/v1/office/outlets").status, 401);
    EXPECT_EQ(net.logIn("hz", "hz-pass-123"), "") << "a disabled user logged in";

    ASSERT_EQ(net.admin("enable-user --username hz").exitCode, 0);
    const auto again = net.logIn("hz", "hz-pass-123");
    ASSERT_NE(again, "");
    const auto removed = net.admin("remove-user --username hz");
    EXPECT_EQ(removed.exitCode, 0) << removed.output;
    EXPECT_EQ(net.office(again, "GET", "/v1/office/me").status, 401)
        << "the removed user's session still works";
    EXPECT_EQ(net.logIn("hz", "hz-pass-123"), "");
}

TEST(AttackPeople, AChangedPasswordEndsTheOldSessions) {
    Network net;
    const auto token = net.logIn("admin", "admin-pass-1");
    ASSERT_NE(token, "");
    const auto changed = adminWithSecret(net, "set-password --username admin", "a-new-admin-pass");
    EXPECT_EQ(changed.exitCode, 0) << changed.output;
    EXPECT_EQ(net.office(token, "GET", "/v1/office/me").status, 401)
        << "a session opened with the old password still works";
    EXPECT_EQ(net.logIn("admin", "admin-pass-1"), "");
    EXPECT_NE(net.logIn("admin", "a-new-admin-pass"), "");
}

TEST(AttackPeople, APinOnTheCommandLineIsRefusedAndADisabledCashierReachesTillsInactive) {
    Network net;
    const auto onArgv = net.admin("add-cashier --outlet HZ-F01 --code 1003 --name " +
                                  quote("赵敏") + " --role cashier --pin 2468");
    EXPECT_NE(onArgv.exitCode, 0) << "a PIN was taken from the command line (visible in ps)";
    EXPECT_NE(onArgv.output.find("standard input"), std::string::npos) << onArgv.output;
    auto master = net.request("HZ-F01", "GET", "/v1/master?since=0");
    ASSERT_EQ(master.status, 200);
    EXPECT_EQ(master.body.find("\"1003\""), std::string::npos) << "the cashier was saved anyway";

    // The fixture's cashier 1002 (PIN given on standard input) logs in at a till, is disabled,
    // and the till refuses them after its next pull of master data.
    auto opened = pos::LocalStore::open(net.file("till.db"));
    ASSERT_TRUE(opened) << opened.error().message;
    auto till = std::move(opened).value();
    till.setJournalKey(net.journalKey("HZ-F01")); // its PIN verifiers are keyed with it
    pos::SyncAgent agent(till, net.endpoint("HZ-F01"));
    ASSERT_TRUE(agent.pull()) << "the till's first pull";
    EXPECT_TRUE(till.authenticate("1002", "2468").ok());
    const auto disabled = net.admin("disable-cashier --outlet HZ-F01 --code 1002");
    EXPECT_EQ(disabled.exitCode, 0) << disabled.output;
    master = net.request("HZ-F01", "GET", "/v1/master?since=0");
    const auto at = master.body.find("\"code\":\"1002\"");
    ASSERT_NE(at, std::string::npos) << master.body;
    const auto record = master.body.substr(at, master.body.find('}', at) - at);
    EXPECT_NE(record.find("\"active\":false"), std::string::npos) << record;
    ASSERT_TRUE(agent.pull());
    EXPECT_FALSE(till.authenticate("1002", "2468").ok()) << "the till let a disabled cashier in";
}

TEST(AttackPeople, TheCaKeyIsEncryptedAndIssuingNeedsItsPassphrase) {
    Network net;
    const auto key = net.pkiDir() + "/ca.key";
    EXPECT_NE(firstLine(key).find("ENCRYPTED"), std::string::npos) << firstLine(key);
    const auto bare = run("openssl pkey -in " + quote(key) + " -passin pass: -noout");
    EXPECT_NE(bare.exitCode, 0) << "the CA key opens without a passphrase";

    // Somebody with the files but not the passphrase cannot issue an outlet certificate.
    const auto out = net.file("stolen");
    const auto issued = run("env -u BAIDIAN_CA_PASSPHRASE " + storeAdminBinary() + " --db " +
                            quote(net.serverDb()) + " --pki " + quote(net.pkiDir()) +
                            " issue-cert --outlet HZ-F01 --out " + quote(out) + " </dev/null");
    EXPECT_NE(issued.exitCode, 0) << issued.output;
    EXPECT_FALSE(std::filesystem::exists(out + "/HZ-F01.crt"));
}

TEST(AttackPeople, TheServerDatabaseAndItsBackupsAreReadableByTheirOwnerOnly) {
    Network net;
    EXPECT_EQ(permissions(net.serverDb()), 0600u) << std::oct << permissions(net.serverDb());
    // Made under the usual umask 022, as an operator's shell would.
    const auto fresh = net.file("fresh.db");
    ASSERT_EQ(run("umask 022 && " + storeAdminBinary() + " --db " + quote(fresh) +
                  " export-outlets >/dev/null")
                  .exitCode,
              0);
    EXPECT_EQ(permissions(fresh), 0600u) << std::oct << permissions(fresh);
    const auto backup = net.file("backup.db");
    const auto done = run("umask 022 && " + storeAdminBinary() + " --db " + quote(net.serverDb()) +
                          " backup --to " + quote(backup));
    ASSERT_EQ(done.exitCode, 0) << done.output;
    EXPECT_EQ(permissions(backup), 0600u) << std::oct << permissions(backup);
}

} // namespace
} // namespace baidian::testing
