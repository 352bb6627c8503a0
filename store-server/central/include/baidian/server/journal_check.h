#pragma once

#include "baidian/protocol/messages.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace baidian::server {

/// Checks the journal hash of each sale of one terminal's batch by the sale's journal scheme,
/// inside the batch's transaction. Scheme 2: the hash is recomputed from the fields received
/// (protocol::journalHash); a sale whose hash is not that is a journal break ("hash"). Scheme 1
/// (an old till) cannot be checked: it is counted in terminal_journal. A scheme-1 sale after a
/// scheme-2 one of the same terminal is a journal break too ("downgrade"): an honest till never
/// goes back. Costs one SHA-256 per scheme-2 sale and one look-up per batch; writes only for
/// scheme-1 sales and breaks.
class JournalVerifier {
public:
    JournalVerifier(SQLite::Database& db, std::int64_t outletId, int terminal);

    /// For a sale being stored: records any break it shows in journal_break (with its reason)
    /// and appends its seq to `breaks` (unless already there).
    void check(const protocol::SaleDoc& sale, const std::string& receivedAt,
               std::vector<std::int64_t>& breaks);

    /// The one writer of journal_break: records that the sale at `seq` breaks the journal for
    /// `reason` ("prev_hash": its link does not match its neighbour's hash; "hash": its hash is
    /// not that of what was received; "downgrade": back to the uncheckable scheme). A sale
    /// breaking several rules has one row whose reason lists each once ("prev_hash,hash"), and
    /// its seq is in `breaks` once.
    void recordBreak(std::int64_t seq, const std::string& reason, const std::string& at,
                     std::vector<std::int64_t>& breaks);

private:
    SQLite::Database& m_db;
    std::int64_t m_outletId;
    int m_terminal;
    std::optional<std::int64_t> m_maxUnverifiedSeq, m_minVerifiedSeq;
};

/// Per-terminal journal figures for /metrics (Prometheus text): sales stored whose journal the
/// server could not verify (scheme 1) and scheme-2 sales whose hash did not match.
std::string journalMetrics(SQLite::Database& db);

} // namespace baidian::server
