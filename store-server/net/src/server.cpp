#include "baidian/server/server.h"

#include "baidian/domain/time.h"
#include "baidian/protocol/codec.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/central.h"
#include "baidian/server/certificates.h"
#include "baidian/server/group_commit.h"
#include "baidian/server/ingest.h"
#include "baidian/server/journal_check.h"
#include "baidian/server/metrics.h"
#include "baidian/server/sessions.h"
#include "baidian/server/stock.h"
#include "baidian/server/till_events.h"
#include "connection_limits.h"
#include "http_util.h"
#include "log.h"
#include "login_guard.h"
#include "office_routes.h"
#include "tls_trust.h"
#include "upload_gate.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <list>
#include <map>
#include <mutex>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <thread>

namespace baidian::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Stream = beast::ssl_stream<beast::tcp_stream>;

namespace {

/// A body of any request other than an authenticated upload is at most this long: a login, an
/// inspection, a ranking run. The rest are refused (413) before they are read.
constexpr std::size_t kSmallBodyBytes = 16 * 1024;

/// The paths a till uploads its records to: bodies up to protocol::kMaxBodyBytes, once the
/// client certificate has been checked.
bool isUploadPath(std::string_view path) {
    return path == "/v1/sales" || path == "/v1/movements" || path == "/v1/shifts" ||
           path == "/v1/events";
}

Response wrongTerminal(const Request& req, const CertificateIdentity& peer, int terminal) {
    return error(req, http::status::forbidden,
                 "this certificate belongs to terminal " + std::to_string(peer.terminal) +
                     " of outlet " + peer.outlet + ", not terminal " + std::to_string(terminal) +
                     ": nothing was stored (each till has its own certificate: store-admin "
                     "issue-cert --terminal)");
}

/// Each server thread reads through its own connection (SQLite connections are per thread).
SQLite::Database& readConnection(const std::string& path) {
    thread_local std::map<std::string, std::unique_ptr<SQLite::Database>> connections;
    auto& slot = connections[path];
    if (!slot) {
        slot = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE);
        slot->setBusyTimeout(5000);
        slot->exec("PRAGMA foreign_keys=ON");
    }
    return *slot;
}

} // namespace

struct Server::Impl {
    ServerConfig config;
    asio::io_context ioc;
    ssl::context tls{ssl::context::tls_server};
    tcp::acceptor acceptor{ioc};
    std::unique_ptr<GroupCommitWriter> writer;
    Metrics metrics;
    std::atomic<bool> stopping{false};
    asio::signal_set signals{ioc, SIGINT, SIGTERM};

    // Idle-connection registry for graceful shutdown.
    struct Connection {
        asio::any_io_executor executor;
        std::function<void()> closeIfIdle;
    };
    std::mutex connectionsMutex;
    std::list<Connection> connections;

    RankingConfig ranking;
    ConnectionLimits limits;
    LoginThrottle throttle;
    /// argon2 runs here, never on the I/O threads. Declared after ioc: destroyed (its queued
    /// checks finished) before it.
    PasswordPool passwords;
    UploadGate uploads;

    static LoginLimits loginLimits(const ServerConfig& c) {
        LoginLimits l;
        l.failuresPerUser = static_cast<int>(c.loginFailuresPerUser);
        l.failuresPerAddress = static_cast<int>(c.loginFailuresPerAddress);
        l.window = c.loginWindow;
        l.backoff = c.loginBackoff;
        l.maxBackoff = c.loginMaxBackoff;
        return l;
    }

    explicit Impl(ServerConfig c)
        : config(std::move(c))
        , limits(config.maxConnections, config.maxConnectionsPerAddress)
        , throttle(loginLimits(config))
        , passwords(config.loginThreads, config.loginQueue)
        , uploads(config.uploadsInFlightPerOutlet, config.writerQueue) {}

    std::string nowUtc() const { return domain::isoUtc(config.clock()); }

    // OpenSSL fills a certificate's cached extension fields (key identifiers, flags) the first
    // time a verification looks at it. The CA and server certificates are shared by every
    // handshake on every server thread, so two outlets connecting at once after a start would
    // both fill them; ThreadSanitizer sees one thread's memcmp of the CA's key identifier race
    // with another's allocation of it. Filling them here, before any thread runs, leaves the
    // handshakes only reading.
    static void precomputeSharedCertificates(SSL_CTX* ctx) {
        if (X509_STORE* store = SSL_CTX_get_cert_store(ctx)) {
            STACK_OF(X509_OBJECT)* objects = X509_STORE_get0_objects(store);
            for (int i = 0; i < sk_X509_OBJECT_num(objects); ++i)
                if (X509* cert = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objects, i)))
                    X509_check_purpose(cert, -1, 0);
        }
        if (X509* own = SSL_CTX_get0_certificate(ctx))
            X509_check_purpose(own, -1, 0);
        STACK_OF(X509)* chain = nullptr;
        if (SSL_CTX_get0_chain_certs(ctx, &chain) == 1)
            for (int i = 0; i < sk_X509_num(chain); ++i)
                X509_check_purpose(sk_X509_value(chain, i), -1, 0);
    }

    Status setUpTls() {
        try {
            tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                            ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                            ssl::context::no_tlsv1_1 | ssl::context::no_tlsv1_2);
            SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_3_VERSION);
            // Key exchange only on groups of at least 128-bit strength (OpenSSL also offers
            // ffdhe2048, 112 bits, and slow finite-field groups by default).
            if (SSL_CTX_set1_groups_list(tls.native_handle(), "X25519:P-256:P-384") != 1)
                return makeError(ErrorCode::Storage, "TLS set-up failed: key exchange groups");
            tls.use_certificate_chain_file(config.certFile);
            tls.use_private_key_file(config.keyFile, ssl::context::pem);
            tls.load_verify_file(config.caFile);
            if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(config.caFile.c_str()))
                SSL_CTX_set_client_CA_list(tls.native_handle(), names);
            precomputeSharedCertificates(tls.native_handle());
            // Resumed sessions (TLS 1.3 tickets) keep the client certificate; OpenSSL refuses to
            // resume a verified session without a context name.
            static constexpr unsigned char kSessionContext[] = "baidian-store-server";
            SSL_CTX_set_session_id_context(tls.native_handle(), kSessionContext,
                                           sizeof kSessionContext - 1);
            // One ticket per connection is all an outlet keeps (the default is two).
            SSL_CTX_set_num_tickets(tls.native_handle(), 1);
            // Stateful TLS 1.3 tickets: the session (with the outlet's certificate) stays in this
            // server's cache and the ticket only names it. A stateless ticket carries the
            // session encrypted, and every resumption then decodes the client certificate
            // again, which in OpenSSL 3.0 cost more than the rest of the resumption. The cache
            // holds 20,480 sessions for two hours; a session lost to a restart or eviction
            // means one full handshake.
            SSL_CTX_set_options(tls.native_handle(), SSL_OP_NO_TICKET);
            SSL_CTX_sess_set_cache_size(tls.native_handle(), 20480);
            // No session outlives its certificate or its first handshake's lifetime, however
            // often it is resumed.
            limitSessionLifetime(tls.native_handle(), config.tlsSessionLifetime);
            // Ask for a client certificate; /v1/ endpoints refuse a connection without one.
            tls.set_verify_mode(ssl::verify_peer);
            const std::string dbPath = config.database;
            Metrics* m = &metrics;
            tls.set_verify_callback([dbPath, m](bool preverified, ssl::verify_context& context) {
                X509_STORE_CTX* store = context.native_handle();
                if (!preverified) {
                    ++m->handshakeFailures;
                    logEvent("warn", "client_certificate_refused",
                             {{"reason",
                               X509_verify_cert_error_string(X509_STORE_CTX_get_error(store))}});
                    return false;
                }
                if (X509_STORE_CTX_get_error_depth(store) != 0)
                    return true;
                const std::string serial = serialOf(X509_STORE_CTX_get_current_cert(store));
                try {
                    if (certificateIdentity(readConnection(dbPath), serial))
                        return true;
                } catch (const std::exception& e) {
                    logEvent("error", "certificate_check_failed", {{"error", e.what()}});
                }
                ++m->handshakeFailures;
                logEvent("warn", "client_certificate_refused",
                         {{"serial", serial},
                          {"reason", "revoked, unknown or outlet closed or suspended"}});
                X509_STORE_CTX_set_error(store,
                                         X509_V_ERR_CERT_REVOKED); // the alert the client sees
                return false;
            });
            return {};
        } catch (const boost::system::system_error& e) {
            return makeError(ErrorCode::Storage,
                             std::string("TLS set-up failed (certificate, key or CA file): ") +
                                 e.what());
        }
    }

    /// A till's batch of stock-ledger rows or log events, or its journal head (POST
    /// /v1/movements, /v1/events, /v1/journal-head):
    /// decoded record by record, refused whole unless it is `peer`'s outlet and terminal, then
    /// applied once by the writer with `ingest` and answered with its result per record.
    template <typename Decode, typename Ingest>
    asio::awaitable<Response> tillBatch(const Request& req, const CertificateIdentity& peer,
                                        std::int64_t outletId, Decode decode, Ingest ingest) {
        if (req.method() != http::verb::post)
            co_return error(req, http::status::method_not_allowed, "use POST");
        auto batch = decode(req.body());
        if (!batch)
            co_return error(req, http::status::bad_request, batch.error().message);
        if (batch->outlet != peer.outlet)
            co_return error(req, http::status::forbidden,
                            "this certificate belongs to outlet " + peer.outlet + ", not " +
                                batch->outlet + ": nothing was stored");
        if (batch->terminal != peer.terminal)
            co_return wrongTerminal(req, peer, batch->terminal);
        using Batch = std::decay_t<decltype(batch.value())>;
        auto result = std::make_shared<protocol::SaleBatchResult>();
        auto shared = std::make_shared<Batch>(std::move(batch).value());
        GroupCommitWriter::Apply apply = [result, shared, outletId, ingest,
                                          at = nowUtc()](SQLite::Database& wdb) {
            *result = ingest(wdb, outletId, *shared, at);
        };
        auto [committed, why] = co_await asyncWrite(*writer, std::move(apply), asio::use_awaitable);
        if (!committed)
            co_return error(req, http::status::service_unavailable,
                            "not stored, try again later: " + why);
        metrics.journalBreaks += result->journalBreaks.size(); // a journal head's
        co_return reply(req, http::status::ok, protocol::encode(*result));
    }

    /// `peer`: the till the connection's client certificate names, checked for this request
    /// (nullopt: no certificate); `clientAddress`: where the connection comes from.
    asio::awaitable<Response> handle(Request req, std::optional<CertificateIdentity> peer,
                                     std::string clientAddress) {
        const auto outletCode = peer ? std::optional<std::string>(peer->outlet) : std::nullopt;
        ++metrics.requests;
        const std::string target(req.target());
        const std::string path = target.substr(0, target.find('?'));
        if (path == "/healthz") {
            try {
                readConnection(config.database).execAndGet("SELECT 1");
                co_return reply(req, http::status::ok, "{\"status\":\"ok\"}");
            } catch (const std::exception& e) {
                co_return error(req, http::status::service_unavailable,
                                std::string("database unavailable: ") + e.what());
            }
        }
        if (path == "/metrics") {
            try {
                SQLite::Statement gaps(readConnection(config.database),
                                       "SELECT COALESCE(SUM(max_seq - sales), 0), "
                                       "COALESCE(SUM(max_seq > sales), 0) FROM terminal");
                if (gaps.executeStep()) {
                    metrics.missingSeqs = gaps.getColumn(0).getInt64();
                    metrics.terminalsWithGaps = gaps.getColumn(1).getInt64();
                }
            } catch (const std::exception&) {
                // the counters keep their last reading; /healthz reports the database
            }
            std::string text =
                metrics.prometheus(writer->groupsCommitted(), writer->jobsCommitted(),
                                   writer->commitFailures(), writer->jobsRefused());
            try {
                text += journalMetrics(readConnection(config.database));
            } catch (const std::exception& e) {
                logEvent("warn", "journal_metrics_unavailable", {{"error", e.what()}});
            }
            co_return reply(req, http::status::ok, text, "text/plain; version=0.0.4");
        }
        if (!path.starts_with("/v1/"))
            co_return error(req, http::status::not_found, "no such endpoint: " + path);
        if (isOfficePath(path)) {
            const OfficeContext office{
                *writer,
                [this]() -> SQLite::Database& { return readConnection(config.database); },
                config.clock,
                ranking,
                throttle,
                passwords,
                std::move(clientAddress),
                metrics};
            auto handling = handleOffice(std::move(req), office);
            co_return co_await std::move(handling);
        }
        if (!outletCode)
            co_return error(req, http::status::forbidden,
                            "a valid outlet client certificate is required");
        auto& db = readConnection(config.database);
        const auto outlet = outletByCode(db, *outletCode);
        if (!outlet)
            co_return error(req, http::status::forbidden,
                            "outlet " + *outletCode + " is not registered");
        // A till's write takes a place under the caps (per outlet, and the writer's queue) for
        // as long as it is decoded, queued and applied; over a cap it is answered at once.
        const bool gated = isUploadPath(path) || path == "/v1/reconcile";
        UploadGate::Refusal refusal{};
        const auto ticket = gated ? uploads.admit(outlet->id, refusal) : std::nullopt;
        if (gated && !ticket) {
            const bool perOutlet = refusal == UploadGate::Refusal::Outlet;
            ++(perOutlet ? metrics.uploadsRefusedOutlet : metrics.uploadsRefusedWriter);
            auto res =
                error(req, http::status::service_unavailable,
                      perOutlet ? "outlet " + *outletCode + " already has " +
                                      std::to_string(config.uploadsInFlightPerOutlet) +
                                      " uploads in flight: nothing was stored, send it "
                                      "again after Retry-After"
                                : "the server's writer has " + std::to_string(config.writerQueue) +
                                      " uploads waiting: nothing was stored, send it "
                                      "again after Retry-After");
            res.set(http::field::retry_after, "1");
            co_return res;
        }

        if (path == "/v1/sales") {
            if (req.method() != http::verb::post)
                co_return error(req, http::status::method_not_allowed, "use POST");
            auto batch = protocol::decodeSaleBatch(req.body());
            if (!batch)
                co_return error(req, http::status::bad_request, batch.error().message);
            if (batch->outlet != *outletCode)
                co_return error(req, http::status::forbidden,
                                "this certificate belongs to outlet " + *outletCode + ", not " +
                                    batch->outlet + ": nothing was stored");
            if (batch->terminal != peer->terminal)
                co_return wrongTerminal(req, *peer, batch->terminal);
            const auto started = std::chrono::steady_clock::now();
            auto result = std::make_shared<protocol::SaleBatchResult>();
            const std::int64_t outletId = outlet->id;
            auto shared = std::make_shared<protocol::SaleBatch>(std::move(batch).value());
            // Named, not a temporary inside co_await: GCC 12 can destroy such temporaries twice.
            // No business date after tomorrow (China time, by the server's clock).
            const IngestRules rules{config.saleLimits,
                                    domain::addDays(domain::businessDate(config.clock()), 1)};
            GroupCommitWriter::Apply apply = [result, shared, outletId, rules,
                                              at = nowUtc()](SQLite::Database& wdb) {
                *result = ingestBatch(wdb, outletId, *shared, at, rules);
            };
            auto [committed, why] =
                co_await asyncWrite(*writer, std::move(apply), asio::use_awaitable);
            if (!committed) {
                logEvent("error", "batch_not_stored",
                         {{"outlet", logValue(*outletCode, kLogNameBytes)}, {"error", why}});
                co_return error(req, http::status::service_unavailable,
                                "not stored, try again later: " + why);
            }
            for (const auto& r : result->results)
                if (r.reason.starts_with("conflict:"))
                    ++metrics.saleConflicts;
            for (const auto& r : result->results)
                ++(r.status == "stored"      ? metrics.salesStored
                   : r.status == "duplicate" ? metrics.salesDuplicate
                                             : metrics.salesQuarantined);
            metrics.journalBreaks += result->journalBreaks.size();
            ++metrics.batches;
            metrics.batchMicrosTotal +=
                static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                               std::chrono::steady_clock::now() - started)
                                               .count());
            logEvent("info", "batch_stored",
                     {{"outlet", logValue(*outletCode, kLogNameBytes)},
                      {"terminal", shared->terminal},
                      {"sales", shared->sales.size()},
                      {"breaks", result->journalBreaks.size()}});
            co_return reply(req, http::status::ok, protocol::encode(*result));
        }
        if (path == "/v1/master") {
            if (req.method() != http::verb::get)
                co_return error(req, http::status::method_not_allowed, "use GET");
            const auto since = toInt(queryOf(target)["since"]);
            if (!since)
                co_return error(req, http::status::bad_request,
                                "since must be a version number (0 for everything)");
            co_return reply(
                req, http::status::ok,
                protocol::encode(masterDataSince(db, outlet->id, *since, peer->terminal)));
        }
        if (path == "/v1/reconcile") {
            if (req.method() != http::verb::get)
                co_return error(req, http::status::method_not_allowed, "use GET");
            auto query = queryOf(target);
            const auto terminal = toInt(query["terminal"]);
            const std::string date = query["date"];
            if (!terminal || *terminal < 1 || *terminal > 99 || !domain::isDate(date))
                co_return error(req, http::status::bad_request,
                                "give terminal=1..99 and date=YYYY-MM-DD");
            if (*terminal != peer->terminal)
                co_return wrongTerminal(req, *peer, static_cast<int>(*terminal));
            // A future day has no sales to reconcile: refused, and not recorded for the ranking.
            if (auto ok = checkReconcileDate(date, config.clock()); !ok)
                co_return error(req, http::status::bad_request, ok.error().message);
            auto answer = reconcile(db, outlet->id, static_cast<int>(*terminal), date);
            // Sync timeliness (ranking): when the day was reconciled with its sales in.
            const std::int64_t outletId = outlet->id;
            GroupCommitWriter::Apply apply = [outletId, date,
                                              at = nowUtc()](SQLite::Database& wdb) {
                markReconciled(wdb, outletId, date, at);
            };
            auto [logged, why] =
                co_await asyncWrite(*writer, std::move(apply), asio::use_awaitable);
            if (!logged)
                logEvent("warn", "reconcile_not_recorded",
                         {{"outlet", logValue(*outletCode, kLogNameBytes)}, {"error", why}});
            co_return reply(req, http::status::ok, protocol::encode(answer));
        }
        if (path == "/v1/shifts") {
            if (req.method() != http::verb::post)
                co_return error(req, http::status::method_not_allowed, "use POST");
            auto report = protocol::decodeShiftReport(req.body());
            if (!report)
                co_return error(req, http::status::bad_request, report.error().message);
            if (report->outlet != *outletCode)
                co_return error(req, http::status::forbidden,
                                "this certificate belongs to outlet " + *outletCode);
            if (report->terminal != peer->terminal)
                co_return wrongTerminal(req, *peer, report->terminal);
            const std::int64_t outletId = outlet->id;
            auto shared = std::make_shared<protocol::ShiftReportDoc>(std::move(report).value());
            auto body = std::make_shared<std::string>(req.body());
            auto sameOrNew = std::make_shared<bool>(true);
            GroupCommitWriter::Apply apply = [shared, body, outletId, sameOrNew,
                                              at = nowUtc()](SQLite::Database& wdb) {
                auto ok = storeShiftReport(wdb, outletId, *shared, *body, at);
                if (!ok)
                    throw std::runtime_error(ok.error().message);
                *sameOrNew = *ok;
            };
            auto [committed, why] =
                co_await asyncWrite(*writer, std::move(apply), asio::use_awaitable);
            if (!committed)
                co_return error(req, http::status::service_unavailable,
                                "not stored, try again later: " + why);
            if (!*sameOrNew) {
                ++metrics.shiftConflicts;
                logEvent("warn", "shift_report_conflict",
                         {{"outlet", *outletCode},
                          {"terminal", shared->terminal},
                          {"shift", shared->shiftId}});
                // Answered (the till's queue moves on) and kept, but not called "stored".
                co_return reply(
                    req, http::status::ok,
                    protocol::encode(protocol::ShiftReportAnswer{
                        false, true,
                        "shift " + std::to_string(shared->shiftId) +
                            " of this terminal is stored already with another report; this one "
                            "is kept beside it for head office"}));
            }
            co_return reply(req, http::status::ok,
                            protocol::encode(protocol::ShiftReportAnswer{true, false, ""}));
        }
        if (path == "/v1/movements")
            co_return co_await tillBatch(req, *peer, outlet->id, protocol::decodeMovementBatch,
                                         ingestMovements);
        if (path == "/v1/events")
            co_return co_await tillBatch(req, *peer, outlet->id, protocol::decodeTillEventBatch,
                                         ingestTillEvents);
        if (path == "/v1/journal-head")
            co_return co_await tillBatch(req, *peer, outlet->id, protocol::decodeJournalHead,
                                         recordJournalHead);
        if (path == "/v1/transfers/incoming") {
            if (req.method() != http::verb::get)
                co_return error(req, http::status::method_not_allowed, "use GET");
            co_return reply(req, http::status::ok,
                            protocol::encode(protocol::IncomingTransfers{
                                transfersInTransit(db, *outletCode), {}}));
        }
        if (path == "/v1/sale") {
            // A sale of this outlet (from any of its tills) and its returns, for a return taken
            // at another till; another outlet's receipt is not found, as one never sold.
            if (req.method() != http::verb::get)
                co_return error(req, http::status::method_not_allowed, "use GET");
            auto query = queryOf(target);
            const std::string receiptNo = query["receipt"];
            const std::string uuid = query["uuid"];
            if (receiptNo.empty() || receiptNo.size() > 40 || uuid.size() > 36)
                co_return error(req, http::status::bad_request,
                                "give receipt=<receipt number> (and uuid=<sale UUID>)");
            auto found = lookupSale(db, outlet->id, *outletCode, receiptNo, uuid);
            if (!found)
                co_return error(req,
                                found.error().code == ErrorCode::NotFound
                                    ? http::status::not_found
                                    : http::status::service_unavailable,
                                found.error().message);
            co_return reply(req, http::status::ok, protocol::encode(*found));
        }
        co_return error(req, http::status::not_found, "no such endpoint: " + path);
    }

    void count(const Response& res) {
        const auto code = res.result_int();
        ++(code < 400   ? metrics.responses2xx
           : code < 500 ? metrics.responses4xx
                        : metrics.responses5xx);
    }

    /// Whether this request may bring a body up to protocol::kMaxBodyBytes: a till's upload over
    /// a certificate that has just been checked, or an admin's CSV import. Every other body is
    /// at most kSmallBodyBytes, so that nobody without credentials makes the server read 8 MiB.
    bool mayUploadLarge(const Request& head, std::string_view path,
                        const std::optional<CertificateIdentity>& peer) {
        if (head.method() != http::verb::post)
            return false;
        if (isUploadPath(path))
            return peer.has_value();
        if (!isOfficeImportPath(path))
            return false;
        const auto header = head[http::field::authorization];
        constexpr std::string_view kBearer = "Bearer ";
        if (!header.starts_with(kBearer))
            return false;
        const auto user = sessionUser(readConnection(config.database),
                                      std::string(header.substr(kBearer.size())), config.clock());
        return user && user->isAdmin();
    }

    /// `slot`: this connection's place under the caps, given back when the session ends.
    asio::awaitable<void> session(Stream stream, [[maybe_unused]] ConnectionLimits::Slot slot) {
        ++metrics.connectionsOpen;
        ++metrics.connectionsTotal;
        auto idle = std::make_shared<bool>(false);
        std::list<Connection>::iterator registration;
        {
            std::lock_guard lock(connectionsMutex);
            connections.push_back({stream.get_executor(), [&stream, idle] {
                                       if (*idle)
                                           beast::get_lowest_layer(stream).cancel();
                                   }});
            registration = std::prev(connections.end());
        }
        boost::system::error_code ec;
        auto& tcpStream = beast::get_lowest_layer(stream);
        const auto opened = std::chrono::steady_clock::now();
        const std::string clientAddress = [&] {
            boost::system::error_code ignored;
            return tcpStream.socket().remote_endpoint(ignored).address().to_string();
        }();
        tcpStream.expires_after(config.handshakeTimeout);
        co_await stream.async_handshake(ssl::stream_base::server,
                                        asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            ++metrics.handshakeFailures;
        } else {
            // The client certificate, checked again on every outlet request: a resumed session
            // skips the handshake's checks, and a revocation must reach open connections.
            PeerTrust trust(stream.native_handle());
            beast::flat_buffer buffer;
            while (!stopping) {
                // A connection lives at most maxConnectionAge: an idle one is closed then, a
                // busy one after the answer that crosses it.
                const auto age = std::chrono::steady_clock::now() - opened;
                if (age >= config.maxConnectionAge)
                    break;
                http::request_parser<http::string_body> parser;
                parser.header_limit(16 * 1024);
                // The header first: how much body this request may bring depends on what it is
                // and who sends it (the Content-Length is compared below, before any is read).
                parser.body_limit(protocol::kMaxBodyBytes);
                tcpStream.expires_after(std::min<std::chrono::steady_clock::duration>(
                    config.readTimeout, config.maxConnectionAge - age));
                *idle = true;
                co_await http::async_read_header(stream, buffer, parser,
                                                 asio::redirect_error(asio::use_awaitable, ec));
                *idle = false;
                if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted ||
                    ec == beast::error::timeout || ec == asio::ssl::error::stream_truncated ||
                    ec == asio::error::eof || ec == asio::error::connection_reset)
                    break;
                std::optional<Response> early; // an answer given before the body is read
                std::optional<CertificateIdentity> peer;
                std::size_t bodyLimit = kSmallBodyBytes;
                if (!ec) {
                    const Request& head = parser.get();
                    const std::string_view target = head.target();
                    const std::string_view path = target.substr(0, target.find('?'));
                    if (path.starts_with("/v1/") && !isOfficePath(path) && trust.presented()) {
                        PeerTrust::Verdict verdict;
                        try {
                            verdict = trust.check(readConnection(config.database),
                                                  std::chrono::system_clock::now());
                        } catch (const std::exception& e) {
                            logEvent("error", "peer_lookup_failed", {{"error", e.what()}});
                            verdict.refusal = "the certificate could not be checked: try again";
                        }
                        if (verdict.identity) {
                            peer = std::move(verdict.identity);
                        } else {
                            ++metrics.certificateRefusals;
                            logEvent("warn", "client_certificate_refused",
                                     {{"path", logValue(path, kLogNameBytes)},
                                      {"reason", verdict.refusal}});
                            early = error(head, http::status::forbidden, verdict.refusal);
                        }
                    }
                    try {
                        if (!early && mayUploadLarge(head, path, peer))
                            bodyLimit = protocol::kMaxBodyBytes;
                    } catch (const std::exception& e) {
                        logEvent("error", "session_lookup_failed", {{"error", e.what()}});
                    }
                    if (!early && parser.content_length() && *parser.content_length() > bodyLimit)
                        ec = http::error::body_limit;
                }
                if (!early && !ec) {
                    parser.body_limit(bodyLimit);
                    co_await http::async_read(stream, buffer, parser,
                                              asio::redirect_error(asio::use_awaitable, ec));
                    if (ec == asio::error::operation_aborted || ec == beast::error::timeout ||
                        ec == asio::ssl::error::stream_truncated || ec == asio::error::eof ||
                        ec == asio::error::connection_reset)
                        break;
                }
                Request req = parser.release();
                Response res;
                bool close = false;
                if (early) {
                    res = std::move(*early);
                    close = true;
                } else if (ec == http::error::body_limit) {
                    ++metrics.bodiesTooLarge;
                    res = error(req, http::status::payload_too_large,
                                "the body is larger than " + std::to_string(bodyLimit) +
                                    " bytes: only a till's uploads (over its certificate) and an "
                                    "admin's imports may be larger, up to " +
                                    std::to_string(protocol::kMaxBodyBytes));
                    close = true;
                } else if (ec) {
                    res = error(req, http::status::bad_request,
                                "malformed HTTP request: " + ec.message());
                    close = true;
                } else {
                    Request head; // what an error reply needs once req has been handed over
                    head.version(req.version());
                    head.keep_alive(req.keep_alive());
                    try {
                        auto handling = handle(std::move(req), peer, clientAddress);
                        res = co_await std::move(handling);
                    } catch (const std::exception& e) {
                        logEvent("error", "request_failed", {{"error", e.what()}});
                        res = error(head, http::status::internal_server_error,
                                    "internal error; nothing was stored");
                    }
                }
                if (close || stopping ||
                    std::chrono::steady_clock::now() - opened >= config.maxConnectionAge)
                    res.keep_alive(false);
                // Every 503 says when to come back (a till backs off at least this long).
                if (res.result() == http::status::service_unavailable &&
                    res.find(http::field::retry_after) == res.end())
                    res.set(http::field::retry_after, "1");
                count(res);
                tcpStream.expires_after(config.writeTimeout);
                co_await http::async_write(stream, res,
                                           asio::redirect_error(asio::use_awaitable, ec));
                if (ec || !res.keep_alive())
                    break;
            }
            tcpStream.expires_after(std::chrono::seconds(2));
            co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
        }
        {
            std::lock_guard lock(connectionsMutex);
            connections.erase(registration);
        }
        --metrics.connectionsOpen;
    }

    asio::awaitable<void> accept() {
        while (!stopping) {
            boost::system::error_code ec;
            tcp::socket socket = co_await acceptor.async_accept(
                asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
            if (ec) {
                if (stopping || ec == asio::error::operation_aborted)
                    break;
                logEvent("warn", "accept_failed", {{"error", ec.message()}});
                continue;
            }
            boost::system::error_code ignored;
            const auto peerAddress = socket.remote_endpoint(ignored).address();
            // Caps before any TLS work: one address (or everybody together) holding more
            // connections is closed at once, so that nobody ties up the server's sockets.
            ConnectionLimits::Refusal refusal{};
            auto slot = limits.admit(peerAddress, refusal);
            if (!slot) {
                ++(refusal == ConnectionLimits::Refusal::PerAddress
                       ? metrics.connectionsRefusedPerAddress
                       : metrics.connectionsRefusedTotal);
                socket.close(ignored);
                continue;
            }
            // Replies are small and come as several TLS records: without this, Nagle's algorithm
            // and the client's delayed ACK hold each answer back by tens of milliseconds.
            socket.set_option(tcp::no_delay(true), ignored);
            auto executor = socket.get_executor();
            asio::co_spawn(
                executor,
                session(Stream(beast::tcp_stream(std::move(socket)), tls), std::move(*slot)),
                asio::detached);
        }
    }

    void beginShutdown() {
        if (stopping.exchange(true))
            return;
        logEvent("info", "shutting_down");
        asio::post(ioc, [this] {
            boost::system::error_code ignored;
            acceptor.close(ignored);
            signals.cancel(ignored);
            std::lock_guard lock(connectionsMutex);
            for (auto& c : connections)
                asio::post(c.executor, c.closeIfIdle);
        });
    }
};

Server::Server(ServerConfig config)
    : m_impl(std::make_unique<Impl>(std::move(config))) {}
Server::~Server() = default;

Status Server::start() {
    auto& d = *m_impl;
    auto database = openServerDatabase(d.config.database);
    if (!database)
        return database.error();
    try {
        // Days an older server left for a roll-up on the next read: ingest keeps the figures
        // itself now, and reads only read.
        SQLite::Transaction tx(database.value());
        if (const int days = rollUp(database.value()); days > 0)
            logEvent("info", "rolled_up_left_over_days", {{"days", days}});
        tx.commit();
    } catch (const std::exception& e) {
        // Not fatal: the days stay marked and the next start rolls them up. A server that
        // cannot write (disk full) still serves reads and answers writes with 503.
        logEvent("error", "roll_up_deferred", {{"error", std::string(e.what())}});
    }
    if (auto ok = d.setUpTls(); !ok)
        return ok;
    if (!d.config.rankingConfig.empty()) {
        auto loaded = loadRankingConfig(d.config.rankingConfig);
        if (!loaded)
            return loaded.error();
        d.ranking = *loaded;
    }
    try {
        // Uploads are capped at writerQueue by the gate; the writer itself refuses beyond twice
        // that, whatever the job (logins, office writes), so its queue is bounded too.
        d.writer =
            std::make_unique<GroupCommitWriter>(d.config.database, 64, 2 * d.config.writerQueue);
        const tcp::endpoint endpoint(asio::ip::make_address(d.config.listenAddress), d.config.port);
        d.acceptor.open(endpoint.protocol());
        d.acceptor.set_option(asio::socket_base::reuse_address(true));
        d.acceptor.bind(endpoint);
        d.acceptor.listen(asio::socket_base::max_listen_connections);
    } catch (const std::exception& e) {
        return makeError(ErrorCode::Storage, "cannot listen on " + d.config.listenAddress + ":" +
                                                 std::to_string(d.config.port) + ": " + e.what());
    }
    logEvent(
        "info", "listening",
        {{"address", d.config.listenAddress}, {"port", port()}, {"database", d.config.database}});
    return {};
}

std::uint16_t Server::port() const {
    return m_impl->acceptor.local_endpoint().port();
}

void Server::run() {
    auto& d = *m_impl;
    d.signals.async_wait([this](const boost::system::error_code& ec, int) {
        if (!ec)
            m_impl->beginShutdown();
    });
    asio::co_spawn(d.ioc, d.accept(), asio::detached);
    std::vector<std::thread> threads;
    for (int i = 1; i < d.config.threads; ++i)
        threads.emplace_back([&d] { d.ioc.run(); });
    d.ioc.run();
    for (auto& t : threads)
        t.join();
    d.writer->stop();
    logEvent(
        "info", "stopped",
        {{"batches", d.metrics.batches.load()}, {"sales_stored", d.metrics.salesStored.load()}});
}

void Server::stop() {
    m_impl->beginShutdown();
}

} // namespace baidian::server
