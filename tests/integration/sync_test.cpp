// Sync over mutual TLS against a real store-server process.
#include "baidian/protocol/codec.h"
#include "network_fixture.h"

#include <SQLiteCpp/Statement.h>
#include <atomic>
#include <fstream>
#include <signal.h>
#include <thread>

using namespace baidian;
using namespace baidian::pos;
using namespace baidian::pos::testing;
using baidian::testing::Network;

namespace {

class SyncTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_store = std::make_unique<LocalStore>(LocalStore::open(m_tillPath).value());
        // Provisioned as a till is: its journal key beside its certificate (keyed journal,
        // keyed PIN verifiers from head office).
        m_store->setJournalKey(m_net.journalKey("HZ-F01"));
        seedTill(*m_store);
        m_till = std::make_unique<Till>(*m_store, m_clock);
        ASSERT_TRUE(m_till->login("1001", "1234").ok());
        ASSERT_TRUE(m_till->openShift(Fen(50000)).ok());
    }

    /// A day of trading: `count` sales through the day, every fifth with WeChat.
    void sellDay(int count) {
        for (int i = 0; i < count; ++i) {
            m_clock.advance(std::chrono::minutes(7));
            ASSERT_TRUE(m_till->scan(kApplesLabel1500g).ok());
            if (i % 3 == 0) {
                ASSERT_TRUE(m_till->scan(kWalnutEan).ok());
            }
            if (i % 5 == 0) {
                ASSERT_TRUE(
                    m_till->addTender(TenderKind::WeChat, Fen(1000), "WX" + std::to_string(i))
                        .ok());
            }
            ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(10000)).ok());
            ASSERT_TRUE(m_till->complete().ok());
        }
    }

    std::int64_t localCount(const std::string& sql) {
        return m_store->database().execAndGet(sql).getInt64();
    }

    Network m_net;
    std::string m_tillPath = m_net.file("till.db");
    baidian::domain::ManualClock m_clock{
        baidian::domain::parseLocalDateTime("2026-11-30 08:00:00")};
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<Till> m_till;
};

} // namespace

TEST_F(SyncTest, TillOfflineForADaySyncsEverySaleExactlyOnce) {
    sellDay(60);
    // The network is down all day: every attempt fails cleanly, nothing is marked sent.
    auto down = m_net.endpoint("HZ-F01");
    down.port = "1"; // nothing listens there
    SyncAgent offline(*m_store, down);
    auto failed = offline.push();
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, ErrorCode::Unavailable);
    EXPECT_EQ(offline.pending(), 60);

    // The evening's sync, in batches of 25.
    std::vector<std::string> progress;
    SyncAgent agent(*m_store, m_net.endpoint("HZ-F01"),
                    [&](const std::string& line) { progress.push_back(line); });
    auto pushed = agent.push(25).value();
    EXPECT_EQ(pushed.sent, 60);
    EXPECT_EQ(pushed.stored, 60);
    EXPECT_EQ(pushed.batches, 3);
    EXPECT_TRUE(pushed.quarantined.empty());
    EXPECT_TRUE(pushed.journalBreaks.empty());
    EXPECT_EQ(pushed.pendingAfter, 0);
    EXPECT_EQ(progress.back(), "push: 60/60 sent");
    EXPECT_EQ(m_net.serverSales(), 60);

    // Again: nothing to send, nothing doubled; the day reconciles.
    EXPECT_EQ(agent.push().value().sent, 0);
    EXPECT_EQ(m_net.serverSales(), 60);
    auto rec = agent.reconcile("2026-11-30").value();
    EXPECT_TRUE(rec.matches());
    EXPECT_EQ(rec.local.count, 60);
    EXPECT_EQ(rec.server.totalFen, rec.local.totalFen);
    EXPECT_EQ(rec.server.journalHead, rec.local.journalHead);
    EXPECT_EQ(rec.server.lastSeq, 60);
}

TEST_F(SyncTest, ATimeoutAfterTheServerCommittedDoesNotDuplicate) {
    sellDay(10);
    // Send the batch but lose the answer: the outbox is not marked (exactly what a timeout does).
    {
        // A copy of the till sends exactly what the till would; the till itself never hears back.
        const std::string copy = m_net.file("till-copy.db");
        m_store->database().backup(copy.c_str(), SQLite::Database::Save);
        auto twin = LocalStore::open(copy).value();
        SyncAgent sender(twin, m_net.endpoint("HZ-F01"));
        ASSERT_EQ(sender.push().value().stored, 10);
    }
    EXPECT_EQ(m_net.serverSales(), 10);
    EXPECT_EQ(localCount("SELECT count(*) FROM outbox WHERE acked_at IS NULL"), 10);
    // The till retries: every sale comes back as a duplicate with its original sequence.
    SyncAgent agent(*m_store, m_net.endpoint("HZ-F01"));
    auto retry = agent.push().value();
    EXPECT_EQ(retry.duplicates, 10);
    EXPECT_EQ(retry.stored, 0);
    EXPECT_EQ(m_net.serverSales(), 10);
    EXPECT_EQ(localCount("SELECT count(*) FROM outbox WHERE status = 'duplicate'"), 10);
    EXPECT_TRUE(agent.reconcile("2026-11-30").value().matches());
}

TEST_F(SyncTest, ARevokedCertificateIsRefusedAtTheNextHandshake) {
    sellDay(3);
    SyncAgent agent(*m_store, m_net.endpoint("HZ-F01"));
    ASSERT_EQ(agent.push().value().stored, 3);
    sellDay(2);
    const auto revoked = m_net.admin(
        "revoke --cert " + baidian::testing::quote(m_net.certsDir("HZ-F01") + "/HZ-F01.crt"));
    ASSERT_EQ(revoked.exitCode, 0) << revoked.output;
    SyncAgent again(*m_store, m_net.endpoint("HZ-F01")); // a new connection, a new handshake
    auto refused = again.push();
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Unavailable);
    EXPECT_NE(refused.error().message.find("refused the TLS connection"), std::string::npos)
        << refused.error().message;
    EXPECT_NE(refused.error().message.find("revoked"), std::string::npos)
        << refused.error().message;
    EXPECT_EQ(again.pending(), 2);
    EXPECT_EQ(m_net.serverSales(), 3);
    // A renewed certificate works again and the two waiting sales arrive once.
    ASSERT_EQ(m_net
                  .admin("issue-cert --outlet HZ-F01 --out " +
                         baidian::testing::quote(m_net.certsDir("HZ-F01")))
                  .exitCode,
              0);
    SyncAgent renewed(*m_store, m_net.endpoint("HZ-F01"));
    EXPECT_EQ(renewed.push().value().stored, 2);
    EXPECT_EQ(m_net.serverSales(), 5);
}

TEST_F(SyncTest, AnOutletsCertificateCannotUploadAnotherOutletsSales) {
    sellDay(4);
    // The Ningbo store's certificate with Hangzhou's sales.
    const std::string copy = m_net.file("till-nb.db");
    m_store->database().backup(copy.c_str(), SQLite::Database::Save);
    auto twin = LocalStore::open(copy).value();
    SyncAgent impostor(twin, m_net.endpoint("NB-D01"));
    auto refused = impostor.push();
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Conflict);
    EXPECT_NE(refused.error().message.find("403"), std::string::npos) << refused.error().message;
    EXPECT_NE(refused.error().message.find("NB-D01"), std::string::npos);
    EXPECT_EQ(m_net.serverSales(), 0);
    EXPECT_EQ(impostor.pending(), 4);
}

TEST_F(SyncTest, MalformedTruncatedAndOversizedBodiesGetA4xxAndChangeNothing) {
    sellDay(2);
    SyncAgent agent(*m_store, m_net.endpoint("HZ-F01"));
    ASSERT_EQ(agent.push().value().stored, 2);
    HttpsClient client(m_net.endpoint("HZ-F01"));
    const std::string good = protocol::encode(protocol::SaleBatch{"HZ-F01", 1, {}});
    const std::vector<std::pair<std::string, int>> cases = {
        {"{\"v\":1,\"outlet\":\"HZ-F01\",\"terminal\":1,\"sales\":[{\"uuid\":", 400},
        {"not json at all", 400},
        {"{\"v\":1,\"outlet\":\"HZ-F01\",\"terminal\":\"one\",\"sales\":[]}", 400},
        {"{\"v\":2,\"outlet\":\"HZ-F01\",\"terminal\":1,\"sales\":[]}", 400},
        {std::string(9 * 1024 * 1024, '['), 413},
    };
    for (const auto& [body, status] : cases) {
        HttpsClient fresh(m_net.endpoint("HZ-F01"));
        auto response = fresh.post("/v1/sales", body);
        ASSERT_TRUE(response.ok()) << response.error().message;
        EXPECT_EQ(response->status, status) << body.substr(0, 60);
        EXPECT_NE(response->body.find("\"error\""), std::string::npos);
    }
    EXPECT_EQ(client.get("/v1/nowhere").value().status, 404);
    EXPECT_EQ(client.get("/v1/sales").value().status, 405);
    EXPECT_EQ(client.get("/v1/master?since=abc").value().status, 400);
    EXPECT_EQ(m_net.serverSales(), 2);
    // The server is still healthy and serves the same connection afterwards.
    EXPECT_EQ(client.get("/healthz").value().status, 200);

    // A batch whose money does not add up: the bad sale is quarantined, the good one stored.
    sellDay(2);
    m_store->database().exec("UPDATE sale SET total_fen = total_fen + 1 WHERE seq = 3");
    SyncAgent mixed(*m_store, m_net.endpoint("HZ-F01"));
    auto result = mixed.push().value();
    EXPECT_EQ(result.stored, 1);
    ASSERT_EQ(result.quarantined.size(), 1u);
    EXPECT_NE(result.quarantined[0].find("HZ-F01-01-000003"), std::string::npos);
    EXPECT_EQ(mixed.pending(), 0); // the queue goes on
    EXPECT_EQ(m_net.serverSales(), 3);
    SQLite::Database server(m_net.serverDb(), SQLite::OPEN_READONLY);
    EXPECT_EQ(server.execAndGet("SELECT receipt_no FROM quarantine").getString(),
              "HZ-F01-01-000003");
}

TEST_F(SyncTest, TwoSyncRunsForTheSameTerminalAtOnceDoNotDuplicate) {
    sellDay(80);
    auto pushFrom = [&](std::int64_t& stored, std::int64_t& duplicates) {
        auto store = LocalStore::open(m_tillPath).value();
        SyncAgent agent(store, m_net.endpoint("HZ-F01"));
        auto r = agent.push(10);
        if (r) {
            stored = r->stored;
            duplicates = r->duplicates;
        }
    };
    std::int64_t s1 = -1, d1 = -1, s2 = -1, d2 = -1;
    std::thread a(pushFrom, std::ref(s1), std::ref(d1));
    std::thread b(pushFrom, std::ref(s2), std::ref(d2));
    a.join();
    b.join();
    EXPECT_EQ(m_net.serverSales(), 80);
    EXPECT_EQ(s1 + s2, 80) << "each sale stored by exactly one of the runs";
    EXPECT_GE(s1, 0);
    EXPECT_GE(s2, 0);
    EXPECT_EQ(localCount("SELECT count(*) FROM outbox WHERE acked_at IS NULL"), 0);
    SyncAgent agent(*m_store, m_net.endpoint("HZ-F01"));
    EXPECT_TRUE(agent.reconcile("2026-11-30").value().matches());
}

TEST_F(SyncTest, SurvivesAServerRestartBetweenBatches) {
    sellDay(30);
    SyncAgent agent(*m_store, m_net.endpoint("HZ-F01"));
    ASSERT_EQ(agent.push(10).value().stored, 30);
    sellDay(5);
    EXPECT_EQ(m_net.stopServer(), 0) << "SIGTERM stops the server cleanly";
    auto down = agent.push();
    ASSERT_FALSE(down.ok());
    EXPECT_EQ(agent.pending(), 5);
    m_net.startServer(); // same port
    EXPECT_EQ(agent.push().value().stored, 5);
    EXPECT_EQ(m_net.serverSales(), 35);
}

TEST_F(SyncTest, PosSyncReconcilesAndNamesASaleMissingOnTheServer) {
    sellDay(6);
    m_till.reset();
    const auto e = m_net.endpoint("HZ-F01");
    const std::string command =
        baidian::testing::posSyncBinary() + " --db " + baidian::testing::quote(m_tillPath) +
        " --server localhost:" + e.port + " --ca " + baidian::testing::quote(e.caFile) +
        " --cert " + baidian::testing::quote(e.certFile) + " --key " +
        baidian::testing::quote(e.keyFile) + " --date 2026-11-30";
    auto first = baidian::testing::run(command);
    EXPECT_EQ(first.exitCode, 0) << first.output;
    EXPECT_NE(first.output.find("push: 6/6 sent"), std::string::npos) << first.output;
    EXPECT_NE(first.output.find("pull: master data"), std::string::npos);
    EXPECT_NE(first.output.find("summary: OK, everything reconciled"), std::string::npos);
    // Master data came down: the pear from head office and the cashier added there.
    EXPECT_TRUE(m_store->productBySku("AKS-PEA-01").has_value());
    EXPECT_TRUE(m_store->authenticate("1002", "2468").ok());

    // Someone deletes a sale on the server by hand.
    {
        SQLite::Database server(m_net.serverDb(), SQLite::OPEN_READWRITE);
        server.exec("PRAGMA foreign_keys=OFF; DELETE FROM tender WHERE sale_id = (SELECT id FROM "
                    "sale WHERE seq = 4);"
                    "DELETE FROM sale_line WHERE sale_id = (SELECT id FROM sale WHERE seq = 4);"
                    "DELETE FROM sale WHERE seq = 4;");
    }
    auto second = baidian::testing::run(command);
    EXPECT_EQ(second.exitCode, 4) << second.output;
    EXPECT_NE(second.output.find(
                  "receipt HZ-F01-01-000004 was acknowledged but is missing on the server"),
              std::string::npos)
        << second.output;
}

TEST_F(SyncTest, ShiftReportsAreUploadedOnce) {
    sellDay(3);
    auto x = m_till->xReport().value();
    ASSERT_TRUE(m_till->closeShift(x.expected).ok());
    SyncAgent agent(*m_store, m_net.endpoint("HZ-F01"));
    ASSERT_TRUE(agent.push().ok());
    EXPECT_EQ(agent.uploadShifts().value().uploaded, 1);
    EXPECT_EQ(agent.uploadShifts().value().uploaded, 0);
    SQLite::Database server(m_net.serverDb(), SQLite::OPEN_READONLY);
    EXPECT_EQ(server.execAndGet("SELECT count(*) FROM shift_report").getInt(), 1);
}

// A reinstalled till restarting its shift numbers: head office keeps the second report beside
// the first, and the till's sync says so instead of calling it uploaded like any other.
TEST_F(SyncTest, AZReportUnderATakenShiftNumberIsReportedByTheSync) {
    sellDay(2);
    ASSERT_TRUE(m_till->closeShift(m_till->xReport().value().expected).ok());
    SyncAgent agent(*m_store, m_net.endpoint("HZ-F01"));
    ASSERT_TRUE(agent.push().ok());
    auto first = agent.uploadShifts().value();
    EXPECT_EQ(first.uploaded, 1);
    EXPECT_TRUE(first.conflicts.empty());
    // The same shift number with another report, as a reinstalled till would send it.
    m_store->database().exec("UPDATE shift SET float_fen = float_fen + 100, uploaded_at = NULL");
    auto second = agent.uploadShifts().value();
    EXPECT_EQ(second.uploaded, 1);
    ASSERT_EQ(second.conflicts.size(), 1u);
    SQLite::Database server(m_net.serverDb(), SQLite::OPEN_READONLY);
    EXPECT_EQ(server.execAndGet("SELECT count(*) FROM shift_report").getInt(), 1);
    EXPECT_EQ(server.execAndGet("SELECT count(*) FROM shift_report_conflict").getInt(), 1);
}

// A sale that never reached head office (its outbox row lost) leaves a hole in the server's
// sequence of the terminal; the reconcile names it, a quarantined sale does not count as one.
TEST_F(SyncTest, AHoleInTheServersSequenceIsReportedByTheReconcile) {
    sellDay(4);
    m_store->database().exec("DELETE FROM outbox WHERE seq = 2");
    SyncAgent agent(*m_store, m_net.endpoint("HZ-F01"));
    ASSERT_TRUE(agent.push().ok());
    auto rec = agent.reconcile("2026-11-30").value();
    EXPECT_EQ(rec.serverMissingSeqs, 1);
    EXPECT_EQ(rec.unexplainedGaps(), 1);
    EXPECT_EQ(rec.server.count, rec.local.count); // the day's counts alone would hide it
}

TEST_F(SyncTest, AServerKilledMidPushLosesNothingAndDoublesNothing) {
    sellDay(200);
    std::atomic<bool> done{false};
    std::thread pusher([&] {
        auto store = LocalStore::open(m_tillPath).value();
        SyncAgent agent(store, m_net.endpoint("HZ-F01"));
        (void)agent.push(5); // dies with the server part-way
        done = true;
    });
    // Let some batches land, then kill -9 the server while the agent is pushing.
    for (int i = 0; i < 500 && m_net.serverSales() < 20; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(m_net.stopServer(SIGKILL), 128 + SIGKILL);
    pusher.join();
    const auto acknowledged = localCount("SELECT count(*) FROM outbox WHERE acked_at IS NOT NULL");
    EXPECT_LE(acknowledged, m_net.serverSales()) << "every acknowledged sale is on the server";
    m_net.startServer();
    SyncAgent agent(*m_store, m_net.endpoint("HZ-F01"));
    const auto rest = agent.push().value();
    EXPECT_EQ(rest.pendingAfter, 0);
    EXPECT_EQ(m_net.serverSales(), 200);
    EXPECT_TRUE(agent.reconcile("2026-11-30").value().matches());
}

// Issue 16: the till said 在线 while the server was down: with nothing to send, a pass made no
// request, so "online" was the news of the last sale's push. Now each pass pulls head office's
// master data (which also brings its changes during the day), and an idle till whose server
// stops answering turns offline within a few intervals.
TEST_F(SyncTest, AnIdleTillSeesTheServerGoAndTakesHeadOfficesChangesDuringTheDay) {
    BackgroundSync background(m_tillPath, m_net.endpoint("HZ-F01"), std::chrono::seconds(1));
    background.start();
    for (int i = 0; i < 500 && !background.online(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(background.online());
    { std::ofstream(m_net.file("keys.csv")) << "type,category,sku\nflagship,梨,AKS-PEA-01\n"; }
    const auto imported = m_net.admin("import-quick-keys " + m_net.file("keys.csv"));
    ASSERT_EQ(imported.exitCode, 0) << imported.output;
    for (int i = 0; i < 500 && m_store->quickKeys().empty(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_EQ(m_store->quickKeys().size(), 1u) << "head office's grid did not reach the till";
    EXPECT_EQ(m_net.stopServer(), 0); // nothing to send: the till is idle
    for (int i = 0; i < 800 && background.online(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_FALSE(background.online()) << "still online 8 s after the server went";
    background.stop();
    m_net.startServer();
}

TEST_F(SyncTest, TheTillsBackgroundSyncDrainsOnceTheServerIsBack) {
    EXPECT_EQ(m_net.stopServer(), 0);
    BackgroundSync background(m_tillPath, m_net.endpoint("HZ-F01"), std::chrono::seconds(1));
    background.start();
    sellDay(12); // the till keeps selling; nothing waits for the network
    background.nudge();
    for (int i = 0; i < 200 && background.lastError().empty(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_FALSE(background.online());
    EXPECT_FALSE(background.lastError().empty());
    m_net.startServer();
    background.nudge();
    for (int i = 0; i < 1000 && (m_net.serverSales() < 12 || background.pending() != 0); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (i % 50 == 49)
            background.nudge();
    }
    EXPECT_EQ(m_net.serverSales(), 12);
    EXPECT_EQ(background.pending(), 0);
    EXPECT_TRUE(background.online());
    background.stop();
}

// Issue 16: "cannot return a receipt from another till of the same store". Till 2 of the
// outlet takes back one of two walnuts sold at till 1 by scanning the receipt's QR code: head
// office holds the sale, the refund goes back to WeChat as it was paid, and both tills then see
// one walnut left to return. A return that takes more than is left (a till that could not ask
// head office) is quarantined; another outlet's certificate cannot see the receipt.
TEST_F(SyncTest, AReceiptOfAnotherTillOfTheOutletIsReturnedThroughHeadOffice) {
    ASSERT_TRUE(m_till->scan(kWalnutEan, std::nullopt, WeightSource::Scale, 2).ok());
    ASSERT_TRUE(m_till->scan(kApplesLabel1500g).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::WeChat, m_till->due(), "WX4200001").ok());
    const auto sold = m_till->complete().value();
    const auto qr = m_till->receipt(sold.receiptNo).value().qrPayload;
    SyncAgent agent1(*m_store, m_net.endpoint("HZ-F01"));
    ASSERT_EQ(agent1.push().value().stored, 1);

    // Till 2: its own certificate and journal key, the same catalog and staff.
    const auto issued = m_net.admin("issue-cert --outlet HZ-F01 --terminal 2 --out " +
                                    baidian::testing::quote(m_net.certsDir("HZ-F01")));
    ASSERT_EQ(issued.exitCode, 0) << issued.output;
    auto endpoint2 = m_net.endpoint("HZ-F01");
    endpoint2.certFile = m_net.certsDir("HZ-F01") + "/HZ-F01-t2.crt";
    endpoint2.keyFile = m_net.certsDir("HZ-F01") + "/HZ-F01-t2.key";
    auto store2 = LocalStore::open(m_net.file("till2.db")).value();
    store2.setJournalKey(*loadJournalKey(crypto::journalKeyFileBeside(endpoint2.keyFile)));
    seedTill(store2);
    ASSERT_TRUE(store2.setTerminal({"HZ-F01", "杭州湖滨旗舰店", 2}).ok());
    Till till2(store2, m_clock);
    ASSERT_TRUE(till2.login("1001", "1234").ok());
    ASSERT_TRUE(till2.openShift(Fen(50000)).ok());

    // Without head office, till 2 knows only its own receipts.
    auto alone = till2.startReturn(qr);
    ASSERT_FALSE(alone.ok());
    EXPECT_EQ(alone.error().code, ErrorCode::NotFound);
    EXPECT_FALSE(till2.saleOpen());
    // Head office unreachable: said so, nothing opened.
    auto downEndpoint = endpoint2;
    downEndpoint.port = "1";
    SyncAgent down(store2, downEndpoint);
    till2.setSaleLookup(
        [&](const std::string& r, const std::string& u) { return down.lookupSale(r, u); });
    auto offline = till2.startReturn(qr);
    ASSERT_FALSE(offline.ok());
    EXPECT_EQ(offline.error().code, ErrorCode::Unavailable);
    EXPECT_FALSE(till2.saleOpen());

    SyncAgent agent2(store2, endpoint2);
    till2.setSaleLookup(
        [&](const std::string& r, const std::string& u) { return agent2.lookupSale(r, u); });
    ASSERT_TRUE(till2.startReturn(qr).ok());
    EXPECT_EQ(till2.originalReceiptNo(), sold.receiptNo);
    ASSERT_EQ(till2.returnableLines().size(), 2u);
    EXPECT_EQ(till2.returnableLines()[0].unitsSold, 2);
    EXPECT_EQ(till2.returnableLines()[0].unitsReturned, 0);
    ASSERT_EQ(till2.originalTenders().size(), 1u);
    EXPECT_EQ(till2.originalTenders()[0].kind, TenderKind::WeChat);
    ASSERT_TRUE(till2.returnLine(1, 1, std::nullopt).ok());
    EXPECT_EQ(till2.due(), Fen(3500));
    ASSERT_TRUE(till2.addTender(TenderKind::WeChat, Fen(3500), "WXR4200001").ok());
    const auto returned = till2.complete();
    ASSERT_TRUE(returned.ok()) << returned.error().message;
    // Its receipt names the original; head office stores it against the original sale.
    EXPECT_EQ(till2.receipt(returned->receiptNo).value().originalReceiptNo, sold.receiptNo);
    auto pushed2 = agent2.push().value();
    EXPECT_EQ(pushed2.stored, 1) << (pushed2.quarantined.empty() ? "" : pushed2.quarantined[0]);

    // Till 1 asks head office too: one walnut is left, and two are refused.
    m_till->setSaleLookup(
        [&](const std::string& r, const std::string& u) { return agent1.lookupSale(r, u); });
    ASSERT_TRUE(m_till->startReturn(qr).ok());
    EXPECT_EQ(m_till->returnableLines()[0].unitsReturned, 1);
    EXPECT_EQ(m_till->returnableLines()[0].refunded, Fen(3500));
    auto tooMany = m_till->returnLine(1, 2, std::nullopt);
    ASSERT_FALSE(tooMany.ok());
    EXPECT_EQ(tooMany.error().code, ErrorCode::InvalidArgument);
    ASSERT_TRUE(m_till->voidSale().ok()); // an empty return needs no supervisor

    // A till that could not ask (offline, or older) returns both: head office quarantines it.
    m_till->setSaleLookup({});
    ASSERT_TRUE(m_till->startReturn(qr).ok());
    EXPECT_EQ(m_till->returnableLines()[0].unitsReturned, 0);
    ASSERT_TRUE(m_till->returnLine(1, 2, std::nullopt).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::WeChat, m_till->due(), "WXR4200002").ok());
    ASSERT_TRUE(m_till->complete().ok());
    auto pushed1 = agent1.push().value();
    EXPECT_EQ(pushed1.stored, 0);
    ASSERT_EQ(pushed1.quarantined.size(), 1u);
    EXPECT_NE(pushed1.quarantined[0].find("return: line 1 takes 2 units of line 1"),
              std::string::npos)
        << pushed1.quarantined[0];

    // Another outlet's certificate cannot see the receipt; nor can a stranger.
    const auto target = "/v1/sale?receipt=" + sold.receiptNo;
    EXPECT_EQ(m_net.request("HZ-F01", "GET", target).status, 200);
    EXPECT_EQ(m_net.request("NB-D01", "GET", target).status, 404);
    EXPECT_EQ(m_net.request("", "GET", target).status, 403);
    EXPECT_EQ(m_net.request("HZ-F01", "GET", "/v1/sale").status, 400);
    EXPECT_EQ(m_net.request("HZ-F01", "GET", target + "&uuid=" + std::string(36, '0')).status, 404);
}
