#include "connection.h"

#include "log.h"
#include "read_connection.h"
#include "tls_trust.h"

#include <chrono>
#include <memory>

namespace baidian::server {

namespace {

namespace ssl = asio::ssl;
using SteadyClock = std::chrono::steady_clock;

/// A read that ends the connection quietly: the client left, or a timeout or shutdown cut it.
bool connectionGone(const boost::system::error_code& ec) {
    return ec == asio::error::operation_aborted || ec == beast::error::timeout ||
           ec == ssl::error::stream_truncated || ec == asio::error::eof ||
           ec == asio::error::connection_reset;
}

/// What is known of a request once its header is read, before its body.
struct Admission {
    std::optional<Response> early; ///< an answer given before the body is read
    std::optional<CertificateIdentity> peer;
    std::size_t bodyLimit = kSmallBodyBytes;
};

/// The till `trust` names for a till's request, or the 403 refusing it.
std::optional<Response> checkPeer(const Request& head, std::string_view path, PeerTrust& trust,
                                  std::optional<CertificateIdentity>& peer,
                                  const ConnectionContext& ctx) {
    PeerTrust::Verdict verdict;
    try {
        verdict =
            trust.check(readConnection(ctx.config.database), std::chrono::system_clock::now());
    } catch (const std::exception& e) {
        logEvent("error", "peer_lookup_failed", {{"error", e.what()}});
        verdict.refusal = "the certificate could not be checked: try again";
    }
    if (verdict.identity) {
        peer = std::move(verdict.identity);
        return std::nullopt;
    }
    ++ctx.metrics.certificateRefusals;
    logEvent("warn", "client_certificate_refused",
             {{"path", logValue(path, kLogNameBytes)}, {"reason", verdict.refusal}});
    return error(head, http::status::forbidden, verdict.refusal);
}

/// Checks a request's header: the client certificate again for a till's request (a resumed
/// session skips the handshake's checks, and a revocation must reach open connections), and
/// how much body it may bring; sets `ec` to body_limit when its Content-Length is over that.
Admission admit(const http::request_parser<http::string_body>& parser, PeerTrust& trust,
                boost::system::error_code& ec, const ConnectionContext& ctx) {
    Admission admission;
    const Request& head = parser.get();
    const std::string_view target = head.target();
    const std::string_view path = target.substr(0, target.find('?'));
    if (needsTillCertificate(path) && trust.presented())
        admission.early = checkPeer(head, path, trust, admission.peer, ctx);
    if (admission.early)
        return admission;
    try {
        if (mayUploadLarge(head, path, admission.peer.has_value(), ctx.routes))
            admission.bodyLimit = protocol::kMaxBodyBytes;
    } catch (const std::exception& e) {
        logEvent("error", "session_lookup_failed", {{"error", e.what()}});
    }
    if (parser.content_length() && *parser.content_length() > admission.bodyLimit)
        ec = http::error::body_limit;
    return admission;
}

/// The answer to one request: `admission`'s early one, a refusal of a body too large or a
/// malformed request (all three close the connection, `close`), or the routes'.
asio::awaitable<Response> answer(Request req, Admission& admission,
                                 const boost::system::error_code& ec,
                                 const std::string& clientAddress, bool& close,
                                 const ConnectionContext& ctx) {
    close = true;
    if (admission.early)
        co_return std::move(*admission.early);
    if (ec == http::error::body_limit) {
        ++ctx.metrics.bodiesTooLarge;
        co_return error(req, http::status::payload_too_large,
                        "the body is larger than " + std::to_string(admission.bodyLimit) +
                            " bytes: only a till's uploads (over its certificate) and an "
                            "admin's imports may be larger, up to " +
                            std::to_string(protocol::kMaxBodyBytes));
    }
    if (ec)
        co_return error(req, http::status::bad_request, "malformed HTTP request: " + ec.message());
    close = false;
    Request head; // what an error reply needs once req has been handed over
    head.version(req.version());
    head.keep_alive(req.keep_alive());
    try {
        auto handling = handleRequest(std::move(req), admission.peer, clientAddress, ctx.routes);
        co_return co_await std::move(handling);
    } catch (const std::exception& e) {
        logEvent("error", "request_failed", {{"error", e.what()}});
    }
    co_return error(head, http::status::internal_server_error,
                    "internal error; nothing was stored");
}

void count(const Response& res, Metrics& metrics) {
    const auto code = res.result_int();
    ++(code < 400   ? metrics.responses2xx
       : code < 500 ? metrics.responses4xx
                    : metrics.responses5xx);
}

/// Requests on an established connection from `clientAddress`, answered in turn until it
/// ends. `idle` is true while it waits for a request's header (shutdown closes it then).
asio::awaitable<void> serveRequests(Stream& stream, std::shared_ptr<bool> idle,
                                    SteadyClock::time_point opened, std::string clientAddress,
                                    const ConnectionContext& ctx) {
    auto& tcpStream = beast::get_lowest_layer(stream);
    PeerTrust trust(stream.native_handle());
    beast::flat_buffer buffer;
    boost::system::error_code ec;
    while (!ctx.stopping) {
        // A connection lives at most maxConnectionAge: an idle one is closed then, a busy one
        // after the answer that crosses it.
        const auto age = SteadyClock::now() - opened;
        if (age >= ctx.config.maxConnectionAge)
            break;
        http::request_parser<http::string_body> parser;
        parser.header_limit(16 * 1024);
        // The header first: how much body this request may bring depends on what it is and who
        // sends it (the Content-Length is compared in admit, before any is read).
        parser.body_limit(protocol::kMaxBodyBytes);
        tcpStream.expires_after(std::min<SteadyClock::duration>(ctx.config.readTimeout,
                                                                ctx.config.maxConnectionAge - age));
        *idle = true;
        co_await http::async_read_header(stream, buffer, parser,
                                         asio::redirect_error(asio::use_awaitable, ec));
        *idle = false;
        if (ec == http::error::end_of_stream || connectionGone(ec))
            break;
        Admission admission = ec ? Admission{} : admit(parser, trust, ec, ctx);
        if (!admission.early && !ec) {
            parser.body_limit(admission.bodyLimit);
            co_await http::async_read(stream, buffer, parser,
                                      asio::redirect_error(asio::use_awaitable, ec));
            if (connectionGone(ec))
                break;
        }
        bool close = false;
        auto answering = answer(parser.release(), admission, ec, clientAddress, close, ctx);
        Response res = co_await std::move(answering);
        if (close || ctx.stopping || SteadyClock::now() - opened >= ctx.config.maxConnectionAge)
            res.keep_alive(false);
        // Every 503 says when to come back (a till backs off at least this long).
        if (res.result() == http::status::service_unavailable &&
            res.find(http::field::retry_after) == res.end())
            res.set(http::field::retry_after, "1");
        count(res, ctx.metrics);
        tcpStream.expires_after(ctx.config.writeTimeout);
        co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
        if (ec || !res.keep_alive())
            break;
    }
}

} // namespace

ConnectionRegistry::Handle ConnectionRegistry::add(Connection connection) {
    std::lock_guard lock(m_mutex);
    m_connections.push_back(std::move(connection));
    return std::prev(m_connections.end());
}

void ConnectionRegistry::remove(Handle handle) {
    std::lock_guard lock(m_mutex);
    m_connections.erase(handle);
}

void ConnectionRegistry::closeIdle() {
    std::lock_guard lock(m_mutex);
    for (auto& c : m_connections)
        asio::post(c.executor, c.closeIfIdle);
}

asio::awaitable<void> serveConnection(Stream stream, [[maybe_unused]] ConnectionLimits::Slot slot,
                                      const ConnectionContext& ctx) {
    ++ctx.metrics.connectionsOpen;
    ++ctx.metrics.connectionsTotal;
    auto idle = std::make_shared<bool>(false);
    const auto registration = ctx.registry.add({stream.get_executor(), [&stream, idle] {
                                                    if (*idle)
                                                        beast::get_lowest_layer(stream).cancel();
                                                }});
    boost::system::error_code ec;
    const auto opened = SteadyClock::now();
    std::string clientAddress =
        beast::get_lowest_layer(stream).socket().remote_endpoint(ec).address().to_string();
    beast::get_lowest_layer(stream).expires_after(ctx.config.handshakeTimeout);
    co_await stream.async_handshake(ssl::stream_base::server,
                                    asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        ++ctx.metrics.handshakeFailures;
    } else {
        auto serving = serveRequests(stream, idle, opened, std::move(clientAddress), ctx);
        co_await std::move(serving);
        beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
        co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
    }
    ctx.registry.remove(registration);
    --ctx.metrics.connectionsOpen;
}

} // namespace baidian::server
