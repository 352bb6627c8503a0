#pragma once

#include "baidian/protocol/messages.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <string>

namespace baidian::server {

/// Applies a till's loss-prevention events inside the caller's transaction, once each by
/// (outlet, UUID). Each event is checked against head office's data and one that breaks a rule
/// is quarantined alone (till_event_quarantine, answered "quarantined", also on a retry):
///   event.decode      mistyped (batch.rejected)
///   event.hash        its hash is not the one its fields and prev_hash make: edited after
///                     it was logged, or not logged by a till
///   event.time        not a time, or later than the server's clock (plus 10 minutes)
///   event.cashier     a cashier, subject or approver code head office does not know at this
///                     outlet
///   event.approver    the approver is not a supervisor or manager there
/// A stored event whose prev_hash is not the hash of its terminal's event stored before it is
/// kept with link_ok = 0: an event between them never arrived or was deleted at the till.
/// Throws SQLite::Exception on storage failure.
protocol::TillEventBatchResult ingestTillEvents(SQLite::Database& db, std::int64_t outletId,
                                                const protocol::TillEventBatch& batch,
                                                const std::string& receivedAt);

} // namespace baidian::server
