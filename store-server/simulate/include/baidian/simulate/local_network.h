#pragma once
// A whole network on this machine, for tests, benchmarks and screenshots: a CA and server
// certificate made by the project's pki code, a central database with a generated registry and
// the Aksu catalog (imported through the CSV imports), users, outlet certificates, and a real
// store-server on 127.0.0.1 in this process whose clock the caller sets (to replay past nights).
// Errors in setting it up throw std::runtime_error.

#include "baidian/pos/https_client.h"
#include "baidian/protocol/office.h"
#include "baidian/server/server.h"

#include <SQLiteCpp/Database.h>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace baidian::simulate {

class LocalNetwork {
public:
    /// The passphrase of the CA key in file("pki") (encrypted, like every CA key).
    static constexpr const char* kCaPassphrase = "local-network-ca";

    /// `outlets` generated (seed 42) as open by `openedBy`; users "admin" (password
    /// "admin-pass-1") and "hz" (regional manager of 杭州, password "hz-pass-12").
    LocalNetwork(int outlets, const std::string& openedBy);
    ~LocalNetwork();

    /// Sells every open outlet's days in [from, to] straight into the central database (ingest,
    /// as the server does it) and reconciles each night on time; for UI tests and screenshots
    /// that need figures, not the wire. Returns the sales stored.
    std::int64_t seedSales(const std::string& from, const std::string& to);
    /// Rolls up and computes the ranking of `period` (defaults), as of the morning after it.
    protocol::RankingDoc rank(const std::string& period);

    /// Issues every outlet's client certificate (ECDSA P-256) and records it.
    void issueCertificates();
    void start();
    void stop();
    /// The server's clock from now on: a China local time "YYYY-MM-DD HH:MM:SS".
    void setClock(const std::string& chinaTime);

    pos::ServerEndpoint outletEndpoint(const std::string& code) const;
    /// For people: the CA only, no client certificate.
    pos::ServerEndpoint personEndpoint() const;
    /// A client logged in as `user`; throws if the login is refused.
    std::unique_ptr<pos::HttpsClient> login(const std::string& user, const std::string& password);

    SQLite::Database& db() { return *m_db; }
    const std::vector<protocol::OutletDoc>& outlets() const { return m_outlets; }
    std::string file(const std::string& name) const { return (m_dir / name).string(); }
    std::uint16_t port() const { return m_port; }

private:
    std::filesystem::path m_dir;
    std::vector<protocol::OutletDoc> m_outlets;
    std::unique_ptr<SQLite::Database> m_db;
    std::unique_ptr<server::Server> m_server;
    std::thread m_thread;
    std::atomic<std::int64_t> m_clock{0};
    std::uint16_t m_port = 0;
};

/// %-encodes a query value (city names are Chinese).
std::string urlEncode(const std::string& text);

} // namespace baidian::simulate
