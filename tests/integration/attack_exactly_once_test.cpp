// Attacks on the store-server (issue "Trust no till"): see docs/security.md.
#include "baidian/server/sale_rules.h"
#include "network_fixture.h"

#include <gtest/gtest.h>

// --- The journal (docs/security.md, "Exactly once, per outlet; the journal", "The journal") ---

#include "baidian/crypto/hash_chain.h"
#include "baidian/crypto/secrets.h"
#include "baidian/pos/journal.h"
#include "baidian/protocol/codec.h"
#include "baidian/protocol/journal_hash.h"

#include <SQLiteCpp/Statement.h>

namespace {

using namespace baidian;
using namespace baidian::pos;

/// A real till of HZ-F01 (terminal 1) that took head office's master data and sells 库尔勒香梨
/// (PLU 12347, ¥5.90 a jin), paid by WeChat.
/// With `keyed`, provisioned as issue-cert provisions a till today: with its journal key.
struct JournalTill {
    explicit JournalTill(baidian::testing::Network& net, bool keyed = false)
        : store(LocalStore::open(net.file("journal-till.db")).value())
        , agent(store, net.endpoint("HZ-F01")) {
        if (keyed)
            store.setJournalKey(net.journalKey("HZ-F01"));
        EXPECT_TRUE(store.setTerminal({"HZ-F01", "杭州湖滨旗舰店", 1}).ok());
        EXPECT_TRUE(agent.pull().ok());
        EXPECT_TRUE(store.addCashier("1001", "李娜", Role::Cashier, "1234").ok());
        till = std::make_unique<Till>(store, clock);
        EXPECT_TRUE(till->login("1001", "1234").ok());
        EXPECT_TRUE(till->openShift(domain::Fen(0)).ok());
    }
    /// One sale of a line per weight; returns its seq.
    std::int64_t sell(std::initializer_list<std::int64_t> grams, std::int64_t totalFen) {
        clock.set(std::chrono::system_clock::now());
        for (const auto g : grams)
            EXPECT_TRUE(till->addByPlu("12347", 0, domain::Grams(g), WeightSource::Scale).ok());
        EXPECT_TRUE(till->addTender(TenderKind::WeChat, domain::Fen(totalFen), "4200009999").ok());
        auto done = till->complete();
        EXPECT_TRUE(done.ok()) << (done ? "" : done.error().message);
        return done ? done->seq : 0;
    }
    /// The sale `seq` as the sync agent uploads it, with its journal link and scheme.
    protocol::SaleDoc asSent(std::int64_t seq) {
        SQLite::Statement q(store.database(), "SELECT s.id, j.prev_hash, j.hash, j.scheme FROM "
                                              "sale s JOIN journal j ON j.seq = s.seq WHERE "
                                              "s.seq = ?");
        q.bind(1, seq);
        EXPECT_TRUE(q.executeStep());
        auto doc = saleDocOf(store.database(), q.getColumn(0).getInt64());
        doc.prevHash = q.getColumn(1).getString();
        doc.hash = q.getColumn(2).getString();
        doc.journalScheme = q.getColumn(3).getInt();
        return doc;
    }
    /// What somebody who can write till.db but not read the key file does to sale `seq` (one
    /// 1000 g line at ¥11.80): makes it 500 g at ¥5.90, every figure still adding up.
    void halve(std::int64_t seq) {
        const auto id = "(SELECT id FROM sale WHERE seq = " + std::to_string(seq) + ")";
        store.database().exec("UPDATE sale_line SET grams = 500, gross_fen = 590, paid_fen = 590 "
                              "WHERE sale_id = " +
                              id +
                              "; UPDATE sale SET subtotal_fen = 590, "
                              "total_fen = 590 WHERE id = " +
                              id +
                              "; UPDATE tender SET "
                              "amount_fen = 590 WHERE sale_id = " +
                              id);
    }
    /// ... and then re-chains the journal from `from` with SHA-256 (the only chain one can
    /// make without the key), labelled `scheme`.
    void rechainWithoutTheKey(std::int64_t from, int scheme) {
        auto& db = store.database();
        std::string previous = crypto::HashChain::genesis();
        if (from > 1) {
            SQLite::Statement q(db, "SELECT hash FROM journal WHERE seq = ?");
            q.bind(1, from - 1);
            EXPECT_TRUE(q.executeStep());
            previous = q.getColumn(0).getString();
        }
        SQLite::Statement q(db, "SELECT seq, sale_id FROM journal WHERE seq >= ? ORDER BY seq");
        q.bind(1, from);
        while (q.executeStep()) {
            auto doc = saleDocOf(db, q.getColumn(1).getInt64());
            doc.prevHash = previous;
            previous = protocol::journalHash(doc);
            SQLite::Statement fix(
                db, "UPDATE journal SET prev_hash = ?, hash = ?, scheme = ? WHERE seq = ?");
            fix.bind(1, doc.prevHash);
            fix.bind(2, previous);
            fix.bind(3, scheme);
            fix.bind(4, q.getColumn(0).getInt64());
            fix.exec();
        }
    }
    LocalStore store;
    SyncAgent agent;
    baidian::domain::ManualClock clock{std::chrono::system_clock::now()};
    std::unique_ptr<Till> till;
};

/// The first column of the first row of `sql` on server.db ("" when none; the error when the
/// query fails, e.g. on an older server's schema).
std::string scalarText(const std::string& db, const std::string& sql) {
    try {
        SQLite::Database d(db, SQLite::OPEN_READONLY);
        SQLite::Statement q(d, sql);
        return q.executeStep() && !q.getColumn(0).isNull() ? q.getColumn(0).getString() : "";
    } catch (const std::exception& e) {
        return std::string("error: ") + e.what();
    }
}

/// The value of the metric line starting with `series` on /metrics, or -1.
long long metric(const baidian::testing::Network& net, const std::string& series) {
    const auto answer = net.request("", "GET", "/metrics");
    const auto at = answer.body.find("\n" + series + " ");
    if (at == std::string::npos)
        return -1;
    return std::stoll(answer.body.substr(at + series.size() + 2));
}

} // namespace

// An outlet with its own certificate uploads sales changed after the till hashed them (a line
// removed and the total lowered with it, a line's weight and money lowered, everything still
// adding up) with their original hashes and a correct prev_hash chain. The server used to store
// them with no trace (it compared only prev_hash with the neighbour's hash, which still match);
// now it recomputes each hash from what it received, and each changed sale is a journal break:
// in the answer, in journal_break and on /metrics. The sales are still stored (the money is
// counted, the break is reported).
TEST(AttackJournal, ASaleChangedAfterItWasHashedIsAJournalBreak) {
    baidian::testing::Network net;
    JournalTill till(net);
    ASSERT_EQ(till.sell({1000}, 1180), 1);
    // The honest path first: the sync agent's upload of a scheme-2 sale verifies.
    auto pushed = till.agent.push();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    EXPECT_EQ(pushed->stored, 1);
    EXPECT_TRUE(pushed->journalBreaks.empty());

    ASSERT_EQ(till.sell({1000, 500}, 1770), 2);
    ASSERT_EQ(till.sell({1000}, 1180), 3);
    ASSERT_EQ(till.sell({500}, 590), 4);
    std::vector<protocol::SaleDoc> sales{till.asSent(2), till.asSent(3), till.asSent(4)};
    for (const auto& s : sales)
        ASSERT_EQ(s.journalScheme, protocol::kJournalSchemeAsSent);
    // Sale 2: its second line removed, the total and the payment lowered with it.
    {
        auto& s = sales[0];
        ASSERT_EQ(s.lines.size(), 2u);
        const auto removed = s.lines.back();
        s.lines.pop_back();
        s.subtotalFen -= removed.grossFen;
        s.totalFen -= removed.paidFen;
        s.tenders[0].amountFen -= removed.paidFen;
    }
    // Sale 3: 1000 g become 500 g, at the same price (590 fen instead of 1180).
    {
        auto& s = sales[1];
        auto& l = s.lines[0];
        l.grams = 500;
        l.grossFen = l.paidFen = 590;
        s.subtotalFen = s.totalFen = s.tenders[0].amountFen = 590;
    }
    for (const auto& s : sales) // the changed sales still break no sale rule
        ASSERT_EQ(server::checkSaleRules(s, {}, {"2000-01-01", ""}), "");
    const auto answer = net.request("HZ-F01", "POST", "/v1/sales",
                                    protocol::encode(protocol::SaleBatch{"HZ-F01", 1, sales}));
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto result = protocol::decodeSaleBatchResult(answer.body);
    ASSERT_TRUE(result.ok()) << answer.body;
    for (const auto& r : result->results)
        EXPECT_EQ(r.status, "stored") << r.seq << " " << r.reason;
    EXPECT_EQ(result->journalBreaks, (std::vector<std::int64_t>{2, 3})) << answer.body;

    EXPECT_EQ(scalarText(net.serverDb(), "SELECT group_concat(seq, ',') FROM (SELECT seq FROM "
                                         "journal_break ORDER BY seq)"),
              "2,3");
    EXPECT_EQ(scalarText(net.serverDb(), "SELECT group_concat(reason, ',') FROM (SELECT reason "
                                         "FROM journal_break ORDER BY seq)"),
              "hash,hash");
    EXPECT_EQ(metric(net, "baidian_journal_breaks_total"), 2);
    EXPECT_EQ(metric(net, "baidian_journal_hash_mismatches{outlet=\"HZ-F01\",terminal=\"1\"}"), 2);
    // Stored as received: the money is counted, the break says it cannot be trusted.
    EXPECT_EQ(scalarText(net.serverDb(), "SELECT total_fen FROM sale WHERE seq = 3"), "590");
}

// A sale that breaks two journal rules at once: its prev_hash is not the hash of the sale before
// it, and (the link being part of what is hashed) its own hash is no longer that of what was
// sent. It comes before its neighbour, so the second rule is found when the neighbour arrives.
// The server had two writers of journal_break: the link check (no reason, INSERT OR IGNORE) and
// the hash check (which overwrote the reason); the answer listed seq 2 twice and the row said
// only "hash". Now one row names both rules and the answer and /metrics count one break.
TEST(AttackJournal, ASaleBreakingTwoRulesIsOneBreakNamingBoth) {
    baidian::testing::Network net;
    JournalTill till(net);
    ASSERT_EQ(till.sell({1000}, 1180), 1);
    ASSERT_EQ(till.sell({500}, 590), 2);
    auto second = till.asSent(2);
    second.prevHash = std::string(64, 'a');
    const auto answer =
        net.request("HZ-F01", "POST", "/v1/sales",
                    protocol::encode(protocol::SaleBatch{"HZ-F01", 1, {second, till.asSent(1)}}));
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto result = protocol::decodeSaleBatchResult(answer.body);
    ASSERT_TRUE(result.ok()) << answer.body;
    for (const auto& r : result->results)
        EXPECT_EQ(r.status, "stored") << r.seq << " " << r.reason;
    EXPECT_EQ(result->journalBreaks, (std::vector<std::int64_t>{2})) << answer.body;
    EXPECT_EQ(scalarText(net.serverDb(), "SELECT count(*) || ':' || group_concat(reason) FROM "
                                         "journal_break WHERE seq = 2"),
              "1:hash,prev_hash");
    EXPECT_EQ(metric(net, "baidian_journal_breaks_total"), 1);
}

// The same outlet sends a changed sale labelled journal scheme 1, which the server cannot check,
// after it has sent scheme-2 sales from that terminal. The old server took it like any other
// sale; now going back to the unverifiable scheme is itself a journal break ("downgrade").
TEST(AttackJournal, GoingBackToTheUncheckableSchemeIsAJournalBreak) {
    baidian::testing::Network net;
    JournalTill till(net);
    ASSERT_EQ(till.sell({1000}, 1180), 1);
    ASSERT_EQ(till.sell({1000}, 1180), 2);
    std::vector<protocol::SaleDoc> sales{till.asSent(1), till.asSent(2)};
    auto& s = sales[1];
    s.lines[0].grams = 500;
    s.lines[0].grossFen = s.lines[0].paidFen = 590;
    s.subtotalFen = s.totalFen = s.tenders[0].amountFen = 590;
    s.journalScheme = protocol::kJournalSchemeTillRows;
    const auto answer = net.request("HZ-F01", "POST", "/v1/sales",
                                    protocol::encode(protocol::SaleBatch{"HZ-F01", 1, sales}));
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto result = protocol::decodeSaleBatchResult(answer.body);
    ASSERT_TRUE(result.ok()) << answer.body;
    EXPECT_EQ(result->journalBreaks, (std::vector<std::int64_t>{2})) << answer.body;
    EXPECT_EQ(scalarText(net.serverDb(), "SELECT reason FROM journal_break WHERE seq = 2"),
              "downgrade");
    EXPECT_EQ(metric(net, "baidian_journal_unverified_sales{outlet=\"HZ-F01\",terminal=\"1\"}"), 1);
}

// A till older than journal scheme 2 sends sales without journal_scheme: the server cannot check
// them, stores them (no break: their links hold) and counts them per terminal, so head office
// sees which tills still send journals nobody can verify.
TEST(AttackJournal, AnOldTillsUnverifiableSalesAreStoredAndCountedPerTerminal) {
    baidian::testing::Network net;
    JournalTill till(net);
    for (int i = 1; i <= 3; ++i)
        ASSERT_EQ(till.sell({1000}, 1180), i);
    std::vector<protocol::SaleDoc> sales;
    std::string previous(64, '0'); // the genesis link
    for (int seq = 1; seq <= 3; ++seq) {
        // As the old till journaled and sent it: a hash over its own rows, no journal_scheme.
        auto doc = till.asSent(seq);
        doc.prevHash = previous;
        doc.hash = previous = journalEntryHash(till.store.database(), seq, previous,
                                               protocol::kJournalSchemeTillRows);
        doc.journalScheme = protocol::kJournalSchemeTillRows;
        sales.push_back(std::move(doc));
    }
    auto body = protocol::encode(protocol::SaleBatch{"HZ-F01", 1, sales});
    for (std::string::size_type at; (at = body.find(",\"journal_scheme\":1")) != std::string::npos;)
        body.erase(at, std::string(",\"journal_scheme\":1").size());
    ASSERT_EQ(body.find("journal_scheme"), std::string::npos);
    const auto answer = net.request("HZ-F01", "POST", "/v1/sales", body);
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto result = protocol::decodeSaleBatchResult(answer.body);
    ASSERT_TRUE(result.ok()) << answer.body;
    EXPECT_EQ(result->results.size(), 3u);
    for (const auto& r : result->results)
        EXPECT_EQ(r.status, "stored");
    EXPECT_TRUE(result->journalBreaks.empty()) << answer.body;
    EXPECT_EQ(metric(net, "baidian_journal_unverified_sales{outlet=\"HZ-F01\",terminal=\"1\"}"), 3);
    EXPECT_EQ(scalarText(net.serverDb(), "SELECT unverified_sales || '/' || max_unverified_seq "
                                         "FROM terminal_journal"),
              "3/3");
}

// The step back is found in whatever order the sales arrive: NB-D01's terminal sends its seq-2
// sale labelled scheme 1 first (nothing to compare it with yet), then seq 1 with scheme 2; the
// second batch shows that seq 2 went back to the uncheckable scheme.
TEST(AttackJournal, AStepBackIsFoundInWhateverOrderTheSalesArrive) {
    baidian::testing::Network net;
    const auto now = std::chrono::system_clock::now();
    std::vector<protocol::SaleDoc> sales;
    std::string previous(64, '0');
    for (std::int64_t seq = 1; seq <= 2; ++seq) {
        protocol::SaleDoc s;
        s.uuid = "7d1c0a52-4b1e-4f7a-9c3d-00000000000" + std::to_string(seq);
        s.seq = seq;
        s.receiptNo = "NB-D01-01-00000" + std::to_string(seq);
        s.kind = "sale";
        s.completedAt = domain::isoUtc(now);
        s.businessDate = domain::businessDate(now);
        s.cashier = "1001";
        s.subtotalFen = s.totalFen = 1180;
        s.lines.push_back({1, "AKS-PEA-01", "库尔勒香梨", 0, 1000, 590, 590, "jin", 1180, "", 0, 0,
                           0, 1180, std::nullopt});
        s.tenders.push_back({"wechat", 1180, "4200007777"});
        s.prevHash = previous;
        s.journalScheme =
            seq == 1 ? protocol::kJournalSchemeAsSent : protocol::kJournalSchemeTillRows;
        s.hash = previous = protocol::journalHash(s);
        sales.push_back(std::move(s));
    }
    const auto send = [&](const protocol::SaleDoc& s) {
        const auto answer = net.request("NB-D01", "POST", "/v1/sales",
                                        protocol::encode(protocol::SaleBatch{"NB-D01", 1, {s}}));
        EXPECT_EQ(answer.status, 200) << answer.body;
        auto result = protocol::decodeSaleBatchResult(answer.body);
        EXPECT_TRUE(result.ok()) << answer.body;
        return result ? result->journalBreaks : std::vector<std::int64_t>{-1};
    };
    EXPECT_TRUE(send(sales[1]).empty());
    EXPECT_EQ(send(sales[0]), (std::vector<std::int64_t>{2}));
    EXPECT_EQ(scalarText(net.serverDb(), "SELECT reason FROM journal_break WHERE seq = 2"),
              "downgrade");
}

// --- The till's own integrity (docs/security.md): a keyed journal, reported heads ---------

// A till provisioned with its journal key (issue-cert writes it beside the till's key): its
// honest sales are scheme 3 and verify at the server. Whoever edits a sale in till.db and
// re-chains the journal has only SHA-256 to chain with, and the server, which recomputes the
// HMAC with its copy of the key, records a hash break. The old server, which had no keys,
// neither knew scheme 3 nor could tell.
TEST(AttackJournal, AKeyedTillsSaleEditedAndRehashedWithoutTheKeyIsAHashBreak) {
    baidian::testing::Network net;
    ASSERT_TRUE(net.journalKey("HZ-F01").has_value()) << "issue-cert wrote no journal key";
    JournalTill till(net, true);
    ASSERT_EQ(till.sell({1000}, 1180), 1);
    auto honest = till.agent.push();
    ASSERT_TRUE(honest.ok()) << honest.error().message;
    EXPECT_EQ(honest->stored, 1);
    EXPECT_TRUE(honest->journalBreaks.empty());
    EXPECT_EQ(scalarText(net.serverDb(), "SELECT journal_scheme FROM sale WHERE seq = 1"), "3");
    EXPECT_TRUE(verifyJournal(till.store.database(), till.store.journalKey()).ok);

    ASSERT_EQ(till.sell({1000}, 1180), 2);
    ASSERT_EQ(till.sell({1000}, 1180), 3);
    till.halve(2);
    till.rechainWithoutTheKey(2, protocol::kJournalSchemeKeyed);
    EXPECT_FALSE(verifyJournal(till.store.database(), till.store.journalKey()).ok);
    auto pushed = till.agent.push();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    EXPECT_EQ(pushed->stored, 2);
    EXPECT_EQ(pushed->journalBreaks, (std::vector<std::int64_t>{2, 3}));
    EXPECT_EQ(scalarText(net.serverDb(), "SELECT group_concat(seq || ':' || reason, ',') FROM "
                                         "(SELECT seq, reason FROM journal_break ORDER BY seq)"),
              "2:hash,3:hash");
    EXPECT_EQ(metric(net, "baidian_journal_hash_mismatches{outlet=\"HZ-F01\",terminal=\"1\"}"), 2);
    EXPECT_EQ(metric(net, "baidian_journal_unkeyed_sales{outlet=\"HZ-F01\",terminal=\"1\"}"), 0);
}

// The same edit re-chained as the unkeyed scheme 2 (which anybody can compute): the hash holds,
// but a keyed till never steps back, so the server records a downgrade; the scheme-2 sale is
// counted as unkeyed.
TEST(AttackJournal, AStepBackFromTheKeyedSchemeIsADowngrade) {
    baidian::testing::Network net;
    JournalTill till(net, true);
    ASSERT_EQ(till.sell({1000}, 1180), 1);
    ASSERT_EQ(till.sell({1000}, 1180), 2);
    till.halve(2);
    till.rechainWithoutTheKey(2, protocol::kJournalSchemeAsSent);
    auto pushed = till.agent.push();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    EXPECT_EQ(pushed->stored, 2);
    EXPECT_EQ(pushed->journalBreaks, (std::vector<std::int64_t>{2}));
    EXPECT_EQ(scalarText(net.serverDb(), "SELECT group_concat(seq || ':' || reason, ',') FROM "
                                         "journal_break"),
              "2:downgrade");
    EXPECT_EQ(metric(net, "baidian_journal_unkeyed_sales{outlet=\"HZ-F01\",terminal=\"1\"}"), 1);
}

// A till without a key (provisioned before keys) re-chains with SHA-256 as well as the till
// can: no hash breaks. But it had reported its journal head (the background sync and pos-sync
// do at every sync and every 5 minutes) before the rewrite: the sale at that seq now carries
// another hash, which the server records as a "head" break.
TEST(AttackJournal, AHistoryRechainedAfterItsHeadWasReportedIsAHeadBreak) {
    baidian::testing::Network net;
    JournalTill till(net);
    ASSERT_EQ(till.sell({1000}, 1180), 1);
    ASSERT_EQ(till.sell({1000}, 1180), 2);
    ASSERT_EQ(till.sell({1000}, 1180), 3);
    auto head = till.agent.pushJournalHead(); // online for a moment, the sales not yet sent
    ASSERT_TRUE(head.ok()) << head.error().message;
    EXPECT_TRUE(head->empty());
    EXPECT_EQ(scalarText(net.serverDb(), "SELECT seq FROM journal_head"), "3");
    till.halve(2);
    till.rechainWithoutTheKey(2, protocol::kJournalSchemeAsSent);
    ASSERT_TRUE(verifyJournal(till.store.database()).ok) << "an unkeyed chain re-made is whole";
    auto pushed = till.agent.push();
    ASSERT_TRUE(pushed.ok()) << pushed.error().message;
    EXPECT_EQ(pushed->stored, 3);
    EXPECT_EQ(pushed->journalBreaks, (std::vector<std::int64_t>{3}));
    EXPECT_EQ(scalarText(net.serverDb(), "SELECT group_concat(seq || ':' || reason, ',') FROM "
                                         "journal_break"),
              "3:head");
    EXPECT_EQ(metric(net, "baidian_journal_head_mismatches{outlet=\"HZ-F01\",terminal=\"1\"}"), 1);
    // Its next head report says the same: seq 3 has another hash than it reported before.
    auto again = till.agent.pushJournalHead();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, (std::vector<std::int64_t>{3}));
    EXPECT_EQ(scalarText(net.serverDb(), "SELECT count(*) FROM journal_break"), "1");
}

// A till reports only its own journal head: another terminal's, or another outlet's, is
// refused (403) and nothing is stored; a malformed one is a 400.
TEST(AttackJournal, AnotherTerminalsJournalHeadIsRefused) {
    baidian::testing::Network net;
    const std::string hash(64, 'a');
    const auto other =
        net.request("HZ-F01", "POST", "/v1/journal-head",
                    protocol::encode(protocol::JournalHeadDoc{"HZ-F01", 2, 5, hash, 2}));
    EXPECT_EQ(other.status, 403) << other.body;
    const auto outlet =
        net.request("HZ-F01", "POST", "/v1/journal-head",
                    protocol::encode(protocol::JournalHeadDoc{"NB-D01", 1, 5, hash, 2}));
    EXPECT_EQ(outlet.status, 403) << outlet.body;
    const auto bad =
        net.request("HZ-F01", "POST", "/v1/journal-head",
                    protocol::encode(protocol::JournalHeadDoc{"HZ-F01", 1, 5, "xyz", 2}));
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(scalarText(net.serverDb(), "SELECT count(*) FROM journal_head"), "0");
    const auto own =
        net.request("HZ-F01", "POST", "/v1/journal-head",
                    protocol::encode(protocol::JournalHeadDoc{"HZ-F01", 1, 5, hash, 2}));
    EXPECT_EQ(own.status, 200) << own.body;
}

// Head office's master data for a till with a journal key carries, per cashier, a verifier
// keyed with that key: no argon2id hash (which a search over all 10^6 six-digit PINs breaks in
// hours on one machine) is in what the real server sends, and the verifier tests no PIN without
// the key. With the key (the till) the right PIN is found, offline.
TEST(AttackJournal, MasterDataToAKeyedTillCarriesNoPinHashAnOfflineSearchCanUse) {
    baidian::testing::Network net;
    const auto answer = net.request("HZ-F01", "GET", "/v1/master?since=0");
    ASSERT_EQ(answer.status, 200) << answer.body;
    const auto stored =
        scalarText(net.serverDb(), "SELECT pin_hash FROM cashier WHERE code = '1002'");
    ASSERT_EQ(stored.rfind("$argon2id$", 0), 0u) << stored;
    const auto hashPart = stored.substr(stored.rfind('$') + 1);
    EXPECT_EQ(answer.body.find(hashPart), std::string::npos) << "the argon2id hash itself was sent";
    EXPECT_EQ(answer.body.find("\"pin_hash\""), std::string::npos) << answer.body;
    auto master = protocol::decodeMasterData(answer.body);
    ASSERT_TRUE(master.ok());
    ASSERT_EQ(master->cashiers.size(), 1u);
    const auto& verifier = master->cashiers[0].pinHash;
    EXPECT_TRUE(crypto::isKeyedPinVerifier(verifier)) << verifier;
    EXPECT_FALSE(crypto::verifySecret(verifier, "2468"));
    EXPECT_FALSE(crypto::verifyKeyedPin(verifier, crypto::newJournalKey(), "2468"));
    const auto key = net.journalKey("HZ-F01");
    ASSERT_TRUE(key);
    EXPECT_TRUE(crypto::verifyKeyedPin(verifier, *key, "2468"));
    EXPECT_FALSE(crypto::verifyKeyedPin(verifier, *key, "2469"));
}
