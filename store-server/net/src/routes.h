#pragma once
// Which handler answers a request: /healthz and /metrics here, /v1/session and /v1/office/ in
// office_routes, every other /v1/ path in till_routes. Internal to baidian::net.

#include "baidian/domain/clock.h"
#include "baidian/server/certificates.h"
#include "baidian/server/metrics.h"
#include "baidian/server/ranking.h"
#include "baidian/server/server.h"
#include "http_util.h"
#include "login_guard.h"
#include "upload_gate.h"

#include <optional>
#include <string>
#include <string_view>

namespace baidian::server {

/// What the routes share; owned by the server, outliving every request.
struct RouteContext {
    const ServerConfig& config;
    const domain::Clock& clock;
    GroupCommitWriter& writer;
    const RankingConfig& ranking;
    LoginThrottle& throttle;
    PasswordPool& passwords;
    UploadGate& uploads;
    Metrics& metrics;
};

/// A body of any request other than an authenticated upload is at most this long: a login, an
/// inspection, a ranking run. The rest are refused (413) before they are read.
inline constexpr std::size_t kSmallBodyBytes = 16 * 1024;

/// Whether `path` is a till's: answered only over a client certificate checked for the request.
bool needsTillCertificate(std::string_view path);

/// Whether this request may bring a body up to protocol::kMaxBodyBytes: a till's upload over
/// a certificate that has just been checked (`tillCertified`), or an admin's CSV import. Every
/// other body is at most kSmallBodyBytes, so that nobody without credentials makes the server
/// read 8 MiB. Throws SQLite::Exception when the session cannot be looked up.
bool mayUploadLarge(const Request& head, std::string_view path, bool tillCertified,
                    const RouteContext& ctx);

/// `peer`: the till the connection's client certificate names, checked for this request
/// (nullopt: no certificate); `clientAddress`: where the connection comes from.
asio::awaitable<Response> handleRequest(Request req, std::optional<CertificateIdentity> peer,
                                        std::string clientAddress, const RouteContext& ctx);

} // namespace baidian::server
