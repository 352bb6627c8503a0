// End-to-end baskets through the selling engine on a real SQLite file.
#include "till_fixture.h"

using namespace baidian;
using namespace baidian::pos;
using namespace baidian::pos::testing;

namespace {

/// The realistic basket of the issue: apples by label, red dates by keyed weight, two gift
/// boxes under "second one half price", 抹零 to the jiao, WeChat + cash with change.
CompletedSale ringUpRealisticBasket(Till& till, LocalStore& store, const Catalog& catalog) {
    EXPECT_TRUE(store
                    .addPromotion({0, "P-BOX-2HALF", "礼盒第二件半价", Promotion::Kind::SecondHalf,
                                   catalog.giftBox, Fen(0), 0, 0, 0, "2026-11-01", "2026-12-31"})
                    .ok());
    const auto apples = till.scan(kApplesLabel1500g).value();
    EXPECT_EQ(till.lines()[apples].grams, Grams(1500));
    EXPECT_EQ(till.lines()[apples].gross, Fen(2040)); // 1.5 kg at ¥6.80/斤
    const auto dates = till.addByPlu("12346", 0, Grams(333), WeightSource::Keyed).value();
    EXPECT_EQ(till.lines()[dates].gross, Fen(666)); // 333 g at ¥19.99/kg, half-up
    const auto box = till.scan(kGiftBoxEan).value();
    EXPECT_TRUE(till.setQuantity(box, 2).ok());
    EXPECT_EQ(till.lines()[box].gross, Fen(25600));
    EXPECT_EQ(till.lines()[box].promotionCode, "P-BOX-2HALF");
    EXPECT_EQ(till.lines()[box].promotionDiscount, Fen(6400));
    EXPECT_EQ(till.totals().subtotal, Fen(21906));

    EXPECT_TRUE(till.setCashRounding(CashRoundingRule{domain::CashRoundingUnit::Jiao,
                                                      domain::CashRoundingDirection::Down,
                                                      {}})
                    .ok());
    EXPECT_EQ(till.totals().rounding, Fen(6));
    EXPECT_EQ(till.totals().total, Fen(21900));

    EXPECT_TRUE(till.addTender(TenderKind::WeChat, Fen(10000), "4200001234202611301234").ok());
    EXPECT_EQ(till.due(), Fen(11900));
    EXPECT_TRUE(till.addTender(TenderKind::Cash, Fen(15000)).ok());
    EXPECT_EQ(till.due(), Fen(-3100)); // change ¥31.00
    return till.complete().value();
}

} // namespace

TEST_F(TillTest, RealisticBasketCompletesWithChangeRightToTheFen) {
    const auto sale = ringUpRealisticBasket(*m_till, *m_store, m_catalog);
    EXPECT_EQ(sale.receiptNo, "HZ-F01-01-000001");
    EXPECT_EQ(sale.seq, 1);
    EXPECT_EQ(sale.total, Fen(21900));
    EXPECT_EQ(sale.change, Fen(3100));
    EXPECT_FALSE(m_till->saleOpen());

    auto& db = m_store->database();
    SQLite::Statement row(
        db, "SELECT subtotal_fen, rounding_fen, total_fen, change_fen, line_count, business_date "
            "FROM sale WHERE uuid = ?");
    row.bind(1, sale.uuid);
    ASSERT_TRUE(row.executeStep());
    EXPECT_EQ(row.getColumn(0).getInt64(), 21906);
    EXPECT_EQ(row.getColumn(1).getInt64(), 6);
    EXPECT_EQ(row.getColumn(2).getInt64(), 21900);
    EXPECT_EQ(row.getColumn(3).getInt64(), 3100);
    EXPECT_EQ(row.getColumn(4).getInt(), 3);
    EXPECT_EQ(row.getColumn(5).getString(), "2026-11-30");
    // Paid amounts per line add up to the total exactly (the 6 fen of 抹零 are spread).
    EXPECT_EQ(db.execAndGet("SELECT SUM(paid_fen) FROM sale_line").getInt64(), 21900);
    EXPECT_EQ(db.execAndGet("SELECT SUM(order_share_fen) FROM sale_line").getInt64(), 6);
    // Tenders: WeChat with its reference, cash.
    EXPECT_EQ(db.execAndGet("SELECT reference FROM tender WHERE kind = 'wechat'").getString(),
              "4200001234202611301234");
    EXPECT_EQ(db.execAndGet("SELECT SUM(amount_fen) FROM tender").getInt64() - 3100, 21900);
    // Stock ledger, journal and outbox written in the same transaction.
    EXPECT_EQ(
        scalar("SELECT SUM(grams) FROM stock_movement WHERE product_id = ?", m_catalog.apples),
        -1500);
    EXPECT_EQ(
        scalar("SELECT SUM(units) FROM stock_movement WHERE product_id = ?", m_catalog.giftBox),
        -2);
    EXPECT_EQ(count("outbox"), 1);
    EXPECT_EQ(m_store->unsentSales(), 1) << "waiting for the server";
    EXPECT_EQ(db.execAndGet("SELECT sale_uuid FROM outbox WHERE seq = 1").getString(), sale.uuid);
    EXPECT_TRUE(verifyJournal(db).ok);

    // The receipt says it all.
    const auto receipt = m_till->receipt(sale.receiptNo).value();
    EXPECT_EQ(receipt.lines.size(), 3u);
    EXPECT_EQ(receipt.lines[0].quantity, "1.500 kg (3.00斤)");
    EXPECT_EQ(receipt.lines[0].unitPrice, "¥6.80/斤");
    EXPECT_EQ(receipt.total, Fen(21900));
    EXPECT_EQ(receipt.change, Fen(3100));
    EXPECT_EQ(receipt.qrPayload, "BD1|HZ-F01-01-000001|" + sale.uuid);
    const std::string text = receipt.toText(32);
    EXPECT_NE(text.find("抹零"), std::string::npos);
    EXPECT_NE(text.find("¥219.00"), std::string::npos);
    EXPECT_NE(text.find("找零"), std::string::npos);
    for (std::size_t start = 0; start < text.size();) {
        const auto end = text.find('\n', start);
        EXPECT_LE(displayWidth(text.substr(start, end - start)), 32)
            << text.substr(start, end - start);
        start = end + 1;
    }
}

TEST_F(TillTest, PartialReturnRefundsWhatWasActuallyPaid) {
    const auto sale = ringUpRealisticBasket(*m_till, *m_store, m_catalog);
    // Paid per line after spreading 6 fen of 抹零 over nets 2040, 666, 19200: 2039, 666, 19195.
    ASSERT_TRUE(m_till->startReturn(sale.receiptNo).ok());
    const auto returnable = m_till->returnableLines();
    ASSERT_EQ(returnable.size(), 3u);
    EXPECT_EQ(returnable[0].paid, Fen(2039));
    EXPECT_EQ(returnable[2].paid, Fen(19195));

    ASSERT_TRUE(m_till->returnLine(3, 1, std::nullopt).ok()); // one of the two gift boxes
    ASSERT_TRUE(m_till->returnLine(1, 0, Grams(500)).ok());   // 500 g of the 1500 g of apples
    EXPECT_EQ(m_till->lines()[0].gross, Fen(9598));           // 19195 / 2, half-up
    EXPECT_EQ(m_till->lines()[1].gross, Fen(680));            // 2039 × 500 / 1500
    EXPECT_EQ(m_till->totals().total, Fen(10278));
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(10278)).ok());
    const auto refund = m_till->complete().value();
    EXPECT_EQ(refund.total, Fen(-10278));
    EXPECT_EQ(refund.seq, 2);

    auto& db = m_store->database();
    EXPECT_EQ(db.execAndGet("SELECT kind FROM sale WHERE seq = 2").getString(), "return");
    EXPECT_EQ(
        scalar("SELECT SUM(grams) FROM stock_movement WHERE product_id = ?", m_catalog.apples),
        -1000);
    EXPECT_EQ(
        scalar("SELECT SUM(units) FROM stock_movement WHERE product_id = ?", m_catalog.giftBox),
        -1);

    // The second box later refunds exactly what is left of the line, never more.
    ASSERT_TRUE(m_till->startReturn(sale.receiptNo).ok());
    ASSERT_TRUE(m_till->returnLine(3, 1, std::nullopt).ok());
    EXPECT_EQ(m_till->totals().total, Fen(19195 - 9598));
    auto tooMany = m_till->returnLine(3, 1, std::nullopt);
    ASSERT_FALSE(tooMany.ok());
    EXPECT_EQ(tooMany.error().code, ErrorCode::InvalidArgument);
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(9597)).ok());
    ASSERT_TRUE(m_till->complete().ok());
    EXPECT_EQ(db.execAndGet("SELECT -SUM(total_fen) FROM sale WHERE kind = 'return'").getInt64(),
              10278 + 9597);
    EXPECT_TRUE(verifyJournal(db).ok);
}

TEST_F(TillTest, ZReportEqualsTheSumOfItsSalesPerTender) {
    const auto sale = ringUpRealisticBasket(*m_till, *m_store, m_catalog);
    ASSERT_TRUE(m_till->scan(kWalnutEan).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Alipay, Fen(2000), "2026113022001").ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Card, Fen(1500), "POS-778812").ok());
    ASSERT_TRUE(m_till->complete().ok());
    ASSERT_TRUE(m_till->startReturn(sale.receiptNo).ok());
    ASSERT_TRUE(m_till->returnLine(2, 0, Grams(333)).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, m_till->totals().total).ok());
    ASSERT_TRUE(m_till->complete().ok());
    ASSERT_TRUE(m_till->cashIn(Fen(10000), "零钱").ok());
    ASSERT_TRUE(m_till->cashOut(Fen(5000), "交存", supervisor()).ok());

    // Independent sums straight from the tables.
    auto& db = m_store->database();
    auto sum = [&](const std::string& kind) {
        return scalar("SELECT COALESCE(SUM(amount_fen),0) FROM tender WHERE kind = ?", kind);
    };
    const auto change = db.execAndGet("SELECT SUM(change_fen) FROM sale").getInt64();
    const std::int64_t cashTaken = sum("cash") - change;

    auto x = m_till->xReport().value();
    EXPECT_EQ(x.sales, 2);
    EXPECT_EQ(x.returns, 1);
    EXPECT_EQ(x.taken[TenderKind::Cash], Fen(cashTaken));
    EXPECT_EQ(x.taken[TenderKind::WeChat], Fen(sum("wechat")));
    EXPECT_EQ(x.taken[TenderKind::Alipay], Fen(sum("alipay")));
    EXPECT_EQ(x.taken[TenderKind::Card], Fen(sum("card")));
    EXPECT_EQ(x.expected[TenderKind::Cash], Fen(50000 + cashTaken + 10000 - 5000));
    // Sales minus refunds equals what all tenders took.
    Fen allTaken;
    for (const auto& [kind, amount] : x.taken)
        allTaken += amount;
    EXPECT_EQ(allTaken, x.salesTotal + x.returnsTotal);

    std::map<TenderKind, Fen> counted = x.expected;
    counted[TenderKind::Cash] -= Fen(200); // the drawer is ¥2.00 short
    const auto z = m_till->closeShift(counted).value();
    EXPECT_FALSE(z.closedAt.empty());
    EXPECT_EQ(z.overShort.at(TenderKind::Cash), Fen(-200));
    EXPECT_EQ(z.overShort.at(TenderKind::WeChat), Fen(0));
    EXPECT_FALSE(m_till->currentShift().has_value());
    EXPECT_NE(db.execAndGet("SELECT report FROM shift").getString().find("Z 报表"),
              std::string::npos);
    // No selling without a shift.
    EXPECT_EQ(m_till->scan(kWalnutEan).error().code, ErrorCode::Conflict);
}

TEST_F(TillTest, PromotionsApplyInTheirWindowAndTheBestOneWins) {
    ASSERT_TRUE(
        m_store
            ->addPromotion({0, "P-WAL-PRICE", "核桃特价", Promotion::Kind::Price, m_catalog.walnuts,
                            Fen(3000), 0, 0, 0, "2026-11-30", "2026-11-30"})
            .ok());
    ASSERT_TRUE(m_store
                    ->addPromotion({0, "P-WAL-B2G1", "核桃买二送一", Promotion::Kind::BuyXGetY,
                                    m_catalog.walnuts, Fen(0), 0, 2, 1, "2026-11-01", "2026-12-31"})
                    .ok());
    ASSERT_TRUE(
        m_store
            ->addPromotion({0, "P-APL-10", "苹果九折", Promotion::Kind::Percent, m_catalog.apples,
                            Fen(0), 1000, 0, 0, "2026-12-01", "2026-12-31"})
            .ok());
    const auto walnuts = m_till->scan(kWalnutEan).value();
    EXPECT_EQ(m_till->lines()[walnuts].promotionCode, "P-WAL-PRICE"); // ¥5 off beats nothing free
    ASSERT_TRUE(m_till->setQuantity(walnuts, 3).ok());
    EXPECT_EQ(m_till->lines()[walnuts].promotionCode, "P-WAL-B2G1"); // one free (¥35) beats 3 × ¥5
    EXPECT_EQ(m_till->lines()[walnuts].promotionDiscount, Fen(3500));
    const auto apples = m_till->scan(kApplesLabel1500g).value();
    EXPECT_TRUE(m_till->lines()[apples].promotionCode.empty()); // starts tomorrow
    ASSERT_TRUE(m_till->voidSale(supervisor()).ok());

    m_clock.set(domain::parseLocalDateTime("2026-12-01 09:00:00"));
    const auto again = m_till->scan(kApplesLabel1500g).value();
    EXPECT_EQ(m_till->lines()[again].promotionCode, "P-APL-10");
    EXPECT_EQ(m_till->lines()[again].promotionDiscount, Fen(204));
    const auto line = m_till->scan(kWalnutEan).value();
    EXPECT_TRUE(m_till->lines()[line]
                    .promotionCode.empty()); // the one-day price is over; 1 unit gets nothing free
}

TEST_F(TillTest, OverridesAboveTheLimitNeedASupervisorAndAreRecorded) {
    const auto box = m_till->scan(kGiftBoxEan).value();
    // 5% off: within the 10% limit, no approval.
    ASSERT_TRUE(m_till->discountLine(box, Fen(640)).ok());
    // 20% off needs a supervisor.
    auto refused = m_till->discountLine(box, Fen(2560));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::ApprovalRequired);
    EXPECT_EQ(m_till->lines()[box].lineDiscount, Fen(640));
    // A cashier cannot approve, a wrong PIN cannot either.
    EXPECT_EQ(m_till->discountLine(box, Fen(2560), Approval{"1001", "1234"}).error().code,
              ErrorCode::Unauthorized);
    EXPECT_EQ(m_till->discountLine(box, Fen(2560), Approval{"9001", "0000"}).error().code,
              ErrorCode::Unauthorized);
    ASSERT_TRUE(m_till->discountLine(box, Fen(2560), supervisor()).ok());
    const auto dates = m_till->addByPlu("12346", 0, Grams(1000), WeightSource::Scale).value();
    EXPECT_EQ(m_till->overridePrice(dates, Fen(1500)).error().code, ErrorCode::ApprovalRequired);
    ASSERT_TRUE(m_till->overridePrice(dates, Fen(1500), supervisor()).ok());
    EXPECT_EQ(m_till->lines()[dates].gross, Fen(1500));
    EXPECT_EQ(m_till->discountOrder(Fen(5000)).error().code, ErrorCode::ApprovalRequired);
    ASSERT_TRUE(m_till->discountOrder(Fen(5000), supervisor()).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, m_till->totals().total).ok());
    const auto sale = m_till->complete().value();

    auto& db = m_store->database();
    SQLite::Statement approvals(db, "SELECT a.what, c.code FROM approval a JOIN cashier c ON c.id "
                                    "= a.approver_id ORDER BY a.id");
    std::vector<std::string> seen;
    while (approvals.executeStep())
        seen.push_back(approvals.getColumn(0).getString() + "/" +
                       approvals.getColumn(1).getString());
    EXPECT_EQ(seen, (std::vector<std::string>{"line discount/9001", "price override/9001",
                                              "order discount ¥50.00/9001"}));
    EXPECT_EQ(db.execAndGet("SELECT list_price_fen FROM sale_line WHERE line_no = 2").getInt64(),
              1999);
    EXPECT_EQ(sale.total, Fen(12800 - 2560 + 1500 - 5000));
}

// The scan field's text goes to the engine whole: it adds, asks for a weight, searches or
// starts a return, and refuses with a keyed error the window shows.
TEST_F(TillTest, TheScanFieldsTextIsReadByTheEngine) {
    auto entered = m_till->enter(std::string("2*") + kGiftBoxEan);
    ASSERT_TRUE(entered.ok()) << entered.error().message;
    EXPECT_EQ(entered->kind, ScanOutcome::Kind::Added);
    EXPECT_EQ(entered->line, 0u);
    EXPECT_EQ(m_till->lines()[0].units, 2);
    EXPECT_EQ(m_till->lines()[0].barcode, kGiftBoxEan);
    EXPECT_EQ(m_till->lines()[0].entry, EntryMethod::Scan);

    entered = m_till->enter("12346"); // red dates by PLU: weigh them first
    ASSERT_TRUE(entered.ok());
    EXPECT_EQ(entered->kind, ScanOutcome::Kind::Weigh);
    EXPECT_EQ(entered->item.id, m_catalog.dates);
    EXPECT_EQ(entered->barcode, "");
    EXPECT_EQ(m_till->lines().size(), 1u);

    entered = m_till->enter(kApplesLabel1500g);
    ASSERT_TRUE(entered.ok());
    EXPECT_EQ(entered->kind, ScanOutcome::Kind::Added);
    EXPECT_EQ(m_till->lines()[entered->line].grams, Grams(1500));

    entered = m_till->enter("2*核桃");
    ASSERT_TRUE(entered.ok());
    EXPECT_EQ(entered->kind, ScanOutcome::Kind::Search);
    EXPECT_EQ(entered->text, "核桃");
    EXPECT_EQ(m_till->lines().size(), 2u);
}

TEST_F(TillTest, TheScanFieldRefusesWhatItCannotTakeAndAddsNothing) {
    const auto refused = [this](const std::string& text, const std::string& key) {
        const auto entered = m_till->enter(text);
        ASSERT_FALSE(entered.ok()) << text;
        EXPECT_EQ(entered.error().key, key) << text;
        EXPECT_TRUE(m_till->lines().empty()) << text;
    };
    refused("x*12345", "a quantity before * must be a whole number");
    refused("99999", "no product has the PLU %1");
    refused("3*12346", "%1 is sold by weight: weigh it instead of giving a quantity");
    refused("1000*" + std::string(kGiftBoxEan), "a quantity above %1 is a keying error");
    refused("2*" + std::string(kApplesLabel1500g),
            "label %1 is one weighed or priced item: scan each label, without a quantity");
    refused("6901234567891",
            "barcode %1 has a wrong check digit (expected %2): rescan it or key the item");
    refused("6900000000014", "barcode %1 is not in the catalog");
    ASSERT_TRUE(m_till->enter(kGiftBoxEan).ok());
    const auto open = m_till->enter("BD1|HZ-F01-01-000001|uuid");
    ASSERT_FALSE(open.ok());
    EXPECT_EQ(open.error().key, "finish, suspend or void the open sale first");
}
