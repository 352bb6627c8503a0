#include "console_client.h"

#include "baidian/protocol/codec.h"

#include <QNetworkReply>
#include <QSslCertificate>
#include <QUrl>
#include <QUrlQuery>

namespace baidian::console {

ConsoleClient::ConsoleClient(ServerAddress address, QObject* parent)
    : QObject(parent)
    , m_address(std::move(address))
    , m_tls(QSslConfiguration::defaultConfiguration()) {
    m_tls.setCaCertificates(QSslCertificate::fromPath(m_address.caFile));
    m_tls.setProtocol(QSsl::TlsV1_3OrLater);
    m_tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
}

QString ConsoleClient::target(const QString& path, const QList<QPair<QString, QString>>& query) {
    QUrlQuery q;
    for (const auto& [key, value] : query)
        if (!value.isEmpty())
            q.addQueryItem(key, QString::fromUtf8(QUrl::toPercentEncoding(value)));
    const QString encoded = q.toString(QUrl::FullyEncoded);
    return encoded.isEmpty() ? path : path + QLatin1Char('?') + encoded;
}

void ConsoleClient::login(const QString& username, const QString& password, Done done) {
    const auto body =
        protocol::encode(protocol::LoginRequest{username.toStdString(), password.toStdString()});
    send("POST", QStringLiteral("/v1/session"), QByteArray::fromStdString(body), "application/json",
         [this, done = std::move(done)](const Reply& reply) {
             if (reply.ok()) {
                 auto session = protocol::decodeSession(reply.body.toStdString());
                 if (!session) {
                     done({0, {}, QString::fromStdString(session.error().message)});
                     return;
                 }
                 m_session = std::move(*session);
             }
             done(reply);
         });
}

void ConsoleClient::get(const QString& target, Done done) {
    send("GET", target, {}, {}, std::move(done));
}

void ConsoleClient::post(const QString& target, const QByteArray& body, Done done,
                         const QByteArray& contentType) {
    send("POST", target, body, contentType, std::move(done));
}

void ConsoleClient::send(const QByteArray& verb, const QString& target, const QByteArray& body,
                         const QByteArray& contentType, Done done) {
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(m_address.host);
    url.setPort(m_address.port);
    const auto q = target.indexOf(QLatin1Char('?'));
    url.setPath(q < 0 ? target : target.left(q));
    if (q >= 0)
        url.setQuery(target.mid(q + 1), QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setSslConfiguration(m_tls);
    request.setTransferTimeout(20000);
    if (!m_session.token.empty())
        request.setRawHeader("Authorization",
                             "Bearer " + QByteArray::fromStdString(m_session.token));
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply* reply = m_network.sendCustomRequest(request, verb, body);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        if (r.status == 0) {
            r.error = reply->errorString();
        } else if (!r.ok()) {
            auto doc = protocol::decodeError(r.body.toStdString());
            r.error =
                doc ? QString::fromStdString(doc->error) : QStringLiteral("HTTP %1").arg(r.status);
        }
        reply->deleteLater();
        done(r);
    });
}

} // namespace baidian::console
