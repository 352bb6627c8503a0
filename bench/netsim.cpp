// The network simulator: N outlets (default 600 in the real type mix, up to 100,000), each with
// its own certificate, against one store-server process on this machine.
//   netsim [--outlets N] [--peak F] [--idle C] [--storm]
// 1. A peak day (Spring Festival: F = 10 times an average day) uploaded concurrently through
//    the nightly path (sales, then reconcile): wall time, sales/s, p50/p99 ack latency.
// 2. C idle TLS connections held at once: server RSS and memory per connection.
// 3. A reconnect storm: every outlet reconnects at the same moment, retrying with full-jitter
//    backoff: time until all are served, retries.
// Prints Markdown (scripts/bench appends it to bench/REPORT.md).
#include "baidian/protocol/codec.h"
#include "baidian/simulate/local_network.h"
#include "baidian/simulate/network.h"
#include "baidian/simulate/till_simulator.h"
#include "bench_util.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <csignal>
#include <cstring>
#include <mutex>
#include <random>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>

using namespace baidian;
using namespace baidian::bench;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Stream = beast::ssl_stream<beast::tcp_stream>;

namespace {

struct Options {
    int outlets = 600;
    int peak = 10;
    int idle = 10000;
    bool storm = true;
};

/// store-server as its own process (so that its RSS is its own), on a free port.
class ServerProcess {
public:
    ServerProcess(const simulate::LocalNetwork& net, const std::string& dir) {
        const auto config = dir + "/netsim.toml";
        std::ofstream(config) << "listen = \"127.0.0.1:0\"\nthreads = 2\ndatabase = \""
                              << net.file("server.db") << "\"\n[tls]\nca = \""
                              << net.file("pki/ca.crt") << "\"\ncert = \""
                              << net.file("pki/server.crt") << "\"\nkey = \""
                              << net.file("pki/server.key")
                              << "\"\n[timeouts]\nread_seconds = 900\n"
                              // every simulated outlet connects from 127.0.0.1
                              << "[limits]\nconnections = 20000\nconnections_per_address = 20000\n";
        const auto portFile = dir + "/port";
        m_pid = ::fork();
        if (m_pid == 0) {
            std::freopen("/dev/null", "w", stdout);
            std::freopen((dir + "/server.log").c_str(), "w", stderr);
            ::execl(BAIDIAN_STORE_SERVER, "store-server", "--config", config.c_str(), "--port-file",
                    portFile.c_str(), nullptr);
            std::_Exit(127);
        }
        for (int i = 0; i < 500 && m_port == 0; ++i) {
            std::ifstream in(portFile);
            in >> m_port;
            if (m_port == 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (m_port == 0)
            throw std::runtime_error("store-server did not start (see " + dir + "/server.log)");
    }
    ~ServerProcess() {
        ::kill(m_pid, SIGTERM);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
    }
    int pid() const { return m_pid; }
    int port() const { return m_port; }

private:
    int m_pid = -1;
    int m_port = 0;
};

// --- 1. a peak day ----------------------------------------------------------------------------

void peakDay(const simulate::LocalNetwork& net, int port, const Options& opt) {
    const std::string date = "2027-02-05"; // the week before the Spring Festival
    struct Upload {
        std::string outlet;
        std::vector<std::string> bodies;
    };
    std::vector<Upload> uploads;
    std::size_t sales = 0;
    for (const auto& o : net.outlets()) {
        simulate::TillSimulator till(o.code, 1, simulate::aksuCatalog(),
                                     std::hash<std::string>{}(o.code));
        const int count = simulate::averageDailySales(o.type) * simulate::seasonalPercent(date) /
                          100 * opt.peak / 10;
        const auto day = till.day(date, count);
        Upload u{o.code, {}};
        for (std::size_t at = 0; at < day.size(); at += 200) {
            protocol::SaleBatch b{o.code, 1, {}};
            b.sales.assign(day.begin() + static_cast<std::ptrdiff_t>(at),
                           day.begin() +
                               static_cast<std::ptrdiff_t>(std::min(day.size(), at + 200)));
            u.bodies.push_back(protocol::encode(b));
        }
        sales += day.size();
        uploads.push_back(std::move(u));
    }
    std::mutex latencyMutex;
    std::vector<double> latencies;
    std::atomic<std::size_t> next{0};
    std::atomic<int> failures{0};
    const auto t0 = Clock::now();
    std::vector<std::thread> workers;
    for (int w = 0; w < 16; ++w)
        workers.emplace_back([&] {
            std::vector<double> mine;
            for (std::size_t i = next++; i < uploads.size(); i = next++) {
                auto endpoint = net.outletEndpoint(uploads[i].outlet);
                endpoint.port = std::to_string(port);
                pos::HttpsClient client(endpoint);
                for (const auto& body : uploads[i].bodies) {
                    const auto s = Clock::now();
                    auto res = client.post("/v1/sales", body);
                    mine.push_back(millisSince(s));
                    if (!res || res->status != 200)
                        ++failures;
                }
                if (auto res = client.get("/v1/reconcile?terminal=1&date=" + date);
                    !res || res->status != 200)
                    ++failures;
            }
            std::lock_guard lock(latencyMutex);
            latencies.insert(latencies.end(), mine.begin(), mine.end());
        });
    for (auto& t : workers)
        t.join();
    const double seconds = secondsSince(t0);
    const auto s = stats(latencies);
    std::printf("### Network simulator: a peak day (%dx an average day), %d outlets\n\n", opt.peak,
                opt.outlets);
    std::printf("| figure | value |\n|---|---|\n");
    std::printf("| sales uploaded (batches of up to 200, then reconcile) | %zu |\n", sales);
    std::printf("| wall time, 16 concurrent uploaders | %.1f s |\n", seconds);
    std::printf("| sales/s | %.0f |\n", static_cast<double>(sales) / seconds);
    std::printf("| batch ack latency p50 / p99 | %.1f / %.1f ms |\n", s.p50, s.p99);
    std::printf("| failures | %d |\n\n", failures.load());
    std::printf(
        "The nightly sync of the peak day took %.1f s (target: under 60 s on this machine).\n\n",
        seconds);
}

// --- 2. idle connections and 3. the storm (Beast, one io_context)
// ---------------------------------

std::vector<std::unique_ptr<ssl::context>> outletContexts(const simulate::LocalNetwork& net,
                                                          std::size_t count) {
    std::vector<std::unique_ptr<ssl::context>> out;
    for (std::size_t i = 0; i < count; ++i) {
        const auto e = net.outletEndpoint(net.outlets()[i % net.outlets().size()].code);
        auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
        SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_3_VERSION);
        ctx->load_verify_file(e.caFile);
        ctx->use_certificate_chain_file(e.certFile);
        ctx->use_private_key_file(e.keyFile, ssl::context::pem);
        ctx->set_verify_mode(ssl::verify_peer);
        out.push_back(std::move(ctx));
    }
    return out;
}

asio::awaitable<bool> openStream(Stream& stream, tcp::endpoint at) {
    boost::system::error_code ec;
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(60));
    co_await beast::get_lowest_layer(stream).async_connect(
        at, asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return false;
    SSL_set_tlsext_host_name(stream.native_handle(), "localhost");
    co_await stream.async_handshake(ssl::stream_base::client,
                                    asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return false;
    // One request so that the server has checked the certificate and holds a session.
    http::request<http::empty_body> req{http::verb::get, "/healthz", 11};
    req.set(http::field::host, "localhost");
    req.keep_alive(true);
    co_await http::async_write(stream, req, asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return false;
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    co_await http::async_read(stream, buffer, res, asio::redirect_error(asio::use_awaitable, ec));
    beast::get_lowest_layer(stream).expires_never();
    co_return !ec && res.result() == http::status::ok;
}

void idleConnections(const simulate::LocalNetwork& net, const ServerProcess& server, int wanted) {
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    const int room = static_cast<int>(limit.rlim_cur) - 200;
    const int count = std::min(wanted, room);
    const double before = rssMiB(server.pid());
    asio::io_context ioc;
    const tcp::endpoint at(asio::ip::make_address("127.0.0.1"),
                           static_cast<unsigned short>(server.port()));
    const auto contexts = outletContexts(net, std::min<std::size_t>(net.outlets().size(), 600));
    std::vector<std::unique_ptr<Stream>> streams;
    std::atomic<int> open{0}, failed{0};
    const auto t0 = Clock::now();
    // At most 200 handshakes in flight, like outlets arriving over a few seconds.
    std::atomic<int> started{0};
    std::function<void()> launch = [&] {
        const int i = started++;
        if (i >= count)
            return;
        streams.push_back(std::make_unique<Stream>(
            ioc, *contexts[static_cast<std::size_t>(i) % contexts.size()]));
        Stream& s = *streams.back();
        asio::co_spawn(ioc, openStream(s, at), [&](std::exception_ptr, bool ok) {
            ++(ok ? open : failed);
            launch();
        });
    };
    for (int i = 0; i < 200; ++i)
        launch();
    ioc.run();
    const double seconds = secondsSince(t0);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const double after = rssMiB(server.pid());
    std::printf("### Network simulator: idle TLS connections held by one store-server\n\n");
    std::printf("| figure | value |\n|---|---|\n");
    std::printf(
        "| connections opened and held (mutual TLS, one request each) | %d of %d (%d failed) |\n",
        open.load(), count, failed.load());
    std::printf("| time to open them, 200 handshakes in flight | %.1f s |\n", seconds);
    std::printf("| server RSS before / holding them | %.1f / %.1f MiB |\n", before, after);
    std::printf("| memory per held connection | %.1f KiB |\n\n",
                open > 0 ? (after - before) * 1024.0 / open.load() : 0.0);
    if (count < wanted)
        std::printf("(the open-file limit allowed %d of the %d connections asked for)\n\n", count,
                    wanted);
}

asio::awaitable<void> reconnect(ssl::context& ctx, tcp::endpoint at, std::mt19937_64& rng,
                                std::atomic<int>& retries, std::atomic<int>& served) {
    auto executor = co_await asio::this_coro::executor;
    for (int attempt = 0; attempt < 12; ++attempt) {
        Stream stream(executor, ctx);
        if (co_await openStream(stream, at)) {
            ++served;
            co_return;
        }
        ++retries;
        // Full jitter: a random wait up to 100 ms x 2^attempt (capped at 10 s).
        const auto cap = std::min<std::int64_t>(10000, 100LL << attempt);
        asio::steady_timer timer(executor, std::chrono::milliseconds(static_cast<std::int64_t>(
                                               rng() % static_cast<std::uint64_t>(cap + 1))));
        co_await timer.async_wait(asio::use_awaitable);
    }
}

void storm(const simulate::LocalNetwork& net, const ServerProcess& server) {
    asio::io_context ioc;
    const tcp::endpoint at(asio::ip::make_address("127.0.0.1"),
                           static_cast<unsigned short>(server.port()));
    const auto contexts = outletContexts(net, net.outlets().size());
    std::atomic<int> retries{0}, served{0};
    std::vector<std::mt19937_64> rngs;
    for (std::size_t i = 0; i < contexts.size(); ++i)
        rngs.emplace_back(i);
    const auto t0 = Clock::now();
    for (std::size_t i = 0; i < contexts.size(); ++i)
        asio::co_spawn(ioc, reconnect(*contexts[i], at, rngs[i], retries, served), asio::detached);
    ioc.run();
    const double seconds = secondsSince(t0);
    std::printf(
        "### Network simulator: reconnect storm (every outlet at once, full-jitter backoff)\n\n");
    std::printf("| figure | value |\n|---|---|\n");
    std::printf("| outlets served | %d of %zu |\n", served.load(), contexts.size());
    std::printf("| time until all served | %.1f s |\n", seconds);
    std::printf("| retries | %d |\n\n", retries.load());
}

} // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto value = [&] { return i + 1 < argc ? std::atoi(argv[++i]) : 0; };
        if (a == "--outlets")
            opt.outlets = std::clamp(value(), 6, 100000);
        else if (a == "--peak")
            opt.peak = std::clamp(value(), 1, 100);
        else if (a == "--idle")
            opt.idle = std::clamp(value(), 0, 100000);
        else if (a == "--no-storm")
            opt.storm = false;
    }
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    std::fprintf(stderr, "netsim: %d outlets, issuing certificates ...\n", opt.outlets);
    simulate::LocalNetwork net(opt.outlets, "2026-12-31");
    net.issueCertificates();
    TempDir dir;
    ServerProcess server(net, dir.file(""));
    std::fprintf(stderr, "netsim: store-server pid %d port %d; peak day ...\n", server.pid(),
                 server.port());
    peakDay(net, server.port(), opt);
    if (opt.idle > 0) {
        std::fprintf(stderr, "netsim: %d idle connections ...\n", opt.idle);
        idleConnections(net, server, opt.idle);
    }
    if (opt.storm) {
        std::fprintf(stderr, "netsim: reconnect storm ...\n");
        storm(net, server);
    }
    return 0;
}
