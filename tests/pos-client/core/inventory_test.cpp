// Store inventory on a real till database: the ledger, lots, write-offs, transfers, stocktake.
#include "baidian/pos/inventory.h"
#include "till_fixture.h"

using namespace baidian;
using namespace baidian::pos;
using namespace baidian::pos::testing;

class InventoryTest : public TillTest {
protected:
    void SetUp() override {
        TillTest::SetUp();
        m_inventory = std::make_unique<Inventory>(*m_store, m_clock);
    }
    /// Stock recomputed straight from the ledger rows.
    std::pair<std::int64_t, std::int64_t> ledgerSum(const std::string& sku) {
        SQLite::Statement q(
            m_store->database(),
            "SELECT COALESCE(SUM(units),0), COALESCE(SUM(grams),0) FROM stock_movement "
            "WHERE product_id = (SELECT id FROM product WHERE sku = ?)");
        q.bind(1, sku);
        q.executeStep();
        return {q.getColumn(0).getInt64(), q.getColumn(1).getInt64()};
    }
    void expectLevelIsLedger(const std::string& sku) {
        const auto level = m_inventory->level(sku);
        const auto [units, grams] = ledgerSum(sku);
        EXPECT_EQ(level.units, units) << sku;
        EXPECT_EQ(level.grams.value(), grams) << sku;
    }
    /// 2 kg of apples in lot A (arrived 1 November), then 5 kg in lot B (2 November).
    void receiveAppleLotsAAndB() {
        ASSERT_TRUE(m_inventory
                        ->receive({"AKS-APL-01", 0, Grams(2000)},
                                  {"A", "基地一", "", "2026-11-01", ""}, "D1")
                        .ok());
        ASSERT_TRUE(m_inventory
                        ->receive({"AKS-APL-01", 0, Grams(5000)},
                                  {"B", "基地二", "", "2026-11-02", ""}, "D2")
                        .ok());
    }
    /// stock_balance holds, per product and lot (0: none), exactly the ledger's sums.
    void expectBalancesAreTheLedger() {
        SQLite::Statement q(
            m_store->database(),
            "SELECT count(*) FROM (SELECT product_id, COALESCE(lot_id, 0) AS k, SUM(units) AS u, "
            "SUM(grams) AS g FROM stock_movement GROUP BY 1, 2) l FULL JOIN stock_balance b "
            "ON b.product_id = l.product_id AND b.lot_key = l.k "
            "WHERE COALESCE(l.u, 0) != COALESCE(b.units, 0) OR COALESCE(l.g, 0) != "
            "COALESCE(b.grams, 0)");
        q.executeStep();
        EXPECT_EQ(q.getColumn(0).getInt(), 0) << "stock_balance disagrees with the ledger";
    }
    std::unique_ptr<Inventory> m_inventory;
};

TEST_F(InventoryTest, TheStockBalanceIsTheLedgerSumWhateverIsBooked) {
    ASSERT_NO_FATAL_FAILURE(receiveAppleLotsAAndB());
    ASSERT_TRUE(
        m_inventory
            ->receive({"AKS-WAL-01", 3, Grams(0)}, {"W", "基地三", "", "2026-11-03", ""}, "D3")
            .ok());
    // Apples across both lots; walnuts beyond what was received (two below zero, no lot).
    ASSERT_TRUE(m_till->scan(kApplesLabel1500g).ok());
    ASSERT_TRUE(m_till->scan(kApplesLabel1500g).ok());
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(m_till->scan(kWalnutEan).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, m_till->totals().total).ok());
    const auto sale = m_till->complete().value();
    expectBalancesAreTheLedger();
    ASSERT_TRUE(m_till->startReturn(sale.receiptNo).ok());
    ASSERT_TRUE(m_till->returnLine(2, 0, Grams(1500)).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, m_till->totals().total).ok());
    ASSERT_TRUE(m_till->complete().ok());
    ASSERT_TRUE(m_inventory->writeOff({"AKS-APL-01", 0, Grams(500)}, ShrinkReason::Spoiled).ok());
    ASSERT_TRUE(m_inventory->transferOut("HZ-F02", {{"AKS-APL-01", 0, Grams(1000)}}).ok());
    ASSERT_TRUE(m_inventory->receiveTransfer("T-1", "HZ-F03", {{"AKS-WAL-01", 4, Grams(0)}}).ok());
    expectBalancesAreTheLedger();
    expectLevelIsLedger("AKS-APL-01");
    expectLevelIsLedger("AKS-WAL-01");

    // Even a correction made straight in the ledger carries through (the triggers).
    auto& db = m_store->database();
    db.exec("UPDATE stock_movement SET grams = grams - 100 WHERE id = (SELECT min(id) FROM "
            "stock_movement WHERE grams != 0)");
    db.exec("UPDATE stock_movement SET lot_id = NULL WHERE id = (SELECT max(id) FROM "
            "stock_movement WHERE lot_id IS NOT NULL)");
    db.exec("DELETE FROM stock_movement WHERE id = (SELECT max(id) FROM stock_movement)");
    expectBalancesAreTheLedger();
    expectLevelIsLedger("AKS-APL-01");
    expectLevelIsLedger("AKS-WAL-01");
}

TEST_F(InventoryTest, ReceiveSellByWeightWriteOffCountSeeTheVarianceAndPost) {
    // 20 kg of apples from base 7 arrive, then 10 kg from base 3 a day later.
    ASSERT_TRUE(m_inventory
                    ->receive({"AKS-APL-01", 0, Grams(20000)},
                              {"L2026-11-A", "阿克苏红旗坡7号基地", "2026-10-20", "2026-11-29",
                               "2026-12-20"},
                              "DN-001")
                    .ok());
    ASSERT_TRUE(
        m_inventory
            ->receive({"AKS-APL-01", 0, Grams(10000)},
                      {"L2026-11-B", "阿克苏温宿3号基地", "2026-10-25", "2026-11-30", "2027-01-10"},
                      "DN-002")
            .ok());
    EXPECT_EQ(m_inventory->level("AKS-APL-01").grams, Grams(30000));

    // Sell 1.5 kg by label, twice: taken from the older lot first.
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(m_till->scan(kApplesLabel1500g).ok());
        ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(5000)).ok());
        ASSERT_TRUE(m_till->complete().ok());
    }
    EXPECT_EQ(m_inventory->level("AKS-APL-01").grams, Grams(27000));
    const auto receipt = m_till->receipt("HZ-F01-01-000002").value();
    const auto traced =
        m_inventory->traceQr(receipt.qrPayload).value(); // what the QR code resolves to
    ASSERT_EQ(traced.size(), 1u);
    EXPECT_EQ(traced[0].parts.at(0).originBase, "阿克苏红旗坡7号基地");
    EXPECT_EQ(m_inventory->traceQr("BD1|HZ-F01-01-000002|not-the-uuid").error().code,
              ErrorCode::NotFound);
    EXPECT_EQ(m_inventory->traceQr("https://example.com").error().code, ErrorCode::ParseError);
    const auto trace = m_inventory->trace("HZ-F01-01-000002", 1).value();
    ASSERT_EQ(trace.parts.size(), 1u);
    EXPECT_EQ(trace.parts[0].lotCode, "L2026-11-A");
    EXPECT_EQ(trace.parts[0].originBase, "阿克苏红旗坡7号基地");
    EXPECT_EQ(trace.parts[0].grams, Grams(1500));

    // 800 g spoiled.
    ASSERT_TRUE(m_inventory->writeOff({"AKS-APL-01", 0, Grams(800)}, ShrinkReason::Spoiled).ok());
    EXPECT_EQ(m_inventory->level("AKS-APL-01").grams, Grams(26200));
    EXPECT_EQ(m_store->database()
                  .execAndGet("SELECT reason FROM stock_movement WHERE kind = 'shrink'")
                  .getString(),
              "spoiled");

    // Count: 26.0 kg on the scale; variance -200 g = -¥2.72 at ¥6.80/斤.
    EXPECT_EQ(m_inventory->openStocktake(), std::nullopt);
    const auto sheet = m_inventory->freezeStocktake().value();
    EXPECT_EQ(m_inventory->openStocktake(), sheet) << "the sheet counts go onto";
    ASSERT_TRUE(m_inventory->count(sheet, {"AKS-APL-01", 0, Grams(26000)}).ok());
    const auto variance = m_inventory->variance(sheet);
    ASSERT_EQ(variance.size(), 1u);
    EXPECT_EQ(variance[0].differenceGrams, Grams(-200));
    EXPECT_EQ(variance[0].differenceValue, Fen(-272));
    EXPECT_EQ(m_inventory->level("AKS-APL-01").grams, Grams(26200))
        << "nothing changes before posting";
    ASSERT_TRUE(m_inventory->postStocktake(sheet).ok());
    EXPECT_EQ(m_inventory->openStocktake(), std::nullopt) << "posted, no sheet is open";
    EXPECT_EQ(m_inventory->level("AKS-APL-01").grams, Grams(26000));
    EXPECT_EQ(m_inventory->postStocktake(sheet).error().code, ErrorCode::Conflict);
    expectLevelIsLedger("AKS-APL-01");
    for (const auto& level : m_inventory->levels())
        expectLevelIsLedger(level.sku);
}

TEST_F(InventoryTest, ASaleBelowZeroStockIsAllowedButFlaggedAndReported) {
    ASSERT_TRUE(
        m_inventory->receive({"AKS-WAL-01", 1, {}}, {"W-1", "阿克苏核桃基地", "", "", ""}, "DN-9")
            .ok());
    ASSERT_TRUE(m_till->scan(kWalnutEan).ok());
    ASSERT_TRUE(m_till->setQuantity(0, 3).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(20000)).ok());
    ASSERT_TRUE(m_till->complete().ok()) << "a till never refuses a customer over a stock figure";
    EXPECT_EQ(m_inventory->level("AKS-WAL-01").units, -2);
    const auto flagged = m_inventory->belowZeroSales();
    ASSERT_EQ(flagged.size(), 1u);
    EXPECT_EQ(flagged[0].sku, "AKS-WAL-01");
    EXPECT_EQ(flagged[0].units, 2);
    expectLevelIsLedger("AKS-WAL-01");
}

TEST_F(InventoryTest, AReturnGoesBackIntoTheLotItCameFrom) {
    ASSERT_NO_FATAL_FAILURE(receiveAppleLotsAAndB());
    ASSERT_TRUE(m_till->scan(kApplesLabel1500g).ok());
    ASSERT_TRUE(m_till->scan(kApplesLabel1500g).ok()); // 3 kg: 2 kg from A, 1 kg from B
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(5000)).ok());
    const auto sale = m_till->complete().value();
    EXPECT_EQ(m_inventory->trace(sale.receiptNo, 2).value().parts.size(), 2u);
    ASSERT_TRUE(m_till->startReturn(sale.receiptNo).ok());
    ASSERT_TRUE(m_till->returnLine(2, 0, Grams(1500)).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, m_till->totals().total).ok());
    ASSERT_TRUE(m_till->complete().ok());
    auto lotGrams = [&](const char* code) {
        SQLite::Statement q(m_store->database(), "SELECT SUM(m.grams) FROM stock_movement m JOIN "
                                                 "lot l ON l.id = m.lot_id WHERE l.code = ?");
        q.bind(1, code);
        q.executeStep();
        return q.getColumn(0).getInt64();
    };
    EXPECT_EQ(lotGrams("A") + lotGrams("B"), 7000 - 3000 + 1500);
    EXPECT_EQ(lotGrams("B"), 5000); // the kilo from B went back to B first
    expectLevelIsLedger("AKS-APL-01");
}

TEST_F(InventoryTest, NearExpiryLowStockAndReplenishment) {
    ASSERT_TRUE(m_inventory
                    ->receive({"AKS-DAT-01", 0, Grams(5000)},
                              {"D-OLD", "和田基地", "", "2026-11-01", "2026-12-02"}, "D")
                    .ok());
    ASSERT_TRUE(m_inventory
                    ->receive({"AKS-DAT-01", 0, Grams(5000)},
                              {"D-NEW", "和田基地", "", "2026-11-20", "2027-03-01"}, "D")
                    .ok());
    const auto soon = m_inventory->nearExpiry(7);
    ASSERT_EQ(soon.size(), 1u);
    EXPECT_EQ(soon[0].lotCode, "D-OLD");
    ASSERT_TRUE(m_inventory->setMinimum("AKS-DAT-01", 0, Grams(12000)).ok());
    ASSERT_EQ(m_inventory->lowStock().size(), 1u);
    ASSERT_TRUE(m_inventory->setMinimum("AKS-DAT-01", 0, Grams(8000)).ok());
    EXPECT_TRUE(m_inventory->lowStock().empty());
    // 2 kg a day for 7 days with 10 - 14 = ... sell 14 kg over the last 7 days? Sell 4 kg today.
    ASSERT_TRUE(m_till->addByPlu("12346", 0, Grams(4000), WeightSource::Scale).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(10000)).ok());
    ASSERT_TRUE(m_till->complete().ok());
    const auto suggestions =
        m_inventory->replenishment(2, 7); // 4 kg in 2 days → 14 kg for a week, 6 kg on hand
    ASSERT_EQ(suggestions.size(), 1u);
    EXPECT_EQ(suggestions[0].grams, Grams(8000));
}

TEST_F(InventoryTest, BadInventoryInputChangesNothing) {
    const auto before =
        m_store->database().execAndGet("SELECT count(*) FROM stock_movement").getInt64();
    EXPECT_EQ(m_inventory->receive({"NOPE", 1, {}}, {"X", "B", "", "", ""}, "D").error().code,
              ErrorCode::NotFound);
    EXPECT_EQ(m_inventory->receive({"AKS-APL-01", 0, Grams(-5)}, {"X", "B", "", "", ""}, "D")
                  .error()
                  .code,
              ErrorCode::InvalidArgument);
    EXPECT_EQ(m_inventory->receive({"AKS-APL-01", 2, {}}, {"X", "B", "", "", ""}, "D").error().code,
              ErrorCode::InvalidArgument);
    EXPECT_EQ(
        m_inventory->receive({"AKS-APL-01", 0, Grams(500)}, {"X", "B", "", "2026-13-45", ""}, "D")
            .error()
            .code,
        ErrorCode::InvalidArgument);
    EXPECT_EQ(m_inventory->receive({"AKS-APL-01", 0, Grams(500)}, {"", "B", "", "", ""}, "D")
                  .error()
                  .code,
              ErrorCode::InvalidArgument);
    EXPECT_EQ(m_inventory->writeOff({"AKS-WAL-01", 0, {}}, ShrinkReason::Damaged).error().code,
              ErrorCode::InvalidArgument);
    EXPECT_EQ(m_inventory->transferOut("HZ-F01", {{"AKS-WAL-01", 1, {}}}).error().code,
              ErrorCode::InvalidArgument);
    EXPECT_FALSE(parseShrinkReason("eaten").ok());
    EXPECT_EQ(m_store->database().execAndGet("SELECT count(*) FROM stock_movement").getInt64(),
              before);
}

TEST_F(InventoryTest, ATransferLeavesAtOnceAndIsReceivedOnceOnly) {
    ASSERT_TRUE(
        m_inventory->receive({"AKS-WAL-01", 10, {}}, {"W-1", "基地", "", "", ""}, "D").ok());
    const auto id = m_inventory->transferOut("NB-D01", {{"AKS-WAL-01", 4, {}}}).value();
    EXPECT_EQ(m_inventory->level("AKS-WAL-01").units, 6);
    EXPECT_EQ(m_inventory->receiveTransfer(id, "HZ-F01", {{"AKS-WAL-01", 4, {}}}).error().code,
              ErrorCode::Conflict)
        << "an outlet cannot receive its own outgoing transfer";
    // The receiving outlet's till books it once.
    auto other = LocalStore::open(m_dir.file("nb.db")).value();
    seedTill(other);
    Inventory receiving(other, m_clock);
    ASSERT_TRUE(receiving.receiveTransfer(id, "HZ-F01", {{"AKS-WAL-01", 4, {}}}).ok());
    EXPECT_EQ(receiving.receiveTransfer(id, "HZ-F01", {{"AKS-WAL-01", 4, {}}}).error().code,
              ErrorCode::Conflict);
    EXPECT_EQ(receiving.level("AKS-WAL-01").units, 4);
    EXPECT_EQ(m_inventory->level("AKS-WAL-01").units, 6);
}
