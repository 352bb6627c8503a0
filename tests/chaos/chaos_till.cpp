// chaos_till: one till for the chaos scenarios, as its own process so that the runner can kill
// it with SIGKILL at any moment. It sells through the real selling engine on its own SQLite file
// until the file holds --sales completed sales (a restarted till carries on where the file
// says), pushing the outbox through the real sync agent every few sales and ignoring failed
// pushes (the network is the thing under attack); then it pushes until the outbox is empty.
// Exit: 0 all sold and acknowledged, 3 the outbox did not drain within --drain seconds,
// 1 a local error (printed).
//   chaos_till --db F --outlet C --terminal N --sales M --port P --certs DIR [--seed S]
#include "baidian/domain/clock.h"
#include "baidian/pos/demo_data.h"
#include "baidian/pos/sync_agent.h"
#include "baidian/pos/till.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <string_view>
#include <thread>

using namespace baidian;
using namespace baidian::pos;
using domain::Fen;
using domain::Grams;

namespace {

[[noreturn]] void die(const std::string& what) {
    std::cerr << "chaos_till: " << what << "\n";
    std::exit(1);
}

/// Notes the sales the server answered as already stored (a retry after a lost answer): the
/// runner adds these lines up. True when the push went through.
bool report(const Result<PushSummary>& pushed) {
    if (pushed && pushed->duplicates > 0)
        std::cout << "duplicates answered: " << pushed->duplicates << std::endl;
    return pushed.ok();
}

std::int64_t completedSales(LocalStore& store) {
    return store.database().execAndGet("SELECT count(*) FROM sale").getInt64();
}

} // namespace

int main(int argc, char** argv) {
    std::string db, outlet, certs, port;
    int terminal = 1, drainSeconds = 600;
    std::int64_t target = 0;
    std::uint64_t seed = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view flag = argv[i];
        const std::string value = argv[i + 1];
        if (flag == "--db")
            db = value;
        else if (flag == "--outlet")
            outlet = value;
        else if (flag == "--terminal")
            terminal = std::stoi(value);
        else if (flag == "--sales")
            target = std::stoll(value);
        else if (flag == "--port")
            port = value;
        else if (flag == "--certs")
            certs = value;
        else if (flag == "--seed")
            seed = std::stoull(value);
        else if (flag == "--drain")
            drainSeconds = std::stoi(value);
        else
            die("unknown flag " + std::string(flag));
    }
    if (!std::filesystem::exists(db)) {
        // Set up in a file of its own and move it into place when complete: a kill during the
        // set-up leaves no half-made till behind (the next start begins again).
        const auto setup = db + ".setup";
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(setup + suffix);
        {
            auto fresh = LocalStore::open(setup);
            if (!fresh)
                die(fresh.error().message);
            if (auto ok = seedDemoTill(fresh.value(), terminal); !ok)
                die(ok.error().message);
            if (auto ok = fresh.value().setTerminal({outlet, outlet, terminal}); !ok)
                die(ok.error().message);
        }
        std::filesystem::rename(setup, db);
    }
    auto opened = LocalStore::open(db);
    if (!opened)
        die(opened.error().message);
    auto& store = opened.value();
    domain::SystemClock clock;
    Till till(store, clock);
    if (auto ok = till.login("1001", "1234"); !ok)
        die(ok.error().message);
    if (!till.currentShift())
        if (auto ok = till.openShift(Fen(50000)); !ok)
            die(ok.error().message);
    ServerEndpoint endpoint{"localhost",
                            port,
                            certs + "/ca.crt",
                            certs + "/" + outlet + ".crt",
                            certs + "/" + outlet + ".key",
                            std::chrono::seconds(5)};
    SyncAgent agent(store, endpoint);
    // A restart must not replay the same random basket choices with the same effects; mixing
    // in what the file holds keeps runs reproducible but different after each restart.
    std::mt19937_64 rng(seed * 1000003 + static_cast<std::uint64_t>(completedSales(store)));

    while (completedSales(store) < target) {
        // A basket of one to three lines: a gift box by barcode, red dates keyed by weight.
        const auto lines = 1 + rng() % 3;
        for (std::uint64_t l = 0; l < lines; ++l) {
            if (rng() % 2 == 0) {
                if (auto ok = till.scan("6901234567892"); !ok)
                    die("scan: " + ok.error().message);
            } else if (auto ok = till.addByPlu("12346", 0,
                                               Grams(100 + static_cast<std::int64_t>(rng() % 900)),
                                               WeightSource::Keyed);
                       !ok) {
                die("weigh: " + ok.error().message);
            }
        }
        if (auto ok = till.addTender(TenderKind::Cash, till.totals().total); !ok)
            die("tender: " + ok.error().message);
        if (auto sale = till.complete(); !sale)
            die("complete: " + sale.error().message);
        if (rng() % 4 == 0)
            report(agent.push()); // failures are expected here; the sale stays in the outbox
        std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 10));
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(drainSeconds);
    while (agent.pending() > 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            std::cerr << "chaos_till: " << agent.pending() << " sale(s) still waiting\n";
            return 3;
        }
        if (auto pushed = agent.push(); !report(pushed)) {
            std::cerr << "chaos_till: push failed: " << pushed.error().message << std::endl;
            std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 200));
        }
    }
    return 0;
}
