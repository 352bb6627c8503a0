// store-server: the central HTTPS server tills sync to. See docs/protocol.md.
#include "baidian/domain/version.h"
#include "baidian/server/server.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
    using namespace baidian::server;
    CLI::App app{"store-server: the Baidian central server (HTTPS, mutual TLS)"};
    app.set_version_flag("--version", baidian::domain::versionLine("store-server"));
    std::string configFile, listen, portFile;
    ServerConfig overrides;
    int port = -1, threads = 0;
    long maxConnections = 0, maxPerAddress = 0, maxAge = 0, sessionLifetime = 0;
    std::string database, ca, cert, key, ranking;
    app.add_option("-c,--config", configFile, "TOML config file");
    app.add_option("--listen", listen, "address to listen on (default 127.0.0.1)");
    app.add_option("--port", port, "port (0 picks a free one)");
    app.add_option("--threads", threads, "I/O threads");
    app.add_option("--db", database, "central database file");
    app.add_option("--ca", ca, "CA certificate (client certificates must chain to it)");
    app.add_option("--cert", cert, "server certificate");
    app.add_option("--key", key, "server private key");
    app.add_option("--ranking", ranking, "ranking weights and rules (TOML)");
    app.add_option("--port-file", portFile, "write the bound port here once listening");
    app.add_option("--max-connections", maxConnections, "connections open at once (4096)")
        ->check(CLI::Range(1L, 1000000L));
    app.add_option("--max-connections-per-address", maxPerAddress,
                   "connections open at once from one client address (64)")
        ->check(CLI::Range(1L, 1000000L));
    app.add_option("--max-connection-age", maxAge,
                   "seconds after which a connection is closed (3600)")
        ->check(CLI::Range(1L, 86400L));
    app.add_option("--tls-session-lifetime", sessionLifetime,
                   "seconds a TLS session may be resumed for after its full handshake (7200)")
        ->check(CLI::Range(1L, 86400L));
    CLI11_PARSE(app, argc, argv);

    ServerConfig config;
    if (!configFile.empty()) {
        auto loaded = loadConfig(configFile);
        if (!loaded) {
            std::cerr << "store-server: " << loaded.error().message << "\n";
            return 2;
        }
        config = *loaded;
    }
    if (!listen.empty())
        config.listenAddress = listen;
    if (port >= 0)
        config.port = static_cast<std::uint16_t>(port);
    if (threads > 0)
        config.threads = threads;
    if (!database.empty())
        config.database = database;
    if (!ca.empty())
        config.caFile = ca;
    if (!cert.empty())
        config.certFile = cert;
    if (!key.empty())
        config.keyFile = key;
    if (!ranking.empty())
        config.rankingConfig = ranking;
    if (maxConnections > 0)
        config.maxConnections = static_cast<std::size_t>(maxConnections);
    if (maxPerAddress > 0)
        config.maxConnectionsPerAddress = static_cast<std::size_t>(maxPerAddress);
    if (maxAge > 0)
        config.maxConnectionAge = std::chrono::seconds(maxAge);
    if (sessionLifetime > 0)
        config.tlsSessionLifetime = std::chrono::seconds(sessionLifetime);

    Server server(config);
    if (auto ok = server.start(); !ok) {
        std::cerr << "store-server: " << ok.error().message << "\n";
        return 1;
    }
    if (!portFile.empty()) {
        const std::string tmp = portFile + ".tmp";
        std::ofstream(tmp) << server.port() << "\n";
        std::rename(tmp.c_str(), portFile.c_str());
    }
    server.run();
    return 0;
}
