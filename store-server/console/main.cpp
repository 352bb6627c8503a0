// baidian-console: the regional managers' and head office's console. Wires the client, the
// translation, the login and the window.
#include "baidian/domain/clock.h"
#include "baidian/domain/version.h"
#include "src/console_client.h"
#include "src/console_window.h"
#include "src/login_dialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTranslator>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    app.setApplicationName(QStringLiteral("baidian-console"));
    app.setApplicationVersion(QString::fromUtf8(baidian::domain::version()));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Baidian manager console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"),
                                    QStringLiteral("store-server host:port (localhost:8443)"),
                                    QStringLiteral("host:port"), QStringLiteral("localhost:8443"));
    const QCommandLineOption ca(QStringLiteral("ca"),
                                QStringLiteral("the network CA certificate (ca.crt)"),
                                QStringLiteral("file"), QStringLiteral("ca.crt"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("zh_CN (default) or en"),
                                  QStringLiteral("language"), QStringLiteral("zh_CN"));
    parser.addOptions({server, ca, lang});
    parser.process(app);

    QTranslator translator;
    if (parser.value(lang) != QStringLiteral("en") &&
        translator.load(QStringLiteral(":/i18n/console_zh_CN.qm")))
        app.installTranslator(&translator);

    baidian::console::ServerAddress address;
    address.host = parser.value(server).section(QLatin1Char(':'), 0, 0);
    address.port = parser.value(server).section(QLatin1Char(':'), 1, 1).toInt();
    address.caFile = parser.value(ca);
    baidian::console::ConsoleClient client(address);
    baidian::console::LoginDialog login(client);
    if (login.exec() != QDialog::Accepted)
        return 1;
    const baidian::domain::SystemClock clock;
    baidian::console::ConsoleWindow window(client, clock);
    window.show();
    window.refreshAll();
    return app.exec();
}
