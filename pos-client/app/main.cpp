// baidian-till: the cashier's till. Wires the session, the translation and the window.
#include "baidian/domain/version.h"
#include "src/customer_display.h"
#include "src/till_session.h"
#include "src/till_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QMessageBox>
#include <QScreen>
#include <QTranslator>
#include <memory>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    app.setApplicationName(QStringLiteral("baidian-till"));
    app.setApplicationVersion(QString::fromUtf8(baidian::domain::version()));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Baidian till"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("till database"),
                                QStringLiteral("file"), QStringLiteral("till.db"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("zh_CN (default) or en"),
                                  QStringLiteral("language"), QStringLiteral("zh_CN"));
    const QCommandLineOption server(QStringLiteral("server"),
                                    QStringLiteral("store-server host:port for background sync"),
                                    QStringLiteral("host:port"));
    const QCommandLineOption ca(QStringLiteral("ca"), QStringLiteral("network CA"),
                                QStringLiteral("file"));
    const QCommandLineOption cert(QStringLiteral("cert"), QStringLiteral("outlet certificate"),
                                  QStringLiteral("file"));
    const QCommandLineOption key(QStringLiteral("key"), QStringLiteral("outlet key"),
                                 QStringLiteral("file"));
    const QCommandLineOption printer(QStringLiteral("printer"),
                                     QStringLiteral("ESC/POS printer device or file"),
                                     QStringLiteral("path"));
    const QCommandLineOption wide(QStringLiteral("80mm"),
                                  QStringLiteral("80 mm receipt paper (48 columns)"));
    const QCommandLineOption windowed(
        QStringLiteral("windowed"),
        QStringLiteral("a window (1280×800 at most) instead of the whole screen"));
    const QCommandLineOption kiosk(
        QStringLiteral("kiosk"),
        QStringLiteral(
            "the whole screen, no frame, kept on top: the till is all the cashier sees"));
    const QCommandLineOption display(
        QStringLiteral("customer-display"),
        QStringLiteral("show the customer display even with one screen (in a window); with a "
                       "second screen it opens there by itself"));
    const QCommandLineOption noDisplay(
        QStringLiteral("no-customer-display"),
        QStringLiteral("no customer display, even on a second screen"));
    parser.addOptions(
        {db, lang, server, ca, cert, key, printer, wide, windowed, kiosk, display, noDisplay});
    parser.process(app);

    QTranslator translator;
    if (parser.value(lang) != QStringLiteral("en") &&
        translator.load(QStringLiteral(":/i18n/baidian_zh_CN.qm")))
        app.installTranslator(&translator);

    baidian::app::TillOptions options;
    options.databasePath = parser.value(db);
    options.printerPath = parser.value(printer);
    options.receiptColumns = parser.isSet(wide) ? 48 : 32;
    if (parser.isSet(server)) {
        baidian::pos::ServerEndpoint endpoint;
        const QString hostPort = parser.value(server);
        endpoint.host = hostPort.section(QLatin1Char(':'), 0, 0).toStdString();
        endpoint.port = hostPort.section(QLatin1Char(':'), 1, 1).toStdString();
        endpoint.caFile = parser.value(ca).toStdString();
        endpoint.certFile = parser.value(cert).toStdString();
        endpoint.keyFile = parser.value(key).toStdString();
        options.server = endpoint;
    }
    QString error;
    auto session = baidian::app::TillSession::open(options, &error);
    if (!session) {
        // Its own button: the standard one says "OK" whatever the language (Qt's own
        // translations are not installed on a till).
        QMessageBox box(QMessageBox::Critical, QCoreApplication::translate("main", "Baidian till"),
                        error);
        box.addButton(QCoreApplication::translate("main", "Close"), QMessageBox::AcceptRole);
        box.exec();
        return 1;
    }
    baidian::app::TillWindow window(*session);
    // A till is the whole screen (its key bar must never fall off a 1366×768 display).
    // Without a window manager (a kiosk X session) full screen is only a wish: take the
    // screen's size too.
    if (!parser.isSet(windowed) && window.screen())
        window.setGeometry(window.screen()->geometry());
    if (parser.isSet(kiosk)) {
        window.setWindowFlags(Qt::Window | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint);
        window.showFullScreen();
    } else if (parser.isSet(windowed)) {
        window.show();
    } else {
        window.showFullScreen();
    }
    // The shopper's screen: the second one when there is one (full screen there), or a window
    // when asked for.
    std::unique_ptr<baidian::app::CustomerDisplay> customer;
    const auto screens = QGuiApplication::screens();
    if (!parser.isSet(noDisplay) && (screens.size() > 1 || parser.isSet(display))) {
        customer = std::make_unique<baidian::app::CustomerDisplay>(*session);
        if (screens.size() > 1) {
            QScreen* second = screens.at(1) == window.screen() ? screens.at(0) : screens.at(1);
            customer->setScreen(second);
            customer->setGeometry(second->geometry());
            customer->setWindowFlags(Qt::Window | Qt::FramelessWindowHint);
            customer->showFullScreen();
        } else {
            customer->show();
        }
        window.activateWindow(); // the keyboard stays with the cashier
    }
    return app.exec();
}
