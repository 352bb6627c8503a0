#pragma once
// The accept loop: every connection admitted under the connection caps before any TLS work,
// then served on its own strand. Internal to baidian::net.

#include "baidian/server/metrics.h"
#include "connection_limits.h"

#include <atomic>
#include <boost/asio.hpp>
#include <functional>

namespace baidian::server {

struct ListenerContext {
    boost::asio::io_context& ioc; ///< each connection gets a strand of it
    boost::asio::ip::tcp::acceptor& acceptor;
    ConnectionLimits& limits;
    const std::atomic<bool>& stopping;
    Metrics& metrics;
    /// Starts serving an admitted connection (on the socket's strand).
    std::function<void(boost::asio::ip::tcp::socket, ConnectionLimits::Slot)> serve;
};

/// Accepts connections until the acceptor is closed or `stopping` is set. A connection from an
/// address over its cap, or beyond the total cap, is closed at once and counted.
boost::asio::awaitable<void> acceptConnections(const ListenerContext& ctx);

} // namespace baidian::server
