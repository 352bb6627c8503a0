// Takes the console's screenshots for docs/ in Simplified Chinese: the dashboard and the ranking
// of a generated 600-outlet network with two months of sales. Run by scripts/screenshots.
#include "baidian/domain/clock.h"
#include "baidian/simulate/local_network.h"
#include "console_client.h"
#include "console_window.h"
#include "dashboard_view.h"
#include "ranking_view.h"

#include <QApplication>
#include <QDate>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>
#include <iostream>

using namespace baidian;

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QString out =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    QTranslator translator;
    if (translator.load(QStringLiteral(":/i18n/console_zh_CN.qm")))
        QApplication::installTranslator(&translator);

    simulate::LocalNetwork net(600, "2026-10-31");
    std::cout << "selling September and October in 600 outlets ...\n";
    std::cout << net.seedSales("2026-09-01", "2026-10-31") << " sales\n";
    net.rank("2026-10");
    net.start();

    console::ConsoleClient client(
        {QStringLiteral("localhost"), net.port(), QString::fromStdString(net.file("pki/ca.crt"))});
    bool loggedIn = false;
    client.login(QStringLiteral("admin"), QStringLiteral("admin-pass-1"),
                 [&](const console::Reply& r) { loggedIn = r.ok(); });
    if (!QTest::qWaitFor([&] { return loggedIn; }, 20000)) {
        std::cerr << "cannot log in\n";
        return 1;
    }
    const baidian::domain::SystemClock clock;
    console::ConsoleWindow window(client, clock);
    window.resize(1280, 860);
    window.show();
    window.dashboard()->setPeriod(QDate(2026, 9, 1), QDate(2026, 10, 31));
    QSignalSpy dashboard(window.dashboard(), &console::DashboardView::loaded);
    QSignalSpy ranking(window.ranking(), &console::RankingView::loaded);
    window.refreshAll();
    if (!QTest::qWaitFor([&] { return dashboard.count() > 0 && ranking.count() > 0; }, 60000)) {
        std::cerr << "the console did not load\n";
        return 1;
    }
    QTest::qWait(500);
    bool ok = window.grab().save(out + QStringLiteral("/console-dashboard.png"));
    window.tabs()->setCurrentWidget(window.ranking());
    QTest::qWait(300);
    ok = window.grab().save(out + QStringLiteral("/console-ranking.png")) && ok;
    std::cout << (ok ? "saved " : "could not save ") << out.toStdString()
              << "/console-dashboard.png and console-ranking.png\n";
    net.stop();
    return ok ? 0 : 1;
}
