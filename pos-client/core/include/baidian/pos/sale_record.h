#pragma once

#include "baidian/crypto/journal_key.h"
#include "baidian/db/database.h"
#include "baidian/domain/time.h"
#include "baidian/pos/basket.h"
#include "baidian/pos/types.h"

#include <SQLiteCpp/Database.h>
#include <optional>
#include <string>
#include <vector>

namespace baidian::pos {

struct TenderEntry {
    TenderKind kind = TenderKind::Cash;
    domain::Fen amount; ///< as handed over (refunds: paid out), always positive here
    std::string reference;
};

/// Everything a completed sale or return writes. Built by Till, written by writeSale().
struct SaleRecord {
    bool isReturn = false;
    std::optional<std::int64_t> originalSaleId;
    /// A return of another till's sale (not in this database): what head office knows it by.
    std::string originalUuid;
    std::string originalReceiptNo;
    std::int64_t shiftId = 0;
    std::int64_t cashierId = 0;
    std::optional<std::int64_t> approvedBy; ///< order discount or no-receipt return
    std::string approvalWhat;               ///< what the sale-level approval was for
    std::vector<BasketLine> lines;
    BasketTotals totals;
    std::vector<TenderEntry> tenders;
    domain::Fen change;
    domain::TimePoint completedAt;
};

struct CompletedSale {
    std::int64_t saleId = 0;
    std::string uuid;
    std::int64_t seq = 0;
    std::string receiptNo;
    domain::Fen total; ///< negative for a return
    domain::Fen change;
};

/// "HZ-F01-01-000123": outlet code, two-digit terminal, six-digit sequence (more if needed).
std::string receiptNumber(const TerminalConfig& terminal, std::int64_t seq);
/// What a cashier typed for a receipt: its printed number, or only its sequence digits ("3" for
/// this till's HZ-F01-03-000003, up to 9 digits).
std::string typedReceiptNumber(const TerminalConfig& terminal, const std::string& typed);

/// Writes a sale in ONE transaction: the sale, its lines and tenders, approvals, stock
/// movements, the next hash-chained journal entry and an outbox row with a fresh UUID and the
/// next gapless sequence number. Either all of it commits or none of it does.
/// The journal entry is scheme 3 (keyed with `journalKey`) when the till has a key, else 2.
/// Errors: Storage (disk full, database locked ...), with nothing written.
Result<CompletedSale> writeSale(SQLite::Database& db, db::StatementCache& statements,
                                const TerminalConfig& terminal, const SaleRecord& sale,
                                const crypto::JournalKey* journalKey = nullptr);

} // namespace baidian::pos
