// Suspended sales, voids, reprints and the catalog look-ups the till uses.
#include "baidian/pos/catalog_index.h"
#include "baidian/pos/escpos.h"
#include "till_fixture.h"

using namespace baidian;
using namespace baidian::pos;
using namespace baidian::pos::testing;

TEST_F(TillTest, SuspendAndResumeKeepTheBasket) {
    ASSERT_TRUE(m_till->scan(kApplesLabel1500g).ok());
    const auto dates = m_till->addByPlu("12346", 0, Grams(800), WeightSource::Scale).value();
    ASSERT_TRUE(m_till->overridePrice(dates, Fen(1500), supervisor()).ok());
    const Fen total = m_till->totals().total;
    const auto id = m_till->suspend("顾客去取钱包").value();
    EXPECT_FALSE(m_till->saleOpen());

    // Another customer is served in between.
    ASSERT_TRUE(m_till->scan(kWalnutEan).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(3500)).ok());
    ASSERT_TRUE(m_till->complete().ok());

    const auto waiting = m_till->suspendedSales();
    ASSERT_EQ(waiting.size(), 1u);
    EXPECT_EQ(waiting[0].lines, 2);
    EXPECT_EQ(waiting[0].note, "顾客去取钱包");
    ASSERT_TRUE(m_till->resume(id).ok());
    EXPECT_EQ(m_till->lines().size(), 2u);
    EXPECT_EQ(m_till->totals().total, total);
    EXPECT_EQ(m_till->lines()[1].approvedBy.has_value(), true);
    EXPECT_TRUE(m_till->suspendedSales().empty());
    EXPECT_EQ(m_till->resume(id).error().code, ErrorCode::Conflict); // a sale is open
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, total).ok());
    const auto sale = m_till->complete().value();
    EXPECT_EQ(sale.seq, 2);
    EXPECT_EQ(m_store->database()
                  .execAndGet("SELECT count(*) FROM approval WHERE what = 'price override'")
                  .getInt(),
              1);
}

TEST_F(TillTest, SuspendIsRefusedOnceMoneyWasTaken) {
    ASSERT_TRUE(m_till->scan(kGiftBoxEan).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::WeChat, Fen(1000), "WX1").ok());
    EXPECT_EQ(m_till->suspend().error().code, ErrorCode::Conflict);
    EXPECT_TRUE(m_till->saleOpen());
    EXPECT_EQ(m_till->resume(12345).error().code, ErrorCode::Conflict);
}

TEST_F(TillTest, AVoidRecordsNoSaleButIsLogged) {
    ASSERT_TRUE(m_till->scan(kGiftBoxEan).ok());
    EXPECT_EQ(m_till->voidSale().error().code, ErrorCode::ApprovalRequired);
    EXPECT_TRUE(m_till->saleOpen());
    ASSERT_TRUE(m_till->voidSale(supervisor()).ok());
    EXPECT_FALSE(m_till->saleOpen());
    EXPECT_EQ(count("sale"), 0);
    EXPECT_EQ(count("outbox"), 0);
    EXPECT_EQ(count("till_event"), 1);
    EXPECT_FALSE(m_till->voidSale().ok());
    // The next completed sale still gets sequence 1: a void leaves no gap.
    ASSERT_TRUE(m_till->scan(kWalnutEan).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(5000)).ok());
    EXPECT_EQ(m_till->complete().value().seq, 1);
}

TEST_F(TillTest, RemovingALineRepricesAndKeepsDiscountsConsistent) {
    const auto box = m_till->scan(kGiftBoxEan).value();
    ASSERT_TRUE(m_till->scan(kWalnutEan).ok());
    ASSERT_TRUE(m_till->discountOrder(Fen(1000)).ok());
    // Removing the gift box would leave a ¥10 discount on ¥35: fine. Removing both is not.
    ASSERT_TRUE(m_till->removeLine(box, supervisor()).ok()); // ¥128: above the ¥100 limit
    EXPECT_EQ(m_till->totals().total, Fen(2500));
    EXPECT_EQ(m_till->removeLine(0).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_till->lines().size(), 1u);
}

TEST_F(TillTest, ReprintShowsTheSameReceipt) {
    ASSERT_TRUE(m_till->scan(kGiftBoxEan).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Alipay, Fen(12800), "2088001").ok());
    const auto sale = m_till->complete().value();
    const auto first = m_till->receipt(sale.receiptNo).value().toText(48);
    const auto again = m_till->receipt(sale.receiptNo).value().toText(48);
    EXPECT_EQ(first, again);
    EXPECT_NE(first.find("支付宝"), std::string::npos);
    EXPECT_NE(first.find("2088001"), std::string::npos);
    EXPECT_EQ(m_till->receipt("NOPE").error().code, ErrorCode::NotFound);
}

TEST_F(TillTest, SearchFindsByPinyinInitialsNameAndSku) {
    // Initials anywhere in the code match; codes that start with them come first.
    auto byPinyin = m_store->search("btx");
    ASSERT_EQ(byPinyin.size(), 2u);
    EXPECT_EQ(byPinyin[0].product.sku, "AKS-BOX-01"); // 冰糖心苹果礼盒: btxpglh
    EXPECT_EQ(byPinyin[1].product.sku, "AKS-APL-01"); // 阿克苏冰糖心苹果: aksbtxpg
    EXPECT_EQ(m_store->search("BTXPG").size(), 2u);
    EXPECT_EQ(m_store->search("红枣").at(0).product.sku, "AKS-DAT-01");
    EXPECT_EQ(m_store->search("WAL").at(0).product.sku, "AKS-WAL-01");
    EXPECT_TRUE(m_store->search("%").empty());
    EXPECT_TRUE(m_store->search("zzz").empty());
    const auto item = m_store->search("aks").at(0);
    ASSERT_TRUE(
        m_till->addProduct(item.id, EntryMethod::Search, 1, Grams(500), WeightSource::Scale).ok());
    EXPECT_EQ(m_till->lines()[0].entry, EntryMethod::Search);
}

TEST_F(TillTest, CatalogIndexSearchesLikeTheDatabaseButInMemory) {
    const auto index = CatalogIndex::build(*m_store);
    EXPECT_EQ(index.size(), 4u);
    const auto hits = index.search("BTX");
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(hits[0].sku, "AKS-BOX-01");
    EXPECT_EQ(hits[1].sku, "AKS-APL-01");
    EXPECT_EQ(index.search("红枣").at(0).sku, "AKS-DAT-01");
    EXPECT_EQ(index.search("wal-01").at(0).sku, "AKS-WAL-01");
    EXPECT_TRUE(index.search("").empty());
    EXPECT_EQ(index.search("a", 2).size(), 2u);
}

TEST_F(TillTest, EscPosReceiptIsGb18030WithAQrCodeAndACut) {
    ASSERT_TRUE(m_till->scan(kApplesLabel1500g).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(3000)).ok());
    const auto sale = m_till->complete().value();
    const auto receipt = m_till->receipt(sale.receiptNo).value();
    const std::string bytes = renderEscPos(receipt, 32);
    EXPECT_EQ(bytes.substr(0, 2), std::string("\x1b@", 2));
    EXPECT_NE(bytes.find(toGb18030("阿克苏冰糖心苹果")), std::string::npos);
    EXPECT_EQ(bytes.find("阿克苏"), std::string::npos) << "no UTF-8 on the wire";
    EXPECT_EQ(toGb18030("苹果"), std::string("\xc6\xbb\xb9\xfb"));
    EXPECT_NE(bytes.find(receipt.qrPayload), std::string::npos);
    EXPECT_EQ(bytes.substr(bytes.size() - 4), std::string("\x1dV\x42\x00", 4));
}
