// Changing any journalled value by hand is detected by the chain verifier.
#include "baidian/crypto/hash_chain.h"
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
    fix.bind(1, crypto::HashChain::link(prev.getColumn(0).getString(), journalPayload(db(), 2)));
    fix.exec();
    const auto check = verifyJournal(db());
    EXPECT_FALSE(check.ok);
    EXPECT_EQ(check.firstBadSeq, 3);
}
