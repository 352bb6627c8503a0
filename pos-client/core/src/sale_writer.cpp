#include "baidian/crypto/hash_chain.h"
#include "baidian/crypto/secrets.h"
#include "baidian/pos/inventory.h"
#include "baidian/pos/journal.h"
#include "baidian/pos/sale_record.h"
#include "baidian/protocol/journal_hash.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <cstdio>

namespace baidian::pos {

using domain::Fen;

std::string receiptNumber(const TerminalConfig& terminal, std::int64_t seq) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "-%02d-%06lld", terminal.terminalNo,
                  static_cast<long long>(seq));
    return terminal.outletCode + buffer;
}

std::string typedReceiptNumber(const TerminalConfig& terminal, const std::string& typed) {
    if (!typed.empty() && typed.size() <= 9 &&
        typed.find_first_not_of("0123456789") == std::string::npos)
        return receiptNumber(terminal, std::stoll(typed));
    return typed;
}

namespace {

/// The ledger rows of one line: a sale takes from the oldest lots first (and is flagged when
/// the books show no stock: the till never refuses a customer over a stock figure); a return
/// goes back into the lots the original line came from.
void writeStockMovements(SQLite::Database& db, db::StatementCache& cache, const SaleRecord& sale,
                         const BasketLine& line, const CompletedSale& done, int lineNo,
                         const std::string& at) {
    if (!sale.isReturn) {
        for (const auto& a :
             allocateFifo(db, line.productId, line.units, line.grams.value(), &cache))
            insertMovement(db, line.productId, a.lotId, "sale", -a.units, -a.grams, done.saleId,
                           lineNo, done.receiptNo, "", "", a.belowZero, at, &cache);
        return;
    }
    std::int64_t units = line.units, grams = line.grams.value();
    if (sale.originalSaleId && line.originalLineNo) {
        SQLite::Statement taken(
            db,
            "SELECT lot_id, -units, -grams FROM stock_movement WHERE sale_id = ? AND line_no = ? "
            "AND kind = 'sale' AND lot_id IS NOT NULL ORDER BY id DESC");
        taken.bind(1, *sale.originalSaleId);
        taken.bind(2, *line.originalLineNo);
        while ((units > 0 || grams > 0) && taken.executeStep()) {
            const auto u = std::min(units, taken.getColumn(1).getInt64());
            const auto g = std::min(grams, taken.getColumn(2).getInt64());
            if (u == 0 && g == 0)
                continue;
            insertMovement(db, line.productId, taken.getColumn(0).getInt64(), "return", u, g,
                           done.saleId, lineNo, done.receiptNo, "", "", false, at);
            units -= u;
            grams -= g;
        }
    }
    if (units > 0 || grams > 0)
        insertMovement(db, line.productId, std::nullopt, "return", units, grams, done.saleId,
                       lineNo, done.receiptNo, "", "", false, at);
}

} // namespace

Result<CompletedSale> writeSale(SQLite::Database& db, db::StatementCache& cache,
                                const TerminalConfig& terminal, const SaleRecord& sale,
                                const crypto::JournalKey* journalKey) {
    const int sign = sale.isReturn ? -1 : 1;
    const std::string at = domain::isoUtc(sale.completedAt);
    CompletedSale done;
    done.uuid = crypto::timeOrderedUuid();
    done.total = Fen(sign * sale.totals.total.value());
    done.change = sale.change;
    try {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        {
            db::Prepared next(db, &cache, "SELECT COALESCE(MAX(seq), 0) + 1 FROM sale");
            next->executeStep();
            done.seq = next->getColumn(0).getInt64();
        }
        done.receiptNo = receiptNumber(terminal, done.seq);

        db::Prepared insertSaleQuery(
            db, &cache,
            "INSERT INTO sale(uuid, seq, receipt_no, kind, original_sale_id, shift_id, "
            "cashier_id, approved_by, "
            "completed_at, business_date, line_count, subtotal_fen, discount_fen, "
            "rounding_fen, total_fen, "
            "change_fen, original_uuid, original_receipt_no) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULLIF(?,''),NULLIF(?,'')) RETURNING id");
        auto& insertSale = *insertSaleQuery;
        insertSale.bind(1, done.uuid);
        insertSale.bind(2, done.seq);
        insertSale.bind(3, done.receiptNo);
        insertSale.bind(4, sale.isReturn ? "return" : "sale");
        if (sale.originalSaleId)
            insertSale.bind(5, *sale.originalSaleId);
        insertSale.bind(6, sale.shiftId);
        insertSale.bind(7, sale.cashierId);
        if (sale.approvedBy)
            insertSale.bind(8, *sale.approvedBy);
        insertSale.bind(9, at);
        insertSale.bind(10, domain::businessDate(sale.completedAt));
        insertSale.bind(11, static_cast<std::int64_t>(sale.lines.size()));
        insertSale.bind(12, sign * sale.totals.subtotal.value());
        insertSale.bind(13, sign * sale.totals.orderDiscount.value());
        insertSale.bind(14, sign * sale.totals.rounding.value());
        insertSale.bind(15, done.total.value());
        insertSale.bind(16, sale.change.value());
        insertSale.bind(17, sale.originalUuid);
        insertSale.bind(18, sale.originalReceiptNo);
        insertSale.executeStep();
        done.saleId = insertSale.getColumn(0).getInt64();
        insertSale.reset();

        db::Prepared insertLineQuery(
            db, &cache,
            "INSERT INTO sale_line(sale_id, line_no, product_id, sku, name, units, grams, "
            "unit_price_fen, "
            "list_price_fen, price_basis, gross_fen, promotion_code, promotion_fen, "
            "line_discount_fen, "
            "order_share_fen, paid_fen, entry, weight_source, barcode, approved_by, "
            "original_line_no) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,NULLIF(?,''),?,?,?,?,?,?,NULLIF(?,''),?,?)");
        db::Prepared insertApprovalQuery(db, &cache,
                                         "INSERT INTO approval(sale_id, line_no, what, "
                                         "cashier_id, approver_id, at) VALUES (?,?,?,?,?,?)");
        auto& insertLine = *insertLineQuery;
        auto& insertApproval = *insertApprovalQuery;
        int lineNo = 0;
        for (const auto& line : sale.lines) {
            ++lineNo;
            insertLine.bind(1, done.saleId);
            insertLine.bind(2, lineNo);
            insertLine.bind(3, line.productId);
            insertLine.bind(4, line.sku);
            insertLine.bind(5, line.name);
            insertLine.bind(6, line.units);
            insertLine.bind(7, line.grams.value());
            insertLine.bind(8, line.price.amount.value());
            insertLine.bind(9, line.listPrice.amount.value());
            insertLine.bind(10, std::string(domain::toString(line.price.basis)));
            insertLine.bind(11, sign * line.gross.value());
            insertLine.bind(12, line.promotionCode);
            insertLine.bind(13, sign * line.promotionDiscount.value());
            insertLine.bind(14, sign * line.lineDiscount.value());
            insertLine.bind(15, sign * line.orderShare.value());
            insertLine.bind(16, sign * line.paid.value());
            insertLine.bind(17, std::string(toString(line.entry)));
            if (line.weightSource)
                insertLine.bind(18, std::string(toString(*line.weightSource)));
            insertLine.bind(19, line.barcode);
            if (line.approvedBy)
                insertLine.bind(20, *line.approvedBy);
            if (line.originalLineNo)
                insertLine.bind(21, *line.originalLineNo);
            insertLine.exec();
            insertLine.reset();
            insertLine.clearBindings();

            writeStockMovements(db, cache, sale, line, done, lineNo, at);

            if (line.approvedBy) {
                insertApproval.bind(1, done.saleId);
                insertApproval.bind(2, lineNo);
                insertApproval.bind(3, line.priceOverridden ? "price override" : "line discount");
                insertApproval.bind(4, sale.cashierId);
                insertApproval.bind(5, *line.approvedBy);
                insertApproval.bind(6, at);
                insertApproval.exec();
                insertApproval.reset();
                insertApproval.clearBindings();
            }
        }
        if (sale.approvedBy) {
            insertApproval.bind(1, done.saleId);
            insertApproval.bind(3, sale.approvalWhat);
            insertApproval.bind(4, sale.cashierId);
            insertApproval.bind(5, *sale.approvedBy);
            insertApproval.bind(6, at);
            insertApproval.exec();
        }

        db::Prepared insertTenderQuery(db, &cache,
                                       "INSERT INTO tender(sale_id, seq, kind, amount_fen, "
                                       "reference) VALUES (?,?,?,?,NULLIF(?,''))");
        auto& insertTender = *insertTenderQuery;
        int tenderNo = 0;
        for (const auto& tender : sale.tenders) {
            insertTender.bind(1, done.saleId);
            insertTender.bind(2, ++tenderNo);
            insertTender.bind(3, std::string(toString(tender.kind)));
            insertTender.bind(4, sign * tender.amount.value());
            insertTender.bind(5, tender.reference);
            insertTender.exec();
            insertTender.reset();
        }

        std::string previous = crypto::HashChain::genesis();
        {
            db::Prepared last(db, &cache, "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1");
            if (last->executeStep())
                previous = last->getColumn(0).getString();
        }
        // Scheme 2: the hash covers the sale exactly as the sync agent will upload it, so the
        // server can recompute it from what it receives; scheme 3 keys it with the till's
        // journal key, which the server holds too and whoever edits till.db does not.
        const int scheme =
            journalKey ? protocol::kJournalSchemeKeyed : protocol::kJournalSchemeAsSent;
        db::Prepared journalQuery(
            db, &cache,
            "INSERT INTO journal(seq, sale_id, prev_hash, hash, scheme) VALUES (?,?,?,?,?)");
        auto& journal = *journalQuery;
        journal.bind(1, done.seq);
        journal.bind(2, done.saleId);
        journal.bind(3, previous);
        journal.bind(4, journalEntryHash(db, done.saleId, previous, scheme, &cache, journalKey));
        journal.bind(5, scheme);
        journal.exec();

        db::Prepared outboxQuery(
            db, &cache, "INSERT INTO outbox(seq, sale_uuid, kind, created_at) VALUES (?,?,?,?)");
        auto& outbox = *outboxQuery;
        outbox.bind(1, done.seq);
        outbox.bind(2, done.uuid);
        outbox.bind(3, sale.isReturn ? "return" : "sale");
        outbox.bind(4, at);
        outbox.exec();

        tx.commit();
        return done;
    } catch (const SQLite::Exception& e) {
        return keyedError(ErrorCode::Storage,
                          "the sale could not be saved and nothing was recorded: %1. The basket "
                          "is kept; try again.",
                          {e.what()});
    }
}

} // namespace baidian::pos
