#include "baidian/simulate/local_network.h"

#include "baidian/domain/time.h"
#include "baidian/pki/pki.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/catalog.h"
#include "baidian/server/central.h"
#include "baidian/server/ingest.h"
#include "baidian/server/ranking.h"
#include "baidian/server/registry.h"
#include "baidian/simulate/network.h"
#include "baidian/simulate/season.h"
#include "baidian/simulate/till_simulator.h"

#include <SQLiteCpp/Transaction.h>
#include <random>
#include <stdexcept>
#include <sys/resource.h>

namespace baidian::simulate {

namespace {

template <typename T> T orThrow(Result<T> r, const char* what) {
    if (!r)
        throw std::runtime_error(std::string(what) + ": " + r.error().message);
    return std::move(r).value();
}

} // namespace

std::string urlEncode(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

LocalNetwork::LocalNetwork(int outlets, const std::string& openedBy) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "baidian-office-XXXXXX").string();
    m_dir = ::mkdtemp(pattern.data());
    // Each outlet holds a connection: make room for a few thousand descriptors.
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    const auto pki = file("pki");
    orThrow(baidian::pki::createCa({pki, kCaPassphrase}, "Baidian Test CA"), "CA");
    orThrow(baidian::pki::issueServerCertificate({pki, kCaPassphrase}, pki,
                                                 {"localhost", "127.0.0.1"}, 30),
            "server certificate");
    m_db = std::make_unique<SQLite::Database>(
        orThrow(server::openServerDatabase(file("server.db")), "database"));
    m_outlets = generateOutlets(outlets, 42, openedBy);
    orThrow(server::importOutletsCsv(*m_db, outletsCsv(m_outlets), openedBy), "registry import");
    orThrow(server::importCatalogCsv(*m_db, catalogCsv(aksuCatalog())), "catalog import");
    if (auto ok = addDemoUsers(*m_db); !ok)
        throw std::runtime_error(ok.error().message);
    setClock(openedBy + " 12:00:00");
}

LocalNetwork::~LocalNetwork() {
    stop();
    m_db.reset();
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
}

std::int64_t LocalNetwork::seedSales(const std::string& from, const std::string& to) {
    return seedSeason(*m_db, m_outlets, 1, from, to).sales;
}

protocol::RankingDoc LocalNetwork::rank(const std::string& period) {
    const auto to = server::periodDates(period).value().second;
    const auto morning =
        domain::isoUtc(domain::parseLocalDateTime(domain::addDays(to, 1) + " 08:00:00"));
    SQLite::Transaction tx(*m_db);
    auto ranking = orThrow(server::computeRanking(*m_db, period, {}, morning), "ranking");
    tx.commit();
    return ranking;
}

void LocalNetwork::issueCertificates() {
    const auto pki = file("pki");
    for (const auto& o : m_outlets) {
        auto cert = orThrow(
            baidian::pki::issueOutletCertificate({pki, kCaPassphrase}, file("certs"), o.code, 90),
            "outlet certificate");
        const auto outlet = server::outletByCode(*m_db, o.code);
        if (auto ok = server::recordCertificate(*m_db, cert.serialHex, outlet->id, "outlet",
                                                cert.subject, cert.notBefore, cert.notAfter);
            !ok)
            throw std::runtime_error(ok.error().message);
    }
}

void LocalNetwork::start() {
    server::ServerConfig config;
    config.port = 0;
    config.threads = 2;
    config.database = file("server.db");
    config.caFile = file("pki/ca.crt");
    config.certFile = file("pki/server.crt");
    config.keyFile = file("pki/server.key");
    // Every outlet of this network connects from 127.0.0.1.
    config.maxConnections = 100000;
    config.maxConnectionsPerAddress = 100000;
    config.clock = [this] {
        return std::chrono::system_clock::time_point(
            std::chrono::system_clock::duration(m_clock.load()));
    };
    m_server = std::make_unique<server::Server>(config);
    if (auto ok = m_server->start(); !ok)
        throw std::runtime_error(ok.error().message);
    m_port = m_server->port();
    m_thread = std::thread([this] { m_server->run(); });
}

void LocalNetwork::stop() {
    if (!m_server)
        return;
    m_server->stop();
    m_thread.join();
    m_server.reset();
}

void LocalNetwork::setClock(const std::string& chinaTime) {
    m_clock = domain::parseLocalDateTime(chinaTime).time_since_epoch().count();
}

pos::ServerEndpoint LocalNetwork::outletEndpoint(const std::string& code) const {
    auto e = personEndpoint();
    e.certFile = file("certs/" + code + ".crt");
    e.keyFile = file("certs/" + code + ".key");
    return e;
}

pos::ServerEndpoint LocalNetwork::personEndpoint() const {
    pos::ServerEndpoint e;
    e.host = "localhost";
    e.port = std::to_string(m_port);
    e.caFile = file("pki/ca.crt");
    e.timeout = std::chrono::seconds(30);
    return e;
}

std::unique_ptr<pos::HttpsClient> LocalNetwork::login(const std::string& user,
                                                      const std::string& password) {
    auto client = std::make_unique<pos::HttpsClient>(personEndpoint());
    auto res =
        client->post("/v1/session", protocol::encode(protocol::LoginRequest{user, password}));
    if (!res || res->status != 200)
        throw std::runtime_error("login as " + user +
                                 " refused: " + (res ? res->body : res.error().message));
    client->setBearerToken(protocol::decodeSession(res->body).value().token);
    return client;
}

} // namespace baidian::simulate
