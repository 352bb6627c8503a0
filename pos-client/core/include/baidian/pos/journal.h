#pragma once

#include "baidian/crypto/journal_key.h"
#include "baidian/db/database.h"
#include "baidian/protocol/messages.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <string>

namespace baidian::pos {

/// The stored sale `saleId` exactly as the sync agent uploads it: every field of the sale, its
/// lines and its tenders, read from the tables. prevHash, hash and journalScheme are left
/// empty/default (they come from the journal entry). The one mapping from the till's rows to
/// the protocol: the journal hashes what this returns (scheme 2) and the sync agent sends it.
/// Precondition: the sale exists (throws otherwise).
protocol::SaleDoc saleDocOf(SQLite::Database& db, std::int64_t saleId,
                            db::StatementCache* cache = nullptr);

/// Journal scheme 1 (entries written before store schema 9): the canonical text of the till's
/// own rows for the sale, including fields that never leave the till (product ids, entry,
/// weight source, barcode, approvals, shift). Kept so that old entries still verify.
/// Precondition: the sale exists.
std::string journalPayloadV1(SQLite::Database& db, std::int64_t saleId,
                             db::StatementCache* cache = nullptr);

/// The hash of the journal entry for `saleId` after `previousHash`, by `scheme` (1: over
/// journalPayloadV1; 2: protocol::journalHash of saleDocOf, which the server recomputes from
/// what it receives; 3, what new entries of a till with a journal key use: the same text keyed
/// with `key`, protocol::keyedJournalHash). Precondition: `key` is given for scheme 3.
std::string journalEntryHash(SQLite::Database& db, std::int64_t saleId,
                             const std::string& previousHash, int scheme,
                             db::StatementCache* cache = nullptr,
                             const crypto::JournalKey* key = nullptr);

struct JournalCheck {
    bool ok = true;
    std::int64_t entries = 0;
    std::int64_t firstBadSeq = 0; ///< 0 when ok
    std::string problem;          ///< what is wrong, for an operator
};

/// Re-reads every sale, rebuilds its hash by the entry's own scheme and walks the hash chain
/// from genesis: detects a changed amount, line or tender, reordered or deleted rows, a gap in
/// the sequence, a sale without a journal entry, an unknown scheme, a scheme-1 entry after a
/// scheme-2 or 3 one (a till never goes back to the scheme the server cannot check), a
/// scheme-1 or 2 entry after a scheme-3 one (nor back from its key), and a scheme-3 entry when
/// `key` is null (it cannot be checked without the till's journal key).
JournalCheck verifyJournal(SQLite::Database& db, const crypto::JournalKey* key = nullptr);

} // namespace baidian::pos
