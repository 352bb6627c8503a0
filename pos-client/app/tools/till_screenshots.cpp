// Takes the README's screenshots of the real till in Chinese, at 1366×768 and at 1920×1080: the
// sale screen with head office's quick keys, a weight keyed in 斤 over the quick keys, the
// payment dialog with a split tender under way, the customer display during the sale and after
// it, a refund, the Z report, and a receipt with its QR code. Run by scripts/screenshots under
// Xvfb (a 1920×1080 screen); writes PNGs into the directory given, named <shot>-<W>x<H>.png.
#include "baidian/pos/demo_data.h"
#include "baidian/pos/till.h"
#include "customer_display.h"
#include "payment_dialog.h"
#include "receipt_dialog.h"
#include "sale_screen.h"
#include "till_session.h"
#include "till_window.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QScreen>
#include <QTest>
#include <QTranslator>
#include <cstdio>

using namespace baidian;

namespace {

QWidget* focused() {
    QTest::qWait(50);
    return QApplication::focusWidget();
}

void type(const QString& text) {
    QTest::keyClicks(focused(), text);
    QTest::keyClick(focused(), Qt::Key_Return);
    QTest::qWait(150);
}

void key(Qt::Key k, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QTest::keyClick(focused(), k, modifiers);
    QTest::qWait(150);
}

void touch(QWidget* parent, const char* name) {
    if (auto* b = parent->findChild<QAbstractButton*>(QString::fromLatin1(name)))
        QTest::mouseClick(b, Qt::LeftButton);
    QTest::qWait(150);
}

/// The screen as the cashier sees it (dialogs included), cut to the till's size.
bool shoot(const QSize& size, const QString& path) {
    QTest::qWait(400);
    const QPixmap screen =
        QGuiApplication::primaryScreen()->grabWindow(0, 0, 0, size.width(), size.height());
    const bool ok = screen.save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

bool shootWidget(QWidget* widget, const QString& path) {
    QTest::qWait(300);
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

bool takeAt(const QSize& size, const QString& out) {
    const QString suffix = QStringLiteral("-%1x%2.png").arg(size.width()).arg(size.height());
    const QString db =
        QDir::temp().filePath(QStringLiteral("baidian-screenshots%1.db").arg(size.width()));
    for (const char* end : {"", "-wal", "-shm"})
        QFile::remove(db + QString::fromLatin1(end));
    {
        auto store = pos::LocalStore::open(db.toStdString());
        if (!store || !pos::seedDemoTill(store.value()))
            return false;
    }
    app::TillOptions options;
    options.databasePath = db;
    QString error;
    auto session = app::TillSession::open(options, &error);
    if (!session)
        return false;
    app::TillWindow window(*session);
    window.setGeometry(0, 0, size.width(), size.height());
    window.show();
    app::CustomerDisplay display(*session);
    display.resize(size);
    (void)QTest::qWaitForWindowExposed(&window);
    window.activateWindow();
    QTest::qWait(200);
    type(QStringLiteral("1001"));
    type(QStringLiteral("1234"));
    type(QStringLiteral("500")); // opening float
    type(QStringLiteral("2012345015005"));
    auto* screen = window.saleScreen();
    touch(screen, "quickCategory_2"); // 梨
    touch(screen, "quickKey_AKS-PEA-01");
    QTest::keyClicks(focused(), QStringLiteral("2.5"));
    bool ok = shoot(size, out + QStringLiteral("/till-quick-keys") + suffix);
    key(Qt::Key_Return);
    type(QStringLiteral("2*6901234567892")); // second one half price
    type(QStringLiteral("6900000000007"));
    ok = shoot(size, out + QStringLiteral("/till-sale") + suffix) && ok;
    ok = shootWidget(&display, out + QStringLiteral("/customer-display") + suffix) && ok;

    key(Qt::Key_F12);
    key(Qt::Key_F3);
    type(QStringLiteral("200"));
    type(QStringLiteral("4200001234567"));
    key(Qt::Key_F1);
    QTest::keyClicks(focused(), QStringLiteral("100"));
    ok = shoot(size, out + QStringLiteral("/till-payment") + suffix) && ok;
    key(Qt::Key_Return);
    key(Qt::Key_Return); // complete
    ok = shootWidget(&display, out + QStringLiteral("/customer-display-thanks") + suffix) && ok;

    // A return of the walnuts against the receipt (its last digit), refunded to WeChat.
    key(Qt::Key_F10);
    type(QStringLiteral("1"));
    for (int i = 0; i < 3; ++i)
        key(Qt::Key_Down);
    key(Qt::Key_Return);
    key(Qt::Key_Return); // the quantity left
    key(Qt::Key_F12);
    ok = shoot(size, out + QStringLiteral("/till-refund") + suffix) && ok;
    key(Qt::Key_Escape);
    (void)session->till().voidSale(pos::Approval{"9001", "900190"});
    screen->refresh();

    key(Qt::Key_F12, Qt::ControlModifier); // close the shift
    key(Qt::Key_Down);
    key(Qt::Key_Return);
    // A perfect blind count: ¥562.10 in the drawer (5 × ¥100, 1 × ¥50, 1 × ¥10, 2 × ¥1, 1 × 1 角)
    // and ¥200.00 on the WeChat statement.
    for (const char* n : {"5", "1", "0", "1", "0", "2", "0", "1", "", "200"})
        type(QString::fromLatin1(n));
    for (int i = 0;
         i < 12 && QApplication::activeModalWidget() &&
         QApplication::activeModalWidget()->objectName() != QLatin1String("reportDialog");
         ++i)
        key(Qt::Key_Return);
    ok = shoot(size, out + QStringLiteral("/till-z-report") + suffix) && ok;
    key(Qt::Key_Escape);

    if (auto receipt = session->till().receipt("HZ-F01-01-000001")) {
        app::ReceiptDialog dialog(*session, *receipt, &window);
        dialog.show();
        ok = shootWidget(&dialog, out + QStringLiteral("/till-receipt") + suffix) && ok;
    }
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
    bool ok = true;
    for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)})
        ok = takeAt(size, out) && ok;
    return ok ? 0 : 1;
}
