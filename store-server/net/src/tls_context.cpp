#include "tls_context.h"

#include "log.h"
#include "read_connection.h"
#include "tls_trust.h"

#include <chrono>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace baidian::server {

namespace {

namespace ssl = boost::asio::ssl;

// OpenSSL fills a certificate's cached extension fields (key identifiers, flags) the first
// time a verification looks at it. The CA and server certificates are shared by every
// handshake on every server thread, so two outlets connecting at once after a start would
// both fill them; ThreadSanitizer sees one thread's memcmp of the CA's key identifier race
// with another's allocation of it. Filling them here, before any thread runs, leaves the
// handshakes only reading.
void precomputeSharedCertificates(SSL_CTX* ctx) {
    if (X509_STORE* store = SSL_CTX_get_cert_store(ctx)) {
        STACK_OF(X509_OBJECT)* objects = X509_STORE_get0_objects(store);
        for (int i = 0; i < sk_X509_OBJECT_num(objects); ++i)
            if (X509* cert = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objects, i)))
                X509_check_purpose(cert, -1, 0);
    }
    if (X509* own = SSL_CTX_get0_certificate(ctx))
        X509_check_purpose(own, -1, 0);
    STACK_OF(X509)* chain = nullptr;
    if (SSL_CTX_get0_chain_certs(ctx, &chain) == 1)
        for (int i = 0; i < sk_X509_num(chain); ++i)
            X509_check_purpose(sk_X509_value(chain, i), -1, 0);
}

/// TLS 1.3 only, key exchange on groups of at least 128-bit strength.
Status setProtocol(ssl::context& tls) {
    tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                    ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                    ssl::context::no_tlsv1_2);
    SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_3_VERSION);
    // OpenSSL also offers ffdhe2048, 112 bits, and slow finite-field groups by default.
    if (SSL_CTX_set1_groups_list(tls.native_handle(), "X25519:P-256:P-384") != 1)
        return makeError(ErrorCode::Storage, "TLS set-up failed: key exchange groups");
    return {};
}

/// The server's certificate chain and key, and the CA client certificates must chain to.
/// Throws boost::system::system_error for a file that cannot be loaded.
void loadCertificates(ssl::context& tls, const ServerConfig& config) {
    tls.use_certificate_chain_file(config.certFile);
    tls.use_private_key_file(config.keyFile, ssl::context::pem);
    tls.load_verify_file(config.caFile);
    if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(config.caFile.c_str()))
        SSL_CTX_set_client_CA_list(tls.native_handle(), names);
    precomputeSharedCertificates(tls.native_handle());
}

void setSessionResumption(SSL_CTX* ctx, std::chrono::seconds lifetime) {
    // Resumed sessions (TLS 1.3 tickets) keep the client certificate; OpenSSL refuses to
    // resume a verified session without a context name.
    static constexpr unsigned char kSessionContext[] = "baidian-store-server";
    SSL_CTX_set_session_id_context(ctx, kSessionContext, sizeof kSessionContext - 1);
    // One ticket per connection is all an outlet keeps (the default is two).
    SSL_CTX_set_num_tickets(ctx, 1);
    // Stateful TLS 1.3 tickets: the session (with the outlet's certificate) stays in this
    // server's cache and the ticket only names it. A stateless ticket carries the session
    // encrypted, and every resumption then decodes the client certificate again, which in
    // OpenSSL 3.0 cost more than the rest of the resumption. The cache holds 20,480 sessions
    // for two hours; a session lost to a restart or eviction means one full handshake.
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_sess_set_cache_size(ctx, 20480);
    // No session outlives its certificate or its first handshake's lifetime, however often it
    // is resumed.
    limitSessionLifetime(ctx, lifetime);
}

/// The handshake's verdict on one certificate of the client's chain: OpenSSL's, and for the
/// client's own certificate (depth 0) its registration too.
bool verifyClientCertificate(bool preverified, ssl::verify_context& context,
                             const std::string& database, Metrics& metrics) {
    X509_STORE_CTX* store = context.native_handle();
    if (!preverified) {
        ++metrics.handshakeFailures;
        logEvent("warn", "client_certificate_refused",
                 {{"reason", X509_verify_cert_error_string(X509_STORE_CTX_get_error(store))}});
        return false;
    }
    if (X509_STORE_CTX_get_error_depth(store) != 0)
        return true;
    const auto cert = clientCertificateOf(X509_STORE_CTX_get_current_cert(store));
    CertificateVerdict verdict;
    try {
        // Real system time: OpenSSL has just checked the validity period by it.
        verdict = checkClientCertificate(cert, std::chrono::system_clock::now(), [&] {
            return certificateIdentity(readConnection(database), cert.serial);
        });
        if (verdict.identity)
            return true;
    } catch (const std::exception& e) {
        logEvent("error", "certificate_check_failed", {{"error", e.what()}});
        verdict.refused = CertificateVerdict::Refused::NotRegistered;
    }
    ++metrics.handshakeFailures;
    // The alert the client sees.
    int alert = X509_V_ERR_CERT_REVOKED;
    std::string reason = "revoked, unknown or outlet closed or suspended";
    if (verdict.refused == CertificateVerdict::Refused::Expired) {
        alert = X509_V_ERR_CERT_HAS_EXPIRED;
        reason = verdict.refusal;
    } else if (verdict.refused == CertificateVerdict::Refused::NotYetValid) {
        alert = X509_V_ERR_CERT_NOT_YET_VALID;
        reason = verdict.refusal;
    }
    logEvent("warn", "client_certificate_refused", {{"serial", cert.serial}, {"reason", reason}});
    X509_STORE_CTX_set_error(store, alert);
    return false;
}

} // namespace

Status setUpTlsContext(ssl::context& tls, const ServerConfig& config, Metrics& metrics) {
    try {
        if (auto ok = setProtocol(tls); !ok)
            return ok;
        loadCertificates(tls, config);
        setSessionResumption(tls.native_handle(), config.tlsSessionLifetime);
        // Ask for a client certificate; /v1/ endpoints refuse a connection without one.
        tls.set_verify_mode(ssl::verify_peer);
        tls.set_verify_callback([database = config.database,
                                 m = &metrics](bool preverified, ssl::verify_context& context) {
            return verifyClientCertificate(preverified, context, database, *m);
        });
        return {};
    } catch (const boost::system::system_error& e) {
        return makeError(ErrorCode::Storage,
                         std::string("TLS set-up failed (certificate, key or CA file): ") +
                             e.what());
    }
}

} // namespace baidian::server
