#pragma once

#include "baidian/crypto/journal_key.h"
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
/// (protocol::journalHash); scheme 3: the same under the terminal's journal key (terminal_key);
/// a sale whose hash is not that is a journal break ("hash"). Scheme 1 (an old till) cannot be
/// checked: it is counted in terminal_journal. A scheme-1 sale after a scheme-2 or 3 one of the
/// same terminal, or a scheme-1 or 2 sale after a scheme-3 one, is a journal break too
/// ("downgrade"): an honest till never goes back. Sales of schemes 1 and 2 are counted as
/// unkeyed. A sale at the seq of the journal head the till last reported (journal_head) must
/// carry that head's hash, and the next one link to it, or it is a journal break ("head").
/// Costs one SHA-256 or HMAC per sale and two look-ups per batch; writes only for unkeyed
/// sales and breaks.
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

    /// Adds one to the terminal's counter `column` of terminal_journal (a constant name).
    void count(const char* column);

private:
    void checkScheme(const protocol::SaleDoc& sale, const std::string& at,
                     std::vector<std::int64_t>& breaks);
    void checkKeyed(const protocol::SaleDoc& sale, const std::string& at,
                    std::vector<std::int64_t>& breaks);

    struct Head {
        std::int64_t seq = 0;
        std::string hash;
    };
    SQLite::Database& m_db;
    std::int64_t m_outletId;
    int m_terminal;
    std::optional<crypto::JournalKey> m_key;
    std::optional<std::int64_t> m_maxUnverifiedSeq, m_minVerifiedSeq;
    std::optional<std::int64_t> m_maxUnkeyedSeq, m_minKeyedSeq;
    std::optional<Head> m_head;
};

/// POST /v1/journal-head, inside the writer's transaction: keeps the till's latest reported
/// journal head (an older report arriving late changes nothing) and records a "head" break for
/// a stored sale that disagrees with it (the sale at its seq with another hash, the next one
/// linking elsewhere) or a head at the seq of the one reported before with another hash.
/// `head.terminal` is the certificate's (the route checks it). The answer lists the breaks.
protocol::SaleBatchResult recordJournalHead(SQLite::Database& db, std::int64_t outletId,
                                            const protocol::JournalHeadDoc& head,
                                            const std::string& receivedAt);

/// Per-terminal journal figures for /metrics (Prometheus text): sales stored whose journal the
/// server could not verify (scheme 1), sales whose hash did not match, unkeyed sales (schemes 1
/// and 2) and sales that did not meet a reported journal head.
std::string journalMetrics(SQLite::Database& db);

} // namespace baidian::server
