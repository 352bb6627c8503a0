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
/// transfer_in closes it. A transfer_in from an outlet the transfer was not sent to is
/// quarantined. Throws SQLite::Exception on storage failure.
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

/// Transfers sent and not yet received, with what is on the road.
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
