#include "till_routes.h"

#include "baidian/domain/time.h"
#include "baidian/protocol/codec.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/central.h"
#include "baidian/server/ingest.h"
#include "baidian/server/journal_check.h"
#include "baidian/server/stock.h"
#include "baidian/server/till_events.h"
#include "log.h"

#include <SQLiteCpp/Statement.h>
#include <chrono>
#include <memory>
#include <stdexcept>

namespace baidian::server {

namespace {

using Route = asio::awaitable<Response> (*)(const Request&, const TillCaller&, const TillContext&);

struct TillRoute {
    std::string_view path;
    Route handle;
    bool gated; ///< a write: admitted under the upload caps first
};

constexpr TillRoute kRoutes[] = {
    {"/v1/sales", postSales, true},
    {"/v1/master", getMasterData, false},
    {"/v1/reconcile", getReconcile, true},
    {"/v1/shifts", postShiftReport, true},
    {"/v1/movements", postMovements, true},
    {"/v1/events", postTillEvents, true},
    {"/v1/journal-head", postJournalHead, false},
    {"/v1/transfers/incoming", getIncomingTransfers, false},
    {"/v1/sale", getSale, false},
};

std::string_view pathOf(const Request& req) {
    const std::string_view target = req.target();
    return target.substr(0, target.find('?'));
}

std::string nowUtc(const TillContext& ctx) {
    return domain::isoUtc(ctx.clock.now());
}

Response wrongTerminal(const Request& req, const CertificateIdentity& peer, int terminal) {
    return error(req, http::status::forbidden,
                 "this certificate belongs to terminal " + std::to_string(peer.terminal) +
                     " of outlet " + peer.outlet + ", not terminal " + std::to_string(terminal) +
                     ": nothing was stored (each till has its own certificate: store-admin "
                     "issue-cert --terminal)");
}

/// A 403 when a batch names another outlet or terminal than the certificate's; nullopt when it
/// is the caller's own.
template <typename Batch>
std::optional<Response> notTheCallers(const Request& req, const CertificateIdentity& peer,
                                      const Batch& batch) {
    if (batch.outlet != peer.outlet)
        return error(req, http::status::forbidden,
                     "this certificate belongs to outlet " + peer.outlet + ", not " + batch.outlet +
                         ": nothing was stored");
    if (batch.terminal != peer.terminal)
        return wrongTerminal(req, peer, batch.terminal);
    return std::nullopt;
}

/// The 503 for a write refused by the upload gate, with its Retry-After.
Response uploadRefused(const Request& req, const CertificateIdentity& peer,
                       UploadGate::Refusal refusal, const TillContext& ctx) {
    const bool perOutlet = refusal == UploadGate::Refusal::Outlet;
    ++(perOutlet ? ctx.metrics.uploadsRefusedOutlet : ctx.metrics.uploadsRefusedWriter);
    auto res = error(req, http::status::service_unavailable,
                     perOutlet ? "outlet " + peer.outlet + " already has " +
                                     std::to_string(ctx.uploadsInFlightPerOutlet) +
                                     " uploads in flight: nothing was stored, send it "
                                     "again after Retry-After"
                               : "the server's writer has " + std::to_string(ctx.writerQueue) +
                                     " uploads waiting: nothing was stored, send it "
                                     "again after Retry-After");
    res.set(http::field::retry_after, "1");
    return res;
}

/// A till's batch of stock-ledger rows or log events, or its journal head (POST
/// /v1/movements, /v1/events, /v1/journal-head): decoded record by record, refused whole unless
/// it is the caller's outlet and terminal, then applied once by the writer with `ingest` and
/// answered with its result per record.
template <typename Decode, typename Ingest>
asio::awaitable<Response> tillBatch(const Request& req, const TillCaller& caller,
                                    const TillContext& ctx, Decode decode, Ingest ingest) {
    if (req.method() != http::verb::post)
        co_return error(req, http::status::method_not_allowed, "use POST");
    auto batch = decode(req.body());
    if (!batch)
        co_return error(req, http::status::bad_request, batch.error().message);
    if (auto refused = notTheCallers(req, caller.peer, *batch))
        co_return std::move(*refused);
    using Batch = std::decay_t<decltype(batch.value())>;
    auto result = std::make_shared<protocol::SaleBatchResult>();
    auto shared = std::make_shared<Batch>(std::move(batch).value());
    GroupCommitWriter::Apply apply = [result, shared, outletId = caller.outletId, ingest,
                                      at = nowUtc(ctx)](SQLite::Database& wdb) {
        *result = ingest(wdb, outletId, *shared, at);
    };
    auto [committed, why] = co_await asyncWrite(ctx.writer, std::move(apply), asio::use_awaitable);
    if (!committed)
        co_return error(req, http::status::service_unavailable,
                        "not stored, try again later: " + why);
    ctx.metrics.journalBreaks += result->journalBreaks.size(); // a journal head's
    co_return reply(req, http::status::ok, protocol::encode(*result));
}

/// Counts a stored batch's sales by outcome, and its time from decoding to commit.
void countSales(const protocol::SaleBatchResult& result,
                std::chrono::steady_clock::time_point started, Metrics& metrics) {
    for (const auto& r : result.results)
        if (r.reason.starts_with("conflict:"))
            ++metrics.saleConflicts;
    for (const auto& r : result.results)
        ++(r.status == "stored"      ? metrics.salesStored
           : r.status == "duplicate" ? metrics.salesDuplicate
                                     : metrics.salesQuarantined);
    metrics.journalBreaks += result.journalBreaks.size();
    ++metrics.batches;
    metrics.batchMicrosTotal +=
        static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                       std::chrono::steady_clock::now() - started)
                                       .count());
}

/// The answer to a shift report whose shift is stored already with other content: answered
/// (the till's queue moves on) and kept, but not called "stored".
Response shiftReportConflict(const Request& req, const protocol::ShiftReportDoc& report,
                             const CertificateIdentity& peer, Metrics& metrics) {
    ++metrics.shiftConflicts;
    logEvent("warn", "shift_report_conflict",
             {{"outlet", peer.outlet}, {"terminal", report.terminal}, {"shift", report.shiftId}});
    return reply(req, http::status::ok,
                 protocol::encode(protocol::ShiftReportAnswer{
                     false, true,
                     "shift " + std::to_string(report.shiftId) +
                         " of this terminal is stored already with another report; this one "
                         "is kept beside it for head office"}));
}

} // namespace

bool isTillUploadPath(std::string_view path) {
    return path == "/v1/sales" || path == "/v1/movements" || path == "/v1/shifts" ||
           path == "/v1/events";
}

asio::awaitable<Response> handleTill(Request req, const CertificateIdentity& peer,
                                     const TillContext& ctx) {
    const auto outlet = outletByCode(ctx.readDb(), peer.outlet);
    if (!outlet)
        co_return error(req, http::status::forbidden,
                        "outlet " + peer.outlet + " is not registered");
    const std::string_view path = pathOf(req);
    const TillRoute* route = nullptr;
    for (const auto& r : kRoutes)
        if (r.path == path)
            route = &r;
    // A till's write takes a place under the caps (per outlet, and the writer's queue) for
    // as long as it is decoded, queued and applied; over a cap it is answered at once.
    UploadGate::Refusal refusal{};
    const bool gated = route && route->gated;
    const auto ticket = gated ? ctx.uploads.admit(outlet->id, refusal) : std::nullopt;
    if (gated && !ticket)
        co_return uploadRefused(req, peer, refusal, ctx);
    if (!route)
        co_return error(req, http::status::not_found, "no such endpoint: " + std::string(path));
    const TillCaller caller{peer, outlet->id};
    auto handling = route->handle(req, caller, ctx);
    co_return co_await std::move(handling);
}

asio::awaitable<Response> postSales(const Request& req, const TillCaller& caller,
                                    const TillContext& ctx) {
    if (req.method() != http::verb::post)
        co_return error(req, http::status::method_not_allowed, "use POST");
    auto batch = protocol::decodeSaleBatch(req.body());
    if (!batch)
        co_return error(req, http::status::bad_request, batch.error().message);
    if (auto refused = notTheCallers(req, caller.peer, *batch))
        co_return std::move(*refused);
    const auto started = std::chrono::steady_clock::now();
    auto result = std::make_shared<protocol::SaleBatchResult>();
    auto shared = std::make_shared<protocol::SaleBatch>(std::move(batch).value());
    // Named, not a temporary inside co_await: GCC 12 can destroy such temporaries twice.
    // No business date after tomorrow (China time, by the server's clock).
    const auto now = ctx.clock.now();
    const IngestRules rules{ctx.saleLimits, domain::addDays(domain::businessDate(now), 1)};
    GroupCommitWriter::Apply apply = [result, shared, outletId = caller.outletId, rules,
                                      at = domain::isoUtc(now)](SQLite::Database& wdb) {
        *result = ingestBatch(wdb, outletId, *shared, at, rules);
    };
    auto [committed, why] = co_await asyncWrite(ctx.writer, std::move(apply), asio::use_awaitable);
    const auto outlet = logValue(caller.peer.outlet, kLogNameBytes);
    if (!committed) {
        logEvent("error", "batch_not_stored", {{"outlet", outlet}, {"error", why}});
        co_return error(req, http::status::service_unavailable,
                        "not stored, try again later: " + why);
    }
    countSales(*result, started, ctx.metrics);
    logEvent("info", "batch_stored",
             {{"outlet", outlet},
              {"terminal", shared->terminal},
              {"sales", shared->sales.size()},
              {"breaks", result->journalBreaks.size()}});
    co_return reply(req, http::status::ok, protocol::encode(*result));
}

asio::awaitable<Response> getMasterData(const Request& req, const TillCaller& caller,
                                        const TillContext& ctx) {
    if (req.method() != http::verb::get)
        co_return error(req, http::status::method_not_allowed, "use GET");
    const auto since = toInt(queryOf(req.target())["since"]);
    if (!since)
        co_return error(req, http::status::bad_request,
                        "since must be a version number (0 for everything)");
    co_return reply(req, http::status::ok,
                    protocol::encode(masterDataSince(ctx.readDb(), caller.outletId, *since,
                                                     caller.peer.terminal)));
}

asio::awaitable<Response> getReconcile(const Request& req, const TillCaller& caller,
                                       const TillContext& ctx) {
    if (req.method() != http::verb::get)
        co_return error(req, http::status::method_not_allowed, "use GET");
    auto query = queryOf(req.target());
    const auto terminal = toInt(query["terminal"]);
    const std::string date = query["date"];
    if (!terminal || *terminal < 1 || *terminal > 99 || !domain::isDate(date))
        co_return error(req, http::status::bad_request, "give terminal=1..99 and date=YYYY-MM-DD");
    if (*terminal != caller.peer.terminal)
        co_return wrongTerminal(req, caller.peer, static_cast<int>(*terminal));
    // A future day has no sales to reconcile: refused, and not recorded for the ranking.
    const auto now = ctx.clock.now();
    if (auto ok = checkReconcileDate(date, now); !ok)
        co_return error(req, http::status::bad_request, ok.error().message);
    auto answer = reconcile(ctx.readDb(), caller.outletId, static_cast<int>(*terminal), date);
    // Sync timeliness (ranking): when the day was reconciled with its sales in.
    GroupCommitWriter::Apply apply = [outletId = caller.outletId, date,
                                      at = domain::isoUtc(now)](SQLite::Database& wdb) {
        markReconciled(wdb, outletId, date, at);
    };
    auto [logged, why] = co_await asyncWrite(ctx.writer, std::move(apply), asio::use_awaitable);
    if (!logged)
        logEvent("warn", "reconcile_not_recorded",
                 {{"outlet", logValue(caller.peer.outlet, kLogNameBytes)}, {"error", why}});
    co_return reply(req, http::status::ok, protocol::encode(answer));
}

asio::awaitable<Response> postShiftReport(const Request& req, const TillCaller& caller,
                                          const TillContext& ctx) {
    if (req.method() != http::verb::post)
        co_return error(req, http::status::method_not_allowed, "use POST");
    auto report = protocol::decodeShiftReport(req.body());
    if (!report)
        co_return error(req, http::status::bad_request, report.error().message);
    if (report->outlet != caller.peer.outlet)
        co_return error(req, http::status::forbidden,
                        "this certificate belongs to outlet " + caller.peer.outlet);
    if (report->terminal != caller.peer.terminal)
        co_return wrongTerminal(req, caller.peer, report->terminal);
    auto shared = std::make_shared<protocol::ShiftReportDoc>(std::move(report).value());
    auto body = std::make_shared<std::string>(req.body());
    auto sameOrNew = std::make_shared<bool>(true);
    GroupCommitWriter::Apply apply = [shared, body, outletId = caller.outletId, sameOrNew,
                                      at = nowUtc(ctx)](SQLite::Database& wdb) {
        auto ok = storeShiftReport(wdb, outletId, *shared, *body, at);
        if (!ok)
            throw std::runtime_error(ok.error().message);
        *sameOrNew = *ok;
    };
    auto [committed, why] = co_await asyncWrite(ctx.writer, std::move(apply), asio::use_awaitable);
    if (!committed)
        co_return error(req, http::status::service_unavailable,
                        "not stored, try again later: " + why);
    if (!*sameOrNew)
        co_return shiftReportConflict(req, *shared, caller.peer, ctx.metrics);
    co_return reply(req, http::status::ok,
                    protocol::encode(protocol::ShiftReportAnswer{true, false, ""}));
}

asio::awaitable<Response> postMovements(const Request& req, const TillCaller& caller,
                                        const TillContext& ctx) {
    auto handling = tillBatch(req, caller, ctx, protocol::decodeMovementBatch, ingestMovements);
    co_return co_await std::move(handling);
}

asio::awaitable<Response> postTillEvents(const Request& req, const TillCaller& caller,
                                         const TillContext& ctx) {
    auto handling = tillBatch(req, caller, ctx, protocol::decodeTillEventBatch, ingestTillEvents);
    co_return co_await std::move(handling);
}

asio::awaitable<Response> postJournalHead(const Request& req, const TillCaller& caller,
                                          const TillContext& ctx) {
    auto handling = tillBatch(req, caller, ctx, protocol::decodeJournalHead, recordJournalHead);
    co_return co_await std::move(handling);
}

asio::awaitable<Response> getIncomingTransfers(const Request& req, const TillCaller& caller,
                                               const TillContext& ctx) {
    if (req.method() != http::verb::get)
        co_return error(req, http::status::method_not_allowed, "use GET");
    co_return reply(req, http::status::ok,
                    protocol::encode(protocol::IncomingTransfers{
                        transfersInTransit(ctx.readDb(), caller.peer.outlet), {}}));
}

asio::awaitable<Response> getSale(const Request& req, const TillCaller& caller,
                                  const TillContext& ctx) {
    // A sale of this outlet (from any of its tills) and its returns, for a return taken at
    // another till; another outlet's receipt is not found, as one never sold.
    if (req.method() != http::verb::get)
        co_return error(req, http::status::method_not_allowed, "use GET");
    auto query = queryOf(req.target());
    const std::string receiptNo = query["receipt"];
    const std::string uuid = query["uuid"];
    if (receiptNo.empty() || receiptNo.size() > 40 || uuid.size() > 36)
        co_return error(req, http::status::bad_request,
                        "give receipt=<receipt number> (and uuid=<sale UUID>)");
    auto found = lookupSale(ctx.readDb(), caller.outletId, caller.peer.outlet, receiptNo, uuid);
    if (!found)
        co_return error(req,
                        found.error().code == ErrorCode::NotFound
                            ? http::status::not_found
                            : http::status::service_unavailable,
                        found.error().message);
    co_return reply(req, http::status::ok, protocol::encode(*found));
}

} // namespace baidian::server
