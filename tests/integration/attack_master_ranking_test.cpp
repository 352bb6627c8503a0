// Attacks on the store-server (issue "Trust no till"): see docs/security.md, "Master data to
// tills; ranking inputs; transfers". Each runs against a real store-server over mutual TLS.
#include "baidian/domain/time.h"
#include "baidian/protocol/codec.h"
#include "baidian/protocol/office.h"
#include "network_fixture.h"

#include <SQLiteCpp/Statement.h>
#include <fstream>
#include <map>

using namespace baidian;
using namespace baidian::pos;
using namespace baidian::pos::testing;
using baidian::testing::Network;
using baidian::testing::quote;
using baidian::testing::run;

namespace {

std::string repeat(const std::string& piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i)
        out += piece;
    return out;
}

std::string todayInChina() {
    return domain::businessDate(std::chrono::system_clock::now());
}

/// pos-sync for `outlet`'s terminal 1 on the till database `db` (set up on its first run).
baidian::testing::CommandResult posSync(const Network& net, const std::string& outlet,
                                        const std::string& db) {
    const auto certs = net.certsDir(outlet) + "/" + outlet;
    return run(baidian::testing::posSyncBinary() + " --db " + quote(db) +
               " --server localhost:" + std::to_string(net.port()) + " --ca " +
               quote(net.pkiDir() + "/ca.crt") + " --cert " + quote(certs + ".crt") + " --key " +
               quote(certs + ".key") + " --outlet " + outlet + " --terminal 1");
}

std::int64_t scalar(const std::string& path, const std::string& sql, const std::string& arg) {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    SQLite::Statement q(db, sql);
    q.bind(1, arg);
    return q.executeStep() ? q.getColumn(0).getInt64() : -1;
}

/// Head office through the office API, as head_office_test does: log in as the fixture's admin.
class Office {
public:
    explicit Office(const Network& net)
        : m_net(net) {
        const auto answer = net.request("", "POST", "/v1/session",
                                        R"({"username":"admin","password":"admin-pass-1"})");
        auto session = protocol::decodeSession(answer.body);
        EXPECT_TRUE(session.ok()) << answer.status << " " << answer.body;
        if (session)
            m_token = session->token;
    }

    baidian::testing::HttpAnswer call(const std::string& method, const std::string& path,
                                      const std::string& body = "",
                                      const std::string& type = "text/csv") const {
        const std::string bodyFile = m_net.file("office-body");
        std::string cmd = "curl -sS -w '\\n%{http_code}' --cacert " +
                          quote(m_net.pkiDir() + "/ca.crt") + " -X " + method + " -H " +
                          quote("Authorization: Bearer " + m_token);
        if (!body.empty()) {
            std::ofstream(bodyFile, std::ios::binary) << body;
            cmd += " -H " + quote("Content-Type: " + type) + " --data-binary @" + quote(bodyFile);
        }
        const auto done =
            run(cmd + " " + quote("https://localhost:" + std::to_string(m_net.port()) + path));
        baidian::testing::HttpAnswer answer;
        const auto cut = done.output.rfind('\n');
        answer.body = done.output.substr(0, cut == std::string::npos ? 0 : cut);
        try {
            answer.status = std::stoi(done.output.substr(cut == std::string::npos ? 0 : cut + 1));
        } catch (const std::exception&) {
            answer.status = 0;
        }
        return answer;
    }

    /// The outlet's sync_timeliness (bp) in the ranking of `period`, computed now; nullopt when
    /// not measured (no day due yet).
    std::optional<std::int64_t> syncTimeliness(const std::string& period,
                                               const std::string& outlet) const {
        const auto computed = call("POST", "/v1/office/ranking/compute?period=" + period);
        EXPECT_EQ(computed.status, 200) << computed.body;
        const auto answer = call("GET", "/v1/office/ranking?period=" + period);
        auto ranking = protocol::decodeRanking(answer.body);
        EXPECT_TRUE(ranking.ok()) << answer.body;
        if (!ranking)
            return std::nullopt;
        for (const auto& e : ranking->entries)
            if (e.outlet == outlet)
                for (const auto& m : e.metrics)
                    if (m.metric == "sync_timeliness")
                        return m.value;
        ADD_FAILURE() << "no sync_timeliness for " << outlet << " in " << answer.body;
        return std::nullopt;
    }

private:
    const Network& m_net;
    std::string m_token;
};

/// An outlet open since 1 January of this year, with its certificate: its days of this year
/// are due in the ranking of the year.
void addOutletOpenAllYear(Network& net, const std::string& code) {
    const auto opened = todayInChina().substr(0, 4) + "-01-01";
    ASSERT_EQ(net.admin("add-outlet --code " + code + " --name " + quote("上海南京路旗舰店") +
                        " --type flagship --city " + quote("上海") + " --opened " + opened)
                  .exitCode,
              0);
    ASSERT_EQ(
        net.admin("issue-cert --outlet " + code + " --out " + quote(net.certsDir(code))).exitCode,
        0);
}

/// A till of `outlet` that took head office's master data and sells 库尔勒香梨 (PLU 12347) now.
struct Till1 {
    Till1(Network& net, const std::string& outlet)
        : store(LocalStore::open(net.file(outlet + "-till.db")).value())
        , agent(store, net.endpoint(outlet)) {
        EXPECT_TRUE(store.setTerminal({outlet, outlet, 1}).ok());
        EXPECT_TRUE(agent.pull().ok());
        EXPECT_TRUE(store.addCashier("1001", "李娜", Role::Cashier, "1234").ok());
        till = std::make_unique<Till>(store, clock);
        EXPECT_TRUE(till->login("1001", "1234").ok());
        EXPECT_TRUE(till->openShift(Fen(0)).ok());
    }
    void sell() {
        clock.set(std::chrono::system_clock::now());
        ASSERT_TRUE(till->addByPlu("12347", 0, Grams(1000), WeightSource::Scale).ok());
        ASSERT_TRUE(till->addTender(TenderKind::Cash, Fen(2000)).ok());
        ASSERT_TRUE(till->complete().ok());
    }
    LocalStore store;
    SyncAgent agent;
    baidian::domain::ManualClock clock{std::chrono::system_clock::now()};
    std::unique_ptr<Till> till;
};

} // namespace

// Head office's catalog holds one product no till can take (a 300-character name, put into
// server.db the way an old import or a direct edit would): every till's nightly pull used to
// fail (exit 2) night after night. Now each till takes the rest, skips that one and names it.
TEST(AttackMasterData, OneProductNoTillCanTakeNoLongerStopsEveryTillsPull) {
    Network net;
    {
        SQLite::Database db(net.serverDb(), SQLite::OPEN_READWRITE);
        db.exec("UPDATE master_version SET version = version + 1");
        SQLite::Statement q(db, "INSERT INTO product(sku, name, pinyin, sale_unit, price_fen, "
                                "price_basis, plu, active, version) VALUES ('AKS-LONG-01', ?, '', "
                                "'each', 990, 'unit', NULL, 1, (SELECT version FROM "
                                "master_version))");
        q.bind(1, repeat("香", 300));
        q.exec();
    }
    ASSERT_EQ(net.admin("add-product --sku AKS-DATE-01 --name " + quote("阿克苏灰枣") +
                        " --unit weight --price 18.00 --basis jin --plu 10021")
                  .exitCode,
              0);
    for (const std::string outlet : {"HZ-F01", "NB-D01"}) {
        const auto till = net.file(outlet + ".db");
        for (int night = 1; night <= 2; ++night) {
            const auto sync = posSync(net, outlet, till);
            EXPECT_EQ(sync.exitCode, 0) << outlet << " night " << night << ": " << sync.output;
            // The skipped record is named every night until head office corrects it.
            EXPECT_NE(sync.output.find("AKS-LONG-01"), std::string::npos) << sync.output;
            EXPECT_NE(sync.output.find("name"), std::string::npos) << sync.output;
        }
        const std::string sql = "SELECT COUNT(*) FROM product WHERE sku = ?";
        EXPECT_EQ(scalar(till, sql, "AKS-PEA-01"), 1) << outlet << " took the good products";
        EXPECT_EQ(scalar(till, sql, "AKS-DATE-01"), 1) << outlet;
        EXPECT_EQ(scalar(till, sql, "AKS-LONG-01"), 0) << outlet;
    }
}

// Head office cannot put such a record in: store-admin add-product, the catalog import and the
// office API's import refuse it, naming the row and the field, and save nothing.
TEST(AttackMasterData, HeadOfficeRefusesAProductNoTillCouldTake) {
    Network net;
    const auto longName = repeat("香", 300);
    const auto added = net.admin("add-product --sku AKS-LONG-02 --name " + quote(longName) +
                                 " --unit each --price 9.90 --basis unit");
    EXPECT_NE(added.exitCode, 0) << added.output;
    EXPECT_NE(added.output.find("name: is 900 bytes long"), std::string::npos) << added.output;

    const std::string csv = "sku,name,sale_unit,price,price_basis,plu\n"
                            "AKS-GOOD-01,馕,each,8.00,unit,\n"
                            "AKS-LONG-03," +
                            longName + ",each,9.90,unit,\n";
    const auto file = net.file("catalog.csv");
    std::ofstream(file) << csv;
    const auto imported = net.admin("import-catalog " + quote(file));
    EXPECT_NE(imported.exitCode, 0) << imported.output;
    EXPECT_NE(imported.output.find("row 3"), std::string::npos) << imported.output;
    EXPECT_NE(imported.output.find("name: is 900 bytes long"), std::string::npos)
        << imported.output;

    const auto office = Office(net).call("POST", "/v1/office/catalog.csv", csv);
    EXPECT_EQ(office.status, 400) << office.body;
    EXPECT_NE(office.body.find("row 3"), std::string::npos) << office.body;

    const std::string sql = "SELECT COUNT(*) FROM product WHERE sku LIKE ?";
    EXPECT_EQ(scalar(net.serverDb(), sql, "AKS-LONG-%"), 0);
    EXPECT_EQ(scalar(net.serverDb(), sql, "AKS-GOOD-%"), 0) << "all or nothing";
}

// An outlet pre-reconciles future days, which then counted as "on time" in the ranking.
TEST(AttackRanking, ReconcilesOfFutureDaysAreRefusedAndNeverCountOnTime) {
    Network net;
    addOutletOpenAllYear(net, "SH-F07");
    const auto today = todayInChina();
    for (const int ahead : {2, 3, 4, 5, 6, 7, 8, 9, 400}) {
        const auto date = domain::addDays(today, ahead);
        const auto answer = net.request("SH-F07", "GET", "/v1/reconcile?terminal=1&date=" + date);
        EXPECT_EQ(answer.status, 400) << date << ": " << answer.body;
        EXPECT_EQ(scalar(net.serverDb(),
                         "SELECT COUNT(*) FROM reconciled_day WHERE business_date = ?", date),
                  0)
            << date << " was recorded";
    }
    // Tomorrow is still answered (a till's clock a little ahead), and today of course.
    EXPECT_EQ(
        net.request("SH-F07", "GET", "/v1/reconcile?terminal=1&date=" + domain::addDays(today, 1))
            .status,
        200);
    const auto timeliness = Office(net).syncTimeliness(today.substr(0, 4), "SH-F07");
    if (timeliness) { // absent only on the year's first day or two, when no day is due yet
        EXPECT_EQ(*timeliness, 0) << "no day of SH-F07 was reconciled with its sales in";
    }
}

// An outlet reconciles its day before uploading the day's sales: the reconcile proved nothing,
// yet the day counted as on time.
TEST(AttackRanking, AReconcileBeforeTheDaysSalesWereInIsNotOnTime) {
    Network net;
    addOutletOpenAllYear(net, "SH-F07");
    const auto today = todayInChina();
    const auto year = today.substr(0, 4);
    const std::string reconcile = "/v1/reconcile?terminal=1&date=" + today;
    Till1 till(net, "SH-F07");

    ASSERT_EQ(net.request("SH-F07", "GET", reconcile).status, 200); // nothing is in yet
    till.sell();
    till.sell();
    ASSERT_EQ(till.agent.push().value().stored, 2); // and no reconcile after them
    Office office(net);
    auto timeliness = office.syncTimeliness(year, "SH-F07");
    if (!timeliness)
        GTEST_SKIP() << "no day of " << year << " is due yet";
    EXPECT_EQ(*timeliness, 0) << "the day was reconciled before its sales were in";

    // A reconcile with some of the day's sales in, then more arrive: still not on time.
    ASSERT_EQ(net.request("SH-F07", "GET", reconcile).status, 200);
    till.sell();
    ASSERT_EQ(till.agent.push().value().stored, 1);
    EXPECT_EQ(office.syncTimeliness(year, "SH-F07"), 0) << "a sale came in after the reconcile";

    // The honest nightly job, sales first and then the reconcile, is on time.
    ASSERT_EQ(net.request("SH-F07", "GET", reconcile).status, 200);
    EXPECT_GT(office.syncTimeliness(year, "SH-F07").value_or(0), 0);
}

// Outlet NB-D01 poisons HZ-F01's incoming transfers: a positive transfer_out to HZ-F01 became
// "units: -5" in HZ-F01's list, which the till refused whole; a transfer_out reusing HZ-F01's
// transfer id added to its manifest; one mistyped movement refused the whole batch.
TEST(AttackTransfers, AnotherOutletCannotPoisonIncomingTransfers) {
    Network net;
    const auto movement = [](const std::string& uuid, const std::string& kind,
                             const std::string& units, const std::string& document,
                             const std::string& other) {
        return R"({"uuid":")" + uuid + R"(","sku":"AKS-PEA-01","lot":null,"origin_base":null,)" +
               R"("kind":")" + kind + R"(","units":)" + units + R"(,"grams":0,"document":")" +
               document + R"(","other_outlet":")" + other +
               R"(","reason":null,"at":"2026-11-30T02:00:00Z"})";
    };
    const auto batch = [](const std::string& outlet, const std::vector<std::string>& rows) {
        std::string out = R"({"v":1,"outlet":")" + outlet + R"(","terminal":1,"movements":[)";
        for (std::size_t i = 0; i < rows.size(); ++i)
            out += (i ? "," : "") + rows[i];
        return out + "]}";
    };
    // HZ-F01 honestly sends 2 pears to NB-D01.
    auto honest =
        net.request("HZ-F01", "POST", "/v1/movements",
                    batch("HZ-F01", {movement("hz-1", "transfer_out", "-2", "t-hz-1", "NB-D01")}));
    ASSERT_EQ(honest.status, 200) << honest.body;

    // NB-D01 "sends" HZ-F01 minus 5 pears, alone in its batch.
    const auto poison =
        net.request("NB-D01", "POST", "/v1/movements",
                    batch("NB-D01", {movement("nb-1", "transfer_out", "5", "t-nb-1", "HZ-F01")}));
    EXPECT_EQ(poison.status, 200) << poison.body;
    EXPECT_NE(poison.body.find("quarantined"), std::string::npos) << poison.body;
    // Then a batch of odd ones beside an honest one.
    const auto attack = net.request(
        "NB-D01", "POST", "/v1/movements",
        batch("NB-D01",
              {movement("nb-2", "teleport", "-1", "t-nb-2", "HZ-F01"),        // unknown kind
               movement("nb-3", "transfer_out", "-1", "t-nb-3", "XX-NONE"),   // no such outlet
               movement("nb-4", "transfer_out", "-1", "t-nb-4", "NB-D01"),    // to itself
               movement("nb-5", "transfer_out", "-50", "t-hz-1", "HZ-F01"),   // HZ's transfer id
               movement("nb-6", "transfer_out", "\"5\"", "t-nb-6", "HZ-F01"), // mistyped
               movement("nb-7", "shrink", "-1", "", "")}));                   // honest
    EXPECT_EQ(attack.status, 200) << "one bad movement refused the whole batch: " << attack.body;
    std::map<std::string, std::string> status;
    for (const auto& body : {poison.body, attack.body})
        if (auto result = protocol::decodeSaleBatchResult(body))
            for (const auto& r : result->results)
                status[r.uuid] = r.status;
    for (const std::string uuid : {"nb-1", "nb-2", "nb-3", "nb-4", "nb-5", "nb-6"})
        EXPECT_EQ(status[uuid], "quarantined") << uuid << ": " << attack.body;
    EXPECT_EQ(status["nb-7"], "stored") << attack.body;
    // Each quarantined movement is kept whole, with the rule it broke.
    const auto kept = [&](const std::string& sql) {
        SQLite::Database db(net.serverDb(), SQLite::OPEN_READONLY);
        try {
            return db.execAndGet(sql).getInt64();
        } catch (const SQLite::Exception& e) {
            ADD_FAILURE() << e.what();
            return std::int64_t{-1};
        }
    };
    EXPECT_EQ(kept("SELECT COUNT(*) FROM movement_quarantine WHERE rule != '' AND "
                   "body LIKE '%\"uuid\":\"nb-%'"),
              6);
    EXPECT_EQ(kept("SELECT COUNT(*) FROM movement WHERE uuid LIKE 'nb-%'"), 1);

    // HZ-F01's list is unharmed (nothing is on its way to it), and its till reads it whole.
    const auto incomingHz = net.request("HZ-F01", "GET", "/v1/transfers/incoming");
    EXPECT_EQ(incomingHz.status, 200);
    const auto listHz = protocol::decodeIncomingTransfers(incomingHz.body).value();
    EXPECT_TRUE(listHz.transfers.empty()) << incomingHz.body;
    EXPECT_TRUE(listHz.skipped.empty()) << incomingHz.body;
    // NB-D01 receives exactly what HZ-F01 sent: 2 pears, not 52.
    const auto incomingNb = net.request("NB-D01", "GET", "/v1/transfers/incoming");
    const auto listNb = protocol::decodeIncomingTransfers(incomingNb.body).value();
    ASSERT_EQ(listNb.transfers.size(), 1u) << incomingNb.body;
    EXPECT_EQ(listNb.transfers[0].fromOutlet, "HZ-F01");
    ASSERT_EQ(listNb.transfers[0].lines.size(), 1u);
    EXPECT_EQ(listNb.transfers[0].lines[0].units, 2) << incomingNb.body;
}
