#include "baidian/server/server.h"

#include <initializer_list>
#include <toml++/toml.h>

namespace baidian::server {

namespace {

using Node = toml::node_view<const toml::node>;

/// Reads typed values of one config file into a ServerConfig; each refusal names the file and
/// the key. A missing key leaves the value as it was.
class ConfigReader {
public:
    explicit ConfigReader(const std::string& path)
        : m_path(path) {}

    Error bad(const std::string& key, const std::string& why) const {
        return makeError(ErrorCode::ParseError, "config " + m_path + ": " + key + " " + why);
    }

    Status text(Node node, std::string& into, const char* key) const {
        if (!node)
            return {};
        const auto v = node.value<std::string>();
        if (!v)
            return bad(key, "must be a string");
        into = *v;
        return {};
    }

    /// A timeout of 1-3600 seconds.
    Status seconds(Node node, std::chrono::seconds& into, const char* key) const {
        return number(node, into, key, 3600, "must be 1-3600 seconds");
    }

    /// A lifetime or window of 1-86400 seconds.
    Status longSeconds(Node node, std::chrono::seconds& into, const char* key) const {
        return number(node, into, key, 86400, "must be 1-86400 seconds");
    }

    Status count(Node node, std::size_t& into, const char* key) const {
        return number(node, into, key, 1000000, "must be 1-1000000");
    }

    /// A cap on a sale or a line, in fen, grams or units.
    Status cap(Node node, std::int64_t& into, const char* key) const {
        return number(node, into, key, 1'000'000'000'000, "must be 1-1000000000000");
    }

private:
    template <typename T>
    Status number(Node node, T& into, const char* key, std::int64_t max, const char* why) const {
        if (!node)
            return {};
        const auto v = node.value<std::int64_t>();
        if (!v || *v < 1 || *v > max)
            return bad(key, why);
        into = T(*v);
        return {};
    }

    std::string m_path;
};

Status firstError(std::initializer_list<Status> statuses) {
    for (const auto& status : statuses)
        if (!status)
            return status;
    return {};
}

/// listen = "address:port".
Status readListen(const toml::table& table, const ConfigReader& r, ServerConfig& config) {
    const auto listen = table["listen"];
    if (!listen)
        return {};
    const auto* text = listen.as_string();
    if (!text)
        return r.bad("listen", "must be a string like \"127.0.0.1:8443\"");
    const std::string value = text->get();
    const auto colon = value.rfind(':');
    if (colon == std::string::npos)
        return r.bad("listen", "must be address:port");
    config.listenAddress = value.substr(0, colon);
    try {
        const int port = std::stoi(value.substr(colon + 1));
        if (port < 0 || port > 65535)
            throw std::out_of_range("port");
        config.port = static_cast<std::uint16_t>(port);
    } catch (const std::exception&) {
        return r.bad("listen", "has a bad port");
    }
    return {};
}

/// The top-level keys: listen, threads, database, ranking.
Status readTopLevel(const toml::table& table, const ConfigReader& r, ServerConfig& config) {
    if (auto ok = readListen(table, r, config); !ok)
        return ok;
    if (auto threads = table["threads"]) {
        const auto n = threads.value<std::int64_t>();
        if (!n || *n < 1 || *n > 256)
            return r.bad("threads", "must be 1-256");
        config.threads = static_cast<int>(*n);
    }
    return firstError({r.text(table["database"], config.database, "database"),
                       r.text(table["ranking"], config.rankingConfig, "ranking")});
}

/// [ingest]: the caps on one sale line and one sale (sale_rules.h), in fen, grams, units.
Status readIngest(const toml::table& table, const ConfigReader& r, SaleLimits& limits) {
    const auto ingest = table["ingest"];
    return firstError({r.cap(ingest["line_fen"], limits.maxLineFen, "ingest.line_fen"),
                       r.cap(ingest["sale_fen"], limits.maxSaleFen, "ingest.sale_fen"),
                       r.cap(ingest["line_grams"], limits.maxLineGrams, "ingest.line_grams"),
                       r.cap(ingest["line_units"], limits.maxLineUnits, "ingest.line_units"),
                       r.count(ingest["lines"], limits.maxLines, "ingest.lines")});
}

/// [tls]: ca, cert, key, session_seconds.
Status readTls(const toml::table& table, const ConfigReader& r, ServerConfig& config) {
    const auto tls = table["tls"];
    return firstError(
        {r.text(tls["ca"], config.caFile, "tls.ca"),
         r.text(tls["cert"], config.certFile, "tls.cert"),
         r.text(tls["key"], config.keyFile, "tls.key"),
         r.longSeconds(tls["session_seconds"], config.tlsSessionLifetime, "tls.session_seconds")});
}

/// [timeouts]: handshake_seconds, read_seconds, write_seconds.
Status readTimeouts(const toml::table& table, const ConfigReader& r, ServerConfig& config) {
    const auto timeouts = table["timeouts"];
    return firstError(
        {r.seconds(timeouts["handshake_seconds"], config.handshakeTimeout,
                   "timeouts.handshake_seconds"),
         r.seconds(timeouts["read_seconds"], config.readTimeout, "timeouts.read_seconds"),
         r.seconds(timeouts["write_seconds"], config.writeTimeout, "timeouts.write_seconds")});
}

/// [limits]: connections, their age, logins, the argon2 pool and the upload caps.
Status readLimits(const toml::table& table, const ConfigReader& r, ServerConfig& config) {
    const auto limits = table["limits"];
    auto ok =
        firstError({r.longSeconds(limits["connection_age_seconds"], config.maxConnectionAge,
                                  "limits.connection_age_seconds"),
                    r.count(limits["connections"], config.maxConnections, "limits.connections"),
                    r.count(limits["connections_per_address"], config.maxConnectionsPerAddress,
                            "limits.connections_per_address"),
                    r.count(limits["login_failures_per_user"], config.loginFailuresPerUser,
                            "limits.login_failures_per_user"),
                    r.count(limits["login_failures_per_address"], config.loginFailuresPerAddress,
                            "limits.login_failures_per_address"),
                    r.longSeconds(limits["login_window_seconds"], config.loginWindow,
                                  "limits.login_window_seconds"),
                    r.seconds(limits["login_backoff_seconds"], config.loginBackoff,
                              "limits.login_backoff_seconds"),
                    r.longSeconds(limits["login_backoff_max_seconds"], config.loginMaxBackoff,
                                  "limits.login_backoff_max_seconds"),
                    r.count(limits["login_threads"], config.loginThreads, "limits.login_threads"),
                    r.count(limits["login_queue"], config.loginQueue, "limits.login_queue"),
                    r.count(limits["uploads_in_flight_per_outlet"], config.uploadsInFlightPerOutlet,
                            "limits.uploads_in_flight_per_outlet"),
                    r.count(limits["writer_queue"], config.writerQueue, "limits.writer_queue")});
    if (!ok)
        return ok;
    if (config.loginThreads > 64)
        return r.bad("limits.login_threads", "must be 1-64");
    if (config.loginMaxBackoff < config.loginBackoff)
        return r.bad("limits.login_backoff_max_seconds",
                     "must be at least limits.login_backoff_seconds");
    return {};
}

} // namespace

Result<ServerConfig> loadConfig(const std::string& path, ServerConfig config) {
    toml::table table;
    try {
        table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        return makeError(ErrorCode::ParseError, "config " + path + " line " +
                                                    std::to_string(e.source().begin.line) + ": " +
                                                    std::string(e.description()));
    }
    const ConfigReader reader(path);
    // Top level first, then [ingest], [tls], [timeouts], [limits]: with several bad keys the
    // first one in this order is reported.
    if (auto ok = firstError({readTopLevel(table, reader, config),
                              readIngest(table, reader, config.saleLimits),
                              readTls(table, reader, config), readTimeouts(table, reader, config),
                              readLimits(table, reader, config)});
        !ok)
        return ok.error();
    return config;
}

} // namespace baidian::server
