#pragma once

#include "baidian/domain/result.h"
#include "baidian/protocol/messages.h"
#include "baidian/protocol/office.h"
#include "baidian/server/sale_rules.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <string_view>
#include <vector>

namespace baidian::server {

/// How ingest checks sales: the caps, and the last business date it takes (today + 1 in China
/// time by the server's clock; empty: the day after `receivedAt`'s).
struct IngestRules {
    SaleLimits limits;
    std::string latestDate;
};

/// Applies one outlet's batch inside the caller's open transaction, sale by sale.
/// - A sale whose UUID this outlet already stored answers "duplicate" with its stored seq when
///   its content is the same; other content under that UUID is a conflict: kept in
///   sale_conflict beside the original (which stays), answered "quarantined" with a reason
///   starting "conflict:". Another outlet's use of a UUID is no concern of this outlet's.
/// - A sale the codec could not read (batch.rejected), one that breaks a rule of sale_rules.h,
///   whose receipt number is not the outlet's, whose (terminal, seq) holds another sale, or
///   whose return lines are not lines of its original sale (when that is here) or take more of
///   a line (units, grams or money) than was sold less what earlier returns took, is quarantined
///   with its rule's name, and a constraint the database enforces quarantines that sale alone
///   (a savepoint per sale); the rest of the batch goes on. A quarantined UUID sent again gets
///   its first reason.
/// - Each stored line keeps head office's price for the outlet (office_price_fen), which price
///   compliance counts.
/// - Each stored sale's prev_hash is checked against the stored hash of the sale before it
///   (and the one after it against it); a mismatch is recorded as a journal break.
/// Precondition: batch.outlet is the outlet of `outletId` (the caller checked the certificate).
/// Throws SQLite::Exception on storage failure (the caller rolls back and acks nothing).
protocol::SaleBatchResult ingestBatch(SQLite::Database& db, std::int64_t outletId,
                                      const protocol::SaleBatch& batch,
                                      const std::string& receivedAt, const IngestRules& rules = {});

/// GET /v1/sale: the sale of this outlet printed as `receiptNo` ("HZ-F01-02-000123"), as stored
/// from whichever of its tills sold it, and the returns stored against it, so that another till
/// of the outlet can take a return of it. A non-empty `uuid` (what the receipt's QR code holds)
/// must be the sale's. Errors: NotFound (not a receipt of this outlet, no such sale stored, or
/// another UUID), Storage.
Result<protocol::SaleLookup> lookupSale(SQLite::Database& db, std::int64_t outletId,
                                        std::string_view outletCode, std::string_view receiptNo,
                                        std::string_view uuid);

/// What head office holds against each terminal of an outlet that ever uploaded: gaps in its
/// numbering, quarantined sales, journal breaks, unverifiable sales and conflicts.
std::vector<protocol::TerminalTrustDoc> terminalTrust(SQLite::Database& db, std::int64_t outletId);

} // namespace baidian::server
