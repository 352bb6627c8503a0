#pragma once
// Inside ingest (not a public header): one pass over a sale batch, and a stored sale read back.

#include "baidian/protocol/messages.h"
#include "baidian/server/ingest.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <string>

namespace baidian::server {

/// One pass over the batch (ingest_pass.cpp), inside the caller's savepoint. With
/// `savepointPerSale`, each sale is stored under its own savepoint and a constraint it breaks
/// quarantines it alone; without, such a constraint error is thrown (the caller then rolls the
/// pass back and runs the careful one).
protocol::SaleBatchResult ingestOnce(SQLite::Database& db, std::int64_t outletId,
                                     const protocol::SaleBatch& batch, const std::string& at,
                                     const IngestRules& rules, bool savepointPerSale);

/// The sale stored under `saleId`, as the till sent it (ingest.cpp); empty when there is none.
protocol::SaleDoc loadSale(SQLite::Database& db, std::int64_t saleId);

} // namespace baidian::server
