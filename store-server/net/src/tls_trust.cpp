#include "tls_trust.h"

#include "baidian/domain/time.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <ctime>
#include <openssl/bn.h>
#include <openssl/x509.h>

namespace baidian::server {

namespace {

using Clock = std::chrono::system_clock;

Clock::time_point timeOf(const ASN1_TIME* t) {
    struct tm tm {};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
        return Clock::time_point{};
    return Clock::from_time_t(::timegm(&tm));
}

/// The session's own seconds since the epoch: when the full handshake first made it.
constexpr std::size_t kIssuedBytes = sizeof(std::int64_t);

std::chrono::seconds g_lifetime{7200}; // set once by limitSessionLifetime, before any handshake

/// Called as the server makes each session ticket, before the session enters the cache (a
/// resumed connection's session is a fresh copy of the one it resumed, whose time OpenSSL has
/// just set to now). The first full handshake stamps its time into the session's application
/// data, which every copy carries; the timeout is cut to the first of that time + lifetime and
/// the certificate's notAfter, so the cache forgets the session then and no ticket outlives it.
int onNewTicket(SSL* ssl, void*) {
    SSL_SESSION* session = SSL_get_session(ssl);
    if (!session)
        return 1;
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    std::int64_t issued = now;
    void* data = nullptr;
    std::size_t length = 0;
    if (SSL_SESSION_get0_ticket_appdata(session, &data, &length) == 1 && data &&
        length == kIssuedBytes)
        std::memcpy(&issued, data, kIssuedBytes);
    else if (SSL_SESSION_set1_ticket_appdata(session, &issued, kIssuedBytes) != 1)
        return 0;
    std::int64_t deadline = issued + g_lifetime.count();
    if (const X509* peer = SSL_SESSION_get0_peer(session))
        deadline = std::min<std::int64_t>(deadline, static_cast<std::int64_t>(Clock::to_time_t(
                                                        timeOf(X509_get0_notAfter(peer)))));
    const auto start = static_cast<std::int64_t>(SSL_SESSION_get_time(session));
    SSL_SESSION_set_timeout(session,
                            static_cast<long>(std::max<std::int64_t>(0, deadline - start)));
    return 1;
}

} // namespace

std::string serialOf(const X509* cert) {
    BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
    char* hex = BN_bn2hex(bn);
    std::string out(hex);
    OPENSSL_free(hex);
    BN_free(bn);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

void limitSessionLifetime(SSL_CTX* ctx, std::chrono::seconds lifetime) {
    g_lifetime = lifetime;
    SSL_CTX_set_timeout(ctx, static_cast<long>(lifetime.count()));
    SSL_CTX_set_session_ticket_cb(ctx, onNewTicket, nullptr, nullptr);
}

ClientCertificate clientCertificateOf(const X509* cert) {
    return {serialOf(cert), timeOf(X509_get0_notBefore(cert)), timeOf(X509_get0_notAfter(cert))};
}

CertificateVerdict
checkClientCertificate(const ClientCertificate& cert, Clock::time_point now,
                       const std::function<std::optional<CertificateIdentity>()>& registration) {
    using Refused = CertificateVerdict::Refused;
    if (now >= cert.notAfter)
        return {std::nullopt, Refused::Expired,
                "this certificate expired at " + domain::isoUtc(cert.notAfter) +
                    ": the till needs a new one (store-admin issue-cert)"};
    if (now < cert.notBefore)
        return {std::nullopt, Refused::NotYetValid,
                "this certificate is not valid yet: check the till's clock"};
    auto identity = registration();
    if (!identity)
        return {std::nullopt, Refused::NotRegistered,
                "this certificate is revoked or unknown, or its outlet is closed or suspended: "
                "nothing was stored; ask head office"};
    return {std::move(identity), Refused::No, {}};
}

PeerTrust::PeerTrust(SSL* ssl) {
    if (const X509* cert = SSL_get0_peer_certificate(ssl))
        m_certificate = clientCertificateOf(cert);
}

PeerTrust::Verdict PeerTrust::check(SQLite::Database& db, Clock::time_point now) {
    if (!m_certificate)
        return {};
    // The registration is looked up again only when the trust generation has moved.
    return checkClientCertificate(*m_certificate, now, [&] {
        const std::int64_t generation = trustGeneration(db);
        if (generation != m_generation) {
            m_identity = certificateIdentity(db, m_certificate->serial);
            m_generation = generation;
        }
        return m_identity;
    });
}

} // namespace baidian::server
