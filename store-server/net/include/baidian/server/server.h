#pragma once

#include "baidian/domain/result.h"
#include "baidian/server/sale_rules.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace baidian::server {

struct ServerConfig {
    std::string listenAddress = "127.0.0.1";
    std::uint16_t port = 8443; ///< 0 picks a free port (see Server::port)
    int threads = 2;
    std::string database = "server.db";
    std::string caFile = "pki/ca.crt";
    std::string certFile = "pki/server.crt";
    std::string keyFile = "pki/server.key";
    std::chrono::seconds handshakeTimeout{10};
    std::chrono::seconds readTimeout{30}; ///< a whole request, and the keep-alive wait for the next
    std::chrono::seconds writeTimeout{30};
    /// A connection is closed after the answer that crosses this age (an idle one at it), so
    /// that every till makes a full handshake, with its certificate checked, at least this often.
    std::chrono::seconds maxConnectionAge{3600};
    /// A TLS session (resumed as often as a till likes) ends this long after the full handshake
    /// that made it, or at its client certificate's expiry if that comes first.
    std::chrono::seconds tlsSessionLifetime{7200};
    /// Connections open at once, from everybody and from one client address; more are closed
    /// as they are accepted (and counted in /metrics). 600 outlets of a few tills each fit; a
    /// test network holding thousands of connections from 127.0.0.1 raises both.
    std::size_t maxConnections = 4096;
    std::size_t maxConnectionsPerAddress = 64;
    /// Failed logins (each within loginWindow of the one before) after which a username, or a
    /// client address, is refused (429 + Retry-After, no password check) for loginBackoff,
    /// doubling with every further failure up to loginMaxBackoff. A success clears the user's.
    std::size_t loginFailuresPerUser = 5;
    std::size_t loginFailuresPerAddress = 20;
    std::chrono::seconds loginWindow{900};
    std::chrono::seconds loginBackoff{1};
    std::chrono::seconds loginMaxBackoff{900};
    /// The argon2 pool: its threads (never the I/O threads) and the checks that may wait for
    /// them; a login beyond is answered 503 + Retry-After at once.
    std::size_t loginThreads = 2;
    std::size_t loginQueue = 16;
    /// Tills' writes (sale, movement and shift uploads, reconcile marks) waiting for or in the
    /// writer, per outlet and in all; beyond either, 503 + Retry-After before anything is queued.
    std::size_t uploadsInFlightPerOutlet = 4;
    std::size_t writerQueue = 256;
    std::string rankingConfig; ///< the ranking's weights and rules (TOML); empty: the defaults
    /// Caps on one sale line and one sale ([ingest] line_fen, sale_fen, line_grams, line_units,
    /// lines): a sale beyond them is quarantined.
    SaleLimits saleLimits;
    /// The server's clock: what it records as received/reconciled times and session expiry.
    /// Simulations and tests replay past days with their own; production uses the system's.
    std::function<std::chrono::system_clock::time_point()> clock = [] {
        return std::chrono::system_clock::now();
    };
};

/// Reads a TOML config file (keys as in docs/operations, e.g. listen = "127.0.0.1:8443",
/// threads, database, [tls] ca/cert/key/session_seconds, [timeouts] handshake/read/write
/// seconds, [limits] connections, connections_per_address, connection_age_seconds,
/// login_failures_per_user, login_failures_per_address, login_window_seconds,
/// login_backoff_seconds, login_backoff_max_seconds, login_threads, login_queue,
/// uploads_in_flight_per_outlet, writer_queue) over `base`.
/// Errors: ParseError naming the file, line and key.
Result<ServerConfig> loadConfig(const std::string& path, ServerConfig base = {});

/// The store-server: HTTPS/1.1 over TLS 1.3 with optional client certificates (required on
/// /v1/ endpoints), keep-alive, a timeout on every stage, one strand per connection, and the
/// group-commit writer behind every write. Thread-safe: stop() may be called from any thread
/// (or by SIGINT/SIGTERM inside run()).
class Server {
public:
    explicit Server(ServerConfig config);
    ~Server();

    /// Opens the database, loads the TLS files and binds. Errors name what failed.
    Status start();
    /// Serves until stop() or SIGINT/SIGTERM: then stops accepting, lets requests in flight
    /// finish (their batches commit or are not acknowledged), closes idle connections, drains the
    /// writer and returns.
    void run();
    void stop();
    /// The bound port (after start()).
    std::uint16_t port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace baidian::server
