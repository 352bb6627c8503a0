// The real till window under QT_QPA_PLATFORM=offscreen, driven by keyboard alone, on a real
// SQLite till database.
#include "baidian/pos/basket.h"
#include "baidian/pos/inventory.h"
#include "baidian/pos/journal.h"
#include "customer_display.h"
#include "engine_messages.h"
#include "entry_dialog.h"
#include "list_dialogs.h"
#include "login_screen.h"
#include "payment_dialog.h"
#include "sale_screen.h"
#include "search_service.h"
#include "till_fixture.h"
#include "till_session.h"
#include "till_window.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTranslator>
#include <functional>

using namespace baidian;
using namespace baidian::app;
using namespace baidian::pos::testing;

namespace {

/// Waits (processing events) until `probe` returns non-null, up to 3 s.
template <typename T> T* waitFor(const std::function<T*()>& probe) {
    for (int i = 0; i < 300; ++i) {
        if (T* found = probe())
            return found;
        QTest::qWait(10);
    }
    return nullptr;
}

template <typename T> T* modal(const char* objectName) {
    return waitFor<T>([objectName]() -> T* {
        auto* w = qobject_cast<T*>(QApplication::activeModalWidget());
        return w && w->objectName() == QLatin1String(objectName) && w->isVisible() ? w : nullptr;
    });
}

/// Waits until no dialog is open and a widget has the focus again: back at the sale screen.
bool backToSale() {
    return waitFor<QWidget>([] {
               return QApplication::activeModalWidget() ? nullptr : QApplication::focusWidget();
           }) != nullptr;
}

QWidget* focus() {
    QTest::qWait(20);
    return QApplication::focusWidget();
}

void type(const QString& text) {
    const bool ascii =
        std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 128; });
    if (auto* edit = qobject_cast<QLineEdit*>(focus()); edit && !ascii)
        edit->insert(text); // an input method's commit; QTest types ASCII keys only
    else
        QTest::keyClicks(focus(), text);
    QTest::keyClick(focus(), Qt::Key_Return);
    QTest::qWait(20);
}

void key(int k, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QTest::keyClick(focus(), static_cast<Qt::Key>(k), modifiers);
    QTest::qWait(30);
}

class TillGuiTest : public ::testing::Test {
protected:
    void SetUp() override {
        {
            auto store = pos::LocalStore::open(m_path).value();
            seedTill(store);
        }
        TillOptions options;
        options.databasePath = QString::fromStdString(m_path);
        QString error;
        m_session = TillSession::open(options, &error);
        ASSERT_TRUE(m_session) << error.toStdString();
        m_window = std::make_unique<TillWindow>(*m_session);
        m_window->show();
        m_window->activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    }

    void loginAndOpenShift() {
        QTest::qWait(50);
        type(QStringLiteral("1001"));
        type(QStringLiteral("1234"));
        ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr) << "the till asks for the float";
        type(QStringLiteral("500"));
        ASSERT_TRUE(backToSale());
        EXPECT_EQ(focus()->objectName(), QStringLiteral("scanField"));
    }

    /// F12, Enter on an empty amount (cash for what is due), Enter to complete: back at the
    /// sale screen.
    void payInCashByKeyboard() {
        key(Qt::Key_F12);
        ASSERT_NE(modal<PaymentDialog>("paymentDialog"), nullptr);
        type(QString());
        key(Qt::Key_Return);
        ASSERT_TRUE(backToSale());
    }

    std::int64_t count(const std::string& sql) {
        return m_session->store().database().execAndGet(sql).getInt64();
    }

    TempDir m_dir;
    std::string m_path = m_dir.file("till.db");
    domain::SystemClock m_clock;
    std::unique_ptr<TillSession> m_session;
    std::unique_ptr<TillWindow> m_window;
};

} // namespace

TEST_F(TillGuiTest, WrongPinIsRefusedOnTheLoginScreen) {
    type(QStringLiteral("1001"));
    type(QStringLiteral("9999"));
    auto* error = m_window->loginScreen()->findChild<QLabel*>(QStringLiteral("loginError"));
    EXPECT_FALSE(error->text().isEmpty());
    EXPECT_TRUE(m_window->loginScreen()->isVisible());
}

TEST_F(TillGuiTest, ACashierRingsUpThreeItemsAndTakesASplitPaymentByKeyboardAlone) {
    loginAndOpenShift();
    type(QString::fromLatin1(kApplesLabel1500g)); // weighed apples by their scale label
    type(QString::fromLatin1(kGiftBoxEan));
    type(QStringLiteral("12346")); // red dates by PLU: the till asks for the weight
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    type(QStringLiteral("0.333"));
    QTest::qWait(50);
    ASSERT_EQ(m_session->till().lines().size(), 3u);
    auto* total = m_window->saleScreen()->findChild<QLabel*>(QStringLiteral("totalLabel"));
    EXPECT_EQ(total->text(), QStringLiteral("¥155.06"));
    auto* basket = m_window->saleScreen()->findChild<QTableView*>(QStringLiteral("basketView"));
    EXPECT_EQ(basket->model()->rowCount(), 3);
    EXPECT_EQ(basket->model()->index(0, 1).data().toString(), QStringLiteral("1500 g (3.00斤)"));

    key(Qt::Key_F12);
    auto* payment = modal<PaymentDialog>("paymentDialog");
    ASSERT_NE(payment, nullptr);
    key(Qt::Key_F3); // WeChat Pay
    type(QStringLiteral("100"));
    EXPECT_EQ(focus()->objectName(), QStringLiteral("paymentReference"));
    type(QStringLiteral("4200009876"));
    key(Qt::Key_F1); // cash: its ¥55.06 is settled at ¥55.00 (抹零 to the jiao, the default)
    EXPECT_EQ(payment->findChild<QLabel*>(QStringLiteral("paymentDue"))->text(),
              QStringLiteral("¥55.00"));
    type(QStringLiteral("100"));
    EXPECT_EQ(payment->findChild<QLabel*>(QStringLiteral("paymentChange"))->text(),
              QStringLiteral("¥45.00"));
    key(Qt::Key_Return); // fully paid: complete
    ASSERT_TRUE(backToSale());

    EXPECT_EQ(count("SELECT count(*) FROM sale"), 1);
    // Change in fen made every shift close a few fen short (the drawer holds no fen).
    EXPECT_EQ(count("SELECT total_fen FROM sale"), 15500);
    EXPECT_EQ(count("SELECT rounding_fen FROM sale"), 6);
    EXPECT_EQ(count("SELECT change_fen FROM sale"), 4500);
    EXPECT_EQ(count("SELECT count(*) FROM sale_line"), 3);
    EXPECT_EQ(
        count("SELECT amount_fen FROM tender WHERE kind = 'wechat' AND reference = '4200009876'"),
        10000);
    EXPECT_EQ(count("SELECT grams FROM sale_line WHERE sku = 'AKS-DAT-01'"), 333);
    EXPECT_TRUE(pos::verifyJournal(m_session->store().database()).ok);
    EXPECT_TRUE(m_window->saleScreen()
                    ->findChild<QLabel*>(QStringLiteral("lastItem"))
                    ->text()
                    .contains(QStringLiteral("¥45.00")));
}

// Issue "The till a cashier can't get wrong": "completes an ¥8 sale with ¥10,001 change: the
// payment dialog's Del does nothing (the amount field eats the key), tenders can be added after
// the sale is paid, ¥9,999 cash for ¥8 is taken without a word".
TEST_F(TillGuiTest, TooMuchCashNeedsConfirmingNothingIsTakenOncePaidAndDelRemovesAPayment) {
    loginAndOpenShift();
    type(QString::fromLatin1(kWalnutEan)); // ¥35.00
    key(Qt::Key_F12);
    auto* payment = modal<PaymentDialog>("paymentDialog");
    ASSERT_NE(payment, nullptr);
    auto* error = payment->findChild<QLabel*>(QStringLiteral("paymentError"));
    auto* change = payment->findChild<QLabel*>(QStringLiteral("paymentChange"));
    type(QStringLiteral("9999")); // a keying error: ¥9,999.00 cash for ¥35.00
    EXPECT_TRUE(m_session->till().tenders().empty()) << "taken without a word";
    EXPECT_TRUE(error->text().contains(QStringLiteral("¥9964.00"))) << error->text().toStdString();
    key(Qt::Key_Return); // the cashier confirms: the customer did hand over that much
    ASSERT_EQ(m_session->till().tenders().size(), 1u);
    EXPECT_EQ(change->text(), QStringLiteral("¥9964.00"));
    key(Qt::Key_Delete); // the amount field is empty: Del removes the last payment
    EXPECT_TRUE(m_session->till().tenders().empty()) << "Del did nothing";
    EXPECT_EQ(change->text(), QStringLiteral("¥0.00"));
    type(QStringLiteral("50")); // a ¥50 note for ¥35: no question asked
    ASSERT_EQ(m_session->till().tenders().size(), 1u);
    type(QStringLiteral("100")); // paid already: nothing more is taken
    EXPECT_EQ(m_session->till().tenders().size(), 1u) << "a tender added after paid";
    EXPECT_EQ(change->text(), QStringLiteral("¥15.00"));
    key(Qt::Key_Return); // complete
    ASSERT_TRUE(backToSale());
    EXPECT_EQ(count("SELECT change_fen FROM sale"), 1500);
    EXPECT_EQ(count("SELECT count(*) FROM tender"), 1);
}

// "... and the tenders survive Esc": backing out of the payment leaves no payment on the sale.
TEST_F(TillGuiTest, BackingOutOfPaymentLeavesNoPaymentOnTheSale) {
    loginAndOpenShift();
    type(QString::fromLatin1(kWalnutEan));
    key(Qt::Key_F12);
    ASSERT_NE(modal<PaymentDialog>("paymentDialog"), nullptr);
    type(QStringLiteral("20"));
    ASSERT_EQ(m_session->till().tenders().size(), 1u);
    key(Qt::Key_Escape);
    ASSERT_TRUE(backToSale());
    EXPECT_TRUE(m_session->till().tenders().empty()) << "the tenders survived Esc";
    EXPECT_EQ(m_session->till().lines().size(), 1u); // the sale itself is still open
}

TEST_F(TillGuiTest, AReturnAgainstTheReceiptAndAShiftCloseByKeyboard) {
    loginAndOpenShift();
    type(QString::fromLatin1(kWalnutEan));
    type(QStringLiteral("3*") + QString::fromLatin1(kGiftBoxEan)); // quantity 3 before the code
    ASSERT_EQ(m_session->till().lines().size(), 2u);
    EXPECT_EQ(m_session->till().lines()[1].units, 3);
    ASSERT_NO_FATAL_FAILURE(payInCashByKeyboard());
    ASSERT_EQ(count("SELECT count(*) FROM sale"), 1);

    // F10: return one gift box against the receipt.
    key(Qt::Key_F10);
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    type(QStringLiteral("HZ-F01-01-000001"));
    auto* pick = modal<QDialog>("pickDialog");
    ASSERT_NE(pick, nullptr);
    key(Qt::Key_Down); // line 2: the gift boxes
    key(Qt::Key_Return);
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    auto* edit =
        QApplication::activeModalWidget()->findChild<QLineEdit*>(QStringLiteral("entryEdit"));
    EXPECT_EQ(edit->text(), QStringLiteral("3")) << "prefilled with what is left to return";
    edit->clear();
    type(QStringLiteral("1"));
    QTest::qWait(50);
    ASSERT_TRUE(m_session->till().isReturn());
    ASSERT_EQ(m_session->till().lines().size(), 1u);
    ASSERT_NO_FATAL_FAILURE(payInCashByKeyboard());
    EXPECT_EQ(count("SELECT count(*) FROM sale WHERE kind = 'return'"), 1);
    EXPECT_EQ(count("SELECT total_fen FROM sale WHERE kind = 'return'"), -12800);

    // Ctrl+F12: the shift menu; Down to "close shift"; count: 2 × ¥100 and the rest by Enter.
    key(Qt::Key_F12, Qt::ControlModifier);
    ASSERT_NE(modal<QDialog>("pickDialog"), nullptr);
    key(Qt::Key_Down);
    key(Qt::Key_Return);
    auto* close = modal<QDialog>("shiftCloseDialog");
    ASSERT_NE(close, nullptr);
    // Bug: the count showed the expected cash and pre-filled the card and mobile totals, so a
    // cashier could count to the figure. The count is blind now.
    for (const auto* field : close->findChildren<QLineEdit*>())
        EXPECT_TRUE(field->text().isEmpty()) << "pre-filled: " << field->objectName().toStdString();
    for (const auto* label : close->findChildren<QLabel*>())
        EXPECT_FALSE(label->text().contains(QStringLiteral("791")))
            << "shows what the drawer should hold: " << label->text().toStdString();
    type(QStringLiteral("7")); // 7 × ¥100
    for (int i = 0; i < 10; ++i)
        key(Qt::Key_Return);
    auto* report = modal<QDialog>("reportDialog");
    ASSERT_NE(report, nullptr);
    EXPECT_TRUE(report->findChild<QPlainTextEdit*>(QStringLiteral("reportText"))
                    ->toPlainText()
                    .contains(QStringLiteral("差额 -¥91.00")))
        << "over and short are shown once the count is in";
    EXPECT_EQ(count("SELECT count(*) FROM shift WHERE closed_at IS NOT NULL"), 1);
    // Expected cash: float 500 + 35 + 384 - 128 = 791; counted 700.
    EXPECT_EQ(count("SELECT expected_fen FROM shift_count WHERE tender = 'cash'"), 79100);
    EXPECT_EQ(count("SELECT counted_fen FROM shift_count WHERE tender = 'cash'"), 70000);
}

TEST_F(TillGuiTest, BadScansShowAnErrorAndChangeNothing) {
    loginAndOpenShift();
    type(QStringLiteral("6901234567891")); // wrong check digit
    auto* message = m_window->saleScreen()->findChild<QLabel*>(QStringLiteral("saleMessage"));
    EXPECT_TRUE(message->text().contains(QStringLiteral("6901234567891")))
        << message->text().toStdString();
    type(QStringLiteral("99999")); // unknown PLU
    EXPECT_TRUE(message->text().contains(QStringLiteral("99999")));
    EXPECT_TRUE(m_session->till().lines().empty());
    EXPECT_EQ(focus()->objectName(), QStringLiteral("scanField"));
}

// "Adds a phantom line when it refuses a scan": 1000*<code> said "a quantity above 999 is a
// keying error" and still added the item ×1, unseen until the sale was resumed. The quantity is
// now checked before anything is added; a quantity before a scale label or a weighed item's PLU
// is refused the same way.
TEST_F(TillGuiTest, ARefusedQuantityBeforeACodeAddsNoLine) {
    loginAndOpenShift();
    auto* message = m_window->saleScreen()->findChild<QLabel*>(QStringLiteral("saleMessage"));
    type(QStringLiteral("1000*") + QString::fromLatin1(kGiftBoxEan));
    EXPECT_TRUE(m_session->till().lines().empty()) << "a phantom line from a refused quantity";
    EXPECT_TRUE(message->text().contains(QStringLiteral("999"))) << message->text().toStdString();
    type(QStringLiteral("2*") + QString::fromLatin1(kApplesLabel1500g));
    EXPECT_TRUE(m_session->till().lines().empty()) << "a label taken with a quantity";
    type(QStringLiteral("3*12346")); // red dates, sold by weight
    EXPECT_EQ(QApplication::activeModalWidget(), nullptr) << "a weight asked for 3 units";
    EXPECT_TRUE(m_session->till().lines().empty());
    EXPECT_EQ(focus()->objectName(), QStringLiteral("scanField"));
    EXPECT_EQ(count("SELECT count(*) FROM sale"), 0);
}

// "Misses 'second one half price' when the box is scanned twice": two ×1 lines, no promotion,
// ¥64 overcharged. A rescan now goes onto the item's line (selected, and shown as the item in
// hand), and a promotion counts every line of the product.
TEST_F(TillGuiTest, ARescanGoesOntoItsLineAndTheSecondBoxIsHalfPrice) {
    const auto box = count("SELECT id FROM product WHERE sku = 'AKS-BOX-01'");
    ASSERT_TRUE(m_session->store()
                    .addPromotion({0, "HALF2", "第二件半价", pos::Promotion::Kind::SecondHalf, box,
                                   domain::Fen(0), 0, 0, 0, "2000-01-01", "2099-12-31"})
                    .ok());
    loginAndOpenShift();
    auto* total = m_window->saleScreen()->findChild<QLabel*>(QStringLiteral("totalLabel"));
    type(QString::fromLatin1(kGiftBoxEan));
    type(QString::fromLatin1(kGiftBoxEan));
    ASSERT_EQ(m_session->till().lines().size(), 1u) << "the second box made a line of its own";
    EXPECT_EQ(m_session->till().lines()[0].units, 2);
    EXPECT_EQ(total->text(), QStringLiteral("¥192.00")); // ¥128 + ¥64
    type(QString::fromLatin1(kWalnutEan));
    type(QStringLiteral("2*") + QString::fromLatin1(kGiftBoxEan)); // two more boxes
    ASSERT_EQ(m_session->till().lines().size(), 2u);
    EXPECT_EQ(m_session->till().lines()[0].units, 4);
    EXPECT_EQ(total->text(), QStringLiteral("¥419.00")); // 2 × ¥192 + ¥35 walnuts
    EXPECT_EQ(m_window->saleScreen()->currentLine(), 0) << "the line scanned onto is not chosen";
    auto* last = m_window->saleScreen()->findChild<QLabel*>(QStringLiteral("lastItem"));
    EXPECT_TRUE(last->text().contains(QStringLiteral("礼盒"))) << last->text().toStdString();
    // The line keys act on that line: F2 sets the boxes, not the walnuts, to 3.
    key(Qt::Key_F2);
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    type(QStringLiteral("3"));
    EXPECT_EQ(m_session->till().lines()[0].units, 3);
    EXPECT_EQ(m_session->till().lines()[1].units, 1);
    // Two lines of one product (the second box at a changed price stays its own line until
    // then) are still one basket for the promotion.
    std::vector<pos::BasketLine> lines(2);
    for (auto& l : lines) {
        l.productId = box;
        l.unit = domain::SaleUnit::Each;
        l.units = 1;
        l.listPrice = l.price = {domain::Fen(12800), domain::PriceBasis::PerUnit};
    }
    const std::vector<pos::Promotion> half{{0, "HALF2", "第二件半价",
                                            pos::Promotion::Kind::SecondHalf, box, domain::Fen(0),
                                            0, 0, 0, "", ""}};
    auto totals = pos::priceBasket(lines, {half, half}, domain::Fen(0), std::nullopt);
    ASSERT_TRUE(totals.ok());
    EXPECT_EQ(totals->total, domain::Fen(19200)) << "two lines of the box, no promotion";
}

// "Raises a price to ¥99,999 with no approval" and "after a refused discount/price the dialog
// closes and the retyped number goes into the scan field (a price that is also a PLU adds a
// product)". A raise needs a supervisor; a refused number (or approval) keeps its dialog open
// with the number selected, so the retyped one goes there.
TEST_F(TillGuiTest, APriceRaiseNeedsApprovalAndARefusedNumberKeepsItsDialog) {
    loginAndOpenShift();
    type(QString::fromLatin1(kGiftBoxEan)); // ¥128.00
    key(Qt::Key_F5);
    auto* entry = modal<EntryDialog>("entryDialog");
    ASSERT_NE(entry, nullptr);
    type(QStringLiteral("99999"));
    ASSERT_NE(modal<ApprovalDialog>("approvalDialog"), nullptr) << "a raise without approval";
    EXPECT_EQ(m_session->till().lines()[0].price.amount, domain::Fen(12800));
    key(Qt::Key_Escape); // no supervisor at hand: back to the price
    ASSERT_EQ(modal<EntryDialog>("entryDialog"), entry);
    key(Qt::Key_Return); // the same price again, and a wrong PIN
    ASSERT_NE(modal<ApprovalDialog>("approvalDialog"), nullptr);
    type(QStringLiteral("9001"));
    type(QStringLiteral("0000"));
    ASSERT_EQ(modal<EntryDialog>("entryDialog"), entry) << "a refused approval closed the dialog";
    auto* error = entry->findChild<QLabel*>(QStringLiteral("entryError"));
    EXPECT_FALSE(error->text().isEmpty());
    EXPECT_EQ(m_session->till().lines()[0].price.amount, domain::Fen(12800));
    key(Qt::Key_Escape);

    // F4: a discount larger than the line is refused in its dialog; the retyped 12346 (red
    // dates' PLU) is refused there too, instead of adding red dates; then ¥5 is given.
    key(Qt::Key_F4);
    entry = modal<EntryDialog>("entryDialog");
    ASSERT_NE(entry, nullptr);
    type(QStringLiteral("500"));
    ASSERT_EQ(modal<EntryDialog>("entryDialog"), entry) << "the refused discount closed it";
    EXPECT_FALSE(entry->findChild<QLabel*>(QStringLiteral("entryError"))->text().isEmpty());
    type(QStringLiteral("12346"));
    ASSERT_EQ(m_session->till().lines().size(), 1u) << "the retyped number added a product";
    ASSERT_EQ(modal<EntryDialog>("entryDialog"), entry);
    type(QStringLiteral("5"));
    ASSERT_TRUE(backToSale());
    EXPECT_EQ(m_session->till().lines()[0].lineDiscount, domain::Fen(500));

    // The raise, approved: the price changes and the approver is on the line.
    key(Qt::Key_F5);
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    type(QStringLiteral("130"));
    ASSERT_NE(modal<ApprovalDialog>("approvalDialog"), nullptr);
    type(QStringLiteral("9001"));
    type(QStringLiteral("900190"));
    ASSERT_TRUE(backToSale());
    EXPECT_EQ(m_session->till().lines()[0].price.amount, domain::Fen(13000));
    EXPECT_TRUE(m_session->till().lines()[0].approvedBy.has_value());
}

TEST_F(TillGuiTest, AStoreManagerReceivesAndWritesOffByKeyboard) {
    QTest::qWait(50);
    type(QStringLiteral("9001")); // the supervisor
    type(QStringLiteral("900190"));
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    type(QStringLiteral("0"));
    ASSERT_TRUE(backToSale());
    pos::Inventory inventory(m_session->store(), m_clock);

    key(Qt::Key_I, Qt::ControlModifier);
    ASSERT_NE(modal<QDialog>("inventoryMenu"), nullptr);
    key(Qt::Key_Return); // receive goods
    for (const char* answer :
         {"AKS-APL-01", "20", "L2026-11-A", "阿克苏红旗坡7号基地", "2026-12-20"}) {
        ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr) << answer;
        type(QString::fromUtf8(answer));
    }
    QTest::qWait(50);
    EXPECT_EQ(inventory.level("AKS-APL-01").grams, Grams(20000));

    key(Qt::Key_I, Qt::ControlModifier);
    ASSERT_NE(modal<QDialog>("inventoryMenu"), nullptr);
    key(Qt::Key_Down);
    key(Qt::Key_Return); // write off
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    type(QStringLiteral("12345")); // by PLU
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    type(QStringLiteral("0.8"));
    ASSERT_NE(modal<QDialog>("pickDialog"), nullptr);
    key(Qt::Key_Return); // spoiled
    QTest::qWait(50);
    EXPECT_EQ(inventory.level("AKS-APL-01").grams, Grams(19200));
    EXPECT_EQ(
        count("SELECT count(*) FROM stock_movement WHERE kind = 'shrink' AND reason = 'spoiled'"),
        1);
}

TEST_F(TillGuiTest, ReceivingATransferWithoutAServerSaysSoAndChangesNothing) {
    QTest::qWait(50);
    type(QStringLiteral("9001"));
    type(QStringLiteral("900190"));
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    type(QStringLiteral("0"));
    ASSERT_TRUE(backToSale());
    key(Qt::Key_I, Qt::ControlModifier);
    ASSERT_NE(modal<QDialog>("inventoryMenu"), nullptr);
    for (int i = 0; i < 5; ++i)
        key(Qt::Key_Down);
    key(Qt::Key_Return);
    QTest::qWait(50);
    EXPECT_TRUE(m_window->saleScreen()
                    ->findChild<QLabel*>(QStringLiteral("saleMessage"))
                    ->text()
                    .contains(QStringLiteral("--server")));
    EXPECT_EQ(count("SELECT count(*) FROM stock_movement"), 0);
}

TEST_F(TillGuiTest, ACashierCannotDoStockWork) {
    loginAndOpenShift();
    key(Qt::Key_I, Qt::ControlModifier);
    QTest::qWait(50);
    EXPECT_EQ(QApplication::activeModalWidget(), nullptr);
    EXPECT_TRUE(m_window->saleScreen()
                    ->findChild<QLabel*>(QStringLiteral("saleMessage"))
                    ->text()
                    .contains(QStringLiteral("manager")));
}

TEST(TillTranslation, SimplifiedChineseIsCompiledInAndComplete) {
    QTranslator translator;
    ASSERT_TRUE(translator.load(QStringLiteral(":/i18n/baidian_zh_CN.qm")));
    EXPECT_EQ(translator.translate("baidian::app::TillWindow", "Pay"), QStringLiteral("结账"));
    EXPECT_EQ(translator.translate("baidian::app::PaymentDialog", "Change"),
              QStringLiteral("找零"));
    EXPECT_EQ(translator.translate("TillSession", "Supervisor approval needed"),
              QStringLiteral("需要主管授权"));
    QFile ts(QStringLiteral(BAIDIAN_TS_FILE));
    ASSERT_TRUE(ts.open(QIODevice::ReadOnly));
    const QByteArray text = ts.readAll();
    EXPECT_FALSE(text.contains("type=\"unfinished\""))
        << "untranslated strings: translate them in Qt Linguist";
}

TEST_F(TillGuiTest, TheWindowSpeaksChineseWithTheTranslatorInstalled) {
    QTranslator translator;
    ASSERT_TRUE(translator.load(QStringLiteral(":/i18n/baidian_zh_CN.qm")));
    QCoreApplication::installTranslator(&translator);
    TillWindow chinese(*m_session);
    auto* pay = chinese.findChild<QAction*>(QStringLiteral("actionPay"));
    ASSERT_NE(pay, nullptr);
    EXPECT_EQ(pay->text(), QStringLiteral("结账"));
    EXPECT_EQ(pay->shortcut(), QKeySequence(Qt::Key_F12));
    for (const char* name : {"actionSearch", "actionQuantity", "actionWeight", "actionLineDiscount",
                             "actionPriceOverride", "actionOrderDiscount", "actionMoling",
                             "actionSuspend", "actionResume", "actionReturn", "actionReprint",
                             "actionVoidLine", "actionVoidSale", "actionDrawer", "actionShift"})
        EXPECT_FALSE(chinese.findChild<QAction*>(QString::fromLatin1(name))->shortcut().isEmpty())
            << name;
    QCoreApplication::removeTranslator(&translator);
}

// Bug: Ctrl+D took any line off at any time, with no confirmation and no trace; after a
// payment it needed nobody. Now every removal is logged, and a removal above ¥100 or once a
// payment is taken opens the supervisor's dialog (Esc keeps the line).
TEST_F(TillGuiTest, ARemovedLineLeavesATraceAndAboveTheLimitNeedsASupervisor) {
    loginAndOpenShift();
    type(QString::fromLatin1(kWalnutEan)); // ¥35.00
    key(Qt::Key_D, Qt::ControlModifier);
    ASSERT_TRUE(backToSale());
    EXPECT_TRUE(m_session->till().lines().empty());
    EXPECT_EQ(count("SELECT count(*) FROM till_event WHERE kind = 'line_removed' AND "
                    "approver_id IS NULL AND amount_fen = 3500"),
              1);

    type(QString::fromLatin1(kGiftBoxEan)); // ¥128.00
    key(Qt::Key_D, Qt::ControlModifier);
    ASSERT_NE(modal<ApprovalDialog>("approvalDialog"), nullptr) << "removed with no supervisor";
    key(Qt::Key_Escape);
    ASSERT_TRUE(backToSale());
    EXPECT_EQ(m_session->till().lines().size(), 1u);
    key(Qt::Key_D, Qt::ControlModifier);
    ASSERT_NE(modal<ApprovalDialog>("approvalDialog"), nullptr);
    type(QStringLiteral("9001"));
    type(QStringLiteral("900190"));
    ASSERT_TRUE(backToSale());
    EXPECT_TRUE(m_session->till().lines().empty());
    EXPECT_EQ(count("SELECT count(*) FROM till_event WHERE kind = 'line_removed' AND "
                    "approver_id IS NOT NULL AND amount_fen = 12800"),
              1);
}

// Bug: a void needed nobody and left nothing behind.
TEST_F(TillGuiTest, AVoidNeedsASupervisorAndIsLogged) {
    loginAndOpenShift();
    type(QString::fromLatin1(kGiftBoxEan));
    key(Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    ASSERT_NE(modal<QDialog>("pickDialog"), nullptr);
    key(Qt::Key_Down);
    key(Qt::Key_Return); // void the sale
    ASSERT_NE(modal<ApprovalDialog>("approvalDialog"), nullptr) << "voided with no supervisor";
    type(QStringLiteral("9001"));
    type(QStringLiteral("900190"));
    ASSERT_TRUE(backToSale());
    EXPECT_FALSE(m_session->till().saleOpen());
    EXPECT_EQ(count("SELECT count(*) FROM till_event WHERE kind = 'void' AND approver_id IS NOT "
                    "NULL AND amount_fen = 12800"),
              1);
}

// Bug: PINs could be tried without end at the login. Five wrong ones lock the code; the right
// PIN is refused until a supervisor unlocks it with F12 on the login screen.
TEST_F(TillGuiTest, FiveWrongPinsLockTheLoginUntilASupervisorUnlocksItWithF12) {
    QTest::qWait(50);
    type(QStringLiteral("1001"));
    for (int i = 0; i < 5; ++i)
        type(QStringLiteral("000") + QString::number(i));
    type(QStringLiteral("1234"));
    QTest::qWait(50);
    EXPECT_EQ(QApplication::activeModalWidget(), nullptr) << "logged in while locked";
    EXPECT_TRUE(m_window->loginScreen()->isVisible());
    key(Qt::Key_F12);
    ASSERT_NE(modal<ApprovalDialog>("approvalDialog"), nullptr);
    type(QStringLiteral("9001"));
    type(QStringLiteral("900190"));
    QTest::qWait(50);
    auto* message = m_window->loginScreen()->findChild<QLabel*>(QStringLiteral("loginError"));
    EXPECT_TRUE(message->text().contains(QStringLiteral("1001"))) << message->text().toStdString();
    type(QStringLiteral("1234"));
    EXPECT_NE(modal<EntryDialog>("entryDialog"), nullptr) << "the unlocked cashier logs in";
    EXPECT_EQ(count("SELECT count(*) FROM till_event WHERE kind IN ('pin_locked', "
                    "'pin_unlocked')"),
              2);
}

// Bug: cash-out went with no approval and no reason.
TEST_F(TillGuiTest, CashOutAsksWhyAndNeedsASupervisor) {
    loginAndOpenShift();
    key(Qt::Key_F12, Qt::ControlModifier);
    ASSERT_NE(modal<QDialog>("pickDialog"), nullptr);
    for (int i = 0; i < 3; ++i)
        key(Qt::Key_Down);
    key(Qt::Key_Return); // cash out
    ASSERT_NE(modal<QDialog>("pickDialog"), nullptr) << "no reason asked";
    key(Qt::Key_Return); // banked
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    type(QStringLiteral("200"));
    ASSERT_NE(modal<ApprovalDialog>("approvalDialog"), nullptr) << "taken with no supervisor";
    type(QStringLiteral("9001"));
    type(QStringLiteral("900190"));
    ASSERT_TRUE(backToSale());
    EXPECT_EQ(count("SELECT count(*) FROM cash_movement WHERE kind = 'out' AND amount_fen = "
                    "20000 AND reason <> ''"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM till_event WHERE kind = 'cash_out' AND approver_id IS "
                    "NOT NULL"),
              1);
}

// Bug: a refund was called "收款 应收余额", showed "找零 ¥0.00" after it and went to cash when
// the sale was paid by WeChat. Now the dialog says refund, in red, with no change, and starts on
// the original sale's payment; the sale screen says what was refunded.
TEST_F(TillGuiTest, ARefundIsCalledOneAndGoesBackTheWayTheMoneyCame) {
    loginAndOpenShift();
    type(QString::fromLatin1(kWalnutEan)); // ¥35.00
    key(Qt::Key_F12);
    ASSERT_NE(modal<PaymentDialog>("paymentDialog"), nullptr);
    key(Qt::Key_F3); // WeChat Pay
    type(QString());
    type(QStringLiteral("4200001111"));
    key(Qt::Key_Return);
    ASSERT_TRUE(backToSale());

    key(Qt::Key_F10);
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    type(QStringLiteral("HZ-F01-01-000001"));
    ASSERT_NE(modal<QDialog>("pickDialog"), nullptr);
    key(Qt::Key_Return);
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    type(QString()); // the one walnut bag
    QTest::qWait(50);
    ASSERT_TRUE(m_session->till().isReturn());
    key(Qt::Key_F12);
    auto* refund = modal<PaymentDialog>("paymentDialog");
    ASSERT_NE(refund, nullptr);
    EXPECT_EQ(refund->windowTitle(), QStringLiteral("Refund"));
    EXPECT_FALSE(refund->findChild<QLabel*>(QStringLiteral("paymentChange"))->isVisible());
    EXPECT_TRUE(refund->findChild<QLabel*>(QStringLiteral("paymentDue"))
                    ->styleSheet()
                    .contains(QStringLiteral("#b00020")));
    EXPECT_EQ(refund->findChild<QLabel*>(QStringLiteral("paymentKind"))->text(),
              QStringLiteral("WeChat Pay"))
        << "the refund did not start on the original payment";
    type(QString());
    type(QStringLiteral("4200002222")); // the WeChat refund's reference
    key(Qt::Key_Return);
    ASSERT_TRUE(backToSale());
    EXPECT_EQ(count("SELECT count(*) FROM tender t JOIN sale s ON s.id = t.sale_id WHERE "
                    "s.kind = 'return' AND t.kind = 'wechat' AND t.amount_fen = -3500"),
              1);
    const auto last =
        m_window->saleScreen()->findChild<QLabel*>(QStringLiteral("lastItem"))->text();
    EXPECT_TRUE(last.contains(QStringLiteral("Refunded ¥35.00"))) << last.toStdString();
    EXPECT_FALSE(last.contains(QStringLiteral("Change"))) << last.toStdString();
}

namespace {

/// The English words in `text`, beyond the names the till shows as they are (key names, PLU,
/// barcode standards, ¥ amounts and codes are not words).
QStringList englishWords(const QString& text) {
    static const QStringList allowed = {
        QStringLiteral("PLU"), QStringLiteral("EAN"),  QStringLiteral("UPC"),
        QStringLiteral("F1"),  QStringLiteral("F12"),  QStringLiteral("Esc"),
        QStringLiteral("Del"), QStringLiteral("Ctrl"), QStringLiteral("PDF"),
        QStringLiteral("ESC"), QStringLiteral("POS"),  QStringLiteral("Enter"),
        QStringLiteral("X"),   QStringLiteral("Z"),    QStringLiteral("YYYY"),
        QStringLiteral("MM"),  QStringLiteral("DD"),   QStringLiteral("HZ")};
    QStringList found;
    static const QRegularExpression word(QStringLiteral("(?<![-\\w])[A-Za-z]{2,}(?![\\w])"));
    QString cleaned = text;
    cleaned.remove(QRegularExpression(QStringLiteral("--[a-z-]+"))); // command-line options
    for (auto it = word.globalMatch(cleaned); it.hasNext();) {
        const QString w = it.next().captured(0);
        if (!allowed.contains(w))
            found << w;
    }
    return found;
}

} // namespace

// Bug: errors read "无权操作: wrong cashier code or PIN" and "当前无法操作: open a shift first":
// the engine's detail stayed English. Every keyed message of the engine has a Chinese
// translation with no English word in it.
TEST(EngineMessages, EveryEngineMessageHasAChineseTranslationWithNoEnglishWord) {
    QTranslator translator;
    ASSERT_TRUE(translator.load(QStringLiteral(":/i18n/baidian_zh_CN.qm")));
    ASSERT_GT(engineMessageKeys().size(), 100u);
    for (const char* key : engineMessageKeys()) {
        const QString zh = translator.translate("TillEngine", key);
        EXPECT_FALSE(zh.isEmpty()) << "not translated: " << key;
        EXPECT_TRUE(englishWords(zh).isEmpty())
            << key << " -> " << zh.toStdString() << ": "
            << englishWords(zh).join(QLatin1Char(' ')).toStdString();
    }
}

// The cashier's refusals as the window shows them, with the Chinese translator installed: a
// wrong PIN, no shift, an unknown PLU, a bad weight, a keying error, a wrong check digit, a
// void without a supervisor. None may hold an English word.
TEST_F(TillGuiTest, RefusalsAreShownInChineseWithNoEnglishWord) {
    QTranslator translator;
    ASSERT_TRUE(translator.load(QStringLiteral(":/i18n/baidian_zh_CN.qm")));
    QCoreApplication::installTranslator(&translator);
    auto& till = m_session->till();
    std::vector<Error> errors;
    auto keep = [&errors](const auto& result) {
        if (!result)
            errors.push_back(result.error());
    };
    keep(till.login("1001", "0000"));
    keep(till.login("9999", "1234"));
    ASSERT_TRUE(till.login("1001", "1234").ok());
    keep(till.scan(kWalnutEan));
    ASSERT_TRUE(till.openShift(domain::Fen(50000)).ok());
    keep(till.addByPlu("99999", 1, std::nullopt, pos::WeightSource::Keyed));
    keep(till.scan(kWalnutEan, std::nullopt, pos::WeightSource::Keyed, 1000));
    keep(till.scan("6901234567891"));
    keep(till.scan("69012345"));
    keep(Grams::parseKg("1,5"));
    keep(domain::Fen::parse("12.345"));
    keep(till.addByPlu("12346", 0, Grams(0), pos::WeightSource::Keyed));
    ASSERT_TRUE(till.scan(kGiftBoxEan).ok());
    keep(till.voidSale());
    keep(till.voidSale(pos::Approval{"9001", "9999"}));
    keep(till.removeLine(0));
    keep(till.overridePrice(0, domain::Fen(99999)));
    keep(till.addTender(pos::TenderKind::WeChat, domain::Fen(100)));
    keep(till.cashOut(domain::Fen(100), ""));
    keep(till.startReturn("HZ-F01-01-000999"));
    keep(till.complete());
    ASSERT_GE(errors.size(), 18u);
    for (const auto& e : errors) {
        const QString shown = TillSession::describe(e);
        EXPECT_TRUE(englishWords(shown).isEmpty())
            << e.message << " -> " << shown.toStdString() << ": "
            << englishWords(shown).join(QLatin1Char(' ')).toStdString();
    }
    QCoreApplication::removeTranslator(&translator);
}

namespace {
/// Touches a button by object name inside `parent` (a real mouse click at its centre).
bool touch(QWidget* parent, const QString& name) {
    auto* button = waitFor<QAbstractButton>([parent, name] {
        auto* b = parent->findChild<QAbstractButton*>(name);
        return b && b->isVisible() && b->isEnabled() ? b : nullptr;
    });
    if (!button)
        return false;
    QTest::mouseClick(button, Qt::LeftButton);
    QTest::qWait(30);
    return true;
}
} // namespace

// Issue 16: no product grid or quick keys for unlabelled fruit, no on-screen keypad, no buttons
// (the F-key bar was a line of text), and weights keyed only in kg though shelf prices are per
// 斤. A cashier rings up loose fruit by touch alone: head office's quick keys, the keypad in the
// weight dialog (斤 for a price per 斤, kg for a price per kg), a PLU on the sale screen's keypad,
// and Pay by its button; every touch target is at least 44 px high.
TEST_F(TillGuiTest, LooseFruitIsRungUpByTouchWithQuickKeysAndTheKeypadInJin) {
    ASSERT_TRUE(m_session->store()
                    .setQuickKeys({{"苹果", "AKS-APL-01", "冰糖心"},
                                   {"红枣", "AKS-DAT-01", ""},
                                   {"红枣", "AKS-BOX-01", "礼盒"}})
                    .ok());
    loginAndOpenShift();
    auto* screen = m_window->saleScreen();
    ASSERT_TRUE(touch(screen, QStringLiteral("quickCategory_1")));
    ASSERT_TRUE(touch(screen, QStringLiteral("quickKey_AKS-APL-01")));
    auto* weight = modal<EntryDialog>("entryDialog");
    ASSERT_NE(weight, nullptr);
    EXPECT_TRUE(weight->findChild<QLabel*>()->text().contains(QStringLiteral("斤")))
        << "apples are priced per 斤: the weight is keyed in 斤";
    for (const char* k : {"keypad_2", "keypad_point", "keypad_5", "keypad_enter"})
        ASSERT_TRUE(touch(weight, QString::fromLatin1(k)));
    ASSERT_TRUE(backToSale());
    auto& till = m_session->till();
    ASSERT_EQ(till.lines().size(), 1u);
    EXPECT_EQ(till.lines()[0].grams, Grams(1250)); // 2.5 斤
    EXPECT_EQ(till.lines()[0].gross, domain::Fen(1700));

    ASSERT_TRUE(touch(screen, QStringLiteral("quickCategory_2")));
    EXPECT_EQ(screen->findChild<QAbstractButton*>(QStringLiteral("quickKey_AKS-APL-01")), nullptr)
        << "the 红枣 tab shows its own keys only";
    ASSERT_TRUE(touch(screen, QStringLiteral("quickKey_AKS-DAT-01")));
    weight = modal<EntryDialog>("entryDialog");
    ASSERT_NE(weight, nullptr);
    EXPECT_TRUE(weight->findChild<QLabel*>()->text().contains(QStringLiteral("kg")))
        << "dates are priced per kg: the weight is keyed in kg";
    for (const char* k : {"keypad_0", "keypad_point", "keypad_5", "keypad_enter"})
        ASSERT_TRUE(touch(weight, QString::fromLatin1(k)));
    ASSERT_TRUE(backToSale());
    ASSERT_EQ(till.lines().size(), 2u);
    EXPECT_EQ(till.lines()[1].grams, Grams(500));
    ASSERT_TRUE(touch(screen, QStringLiteral("quickKey_AKS-BOX-01")));
    ASSERT_TRUE(touch(screen, QStringLiteral("quickKey_AKS-BOX-01")));
    ASSERT_EQ(till.lines().size(), 3u) << "a unit item touched twice goes onto its line";
    EXPECT_EQ(till.lines()[2].units, 2);

    // The sale screen's keypad types into the scan field, which keeps the focus.
    for (const char* k : {"keypad_1", "keypad_2", "keypad_3", "keypad_4", "keypad_5"})
        ASSERT_TRUE(touch(screen, QString::fromLatin1(k)));
    EXPECT_EQ(focus()->objectName(), QStringLiteral("scanField"));
    EXPECT_EQ(qobject_cast<QLineEdit*>(focus())->text(), QStringLiteral("12345"));
    ASSERT_TRUE(touch(screen, QStringLiteral("keypad_back")));
    ASSERT_TRUE(touch(screen, QStringLiteral("keypad_clear")));
    EXPECT_TRUE(qobject_cast<QLineEdit*>(focus())->text().isEmpty());

    // Every touch target on the sale screen is at least 44 px high.
    for (auto* button : screen->findChildren<QAbstractButton*>()) {
        // (The basket table's corner button is no touch target.)
        if (button->isVisible() && !qobject_cast<QTableView*>(button->parent())) {
            EXPECT_GE(button->height(), 44) << button->objectName().toStdString();
        }
    }

    // Pay by its button; the payment kind by touch.
    ASSERT_TRUE(touch(screen, QStringLiteral("button_actionPay")));
    auto* payment = modal<PaymentDialog>("paymentDialog");
    ASSERT_NE(payment, nullptr);
    ASSERT_TRUE(touch(payment, QStringLiteral("paymentKind_wechat")));
    EXPECT_EQ(payment->findChild<QLabel*>(QStringLiteral("paymentKind"))->text(),
              tenderName(pos::TenderKind::WeChat));
    for (auto* button : payment->findChildren<QAbstractButton*>()) {
        if (button->isVisible()) {
            EXPECT_GE(button->height(), 44) << button->objectName().toStdString();
        }
    }
    key(Qt::Key_Escape);
    ASSERT_TRUE(backToSale());
}

// Issue 16: no customer-facing display. The shopper's window follows the cashier's: a welcome,
// each line as it is rung up (a rescan on its line, the promotion shown), the total, what is
// paid and still due while paying, then the paid amount, the change and a thank-you, which
// stays until the next sale begins. The cashier's window keeps the keyboard throughout.
TEST_F(TillGuiTest, TheCustomerDisplayFollowsTheSaleFromWelcomeToThankYou) {
    const auto box = m_session->store().productBySku("AKS-BOX-01")->id;
    ASSERT_TRUE(
        m_session->store()
            .addPromotion({0, "P-BOX-2HALF", "礼盒第二件半价", pos::Promotion::Kind::SecondHalf,
                           box, domain::Fen(0), 0, 0, 0, "2026-01-01", "2099-12-31"})
            .ok());
    CustomerDisplay display(*m_session);
    display.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&display));
    m_window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    auto* title = display.findChild<QLabel*>(QStringLiteral("customerTitle"));
    auto* lines = display.findChild<QTableWidget*>(QStringLiteral("customerLines"));
    auto* total = display.findChild<QLabel*>(QStringLiteral("customerTotal"));
    auto* status = display.findChild<QLabel*>(QStringLiteral("customerStatus"));
    ASSERT_TRUE(title && lines && total && status);
    EXPECT_TRUE(title->text().contains(QStringLiteral("杭州湖滨旗舰店")));
    EXPECT_EQ(lines->rowCount(), 0);

    loginAndOpenShift();
    type(QString::fromLatin1(kGiftBoxEan));
    type(QString::fromLatin1(kGiftBoxEan)); // second one half price
    type(QString::fromLatin1(kApplesLabel1500g));
    EXPECT_EQ(focus()->objectName(), QStringLiteral("scanField")) << "the display took the keys";
    ASSERT_EQ(lines->rowCount(), 2);
    EXPECT_EQ(lines->item(0, 1)->text(), QStringLiteral("×2"));
    EXPECT_EQ(lines->item(0, 2)->text(), QStringLiteral("¥192.00"));
    EXPECT_TRUE(lines->item(0, 0)->text().contains(QStringLiteral("-¥64.00")))
        << lines->item(0, 0)->text().toStdString();
    EXPECT_EQ(lines->item(1, 2)->text(), QStringLiteral("¥20.40"));
    EXPECT_TRUE(total->text().contains(QStringLiteral("¥212.40"))) << total->text().toStdString();

    key(Qt::Key_F12);
    ASSERT_NE(modal<PaymentDialog>("paymentDialog"), nullptr);
    key(Qt::Key_F2); // card
    type(QStringLiteral("100"));
    type(QStringLiteral("6222000011112222"));
    EXPECT_TRUE(status->text().contains(QStringLiteral("¥100.00"))) << status->text().toStdString();
    EXPECT_TRUE(status->text().contains(QStringLiteral("¥112.40"))) << status->text().toStdString();
    key(Qt::Key_F1); // the rest in cash: ¥112.40 is taken as ¥112.40 (抹零 to the jiao)
    type(QStringLiteral("200"));
    key(Qt::Key_Return); // complete
    ASSERT_TRUE(backToSale());
    EXPECT_EQ(lines->rowCount(), 0);
    EXPECT_TRUE(total->text().contains(QStringLiteral("¥212.40"))) << total->text().toStdString();
    EXPECT_TRUE(status->text().contains(QStringLiteral("¥87.60"))) // change from ¥200 cash
        << status->text().toStdString();
    const QString thanks = title->text();
    m_window->saleScreen()->refresh(); // the thank-you stays while the till is idle
    EXPECT_EQ(title->text(), thanks);
    type(QString::fromLatin1(kWalnutEan)); // the next shopper
    EXPECT_NE(title->text(), thanks);
    ASSERT_EQ(lines->rowCount(), 1);
    EXPECT_TRUE(status->text().isEmpty());
}

// Issue 16: stale feedback. A red refusal stayed on the sale screen after the next good scan and
// after the sale was paid, so a cashier could not tell the news from history.
TEST_F(TillGuiTest, AnOldRefusalIsGoneOnceAnItemGoesOnAndOnceTheSaleIsDone) {
    loginAndOpenShift();
    auto* message = m_window->saleScreen()->findChild<QLabel*>(QStringLiteral("saleMessage"));
    type(QStringLiteral("6900000000014")); // a valid EAN head office does not sell
    EXPECT_FALSE(message->text().isEmpty());
    type(QString::fromLatin1(kWalnutEan));
    EXPECT_TRUE(message->text().isEmpty()) << message->text().toStdString();
    key(Qt::Key_F2); // quantity
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    key(Qt::Key_Escape);
    ASSERT_TRUE(backToSale());
    type(QStringLiteral("6900000000014"));
    ASSERT_FALSE(message->text().isEmpty());
    key(Qt::Key_F12);
    ASSERT_NE(modal<PaymentDialog>("paymentDialog"), nullptr);
    type(QStringLiteral("50"));
    key(Qt::Key_Return); // complete
    ASSERT_TRUE(backToSale());
    EXPECT_TRUE(message->text().isEmpty())
        << "after a good sale: " << message->text().toStdString();
    EXPECT_TRUE(m_window->saleScreen()
                    ->findChild<QLabel*>(QStringLiteral("lastItem"))
                    ->text()
                    .contains(QStringLiteral("15.00"))); // the change is what it shows
}

// Issue 16: search results listed name, pinyin code and SKU only: two 库尔勒香梨 at ¥5.90 and
// ¥8.80 per 斤 looked the same. Each result now shows its price, its unit and its PLU.
TEST_F(TillGuiTest, SearchResultsShowPriceUnitAndPluSoTwoOfOneNameDiffer) {
    using domain::PriceBasis;
    auto& store = m_session->store();
    ASSERT_TRUE(store.upsertProduct({"AKS-PEA-01",
                                     "库尔勒香梨",
                                     "",
                                     domain::SaleUnit::ByWeight,
                                     {domain::Fen(590), PriceBasis::PerJin},
                                     "12347",
                                     {}}));
    ASSERT_TRUE(store.upsertProduct({"AKS-PEA-02",
                                     "库尔勒香梨",
                                     "",
                                     domain::SaleUnit::ByWeight,
                                     {domain::Fen(880), PriceBasis::PerJin},
                                     "12348",
                                     {}}));
    SearchService service(QString::fromStdString(m_path));
    SearchDialog dialog(service, QStringLiteral("库尔勒"), m_window.get());
    dialog.show();
    auto* list = dialog.findChild<QListWidget*>(QStringLiteral("searchResults"));
    ASSERT_NE(waitFor<QListWidget>([list] { return list->count() == 2 ? list : nullptr; }),
              nullptr);
    QStringList shown;
    for (int i = 0; i < list->count(); ++i)
        shown << list->item(i)->text();
    const QString all = shown.join(QLatin1Char('\n'));
    EXPECT_NE(shown[0], shown[1]);
    EXPECT_TRUE(all.contains(QStringLiteral("¥5.90/")) && all.contains(QStringLiteral("¥8.80/")))
        << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("12347")) && all.contains(QStringLiteral("12348")))
        << all.toStdString();
}

// Issue 16: "交班并打印 Z 报表" printed nothing without a printer and said nothing. With no printer
// the Z report is saved as a PDF and the dialog says where; it has a print and a PDF key and
// button; the next shift can reprint the last Z report, marked 重打.
TEST_F(TillGuiTest, AZReportWithNoPrinterIsSavedAsAPdfAndSaysSoAndCanBeReprinted) {
    loginAndOpenShift();
    type(QString::fromLatin1(kWalnutEan));
    key(Qt::Key_F12);
    ASSERT_NE(modal<PaymentDialog>("paymentDialog"), nullptr);
    type(QStringLiteral("35"));
    key(Qt::Key_Return);
    ASSERT_TRUE(backToSale());
    key(Qt::Key_F12, Qt::ControlModifier);
    ASSERT_NE(modal<QDialog>("pickDialog"), nullptr);
    key(Qt::Key_Down);
    key(Qt::Key_Return);
    ASSERT_NE(modal<QDialog>("shiftCloseDialog"), nullptr);
    type(QStringLiteral("5")); // 5 × ¥100
    for (int i = 0; i < 10 && !QApplication::activeModalWidget()->objectName().contains(
                                  QStringLiteral("report"));
         ++i)
        key(Qt::Key_Return);
    auto* report = modal<QDialog>("reportDialog");
    ASSERT_NE(report, nullptr);
    const QString pdf = QFileInfo(QString::fromStdString(m_path)).absolutePath() +
                        QStringLiteral("/reports/Z-1.pdf");
    auto* status = report->findChild<QLabel*>(QStringLiteral("reportStatus"));
    EXPECT_TRUE(status->text().contains(pdf)) << status->text().toStdString();
    EXPECT_GT(QFileInfo(pdf).size(), 1000) << "no PDF at " << pdf.toStdString();
    const QString z =
        report->findChild<QPlainTextEdit*>(QStringLiteral("reportText"))->toPlainText();
    ASSERT_TRUE(report->findChild<QAbstractButton*>(QStringLiteral("reportPrint")));
    QTest::mouseClick(report->findChild<QAbstractButton*>(QStringLiteral("reportPrint")),
                      Qt::LeftButton);
    EXPECT_FALSE(status->text().isEmpty()) << "print without a printer said nothing";
    key(Qt::Key_Escape);
    ASSERT_TRUE(backToSale()) << "the scan field did not get the keys back";

    key(Qt::Key_F12, Qt::ControlModifier); // the next shift: its float first
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    type(QStringLiteral("500"));
    ASSERT_TRUE(backToSale());
    key(Qt::Key_F12, Qt::ControlModifier);
    ASSERT_NE(modal<QDialog>("pickDialog"), nullptr);
    for (int i = 0; i < 5; ++i)
        key(Qt::Key_Down);
    key(Qt::Key_Return);
    auto* again = modal<QDialog>("reportDialog");
    ASSERT_NE(again, nullptr);
    const QString copy =
        again->findChild<QPlainTextEdit*>(QStringLiteral("reportText"))->toPlainText();
    EXPECT_TRUE(copy.startsWith(QStringLiteral("【重打】"))) << copy.toStdString();
    EXPECT_TRUE(copy.contains(z.trimmed())) << "not the closed shift's Z report";
    key(Qt::Key_Escape);
    ASSERT_TRUE(backToSale());
}

// Issue 16: a return wanted the full receipt number typed and did not take the receipt's own QR.
// Scanning the QR at the sale screen starts the return (a QR whose sale UUID does not match is
// refused), and F10 takes the receipt's last digits.
TEST_F(TillGuiTest, AReturnStartsFromTheReceiptsQrOrItsLastDigits) {
    loginAndOpenShift();
    type(QString::fromLatin1(kWalnutEan));
    ASSERT_NO_FATAL_FAILURE(payInCashByKeyboard());
    auto receipt = m_session->till().receipt("HZ-F01-01-000001");
    ASSERT_TRUE(receipt.ok());
    auto& till = m_session->till();

    const QString forged = QStringLiteral("BD1|HZ-F01-01-000001|not-the-sale");
    type(forged);
    EXPECT_FALSE(till.saleOpen()) << "a QR of no sale of this till started a return";
    type(QString::fromStdString(receipt->qrPayload)); // the scanner reads the receipt's QR
    auto* pick = modal<QDialog>("pickDialog");
    ASSERT_NE(pick, nullptr) << "the QR did not start the return";
    EXPECT_TRUE(till.isReturn());
    key(Qt::Key_Escape);
    ASSERT_TRUE(backToSale());
    ASSERT_TRUE(till.voidSale().ok());

    key(Qt::Key_F10);
    ASSERT_NE(modal<EntryDialog>("entryDialog"), nullptr);
    type(QStringLiteral("1")); // HZ-F01-01-000001 by its last digit
    ASSERT_NE(modal<QDialog>("pickDialog"), nullptr);
    EXPECT_TRUE(till.isReturn());
    key(Qt::Key_Escape);
    ASSERT_TRUE(backToSale());
}

// Found driving the till under Xvfb: F11 (重打小票) with a receipt's last digits, as F10 takes
// them, answered "未找到: no sale with receipt number 3 on this till": the digits were not read
// as this till's number, and the refusal was English. Now the digits find the receipt, its
// reprint is logged under the full number, and a receipt that does not exist is refused in
// Chinese. And once the reprinted receipt was closed nothing had the focus, so the next scan
// went nowhere: now the scan field has it back.
TEST_F(TillGuiTest, AReprintTakesTheReceiptsLastDigitsAndRefusesInChinese) {
    QTranslator translator;
    ASSERT_TRUE(translator.load(QStringLiteral(":/i18n/baidian_zh_CN.qm")));
    QCoreApplication::installTranslator(&translator);
    loginAndOpenShift();
    for (int i = 0; i < 2; ++i) {
        type(QString::fromLatin1(kWalnutEan));
        ASSERT_NO_FATAL_FAILURE(payInCashByKeyboard());
    }
    key(Qt::Key_F11);
    auto* entry = modal<EntryDialog>("entryDialog");
    ASSERT_NE(entry, nullptr);
    type(QStringLiteral("1")); // the first receipt, HZ-F01-01-000001, by its last digit
    auto* shown = modal<QDialog>("receiptDialog");
    ASSERT_NE(shown, nullptr) << "the last digits found no receipt";
    const auto* text = shown->findChild<QPlainTextEdit*>(QStringLiteral("receiptText"));
    ASSERT_NE(text, nullptr);
    EXPECT_TRUE(text->toPlainText().contains(QStringLiteral("HZ-F01-01-000001")))
        << text->toPlainText().toStdString();
    EXPECT_TRUE(text->toPlainText().contains(QStringLiteral("重打")));
    key(Qt::Key_Escape);
    ASSERT_TRUE(backToSale());
    const auto log = m_session->till().shiftLog();
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log.back().event.detail, "HZ-F01-01-000001");

    key(Qt::Key_F11);
    entry = modal<EntryDialog>("entryDialog");
    ASSERT_NE(entry, nullptr);
    type(QStringLiteral("9"));
    const auto* error = entry->findChild<QLabel*>(QStringLiteral("entryError"));
    ASSERT_NE(error, nullptr);
    EXPECT_TRUE(error->text().contains(QStringLiteral("HZ-F01-01-000009")))
        << error->text().toStdString();
    EXPECT_TRUE(englishWords(error->text()).isEmpty()) << error->text().toStdString();
    key(Qt::Key_Escape);
    ASSERT_TRUE(backToSale());
    QCoreApplication::removeTranslator(&translator);
}

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
