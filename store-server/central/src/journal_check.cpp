#include "baidian/server/journal_check.h"

#include "baidian/protocol/journal_hash.h"

#include <algorithm>

namespace baidian::server {

using namespace protocol;

JournalVerifier::JournalVerifier(SQLite::Database& db, std::int64_t outletId, int terminal)
    : m_db(db)
    , m_outletId(outletId)
    , m_terminal(terminal) {
    SQLite::Statement q(db, "SELECT max_unverified_seq, min_verified_seq FROM terminal_journal "
                            "WHERE outlet_id = ? AND terminal_no = ?");
    q.bind(1, outletId);
    q.bind(2, terminal);
    if (q.executeStep()) {
        if (!q.getColumn(0).isNull())
            m_maxUnverifiedSeq = q.getColumn(0).getInt64();
        if (!q.getColumn(1).isNull())
            m_minVerifiedSeq = q.getColumn(1).getInt64();
    }
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
    if (sale.journalScheme == kJournalSchemeAsSent) {
        if (journalHash(sale) != sale.hash) {
            recordBreak(sale.seq, "hash", at, breaks);
            SQLite::Statement q(
                m_db, "INSERT INTO terminal_journal(outlet_id, terminal_no, hash_mismatches) "
                      "VALUES (?,?,1) ON CONFLICT(outlet_id, terminal_no) DO UPDATE SET "
                      "hash_mismatches = hash_mismatches + 1");
            q.bind(1, m_outletId);
            q.bind(2, m_terminal);
            q.exec();
        }
        if (!m_minVerifiedSeq || sale.seq < *m_minVerifiedSeq) {
            // An unverifiable sale already here after this one: the till went back to scheme 1
            // (reported once: not when an earlier scheme-2 sale had already shown it).
            if (m_maxUnverifiedSeq && *m_maxUnverifiedSeq > sale.seq &&
                (!m_minVerifiedSeq || *m_maxUnverifiedSeq <= *m_minVerifiedSeq))
                recordBreak(*m_maxUnverifiedSeq, "downgrade", at, breaks);
            m_minVerifiedSeq = sale.seq;
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
    if (m_minVerifiedSeq && *m_minVerifiedSeq < sale.seq)
        recordBreak(sale.seq, "downgrade", at, breaks);
    if (!m_maxUnverifiedSeq || sale.seq > *m_maxUnverifiedSeq)
        m_maxUnverifiedSeq = sale.seq;
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
    SQLite::Statement q(db, "SELECT o.code, t.terminal_no, t.unverified_sales, t.hash_mismatches "
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
    }
    return unverified + mismatches;
}

} // namespace baidian::server
