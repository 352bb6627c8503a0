#pragma once
// One client connection: the TLS handshake, then HTTP/1.1 requests read, checked and answered
// in turn until the client leaves, a timeout, the connection's age or shutdown ends it.
// Internal to baidian::net.

#include "baidian/server/metrics.h"
#include "baidian/server/server.h"
#include "connection_limits.h"
#include "routes.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <functional>
#include <list>
#include <mutex>

namespace baidian::server {

using Stream = beast::ssl_stream<beast::tcp_stream>;

/// The open connections, for a graceful shutdown: each says how to close it while it waits
/// idle for a request. Thread-safe.
class ConnectionRegistry {
public:
    struct Connection {
        asio::any_io_executor executor;
        std::function<void()> closeIfIdle; ///< run on `executor`
    };
    using Handle = std::list<Connection>::iterator;

    Handle add(Connection connection);
    void remove(Handle handle);
    /// Posts every connection's closeIfIdle to its executor.
    void closeIdle();

private:
    std::mutex m_mutex;
    std::list<Connection> m_connections;
};

/// What a connection needs of the server; owned by the server, outliving every connection.
struct ConnectionContext {
    const ServerConfig& config;
    const std::atomic<bool>& stopping;
    ConnectionRegistry& registry;
    const RouteContext& routes;
    Metrics& metrics;
};

/// Serves one accepted connection to its end. `slot`: its place under the connection caps,
/// given back when it ends. Runs on the stream's strand; never throws for a client's doing.
asio::awaitable<void> serveConnection(Stream stream, ConnectionLimits::Slot slot,
                                      const ConnectionContext& ctx);

} // namespace baidian::server
