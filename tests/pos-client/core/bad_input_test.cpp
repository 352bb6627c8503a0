// Bad input is refused with a clear error and changes nothing: not the basket, not the database.
#include "till_fixture.h"

using namespace baidian;
using namespace baidian::pos;
using namespace baidian::pos::testing;

namespace {

struct Snapshot {
    std::size_t lines;
    Fen total;
    Fen tendered;
    std::int64_t sales;
    std::int64_t movements;
    bool operator==(const Snapshot&) const = default;
};

} // namespace

class BadInputTest : public TillTest {
protected:
    Snapshot snapshot() {
        return {m_till->lines().size(), m_till->totals().total, m_till->tendered(), count("sale"),
                count("stock_movement")};
    }
    void expectRefused(const Status& status, ErrorCode code, const std::string& mentions,
                       const Snapshot& before) {
        ASSERT_FALSE(status.ok());
        EXPECT_EQ(status.error().code, code) << status.error().message;
        EXPECT_NE(status.error().message.find(mentions), std::string::npos)
            << status.error().message;
        EXPECT_EQ(snapshot(), before);
    }
    template <typename T> Status asStatus(const Result<T>& r) {
        return r ? Status{} : Status{r.error()};
    }
};

TEST_F(BadInputTest, UnknownBarcodeAndBadCheckDigit) {
    ASSERT_TRUE(m_till->scan(kWalnutEan).ok());
    const auto before = snapshot();
    expectRefused(asStatus(m_till->scan("6901234567885")), ErrorCode::NotFound, "6901234567885",
                  before);
    expectRefused(asStatus(m_till->scan("6901234567891")), ErrorCode::BadCheckDigit,
                  "6901234567891", before);
    expectRefused(asStatus(m_till->scan("2012345015004")), ErrorCode::BadCheckDigit,
                  "2012345015004", before);
    expectRefused(asStatus(m_till->scan("69O1234567892")), ErrorCode::BadBarcode, "69O1234567892",
                  before);
    expectRefused(asStatus(m_till->scan("2099999015000")), ErrorCode::BadCheckDigit,
                  "2099999015000", before);
    // A valid label for a PLU that does not exist.
    expectRefused(asStatus(m_till->scan("2099999015001")), ErrorCode::NotFound, "99999", before);
}

TEST_F(BadInputTest, ZeroNegativeAndAbsurdWeightsAndQuantities) {
    const auto walnuts = m_till->scan(kWalnutEan).value();
    const auto dates = m_till->addByPlu("12346", 0, Grams(250), WeightSource::Scale).value();
    const auto before = snapshot();
    expectRefused(asStatus(m_till->addByPlu("12346", 0, Grams(0), WeightSource::Keyed)),
                  ErrorCode::InvalidArgument, "above zero", before);
    expectRefused(asStatus(m_till->addByPlu("12346", 0, Grams(-500), WeightSource::Keyed)),
                  ErrorCode::InvalidArgument, "above zero", before);
    expectRefused(asStatus(m_till->addByPlu("12346", 0, Grams(2'000'000), WeightSource::Keyed)),
                  ErrorCode::InvalidArgument, "2000.000 kg", before);
    expectRefused(asStatus(m_till->addByPlu("12346", 0, std::nullopt, WeightSource::Keyed)),
                  ErrorCode::InvalidArgument, "weight", before);
    expectRefused(m_till->setWeight(dates, Grams(0), WeightSource::Keyed),
                  ErrorCode::InvalidArgument, "above zero", before);
    expectRefused(m_till->setQuantity(walnuts, 0), ErrorCode::InvalidArgument, "at least 1",
                  before);
    expectRefused(m_till->setQuantity(walnuts, -3), ErrorCode::InvalidArgument, "at least 1",
                  before);
    expectRefused(m_till->setQuantity(walnuts, 1'000'000'000), ErrorCode::InvalidArgument,
                  "keying error", before);
    expectRefused(m_till->setQuantity(dates, 2), ErrorCode::InvalidArgument, "units", before);
    expectRefused(m_till->setQuantity(7, 2), ErrorCode::InvalidArgument, "line 8", before);
    expectRefused(m_till->overridePrice(walnuts, Fen(-100)), ErrorCode::InvalidArgument, "price",
                  before);
    expectRefused(m_till->discountLine(walnuts, Fen(999999)), ErrorCode::InvalidArgument,
                  "discount", before);
    expectRefused(m_till->discountOrder(Fen(-1)), ErrorCode::InvalidArgument, "discount", before);
}

TEST_F(BadInputTest, TenderShortAndBadTenders) {
    ASSERT_TRUE(m_till->scan(kGiftBoxEan).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(10000)).ok());
    const auto before = snapshot();
    expectRefused(asStatus(m_till->complete()), ErrorCode::Conflict, "short by ¥28.00", before);
    expectRefused(m_till->addTender(TenderKind::WeChat, Fen(5000), "WX1"),
                  ErrorCode::InvalidArgument, "at most the ¥28.00", before);
    expectRefused(m_till->addTender(TenderKind::Alipay, Fen(2800), ""), ErrorCode::InvalidArgument,
                  "reference", before);
    expectRefused(m_till->addTender(TenderKind::Card, Fen(2800), "bad ref; DROP TABLE"),
                  ErrorCode::InvalidArgument, "reference", before);
    expectRefused(m_till->addTender(TenderKind::Cash, Fen(0)), ErrorCode::InvalidArgument,
                  "above ¥0.00", before);
    expectRefused(m_till->addTender(TenderKind::Cash, Fen(-500)), ErrorCode::InvalidArgument,
                  "above ¥0.00", before);
    // ¥9,999 in cash for ¥28.00 due is a keying error until the cashier confirms it: the
    // next note (¥50) + ¥100 is taken without a question.
    EXPECT_EQ(m_till->cashConfirmAbove(), Fen(15000));
    expectRefused(m_till->addTender(TenderKind::Cash, Fen(999900)), ErrorCode::InvalidArgument,
                  "change would be ¥9971.00", before);
    EXPECT_TRUE(m_till->saleOpen());
    // Topping up makes it complete; once paid nothing more is taken.
    ASSERT_TRUE(m_till->addTender(TenderKind::WeChat, Fen(2800), "WX42000").ok());
    const auto paid = snapshot();
    expectRefused(m_till->addTender(TenderKind::Cash, Fen(100)), ErrorCode::InvalidArgument,
                  "the sale is paid", paid);
    expectRefused(m_till->addTender(TenderKind::Cash, Fen(999900), "", true),
                  ErrorCode::InvalidArgument, "the sale is paid", paid);
    EXPECT_TRUE(m_till->complete().ok());
}

TEST_F(BadInputTest, ReturnAboveWhatWasSold) {
    ASSERT_TRUE(m_till->scan(kGiftBoxEan).ok());
    ASSERT_TRUE(m_till->scan(kApplesLabel1500g).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(20000)).ok());
    const auto sale = m_till->complete().value();
    ASSERT_TRUE(m_till->startReturn(sale.receiptNo).ok());
    const auto before = snapshot();
    expectRefused(asStatus(m_till->returnLine(1, 2, std::nullopt)), ErrorCode::InvalidArgument,
                  "only 1", before);
    expectRefused(asStatus(m_till->returnLine(2, 0, Grams(1501))), ErrorCode::InvalidArgument,
                  "only 1.500 kg", before);
    expectRefused(asStatus(m_till->returnLine(2, 0, Grams(0))), ErrorCode::InvalidArgument,
                  "at least 1", before);
    expectRefused(asStatus(m_till->returnLine(9, 1, std::nullopt)), ErrorCode::NotFound, "line 9",
                  before);
    // Nor can a return piece together more than was sold from several smaller returns.
    ASSERT_TRUE(m_till->returnLine(2, 0, Grams(1000)).ok());
    const auto after = snapshot();
    expectRefused(asStatus(m_till->returnLine(2, 0, Grams(501))), ErrorCode::InvalidArgument,
                  "only 0.500 kg", after);
    expectRefused(asStatus(m_till->scan(kWalnutEan)), ErrorCode::Conflict, "original sale", after);
    // A refund cannot be overpaid.
    expectRefused(m_till->addTender(TenderKind::Cash, Fen(100000)), ErrorCode::InvalidArgument,
                  "at most", after);
    expectRefused(m_till->startReturn("HZ-F01-01-999999"), ErrorCode::Conflict, "open sale", after);
}

TEST_F(BadInputTest, UnknownReceiptAndNoReceiptReturnNeedsASupervisor) {
    auto unknown = m_till->startReturn("HZ-F01-01-999999");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    EXPECT_EQ(m_till->startNoReceiptReturn({"1001", "1234"}).error().code, ErrorCode::Unauthorized);
    EXPECT_EQ(m_till->startNoReceiptReturn({"9001", "1111"}).error().code, ErrorCode::Unauthorized);
    EXPECT_FALSE(m_till->saleOpen());
    ASSERT_TRUE(m_till->startNoReceiptReturn(supervisor()).ok());
    ASSERT_TRUE(m_till->scan(kWalnutEan).ok());
    ASSERT_TRUE(m_till->addTender(TenderKind::Cash, Fen(3500)).ok());
    const auto refund = m_till->complete().value();
    EXPECT_EQ(refund.total, Fen(-3500));
    EXPECT_EQ(m_store->database().execAndGet("SELECT what FROM approval").getString(),
              "no-receipt return");
}

TEST_F(BadInputTest, WrongPinIsRefusedWithoutSayingWhichPartWasWrong) {
    Till other(*m_store, m_clock);
    const auto wrongPin = other.login("1001", "4321");
    ASSERT_FALSE(wrongPin.ok());
    EXPECT_EQ(wrongPin.error().code, ErrorCode::Unauthorized);
    const auto unknown = other.login("7777", "1234");
    EXPECT_EQ(unknown.error().message, wrongPin.error().message);
    EXPECT_FALSE(other.cashier().has_value());
    EXPECT_EQ(other.scan(kWalnutEan).error().code, ErrorCode::Unauthorized);
    EXPECT_EQ(m_store->addCashier("2002", "张三", Role::Cashier, "12").error().code,
              ErrorCode::InvalidArgument);
    EXPECT_EQ(m_store->addCashier("2002", "张三", Role::Cashier, "12ab").error().code,
              ErrorCode::InvalidArgument);
    EXPECT_EQ(m_store->addCashier("1001", "重复", Role::Cashier, "5555").error().code,
              ErrorCode::Conflict);
}

TEST_F(BadInputTest, BadCatalogDataIsRefusedWhole) {
    const auto products = count("product");
    using domain::PriceBasis;
    using domain::SaleUnit;
    EXPECT_FALSE(m_store
                     ->upsertProduct({"X-1",
                                      "坏条码",
                                      "",
                                      SaleUnit::Each,
                                      {Fen(100), PriceBasis::PerUnit},
                                      "",
                                      {"6901234567891"}})
                     .ok());
    EXPECT_FALSE(m_store
                     ->upsertProduct(
                         {"X-2", "零价", "", SaleUnit::Each, {Fen(0), PriceBasis::PerUnit}, "", {}})
                     .ok());
    EXPECT_FALSE(m_store
                     ->upsertProduct({"X-3",
                                      "称重按件价",
                                      "",
                                      SaleUnit::ByWeight,
                                      {Fen(100), PriceBasis::PerUnit},
                                      "",
                                      {}})
                     .ok());
    auto dup = m_store->upsertProduct({"X-4",
                                       "重复条码",
                                       "",
                                       SaleUnit::Each,
                                       {Fen(100), PriceBasis::PerUnit},
                                       "",
                                       {kGiftBoxEan}});
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().code, ErrorCode::Conflict);
    EXPECT_EQ(count("product"), products);
    EXPECT_FALSE(m_store->productBySku("X-4").has_value());
}
