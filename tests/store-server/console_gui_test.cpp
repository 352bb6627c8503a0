// The manager console's real widgets under QT_QPA_PLATFORM=offscreen, against a real
// store-server on 127.0.0.1 (TLS 1.3, the network's own CA) holding a generated network with a
// month of sales and its ranking.

#include "baidian/domain/clock.h"
#include "baidian/domain/money.h"
#include "baidian/simulate/local_network.h"
#include "console_client.h"
#include "console_window.h"
#include "dashboard_view.h"
#include "login_dialog.h"
#include "outlets_view.h"
#include "ranking_view.h"

#include <QAction>
#include <QApplication>
#include <QDateEdit>
#include <QDateTime>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

namespace baidian::console {
namespace {

using simulate::LocalNetwork;

// QTRY_* report to QtTest, not to GoogleTest: waits here are ASSERT_TRUE(QTest::qWaitFor(...)).

/// One network for the whole file: 60 outlets, October sold and ranked.
class ConsoleGuiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_net = new simulate::LocalNetwork(60, "2026-10-31");
        s_net->seedSales("2026-09-01", "2026-10-31");
        s_net->rank("2026-10");
        s_net->start();
    }
    static void TearDownTestSuite() {
        delete s_net;
        s_net = nullptr;
    }

    /// Noon on 1 November 2026 on this machine's calendar: the views' "today".
    domain::ManualClock m_clock{domain::TimePoint(std::chrono::milliseconds(
        QDateTime(QDate(2026, 11, 1), QTime(12, 0)).toMSecsSinceEpoch()))};

    ServerAddress address() const {
        return {QStringLiteral("localhost"), s_net->port(),
                QString::fromStdString(s_net->file("pki/ca.crt"))};
    }

    /// Logs in through the dialog, by keyboard, as a user would.
    void logIn(ConsoleClient& client, const char* user, const char* password) {
        LoginDialog login(client);
        login.show();
        auto* name = login.findChild<QLineEdit*>(QStringLiteral("username"));
        auto* pass = login.findChild<QLineEdit*>(QStringLiteral("password"));
        ASSERT_TRUE(name && pass);
        QTest::keyClicks(name, QString::fromLatin1(user));
        QTest::keyClicks(pass, QString::fromLatin1(password));
        QTest::keyClick(pass, Qt::Key_Return);
        ASSERT_TRUE(QTest::qWaitFor([&] { return login.result() == QDialog::Accepted; }, 20000));
    }

    static simulate::LocalNetwork* s_net;
};

simulate::LocalNetwork* ConsoleGuiTest::s_net = nullptr;

TEST_F(ConsoleGuiTest, TheDashboardStartsWithTheThirtyDaysToYesterdayByTheClock) {
    ConsoleClient client(address());
    DashboardView view(client, m_clock);
    EXPECT_EQ(view.findChild<QDateEdit*>(QStringLiteral("dashboardTo"))->date(),
              QDate(2026, 10, 31));
    EXPECT_EQ(view.findChild<QDateEdit*>(QStringLiteral("dashboardFrom"))->date(),
              QDate(2026, 10, 2));
}

TEST_F(ConsoleGuiTest, AWrongPasswordIsRefusedAndSaysSo) {
    ConsoleClient client(address());
    LoginDialog login(client);
    login.show();
    QTest::keyClicks(login.findChild<QLineEdit*>(QStringLiteral("username")), QStringLiteral("hz"));
    auto* pass = login.findChild<QLineEdit*>(QStringLiteral("password"));
    QTest::keyClicks(pass, QStringLiteral("not-her-password"));
    QTest::keyClick(pass, Qt::Key_Return);
    auto* message = login.findChild<QLabel*>(QStringLiteral("loginMessage"));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return message->text().contains(QStringLiteral("Wrong username")); }, 20000));
    EXPECT_NE(login.result(), QDialog::Accepted);
}

TEST_F(ConsoleGuiTest, AnAdminSeesTheNetworkTheRankingAndExportsIt) {
    ConsoleClient client(address());
    logIn(client, "admin", "admin-pass-1");
    ASSERT_FALSE(HasFatalFailure());
    ConsoleWindow window(client, m_clock);
    window.show();
    window.dashboard()->setPeriod(QDate(2026, 10, 1), QDate(2026, 10, 31));
    QSignalSpy dashboardLoaded(window.dashboard(), &DashboardView::loaded);
    QSignalSpy rankingLoaded(window.ranking(), &RankingView::loaded);
    QSignalSpy outletsLoaded(window.outlets(), &OutletsView::loaded);
    window.refreshAll();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return dashboardLoaded.count() >= 1 && outletsLoaded.count() >= 1 &&
                   rankingLoaded.count() >= 1;
        },
        20000));

    // The dashboard's total is the month's sales in the database, to the fen.
    SQLite::Statement sum(s_net->db(), "SELECT SUM(total_fen) FROM sale WHERE business_date "
                                       "BETWEEN '2026-10-01' AND '2026-10-31'");
    ASSERT_TRUE(sum.executeStep());
    const auto total = QString::fromStdString(domain::Fen(sum.getColumn(0).getInt64()).format());
    auto* totals = window.findChild<QLabel*>(QStringLiteral("dashboardTotals"));
    EXPECT_TRUE(totals->text().contains(total)) << totals->text().toStdString();
    EXPECT_GT(window.findChild<QTableWidget*>(QStringLiteral("byType"))->rowCount(), 1);
    EXPECT_EQ(window.findChild<QTableWidget*>(QStringLiteral("outletTable"))->rowCount(), 60);

    // The ranking tab by keyboard; flagships first; the breakdown adds up to the score.
    QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_3));
    EXPECT_EQ(window.tabs()->currentWidget(), window.ranking());
    auto* ranking = window.findChild<QTableWidget*>(QStringLiteral("rankingTable"));
    ASSERT_GT(ranking->rowCount(), 0);
    EXPECT_EQ(ranking->item(0, 0)->text(), QStringLiteral("1"));
    EXPECT_TRUE(window.findChild<QPushButton*>(QStringLiteral("recompute"))->isVisibleTo(&window));
    auto* breakdown = window.findChild<QTableWidget*>(QStringLiteral("breakdownTable"));
    ASSERT_EQ(breakdown->rowCount(), 10); // nine metrics and the score
    std::int64_t points = 0;
    for (int r = 0; r < 9; ++r)
        points += domain::Fen::parse(breakdown->item(r, 4)->text().toStdString())->value();
    EXPECT_EQ(QString::fromStdString(domain::Fen(points).formatPlain()),
              breakdown->item(9, 4)->text());
    EXPECT_EQ(breakdown->item(9, 4)->text(), ranking->item(0, 4)->text());

    // Exports: CSV from the server (UTF-8 with BOM), PDF drawn here.
    QTemporaryDir dir;
    QSignalSpy exported(window.ranking(), &RankingView::exported);
    const QString csvPath = dir.filePath(QStringLiteral("ranking.csv"));
    window.ranking()->exportCsv(csvPath);
    ASSERT_TRUE(QTest::qWaitFor([&] { return exported.count() == 1; }, 20000));
    QFile csv(csvPath);
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QByteArray text = csv.readAll();
    EXPECT_TRUE(text.startsWith("\xEF\xBB\xBF\"period\",\"type\",\"rank\""));
    EXPECT_TRUE(text.contains(ranking->item(0, 1)->text().toUtf8()));
    const QString pdfPath = dir.filePath(QStringLiteral("ranking.pdf"));
    window.ranking()->exportPdf(pdfPath);
    ASSERT_TRUE(QTest::qWaitFor([&] { return exported.count() == 2; }, 20000));
    QFile pdf(pdfPath);
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    EXPECT_TRUE(pdf.read(5) == "%PDF-");

    // Enter on an outlet opens its figures.
    QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_2));
    auto* outlets = window.findChild<QTableWidget*>(QStringLiteral("outletTable"));
    QSignalSpy opened(&window, &ConsoleWindow::outletOpened);
    outlets->setFocus();
    outlets->selectRow(3);
    QTest::keyClick(outlets, Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor([&] { return opened.count() == 1; }, 20000));
    EXPECT_EQ(opened.at(0).at(0).toString(), outlets->item(3, 0)->text());
    auto* detail = window.findChild<QDialog*>(QStringLiteral("outletDetail"));
    ASSERT_NE(detail, nullptr);
    EXPECT_GT(detail->findChild<QTableWidget*>(QStringLiteral("outletDays"))->rowCount(), 0);
    detail->close();
}

TEST_F(ConsoleGuiTest, ARegionalManagerSeesHerCitiesAndEntersAnInspectionByKeyboard) {
    ConsoleClient client(address());
    logIn(client, "hz", "hz-pass-12");
    ASSERT_FALSE(HasFatalFailure());
    ConsoleWindow window(client, m_clock);
    window.show();
    QSignalSpy rankingLoaded(window.ranking(), &RankingView::loaded);
    QSignalSpy outletsLoaded(window.outlets(), &OutletsView::loaded);
    window.refreshAll();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return outletsLoaded.count() >= 1 && rankingLoaded.count() >= 1; }, 20000));
    auto* outlets = window.findChild<QTableWidget*>(QStringLiteral("outletTable"));
    const auto expected = std::count_if(s_net->outlets().begin(), s_net->outlets().end(),
                                        [](const auto& o) { return o.city == "杭州"; });
    ASSERT_GT(expected, 0);
    EXPECT_EQ(outlets->rowCount(), expected);
    for (int r = 0; r < outlets->rowCount(); ++r)
        EXPECT_EQ(outlets->item(r, 3)->text(), QStringLiteral("杭州"));
    EXPECT_FALSE(window.findChild<QPushButton*>(QStringLiteral("recompute"))->isVisibleTo(&window));

    // Find one of her ranked outlets in some type, select it, Ctrl+I, score, Enter.
    QString code;
    for (const auto& type : {"flagship", "direct", "franchise", "counter", "popup", "online"}) {
        rankingLoaded.clear();
        window.ranking()->selectType(QString::fromLatin1(type));
        ASSERT_TRUE(QTest::qWaitFor([&] { return rankingLoaded.count() >= 1; }, 20000));
        if (!window.ranking()->selectedOutlet().isEmpty()) {
            code = window.ranking()->selectedOutlet();
            break;
        }
    }
    ASSERT_FALSE(code.isEmpty());
    QSignalSpy saved(&window, &ConsoleWindow::inspectionSaved);
    QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_I));
    auto* dialog = window.findChild<QDialog*>(QStringLiteral("inspectionDialog"));
    ASSERT_NE(dialog, nullptr);
    auto* scoreBox = dialog->findChild<QSpinBox*>(QStringLiteral("inspectionScore"));
    scoreBox->selectAll();
    QTest::keyClicks(scoreBox, QStringLiteral("93"));
    QTest::keyClick(scoreBox, Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor([&] { return saved.count() == 1; }, 20000));
    SQLite::Statement q(s_net->db(), "SELECT i.score, i.inspector FROM inspection i JOIN outlet o "
                                     "ON o.id = i.outlet_id WHERE o.code = ? AND i.period = ?");
    q.bind(1, code.toStdString());
    q.bind(2, "2026-10");
    ASSERT_TRUE(q.executeStep());
    EXPECT_EQ(q.getColumn(0).getInt(), 93);
    EXPECT_EQ(q.getColumn(1).getString(), "hz");
}

TEST(ConsoleTranslation, SimplifiedChineseIsCompiledInAndComplete) {
    QTranslator translator;
    ASSERT_TRUE(translator.load(QStringLiteral(":/i18n/console_zh_CN.qm")));
    EXPECT_EQ(
        translator.translate("baidian::console::ConsoleWindow", "Model-store ranking (Ctrl+3)"),
        QStringLiteral("示范门店排名 (Ctrl+3)"));
    EXPECT_EQ(translator.translate("Labels", "Flagship"), QStringLiteral("旗舰店"));
    QFile ts(QStringLiteral(BAIDIAN_CONSOLE_TS_FILE));
    ASSERT_TRUE(ts.open(QIODevice::ReadOnly));
    EXPECT_FALSE(ts.readAll().contains("type=\"unfinished\""));
}

} // namespace
} // namespace baidian::console

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
