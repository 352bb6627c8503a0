#include "baidian/pos/sync_agent.h"

#include "baidian/crypto/hash_chain.h"
#include "baidian/domain/time.h"
#include "baidian/pos/journal.h"
#include "baidian/pos/till_events.h"
#include "baidian/protocol/codec.h"
#include "baidian/protocol/journal_hash.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <algorithm>
#include <cctype>
#include <map>
#include <random>
#include <set>

namespace baidian::pos {

using namespace protocol;

namespace {

/// The sale `seq` as uploaded: saleDocOf (the one mapping, the one the journal hashes) with
/// its journal entry's link and scheme.
SaleDoc loadSaleDoc(SQLite::Database& db, std::int64_t seq) {
    SQLite::Statement entry(
        db, "SELECT s.id, j.prev_hash, j.hash, j.scheme FROM sale s JOIN journal j ON j.seq = "
            "s.seq WHERE s.seq = ?");
    entry.bind(1, seq);
    if (!entry.executeStep())
        throw std::runtime_error("outbox row " + std::to_string(seq) + " has no sale");
    SaleDoc s = saleDocOf(db, entry.getColumn(0).getInt64());
    s.prevHash = entry.getColumn(1).getString();
    s.hash = entry.getColumn(2).getString();
    s.journalScheme = entry.getColumn(3).getInt();
    return s;
}

} // namespace

SyncAgent::SyncAgent(LocalStore& store, ServerEndpoint endpoint, SyncProgress progress)
    : m_store(store)
    , m_client(std::move(endpoint))
    , m_progress(std::move(progress)) {}

std::int64_t SyncAgent::pending() {
    return m_store.unsentSales();
}

Result<SaleBatchResult> SyncAgent::postBatch(const std::string& path, const std::string& body,
                                             const std::string& what) {
    auto response = m_client.post(path, body);
    if (!response)
        return response.error();
    if (response->status != 200)
        return fromHttp(*response, what);
    auto result = decodeSaleBatchResult(response->body);
    if (!result)
        return makeError(ErrorCode::Unavailable,
                         "the server's answer was not understood: " + result.error().message);
    return result;
}

Result<std::vector<std::int64_t>> SyncAgent::pushJournalHead() {
    auto terminal = m_store.terminal();
    if (!terminal)
        return terminal.error();
    JournalHeadDoc head{terminal->outletCode, terminal->terminalNo, 0, crypto::HashChain::genesis(),
                        kJournalSchemeAsSent};
    {
        SQLite::Statement q(m_store.database(),
                            "SELECT seq, hash, scheme FROM journal ORDER BY seq DESC LIMIT 1");
        if (q.executeStep()) {
            head.seq = q.getColumn(0).getInt64();
            head.hash = q.getColumn(1).getString();
            head.journalScheme = q.getColumn(2).getInt();
        }
    }
    auto response = m_client.post("/v1/journal-head", encode(head));
    if (!response)
        return response.error();
    if (response->status == 404) {
        say("journal head: this server does not take journal heads yet");
        return std::vector<std::int64_t>{};
    }
    if (response->status != 200)
        return fromHttp(*response, "the journal head");
    auto result = decodeSaleBatchResult(response->body);
    if (!result)
        return makeError(ErrorCode::Unavailable,
                         "the server's answer was not understood: " + result.error().message);
    say("journal head: seq " + std::to_string(head.seq) + " reported");
    return result->journalBreaks;
}

Error SyncAgent::fromHttp(const HttpResult& result, const std::string& what) {
    m_retryAfter = result.retryAfter;
    std::string reason = "HTTP " + std::to_string(result.status);
    if (auto doc = decodeError(result.body))
        reason += ": " + doc->error;
    return makeError(result.status >= 500 ? ErrorCode::Unavailable : ErrorCode::Conflict,
                     "the server refused " + what + " (" + reason + ")");
}

Result<PushSummary> SyncAgent::push(std::size_t batchSize) {
    auto terminal = m_store.terminal();
    if (!terminal)
        return terminal.error();
    auto& db = m_store.database();
    PushSummary summary;
    const auto total = pending();
    say("push: " + std::to_string(total) + " sale(s) waiting");
    std::int64_t after = 0;
    while (true) {
        SaleBatch batch{terminal->outletCode, terminal->terminalNo, {}};
        {
            SQLite::Statement q(
                db,
                "SELECT seq FROM outbox WHERE acked_at IS NULL AND seq > ? ORDER BY seq LIMIT ?");
            q.bind(1, after);
            q.bind(2, static_cast<std::int64_t>(batchSize));
            while (q.executeStep())
                batch.sales.push_back(loadSaleDoc(db, q.getColumn(0).getInt64()));
        }
        if (batch.sales.empty())
            break;
        after = batch.sales.back().seq;
        auto result = postBatch("/v1/sales", encode(batch), "the sales batch");
        if (!result)
            return result.error();
        // Mark exactly what the server answered for, in one local transaction.
        SQLite::Transaction tx(db);
        SQLite::Statement mark(db,
                               "UPDATE outbox SET acked_at = ?, status = ?, reason = NULLIF(?, '') "
                               "WHERE seq = ? AND acked_at IS NULL");
        const auto now = domain::isoUtc(std::chrono::system_clock::now());
        std::map<std::string, const SaleDoc*> sent; // by uuid: what the answer refers to
        for (const auto& s : batch.sales)
            sent[s.uuid] = &s;
        for (const auto& r : result->results) {
            const auto it = sent.find(r.uuid);
            if (it == sent.end())
                continue; // not ours: ignore rather than trust
            mark.bind(1, now);
            mark.bind(2, r.status);
            mark.bind(3, r.reason);
            mark.bind(4, it->second->seq);
            mark.exec();
            mark.reset();
            if (r.status == "stored")
                ++summary.stored;
            else if (r.status == "duplicate")
                ++summary.duplicates;
            else
                summary.quarantined.push_back(it->second->receiptNo + ": " + r.reason);
        }
        tx.commit();
        summary.journalBreaks.insert(summary.journalBreaks.end(), result->journalBreaks.begin(),
                                     result->journalBreaks.end());
        summary.sent += static_cast<int>(batch.sales.size());
        ++summary.batches;
        say("push: " + std::to_string(summary.sent) + "/" + std::to_string(total) + " sent");
    }
    summary.pendingAfter = pending();
    return summary;
}

Result<int> SyncAgent::pushMovements(std::size_t batchSize) {
    auto terminal = m_store.terminal();
    if (!terminal)
        return terminal.error();
    auto& db = m_store.database();
    int stored = 0;
    std::int64_t after = 0;
    while (true) {
        MovementBatch batch{terminal->outletCode, terminal->terminalNo, {}, {}};
        std::map<std::string, std::int64_t> sent; // row id by uuid: what the answer refers to
        {
            SQLite::Statement q(
                db, "SELECT m.id, m.uuid, p.sku, COALESCE(l.code, ''), COALESCE(l.origin_base, "
                    "''), m.kind, "
                    "m.units, m.grams, COALESCE(m.document, ''), COALESCE(m.other_outlet, ''), "
                    "COALESCE(m.reason, ''), m.at FROM stock_movement m JOIN product p ON p.id = "
                    "m.product_id "
                    "LEFT JOIN lot l ON l.id = m.lot_id WHERE m.acked_at IS NULL AND m.id > ? "
                    "ORDER BY m.id LIMIT ?");
            q.bind(1, after);
            q.bind(2, static_cast<std::int64_t>(batchSize));
            while (q.executeStep()) {
                after = q.getColumn(0).getInt64();
                sent[q.getColumn(1).getString()] = after;
                batch.movements.push_back({q.getColumn(1).getString(), q.getColumn(2).getString(),
                                           q.getColumn(3).getString(), q.getColumn(4).getString(),
                                           q.getColumn(5).getString(), q.getColumn(6).getInt64(),
                                           q.getColumn(7).getInt64(), q.getColumn(8).getString(),
                                           q.getColumn(9).getString(), q.getColumn(10).getString(),
                                           q.getColumn(11).getString()});
            }
        }
        if (batch.movements.empty())
            break;
        auto result = postBatch("/v1/movements", encode(batch), "the stock movements");
        if (!result)
            return result.error();
        SQLite::Transaction tx(db);
        SQLite::Statement mark(
            db, "UPDATE stock_movement SET acked_at = ? WHERE id = ? AND acked_at IS NULL");
        const auto now = domain::isoUtc(std::chrono::system_clock::now());
        for (const auto& r : result->results) {
            const auto it = sent.find(r.uuid);
            if (it == sent.end())
                continue; // not ours: ignore rather than trust
            mark.bind(1, now);
            mark.bind(2, it->second);
            mark.exec();
            mark.reset();
            if (r.status == "stored")
                ++stored;
            else if (r.status == "quarantined")
                say("movement " + r.uuid + " quarantined by the server: " + r.reason);
        }
        tx.commit();
    }
    say("stock: " + std::to_string(stored) + " ledger row(s) sent");
    return stored;
}

Result<EventPushSummary> SyncAgent::pushEvents(std::size_t batchSize) {
    auto terminal = m_store.terminal();
    if (!terminal)
        return terminal.error();
    auto& db = m_store.database();
    EventPushSummary summary;
    std::int64_t after = 0;
    while (true) {
        TillEventBatch batch{terminal->outletCode, terminal->terminalNo, {}, {}};
        std::map<std::string, std::pair<std::int64_t, std::string>> sent; // uuid: row id, kind
        for (auto& [id, doc] : unsentTillEvents(db, after, batchSize)) {
            after = id;
            sent[doc.uuid] = {id, doc.kind};
            batch.events.push_back(std::move(doc));
        }
        if (batch.events.empty())
            break;
        auto result = postBatch("/v1/events", encode(batch), "the till's event log");
        if (!result)
            return result.error();
        SQLite::Transaction tx(db);
        SQLite::Statement mark(
            db, "UPDATE till_event SET acked_at = ? WHERE id = ? AND acked_at IS NULL");
        const auto now = domain::isoUtc(std::chrono::system_clock::now());
        for (const auto& r : result->results) {
            const auto it = sent.find(r.uuid);
            if (it == sent.end())
                continue; // not ours: ignore rather than trust
            mark.bind(1, now);
            mark.bind(2, it->second.first);
            mark.exec();
            mark.reset();
            if (r.status == "stored")
                ++summary.stored;
            else if (r.status == "quarantined")
                summary.quarantined.push_back(it->second.second + " " + r.uuid + ": " + r.reason);
        }
        tx.commit();
    }
    for (const auto& q : summary.quarantined)
        say("event quarantined by the server: " + q);
    say("events: " + std::to_string(summary.stored) + " logged event(s) sent");
    return summary;
}

namespace {

/// `text` as a query parameter's value (RFC 3986: all but the unreserved characters escaped).
std::string queryValue(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
    }
    return out;
}

} // namespace

Result<SaleLookup> lookupSale(HttpsClient& client, const std::string& receiptNo,
                              const std::string& uuid) {
    auto response = client.get("/v1/sale?receipt=" + queryValue(receiptNo) +
                               (uuid.empty() ? "" : "&uuid=" + queryValue(uuid)));
    if (!response)
        return response.error();
    std::string reason;
    if (auto doc = decodeError(response->body))
        reason = doc->error;
    // A server older than the route says "no such endpoint": it cannot tell, so not NotFound.
    if (response->status == 404 && !reason.starts_with("no such endpoint"))
        return makeError(ErrorCode::NotFound,
                         "head office has no sale " + receiptNo + ": " + reason);
    if (response->status != 200)
        return makeError(response->status >= 500 || response->status == 404 ? ErrorCode::Unavailable
                                                                            : ErrorCode::Conflict,
                         "the server refused the sale look-up (HTTP " +
                             std::to_string(response->status) + ": " + reason + ")");
    auto found = decodeSaleLookup(response->body);
    if (!found)
        return makeError(ErrorCode::Unavailable,
                         "the server's answer to the sale look-up was not understood: " +
                             found.error().message);
    if (found->sale.receiptNo != receiptNo || (!uuid.empty() && found->sale.uuid != uuid))
        return makeError(ErrorCode::Unavailable, "the server answered the look-up of " + receiptNo +
                                                     " with sale " + found->sale.receiptNo);
    return found;
}

Result<IncomingTransfers> SyncAgent::incomingTransfers() {
    auto response = m_client.get("/v1/transfers/incoming");
    if (!response)
        return response.error();
    if (response->status != 200)
        return fromHttp(*response, "the incoming transfers request");
    auto transfers = decodeIncomingTransfers(response->body);
    if (!transfers)
        return makeError(ErrorCode::Unavailable, "the server's transfer list was not understood: " +
                                                     transfers.error().message);
    for (const auto& s : transfers->skipped)
        say("incoming transfer " + s.key + " skipped, it could not be read: " + s.reason);
    return transfers;
}

Result<ShiftUploadSummary> SyncAgent::uploadShifts() {
    auto terminal = m_store.terminal();
    if (!terminal)
        return terminal.error();
    auto& db = m_store.database();
    std::vector<ShiftReportDoc> reports;
    {
        SQLite::Statement q(
            db, "SELECT s.id, c.code, s.opened_at, s.closed_at, s.float_fen FROM shift s "
                "JOIN cashier c ON c.id = s.cashier_id WHERE s.closed_at IS NOT NULL AND "
                "s.uploaded_at IS NULL");
        while (q.executeStep()) {
            ShiftReportDoc r{terminal->outletCode,       terminal->terminalNo,
                             q.getColumn(0).getInt64(),  q.getColumn(1).getString(),
                             q.getColumn(2).getString(), q.getColumn(3).getString(),
                             q.getColumn(4).getInt64(),  {}};
            SQLite::Statement counts(
                db, "SELECT tender, expected_fen, counted_fen FROM shift_count WHERE shift_id = ?");
            counts.bind(1, r.shiftId);
            while (counts.executeStep())
                r.tenders.push_back({counts.getColumn(0).getString(),
                                     counts.getColumn(1).getInt64(),
                                     counts.getColumn(2).getInt64()});
            reports.push_back(std::move(r));
        }
    }
    ShiftUploadSummary summary;
    for (const auto& r : reports) {
        auto response = m_client.post("/v1/shifts", encode(r));
        if (!response)
            return response.error();
        if (response->status != 200)
            return fromHttp(*response, "shift report " + std::to_string(r.shiftId));
        auto answer = decodeShiftReportAnswer(response->body);
        if (!answer)
            return makeError(ErrorCode::Unavailable,
                             "the server's answer to shift report " + std::to_string(r.shiftId) +
                                 " was not understood: " + answer.error().message);
        // Kept beside another report under this shift id at the server, not stored as it.
        if (answer->conflict) {
            summary.conflicts.push_back(r.shiftId);
            say("shift " + std::to_string(r.shiftId) +
                ": head office already holds another Z report under this shift number; this one "
                "is kept beside it for head office to resolve");
        }
        SQLite::Statement mark(db, "UPDATE shift SET uploaded_at = ? WHERE id = ?");
        mark.bind(1, domain::isoUtc(std::chrono::system_clock::now()));
        mark.bind(2, r.shiftId);
        mark.exec();
        ++summary.uploaded;
    }
    say("shifts: " + std::to_string(summary.uploaded) + " Z report(s) uploaded");
    return summary;
}

Result<PullSummary> SyncAgent::pull() {
    PullSummary summary;
    summary.fromVersion = m_store.settingInt("master_version", 0);
    auto response = m_client.get("/v1/master?since=" + std::to_string(summary.fromVersion));
    if (!response)
        return response.error();
    if (response->status != 200)
        return fromHttp(*response, "the master-data request");
    auto data = decodeMasterData(response->body);
    if (!data)
        return makeError(ErrorCode::Unavailable,
                         "the server's master data was not understood: " + data.error().message);
    auto applied = m_store.applyMasterData(*data);
    if (!applied)
        return applied.error();
    summary.toVersion = data->version;
    summary.products = applied->products;
    summary.promotions = applied->promotions;
    summary.cashiers = applied->cashiers;
    say("pull: master data v" + std::to_string(summary.fromVersion) + " → v" +
        std::to_string(summary.toVersion) + ", " + std::to_string(summary.products) +
        " product(s), " + std::to_string(summary.promotions) + " promotion(s), " +
        std::to_string(summary.cashiers) + " cashier(s)");
    for (const auto& s : m_store.skippedMasterRecords()) {
        summary.skipped.push_back(s.kind + " " + s.key + ": " + s.reason);
        say("pull: skipped " + summary.skipped.back() +
            " (the till cannot take it; head office must correct it)");
    }
    return summary;
}

Result<Reconciliation> SyncAgent::reconcile(const std::string& date) {
    auto terminal = m_store.terminal();
    if (!terminal)
        return terminal.error();
    Reconciliation rec;
    rec.terminal = terminal->terminalNo;
    rec.date = date;
    auto& db = m_store.database();
    std::vector<std::string> acknowledged;
    {
        SQLite::Statement q(
            db, "SELECT s.receipt_no, s.total_fen, s.seq, j.hash, o.acked_at IS NOT NULL, "
                "COALESCE(o.status, ''), COALESCE(o.reason, '') FROM sale s JOIN journal j ON "
                "j.seq = s.seq "
                "JOIN outbox o ON o.seq = s.seq WHERE s.business_date = ? ORDER BY s.seq");
        q.bind(1, date);
        while (q.executeStep()) {
            const auto receipt = q.getColumn(0).getString();
            if (q.getColumn(5).getString() == "quarantined") {
                rec.quarantined.push_back(receipt + ": " + q.getColumn(6).getString());
                continue;
            }
            ++rec.local.count;
            rec.local.totalFen += q.getColumn(1).getInt64();
            rec.local.lastSeq = q.getColumn(2).getInt64();
            rec.local.journalHead = q.getColumn(3).getString();
            if (q.getColumn(4).getInt())
                acknowledged.push_back(receipt);
            else
                rec.notYetSent.push_back(receipt);
        }
    }
    auto response =
        m_client.get("/v1/reconcile?terminal=" + std::to_string(rec.terminal) + "&date=" + date);
    if (!response)
        return response.error();
    if (response->status != 200)
        return fromHttp(*response, "the reconciliation request");
    auto server = decodeReconcile(response->body);
    if (!server)
        return makeError(ErrorCode::Unavailable,
                         "the server's reconciliation was not understood: " +
                             server.error().message);
    rec.server = {server->count, server->totalFen, server->lastSeq, server->journalHead};
    rec.serverMissingSeqs = server->missingSeqs;
    rec.quarantinedEver =
        db.execAndGet("SELECT count(*) FROM outbox WHERE status = 'quarantined'").getInt64();
    const std::set<std::string> onServer(server->receipts.begin(), server->receipts.end());
    std::set<std::string> local(acknowledged.begin(), acknowledged.end());
    local.insert(rec.notYetSent.begin(), rec.notYetSent.end());
    for (const auto& r : acknowledged)
        if (!onServer.count(r))
            rec.missingOnServer.push_back(r);
    for (const auto& r : server->receipts)
        if (!local.count(r))
            rec.unknownLocally.push_back(r);
    say("reconcile " + date + ": local " + std::to_string(rec.local.count) + " sale(s) " +
        domain::Fen(rec.local.totalFen).format() + ", server " + std::to_string(rec.server.count) +
        " sale(s) " + domain::Fen(rec.server.totalFen).format() +
        (rec.matches() ? ": equal" : ": DIFFERENT"));
    if (rec.unexplainedGaps() > 0)
        say("reconcile: the server is missing " + std::to_string(rec.unexplainedGaps()) +
            " sequence number(s) of terminal " + std::to_string(rec.terminal) +
            " that no quarantined sale explains");
    return rec;
}

// --- BackgroundSync -----------------------------------------------------------------------------

BackgroundSync::BackgroundSync(std::string databasePath, ServerEndpoint endpoint,
                               std::chrono::seconds interval)
    : m_path(std::move(databasePath))
    , m_endpoint(std::move(endpoint))
    , m_interval(interval) {}

BackgroundSync::~BackgroundSync() {
    stop();
}

void BackgroundSync::start() {
    if (!m_thread.joinable())
        m_thread = std::thread([this] { run(); });
}

void BackgroundSync::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void BackgroundSync::nudge() {
    {
        std::lock_guard lock(m_mutex);
        m_nudged = true;
    }
    m_wake.notify_all();
}

std::string BackgroundSync::lastError() const {
    std::lock_guard lock(m_mutex);
    return m_lastError;
}

void BackgroundSync::run() {
    std::mt19937 rng(std::random_device{}());
    auto store = LocalStore::open(m_path);
    if (!store) {
        std::lock_guard lock(m_mutex);
        m_lastError = store.error().message;
        return;
    }
    SyncAgent agent(store.value(), m_endpoint);
    std::chrono::milliseconds backoff{1000};
    std::optional<std::chrono::steady_clock::time_point> lastPull;
    while (true) {
        // The journal head goes with every pass, and at least every 5 minutes.
        std::chrono::milliseconds wait =
            std::min<std::chrono::milliseconds>(m_interval, std::chrono::minutes(5));
        try {
            auto pushed = agent.push();
            if (pushed) { // stock ledger rows and the event log follow the sales
                if (auto moved = agent.pushMovements(); !moved)
                    pushed = moved.error();
                else if (auto events = agent.pushEvents(); !events)
                    pushed = events.error();
                else if (auto head = agent.pushJournalHead(); !head)
                    pushed = head.error();
            }
            // Head office's changes (prices, quick keys, cashiers) during the day, at most once
            // an interval; it is also what tells an idle till that the server still answers
            // (a push with nothing to send makes no request).
            const auto now = std::chrono::steady_clock::now();
            if (pushed && (!lastPull || now - *lastPull >= m_interval)) {
                if (auto pulled = agent.pull(); !pulled) {
                    pushed = pulled.error();
                } else {
                    lastPull = now;
                }
            }
            m_pending = agent.pending();
            if (pushed) {
                m_online = true;
                m_lastContact = std::chrono::steady_clock::now().time_since_epoch().count();
                backoff = std::chrono::milliseconds(1000);
                std::lock_guard lock(m_mutex);
                m_lastError.clear();
            } else {
                m_online = pushed.error().code != ErrorCode::Unavailable ? m_online.load() : false;
                // Exponential backoff with full jitter, so that 600 tills do not retry in step.
                wait = std::chrono::milliseconds(std::uniform_int_distribution<std::int64_t>(
                    backoff.count() / 2, backoff.count())(rng));
                // Never sooner than the server asked (503 + Retry-After: its caps were full).
                wait = std::max<std::chrono::milliseconds>(wait, agent.takeRetryAfter());
                backoff = std::min(backoff * 2, std::chrono::milliseconds(60000));
                std::lock_guard lock(m_mutex);
                m_lastError = pushed.error().message;
            }
        } catch (const std::exception& e) {
            std::lock_guard lock(m_mutex);
            m_lastError = e.what();
        }
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, wait, [this] { return m_stop || m_nudged; });
        if (m_stop)
            return;
        m_nudged = false;
    }
}

} // namespace baidian::pos
