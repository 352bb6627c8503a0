// Changing any journalled value by hand is detected by the chain verifier.
#include "baidian/crypto/hash_chain.h"
#include "baidian/protocol/codec.h"
#include "baidian/protocol/journal_hash.h"
#include "till_fixture.h"

using namespace baidian;
using namespace baidian::pos;
using namespace baidian::pos::testing;

class JournalTest : public TillTest {
protected:
    void SetUp() override {
        TillTest::SetUp();
        for (int i = 0; i < 4; ++i) {
            ASSERT_TRUE(m_till->scan(kApplesLabel1500g).ok());
            ASSERT_TRUE(m_till->scan(kWalnutEan).ok());
            ASSERT_TRUE(
                m_till->addTender(TenderKind::WeChat, Fen(1000), "WX" + std::to_string(i)).ok());
            ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(10000)).ok());
            ASSERT_TRUE(m_till->complete().ok());
        }
        ASSERT_TRUE(verifyJournal(db()).ok);
    }
    SQLite::Database& db() { return m_store->database(); }
    JournalCheck tamper(const std::string& sql) {
        db().exec(sql);
        return verifyJournal(db());
    }
};

TEST_F(JournalTest, AnUntouchedJournalVerifies) {
    const auto check = verifyJournal(db());
    EXPECT_TRUE(check.ok);
    EXPECT_EQ(check.entries, 4);
}

TEST_F(JournalTest, ChangedAmountIsDetected) {
    const auto check = tamper("UPDATE sale SET total_fen = total_fen - 100 WHERE seq = 3");
    EXPECT_FALSE(check.ok);
    EXPECT_EQ(check.firstBadSeq, 3);
    EXPECT_NE(check.problem.find("changed"), std::string::npos);
}

TEST_F(JournalTest, ChangedLineIsDetected) {
    EXPECT_EQ(
        tamper("UPDATE sale_line SET grams = 1000 WHERE sale_id = 2 AND line_no = 1").firstBadSeq,
        2);
}

TEST_F(JournalTest, ChangedTenderIsDetected) {
    EXPECT_EQ(tamper("UPDATE tender SET reference = 'WX9' WHERE sale_id = 4 AND kind = 'wechat'")
                  .firstBadSeq,
              4);
}

TEST_F(JournalTest, SwappedLineOrderIsDetected) {
    const auto check = tamper("UPDATE sale_line SET line_no = line_no + 100 WHERE sale_id = 1;"
                              "UPDATE sale_line SET line_no = 103 - line_no WHERE sale_id = 1");
    EXPECT_FALSE(check.ok);
    EXPECT_EQ(check.firstBadSeq, 1);
}

TEST_F(JournalTest, SwappedSaleNumbersAreDetected) {
    const auto check = tamper("UPDATE sale SET seq = seq + 100 WHERE seq IN (2, 3);"
                              "UPDATE sale SET seq = 105 - seq WHERE seq IN (102, 103)");
    EXPECT_FALSE(check.ok);
    EXPECT_EQ(check.firstBadSeq, 2);
}

TEST_F(JournalTest, DeletedSaleIsDetected) {
    const auto check = tamper(
        "PRAGMA foreign_keys = OFF; DELETE FROM tender WHERE sale_id = 4; "
        "DELETE FROM sale_line WHERE sale_id = 4; DELETE FROM stock_movement WHERE sale_id = 4; "
        "DELETE FROM sale WHERE id = 4; PRAGMA foreign_keys = ON;");
    EXPECT_FALSE(check.ok);
    EXPECT_EQ(check.firstBadSeq, 4);
}

TEST_F(JournalTest, DeletedJournalEntryIsDetected) {
    const auto check = tamper("DELETE FROM journal WHERE seq = 2");
    EXPECT_FALSE(check.ok);
    EXPECT_EQ(check.firstBadSeq, 2);
    EXPECT_NE(check.problem.find("missing"), std::string::npos);
}

TEST_F(JournalTest, ARecomputedHashStillBreaksTheNextLink) {
    // A forger who changes sale 2 and rehashes its entry still breaks entry 3.
    db().exec("UPDATE sale_line SET paid_fen = paid_fen - 1 WHERE sale_id = 2 AND line_no = 1");
    SQLite::Statement prev(db(), "SELECT prev_hash FROM journal WHERE seq = 2");
    ASSERT_TRUE(prev.executeStep());
    SQLite::Statement fix(db(), "UPDATE journal SET hash = ? WHERE seq = 2");
    fix.bind(1, journalEntryHash(db(), 2, prev.getColumn(0).getString(),
                                 protocol::kJournalSchemeAsSent));
    fix.exec();
    const auto check = verifyJournal(db());
    EXPECT_FALSE(check.ok);
    EXPECT_EQ(check.firstBadSeq, 3);
}

// New sales are journaled with scheme 2: each entry's hash is protocol::journalHash of the sale
// as the sync agent uploads it, so the server, hashing what it decoded, gets the same hash.
TEST_F(JournalTest, NewSalesAreJournaledOverTheSaleAsSentSoTheServerGetsTheSameHash) {
    SQLite::Statement q(db(), "SELECT seq, sale_id, prev_hash, hash, scheme FROM journal "
                              "ORDER BY seq");
    int n = 0;
    while (q.executeStep()) {
        ++n;
        EXPECT_EQ(q.getColumn(4).getInt(), protocol::kJournalSchemeAsSent);
        auto doc = saleDocOf(db(), q.getColumn(1).getInt64());
        doc.prevHash = q.getColumn(2).getString();
        doc.hash = q.getColumn(3).getString();
        doc.journalScheme = protocol::kJournalSchemeAsSent;
        // Through the wire: what the server decodes hashes to what the till stored.
        auto decoded = protocol::decodeSaleBatch(protocol::encode(protocol::SaleBatch{
            m_store->terminal()->outletCode, m_store->terminal()->terminalNo, {doc}}));
        ASSERT_TRUE(decoded.ok()) << decoded.error().message;
        ASSERT_EQ(decoded->sales.size(), 1u);
        EXPECT_EQ(decoded->sales[0].journalScheme, protocol::kJournalSchemeAsSent);
        EXPECT_EQ(protocol::journalHash(decoded->sales[0]), q.getColumn(3).getString())
            << "entry " << q.getColumn(0).getInt64();
    }
    EXPECT_EQ(n, 4);
}

// A till upgraded after two sales: its first two entries were written by the old code (scheme
// 1, over the till's own rows; the migration gives them scheme 1). They still verify, each entry
// by its own scheme, and the sales made after the upgrade are journaled with scheme 2.
TEST_F(JournalTest, OldSchemeOneEntriesStillVerifyBesideNewSchemeTwoOnes) {
    std::string previous = crypto::HashChain::genesis();
    for (std::int64_t seq = 1; seq <= 4; ++seq) {
        const int scheme =
            seq <= 2 ? protocol::kJournalSchemeTillRows : protocol::kJournalSchemeAsSent;
        // The old writer's hash, exactly: link(previous, payload of the till's rows).
        const auto hash = scheme == protocol::kJournalSchemeTillRows
                              ? crypto::HashChain::link(previous, journalPayloadV1(db(), seq))
                              : journalEntryHash(db(), seq, previous, scheme);
        SQLite::Statement fix(
            db(), "UPDATE journal SET prev_hash = ?, hash = ?, scheme = ? WHERE seq = ?");
        fix.bind(1, previous);
        fix.bind(2, hash);
        fix.bind(3, scheme);
        fix.bind(4, seq);
        ASSERT_EQ(fix.exec(), 1);
        previous = hash;
    }
    auto check = verifyJournal(db());
    EXPECT_TRUE(check.ok) << check.problem;
    EXPECT_EQ(check.entries, 4);

    ASSERT_TRUE(m_till->scan(kWalnutEan).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(10000)).ok());
    ASSERT_TRUE(m_till->complete().ok());
    check = verifyJournal(db());
    EXPECT_TRUE(check.ok) << check.problem;
    EXPECT_EQ(check.entries, 5);
    EXPECT_EQ(db().execAndGet("SELECT group_concat(scheme, ',') FROM (SELECT scheme FROM journal "
                              "ORDER BY seq)")
                  .getString(),
              "1,1,2,2,2");

    // A scheme-1 entry still covers the till's own rows, even those that never travel.
    db().exec("UPDATE sale_line SET barcode = '0000000000000' WHERE sale_id = 2");
    check = verifyJournal(db());
    EXPECT_FALSE(check.ok);
    EXPECT_EQ(check.firstBadSeq, 2);
}

// A scheme-2 entry relabelled scheme 1 and rehashed that way (so that the server would take it
// unchecked) is refused: a till never goes back to the scheme the server cannot check.
TEST_F(JournalTest, GoingBackToSchemeOneIsDetected) {
    SQLite::Statement prev(db(), "SELECT prev_hash FROM journal WHERE seq = 4");
    ASSERT_TRUE(prev.executeStep());
    SQLite::Statement fix(db(), "UPDATE journal SET hash = ?, scheme = 1 WHERE seq = 4");
    fix.bind(1, crypto::HashChain::link(prev.getColumn(0).getString(), journalPayloadV1(db(), 4)));
    fix.exec();
    const auto check = verifyJournal(db());
    EXPECT_FALSE(check.ok);
    EXPECT_EQ(check.firstBadSeq, 4);
    EXPECT_NE(check.problem.find("scheme 1"), std::string::npos) << check.problem;
}

// --- The till's own integrity: journal scheme 3 (docs/security.md) ------------------------

#include "baidian/crypto/secrets.h"
#include "baidian/pos/till_events.h"

#include <fstream>
#include <sys/stat.h>

namespace {

const crypto::JournalKey kKey =
    *crypto::journalKeyFromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

} // namespace

/// Four sales made before the till had its key (scheme 2, JournalTest's), then the key is
/// installed and two more are made (scheme 3).
class KeyedJournalTest : public JournalTest {
protected:
    void SetUp() override {
        JournalTest::SetUp();
        m_store->setJournalKey(kKey);
        for (int i = 0; i < 2; ++i) {
            ASSERT_TRUE(m_till->scan(kWalnutEan).ok());
            ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(10000)).ok());
            ASSERT_TRUE(m_till->complete().ok());
        }
    }
    std::string schemes() {
        return db()
            .execAndGet("SELECT group_concat(scheme, '') FROM (SELECT scheme FROM journal "
                        "ORDER BY seq)")
            .getString();
    }
    /// What somebody who can write till.db but has no key file does after editing a sale:
    /// recomputes the SHA-256 chain (scheme 2's) from `from` on, labelled `scheme`.
    void rechainWithoutTheKey(std::int64_t from, int scheme) {
        SQLite::Statement prev(db(), "SELECT prev_hash FROM journal WHERE seq = ?");
        prev.bind(1, from);
        ASSERT_TRUE(prev.executeStep());
        std::string previous = prev.getColumn(0).getString();
        SQLite::Statement q(db(), "SELECT seq, sale_id FROM journal WHERE seq >= ? ORDER BY seq");
        q.bind(1, from);
        while (q.executeStep()) {
            auto doc = saleDocOf(db(), q.getColumn(1).getInt64());
            doc.prevHash = previous;
            previous = protocol::journalHash(doc);
            SQLite::Statement fix(db(),
                                  "UPDATE journal SET prev_hash = ?, hash = ?, scheme = ? WHERE "
                                  "seq = ?");
            fix.bind(1, doc.prevHash);
            fix.bind(2, previous);
            fix.bind(3, scheme);
            fix.bind(4, q.getColumn(0).getInt64());
            fix.exec();
        }
    }
};

TEST_F(KeyedJournalTest, HonestKeyedEntriesVerifyBesideOlderUnkeyedOnes) {
    EXPECT_EQ(schemes(), "222233");
    const auto check = verifyJournal(db(), &kKey);
    EXPECT_TRUE(check.ok) << check.problem;
    EXPECT_EQ(check.entries, 6);
    // The keyed hash is the HMAC of scheme 2's text under the key, not its SHA-256.
    SQLite::Statement q(db(), "SELECT s.id, j.prev_hash, j.hash FROM journal j JOIN sale s ON "
                              "s.seq = j.seq WHERE j.seq = 5");
    ASSERT_TRUE(q.executeStep());
    auto doc = saleDocOf(db(), q.getColumn(0).getInt64());
    doc.prevHash = q.getColumn(1).getString();
    EXPECT_EQ(q.getColumn(2).getString(), protocol::keyedJournalHash(doc, kKey));
    EXPECT_NE(q.getColumn(2).getString(), protocol::journalHash(doc));
}

TEST_F(KeyedJournalTest, AnEditedSaleRechainedWithoutTheKeyFailsVerification) {
    db().exec("UPDATE sale SET total_fen = total_fen - 100 WHERE seq = 5");
    rechainWithoutTheKey(5, protocol::kJournalSchemeKeyed);
    const auto check = verifyJournal(db(), &kKey);
    EXPECT_FALSE(check.ok);
    EXPECT_EQ(check.firstBadSeq, 5);
    EXPECT_NE(check.problem.find("changed"), std::string::npos) << check.problem;
}

TEST_F(KeyedJournalTest, RechainingAsTheUnkeyedSchemeIsAStepBack) {
    db().exec("UPDATE sale SET total_fen = total_fen - 100 WHERE seq = 6");
    rechainWithoutTheKey(6, protocol::kJournalSchemeAsSent);
    const auto check = verifyJournal(db(), &kKey);
    EXPECT_FALSE(check.ok);
    EXPECT_EQ(check.firstBadSeq, 6);
    EXPECT_NE(check.problem.find("went back to scheme 2"), std::string::npos) << check.problem;
}

TEST_F(KeyedJournalTest, AKeyedJournalIsNotCheckedWithoutItsKeyNorWithAnother) {
    const auto without = verifyJournal(db());
    EXPECT_FALSE(without.ok);
    EXPECT_EQ(without.firstBadSeq, 5);
    EXPECT_NE(without.problem.find("no journal key"), std::string::npos) << without.problem;
    const auto other = crypto::newJournalKey();
    EXPECT_EQ(verifyJournal(db(), &other).firstBadSeq, 5);
}

TEST_F(KeyedJournalTest, TheEventLogIsKeyedAndAnUnkeyedRechainIsFound) {
    for (int i = 0; i < 2; ++i) {
        TillEvent e;
        e.kind = TillEventKind::NoSale;
        e.reason = "change for the market " + std::to_string(i);
        recordTillEvent(db(), e, m_clock.now(), m_store->journalKey());
    }
    EXPECT_EQ(db().execAndGet("SELECT group_concat(scheme, '') FROM till_event").getString(), "33");
    EXPECT_FALSE(verifyTillEvents(db(), &kKey));
    EXPECT_TRUE(verifyTillEvents(db())) << "a keyed log cannot be checked without the key";
    // The second event's reason edited and its hash recomputed the unkeyed way, as scheme 3 and
    // as scheme 2: both are found.
    const auto secondId = db().execAndGet("SELECT max(id) FROM till_event").getInt64();
    for (const int scheme : {3, 2}) {
        SQLite::Statement edit(db(), "UPDATE till_event SET reason = 'nothing happened' "
                                     "WHERE id = ?");
        edit.bind(1, secondId);
        edit.exec();
        SQLite::Statement prev(db(), "SELECT prev_hash FROM till_event WHERE id = ?");
        prev.bind(1, secondId);
        ASSERT_TRUE(prev.executeStep());
        auto events = unsentTillEvents(db(), secondId - 1, 1);
        ASSERT_EQ(events.size(), 1u);
        auto doc = events[0].second;
        doc.prevHash = prev.getColumn(0).getString();
        SQLite::Statement fix(db(), "UPDATE till_event SET hash = ?, scheme = ? WHERE id = ?");
        fix.bind(1, protocol::tillEventHash(doc));
        fix.bind(2, scheme);
        fix.bind(3, secondId);
        fix.exec();
        EXPECT_EQ(verifyTillEvents(db(), &kKey), secondId) << "scheme " << scheme;
    }
}

// --- PINs: a till with a key gets keyed verifiers, checked offline ------------------------

TEST_F(TillTest, AKeyedPinVerifierWorksOfflineLocksAfterFiveAndIsUselessWithoutTheKey) {
    m_store->setJournalKey(kKey);
    protocol::MasterData master;
    master.version = 7;
    const auto verifier = crypto::keyedPinVerifier(crypto::hashSecret("246810"), kKey);
    ASSERT_TRUE(crypto::isKeyedPinVerifier(verifier)) << verifier;
    master.cashiers.push_back({"1005", "周敏", "cashier", verifier, true});
    ASSERT_TRUE(m_store->applyMasterData(master).ok());
    EXPECT_EQ(m_store->database()
                  .execAndGet("SELECT count(*) FROM cashier WHERE pin_hash LIKE '$argon2id$%' "
                              "AND code = '1005'")
                  .getInt64(),
              0);
    m_till->logout();
    ASSERT_TRUE(m_till->login("1005", "246810").ok()); // no network here at all
    m_till->logout();
    EXPECT_FALSE(m_till->login("1005", "246811").ok());
    // Without the key file nobody can use the verifier, not even with the right PIN.
    {
        auto copy = LocalStore::open(m_dir.file("till.db")).value();
        EXPECT_EQ(copy.authenticate("1005", "246810").error().code, ErrorCode::Unauthorized);
        const auto other = crypto::newJournalKey();
        EXPECT_FALSE(crypto::verifyKeyedPin(verifier, other, "246810"));
    }
    for (int i = 0; i < 5; ++i)
        ASSERT_FALSE(m_till->login("1005", "00000" + std::to_string(i)).ok());
    const auto locked = m_till->login("1005", "246810");
    ASSERT_FALSE(locked.ok()) << "the right PIN works after five wrong ones";
    EXPECT_NE(locked.error().message.find("locked"), std::string::npos);
}

TEST_F(TillTest, AJournalKeyFileOthersMayReadIsRefused) {
    const auto path = m_dir.file("till.journal-key");
    EXPECT_FALSE(loadJournalKey(path).value().has_value()) << "no file: an unkeyed till";
    {
        std::ofstream out(path);
        out << crypto::toHex(kKey) << "\n";
    }
    ::chmod(path.c_str(), 0644);
    auto open = loadJournalKey(path);
    ASSERT_FALSE(open.ok());
    EXPECT_NE(open.error().message.find("chmod 600"), std::string::npos) << open.error().message;
    ::chmod(path.c_str(), 0600);
    EXPECT_EQ(loadJournalKey(path).value(), kKey);
    {
        std::ofstream out(path);
        out << "not a key\n";
    }
    EXPECT_EQ(loadJournalKey(path).error().code, ErrorCode::InvalidArgument);
}
