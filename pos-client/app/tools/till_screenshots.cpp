// Takes the README's screenshots of the real till in Chinese: the sale screen mid-basket, the
// payment dialog with a split tender under way, and a receipt with its QR code. Run by
// scripts/screenshots under Xvfb; writes PNGs into the directory given.
#include "baidian/pos/demo_data.h"
#include "baidian/pos/till.h"
#include "payment_dialog.h"
#include "receipt_dialog.h"
#include "sale_screen.h"
#include "till_session.h"
#include "till_window.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QTest>
#include <QTranslator>
#include <cstdio>

using namespace baidian;

namespace {

void type(const QString& text) {
    QTest::keyClicks(QApplication::focusWidget(), text);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTest::qWait(100);
}

bool save(QWidget* widget, const QString& path) {
    QTest::qWait(300);
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QString out =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    QDir().mkpath(out);
    QTranslator translator;
    if (translator.load(QStringLiteral(":/i18n/baidian_zh_CN.qm")))
        app.installTranslator(&translator);
    const QString db = QDir::temp().filePath(QStringLiteral("baidian-screenshots.db"));
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(db + QString::fromLatin1(suffix));
    {
        auto store = pos::LocalStore::open(db.toStdString());
        if (!store)
            return 1;
        if (!pos::seedDemoTill(store.value()))
            return 1;
    }
    app::TillOptions options;
    options.databasePath = db;
    QString error;
    auto session = app::TillSession::open(options, &error);
    if (!session)
        return 1;
    app::TillWindow window(*session);
    window.show();
    window.activateWindow();
    (void)QTest::qWaitForWindowExposed(&window);
    QTest::qWait(200);
    type(QStringLiteral("1001"));
    type(QStringLiteral("1234"));
    type(QStringLiteral("500")); // opening float
    type(QStringLiteral("2012345015005"));
    type(QStringLiteral("12346"));
    type(QStringLiteral("0.333"));
    type(QStringLiteral("2*6901234567892"));
    type(QStringLiteral("6900000000007"));
    bool ok = save(&window, out + QStringLiteral("/till-sale.png"));

    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F12);
    QTest::qWait(200);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F3);
    type(QStringLiteral("200"));
    type(QStringLiteral("4200001234567"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F1);
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("100"));
    ok = save(QApplication::activeModalWidget(), out + QStringLiteral("/till-payment.png")) && ok;
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTest::qWait(100);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTest::qWait(300);

    auto receipt = session->till().receipt("HZ-F01-01-000001");
    if (!receipt)
        return 1;
    app::ReceiptDialog dialog(*session, *receipt, &window);
    dialog.show();
    ok = save(&dialog, out + QStringLiteral("/till-receipt.png")) && ok;
    return ok ? 0 : 1;
}
