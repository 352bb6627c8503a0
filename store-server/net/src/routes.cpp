#include "routes.h"

#include "baidian/server/journal_check.h"
#include "baidian/server/sessions.h"
#include "log.h"
#include "office_routes.h"
#include "read_connection.h"
#include "till_routes.h"

#include <SQLiteCpp/Statement.h>

namespace baidian::server {

namespace {

Response health(const Request& req, const RouteContext& ctx) {
    try {
        readConnection(ctx.config.database).execAndGet("SELECT 1");
        return reply(req, http::status::ok, "{\"status\":\"ok\"}");
    } catch (const std::exception& e) {
        return error(req, http::status::service_unavailable,
                     std::string("database unavailable: ") + e.what());
    }
}

/// Reads the terminals' sequence gaps into the metrics; on failure they keep their last
/// reading (/healthz reports the database).
void readSequenceGaps(const RouteContext& ctx) {
    try {
        SQLite::Statement gaps(readConnection(ctx.config.database),
                               "SELECT COALESCE(SUM(max_seq - sales), 0), "
                               "COALESCE(SUM(max_seq > sales), 0) FROM terminal");
        if (gaps.executeStep()) {
            ctx.metrics.missingSeqs = gaps.getColumn(0).getInt64();
            ctx.metrics.terminalsWithGaps = gaps.getColumn(1).getInt64();
        }
    } catch (const std::exception&) {
        // the counters keep their last reading; /healthz reports the database
    }
}

Response prometheusMetrics(const Request& req, const RouteContext& ctx) {
    readSequenceGaps(ctx);
    std::string text =
        ctx.metrics.prometheus(ctx.writer.groupsCommitted(), ctx.writer.jobsCommitted(),
                               ctx.writer.commitFailures(), ctx.writer.jobsRefused());
    try {
        text += journalMetrics(readConnection(ctx.config.database));
    } catch (const std::exception& e) {
        logEvent("warn", "journal_metrics_unavailable", {{"error", e.what()}});
    }
    return reply(req, http::status::ok, text, "text/plain; version=0.0.4");
}

} // namespace

bool needsTillCertificate(std::string_view path) {
    return path.starts_with("/v1/") && !isOfficePath(path);
}

bool mayUploadLarge(const Request& head, std::string_view path, bool tillCertified,
                    const RouteContext& ctx) {
    if (head.method() != http::verb::post)
        return false;
    if (isTillUploadPath(path))
        return tillCertified;
    if (!isOfficeImportPath(path))
        return false;
    const auto header = head[http::field::authorization];
    constexpr std::string_view kBearer = "Bearer ";
    if (!header.starts_with(kBearer))
        return false;
    const auto user = sessionUser(readConnection(ctx.config.database),
                                  std::string(header.substr(kBearer.size())), ctx.clock.now());
    return user && user->isAdmin();
}

asio::awaitable<Response> handleRequest(Request req, std::optional<CertificateIdentity> peer,
                                        std::string clientAddress, const RouteContext& ctx) {
    ++ctx.metrics.requests;
    const std::string target(req.target());
    const std::string path = target.substr(0, target.find('?'));
    if (path == "/healthz")
        co_return health(req, ctx);
    if (path == "/metrics")
        co_return prometheusMetrics(req, ctx);
    if (!path.starts_with("/v1/"))
        co_return error(req, http::status::not_found, "no such endpoint: " + path);
    const auto readDb = [&ctx]() -> SQLite::Database& {
        return readConnection(ctx.config.database);
    };
    if (isOfficePath(path)) {
        const OfficeContext office{ctx.writer,
                                   readDb,
                                   [&clock = ctx.clock] { return clock.now(); },
                                   ctx.ranking,
                                   ctx.throttle,
                                   ctx.passwords,
                                   std::move(clientAddress),
                                   ctx.metrics};
        auto handling = handleOffice(std::move(req), office);
        co_return co_await std::move(handling);
    }
    if (!peer)
        co_return error(req, http::status::forbidden,
                        "a valid outlet client certificate is required");
    const TillContext till{ctx.writer,
                           readDb,
                           ctx.clock,
                           ctx.config.saleLimits,
                           ctx.uploads,
                           ctx.config.uploadsInFlightPerOutlet,
                           ctx.config.writerQueue,
                           ctx.metrics};
    auto handling = handleTill(std::move(req), *peer, till);
    co_return co_await std::move(handling);
}

} // namespace baidian::server
