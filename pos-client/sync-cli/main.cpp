// pos-sync: the nightly job of one till. Pushes every waiting sale, uploads closed shifts, pulls
// master data and reconciles the day with the server; prints progress and a summary and exits
// non-zero with the reason when anything is off:
//   0 all done and reconciled, 1 local problem (database, certificate files), 2 server
//   unreachable or refusing, 3 records quarantined or journal breaks, 4 figures differ.
#include "baidian/domain/clock.h"
#include "baidian/domain/time.h"
#include "baidian/domain/version.h"
#include "baidian/pos/sync_agent.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>

using namespace baidian;
using namespace baidian::pos;

namespace {

/// The command line, as parsed.
struct Options {
    std::string database = "till.db", server = "localhost:8443";
    ServerEndpoint endpoint;
    std::vector<std::string> dates;
    int timeout = 15;
    bool noPull = false;
    TerminalConfig setup;
};

/// What the night's steps found: the problems the summary lists and the exit status they call
/// for (3 quarantined records or journal breaks, 4 figures that differ).
struct Findings {
    int status = 0;
    std::vector<std::string> problems;
};

/// What was sent, for the summary.
struct Drained {
    PushSummary pushed;
    ShiftUploadSummary shifts;
};

void printFigures(const char* who, const DayFigures& f) {
    std::cout << "  " << who << ": " << f.count << " sale(s), " << domain::Fen(f.totalFen).format()
              << ", last seq " << f.lastSeq << ", journal head "
              << (f.journalHead.empty() ? "-" : f.journalHead.substr(0, 16)) << "\n";
}

int exitFor(const Error& error) {
    return error.code == ErrorCode::Unavailable || error.code == ErrorCode::Conflict ? 2 : 1;
}

/// Reports a failed step on standard error; returns its exit code.
int failed(const char* step, const Error& error) {
    std::cerr << "pos-sync: " << step << " failed: " << error.message << "\n";
    return exitFor(error);
}

void addOptions(CLI::App& app, Options& o) {
    app.set_version_flag("--version", baidian::domain::versionLine("pos-sync"));
    app.add_option("--db", o.database, "the till's database")->envname("BAIDIAN_TILL_DB");
    app.add_option("--server", o.server,
                   "host:port of the store-server (the host must match its certificate)")
        ->envname("BAIDIAN_SERVER");
    app.add_option("--ca", o.endpoint.caFile, "network CA certificate")
        ->required()
        ->envname("BAIDIAN_CA");
    app.add_option("--cert", o.endpoint.certFile, "this outlet's certificate")
        ->required()
        ->envname("BAIDIAN_CERT");
    app.add_option("--key", o.endpoint.keyFile, "this outlet's private key")
        ->required()
        ->envname("BAIDIAN_KEY");
    app.add_option("--date", o.dates,
                   "business day(s) to reconcile, YYYY-MM-DD (default: today, China time)");
    app.add_option("--timeout", o.timeout, "seconds per network stage");
    app.add_flag("--no-pull", o.noPull, "do not download master data");
    auto* outletOption =
        app.add_option("--outlet", o.setup.outletCode,
                       "first sync of a new till: the outlet it belongs to (as its certificate)");
    app.add_option("--outlet-name", o.setup.outletName, "with --outlet: the name receipts print")
        ->needs(outletOption);
    app.add_option("--terminal", o.setup.terminalNo, "with --outlet: this till's number (1-99)")
        ->check(CLI::Range(1, 99))
        ->needs(outletOption);
}

/// The endpoint from --server and --timeout; today (by `clock`) when no --date was given.
void completeOptions(Options& o, const domain::Clock& clock) {
    const auto colon = o.server.rfind(':');
    o.endpoint.host = o.server.substr(0, colon);
    o.endpoint.port = colon == std::string::npos ? "8443" : o.server.substr(colon + 1);
    o.endpoint.timeout = std::chrono::seconds(o.timeout);
    if (o.dates.empty())
        o.dates.push_back(domain::businessDate(clock.now()));
}

/// Sets the till up as --outlet/--terminal on its first sync, or checks it is that till.
/// Returns an exit code (1) when it is not a till, or another one.
std::optional<int> checkTerminal(LocalStore& till, Options& o) {
    auto& setup = o.setup;
    const auto known = till.terminal();
    if (setup.outletCode.empty()) {
        if (known)
            return std::nullopt;
        std::cerr << "pos-sync: " << o.database
                  << " is not set up as a till yet: give --outlet CODE --terminal N on its "
                     "first sync\n";
        return 1;
    }
    if (known) {
        if (known->outletCode == setup.outletCode && known->terminalNo == setup.terminalNo)
            return std::nullopt;
        std::cerr << "pos-sync: " << o.database << " is already terminal " << known->terminalNo
                  << " of " << known->outletCode << "; nothing was changed\n";
        return 1;
    }
    if (setup.outletName.empty())
        setup.outletName = setup.outletCode;
    if (auto ok = till.setTerminal(setup); !ok) {
        std::cerr << "pos-sync: " << ok.error().message << "\n";
        return 1;
    }
    std::cout << "set up " << o.database << " as terminal " << setup.terminalNo << " of "
              << setup.outletCode << "\n";
    return std::nullopt;
}

/// Sends what waits at the till: sales, stock movements, the event log, the journal head and
/// closed shifts, in that order. Returns the exit code of the first step that fails.
std::optional<int> drain(SyncAgent& agent, Findings& found, Drained& sent) {
    auto pushed = agent.push();
    if (!pushed) {
        std::cerr << "pos-sync: push failed: " << pushed.error().message << "\n";
        std::cout << "summary: FAILED, " << agent.pending()
                  << " sale(s) still waiting; nothing was lost, run again\n";
        return exitFor(pushed.error());
    }
    for (const auto& q : pushed->quarantined)
        found.problems.push_back("quarantined by the server: " + q);
    for (const auto seq : pushed->journalBreaks)
        found.problems.push_back("journal break reported by the server at sequence " +
                                 std::to_string(seq));
    if (!found.problems.empty())
        found.status = 3;
    sent.pushed = *pushed;

    if (auto movements = agent.pushMovements(); !movements)
        return failed("stock movements", movements.error());
    auto events = agent.pushEvents();
    if (!events)
        return failed("event log", events.error());
    for (const auto& q : events->quarantined)
        found.problems.push_back("event quarantined by the server: " + q);
    if (!events->quarantined.empty())
        found.status = 3;
    auto head = agent.pushJournalHead();
    if (!head)
        return failed("journal head", head.error());
    for (const auto seq : *head)
        found.problems.push_back("journal break reported by the server at sequence " +
                                 std::to_string(seq) + " (against the journal head)");
    if (!head->empty())
        found.status = 3;
    auto shifts = agent.uploadShifts();
    if (!shifts)
        return failed("shift upload", shifts.error());
    for (const auto id : shifts->conflicts)
        found.problems.push_back("Z report of shift " + std::to_string(id) +
                                 ": head office already holds another report under this shift "
                                 "number (kept beside it; head office must resolve it)");
    sent.shifts = *shifts;
    return std::nullopt;
}

/// Downloads master data unless --no-pull; `skipped` gets the records the till could not take.
std::optional<int> pull(SyncAgent& agent, const Options& o, std::vector<std::string>& skipped) {
    if (o.noPull)
        return std::nullopt;
    auto pulled = agent.pull();
    if (!pulled)
        return failed("pull", pulled.error());
    skipped = pulled->skipped;
    return std::nullopt;
}

/// What one day's reconciliation found, printed and added to `found`. `last`: the last day
/// asked for, the one whose sequence gaps are reported.
void noteReconciliation(const Reconciliation& rec, const std::string& date, bool last,
                        Findings& found) {
    auto& problems = found.problems;
    std::cout << "terminal " << rec.terminal << " on " << rec.date << ":\n";
    printFigures("local ", rec.local);
    printFigures("server", rec.server);
    for (const auto& r : rec.missingOnServer)
        problems.push_back(date + ": receipt " + r +
                           " was acknowledged but is missing on the server");
    for (const auto& r : rec.unknownLocally)
        problems.push_back(date + ": receipt " + r + " is on the server but not on this till");
    for (const auto& r : rec.notYetSent)
        problems.push_back(date + ": receipt " + r + " has not been sent yet");
    if (rec.unexplainedGaps() > 0 && last)
        problems.push_back("the server is missing " + std::to_string(rec.unexplainedGaps()) +
                           " sequence number(s) of terminal " + std::to_string(rec.terminal) +
                           " that no quarantined sale explains: sales of this till that never "
                           "reached head office, or another device using its terminal number");
    if ((!rec.matches() || rec.unexplainedGaps() > 0) && found.status == 0)
        found.status = 4;
    if (!rec.matches() && rec.missingOnServer.empty() && rec.unknownLocally.empty() &&
        rec.notYetSent.empty())
        problems.push_back(date + ": the day's figures differ (see above)");
}

/// Compares each --date with the server.
std::optional<int> reconcile(SyncAgent& agent, const Options& o, Findings& found) {
    for (const auto& date : o.dates) {
        auto rec = agent.reconcile(date);
        if (!rec)
            return failed("reconcile", rec.error());
        noteReconciliation(*rec, date, date == o.dates.back(), found);
    }
    return std::nullopt;
}

/// Prints the summary lines; returns the exit code: 0 when nothing is off.
int summary(const Drained& sent, const std::vector<std::string>& skipped, const Findings& found) {
    const auto& pushed = sent.pushed;
    std::cout << "summary: pushed " << pushed.sent << " (" << pushed.stored << " stored, "
              << pushed.duplicates << " already there, " << pushed.quarantined.size()
              << " quarantined) in " << pushed.batches << " batch(es), " << sent.shifts.uploaded
              << " shift report(s); " << pushed.pendingAfter << " waiting\n";
    // A master record the till cannot take is head office's to correct; the rest was applied,
    // so it does not fail the night's job.
    if (!skipped.empty()) {
        std::cout << "summary: master data: " << skipped.size()
                  << " record(s) skipped, the rest applied; head office must correct:\n";
        for (const auto& s : skipped)
            std::cout << "  - " << s << "\n";
    }
    if (found.problems.empty()) {
        std::cout << "summary: OK, everything reconciled\n";
        return 0;
    }
    std::cout << "summary: " << found.problems.size() << " problem(s):\n";
    for (const auto& p : found.problems)
        std::cout << "  - " << p << "\n";
    return found.status == 0 ? 4 : found.status;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"pos-sync: push, pull and reconcile one till with the Baidian server"};
    Options options;
    addOptions(app, options);
    CLI11_PARSE(app, argc, argv);
    completeOptions(options, domain::SystemClock{});

    auto store = LocalStore::open(options.database);
    if (!store) {
        std::cerr << "pos-sync: " << store.error().message << "\n";
        return 1;
    }
    if (auto refused = checkTerminal(store.value(), options))
        return *refused;
    SyncAgent agent(store.value(), options.endpoint,
                    [](const std::string& line) { std::cout << line << std::endl; });

    Findings found;
    Drained sent;
    std::vector<std::string> skipped;
    if (auto stopped = drain(agent, found, sent))
        return *stopped;
    if (auto stopped = pull(agent, options, skipped))
        return *stopped;
    if (auto stopped = reconcile(agent, options, found))
        return *stopped;
    return summary(sent, skipped, found);
}
