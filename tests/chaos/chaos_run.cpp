// chaos_run: the scenario runner. N tills (chaos_till processes, each its own outlet, SQLite
// file and certificate made by the project's pki code) sell M sales each and sync through a
// fault-injecting proxy to a real store-server process, while the runner kills the server
// (SIGKILL, then restarts it), kills tills (SIGKILL, then restarts them) and fills the disk
// the server's database lives on (a small tmpfs, when run as root). When every till has sold
// its sales and drained its outbox, it checks that every sale completed at a till is on the
// server exactly once, that no acknowledged sale is lost, that every database passes
// integrity_check and every till journal verifies, and prints a table of the faults injected
// and the sales checked. Exit 0 when all holds.
//   chaos_run --till PATH --server PATH [--tills 4] [--sales 40] [--seed 1] [--timeout 600]
#include "baidian/db/database.h"
#include "baidian/domain/time.h"
#include "baidian/pki/pki.h"
#include "baidian/pos/journal.h"
#include "baidian/server/central.h"
#include "baidian/server/registry.h"
#include "baidian/test/temp_dir.h"
#include "fault_proxy.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <netinet/in.h>
#include <random>
#include <set>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace baidian;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

struct Options {
    std::string tillBinary, serverBinary;
    int tills = 4;
    int sales = 40;
    std::uint64_t seed = 1;
    int timeoutSeconds = 600;
    int faultPercent = 30;
};

template <typename T> T orDie(Result<T> r, const std::string& what) {
    if (!r) {
        std::cerr << "chaos_run: " << what << ": " << r.error().message << "\n";
        std::exit(2);
    }
    return std::move(r).value();
}

std::uint16_t freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

pid_t spawn(const std::vector<std::string>& args, const std::string& log) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::freopen(log.c_str(), "a", stdout);
        std::freopen(log.c_str(), "a", stderr);
        std::vector<char*> argv;
        for (const auto& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        std::_Exit(127);
    }
    return pid;
}

/// The server's database directory: a 256 MiB tmpfs when we may mount one (root), so that the
/// runner can fill it; otherwise a plain directory and no disk-full episodes.
struct DataDir {
    fs::path path;
    bool mounted = false;
    explicit DataDir(const fs::path& p, std::uint64_t bytes)
        : path(p) {
        fs::create_directories(path);
        const std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
        mounted =
            ::geteuid() == 0 && ::mount("tmpfs", path.c_str(), "tmpfs", 0, options.c_str()) == 0;
    }
    ~DataDir() { unmount(); }
    void unmount() {
        if (mounted)
            ::umount2(path.c_str(), MNT_DETACH);
        mounted = false;
    }
};

struct Till {
    std::string outlet;
    std::string db;
    pid_t pid = -1;
    bool done = false;
    bool killedByUs = false;
    int restarts = 0;
};

} // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--till")
            opt.tillBinary = value;
        else if (flag == "--server")
            opt.serverBinary = value;
        else if (flag == "--tills")
            opt.tills = std::stoi(value);
        else if (flag == "--sales")
            opt.sales = std::stoi(value);
        else if (flag == "--seed")
            opt.seed = std::stoull(value);
        else if (flag == "--timeout")
            opt.timeoutSeconds = std::stoi(value);
        else if (flag == "--faults")
            opt.faultPercent = std::stoi(value);
        else {
            std::cerr << "chaos_run: unknown flag " << flag << "\n";
            return 2;
        }
    }
    if (opt.tillBinary.empty() || opt.serverBinary.empty() || opt.tills < 1 || opt.tills > 99 ||
        opt.sales < 1) {
        std::cerr << "chaos_run: give --till, --server, --tills 1-99 and --sales\n";
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN);
    test::TempDir work("baidian-chaos"); // kept when a check fails, to be read
    const fs::path& dir = work.path();
    const fs::path pki = dir / "pki", certs = dir / "certs", tills = dir / "tills";
    fs::create_directories(tills);
    DataDir data(dir / "data", 256ULL << 20);
    const std::string serverDb = (data.path / "server.db").string();
    std::mt19937_64 rng(opt.seed);

    // --- the network: CA, server certificate, outlets and their certificates ---------------
    const baidian::pki::CaKey ca{pki.string(), "chaos-run-ca-passphrase"};
    orDie(baidian::pki::createCa(ca, "Baidian Chaos CA"), "CA");
    orDie(baidian::pki::issueServerCertificate(ca, pki.string(), {"localhost", "127.0.0.1"}, 30),
          "server certificate");
    std::vector<Till> fleet;
    {
        auto db = orDie(server::openServerDatabase(serverDb), "server database");
        const auto today = domain::businessDate(std::chrono::system_clock::now());
        for (int t = 1; t <= opt.tills; ++t) {
            char code[16];
            std::snprintf(code, sizeof code, "CH-F%02d", t);
            server::OutletRecord o;
            o.code = code;
            o.name = std::string("混沌测试店") + code;
            o.type = "flagship";
            o.city = "杭州";
            o.openedOn = "2025-01-01";
            o.status = "open";
            orDie(server::saveOutlet(db, o, today), "outlet");
            const auto cert =
                orDie(baidian::pki::issueOutletCertificate(ca, certs.string(), code, 30),
                      "outlet certificate");
            const auto row = server::outletByCode(db, code);
            if (auto ok = server::recordCertificate(db, cert.serialHex, row->id, "outlet",
                                                    cert.subject, cert.notBefore, cert.notAfter);
                !ok)
                orDie(Result<int>(ok.error()), "record certificate");
            fleet.push_back({code, (tills / (std::string(code) + ".db")).string()});
        }
    }

    // --- the server, the proxy and the tills ----------------------------------------------
    const std::uint16_t serverPort = freePort();
    const auto config = (dir / "server.toml").string();
    std::ofstream(config) << "listen = \"127.0.0.1:" << serverPort << "\"\nthreads = 2\n"
                          << "database = \"" << serverDb << "\"\n[tls]\nca = \""
                          << (pki / "ca.crt").string() << "\"\ncert = \""
                          << (pki / "server.crt").string() << "\"\nkey = \""
                          << (pki / "server.key").string() << "\"\n";
    const auto serverLog = (dir / "server.log").string();
    pid_t serverPid = -1;
    bool serverKilledByUs = false;
    const auto startServer = [&] {
        serverPid = spawn({opt.serverBinary, "--config", config}, serverLog);
    };
    startServer();
    chaos::FaultProxy proxy(serverPort, opt.seed, opt.faultPercent);
    const auto startTill = [&](Till& t, int index) {
        t.killedByUs = false;
        t.pid = spawn({opt.tillBinary, "--db", t.db, "--outlet", t.outlet, "--terminal", "1",
                       "--sales", std::to_string(opt.sales), "--port", std::to_string(proxy.port()),
                       "--certs", certs.string(), "--seed",
                       std::to_string(opt.seed * 100 + static_cast<std::uint64_t>(index)),
                       "--drain", std::to_string(opt.timeoutSeconds)},
                      t.db + ".log");
    };
    for (std::size_t i = 0; i < fleet.size(); ++i)
        startTill(fleet[i], static_cast<int>(i));

    // --- chaos until every till has sold and drained ---------------------------------------
    int serverKills = 0, tillKills = 0, diskFull = 0;
    std::vector<std::string> problems;
    const auto started = Clock::now();
    auto nextServerKill = started + milliseconds(1500 + rng() % 3000);
    auto nextTillKill = started + milliseconds(500 + rng() % 1500);
    auto nextDiskFull = started + milliseconds(2500 + rng() % 4000);
    const fs::path ballast = data.path / "ballast";
    std::optional<Clock::time_point> diskFreedAt;
    int lastShown = -1;
    const auto running = [&] {
        return std::count_if(fleet.begin(), fleet.end(), [](const Till& t) { return !t.done; });
    };
    while (running() > 0) {
        if (Clock::now() - started > std::chrono::seconds(opt.timeoutSeconds)) {
            problems.push_back("timed out with " + std::to_string(running()) +
                               " till(s) not finished");
            break;
        }
        int status = 0;
        for (pid_t pid; (pid = ::waitpid(-1, &status, WNOHANG)) > 0;) {
            if (pid == serverPid) {
                if (!serverKilledByUs)
                    problems.push_back("store-server exited by itself (status " +
                                       std::to_string(status) + "); see " + serverLog);
                serverKilledByUs = false;
                std::this_thread::sleep_for(milliseconds(200));
                startServer();
                continue;
            }
            for (std::size_t i = 0; i < fleet.size(); ++i) {
                auto& t = fleet[i];
                if (t.pid != pid)
                    continue;
                t.pid = -1;
                if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
                    t.done = true;
                } else {
                    if (!t.killedByUs)
                        problems.push_back(t.outlet + " till exited with status " +
                                           std::to_string(status) + "; see " + t.db + ".log");
                    if (++t.restarts > 200) {
                        problems.push_back(t.outlet + " restarted too often");
                        t.done = true;
                    } else {
                        startTill(t, static_cast<int>(i));
                    }
                }
            }
        }
        const auto now = Clock::now();
        if (now >= nextServerKill && serverPid > 0) {
            serverKilledByUs = true;
            ::kill(serverPid, SIGKILL);
            ++serverKills;
            nextServerKill = now + milliseconds(2000 + rng() % 4000);
        }
        if (now >= nextTillKill) {
            std::vector<Till*> alive;
            for (auto& t : fleet)
                if (!t.done && t.pid > 0)
                    alive.push_back(&t);
            if (!alive.empty()) {
                auto* victim = alive[rng() % alive.size()];
                victim->killedByUs = true;
                ::kill(victim->pid, SIGKILL);
                ++tillKills;
            }
            nextTillKill = now + milliseconds(700 + rng() % 2000);
        }
        if (data.mounted && !diskFreedAt && now >= nextDiskFull) {
            // Fill what is left of the filesystem; SQLite then gets SQLITE_FULL.
            struct statvfs vfs {};
            ::statvfs(data.path.c_str(), &vfs);
            const auto freeBytes = static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
            if (std::FILE* f = std::fopen(ballast.c_str(), "wb")) {
                std::vector<char> zeros(1 << 20, 0);
                for (std::uint64_t written = 0; written < freeBytes;) {
                    const auto n = std::fwrite(zeros.data(), 1, zeros.size(), f);
                    if (n == 0)
                        break;
                    written += n;
                }
                std::fclose(f);
            }
            ++diskFull;
            diskFreedAt = now + milliseconds(1000 + rng() % 1500);
        }
        if (diskFreedAt && now >= *diskFreedAt) {
            fs::remove(ballast);
            diskFreedAt.reset();
            nextDiskFull = now + milliseconds(5000 + rng() % 6000);
        }
        const int finished = opt.tills - static_cast<int>(running());
        if (finished != lastShown) {
            lastShown = finished;
            std::cerr << "chaos: " << finished << " of " << opt.tills << " tills done, "
                      << serverKills << " server kills, " << tillKills << " till kills, "
                      << diskFull << " disk-full episodes, " << proxy.connections()
                      << " connections through the proxy\n";
        }
        std::this_thread::sleep_for(milliseconds(50));
    }
    if (diskFreedAt)
        fs::remove(ballast);
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    proxy.setFaultPercent(0);
    for (auto& t : fleet)
        if (t.pid > 0) {
            ::kill(t.pid, SIGKILL);
            ::waitpid(t.pid, nullptr, 0);
        }
    if (serverPid > 0) {
        ::kill(serverPid, SIGTERM);
        ::waitpid(serverPid, nullptr, 0);
    }

    // --- the checks -----------------------------------------------------------------------
    std::int64_t atTills = 0, acked = 0, onServerOnce = 0, lost = 0, duplicated = 0, unknown = 0;
    int tillDbsOk = 0, journalsOk = 0;
    std::set<std::string> tillUuids;
    SQLite::Database central(serverDb, SQLite::OPEN_READONLY);
    SQLite::Statement copies(central, "SELECT count(*) FROM sale WHERE uuid = ?");
    for (const auto& t : fleet) {
        SQLite::Database till(t.db, SQLite::OPEN_READONLY);
        tillDbsOk += db::integrityOk(till) ? 1 : 0;
        const auto journal = pos::verifyJournal(till);
        if (journal.ok)
            ++journalsOk;
        else
            problems.push_back(t.outlet + " journal: " + journal.problem);
        SQLite::Statement sales(till, "SELECT s.uuid, o.acked_at IS NOT NULL FROM sale s "
                                      "LEFT JOIN outbox o ON o.seq = s.seq");
        while (sales.executeStep()) {
            const auto uuid = sales.getColumn(0).getString();
            const bool wasAcked = sales.getColumn(1).getInt() == 1;
            tillUuids.insert(uuid);
            ++atTills;
            acked += wasAcked ? 1 : 0;
            copies.bind(1, uuid);
            copies.executeStep();
            const auto n = copies.getColumn(0).getInt64();
            copies.reset();
            if (n == 1)
                ++onServerOnce;
            else if (n == 0)
                lost += 1;
            else
                duplicated += n - 1;
        }
    }
    SQLite::Statement all(central, "SELECT uuid FROM sale");
    std::int64_t serverSales = 0;
    while (all.executeStep()) {
        ++serverSales;
        if (!tillUuids.count(all.getColumn(0).getString()))
            ++unknown;
    }
    std::int64_t retried = 0; // sales a till sent again and the server answered as stored
    for (const auto& t : fleet) {
        std::ifstream log(t.db + ".log");
        for (std::string line; std::getline(log, line);)
            if (line.starts_with("duplicates answered: "))
                retried += std::stoll(line.substr(21));
    }
    const auto quarantined = central.execAndGet("SELECT count(*) FROM quarantine").getInt64();
    const auto breaks = central.execAndGet("SELECT count(*) FROM journal_break").getInt64();
    const bool serverOk = db::integrityOk(central);
    // Keep the server's database beside the rest once its tmpfs goes.
    const bool diskFaults = data.mounted;
    for (const char* suffix : {"", "-wal", "-shm"})
        if (fs::exists(serverDb + suffix))
            fs::copy_file(serverDb + suffix, (dir / "server.db").string() + suffix);
    data.unmount();

    std::printf("### Chaos run: %d tills x %d sales, seed %llu, %.0f s\n\n", opt.tills, opt.sales,
                static_cast<unsigned long long>(opt.seed), seconds);
    std::printf("| fault injected | times |\n|---|---|\n");
    for (const auto f : chaos::kFaults)
        std::printf("| proxy: %s | %d |\n", chaos::name(f), proxy.count(f));
    std::printf("| store-server killed (SIGKILL) and restarted | %d |\n", serverKills);
    std::printf("| till killed (SIGKILL) and restarted | %d |\n", tillKills);
    std::printf("| server disk full (its tmpfs filled, then freed) | %s |\n",
                diskFaults ? std::to_string(diskFull).c_str() : "not run (needs root)");
    std::printf("| connections through the proxy | %d |\n\n", proxy.connections());
    std::printf("| check | result |\n|---|---|\n");
    std::printf("| sales completed at the tills | %lld |\n", static_cast<long long>(atTills));
    std::printf("| acknowledged by the server | %lld |\n", static_cast<long long>(acked));
    std::printf("| on the server exactly once | %lld |\n", static_cast<long long>(onServerOnce));
    std::printf("| lost (at a till, not on the server) | %lld |\n", static_cast<long long>(lost));
    std::printf("| sent again after a lost answer, answered as already stored | %lld |\n",
                static_cast<long long>(retried));
    std::printf("| duplicated on the server | %lld |\n", static_cast<long long>(duplicated));
    std::printf("| on the server but at no till | %lld |\n", static_cast<long long>(unknown));
    std::printf("| quarantined / journal breaks on the server | %lld / %lld |\n",
                static_cast<long long>(quarantined), static_cast<long long>(breaks));
    std::printf("| databases passing integrity_check | %d of %d |\n",
                tillDbsOk + (serverOk ? 1 : 0), opt.tills + 1);
    std::printf("| till journals that verify | %d of %d |\n\n", journalsOk, opt.tills);

    const std::int64_t expected = static_cast<std::int64_t>(opt.tills) * opt.sales;
    if (atTills != expected)
        problems.push_back("the tills hold " + std::to_string(atTills) + " sales, not " +
                           std::to_string(expected));
    if (acked != atTills)
        problems.push_back(std::to_string(atTills - acked) + " sale(s) never acknowledged");
    if (lost || duplicated || unknown || quarantined || breaks || serverSales != atTills)
        problems.push_back("the server does not hold each till sale exactly once");
    if (!serverOk || tillDbsOk != opt.tills)
        problems.push_back("a database failed integrity_check");
    for (const auto f : chaos::kFaults)
        if (proxy.count(f) == 0)
            problems.push_back(std::string("fault never injected: ") + chaos::name(f));
    if (serverKills == 0 || tillKills == 0 || (diskFaults && diskFull == 0))
        problems.push_back("a process or disk fault was never injected (run longer)");
    if (problems.empty()) {
        std::printf("chaos: all checks hold\n");
        return 0;
    }
    for (const auto& p : problems)
        std::printf("chaos: FAILED: %s\n", p.c_str());
    work.keep();
    std::printf("chaos: files kept in %s\n", dir.c_str());
    return 1;
}
