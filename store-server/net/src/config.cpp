#include "baidian/server/server.h"

#include <toml++/toml.h>

namespace baidian::server {

Result<ServerConfig> loadConfig(const std::string& path, ServerConfig config) {
    toml::table table;
    try {
        table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        return makeError(ErrorCode::ParseError, "config " + path + " line " +
                                                    std::to_string(e.source().begin.line) + ": " +
                                                    std::string(e.description()));
    }
    auto bad = [&](const std::string& key, const std::string& why) {
        return makeError(ErrorCode::ParseError, "config " + path + ": " + key + " " + why);
    };
    if (auto listen = table["listen"]) {
        const auto* text = listen.as_string();
        if (!text)
            return bad("listen", "must be a string like \"127.0.0.1:8443\"");
        const std::string value = text->get();
        const auto colon = value.rfind(':');
        if (colon == std::string::npos)
            return bad("listen", "must be address:port");
        config.listenAddress = value.substr(0, colon);
        try {
            const int port = std::stoi(value.substr(colon + 1));
            if (port < 0 || port > 65535)
                throw std::out_of_range("port");
            config.port = static_cast<std::uint16_t>(port);
        } catch (const std::exception&) {
            return bad("listen", "has a bad port");
        }
    }
    if (auto threads = table["threads"]) {
        const auto n = threads.value<std::int64_t>();
        if (!n || *n < 1 || *n > 256)
            return bad("threads", "must be 1-256");
        config.threads = static_cast<int>(*n);
    }
    auto text = [&](toml::node_view<toml::node> node, std::string& into,
                    const char* key) -> Status {
        if (!node)
            return {};
        const auto v = node.value<std::string>();
        if (!v)
            return bad(key, "must be a string");
        into = *v;
        return {};
    };
    auto seconds = [&](toml::node_view<toml::node> node, std::chrono::seconds& into,
                       const char* key) -> Status {
        if (!node)
            return {};
        const auto v = node.value<std::int64_t>();
        if (!v || *v < 1 || *v > 3600)
            return bad(key, "must be 1-3600 seconds");
        into = std::chrono::seconds(*v);
        return {};
    };
    auto count = [&](toml::node_view<toml::node> node, std::size_t& into,
                     const char* key) -> Status {
        if (!node)
            return {};
        const auto v = node.value<std::int64_t>();
        if (!v || *v < 1 || *v > 1000000)
            return bad(key, "must be 1-1000000");
        into = static_cast<std::size_t>(*v);
        return {};
    };
    auto longSeconds = [&](toml::node_view<toml::node> node, std::chrono::seconds& into,
                           const char* key) -> Status {
        if (!node)
            return {};
        const auto v = node.value<std::int64_t>();
        if (!v || *v < 1 || *v > 86400)
            return bad(key, "must be 1-86400 seconds");
        into = std::chrono::seconds(*v);
        return {};
    };
    // [ingest]: the caps on one sale line and one sale (sale_rules.h), in fen, grams, units.
    auto cap = [&](toml::node_view<toml::node> node, std::int64_t& into,
                   const char* key) -> Status {
        if (!node)
            return {};
        const auto v = node.value<std::int64_t>();
        if (!v || *v < 1 || *v > 1'000'000'000'000)
            return bad(key, "must be 1-1000000000000");
        into = *v;
        return {};
    };
    for (auto status :
         {cap(table["ingest"]["line_fen"], config.saleLimits.maxLineFen, "ingest.line_fen"),
          cap(table["ingest"]["sale_fen"], config.saleLimits.maxSaleFen, "ingest.sale_fen"),
          cap(table["ingest"]["line_grams"], config.saleLimits.maxLineGrams, "ingest.line_grams"),
          cap(table["ingest"]["line_units"], config.saleLimits.maxLineUnits, "ingest.line_units"),
          count(table["ingest"]["lines"], config.saleLimits.maxLines, "ingest.lines"),
          text(table["database"], config.database, "database"),
          text(table["ranking"], config.rankingConfig, "ranking"),
          text(table["tls"]["ca"], config.caFile, "tls.ca"),
          text(table["tls"]["cert"], config.certFile, "tls.cert"),
          text(table["tls"]["key"], config.keyFile, "tls.key"),
          seconds(table["timeouts"]["handshake_seconds"], config.handshakeTimeout,
                  "timeouts.handshake_seconds"),
          seconds(table["timeouts"]["read_seconds"], config.readTimeout, "timeouts.read_seconds"),
          seconds(table["timeouts"]["write_seconds"], config.writeTimeout,
                  "timeouts.write_seconds"),
          longSeconds(table["tls"]["session_seconds"], config.tlsSessionLifetime,
                      "tls.session_seconds"),
          longSeconds(table["limits"]["connection_age_seconds"], config.maxConnectionAge,
                      "limits.connection_age_seconds"),
          count(table["limits"]["connections"], config.maxConnections, "limits.connections"),
          count(table["limits"]["connections_per_address"], config.maxConnectionsPerAddress,
                "limits.connections_per_address"),
          count(table["limits"]["login_failures_per_user"], config.loginFailuresPerUser,
                "limits.login_failures_per_user"),
          count(table["limits"]["login_failures_per_address"], config.loginFailuresPerAddress,
                "limits.login_failures_per_address"),
          longSeconds(table["limits"]["login_window_seconds"], config.loginWindow,
                      "limits.login_window_seconds"),
          seconds(table["limits"]["login_backoff_seconds"], config.loginBackoff,
                  "limits.login_backoff_seconds"),
          longSeconds(table["limits"]["login_backoff_max_seconds"], config.loginMaxBackoff,
                      "limits.login_backoff_max_seconds"),
          count(table["limits"]["login_threads"], config.loginThreads, "limits.login_threads"),
          count(table["limits"]["login_queue"], config.loginQueue, "limits.login_queue"),
          count(table["limits"]["uploads_in_flight_per_outlet"], config.uploadsInFlightPerOutlet,
                "limits.uploads_in_flight_per_outlet"),
          count(table["limits"]["writer_queue"], config.writerQueue, "limits.writer_queue")})
        if (!status)
            return status.error();
    if (config.loginThreads > 64)
        return bad("limits.login_threads", "must be 1-64");
    if (config.loginMaxBackoff < config.loginBackoff)
        return bad("limits.login_backoff_max_seconds",
                   "must be at least limits.login_backoff_seconds");
    return config;
}

} // namespace baidian::server
