#pragma once

#include "baidian/protocol/messages.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>

namespace baidian::server {

/// Applies one outlet's batch inside the caller's open transaction. Idempotent: a sale whose
/// UUID is already stored answers "duplicate" with its stored seq; a quarantined one answers
/// "quarantined" with the original reason. A sale whose money does not add up, or whose
/// (terminal, seq) already holds another sale, is quarantined with its reason and the rest of
/// the batch goes on. Each stored sale's prev_hash is checked against the stored hash of the
/// sale before it (and the one after it against it); a mismatch is recorded as a journal break.
/// Precondition: batch.outlet is the outlet of `outletId` (the caller checked the certificate).
/// Throws SQLite::Exception on storage failure (the caller rolls back and acks nothing).
protocol::SaleBatchResult ingestBatch(SQLite::Database& db, std::int64_t outletId,
                                      const protocol::SaleBatch& batch,
                                      const std::string& receivedAt);

} // namespace baidian::server
