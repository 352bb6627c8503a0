#pragma once
// The console's line to store-server: HTTPS (TLS 1.3, the network CA) with a bearer token from
// the login, through Qt Network. Every call is asynchronous; its callback runs on the GUI thread.
// The server enforces what a user may see; the console only shows what it is given.

#include "baidian/protocol/office.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QSslConfiguration>
#include <functional>

namespace baidian::console {

struct ServerAddress {
    QString host = QStringLiteral("localhost");
    int port = 8443;
    QString caFile; ///< the network CA (ca.crt) the server certificate must chain to
};

struct Reply {
    int status = 0; ///< HTTP status; 0 when the server could not be reached
    QByteArray body;
    QString error; ///< what went wrong, for a message box ("" on 2xx)
    bool ok() const { return status >= 200 && status < 300; }
};

class ConsoleClient : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const Reply&)>;

    explicit ConsoleClient(ServerAddress address, QObject* parent = nullptr);

    /// Logs in; on success the session (and its token) is kept for the later calls.
    void login(const QString& username, const QString& password, Done done);
    void get(const QString& target, Done done);
    void post(const QString& target, const QByteArray& body, Done done,
              const QByteArray& contentType = "application/json");

    const protocol::SessionDoc& session() const { return m_session; }
    bool isAdmin() const { return m_session.role == "admin"; }
    /// "/v1/office/outlets?city=%E6%9D%AD%E5%B7%9E": a path with encoded query values.
    static QString target(const QString& path, const QList<QPair<QString, QString>>& query);

private:
    void send(const QByteArray& verb, const QString& target, const QByteArray& body,
              const QByteArray& contentType, Done done);

    ServerAddress m_address;
    QNetworkAccessManager m_network;
    QSslConfiguration m_tls;
    protocol::SessionDoc m_session;
};

} // namespace baidian::console
