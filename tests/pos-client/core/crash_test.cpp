// Crash safety: a child process completes sales in a loop and is SIGKILLed at random moments,
// hundreds of times. After every kill the database must be intact, every completed sale whole,
// the sequence without gaps, the journal verifiable, and no sale the child saw complete lost.
#include "till_fixture.h"

#include <cstdlib>
#include <cstring>
#include <random>
#include <signal.h>
#include <sys/wait.h>

using namespace baidian;
using namespace baidian::pos;
using namespace baidian::pos::testing;

namespace {

bool writeAll(int fd, const void* data, std::size_t size) {
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
        const auto n = ::write(fd, p, size);
        if (n <= 0)
            return false;
        p += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

/// Runs in the child: sells until killed. Reports 'R' when logged in, then each completed seq.
[[noreturn]] void sellForever(const std::string& path, int reportFd, unsigned seed) {
    try {
        auto store = LocalStore::open(path);
        if (!store)
            ::_exit(3);
        domain::SystemClock clock;
        Till till(store.value(), clock);
        if (!till.login("1001", "1234"))
            ::_exit(4);
        if (!writeAll(reportFd, "R", 1))
            ::_exit(5);
        std::mt19937 rng(seed);
        while (true) {
            const int items = 1 + static_cast<int>(rng() % 4);
            for (int i = 0; i < items; ++i) {
                const bool ok =
                    (rng() % 2) ? till.scan(kApplesLabel1500g).ok()
                                : till.addByPlu("12346", 0,
                                                Grams(100 + static_cast<std::int64_t>(rng() % 900)),
                                                WeightSource::Scale)
                                      .ok();
                if (!ok)
                    ::_exit(6);
            }
            if (rng() % 3 == 0 && !till.scan(kWalnutEan))
                ::_exit(6);
            if (rng() % 2 &&
                !till.addTender(TenderKind::WeChat, Fen(100), "WX" + std::to_string(rng())))
                ::_exit(7);
            if (!till.addTender(TenderKind::Cash,
                                till.due() + Fen(static_cast<std::int64_t>(rng() % 500))))
                ::_exit(7);
            auto done = till.complete();
            if (!done)
                ::_exit(8);
            const std::int64_t seq = done->seq;
            if (!writeAll(reportFd, &seq, sizeof seq))
                ::_exit(9);
        }
    } catch (...) {
        ::_exit(10);
    }
}

int envInt(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v ? std::atoi(v) : fallback;
}

} // namespace

TEST(CrashSafety, KilledAtRandomWhileSellingLosesNothingAndLeavesNothingHalfDone) {
    TempDir dir;
    const std::string path = dir.file("till.db");
    {
        auto store = LocalStore::open(path).value();
        seedTill(store);
        domain::ManualClock clock(domain::parseLocalDateTime("2026-11-30 09:00:00"));
        Till till(store, clock);
        ASSERT_TRUE(till.login("1001", "1234").ok());
        ASSERT_TRUE(till.openShift(Fen(50000)).ok());
    }

    const int kills = envInt("BAIDIAN_CRASH_KILLS", 250);
    const unsigned seed = static_cast<unsigned>(
        envInt("BAIDIAN_CRASH_SEED", static_cast<int>(std::random_device{}())));
    std::mt19937 rng(seed);
    std::int64_t acknowledged = 0;
    int killsWithProgress = 0;
    std::int64_t lastCount = 0;
    std::int64_t saleMicros = 0; // the child's pace, measured as it goes

    for (int k = 0; k < kills; ++k) {
        int fds[2];
        ASSERT_EQ(::pipe(fds), 0);
        const unsigned childSeed = static_cast<unsigned>(rng());
        const pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            ::close(fds[0]);
            sellForever(path, fds[1], childSeed);
        }
        ::close(fds[1]);
        char ready = 0;
        ASSERT_EQ(::read(fds[0], &ready, 1), 1)
            << "child died before selling (seed " << seed << ")";
        // Let the child finish 0, 1 or 2 sales, then kill it at a random point of the next ones:
        // timed from its own pace, so that a slow machine (or a sanitizer) sees the same mix.
        const int wholeSales = static_cast<int>(rng() % 3);
        auto last = std::chrono::steady_clock::now();
        for (int s = 0; s < wholeSales; ++s) {
            std::int64_t seq = 0;
            ASSERT_EQ(::read(fds[0], &seq, sizeof seq), static_cast<ssize_t>(sizeof seq))
                << "child died (seed " << seed << ")";
            acknowledged = std::max(acknowledged, seq);
            const auto now = std::chrono::steady_clock::now();
            const auto took =
                std::chrono::duration_cast<std::chrono::microseconds>(now - last).count();
            saleMicros = saleMicros == 0 ? took : (saleMicros * 3 + took) / 4;
            last = now;
        }
        const auto window = std::max<std::int64_t>(2000, 2 * saleMicros);
        ::usleep(static_cast<useconds_t>(static_cast<std::int64_t>(rng()) % window));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        ASSERT_TRUE(WIFSIGNALED(status))
            << "child exited by itself with " << WEXITSTATUS(status) << " (seed " << seed << ")";
        std::int64_t seq = 0;
        while (::read(fds[0], &seq, sizeof seq) == static_cast<ssize_t>(sizeof seq))
            acknowledged = std::max(acknowledged, seq);
        ::close(fds[0]);

        auto database = db::openDatabase(path).value();
        ASSERT_TRUE(db::integrityOk(database)) << "after kill " << k << " (seed " << seed << ")";
        const auto count = database.execAndGet("SELECT count(*) FROM sale").getInt64();
        const auto maxSeq =
            database.execAndGet("SELECT COALESCE(MAX(seq), 0) FROM sale").getInt64();
        ASSERT_EQ(count, maxSeq) << "gap in the sequence after kill " << k;
        ASSERT_EQ(database.execAndGet("SELECT count(*) FROM outbox").getInt64(), count);
        ASSERT_EQ(database.execAndGet("SELECT COALESCE(MAX(seq), 0) FROM outbox").getInt64(),
                  maxSeq);
        ASSERT_GE(maxSeq, acknowledged)
            << "a sale the till reported complete was lost after kill " << k;
        const auto partial =
            database
                .execAndGet(
                    "SELECT count(*) FROM sale s WHERE "
                    "s.line_count != (SELECT count(*) FROM sale_line WHERE sale_id = s.id) OR "
                    "s.line_count != (SELECT count(DISTINCT line_no) FROM stock_movement WHERE "
                    "sale_id = s.id) OR "
                    "s.total_fen + s.change_fen != (SELECT SUM(amount_fen) FROM tender WHERE "
                    "sale_id = s.id) OR "
                    "s.total_fen != (SELECT SUM(paid_fen) FROM sale_line WHERE sale_id = s.id) OR "
                    "NOT EXISTS (SELECT 1 FROM journal WHERE seq = s.seq)")
                .getInt64();
        ASSERT_EQ(partial, 0) << "partial sale after kill " << k;
        const auto journal = verifyJournal(database);
        ASSERT_TRUE(journal.ok) << journal.problem << " after kill " << k;
        if (count > lastCount)
            ++killsWithProgress;
        lastCount = count;
    }
    std::cout << "crash test: " << kills << " kills (seed " << seed << "), " << lastCount
              << " sales completed, " << acknowledged
              << " acknowledged to the child before its death, all whole and chained\n";
    EXPECT_GT(killsWithProgress, kills / 4)
        << "the child barely sold anything: the test proves little";
}
