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
