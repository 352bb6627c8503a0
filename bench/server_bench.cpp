// Server benchmarks, each beside a baseline measured in the same run on the same machine:
//  - ingest: sale lines per second through the whole path (TLS, HTTP, JSON, validation, dedupe,
//    group commit) and without TLS and HTTP (JSON, validation, dedupe, group commit), against
//    raw batched SQLite inserts of the same rows into the same schema and indexes;
//  - TLS: full mutual-TLS handshakes per second against store-server and against a minimal
//    OpenSSL-only server with the same certificates; resumed (session ticket) against full;
//  - the model-store ranking over a year of daily aggregates for 600 and 100,000 outlets,
//    against a bare aggregate scan of the same rows.
// Prints Markdown (scripts/bench appends it to bench/REPORT.md).
#include "baidian/domain/time.h"
#include "baidian/protocol/codec.h"
#include "baidian/server/central.h"
#include "baidian/server/group_commit.h"
#include "baidian/server/ingest.h"
#include "baidian/server/ranking.h"
#include "baidian/server/registry.h"
#include "baidian/simulate/local_network.h"
#include "baidian/simulate/network.h"
#include "baidian/simulate/till_simulator.h"
#include "bench_util.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cstring>
#include <future>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <thread>

using namespace baidian;
using namespace baidian::bench;

namespace {

// --- ingest --------------------------------------------------------------------------------

struct Workload {
    std::vector<protocol::SaleBatch> batches;
    std::vector<std::string> bodies; ///< the same batches as JSON
    std::size_t lines = 0;
};

Workload makeWorkload(const std::vector<protocol::OutletDoc>& outlets, int salesPerOutlet) {
    Workload w;
    for (const auto& o : outlets) {
        simulate::TillSimulator till(o.code, 1, simulate::aksuCatalog(),
                                     std::hash<std::string>{}(o.code));
        const auto sales = till.day("2026-11-20", salesPerOutlet);
        for (std::size_t at = 0; at < sales.size(); at += 100) {
            protocol::SaleBatch b{o.code, 1, {}};
            b.sales.assign(sales.begin() + static_cast<std::ptrdiff_t>(at),
                           sales.begin() +
                               static_cast<std::ptrdiff_t>(std::min(sales.size(), at + 100)));
            for (const auto& s : b.sales)
                w.lines += s.lines.size();
            w.bodies.push_back(protocol::encode(b));
            w.batches.push_back(std::move(b));
        }
    }
    return w;
}

/// Raw: the same rows, prepared statements, one transaction per batch, nothing checked.
double rawInsert(const std::string& path, const Workload& w,
                 const std::map<std::string, std::int64_t>& ids) {
    auto db = server::openServerDatabase(path).value();
    SQLite::Statement sale(db, "INSERT INTO sale(uuid, outlet_id, terminal_no, seq, receipt_no, "
                               "kind, original_uuid, completed_at, business_date, cashier, "
                               "subtotal_fen, discount_fen, rounding_fen, total_fen, change_fen, "
                               "prev_hash, hash, received_at) VALUES "
                               "(?,?,?,?,?,?,NULL,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
    SQLite::Statement line(
        db, "INSERT INTO sale_line(sale_id, line_no, sku, name, units, grams, "
            "unit_price_fen, list_price_fen, price_basis, gross_fen, "
            "promotion_code, promotion_fen, line_discount_fen, order_share_fen, "
            "paid_fen, original_line_no) VALUES (?,?,?,?,?,?,?,?,?,?,NULL,?,?,?,?,NULL)");
    SQLite::Statement tender(db, "INSERT INTO tender(sale_id, seq, kind, amount_fen, reference) "
                                 "VALUES (?,?,?,?,?)");
    const auto t0 = Clock::now();
    for (const auto& b : w.batches) {
        SQLite::Transaction tx(db);
        for (const auto& s : b.sales) {
            sale.bind(1, s.uuid);
            sale.bind(2, ids.at(b.outlet));
            sale.bind(3, b.terminal);
            sale.bind(4, s.seq);
            sale.bind(5, s.receiptNo);
            sale.bind(6, s.kind);
            sale.bind(7, s.completedAt);
            sale.bind(8, s.businessDate);
            sale.bind(9, s.cashier);
            sale.bind(10, s.subtotalFen);
            sale.bind(11, s.discountFen);
            sale.bind(12, s.roundingFen);
            sale.bind(13, s.totalFen);
            sale.bind(14, s.changeFen);
            sale.bind(15, s.prevHash);
            sale.bind(16, s.hash);
            sale.bind(17, "2026-11-20T14:00:00Z");
            sale.executeStep();
            const auto id = sale.getColumn(0).getInt64();
            sale.reset();
            for (const auto& l : s.lines) {
                line.bind(1, id);
                line.bind(2, l.lineNo);
                line.bind(3, l.sku);
                line.bind(4, l.name);
                line.bind(5, l.units);
                line.bind(6, l.grams);
                line.bind(7, l.unitPriceFen);
                line.bind(8, l.listPriceFen);
                line.bind(9, l.priceBasis);
                line.bind(10, l.grossFen);
                line.bind(11, l.promotionFen);
                line.bind(12, l.lineDiscountFen);
                line.bind(13, l.orderShareFen);
                line.bind(14, l.paidFen);
                line.exec();
                line.reset();
            }
            int n = 0;
            for (const auto& t : s.tenders) {
                tender.bind(1, id);
                tender.bind(2, ++n);
                tender.bind(3, t.kind);
                tender.bind(4, t.amountFen);
                tender.bind(5, t.reference);
                tender.exec();
                tender.reset();
            }
        }
        tx.commit();
    }
    return static_cast<double>(w.lines) / secondsSince(t0);
}

/// Without TLS and HTTP: decode the JSON, then the group-commit writer applies ingestBatch
/// (validation, dedupe, journal checks, aggregates marks) and commits. `submitters` threads
/// submit at once, as the server's connections do (1: one batch at a time).
double coreIngest(const std::string& path, const Workload& w,
                  const std::map<std::string, std::int64_t>& ids, int submitters) {
    (void)server::openServerDatabase(path).value();
    server::GroupCommitWriter writer(path);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    const auto t0 = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < submitters; ++t)
        threads.emplace_back([&] {
            for (std::size_t i = next++; i < w.bodies.size(); i = next++) {
                auto batch = std::make_shared<protocol::SaleBatch>(
                    protocol::decodeSaleBatch(w.bodies[i]).value());
                const auto id = ids.at(batch->outlet);
                std::promise<bool> done;
                writer.submit(
                    [batch, id](SQLite::Database& db) {
                        (void)server::ingestBatch(db, id, *batch, "2026-11-20T14:00:00Z");
                    },
                    [&done](bool ok, const std::string&) { done.set_value(ok); });
                if (!done.get_future().get())
                    failed = true;
            }
        });
    for (auto& t : threads)
        t.join();
    const double rate = static_cast<double>(w.lines) / secondsSince(t0);
    writer.stop();
    if (failed)
        throw std::runtime_error("ingest failed");
    return rate;
}

/// The whole path: outlets post over mutual TLS to a real store-server, 4 client threads. Each
/// outlet's till is one connection sending its batches in order, as a till's sync agent does
/// (40 handshakes, not one per thread and outlet); the threads share the outlets between them.
double fullPath(simulate::LocalNetwork& net, const Workload& w) {
    std::map<std::string, std::vector<std::size_t>> byOutlet; // batch indexes, in order
    for (std::size_t i = 0; i < w.batches.size(); ++i)
        byOutlet[w.batches[i].outlet].push_back(i);
    std::vector<const std::vector<std::size_t>*> tills;
    for (const auto& [outlet, batches] : byOutlet)
        tills.push_back(&batches);
    std::mutex notStoredMutex;
    std::vector<std::string> notStored;
    std::atomic<std::size_t> notStoredCount{0};
    const auto t0 = Clock::now();
    std::vector<std::thread> clients;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    for (int c = 0; c < 4; ++c)
        clients.emplace_back([&] {
            for (std::size_t t = next++; t < tills.size(); t = next++) {
                const auto& batches = *tills[t];
                pos::HttpsClient client(net.outletEndpoint(w.batches[batches.front()].outlet));
                for (const auto i : batches) {
                    auto res = client.post("/v1/sales", w.bodies[i]);
                    if (!res || res->status != 200) {
                        failed = true;
                        continue;
                    }
                    const auto result = protocol::decodeSaleBatchResult(res->body);
                    if (!result)
                        failed = true;
                    else
                        for (const auto& r : result->results)
                            if (r.status != "stored") {
                                std::lock_guard lock(notStoredMutex);
                                if (notStored.size() < 5)
                                    notStored.push_back(r.status + ": " + r.reason);
                                ++notStoredCount;
                            }
                }
            }
        });
    for (auto& t : clients)
        t.join();
    const double rate = static_cast<double>(w.lines) / secondsSince(t0);
    if (failed)
        throw std::runtime_error("an upload failed");
    if (notStoredCount > 0) // a sale not stored is not the work being measured
        throw std::runtime_error(std::to_string(notStoredCount.load()) +
                                 " sales were not stored, e.g. " + notStored.front());
    return rate;
}

void ingestBench() {
    simulate::LocalNetwork net(40, "2026-11-01");
    net.issueCertificates();
    std::map<std::string, std::int64_t> ids;
    for (const auto& o : net.outlets())
        ids[o.code] = server::outletByCode(net.db(), o.code)->id;
    const auto w = makeWorkload(net.outlets(), 500);
    TempDir dir;
    // Each mode starts from its own copy of the network's database (registry and certificates).
    const auto copy = [&](const std::string& name) {
        const auto path = dir.file(name);
        net.db().backup(path.c_str(), SQLite::Database::Save);
        return path;
    };
    // Three rounds, the modes in turn on fresh copies, and the median of each: one run of a
    // second or two swings by a fifth on this VM's disk, for the baseline as for the rest.
    constexpr int kRounds = 3;
    std::vector<double> raws, cores, coresOneByOne;
    for (int round = 0; round < kRounds; ++round) {
        const auto tag = std::to_string(round);
        raws.push_back(rawInsert(copy("raw" + tag + ".db"), w, ids));
        cores.push_back(coreIngest(copy("core" + tag + ".db"), w, ids, 4));
        coresOneByOne.push_back(coreIngest(copy("core1-" + tag + ".db"), w, ids, 1));
    }
    const double raw = stats(raws).p50, core = stats(cores).p50,
                 coreOneByOne = stats(coresOneByOne).p50;
    // The server's clock on the evening of the workload's day: its sales are then today's, not
    // the future's (which the sale rules quarantine), and the whole path stores what it measures.
    net.setClock("2026-11-20 22:00:00");
    net.start();
    const double full = fullPath(net, w);
    net.stop();
    std::printf("### Server ingest (%zu sales, %zu lines, batches of 100; median of %d rounds "
                "except the whole path, run once)\n\n",
                w.batches.size() * 100, w.lines, kRounds);
    std::printf("| path | sale lines/s | of raw |\n|---|---|---|\n");
    std::printf("| whole path: mutual TLS, HTTP, JSON, validation, dedupe, group commit (4 "
                "clients) | %.0f | %.0f%% |\n",
                full, 100 * full / raw);
    std::printf("| without TLS and HTTP: JSON, validation, dedupe, group commit (4 submitters) | "
                "%.0f | %.0f%% |\n",
                core, 100 * core / raw);
    std::printf("| the same, one batch at a time (no grouping possible) | %.0f | %.0f%% |\n",
                coreOneByOne, 100 * coreOneByOne / raw);
    std::printf("| baseline: raw batched INSERTs of the same rows, same schema and indexes | %.0f "
                "| 100%% |\n\n",
                raw);
    std::printf("Targets: whole path at least 25%% of raw (%s), without TLS and HTTP at least 50%% "
                "(%s).\n\n",
                full >= 0.25 * raw ? "met" : "NOT met", core >= 0.5 * raw ? "met" : "NOT met");
}

// --- TLS handshakes --------------------------------------------------------------------------

int connectTo(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

/// One connection: handshake (resuming `reuse` if given), GET /healthz, read the answer.
bool exchange(SSL_CTX* ctx, int port, SSL_SESSION* reuse, SSL_SESSION** keep, bool* resumed) {
    const int fd = connectTo(port);
    if (fd < 0)
        return false;
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    if (reuse)
        SSL_set_session(ssl, reuse);
    bool ok = SSL_connect(ssl) == 1;
    if (ok) {
        static constexpr char kRequest[] =
            "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        ok = SSL_write(ssl, kRequest, sizeof kRequest - 1) > 0;
        char buffer[4096];
        std::string answer;
        for (int n; ok && (n = SSL_read(ssl, buffer, sizeof buffer)) > 0;)
            answer.append(buffer, static_cast<std::size_t>(n));
        ok = ok && answer.starts_with("HTTP/1.1 200");
        if (resumed)
            *resumed = SSL_session_reused(ssl) == 1;
        if (keep && ok)
            *keep = SSL_get1_session(ssl);
        // Without a clean shutdown OpenSSL marks the session not resumable.
        SSL_shutdown(ssl);
    }
    SSL_free(ssl);
    ::close(fd);
    return ok;
}

SSL_CTX* clientContext(const simulate::LocalNetwork& net, const std::string& outlet) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    SSL_CTX_load_verify_locations(ctx, net.file("pki/ca.crt").c_str(), nullptr);
    SSL_CTX_use_certificate_chain_file(ctx, net.outletEndpoint(outlet).certFile.c_str());
    SSL_CTX_use_PrivateKey_file(ctx, net.outletEndpoint(outlet).keyFile.c_str(), SSL_FILETYPE_PEM);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);
    return ctx;
}

/// Handshakes per second over `seconds` with 2 client threads; `resume` reuses each thread's
/// first session.
double handshakeRate(SSL_CTX* ctx, int port, bool resume, double seconds, bool* allResumed) {
    std::atomic<long> done{0};
    std::atomic<bool> resumedAll{true};
    std::atomic<long> resumedCount{0};
    std::atomic<bool> failed{false};
    const auto t0 = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t)
        threads.emplace_back([&] {
            SSL_SESSION* session = nullptr;
            if (resume && !exchange(ctx, port, nullptr, &session, nullptr))
                failed = true;
            while (!failed && secondsSince(t0) < seconds) {
                bool resumed = false;
                // TLS 1.3 tickets are for one use: keep the newest one the server sent.
                SSL_SESSION* next = nullptr;
                if (!exchange(ctx, port, session, resume ? &next : nullptr, &resumed)) {
                    failed = true;
                    break;
                }
                if (next) {
                    SSL_SESSION_free(session);
                    session = next;
                }
                if (resume && !resumed)
                    resumedAll = false;
                if (resume && resumed)
                    ++resumedCount;
                ++done;
            }
            if (session)
                SSL_SESSION_free(session);
        });
    for (auto& t : threads)
        t.join();
    if (failed)
        throw std::runtime_error("a TLS exchange failed");
    if (allResumed)
        *allResumed = resumedAll;
    if (resume)
        std::fprintf(stderr, "resumed %ld of %ld\n", resumedCount.load(), done.load());
    return static_cast<double>(done.load()) / secondsSince(t0);
}

/// The baseline: a minimal OpenSSL server (2 threads) with the server's certificate, requiring
/// a client certificate from the network CA, answering the same fixed /healthz.
class OpenSslServer {
public:
    explicit OpenSslServer(const simulate::LocalNetwork& net) {
        m_ctx = SSL_CTX_new(TLS_server_method());
        SSL_CTX_set_min_proto_version(m_ctx, TLS1_3_VERSION);
        SSL_CTX_use_certificate_chain_file(m_ctx, net.file("pki/server.crt").c_str());
        SSL_CTX_use_PrivateKey_file(m_ctx, net.file("pki/server.key").c_str(), SSL_FILETYPE_PEM);
        SSL_CTX_load_verify_locations(m_ctx, net.file("pki/ca.crt").c_str(), nullptr);
        SSL_CTX_set_verify(m_ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
        static constexpr unsigned char kContext[] = "baidian-bench";
        SSL_CTX_set_session_id_context(m_ctx, kContext, sizeof kContext - 1);
        SSL_CTX_set_num_tickets(m_ctx, 1); // as store-server
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        const int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::listen(m_listen, 1024);
        socklen_t len = sizeof addr;
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        for (int t = 0; t < 2; ++t)
            m_threads.emplace_back([this] { serve(); });
    }
    ~OpenSslServer() {
        m_stop = true;
        ::shutdown(m_listen, SHUT_RDWR);
        ::close(m_listen);
        for (auto& t : m_threads)
            t.join();
        SSL_CTX_free(m_ctx);
    }
    int port() const { return m_port; }

private:
    void serve() {
        while (!m_stop) {
            const int fd = ::accept(m_listen, nullptr, nullptr);
            if (fd < 0)
                continue;
            SSL* ssl = SSL_new(m_ctx);
            SSL_set_fd(ssl, fd);
            if (SSL_accept(ssl) == 1) {
                char buffer[4096];
                std::string request;
                for (int n; request.find("\r\n\r\n") == std::string::npos &&
                            (n = SSL_read(ssl, buffer, sizeof buffer)) > 0;)
                    request.append(buffer, static_cast<std::size_t>(n));
                static constexpr char kAnswer[] =
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n"
                    "Connection: close\r\n\r\n{\"status\":\"ok\"}";
                SSL_write(ssl, kAnswer, sizeof kAnswer - 1);
                SSL_shutdown(ssl);
            }
            SSL_free(ssl);
            ::close(fd);
        }
    }

    SSL_CTX* m_ctx = nullptr;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::vector<std::thread> m_threads;
};

void tlsBench() {
    simulate::LocalNetwork net(4, "2026-11-01");
    net.issueCertificates();
    net.start();
    const auto outlet = net.outlets().front().code;
    SSL_CTX* ctx = clientContext(net, outlet);
    // Eight rounds of one second each for the four cases in turn, so that all four meet the
    // same machine (the rates of one case measured alone drifted by 15% between runs here).
    constexpr int kRounds = 8;
    constexpr double kSeconds = 1.0;
    bool resumedAll = true, baselineAllResumed = true;
    double full = 0, resumed = 0, baseline = 0, baselineResumed = 0;
    {
        OpenSslServer plain(net);
        for (int round = 0; round < kRounds; ++round) {
            bool all = false;
            full += handshakeRate(ctx, net.port(), false, kSeconds, nullptr) / kRounds;
            resumed += handshakeRate(ctx, net.port(), true, kSeconds, &all) / kRounds;
            resumedAll = resumedAll && all;
            baseline += handshakeRate(ctx, plain.port(), false, kSeconds, nullptr) / kRounds;
            baselineResumed += handshakeRate(ctx, plain.port(), true, kSeconds, &all) / kRounds;
            baselineAllResumed = baselineAllResumed && all;
        }
    }
    net.stop();
    SSL_CTX_free(ctx);
    std::printf(
        "### TLS handshakes (TLS 1.3, ECDSA P-256 certificates both ways, 2 client threads, "
        "each connection: handshake, GET /healthz, close; 8 rounds of 1 s, the four cases in "
        "turn)\n\n");
    std::printf("| server | full/s | resumed/s | resumed ÷ full |\n|---|---|---|---|\n");
    std::printf("| store-server (client certificate checked against the certificate table) | %.0f "
                "| %.0f%s | %.2fx |\n",
                full, resumed, resumedAll ? "" : " (not all resumed)", resumed / full);
    std::printf(
        "| baseline: minimal OpenSSL server, same certificates | %.0f | %.0f%s | %.2fx |\n\n",
        baseline, baselineResumed, baselineAllResumed ? "" : " (not all resumed)",
        baselineResumed / baseline);
    std::printf(
        "store-server full handshakes are %.0f%% of the OpenSSL-only figure (target at least "
        "70%%); resumed are %.2fx full (target at least 2x).\n\n",
        100 * full / baseline, resumed / full);
}

// --- ranking ----------------------------------------------------------------------------------

void rankingBench(int outlets) {
    TempDir dir;
    auto db = server::openServerDatabase(dir.file("ranking.db")).value();
    const auto registry = simulate::generateOutlets(outlets, 7, "2025-12-31");
    (void)server::importOutletsCsv(db, simulate::outletsCsv(registry), "2025-12-31").value();
    // A year of daily aggregates and reconciliations, written straight (the ranking reads only
    // these). There is no earlier year: growth and history are "not measured", which costs the
    // ranking the same look-ups.
    const auto t0 = Clock::now();
    {
        // Loading is set-up, not measured: no journal, no fsync, rows in key order.
        db.exec("PRAGMA journal_mode = DELETE");
        db.exec("PRAGMA synchronous = OFF");
        SQLite::Transaction tx(db);
        SQLite::Statement day(db, "INSERT INTO agg_outlet_day VALUES (?,?,?,?,?,?,?,?,?,?,?)");
        SQLite::Statement rec(db, "INSERT INTO reconciled_day VALUES (?,?,?)");
        std::mt19937_64 rng(1);
        std::vector<std::string> dates;
        for (auto d = std::string("2025-01-01"); d <= "2025-12-31"; d = domain::addDays(d, 1))
            dates.push_back(d);
        for (const auto& d : dates)
            for (std::int64_t id = 1; id <= outlets; ++id) {
                const auto tickets = static_cast<std::int64_t>(5 + rng() % 40);
                const auto sales = tickets * static_cast<std::int64_t>(3000 + rng() % 9000);
                const auto refunds = static_cast<std::int64_t>(rng() % 100 == 0 ? sales / 10 : 0);
                day.bind(1, d);
                day.bind(2, id);
                day.bind(3, sales - refunds);
                day.bind(4, sales);
                day.bind(5, refunds);
                day.bind(6, tickets * 1200);
                day.bind(7, tickets);
                day.bind(8, refunds > 0 ? 1 : 0);
                day.bind(9, static_cast<std::int64_t>(rng() % 4));
                day.bind(10, tickets * 2);
                day.bind(11, tickets * 2 - static_cast<std::int64_t>(rng() % 3));
                day.exec();
                day.reset();
            }
        for (std::int64_t id = 1; id <= outlets; ++id)
            for (const auto& d : dates) {
                rec.bind(1, id);
                rec.bind(2, d);
                rec.bind(3, d + (rng() % 20 == 0 ? "T23:30:00Z" : "T15:00:00Z"));
                rec.exec();
                rec.reset();
            }
        tx.commit();
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA synchronous = FULL");
    }
    const double loadSeconds = secondsSince(t0);
    auto t1 = Clock::now();
    {
        SQLite::Statement scan(db, "SELECT outlet_id, SUM(revenue_fen), SUM(tickets) FROM "
                                   "agg_outlet_day WHERE business_date BETWEEN '2025-01-01' AND "
                                   "'2025-12-31' GROUP BY outlet_id");
        while (scan.executeStep()) {
        }
    }
    const double scanSeconds = secondsSince(t1);
    t1 = Clock::now();
    SQLite::Transaction tx(db);
    auto ranking = server::computeRanking(db, "2025", {}, "2026-01-02T00:00:00Z");
    tx.commit();
    const double rankSeconds = secondsSince(t1);
    if (!ranking)
        throw std::runtime_error(ranking.error().message);
    std::size_t ranked = 0;
    for (const auto& e : ranking->entries)
        ranked += e.rank ? 1u : 0u;
    std::printf("| %d outlets, 365 days (%d aggregate rows) | %.2f s | %.2f s | %zu of %zu ranked; "
                "rows written in %.0f s |\n",
                outlets, outlets * 365, rankSeconds, scanSeconds, ranked, ranking->entries.size(),
                loadSeconds);
}

} // namespace

int main(int argc, char** argv) {
    const std::string only = argc > 1 ? argv[1] : "";
    if (only.empty() || only == "ingest")
        ingestBench();
    if (only.empty() || only == "tls")
        tlsBench();
    if (only.empty() || only == "ranking") {
        std::printf("### Model-store ranking over a year of daily aggregates\n\n");
        std::printf("| network | compute and store the ranking | baseline: one aggregate scan of "
                    "the year | |\n|---|---|---|---|\n");
        rankingBench(600);
        rankingBench(100000);
        std::printf("\n");
    }
    return 0;
}
