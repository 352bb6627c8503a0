#pragma once
// The tills' API: uploads (/v1/sales, /v1/movements, /v1/events, /v1/shifts, /v1/journal-head),
// reconciliation, master data, transfers and sale look-ups, each a plain function of the
// request, the till the client certificate names and a TillContext. Internal to baidian::net.

#include "baidian/domain/clock.h"
#include "baidian/server/certificates.h"
#include "baidian/server/metrics.h"
#include "baidian/server/sale_rules.h"
#include "http_util.h"
#include "upload_gate.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <functional>
#include <string_view>

namespace baidian::server {

struct TillContext {
    GroupCommitWriter& writer;
    /// The calling thread's read connection (call again after every co_await: a coroutine may
    /// resume on another thread).
    std::function<SQLite::Database&()> readDb;
    /// What the records' received and reconciled times and the latest business date come from.
    const domain::Clock& clock;
    const SaleLimits& saleLimits;
    /// Caps on a till's writes in flight: per outlet (`uploadsInFlightPerOutlet`, named in the
    /// refusal) and in the writer's queue (`writerQueue`).
    UploadGate& uploads;
    std::size_t uploadsInFlightPerOutlet;
    std::size_t writerQueue;
    Metrics& metrics;
};

/// The till a request comes from: the one its client certificate names, at its registered
/// outlet (`outletId`, looked up for this request).
struct TillCaller {
    const CertificateIdentity& peer;
    std::int64_t outletId;
};

/// The paths a till uploads its records to: bodies up to protocol::kMaxBodyBytes, once the
/// client certificate has been checked.
bool isTillUploadPath(std::string_view path);

/// A /v1/ request that is not the office's: refused (403) without `peer` or when its outlet is
/// not registered, 503 + Retry-After over the upload caps, else answered by its route (404 for
/// an unknown path).
asio::awaitable<Response> handleTill(Request req, const CertificateIdentity& peer,
                                     const TillContext& ctx);

// One function per route. `req` and `caller` must outlive the returned coroutine (the caller
// awaits it at once).
asio::awaitable<Response> postSales(const Request& req, const TillCaller& caller,
                                    const TillContext& ctx);
asio::awaitable<Response> getMasterData(const Request& req, const TillCaller& caller,
                                        const TillContext& ctx);
asio::awaitable<Response> getReconcile(const Request& req, const TillCaller& caller,
                                       const TillContext& ctx);
asio::awaitable<Response> postShiftReport(const Request& req, const TillCaller& caller,
                                          const TillContext& ctx);
asio::awaitable<Response> postMovements(const Request& req, const TillCaller& caller,
                                        const TillContext& ctx);
asio::awaitable<Response> postTillEvents(const Request& req, const TillCaller& caller,
                                         const TillContext& ctx);
asio::awaitable<Response> postJournalHead(const Request& req, const TillCaller& caller,
                                          const TillContext& ctx);
asio::awaitable<Response> getIncomingTransfers(const Request& req, const TillCaller& caller,
                                               const TillContext& ctx);
asio::awaitable<Response> getSale(const Request& req, const TillCaller& caller,
                                  const TillContext& ctx);

} // namespace baidian::server
