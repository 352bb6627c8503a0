#pragma once

#include "baidian/pos/https_client.h"
#include "baidian/pos/local_store.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace baidian::pos {

struct PushSummary {
    int batches = 0;
    int sent = 0;
    int stored = 0;
    int duplicates = 0; ///< the server already had them (an earlier, unacknowledged try)
    std::vector<std::string> quarantined; ///< "receipt: reason"
    std::vector<std::int64_t> journalBreaks;
    std::int64_t pendingAfter = 0;
};

/// What one push of the loss-prevention log did.
struct EventPushSummary {
    int stored = 0;
    /// "<kind> <uuid>: <reason>" for each event the server quarantined.
    std::vector<std::string> quarantined;
};

struct ShiftUploadSummary {
    int uploaded = 0; ///< Z reports the server took (stored, or a repeat of one it holds)
    /// Shift ids under which head office already held another Z report (a reinstalled till
    /// restarting its shift numbers): kept beside the first at the server, for head office.
    std::vector<std::int64_t> conflicts;
};

struct PullSummary {
    std::int64_t fromVersion = 0;
    std::int64_t toVersion = 0;
    int products = 0;
    int promotions = 0;
    int cashiers = 0;
    /// Master records this till could not take, of this pull and of earlier ones that head
    /// office has not corrected yet: "product AKS-X: name: is 900 bytes long; ...". The rest
    /// was applied and the version moved on.
    std::vector<std::string> skipped;
};

struct DayFigures {
    std::int64_t count = 0;
    std::int64_t totalFen = 0;
    std::int64_t lastSeq = 0;
    std::string journalHead;
};

/// Local and server figures of this terminal's business day, and what differs.
struct Reconciliation {
    int terminal = 0;
    std::string date;
    DayFigures local; ///< sales the server accepted or should have (quarantined ones excluded)
    DayFigures server;
    std::vector<std::string>
        missingOnServer;                 ///< receipts sent and acknowledged but not on the server
    std::vector<std::string> notYetSent; ///< receipts still in the outbox
    std::vector<std::string> unknownLocally; ///< receipts the server has that this till does not
    std::vector<std::string> quarantined;    ///< "receipt: reason"
    /// Sequence numbers of this terminal below the highest one the server holds that the server
    /// has not stored (seq 10 after seq 1: 8), whatever their day.
    std::int64_t serverMissingSeqs = 0;
    /// This till's sales the server quarantined, whatever their day: each leaves such a hole.
    std::int64_t quarantinedEver = 0;
    /// Holes in the server's sequence no quarantined sale explains: sales of this terminal
    /// that never reached head office, or another device numbering as this terminal.
    std::int64_t unexplainedGaps() const {
        return serverMissingSeqs > quarantinedEver ? serverMissingSeqs - quarantinedEver : 0;
    }
    bool matches() const {
        return missingOnServer.empty() && unknownLocally.empty() && notYetSent.empty() &&
               local.count == server.count && local.totalFen == server.totalFen &&
               local.journalHead == server.journalHead;
    }
};

using SyncProgress = std::function<void(const std::string&)>;

/// GET /v1/sale: the outlet's sale printed as `receiptNo` (with `uuid`, if not empty) as head
/// office holds it, and the returns stored against it; for a return of another till's receipt
/// (Till::setSaleLookup). Errors: NotFound (head office has no such sale of this outlet),
/// Unavailable (cannot connect, or an answer not understood), Conflict (refused).
Result<protocol::SaleLookup> lookupSale(HttpsClient& client, const std::string& receiptNo,
                                        const std::string& uuid);

/// One till's exchange with the server, run by the nightly pos-sync job and by BackgroundSync:
/// push the outbox in batches (an outbox row is marked only after the server's answer, and the
/// server applies every upload idempotently, so a retry never doubles a sale), upload closed
/// shifts, pull master data, reconcile a day. Not thread-safe: uses the store's connection.
class SyncAgent {
public:
    SyncAgent(LocalStore& store, ServerEndpoint endpoint, SyncProgress progress = {});

    std::int64_t pending();
    Result<PushSummary> push(std::size_t batchSize = 200);
    /// Pushes the stock ledger rows not yet acknowledged (receiving, sales, write-offs,
    /// transfers, counts); each is applied once on the server by its UUID. Returns how many the
    /// server newly stored.
    Result<int> pushMovements(std::size_t batchSize = 500);
    /// Pushes the loss-prevention log (voids, removed lines, drawer openings, cash in/out, PIN
    /// locks, reprints) not yet acknowledged, in the order logged; each is applied once.
    Result<EventPushSummary> pushEvents(std::size_t batchSize = 500);
    /// Reports where this till's journal stands (its last entry's seq, hash and scheme; seq 0
    /// for an empty journal) to POST /v1/journal-head, after the sales were pushed. Sales the
    /// server later receives for that seq must end at that hash, so a history rewritten after
    /// this report is found there. Returns the journal breaks the server found against it
    /// (sales it holds that disagree). A server without the route (404, older than it) is
    /// said and answered with no breaks.
    Result<std::vector<std::int64_t>> pushJournalHead();
    /// Transfers other outlets sent here that are still in transit (to be booked on arrival).
    /// An entry the till cannot read is left out and listed in `skipped` (and said).
    Result<protocol::IncomingTransfers> incomingTransfers();
    /// Uploads closed shifts' Z reports; one the server holds under another report's shift id
    /// is kept there beside it and listed in `conflicts` (and said).
    Result<ShiftUploadSummary> uploadShifts();
    /// Downloads and applies master data since the version held. A record the till cannot
    /// take is skipped and reported (PullSummary::skipped, and said), never the whole pull.
    Result<PullSummary> pull();
    Result<Reconciliation> reconcile(const std::string& date);
    /// pos::lookupSale over this agent's connection.
    Result<protocol::SaleLookup> lookupSale(const std::string& receiptNo, const std::string& uuid) {
        return pos::lookupSale(m_client, receiptNo, uuid);
    }
    /// The Retry-After of the last refusal (503: the server's writer or this outlet's uploads
    /// are at their cap; nothing was stored and the outbox keeps it), 0 if none; cleared.
    std::chrono::seconds takeRetryAfter() { return std::exchange(m_retryAfter, {}); }

private:
    void say(const std::string& line) {
        if (m_progress)
            m_progress(line);
    }
    Error fromHttp(const HttpResult& result, const std::string& what);
    /// POSTs a batch (sales, stock rows, events) and reads the per-record answer every upload
    /// gets; a refusal is fromHttp's error, an answer not understood is Unavailable.
    Result<protocol::SaleBatchResult> postBatch(const std::string& path, const std::string& body,
                                                const std::string& what);

    LocalStore& m_store;
    HttpsClient m_client;
    SyncProgress m_progress;
    std::chrono::seconds m_retryAfter{0};
};

/// The till's background drainer: a thread with its own database connection that pushes the
/// outbox whenever nudged (after each sale) or every `interval`, backing off exponentially with
/// jitter (1 s doubling to 60 s) while the server is unreachable. The till never waits for it.
class BackgroundSync {
public:
    /// Every pass pushes the sales, stock rows and events, then reports the journal head; a
    /// pass runs at least every 5 minutes whatever `interval` says.
    BackgroundSync(std::string databasePath, ServerEndpoint endpoint,
                   std::chrono::seconds interval = std::chrono::seconds(30));
    ~BackgroundSync();

    void start();
    void stop();
    void nudge();

    /// Whether the server answered the last pass, and did so recently: a till that has not
    /// heard from it for two intervals and a half (a pass hung on a dead link) is not online.
    bool online() const {
        const auto heard = std::chrono::steady_clock::duration(m_lastContact.load());
        return m_online.load() &&
               std::chrono::steady_clock::now().time_since_epoch() - heard < m_interval * 5 / 2;
    }
    std::int64_t pending() const { return m_pending.load(); }
    std::string lastError() const;

private:
    void run();

    std::string m_path;
    ServerEndpoint m_endpoint;
    std::chrono::seconds m_interval;
    std::atomic<bool> m_online{false};
    std::atomic<std::chrono::steady_clock::rep> m_lastContact{0}; ///< since the clock's epoch
    std::atomic<std::int64_t> m_pending{0};
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_nudged = false;
    std::string m_lastError;
    std::thread m_thread;
};

} // namespace baidian::pos
