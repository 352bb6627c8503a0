#pragma once

#include "baidian/db/database.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <string>

namespace baidian::pos {

/// The canonical text of a stored sale that the journal hashes: the sale row, every line and
/// every tender, in order, rebuilt from the tables. Changing any of them changes the text.
/// Precondition: the sale exists.
std::string journalPayload(SQLite::Database& db, std::int64_t saleId,
                           db::StatementCache* cache = nullptr);

struct JournalCheck {
    bool ok = true;
    std::int64_t entries = 0;
    std::int64_t firstBadSeq = 0; ///< 0 when ok
    std::string problem;          ///< what is wrong, for an operator
};

/// Re-reads every sale, rebuilds its payload and walks the hash chain from genesis: detects a
/// changed amount, line or tender, reordered or deleted rows, a gap in the sequence, and a
/// sale without a journal entry.
JournalCheck verifyJournal(SQLite::Database& db);

} // namespace baidian::pos
