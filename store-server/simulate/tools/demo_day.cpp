// baidian-demo-day: one business day of the demo network, uploaded through the real sync path.
// Every outlet of the registry export whose till certificate is in --certs (<code>-t2.crt: the
// simulated till is terminal simulate::kDemoTerminal, and each till has its own) gets its till's
// sales of the day (protocol v1: UUIDs, gapless sequence, hash chain), posted over mutual TLS
// with its own certificate in batches as a till does, then reconciles the day with the server.
// Each till goes on from where the server says it stopped (the reconciliation of the days
// before), and an outlet whose till already uploaded that day is left alone, so running it
// twice does not sell the day twice. Prints progress and ends with a summary; exits 1 if any
// outlet failed, naming it and the reason.
//   baidian-demo-day --registry outlets.csv --certs DIR --server localhost:8443 [--date D]
#include "baidian/csv/csv.h"
#include "baidian/domain/time.h"
#include "baidian/domain/version.h"
#include "baidian/pos/https_client.h"
#include "baidian/protocol/codec.h"
#include "baidian/simulate/network.h"
#include "baidian/simulate/season.h"
#include "baidian/simulate/till_simulator.h"

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

using namespace baidian;

namespace {

struct Outlet {
    std::string code, type;
};

struct Totals {
    std::atomic<std::int64_t> stored{0}, duplicates{0}, quarantined{0}, outlets{0}, skipped{0};
    std::mutex mutex;
    std::vector<std::string> failures;
};

constexpr std::size_t kBatch = 200; // sales per POST, as the till's sync agent sends them
constexpr int kLookBack = 31;       // days searched back for where a till stopped

Result<std::vector<Outlet>> readRegistry(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError(ErrorCode::Storage, "cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    auto table = csv::parse(text.str());
    if (!table)
        return makeError(table.error().code, path + ": " + table.error().message);
    const auto code = table->column("code"), type = table->column("type"),
               status = table->column("status");
    if (!code || !type)
        return makeError(ErrorCode::InvalidArgument, path + ": needs the columns code and type");
    std::vector<Outlet> out;
    for (const auto& row : table->rows)
        if (csv::field(row, status).empty() || csv::field(row, status) == "open")
            out.push_back({csv::field(row, code), csv::field(row, type)});
    return out;
}

/// Uploads one outlet's day; returns an error message, or "" when it went through.
std::string uploadDay(const Outlet& outlet, pos::ServerEndpoint endpoint, const std::string& date,
                      Totals& totals) {
    pos::HttpsClient client(endpoint);
    const auto reconcile = [&](const std::string& day) -> Result<protocol::ReconcileDoc> {
        auto res = client.get("/v1/reconcile?terminal=" + std::to_string(simulate::kDemoTerminal) +
                              "&date=" + day);
        if (!res)
            return res.error();
        if (res->status != 200)
            return makeError(ErrorCode::Unavailable, "reconcile answered HTTP " +
                                                         std::to_string(res->status) + ": " +
                                                         res->body);
        return protocol::decodeReconcile(res->body);
    };
    auto today = reconcile(date);
    if (!today)
        return today.error().message;
    if (today->count > 0) {
        ++totals.skipped;
        return "";
    }
    simulate::TillSimulator till(outlet.code, simulate::kDemoTerminal, simulate::aksuCatalog(),
                                 std::hash<std::string>{}(outlet.code + date));
    for (int back = 1; back <= kLookBack; ++back) {
        auto earlier = reconcile(domain::addDays(date, -back));
        if (!earlier)
            return earlier.error().message;
        if (earlier->count > 0) {
            till.continueFrom(earlier->lastSeq, earlier->journalHead);
            break;
        }
    }
    const auto sales = till.day(
        date, simulate::salesOnDay(outlet.type, date, std::hash<std::string>{}(outlet.code)));
    for (std::size_t at = 0; at < sales.size(); at += kBatch) {
        protocol::SaleBatch batch{outlet.code, simulate::kDemoTerminal, {}};
        batch.sales.assign(sales.begin() + static_cast<std::ptrdiff_t>(at),
                           sales.begin() +
                               static_cast<std::ptrdiff_t>(std::min(sales.size(), at + kBatch)));
        auto res = client.post("/v1/sales", protocol::encode(batch));
        if (!res)
            return res.error().message;
        if (res->status != 200)
            return "sales answered HTTP " + std::to_string(res->status) + ": " + res->body;
        auto result = protocol::decodeSaleBatchResult(res->body);
        if (!result)
            return "unreadable answer to a sales batch: " + result.error().message;
        for (const auto& r : result->results) {
            if (r.status == "stored")
                ++totals.stored;
            else if (r.status == "duplicate")
                ++totals.duplicates;
            else
                ++totals.quarantined;
        }
    }
    auto closing = reconcile(date);
    if (!closing)
        return closing.error().message;
    if (closing->count != static_cast<std::int64_t>(sales.size()))
        return "reconciliation counts " + std::to_string(closing->count) + " sales, the till " +
               std::to_string(sales.size());
    ++totals.outlets;
    return "";
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"baidian-demo-day: a business day of the demo network through the real sync"};
    app.set_version_flag("--version", baidian::domain::versionLine("baidian-demo-day"));
    std::string registry, certs, server = "localhost:8443", date;
    int workers = 8;
    app.add_option("--registry", registry, "outlets CSV (store-admin export-outlets)")->required();
    app.add_option("--certs", certs,
                   "directory with ca.crt and every <code>-t2.crt/.key (store-admin demo-network)")
        ->required();
    app.add_option("--server", server, "host:port of store-server");
    app.add_option("--date", date, "business date YYYY-MM-DD (default: today in China)");
    app.add_option("--workers", workers, "outlets uploading at once")->check(CLI::Range(1, 64));
    CLI11_PARSE(app, argc, argv);
    if (date.empty())
        date = domain::businessDate(std::chrono::system_clock::now());
    if (!domain::isDate(date)) {
        std::cerr << "baidian-demo-day: give the date as YYYY-MM-DD\n";
        return 2;
    }
    const auto colon = server.rfind(':');
    if (colon == std::string::npos) {
        std::cerr << "baidian-demo-day: give the server as host:port\n";
        return 2;
    }
    auto read = readRegistry(registry);
    if (!read) {
        std::cerr << "baidian-demo-day: " << read.error().message << "\n";
        return 2;
    }
    auto outlets = std::move(read).value();
    // The simulated till's own certificate (store-admin issue-cert --terminal 2 names it so).
    const auto tillCertificate = [&](const Outlet& o, const char* extension) {
        return (std::filesystem::path(certs) /
                (o.code + "-t" + std::to_string(simulate::kDemoTerminal) + extension))
            .string();
    };
    std::erase_if(outlets, [&](const Outlet& o) {
        return !std::filesystem::exists(tillCertificate(o, ".crt"));
    });
    std::cout << "selling " << date << " at " << outlets.size() << " outlets, " << workers
              << " uploading at once ...\n";

    Totals totals;
    std::atomic<std::size_t> next{0}, done{0};
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w)
        threads.emplace_back([&] {
            for (std::size_t i = next++; i < outlets.size(); i = next++) {
                const auto& o = outlets[i];
                pos::ServerEndpoint endpoint;
                endpoint.host = server.substr(0, colon);
                endpoint.port = server.substr(colon + 1);
                endpoint.caFile = (std::filesystem::path(certs) / "ca.crt").string();
                endpoint.certFile = tillCertificate(o, ".crt");
                endpoint.keyFile = tillCertificate(o, ".key");
                const auto failure = uploadDay(o, endpoint, date, totals);
                std::lock_guard lock(totals.mutex);
                if (!failure.empty())
                    totals.failures.push_back(o.code + ": " + failure);
                const auto n = ++done;
                if (n % 100 == 0 || n == outlets.size())
                    std::cout << "  " << n << " of " << outlets.size() << " outlets\n"
                              << std::flush;
            }
        });
    for (auto& t : threads)
        t.join();
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "day " << date << ": " << totals.outlets << " outlets uploaded and reconciled, "
              << totals.skipped << " had already uploaded it; " << totals.stored
              << " sales stored, " << totals.duplicates << " duplicates answered, "
              << totals.quarantined << " quarantined; " << totals.failures.size() << " failed ("
              << static_cast<int>(seconds) << " s)\n";
    for (const auto& f : totals.failures)
        std::cout << "  FAILED " << f << "\n";
    return totals.failures.empty() && totals.quarantined == 0 ? 0 : 1;
}
