#pragma once
// What a connection's client certificate is trusted for, checked on every request, and TLS
// sessions that never outlive their certificate. Internal to baidian::net.

#include "baidian/server/certificates.h"

#include <SQLiteCpp/Database.h>
#include <chrono>
#include <cstdint>
#include <openssl/ssl.h>
#include <optional>
#include <string>

namespace baidian::server {

/// The certificate's serial number as lower-case hex (as the certificate table keeps it).
std::string serialOf(const X509* cert);

/// Makes every TLS session `ctx` issues end at its client certificate's notAfter or at
/// `lifetime` after the full handshake that first made it, whichever comes first. Without this,
/// OpenSSL gives each resumed connection a session of a whole new lifetime, so a till could
/// resume for ever, and past its certificate's expiry (a resumption checks no certificate).
void limitSessionLifetime(SSL_CTX* ctx, std::chrono::seconds lifetime);

/// One connection's client certificate. A resumed TLS session skips the handshake's checks,
/// and a kept-alive connection outlives a revocation, so the certificate is checked again on
/// every request: its validity period against the clock, and its registration (issued here,
/// not revoked, outlet open) whenever the trust generation has moved since the last look-up.
/// Not thread-safe: one per connection, used on its strand.
class PeerTrust {
public:
    /// Reads the client certificate of an established connection (none is fine).
    explicit PeerTrust(SSL* ssl);

    struct Verdict {
        std::optional<CertificateIdentity> identity; ///< set when the certificate may be served
        std::string refusal; ///< why not, for the 403; empty when no certificate was presented
    };

    bool presented() const { return m_presented; }
    /// Throws SQLite::Exception when the database cannot be read.
    Verdict check(SQLite::Database& db, std::chrono::system_clock::time_point now);

private:
    bool m_presented = false;
    std::string m_serial;
    std::chrono::system_clock::time_point m_notBefore, m_notAfter;
    std::string m_notAfterText;
    std::int64_t m_generation = -1; ///< of the last look-up; -1: none yet
    std::optional<CertificateIdentity> m_identity;
};

} // namespace baidian::server
