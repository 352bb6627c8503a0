#pragma once

#include "baidian/protocol/messages.h"

#include <SQLiteCpp/Database.h>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace baidian::server {

/// Applies an outlet's ledger rows inside the caller's transaction, once each by UUID (a repeat
/// answers "duplicate"). A transfer_out opens the transfer (in transit); the receiving outlet's
/// transfer_in closes it. Each row is checked against head office's data first, and one that
/// breaks a rule is quarantined alone (kept whole in movement_quarantine with the rule's name,
/// answered "quarantined" with the reason, also on a retry) while the rest is stored:
///   movement.decode       mistyped (batch.rejected)
///   movement.uuid_taken   the UUID is another outlet's
///   movement.sign         what leaves (sale, transfer_out, shrink) must be <= 0, what comes in
///                         (return, receive, transfer_in) >= 0
///   movement.product      not in head office's catalog
///   transfer.document     a transfer row without its transfer id
///   transfer.destination  an unknown or closed outlet, the sender itself, or not the transfer's
///                         destination
///   transfer.taken        the transfer id belongs to another sender
/// Throws SQLite::Exception on storage failure.
protocol::MovementBatchResult ingestMovements(SQLite::Database& db, std::int64_t outletId,
                                              const protocol::MovementBatch& batch,
                                              const std::string& receivedAt);

struct NetworkStockRow {
    std::string outlet;
    std::string sku;
    std::int64_t units = 0;
    std::int64_t grams = 0;
};

/// Stock by outlet and product: the sum of every synced ledger row.
std::vector<NetworkStockRow> networkStock(SQLite::Database& db);

/// Transfers sent and not yet received, with what is on the road: the manifest is the sum of
/// the sender's own stored transfer_out rows, never another outlet's.
std::vector<protocol::IncomingTransfer> transfersInTransit(SQLite::Database& db,
                                                           const std::string& toOutlet = {});

struct ShrinkRate {
    std::int64_t shrinkFen = 0; ///< written-off goods at the central price
    std::int64_t salesFen = 0;  ///< net sales in the period
    std::int64_t rateBp = 0;    ///< shrink / (sales + shrink), basis points
};

/// Written-off goods per outlet over business dates [from, to], valued at the central catalog
/// price, in fen; only `outletId` when given.
std::map<std::int64_t, std::int64_t> shrinkValue(SQLite::Database& db, const std::string& from,
                                                 const std::string& to,
                                                 std::optional<std::int64_t> outletId = {});

/// Shrink rate of an outlet over business dates [from, to], valued at the central catalog price.
ShrinkRate shrinkRate(SQLite::Database& db, std::int64_t outletId, const std::string& from,
                      const std::string& to);

} // namespace baidian::server
