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
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
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
    const std::int64_t start = static_cast<std::int64_t>(SSL_SESSION_get_time(session));
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

PeerTrust::PeerTrust(SSL* ssl) {
    const X509* cert = SSL_get0_peer_certificate(ssl);
    if (!cert)
        return;
    m_presented = true;
    m_serial = serialOf(cert);
    m_notBefore = timeOf(X509_get0_notBefore(cert));
    m_notAfter = timeOf(X509_get0_notAfter(cert));
    m_notAfterText = domain::isoUtc(m_notAfter);
}

PeerTrust::Verdict PeerTrust::check(SQLite::Database& db, Clock::time_point now) {
    if (!m_presented)
        return {};
    if (now >= m_notAfter)
        return {std::nullopt, "this certificate expired at " + m_notAfterText +
                                  ": the till needs a new one (store-admin issue-cert)"};
    if (now < m_notBefore)
        return {std::nullopt, "this certificate is not valid yet: check the till's clock"};
    const std::int64_t generation = trustGeneration(db);
    if (generation != m_generation) {
        m_identity = certificateIdentity(db, m_serial);
        m_generation = generation;
    }
    if (!m_identity)
        return {std::nullopt,
                "this certificate is revoked or unknown, or its outlet is closed or suspended: "
                "nothing was stored; ask head office"};
    return {m_identity, {}};
}

} // namespace baidian::server
