// The till's loss-prevention log at head office (issue "The till a cashier can't get wrong"):
// voids, removed lines, drawer openings and cash-outs reach the server once each, with who
// approved them; an event edited in till.db after it was logged, or one naming people head
// office does not have, is quarantined alone; a deleted one leaves a broken link.
#include "baidian/crypto/hash_chain.h"
#include "baidian/pos/sync_agent.h"
#include "baidian/pos/till.h"
#include "baidian/protocol/codec.h"
#include "baidian/protocol/journal_hash.h"
#include "network_fixture.h"

#include <SQLiteCpp/Statement.h>
#include <fstream>
#include <gtest/gtest.h>

namespace {

using namespace baidian;
using namespace baidian::pos;
using baidian::testing::Network;
using baidian::testing::quote;

std::int64_t serverCount(const Network& net, const std::string& sql) {
    SQLite::Database db(net.serverDb(), SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt64();
}

/// A real till of HZ-F01 (terminal 1) with head office's cashiers: 1002 (陈静, PIN 2468) and
/// supervisor 9001 (PIN 900190).
struct EventTill {
    explicit EventTill(Network& net)
        : store(LocalStore::open(net.file("events-till.db")).value())
        , agent(store, net.endpoint("HZ-F01")) {
        const auto pin = net.file("supervisor-pin");
        std::ofstream(pin) << "900190\n";
        EXPECT_EQ(net.admin("add-cashier --outlet HZ-F01 --code 9001 --name " + quote("李强") +
                            " --role supervisor < " + quote(pin))
                      .exitCode,
                  0);
        EXPECT_TRUE(store.setTerminal({"HZ-F01", "杭州湖滨旗舰店", 1}).ok());
        store.setJournalKey(net.journalKey("HZ-F01"));
        EXPECT_TRUE(agent.pull().ok());
        till = std::make_unique<Till>(store, clock);
        EXPECT_TRUE(till->login("1002", "2468").ok());
        EXPECT_TRUE(till->openShift(domain::Fen(20000)).ok());
    }
    LocalStore store;
    SyncAgent agent;
    baidian::domain::ManualClock clock{std::chrono::system_clock::now()};
    std::unique_ptr<Till> till;
    Approval supervisor{"9001", "900190"};
};

} // namespace

TEST(AttackEvents, TheLogReachesHeadOfficeOnceWithWhoApprovedIt) {
    Network net;
    EventTill t(net);
    const auto pear = t.till->addByPlu("12347", 0, domain::Grams(1000), WeightSource::Scale);
    ASSERT_TRUE(pear.ok()) << pear.error().message;
    ASSERT_TRUE(t.till->removeLine(*pear).ok()); // ¥11.80: no approval needed, still logged
    ASSERT_TRUE(t.till->addByPlu("12347", 0, domain::Grams(2000), WeightSource::Scale).ok());
    ASSERT_TRUE(t.till->voidSale(t.supervisor).ok());
    ASSERT_TRUE(t.till->openDrawer("换零钱", t.supervisor).ok());
    ASSERT_TRUE(t.till->cashOut(domain::Fen(5000), "交存银行", t.supervisor).ok());

    auto pushed = t.agent.pushEvents();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    EXPECT_EQ(pushed->stored, 4);
    EXPECT_TRUE(pushed->quarantined.empty());
    EXPECT_EQ(serverCount(net, "SELECT count(*) FROM till_event WHERE link_ok = 1"), 4);
    EXPECT_EQ(serverCount(net, "SELECT count(*) FROM till_event WHERE kind = 'void' AND "
                               "approver_code = '9001' AND cashier_code = '1002' AND "
                               "amount_fen = 2360"),
              1);
    EXPECT_EQ(serverCount(net, "SELECT count(*) FROM till_event WHERE kind = 'cash_out' AND "
                               "reason = '交存银行' AND amount_fen = 5000"),
              1);

    // A lost answer: the till sends everything again; nothing is stored twice.
    t.store.database().exec("UPDATE till_event SET acked_at = NULL");
    pushed = t.agent.pushEvents();
    ASSERT_TRUE(pushed.ok());
    EXPECT_EQ(pushed->stored, 0);
    EXPECT_EQ(serverCount(net, "SELECT count(*) FROM till_event"), 4);
}

// Somebody who can write till.db makes a cash-out smaller after the fact, and deletes a
// no-sale drawer opening before it was sent.
TEST(AttackEvents, AnEditedEventIsQuarantinedAndADeletedOneBreaksTheLink) {
    Network net;
    EventTill t(net);
    ASSERT_TRUE(t.till->cashOut(domain::Fen(10000), "交存银行", t.supervisor).ok());
    ASSERT_TRUE(t.till->openDrawer("换零钱", t.supervisor).ok());
    ASSERT_TRUE(t.till->cashIn(domain::Fen(3000), "零钱").ok());
    auto& db = t.store.database();
    db.exec("UPDATE till_event SET amount_fen = 1000 WHERE kind = 'cash_out'");
    db.exec("DELETE FROM till_event WHERE kind = 'no_sale'");

    const auto pushed = t.agent.pushEvents();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    EXPECT_EQ(pushed->stored, 1);
    ASSERT_EQ(pushed->quarantined.size(), 1u);
    EXPECT_NE(pushed->quarantined[0].find("cash_out"), std::string::npos) << pushed->quarantined[0];
    EXPECT_EQ(serverCount(net, "SELECT count(*) FROM till_event_quarantine WHERE rule = "
                               "'event.hash'"),
              1);
    // The cash-in is stored, and flagged: what came before it at this till is not all there.
    EXPECT_EQ(serverCount(net, "SELECT link_ok FROM till_event WHERE kind = 'cash_in'"), 0);
}

// An outlet's certificate posts events that name people head office does not have there, or
// a cashier as the approver: each is quarantined alone, the good one beside them is stored.
TEST(AttackEvents, EventsNamingUnknownPeopleOrACashierApproverAreQuarantinedAlone) {
    Network net;
    EventTill t(net); // adds supervisor 9001
    auto event = [](const std::string& uuid, const std::string& approver, const std::string& prev) {
        protocol::TillEventDoc e;
        e.uuid = uuid;
        e.kind = "void";
        e.shift = 1;
        e.cashier = "1002";
        e.approver = approver;
        e.amountFen = 12800;
        e.at = "2026-12-01T02:00:00Z";
        e.prevHash = prev;
        e.hash = protocol::tillEventHash(e);
        return e;
    };
    protocol::TillEventBatch batch{"HZ-F01", 1, {}, {}};
    batch.events.push_back(
        event("0193a1c2-0000-7000-8000-000000000001", "9001", crypto::HashChain::genesis()));
    batch.events.push_back(
        event("0193a1c2-0000-7000-8000-000000000002", "8888", batch.events[0].hash));
    batch.events.push_back(
        event("0193a1c2-0000-7000-8000-000000000003", "1002", batch.events[0].hash));
    const auto answer = net.request("HZ-F01", "POST", "/v1/events", protocol::encode(batch));
    ASSERT_EQ(answer.status, 200) << answer.body;
    const auto result = protocol::decodeSaleBatchResult(answer.body);
    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result->results.size(), 3u);
    EXPECT_EQ(result->results[0].status, "stored");
    EXPECT_EQ(result->results[1].status, "quarantined");
    EXPECT_EQ(result->results[2].status, "quarantined");
    EXPECT_EQ(serverCount(net, "SELECT count(*) FROM till_event_quarantine WHERE rule = "
                               "'event.cashier'"),
              1);
    EXPECT_EQ(serverCount(net, "SELECT count(*) FROM till_event_quarantine WHERE rule = "
                               "'event.approver'"),
              1);
    // Another outlet's batch under this certificate stores nothing.
    batch.outlet = "NB-D01";
    EXPECT_EQ(net.request("HZ-F01", "POST", "/v1/events", protocol::encode(batch)).status, 403);
    EXPECT_EQ(serverCount(net, "SELECT count(*) FROM till_event"), 1);
}
