#pragma once

#include "baidian/domain/result.h"

#include <chrono>
#include <memory>
#include <string>

namespace baidian::pos {

/// Where and how a till reaches the server: mutual TLS with the outlet's certificate.
struct ServerEndpoint {
    std::string host = "localhost"; ///< must match the server certificate's name
    std::string port = "8443";
    std::string caFile;               ///< the network CA (ca.crt)
    std::string certFile;             ///< the outlet certificate (<code>.crt); empty: none
    std::string keyFile;              ///< its key
    std::chrono::seconds timeout{15}; ///< per connect, handshake, write and read
};

struct HttpResult {
    int status = 0;
    std::string body;
    /// The server's Retry-After (on 503 and 429: how long to wait before trying again), 0 when
    /// it gave none.
    std::chrono::seconds retryAfter{0};
};

/// A keep-alive HTTPS/1.1 client over TLS 1.3, with a client certificate for outlets or a
/// bearer token for people (Boost.Beast). Every
/// stage has a timeout; a broken connection is reopened on the next request. Not thread-safe:
/// one client per thread.
class HttpsClient {
public:
    explicit HttpsClient(ServerEndpoint endpoint);
    ~HttpsClient();

    /// Errors: Unavailable (cannot connect, TLS refused, timeout, connection lost) with the
    /// reason; Storage if the certificate files cannot be loaded. An HTTP error status is not
    /// an Error: it comes back in HttpResult.
    Result<HttpResult> get(const std::string& target);
    Result<HttpResult> post(const std::string& target, const std::string& body,
                            const std::string& contentType = "application/json");
    Result<HttpResult> del(const std::string& target);
    /// Sent as "Authorization: Bearer <token>" from the next request on (head-office sessions).
    void setBearerToken(std::string token);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace baidian::pos
