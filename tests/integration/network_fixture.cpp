#include "network_fixture.h"

#include <SQLiteCpp/Database.h>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
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

CommandResult run(const std::string& commandLine) {
    CommandResult result;
    FILE* pipe = ::popen((commandLine + " 2>&1").c_str(), "r");
    if (!pipe)
        return result;
    std::array<char, 4096> buffer{};
    while (const auto n = std::fread(buffer.data(), 1, buffer.size(), pipe))
        result.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

Network::Network() {
    auto must = [](const CommandResult& r, const std::string& what) {
        if (r.exitCode != 0)
            throw std::runtime_error(what + " failed: " + r.output);
    };
    must(admin("init-ca"), "init-ca");
    must(admin("server-cert --host localhost --host 127.0.0.1"), "server-cert");
    must(admin("add-outlet --code HZ-F01 --name " + quote("杭州湖滨旗舰店") +
               " --type flagship --city " + quote("杭州")),
         "add-outlet");
    must(admin("add-outlet --code NB-D01 --name " + quote("宁波天一直营店") +
               " --type direct --city " + quote("宁波")),
         "add-outlet");
    must(admin("issue-cert --outlet HZ-F01 --out " + quote(certsDir("HZ-F01"))), "issue-cert");
    must(admin("issue-cert --outlet NB-D01 --out " + quote(certsDir("NB-D01"))), "issue-cert");
    must(admin("add-product --sku AKS-PEA-01 --name " + quote("库尔勒香梨") +
               " --unit weight --price 5.90 --basis jin --plu 12347"),
         "add-product");
    must(admin("add-cashier --outlet HZ-F01 --code 1002 --name " + quote("陈静") +
               " --role cashier --pin 2468"),
         "add-cashier");
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
    return run(std::string(BAIDIAN_STORE_ADMIN) + " --db " + quote(serverDb()) + " --pki " +
               quote(pkiDir()) + " " + args);
}

void Network::startServer() {
    const std::string portFile = m_dir.file("port");
    std::remove(portFile.c_str());
    const std::string log = m_dir.file("server.log");
    m_server = ::fork();
    if (m_server == 0) {
        std::freopen(log.c_str(), "a", stderr);
        const std::string ca = pkiDir() + "/ca.crt", cert = pkiDir() + "/server.crt",
                          key = pkiDir() + "/server.key";
        const std::string db = serverDb();
        ::execl(BAIDIAN_STORE_SERVER, "store-server", "--db", db.c_str(), "--ca", ca.c_str(),
                "--cert", cert.c_str(), "--key", key.c_str(), "--port",
                m_port ? std::to_string(m_port).c_str() : "0", "--port-file", portFile.c_str(),
                static_cast<char*>(nullptr));
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
            throw std::runtime_error("store-server exited at start-up: see " + log);
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

std::int64_t Network::serverSales() const {
    SQLite::Database db(serverDb(), SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT count(*) FROM sale").getInt64();
}

} // namespace baidian::testing
