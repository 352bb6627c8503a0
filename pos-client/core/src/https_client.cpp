#include "baidian/pos/https_client.h"

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>

namespace baidian::pos {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

struct HttpsClient::Impl {
    ServerEndpoint endpoint;
    asio::io_context ioc;
    ssl::context tls{ssl::context::tls_client};
    std::optional<beast::ssl_stream<beast::tcp_stream>> stream;
    beast::flat_buffer buffer;
    std::string setUpError;
    std::string bearer;

    explicit Impl(ServerEndpoint e)
        : endpoint(std::move(e)) {
        try {
            SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_3_VERSION);
            tls.load_verify_file(endpoint.caFile);
            if (!endpoint.certFile.empty()) {
                tls.use_certificate_chain_file(endpoint.certFile);
                tls.use_private_key_file(endpoint.keyFile, ssl::context::pem);
            }
            tls.set_verify_mode(ssl::verify_peer);
        } catch (const boost::system::system_error& err) {
            setUpError = std::string("cannot load the TLS files (") + endpoint.caFile + ", " +
                         endpoint.certFile + ", " + endpoint.keyFile + "): " + err.what();
        }
    }

    /// Runs the io_context until the pending operation completes.
    boost::system::error_code wait(boost::system::error_code& ec) {
        ioc.restart();
        ioc.run();
        return ec;
    }

    Error unavailable(const std::string& stage, const boost::system::error_code& ec) {
        stream.reset();
        // With TLS 1.3 the server checks the client certificate after the client's side of the
        // handshake is done, so its refusal arrives as an alert on the first read.
        const bool refusedByTls = ec.category() == asio::error::get_ssl_category();
        const std::string what =
            refusedByTls ? "refused the TLS connection (is this till's certificate revoked, "
                           "expired or from another network?)"
                         : stage;
        return makeError(ErrorCode::Unavailable,
                         "server " + endpoint.host + ":" + endpoint.port + " " + what + ": " +
                             (ec == beast::error::timeout ? "timed out" : ec.message()));
    }

    Status connect() {
        if (!setUpError.empty())
            return makeError(ErrorCode::Storage, setUpError);
        boost::system::error_code ec;
        tcp::resolver resolver(ioc);
        tcp::resolver::results_type results;
        resolver.async_resolve(endpoint.host, endpoint.port, [&](auto e, auto r) {
            ec = e;
            results = r;
        });
        if (wait(ec))
            return unavailable("cannot be resolved", ec);
        stream.emplace(ioc, tls);
        // SNI; SSL_set_tlsext_host_name is a macro with a C cast.
        if (!SSL_ctrl(stream->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                      TLSEXT_NAMETYPE_host_name, const_cast<char*>(endpoint.host.c_str())))
            return makeError(ErrorCode::Unavailable, "cannot set the TLS server name");
        stream->set_verify_callback(ssl::host_name_verification(endpoint.host));
        auto& lowest = beast::get_lowest_layer(*stream);
        lowest.expires_after(endpoint.timeout);
        lowest.async_connect(results, [&](auto e, auto) { ec = e; });
        if (wait(ec))
            return unavailable("cannot be reached", ec);
        boost::system::error_code ignored;
        lowest.socket().set_option(tcp::no_delay(true), ignored); // small requests, no Nagle wait
        lowest.expires_after(endpoint.timeout);
        stream->async_handshake(ssl::stream_base::client, [&](auto e) { ec = e; });
        if (wait(ec))
            return unavailable("refused the TLS handshake (certificate revoked, expired or wrong?)",
                               ec);
        buffer.clear();
        return {};
    }

    Result<HttpResult> once(http::verb verb, const std::string& target, const std::string& body,
                            const std::string& contentType) {
        if (!stream)
            if (auto ok = connect(); !ok)
                return ok.error();
        http::request<http::string_body> req{verb, target, 11};
        req.set(http::field::host, endpoint.host);
        req.set(http::field::user_agent, "baidian-pos-sync");
        req.keep_alive(true);
        if (!bearer.empty())
            req.set(http::field::authorization, "Bearer " + bearer);
        if (verb == http::verb::post) {
            req.set(http::field::content_type, contentType);
            req.body() = body;
        }
        req.prepare_payload();
        boost::system::error_code ec;
        auto& lowest = beast::get_lowest_layer(*stream);
        lowest.expires_after(endpoint.timeout);
        http::async_write(*stream, req, [&](auto e, auto) { ec = e; });
        const auto writeError = wait(ec);
        // Even when sending failed the server may have answered early (413 for an oversized
        // body, then closed): read what it said before giving up.
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        lowest.expires_after(writeError ? std::chrono::seconds(2) : endpoint.timeout);
        http::async_read(*stream, buffer, parser, [&](auto e, auto) { ec = e; });
        if (wait(ec))
            return unavailable(writeError ? "connection lost while sending" : "did not answer",
                               writeError ? writeError : ec);
        auto res = parser.release();
        if (!res.keep_alive())
            stream.reset();
        HttpResult result{static_cast<int>(res.result_int()), std::move(res.body()), {}};
        // Retry-After in seconds (the server never sends a date); anything else is ignored,
        // and an absurd value is held to an hour.
        const std::string retry(res[http::field::retry_after]);
        if (!retry.empty() && retry.size() <= 6 &&
            retry.find_first_not_of("0123456789") == std::string::npos)
            result.retryAfter = std::chrono::seconds(std::min(std::stol(retry), 3600L));
        return result;
    }

    Result<HttpResult> request(http::verb verb, const std::string& target, const std::string& body,
                               const std::string& contentType = "application/json") {
        const bool reused = stream.has_value();
        auto result = once(verb, target, body, contentType);
        // A kept-alive connection the server has since closed fails on first use: retry once on a
        // fresh one. Safe for POST too: the server applies every upload idempotently.
        if (!result && reused && result.error().code == ErrorCode::Unavailable)
            result = once(verb, target, body, contentType);
        return result;
    }
};

HttpsClient::HttpsClient(ServerEndpoint endpoint)
    : m_impl(std::make_unique<Impl>(std::move(endpoint))) {}
HttpsClient::~HttpsClient() = default;

Result<HttpResult> HttpsClient::get(const std::string& target) {
    return m_impl->request(http::verb::get, target, {});
}

Result<HttpResult> HttpsClient::post(const std::string& target, const std::string& body,
                                     const std::string& contentType) {
    return m_impl->request(http::verb::post, target, body, contentType);
}

Result<HttpResult> HttpsClient::del(const std::string& target) {
    return m_impl->request(http::verb::delete_, target, {});
}

void HttpsClient::setBearerToken(std::string token) {
    m_impl->bearer = std::move(token);
}

} // namespace baidian::pos
