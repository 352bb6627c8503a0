#include "baidian/pos/till_events.h"

#include "baidian/crypto/hash_chain.h"
#include "baidian/crypto/secrets.h"
#include "baidian/protocol/journal_hash.h"

#include <SQLiteCpp/Statement.h>

namespace baidian::pos {

namespace {

constexpr std::pair<TillEventKind, std::string_view> kKinds[] = {
    {TillEventKind::Void, "void"},
    {TillEventKind::LineRemoved, "line_removed"},
    {TillEventKind::NoSale, "no_sale"},
    {TillEventKind::CashIn, "cash_in"},
    {TillEventKind::CashOut, "cash_out"},
    {TillEventKind::PinLocked, "pin_locked"},
    {TillEventKind::PinUnlocked, "pin_unlocked"},
    {TillEventKind::Reprint, "reprint"},
    {TillEventKind::NoReceiptReturn, "no_receipt_return"}};

std::string codeOf(SQLite::Database& db, const std::optional<std::int64_t>& id) {
    if (!id)
        return {};
    SQLite::Statement q(db, "SELECT code FROM cashier WHERE id = ?");
    q.bind(1, *id);
    return q.executeStep() ? q.getColumn(0).getString() : "#" + std::to_string(*id);
}

std::optional<std::int64_t> optionalId(const SQLite::Column& c) {
    if (c.isNull())
        return std::nullopt;
    return c.getInt64();
}

void bindOptional(SQLite::Statement& q, int index, const std::optional<std::int64_t>& v) {
    if (v)
        q.bind(index, *v);
    else
        q.bind(index);
}

constexpr const char* kColumns =
    "e.id, e.uuid, e.shift_id, e.kind, e.cashier_id, e.subject_id, e.approver_id, e.amount_fen, "
    "e.detail, e.reason, e.at, e.hash, e.prev_hash, e.scheme";

TillEvent eventOf(SQLite::Statement& q) {
    TillEvent e;
    e.id = q.getColumn(0).getInt64();
    e.uuid = q.getColumn(1).getString();
    e.shiftId = optionalId(q.getColumn(2));
    e.kind = parseTillEventKind(q.getColumn(3).getString()).value();
    e.cashierId = optionalId(q.getColumn(4));
    e.subjectId = optionalId(q.getColumn(5));
    e.approverId = optionalId(q.getColumn(6));
    e.amount = domain::Fen(q.getColumn(7).getInt64());
    e.detail = q.getColumn(8).getString();
    e.reason = q.getColumn(9).getString();
    e.at = q.getColumn(10).getString();
    e.hash = q.getColumn(11).getString();
    e.scheme = q.getColumn(13).getInt();
    return e;
}

} // namespace

protocol::TillEventDoc tillEventDoc(SQLite::Database& db, const TillEvent& e,
                                    const std::string& prevHash) {
    protocol::TillEventDoc d;
    d.uuid = e.uuid;
    d.kind = std::string(toString(e.kind));
    d.shift = e.shiftId.value_or(0);
    d.cashier = codeOf(db, e.cashierId);
    d.subject = codeOf(db, e.subjectId);
    d.approver = codeOf(db, e.approverId);
    d.amountFen = e.amount.value();
    d.detail = e.detail;
    d.reason = e.reason;
    d.at = e.at;
    d.prevHash = prevHash;
    d.hash = e.hash;
    d.journalScheme = e.scheme;
    return d;
}

std::vector<std::pair<std::int64_t, protocol::TillEventDoc>>
unsentTillEvents(SQLite::Database& db, std::int64_t afterId, std::size_t limit) {
    SQLite::Statement q(db, std::string("SELECT ") + kColumns +
                                " FROM till_event e WHERE e.acked_at IS NULL AND e.id > ? "
                                "ORDER BY e.id LIMIT ?");
    q.bind(1, afterId);
    q.bind(2, static_cast<std::int64_t>(limit));
    std::vector<std::pair<std::int64_t, protocol::TillEventDoc>> out;
    while (q.executeStep()) {
        const auto e = eventOf(q);
        out.emplace_back(e.id, tillEventDoc(db, e, q.getColumn(12).getString()));
    }
    return out;
}

std::string_view toString(TillEventKind kind) {
    for (const auto& [k, name] : kKinds)
        if (k == kind)
            return name;
    return "?";
}

Result<TillEventKind> parseTillEventKind(std::string_view text) {
    for (const auto& [k, name] : kKinds)
        if (name == text)
            return k;
    return makeError(ErrorCode::ParseError, "\"" + std::string(text) + "\" is not a till event");
}

TillEvent recordTillEvent(SQLite::Database& db, TillEvent event, domain::TimePoint at,
                          const crypto::JournalKey* key) {
    event.uuid = crypto::timeOrderedUuid();
    event.at = domain::isoUtc(at);
    std::string prev = crypto::HashChain::genesis();
    {
        SQLite::Statement last(db, "SELECT hash FROM till_event ORDER BY id DESC LIMIT 1");
        if (last.executeStep())
            prev = last.getColumn(0).getString();
    }
    event.scheme = key ? protocol::kJournalSchemeKeyed : protocol::kJournalSchemeAsSent;
    event.hash = *protocol::expectedTillEventHash(tillEventDoc(db, event, prev), key);
    SQLite::Statement q(db, "INSERT INTO till_event(uuid, shift_id, kind, cashier_id, subject_id, "
                            "approver_id, amount_fen, detail, reason, at, prev_hash, hash, "
                            "scheme) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
    q.bind(1, event.uuid);
    bindOptional(q, 2, event.shiftId);
    q.bind(3, std::string(toString(event.kind)));
    bindOptional(q, 4, event.cashierId);
    bindOptional(q, 5, event.subjectId);
    bindOptional(q, 6, event.approverId);
    q.bind(7, event.amount.value());
    q.bind(8, event.detail);
    q.bind(9, event.reason);
    q.bind(10, event.at);
    q.bind(11, prev);
    q.bind(12, event.hash);
    q.bind(13, event.scheme);
    q.executeStep();
    event.id = q.getColumn(0).getInt64();
    return event;
}

std::vector<TillEventRow> shiftEvents(SQLite::Database& db, std::int64_t shiftId) {
    SQLite::Statement q(db, std::string("SELECT ") + kColumns +
                                ", COALESCE(c.name, ''), COALESCE(s.name, ''), "
                                "COALESCE(a.name, '') FROM till_event e "
                                "LEFT JOIN cashier c ON c.id = e.cashier_id "
                                "LEFT JOIN cashier s ON s.id = e.subject_id "
                                "LEFT JOIN cashier a ON a.id = e.approver_id "
                                "WHERE e.shift_id = ? ORDER BY e.id");
    q.bind(1, shiftId);
    std::vector<TillEventRow> rows;
    while (q.executeStep())
        rows.push_back({eventOf(q), q.getColumn(14).getString(), q.getColumn(15).getString(),
                        q.getColumn(16).getString()});
    return rows;
}

std::optional<std::int64_t> verifyTillEvents(SQLite::Database& db, const crypto::JournalKey* key) {
    SQLite::Statement q(db, std::string("SELECT ") + kColumns + " FROM till_event e ORDER BY e.id");
    std::string prev = crypto::HashChain::genesis();
    bool keyedBefore = false;
    while (q.executeStep()) {
        const auto e = eventOf(q);
        const auto expected = protocol::expectedTillEventHash(tillEventDoc(db, e, prev), key);
        if (q.getColumn(12).getString() != prev || !expected || *expected != e.hash ||
            (keyedBefore && e.scheme != protocol::kJournalSchemeKeyed))
            return e.id;
        keyedBefore = keyedBefore || e.scheme == protocol::kJournalSchemeKeyed;
        prev = e.hash;
    }
    return std::nullopt;
}

} // namespace baidian::pos
