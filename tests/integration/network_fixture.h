#pragma once
// A small network on this machine: a CA, a server certificate, two outlets with client
// certificates, all made by the real store-admin, and a real store-server process on
// 127.0.0.1 with a free port.

#include "baidian/crypto/journal_key.h"
#include "baidian/pos/sync_agent.h"
#include "till_fixture.h"

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace baidian::testing {

struct CommandResult {
    int exitCode = -1;
    std::string output; ///< standard output and error together
};

/// Runs a shell command line (arguments already quoted) and captures its output.
CommandResult run(const std::string& commandLine);
std::string quote(const std::string& arg);

/// The programs under test: the ones this build made, unless BAIDIAN_STORE_ADMIN_BIN,
/// BAIDIAN_STORE_SERVER_BIN or BAIDIAN_POS_SYNC_BIN name others (the attack tests are run
/// against an older build's programs that way, to show that each attack worked before).
std::string storeAdminBinary();
std::string storeServerBinary();
std::string posSyncBinary();

/// What the server answered a request made with curl.
struct HttpAnswer {
    int status = 0;   ///< the HTTP status, 0 when no answer came (refused at the handshake...)
    std::string body; ///< the answer's body, or curl's own error when status is 0
};

/// The passphrase of the fixture CA's key; Network puts it in BAIDIAN_CA_PASSPHRASE, which
/// store-admin (and openssl -passin env:BAIDIAN_CA_PASSPHRASE) reads.
inline constexpr const char* kCaPassphrase = "network-fixture-ca";

class Network {
public:
    Network();
    ~Network();

    /// store-admin with --db and --pki set.
    CommandResult admin(const std::string& args) const;
    /// Starts store-server; `extraArgs` are added to its command line (limits, lifetimes).
    void startServer(const std::vector<std::string>& extraArgs = {});
    /// SIGTERM (or `signal`) and wait; returns the exit status (128 + signal if killed).
    int stopServer(int signal = 15);

    pos::ServerEndpoint endpoint(const std::string& outlet) const;
    /// The journal key store-admin issue-cert wrote beside `outlet`'s key (terminal 1), or
    /// nullopt when it wrote none (an older store-admin). Throws on a bad key file.
    std::optional<crypto::JournalKey> journalKey(const std::string& outlet) const;
    /// One HTTPS request with curl, presenting `outlet`'s client certificate (none when
    /// `outlet` is empty); `body` (if any) is sent as application/json.
    HttpAnswer request(const std::string& outlet, const std::string& method,
                       const std::string& path, const std::string& body = "") const;
    /// A request to the office API: no client certificate, a bearer token if any.
    HttpAnswer office(const std::string& token, const std::string& method, const std::string& path,
                      const std::string& body = "") const;
    /// Logs in to the office API; the session token, or "" when refused. The fixture's admin
    /// is "admin" with "admin-pass-1".
    std::string logIn(const std::string& username, const std::string& password) const;
    std::string pkiDir() const { return m_dir.file("pki"); }
    std::string certsDir(const std::string& outlet) const { return m_dir.file("certs-" + outlet); }
    std::string serverDb() const { return m_dir.file("server.db"); }
    std::string file(const std::string& name) const { return m_dir.file(name); }
    int port() const { return m_port; }
    std::int64_t serverSales() const;

private:
    HttpAnswer curl(const std::string& outlet, const std::string& token, const std::string& method,
                    const std::string& path, const std::string& body) const;
    /// A file holding `password` (store-admin add-user reads it from standard input).
    std::string writePassword(const std::string& password) const;

    pos::testing::TempDir m_dir;
    pid_t m_server = -1;
    int m_port = 0;
};

} // namespace baidian::testing
