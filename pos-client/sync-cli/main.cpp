// pos-sync: the nightly job of one till. Pushes every waiting sale, uploads closed shifts, pulls
// master data and reconciles the day with the server; prints progress and a summary and exits
// non-zero with the reason when anything is off:
//   0 all done and reconciled, 1 local problem (database, certificate files), 2 server
//   unreachable or refusing, 3 records quarantined or journal breaks, 4 figures differ.
#include "baidian/domain/time.h"
#include "baidian/domain/version.h"
#include "baidian/pos/sync_agent.h"

#include <CLI/CLI.hpp>
#include <iostream>

using namespace baidian;
using namespace baidian::pos;

namespace {

void printFigures(const char* who, const DayFigures& f) {
    std::cout << "  " << who << ": " << f.count << " sale(s), " << domain::Fen(f.totalFen).format()
              << ", last seq " << f.lastSeq << ", journal head "
              << (f.journalHead.empty() ? "-" : f.journalHead.substr(0, 16)) << "\n";
}

int exitFor(const Error& error) {
    return error.code == ErrorCode::Unavailable || error.code == ErrorCode::Conflict ? 2 : 1;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"pos-sync: push, pull and reconcile one till with the Baidian server"};
    app.set_version_flag("--version", baidian::domain::versionLine("pos-sync"));
    std::string database = "till.db", server = "localhost:8443";
    ServerEndpoint endpoint;
    std::vector<std::string> dates;
    int timeout = 15;
    bool noPull = false;
    app.add_option("--db", database, "the till's database")->envname("BAIDIAN_TILL_DB");
    app.add_option("--server", server,
                   "host:port of the store-server (the host must match its certificate)")
        ->envname("BAIDIAN_SERVER");
    app.add_option("--ca", endpoint.caFile, "network CA certificate")
        ->required()
        ->envname("BAIDIAN_CA");
    app.add_option("--cert", endpoint.certFile, "this outlet's certificate")
        ->required()
        ->envname("BAIDIAN_CERT");
    app.add_option("--key", endpoint.keyFile, "this outlet's private key")
        ->required()
        ->envname("BAIDIAN_KEY");
    app.add_option("--date", dates,
                   "business day(s) to reconcile, YYYY-MM-DD (default: today, China time)");
    app.add_option("--timeout", timeout, "seconds per network stage");
    app.add_flag("--no-pull", noPull, "do not download master data");
    TerminalConfig setup;
    auto* outletOption =
        app.add_option("--outlet", setup.outletCode,
                       "first sync of a new till: the outlet it belongs to (as its certificate)");
    app.add_option("--outlet-name", setup.outletName, "with --outlet: the name receipts print")
        ->needs(outletOption);
    app.add_option("--terminal", setup.terminalNo, "with --outlet: this till's number (1-99)")
        ->check(CLI::Range(1, 99))
        ->needs(outletOption);
    CLI11_PARSE(app, argc, argv);

    const auto colon = server.rfind(':');
    endpoint.host = server.substr(0, colon);
    endpoint.port = colon == std::string::npos ? "8443" : server.substr(colon + 1);
    endpoint.timeout = std::chrono::seconds(timeout);
    if (dates.empty())
        dates.push_back(domain::businessDate(std::chrono::system_clock::now()));

    auto store = LocalStore::open(database);
    if (!store) {
        std::cerr << "pos-sync: " << store.error().message << "\n";
        return 1;
    }
    auto& till = store.value();
    if (auto known = till.terminal(); !setup.outletCode.empty()) {
        if (!known) {
            if (setup.outletName.empty())
                setup.outletName = setup.outletCode;
            if (auto ok = till.setTerminal(setup); !ok) {
                std::cerr << "pos-sync: " << ok.error().message << "\n";
                return 1;
            }
            std::cout << "set up " << database << " as terminal " << setup.terminalNo << " of "
                      << setup.outletCode << "\n";
        } else if (known->outletCode != setup.outletCode || known->terminalNo != setup.terminalNo) {
            std::cerr << "pos-sync: " << database << " is already terminal " << known->terminalNo
                      << " of " << known->outletCode << "; nothing was changed\n";
            return 1;
        }
    } else if (!known) {
        std::cerr << "pos-sync: " << database
                  << " is not set up as a till yet: give --outlet CODE --terminal N on its "
                     "first sync\n";
        return 1;
    }
    SyncAgent agent(store.value(), endpoint,
                    [](const std::string& line) { std::cout << line << std::endl; });

    int status = 0;
    std::vector<std::string> problems;
    auto pushed = agent.push();
    if (!pushed) {
        std::cerr << "pos-sync: push failed: " << pushed.error().message << "\n";
        std::cout << "summary: FAILED, " << agent.pending()
                  << " sale(s) still waiting; nothing was lost, run again\n";
        return exitFor(pushed.error());
    }
    for (const auto& q : pushed->quarantined)
        problems.push_back("quarantined by the server: " + q);
    for (const auto seq : pushed->journalBreaks)
        problems.push_back("journal break reported by the server at sequence " +
                           std::to_string(seq));
    if (!problems.empty())
        status = 3;

    auto movements = agent.pushMovements();
    if (!movements) {
        std::cerr << "pos-sync: stock movements failed: " << movements.error().message << "\n";
        return exitFor(movements.error());
    }
    auto events = agent.pushEvents();
    if (!events) {
        std::cerr << "pos-sync: event log failed: " << events.error().message << "\n";
        return exitFor(events.error());
    }
    for (const auto& q : events->quarantined)
        problems.push_back("event quarantined by the server: " + q);
    if (!events->quarantined.empty())
        status = 3;
    auto head = agent.pushJournalHead();
    if (!head) {
        std::cerr << "pos-sync: journal head failed: " << head.error().message << "\n";
        return exitFor(head.error());
    }
    for (const auto seq : *head)
        problems.push_back("journal break reported by the server at sequence " +
                           std::to_string(seq) + " (against the journal head)");
    if (!head->empty())
        status = 3;
    auto shifts = agent.uploadShifts();
    if (!shifts) {
        std::cerr << "pos-sync: shift upload failed: " << shifts.error().message << "\n";
        return exitFor(shifts.error());
    }
    for (const auto id : shifts->conflicts)
        problems.push_back("Z report of shift " + std::to_string(id) +
                           ": head office already holds another report under this shift "
                           "number (kept beside it; head office must resolve it)");
    std::vector<std::string> skipped;
    if (!noPull) {
        auto pulled = agent.pull();
        if (!pulled) {
            std::cerr << "pos-sync: pull failed: " << pulled.error().message << "\n";
            return exitFor(pulled.error());
        }
        skipped = pulled->skipped;
    }
    for (const auto& date : dates) {
        auto rec = agent.reconcile(date);
        if (!rec) {
            std::cerr << "pos-sync: reconcile failed: " << rec.error().message << "\n";
            return exitFor(rec.error());
        }
        std::cout << "terminal " << rec->terminal << " on " << rec->date << ":\n";
        printFigures("local ", rec->local);
        printFigures("server", rec->server);
        for (const auto& r : rec->missingOnServer)
            problems.push_back(date + ": receipt " + r +
                               " was acknowledged but is missing on the server");
        for (const auto& r : rec->unknownLocally)
            problems.push_back(date + ": receipt " + r + " is on the server but not on this till");
        for (const auto& r : rec->notYetSent)
            problems.push_back(date + ": receipt " + r + " has not been sent yet");
        if (rec->unexplainedGaps() > 0 && date == dates.back())
            problems.push_back(
                "the server is missing " + std::to_string(rec->unexplainedGaps()) +
                " sequence number(s) of terminal " + std::to_string(rec->terminal) +
                " that no quarantined sale explains: sales of this till that never reached "
                "head office, or another device using its terminal number");
        if ((!rec->matches() || rec->unexplainedGaps() > 0) && status == 0)
            status = 4;
        if (!rec->matches() && rec->missingOnServer.empty() && rec->unknownLocally.empty() &&
            rec->notYetSent.empty())
            problems.push_back(date + ": the day's figures differ (see above)");
    }
    std::cout << "summary: pushed " << pushed->sent << " (" << pushed->stored << " stored, "
              << pushed->duplicates << " already there, " << pushed->quarantined.size()
              << " quarantined) in " << pushed->batches << " batch(es), " << shifts->uploaded
              << " shift report(s); " << pushed->pendingAfter << " waiting\n";
    // A master record the till cannot take is head office's to correct; the rest was applied,
    // so it does not fail the night's job.
    if (!skipped.empty()) {
        std::cout << "summary: master data: " << skipped.size()
                  << " record(s) skipped, the rest applied; head office must correct:\n";
        for (const auto& s : skipped)
            std::cout << "  - " << s << "\n";
    }
    if (problems.empty()) {
        std::cout << "summary: OK, everything reconciled\n";
        return 0;
    }
    std::cout << "summary: " << problems.size() << " problem(s):\n";
    for (const auto& p : problems)
        std::cout << "  - " << p << "\n";
    return status == 0 ? 4 : status;
}
