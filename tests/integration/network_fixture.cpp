#include "network_fixture.h"

#include <SQLiteCpp/Database.h>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <signal.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace baidian::testing {

std::string quote(const std::string& arg) {
    std::string out = "'";
    for (const char c : arg)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

namespace {
std::string binary(const char* variable, const char* built) {
    const char* chosen = std::getenv(variable);
    return chosen && *chosen ? chosen : built;
}
} // namespace

std::string storeAdminBinary() {
    return binary("BAIDIAN_STORE_ADMIN_BIN", BAIDIAN_STORE_ADMIN);
}
std::string storeServerBinary() {
    return binary("BAIDIAN_STORE_SERVER_BIN", BAIDIAN_STORE_SERVER);
}
std::string posSyncBinary() {
    return binary("BAIDIAN_POS_SYNC_BIN", BAIDIAN_POS_SYNC);
}

CommandResult run(const std::string& commandLine) {
    CommandResult result;
    FILE* pipe = ::popen((commandLine + " 2>&1").c_str(), "r");
    if (!pipe)
        return result;
    std::array<char, 4096> buffer{};
    while (const auto n = std::fread(buffer.data(), 1, buffer.size(), pipe))
        result.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    // Killed by a signal: 128 + the signal, as a shell says it (and never 0).
    result.exitCode = WIFEXITED(status)     ? WEXITSTATUS(status)
                      : WIFSIGNALED(status) ? 128 + WTERMSIG(status)
                                            : -1;
    return result;
}

Network::Network() {
    auto must = [](const CommandResult& r, const std::string& what) {
        if (r.exitCode != 0) // the status too: a killed store-admin says nothing itself
            throw std::runtime_error(what + " failed (exit status " + std::to_string(r.exitCode) +
                                     "): " + r.output);
    };
    ::setenv("BAIDIAN_CA_PASSPHRASE", kCaPassphrase, 1);
    must(admin("init-ca"), "init-ca");
    must(admin("server-cert --host localhost --host 127.0.0.1"), "server-cert");
    must(admin("add-outlet --code HZ-F01 --name " + quote("杭州湖滨旗舰店") +
               " --type flagship --city " + quote("杭州") + " --opened 2024-01-01"),
         "add-outlet");
    must(admin("add-outlet --code NB-D01 --name " + quote("宁波天一直营店") +
               " --type direct --city " + quote("宁波") + " --opened 2024-01-01"),
         "add-outlet");
    must(admin("issue-cert --outlet HZ-F01 --out " + quote(certsDir("HZ-F01"))), "issue-cert");
    must(admin("issue-cert --outlet NB-D01 --out " + quote(certsDir("NB-D01"))), "issue-cert");
    must(admin("add-product --sku AKS-PEA-01 --name " + quote("库尔勒香梨") +
               " --unit weight --price 5.90 --basis jin --plu 12347"),
         "add-product");
    // store-admin reads the PIN from standard input; an older one (the attack tests run against
    // one) took it as --pin.
    const std::string cashier =
        "add-cashier --outlet HZ-F01 --code 1002 --name " + quote("陈静") + " --role cashier";
    auto added = admin(cashier + " < " + quote(writePassword("2468")));
    if (added.exitCode != 0 && added.output.find("--pin is required") != std::string::npos)
        added = admin(cashier + " --pin 2468");
    must(added, "add-cashier");
    must(admin("add-user --username admin --role admin < " + quote(writePassword("admin-pass-1"))),
         "add-user");
    startServer();
}

Network::~Network() {
    if (m_server > 0)
        stopServer();
}

std::string Network::writePassword(const std::string& password) const {
    const auto path = m_dir.file("password");
    std::ofstream(path) << password << "\n";
    return path;
}

CommandResult Network::admin(const std::string& args) const {
    return run(storeAdminBinary() + " --db " + quote(serverDb()) + " --pki " + quote(pkiDir()) +
               " " + args);
}

void Network::startServer(const std::vector<std::string>& extraArgs) {
    // The constructor starts one; a second on the same port would fail to bind and the first
    // would outlive the fixture.
    if (m_server > 0)
        throw std::logic_error("startServer: the server is already running (stopServer first)");
    const std::string portFile = m_dir.file("port");
    std::remove(portFile.c_str());
    const std::string log = m_dir.file("server.log");
    m_server = ::fork();
    if (m_server == 0) {
        std::freopen(log.c_str(), "a", stderr);
        const std::string ca = pkiDir() + "/ca.crt", cert = pkiDir() + "/server.crt",
                          key = pkiDir() + "/server.key";
        const std::string db = serverDb();
        const std::string server = storeServerBinary();
        const std::string port = m_port ? std::to_string(m_port) : "0";
        std::vector<std::string> args{"store-server", "--db",        db,      "--ca", ca,
                                      "--cert",       cert,          "--key", key,    "--port",
                                      port,           "--port-file", portFile};
        args.insert(args.end(), extraArgs.begin(), extraArgs.end());
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(server.c_str(), argv.data());
        ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        std::ifstream in(portFile);
        if (in >> m_port && m_port > 0)
            return;
        int status = 0;
        if (::waitpid(m_server, &status, WNOHANG) == m_server) {
            m_server = -1;
            // The log goes when the fixture's folder does: its last lines go in the message.
            std::ifstream logIn(log);
            std::string text((std::istreambuf_iterator<char>(logIn)), {});
            if (text.size() > 2000)
                text = text.substr(text.size() - 2000);
            throw std::runtime_error("store-server exited at start-up:\n" + text);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("store-server did not start listening in time");
}

int Network::stopServer(int signal) {
    if (m_server <= 0)
        return -1;
    ::kill(m_server, signal);
    int status = 0;
    ::waitpid(m_server, &status, 0);
    m_server = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::optional<crypto::JournalKey> Network::journalKey(const std::string& outlet) const {
    auto key = pos::loadJournalKey(crypto::journalKeyFileBeside(endpoint(outlet).keyFile));
    if (!key)
        throw std::runtime_error(key.error().message);
    return *key;
}

pos::ServerEndpoint Network::endpoint(const std::string& outlet) const {
    pos::ServerEndpoint e;
    e.host = "localhost";
    e.port = std::to_string(m_port);
    e.caFile = pkiDir() + "/ca.crt";
    e.certFile = certsDir(outlet) + "/" + outlet + ".crt";
    e.keyFile = certsDir(outlet) + "/" + outlet + ".key";
    e.timeout = std::chrono::seconds(10);
    return e;
}

HttpAnswer Network::request(const std::string& outlet, const std::string& method,
                            const std::string& path, const std::string& body) const {
    return curl(outlet, "", method, path, body);
}

HttpAnswer Network::office(const std::string& token, const std::string& method,
                           const std::string& path, const std::string& body) const {
    return curl("", token, method, path, body);
}

std::string Network::logIn(const std::string& username, const std::string& password) const {
    const auto answer =
        office("", "POST", "/v1/session",
               "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    const std::string key = "\"token\":\"";
    const auto at = answer.body.find(key);
    if (answer.status != 200 || at == std::string::npos)
        return {};
    return answer.body.substr(at + key.size(), 64);
}

HttpAnswer Network::curl(const std::string& outlet, const std::string& token,
                         const std::string& method, const std::string& path,
                         const std::string& body) const {
    static int counter = 0;
    const std::string n = std::to_string(++counter);
    const std::string bodyFile = m_dir.file("request-" + n + ".json");
    const std::string answerFile = m_dir.file("answer-" + n);
    std::string cmd = "curl -sS -o " + quote(answerFile) + " -w '%{http_code}' --cacert " +
                      quote(pkiDir() + "/ca.crt") + " -X " + quote(method);
    if (!outlet.empty())
        cmd += " --cert " + quote(certsDir(outlet) + "/" + outlet + ".crt") + " --key " +
               quote(certsDir(outlet) + "/" + outlet + ".key");
    if (!token.empty())
        cmd += " -H " + quote("Authorization: Bearer " + token);
    if (!body.empty()) {
        std::ofstream(bodyFile, std::ios::binary) << body;
        cmd += " -H 'Content-Type: application/json' --data-binary @" + quote(bodyFile);
    }
    cmd += " " + quote("https://localhost:" + std::to_string(m_port) + path);
    const auto done = run(cmd);
    HttpAnswer answer;
    try {
        answer.status =
            std::stoi(done.output.substr(done.output.size() >= 3 ? done.output.size() - 3 : 0));
    } catch (const std::exception&) {
        answer.status = 0;
    }
    std::ifstream in(answerFile, std::ios::binary);
    answer.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (answer.status == 0)
        answer.body = done.output;
    std::remove(bodyFile.c_str());
    std::remove(answerFile.c_str());
    return answer;
}

std::int64_t Network::serverSales() const {
    SQLite::Database db(serverDb(), SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT count(*) FROM sale").getInt64();
}

} // namespace baidian::testing
