#include "baidian/server/journal_check.h"

#include "baidian/protocol/journal_hash.h"
#include "baidian/server/terminal_keys.h"

#include <algorithm>

namespace baidian::server {

using namespace protocol;

namespace {

/// The one rule behind both step-back checks (scheme 1 after scheme 2, and unkeyed after keyed):
/// a terminal's sales below a level must all come before its first sale at that level, in
/// whatever order they arrive. `minAt` is the lowest seq seen at the level, `maxBelow` the
/// highest below it; both move on here, and `minAtMoved` says whether `minAt` did (the caller
/// stores it). Returns the seq to report as a downgrade, reported once: an earlier sale at the
/// level that already showed the step is not reported again.
std::optional<std::int64_t> stepBack(bool atLevel, std::int64_t seq,
                                     std::optional<std::int64_t>& minAt,
                                     std::optional<std::int64_t>& maxBelow, bool& minAtMoved) {
    minAtMoved = false;
    std::optional<std::int64_t> downgrade;
    if (atLevel) {
        if (minAt && seq >= *minAt)
            return std::nullopt;
        if (maxBelow && *maxBelow > seq && (!minAt || *maxBelow <= *minAt))
            downgrade = *maxBelow;
        minAt = seq;
        minAtMoved = true;
        return downgrade;
    }
    if (minAt && *minAt < seq)
        downgrade = seq;
    if (!maxBelow || seq > *maxBelow)
        maxBelow = seq;
    return downgrade;
}

} // namespace

JournalVerifier::JournalVerifier(SQLite::Database& db, std::int64_t outletId, int terminal)
    : m_db(db)
    , m_outletId(outletId)
    , m_terminal(terminal)
    , m_key(terminalKey(db, outletId, terminal)) {
    const auto optional = [](const SQLite::Column& c) {
        return c.isNull() ? std::nullopt : std::optional<std::int64_t>(c.getInt64());
    };
    SQLite::Statement q(db, "SELECT max_unverified_seq, min_verified_seq, max_unkeyed_seq, "
                            "min_keyed_seq FROM terminal_journal "
                            "WHERE outlet_id = ? AND terminal_no = ?");
    q.bind(1, outletId);
    q.bind(2, terminal);
    if (q.executeStep()) {
        m_maxUnverifiedSeq = optional(q.getColumn(0));
        m_minVerifiedSeq = optional(q.getColumn(1));
        m_maxUnkeyedSeq = optional(q.getColumn(2));
        m_minKeyedSeq = optional(q.getColumn(3));
    }
    SQLite::Statement head(db, "SELECT seq, hash FROM journal_head WHERE outlet_id = ? AND "
                               "terminal_no = ?");
    head.bind(1, outletId);
    head.bind(2, terminal);
    if (head.executeStep())
        m_head = Head{head.getColumn(0).getInt64(), head.getColumn(1).getString()};
}

void JournalVerifier::count(const char* column) {
    SQLite::Statement q(m_db, std::string("INSERT INTO terminal_journal(outlet_id, terminal_no, ") +
                                  column +
                                  ") VALUES (?,?,1) ON CONFLICT(outlet_id, terminal_no) "
                                  "DO UPDATE SET " +
                                  column + " = " + column + " + 1");
    q.bind(1, m_outletId);
    q.bind(2, m_terminal);
    q.exec();
}

void JournalVerifier::recordBreak(std::int64_t seq, const std::string& reason,
                                  const std::string& at, std::vector<std::int64_t>& breaks) {
    // A row from before schema 12 has no reason: its break was the prev_hash link.
    SQLite::Statement q(m_db,
                        "INSERT INTO journal_break(outlet_id, terminal_no, seq, found_at, reason) "
                        "VALUES (?,?,?,?,?) ON CONFLICT(outlet_id, terminal_no, seq) DO UPDATE "
                        "SET reason = CASE WHEN instr(',' || coalesce(reason, 'prev_hash') || "
                        "',', ',' || excluded.reason || ',') > 0 THEN coalesce(reason, "
                        "'prev_hash') ELSE coalesce(reason, 'prev_hash') || ',' || "
                        "excluded.reason END");
    q.bind(1, m_outletId);
    q.bind(2, m_terminal);
    q.bind(3, seq);
    q.bind(4, at);
    q.bind(5, reason);
    q.exec();
    if (std::find(breaks.begin(), breaks.end(), seq) == breaks.end())
        breaks.push_back(seq);
}

void JournalVerifier::check(const SaleDoc& sale, const std::string& at,
                            std::vector<std::int64_t>& breaks) {
    checkScheme(sale, at, breaks);
    checkKeyed(sale, at, breaks);
    // A head the till reported: the chain that arrives must end there.
    if (m_head && ((sale.seq == m_head->seq && sale.hash != m_head->hash) ||
                   (sale.seq == m_head->seq + 1 && sale.prevHash != m_head->hash))) {
        recordBreak(sale.seq, "head", at, breaks);
        count("head_mismatches");
    }
}

void JournalVerifier::checkScheme(const SaleDoc& sale, const std::string& at,
                                  std::vector<std::int64_t>& breaks) {
    if (sale.journalScheme != kJournalSchemeTillRows) {
        // Scheme 2 recomputed from the fields received; scheme 3 with this till's key (a till
        // the server holds no key for cannot have made one honestly).
        const auto expected = expectedJournalHash(sale, m_key ? &*m_key : nullptr);
        if (!expected || *expected != sale.hash) {
            recordBreak(sale.seq, "hash", at, breaks);
            count("hash_mismatches");
        }
        bool moved = false;
        if (const auto seq = stepBack(true, sale.seq, m_minVerifiedSeq, m_maxUnverifiedSeq, moved))
            recordBreak(*seq, "downgrade", at, breaks);
        if (moved) {
            SQLite::Statement q(
                m_db, "INSERT INTO terminal_journal(outlet_id, terminal_no, min_verified_seq) "
                      "VALUES (?,?,?) ON CONFLICT(outlet_id, terminal_no) DO UPDATE SET "
                      "min_verified_seq = excluded.min_verified_seq");
            q.bind(1, m_outletId);
            q.bind(2, m_terminal);
            q.bind(3, sale.seq);
            q.exec();
        }
        return;
    }
    // Scheme 1: the hash covers the till's own rows, which never travel. Counted, not checked.
    bool moved = false;
    if (const auto seq = stepBack(false, sale.seq, m_minVerifiedSeq, m_maxUnverifiedSeq, moved))
        recordBreak(*seq, "downgrade", at, breaks);
    SQLite::Statement q(
        m_db, "INSERT INTO terminal_journal(outlet_id, terminal_no, unverified_sales, "
              "max_unverified_seq, last_unverified_at) VALUES (?,?,1,?,?) "
              "ON CONFLICT(outlet_id, terminal_no) DO UPDATE SET unverified_sales = "
              "unverified_sales + 1, max_unverified_seq = MAX(COALESCE(max_unverified_seq, 0), "
              "excluded.max_unverified_seq), last_unverified_at = excluded.last_unverified_at");
    q.bind(1, m_outletId);
    q.bind(2, m_terminal);
    q.bind(3, sale.seq);
    q.bind(4, at);
    q.exec();
}

void JournalVerifier::checkKeyed(const SaleDoc& sale, const std::string& at,
                                 std::vector<std::int64_t>& breaks) {
    // Scheme 1 or 2 after scheme 3: anybody who can write till.db can make those.
    const bool keyed = sale.journalScheme == kJournalSchemeKeyed;
    bool moved = false;
    if (const auto seq = stepBack(keyed, sale.seq, m_minKeyedSeq, m_maxUnkeyedSeq, moved))
        recordBreak(*seq, "downgrade", at, breaks);
    if (keyed) {
        if (moved) {
            SQLite::Statement q(
                m_db, "INSERT INTO terminal_journal(outlet_id, terminal_no, min_keyed_seq) "
                      "VALUES (?,?,?) ON CONFLICT(outlet_id, terminal_no) DO UPDATE SET "
                      "min_keyed_seq = excluded.min_keyed_seq");
            q.bind(1, m_outletId);
            q.bind(2, m_terminal);
            q.bind(3, sale.seq);
            q.exec();
        }
        return;
    }
    // Unkeyed sales are counted per terminal.
    SQLite::Statement q(
        m_db, "INSERT INTO terminal_journal(outlet_id, terminal_no, unkeyed_sales, "
              "max_unkeyed_seq) VALUES (?,?,1,?) ON CONFLICT(outlet_id, terminal_no) DO UPDATE "
              "SET unkeyed_sales = unkeyed_sales + 1, max_unkeyed_seq = "
              "MAX(COALESCE(max_unkeyed_seq, 0), excluded.max_unkeyed_seq)");
    q.bind(1, m_outletId);
    q.bind(2, m_terminal);
    q.bind(3, sale.seq);
    q.exec();
}

SaleBatchResult recordJournalHead(SQLite::Database& db, std::int64_t outletId,
                                  const JournalHeadDoc& head, const std::string& at) {
    SaleBatchResult result;
    JournalVerifier journal(db, outletId, head.terminal);
    const auto mismatch = [&](std::int64_t seq) {
        journal.recordBreak(seq, "head", at, result.journalBreaks);
        journal.count("head_mismatches");
    };
    // What the server already holds must agree with the head the till reports now.
    SQLite::Statement stored(db, "SELECT seq, hash, prev_hash FROM sale WHERE outlet_id = ? AND "
                                 "terminal_no = ? AND seq IN (?, ?) ORDER BY seq");
    stored.bind(1, outletId);
    stored.bind(2, head.terminal);
    stored.bind(3, head.seq);
    stored.bind(4, head.seq + 1);
    while (stored.executeStep()) {
        const auto seq = stored.getColumn(0).getInt64();
        if ((seq == head.seq && stored.getColumn(1).getString() != head.hash) ||
            (seq == head.seq + 1 && stored.getColumn(2).getString() != head.hash))
            mismatch(seq);
    }
    // Another hash for the seq of the head reported before: the journal was rewritten between.
    SQLite::Statement before(db, "SELECT seq, hash FROM journal_head WHERE outlet_id = ? AND "
                                 "terminal_no = ?");
    before.bind(1, outletId);
    before.bind(2, head.terminal);
    if (before.executeStep()) {
        const auto seq = before.getColumn(0).getInt64();
        if (seq == head.seq && before.getColumn(1).getString() != head.hash)
            mismatch(seq);
        if (seq > head.seq)
            return result; // an older report arriving late: the newer head stays
    }
    SQLite::Statement q(db, "INSERT INTO journal_head(outlet_id, terminal_no, seq, hash, scheme, "
                            "reported_at) VALUES (?,?,?,?,?,?) ON CONFLICT(outlet_id, "
                            "terminal_no) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, "
                            "scheme = excluded.scheme, reported_at = excluded.reported_at");
    q.bind(1, outletId);
    q.bind(2, head.terminal);
    q.bind(3, head.seq);
    q.bind(4, head.hash);
    q.bind(5, head.journalScheme);
    q.bind(6, at);
    q.exec();
    return result;
}

namespace {

/// A Prometheus label value: backslash, double quote and newline escaped.
std::string labelValue(const std::string& raw) {
    std::string out;
    for (const char c : raw) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

} // namespace

std::string journalMetrics(SQLite::Database& db) {
    std::string unverified =
        "# HELP baidian_journal_unverified_sales Sales stored whose journal hash the server "
        "cannot check (journal scheme 1: a till older than scheme 2), per terminal.\n"
        "# TYPE baidian_journal_unverified_sales gauge\n";
    std::string mismatches =
        "# HELP baidian_journal_hash_mismatches Sales whose hash is not the hash of the fields "
        "received (journal breaks), per terminal.\n"
        "# TYPE baidian_journal_hash_mismatches gauge\n";
    std::string unkeyed =
        "# HELP baidian_journal_unkeyed_sales Sales stored whose journal is not keyed (scheme 1 "
        "or 2: a till without its journal key), per terminal.\n"
        "# TYPE baidian_journal_unkeyed_sales gauge\n";
    std::string heads =
        "# HELP baidian_journal_head_mismatches Sales whose journal does not end at the head the "
        "till had reported (journal breaks), per terminal.\n"
        "# TYPE baidian_journal_head_mismatches gauge\n";
    SQLite::Statement q(db, "SELECT o.code, t.terminal_no, t.unverified_sales, t.hash_mismatches, "
                            "t.unkeyed_sales, t.head_mismatches "
                            "FROM terminal_journal t JOIN outlet o ON o.id = t.outlet_id "
                            "ORDER BY o.code, t.terminal_no");
    while (q.executeStep()) {
        const std::string labels = "{outlet=\"" + labelValue(q.getColumn(0).getString()) +
                                   "\",terminal=\"" + std::to_string(q.getColumn(1).getInt()) +
                                   "\"} ";
        unverified += "baidian_journal_unverified_sales" + labels +
                      std::to_string(q.getColumn(2).getInt64()) + "\n";
        mismatches += "baidian_journal_hash_mismatches" + labels +
                      std::to_string(q.getColumn(3).getInt64()) + "\n";
        unkeyed += "baidian_journal_unkeyed_sales" + labels +
                   std::to_string(q.getColumn(4).getInt64()) + "\n";
        heads += "baidian_journal_head_mismatches" + labels +
                 std::to_string(q.getColumn(5).getInt64()) + "\n";
    }
    return unverified + mismatches + unkeyed + heads;
}

} // namespace baidian::server
