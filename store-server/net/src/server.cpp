#include "baidian/server/server.h"

#include "baidian/server/aggregates.h"
#include "baidian/server/central.h"
#include "baidian/server/group_commit.h"
#include "connection.h"
#include "listener.h"
#include "log.h"
#include "login_guard.h"
#include "routes.h"
#include "tls_context.h"
#include "upload_gate.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <optional>
#include <thread>

namespace baidian::server {

namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

/// ServerConfig::clock as a domain::Clock.
class ConfigClock final : public domain::Clock {
public:
    explicit ConfigClock(std::function<domain::TimePoint()> read)
        : m_read(std::move(read)) {}
    domain::TimePoint now() const override { return m_read(); }

private:
    std::function<domain::TimePoint()> m_read;
};

LoginLimits loginLimits(const ServerConfig& c) {
    LoginLimits l;
    l.failuresPerUser = static_cast<int>(c.loginFailuresPerUser);
    l.failuresPerAddress = static_cast<int>(c.loginFailuresPerAddress);
    l.window = c.loginWindow;
    l.backoff = c.loginBackoff;
    l.maxBackoff = c.loginMaxBackoff;
    return l;
}

/// Days an older server left for a roll-up on the next read: ingest keeps the figures itself
/// now, and reads only read. Not fatal: the days stay marked and the next start rolls them up.
/// A server that cannot write (disk full) still serves reads and answers writes with 503.
void rollUpLeftOverDays(SQLite::Database& db) {
    try {
        SQLite::Transaction tx(db);
        if (const int days = rollUp(db); days > 0)
            logEvent("info", "rolled_up_left_over_days", {{"days", days}});
        tx.commit();
    } catch (const std::exception& e) {
        logEvent("error", "roll_up_deferred", {{"error", std::string(e.what())}});
    }
}

} // namespace

/// Owns everything the listener, the connections and the routes share; they get it through
/// their explicit contexts, built here.
struct Server::Impl {
    ServerConfig config;
    ConfigClock clock{config.clock};
    asio::io_context ioc;
    ssl::context tls{ssl::context::tls_server};
    tcp::acceptor acceptor{ioc};
    std::unique_ptr<GroupCommitWriter> writer;
    Metrics metrics;
    std::atomic<bool> stopping{false};
    asio::signal_set signals{ioc, SIGINT, SIGTERM};
    ConnectionRegistry connections;

    RankingConfig ranking;
    ConnectionLimits limits;
    LoginThrottle throttle;
    /// argon2 runs here, never on the I/O threads. Declared after ioc: destroyed (its queued
    /// checks finished) before it.
    PasswordPool passwords;
    UploadGate uploads;

    /// Built once the writer exists (start()).
    std::optional<RouteContext> routes;
    std::optional<ConnectionContext> connection;

    explicit Impl(ServerConfig c)
        : config(std::move(c))
        , limits(config.maxConnections, config.maxConnectionsPerAddress)
        , throttle(loginLimits(config))
        , passwords(config.loginThreads, config.loginQueue)
        , uploads(config.uploadsInFlightPerOutlet, config.writerQueue) {}

    Status listen() {
        try {
            // Uploads are capped at writerQueue by the gate; the writer itself refuses beyond
            // twice that, whatever the job (logins, office writes), so its queue is bounded too.
            writer =
                std::make_unique<GroupCommitWriter>(config.database, 64, 2 * config.writerQueue);
            const tcp::endpoint endpoint(asio::ip::make_address(config.listenAddress), config.port);
            acceptor.open(endpoint.protocol());
            acceptor.set_option(asio::socket_base::reuse_address(true));
            acceptor.bind(endpoint);
            acceptor.listen(asio::socket_base::max_listen_connections);
        } catch (const std::exception& e) {
            return makeError(ErrorCode::Storage, "cannot listen on " + config.listenAddress + ":" +
                                                     std::to_string(config.port) + ": " + e.what());
        }
        routes.emplace(
            RouteContext{config, clock, *writer, ranking, throttle, passwords, uploads, metrics});
        connection.emplace(ConnectionContext{config, stopping, connections, *routes, metrics});
        return {};
    }

    void serve(tcp::socket socket, ConnectionLimits::Slot slot) {
        auto executor = socket.get_executor();
        asio::co_spawn(executor,
                       serveConnection(Stream(beast::tcp_stream(std::move(socket)), tls),
                                       std::move(slot), *connection),
                       asio::detached);
    }

    void beginShutdown() {
        if (stopping.exchange(true))
            return;
        logEvent("info", "shutting_down");
        asio::post(ioc, [this] {
            boost::system::error_code ignored;
            acceptor.close(ignored);
            signals.cancel(ignored);
            connections.closeIdle();
        });
    }
};

Server::Server(ServerConfig config)
    : m_impl(std::make_unique<Impl>(std::move(config))) {}
Server::~Server() = default;

Status Server::start() {
    auto& d = *m_impl;
    auto database = openServerDatabase(d.config.database);
    if (!database)
        return database.error();
    rollUpLeftOverDays(database.value());
    if (auto ok = setUpTlsContext(d.tls, d.config, d.metrics); !ok)
        return ok;
    if (!d.config.rankingConfig.empty()) {
        auto loaded = loadRankingConfig(d.config.rankingConfig);
        if (!loaded)
            return loaded.error();
        d.ranking = *loaded;
    }
    if (auto ok = d.listen(); !ok)
        return ok;
    logEvent(
        "info", "listening",
        {{"address", d.config.listenAddress}, {"port", port()}, {"database", d.config.database}});
    return {};
}

std::uint16_t Server::port() const {
    return m_impl->acceptor.local_endpoint().port();
}

void Server::run() {
    auto& d = *m_impl;
    d.signals.async_wait([this](const boost::system::error_code& ec, int) {
        if (!ec)
            m_impl->beginShutdown();
    });
    const ListenerContext listener{d.ioc,
                                   d.acceptor,
                                   d.limits,
                                   d.stopping,
                                   d.metrics,
                                   [&d](tcp::socket socket, ConnectionLimits::Slot slot) {
                                       d.serve(std::move(socket), std::move(slot));
                                   }};
    asio::co_spawn(d.ioc, acceptConnections(listener), asio::detached);
    std::vector<std::thread> threads;
    for (int i = 1; i < d.config.threads; ++i)
        threads.emplace_back([&d] { d.ioc.run(); });
    d.ioc.run();
    for (auto& t : threads)
        t.join();
    d.writer->stop();
    logEvent(
        "info", "stopped",
        {{"batches", d.metrics.batches.load()}, {"sales_stored", d.metrics.salesStored.load()}});
}

void Server::stop() {
    m_impl->beginShutdown();
}

} // namespace baidian::server
