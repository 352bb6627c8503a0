#include "listener.h"

#include "log.h"

namespace baidian::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

/// Caps before any TLS work: one address (or everybody together) holding more connections is
/// closed at once, so that nobody ties up the server's sockets.
std::optional<ConnectionLimits::Slot> admitConnection(tcp::socket& socket,
                                                      const ListenerContext& ctx) {
    boost::system::error_code ignored;
    const auto peerAddress = socket.remote_endpoint(ignored).address();
    ConnectionLimits::Refusal refusal{};
    auto slot = ctx.limits.admit(peerAddress, refusal);
    if (!slot) {
        ++(refusal == ConnectionLimits::Refusal::PerAddress
               ? ctx.metrics.connectionsRefusedPerAddress
               : ctx.metrics.connectionsRefusedTotal);
        socket.close(ignored);
    }
    return slot;
}

} // namespace

asio::awaitable<void> acceptConnections(const ListenerContext& ctx) {
    while (!ctx.stopping) {
        boost::system::error_code ec;
        tcp::socket socket = co_await ctx.acceptor.async_accept(
            asio::make_strand(ctx.ioc), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            if (ctx.stopping || ec == asio::error::operation_aborted)
                break;
            logEvent("warn", "accept_failed", {{"error", ec.message()}});
            continue;
        }
        auto slot = admitConnection(socket, ctx);
        if (!slot)
            continue;
        // Replies are small and come as several TLS records: without this, Nagle's algorithm
        // and the client's delayed ACK hold each answer back by tens of milliseconds.
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        ctx.serve(std::move(socket), std::move(*slot));
    }
}

} // namespace baidian::server
