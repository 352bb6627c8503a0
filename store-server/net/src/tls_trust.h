#pragma once
// What a connection's client certificate is trusted for, checked on every request, and TLS
// sessions that never outlive their certificate. Internal to baidian::net.

#include "baidian/server/certificates.h"

#include <SQLiteCpp/Database.h>
#include <chrono>
#include <cstdint>
#include <functional>
#include <openssl/ssl.h>
#include <optional>
#include <string>

namespace baidian::server {

/// The certificate's serial number as lower-case hex (as the certificate table keeps it).
std::string serialOf(const X509* cert);

/// What the check of a client certificate reads off it.
struct ClientCertificate {
    std::string serial; ///< serialOf
    std::chrono::system_clock::time_point notBefore, notAfter;
};

/// Reads `cert` (not null).
ClientCertificate clientCertificateOf(const X509* cert);

/// The decision on a till's client certificate.
struct CertificateVerdict {
    enum class Refused { No, Expired, NotYetValid, NotRegistered };
    std::optional<CertificateIdentity> identity; ///< set when the certificate may be served
    Refused refused = Refused::No;
    std::string refusal; ///< why not, for the 403; empty when served
};

/// The one check of a till's client certificate, at the handshake and on every request after
/// it. That it chains to our CA is OpenSSL's verification at the handshake (which a resumed
/// session carries); this decides the rest: valid at `now` (real system time, the time OpenSSL
/// checks validity by, never a test's clock), and registered: `registration` is the
/// certificate's identity as certificateIdentity finds it (issued here for an outlet, serial
/// known, not revoked, outlet open), or nullopt. `registration` is called only for a
/// certificate within its validity, and may throw (SQLite::Exception), as this then does.
CertificateVerdict
checkClientCertificate(const ClientCertificate& cert, std::chrono::system_clock::time_point now,
                       const std::function<std::optional<CertificateIdentity>()>& registration);

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

    using Verdict = CertificateVerdict;

    [[nodiscard]] bool presented() const { return m_certificate.has_value(); }
    /// checkClientCertificate at `now` (real system time); an empty verdict when no certificate
    /// was presented. Throws SQLite::Exception when the database cannot be read.
    Verdict check(SQLite::Database& db, std::chrono::system_clock::time_point now);

private:
    std::optional<ClientCertificate> m_certificate;
    std::int64_t m_generation = -1; ///< of the last look-up; -1: none yet
    std::optional<CertificateIdentity> m_identity;
};

} // namespace baidian::server
