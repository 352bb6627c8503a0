#include "baidian/server/till_events.h"

#include "baidian/crypto/hash_chain.h"
#include "baidian/domain/time.h"
#include "baidian/protocol/codec.h"
#include "baidian/protocol/journal_hash.h"
#include "baidian/server/record_quarantine.h"
#include "baidian/server/terminal_keys.h"

#include <SQLiteCpp/Statement.h>
#include <chrono>
#include <optional>
#include <stdexcept>

namespace baidian::server {

using namespace protocol;

namespace {

/// The role head office gives `code` at this outlet, or nullopt when it has no such person.
std::optional<std::string> roleAt(SQLite::Database& db, std::int64_t outletId,
                                  const std::string& code) {
    SQLite::Statement q(db, "SELECT role FROM cashier WHERE outlet_id = ? AND code = ?");
    q.bind(1, outletId);
    q.bind(2, code);
    if (!q.executeStep())
        return std::nullopt;
    return q.getColumn(0).getString();
}

std::optional<BrokenRule> check(SQLite::Database& db, std::int64_t outletId, const TillEventDoc& e,
                                const std::string& receivedAt, const crypto::JournalKey* key,
                                bool keyedBefore) {
    if (const auto expected = expectedTillEventHash(e, key); !expected || *expected != e.hash)
        return BrokenRule{"event.hash",
                          "its hash does not match its fields: changed after the till "
                          "logged it"};
    // After a keyed event an unkeyed one is what somebody without the key can make.
    if (keyedBefore && e.journalScheme != kJournalSchemeKeyed)
        return BrokenRule{"event.scheme",
                          "not keyed, after keyed events of this till: made without "
                          "the till's journal key"};
    try {
        if (domain::parseIsoUtc(e.at) > domain::parseIsoUtc(receivedAt) + std::chrono::minutes(10))
            return BrokenRule{"event.time", "logged at " + e.at + ", after the server's clock"};
    } catch (const std::invalid_argument&) {
        return BrokenRule{"event.time", "\"" + e.at + "\" is not a UTC time"};
    }
    for (const auto* code : {&e.cashier, &e.subject, &e.approver})
        if (!code->empty() && !roleAt(db, outletId, *code))
            return BrokenRule{"event.cashier",
                              "head office has no cashier " + *code + " at this outlet"};
    if (!e.approver.empty() && roleAt(db, outletId, e.approver) == "cashier")
        return BrokenRule{"event.approver", e.approver + " is a cashier and cannot approve"};
    return std::nullopt;
}

} // namespace

TillEventBatchResult ingestTillEvents(SQLite::Database& db, std::int64_t outletId,
                                      const TillEventBatch& batch, const std::string& receivedAt) {
    constexpr auto kTable = QuarantineTable::TillEvent;
    TillEventBatchResult result;
    quarantineRejected(db, kTable, outletId, batch.terminal, batch.rejected, "event.decode",
                       receivedAt, result.results);
    const auto key = terminalKey(db, outletId, batch.terminal);
    bool keyedBefore = false;
    {
        SQLite::Statement q(db, "SELECT EXISTS(SELECT 1 FROM till_event WHERE outlet_id = ? AND "
                                "terminal_no = ? AND journal_scheme = ?)");
        q.bind(1, outletId);
        q.bind(2, batch.terminal);
        q.bind(3, kJournalSchemeKeyed);
        q.executeStep();
        keyedBefore = q.getColumn(0).getInt() != 0;
    }
    for (const auto& e : batch.events) {
        SQLite::Statement known(db, "SELECT 1 FROM till_event WHERE outlet_id = ? AND uuid = ?");
        known.bind(1, outletId);
        known.bind(2, e.uuid);
        if (known.executeStep()) {
            result.results.push_back({e.uuid, 0, "duplicate", ""});
            continue;
        }
        if (auto before = quarantinedBefore(db, kTable, outletId, e.uuid)) {
            result.results.push_back({e.uuid, 0, "quarantined", *before});
            continue;
        }
        if (auto broken = check(db, outletId, e, receivedAt, key ? &*key : nullptr, keyedBefore)) {
            quarantineRecord(db, kTable, outletId, batch.terminal, e.uuid, *broken, encode(e),
                             receivedAt);
            result.results.push_back({e.uuid, 0, "quarantined", broken->reason});
            continue;
        }
        SQLite::Statement last(db, "SELECT hash FROM till_event WHERE outlet_id = ? AND "
                                   "terminal_no = ? ORDER BY id DESC LIMIT 1");
        last.bind(1, outletId);
        last.bind(2, batch.terminal);
        const std::string previous =
            last.executeStep() ? last.getColumn(0).getString() : crypto::HashChain::genesis();
        SQLite::Statement insert(
            db,
            "INSERT INTO till_event(outlet_id, terminal_no, uuid, kind, shift_no, "
            "cashier_code, subject_code, approver_code, amount_fen, detail, reason, at, "
            "prev_hash, hash, link_ok, received_at, journal_scheme) VALUES (?,?,?,?,?,NULLIF(?,''),"
            "NULLIF(?,''),NULLIF(?,''),?,NULLIF(?,''),NULLIF(?,''),?,?,?,?,?,?)");
        insert.bind(1, outletId);
        insert.bind(2, batch.terminal);
        insert.bind(3, e.uuid);
        insert.bind(4, e.kind);
        insert.bind(5, e.shift);
        insert.bind(6, e.cashier);
        insert.bind(7, e.subject);
        insert.bind(8, e.approver);
        insert.bind(9, e.amountFen);
        insert.bind(10, e.detail);
        insert.bind(11, e.reason);
        insert.bind(12, e.at);
        insert.bind(13, e.prevHash);
        insert.bind(14, e.hash);
        insert.bind(15, e.prevHash == previous ? 1 : 0);
        insert.bind(16, receivedAt);
        insert.bind(17, e.journalScheme);
        insert.exec();
        keyedBefore = keyedBefore || e.journalScheme == kJournalSchemeKeyed;
        result.results.push_back({e.uuid, 0, "stored", ""});
    }
    return result;
}

} // namespace baidian::server
