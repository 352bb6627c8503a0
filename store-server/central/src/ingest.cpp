#include "baidian/server/ingest.h"

#include "baidian/protocol/codec.h"
#include "baidian/server/aggregates.h"

#include <SQLiteCpp/Statement.h>

namespace baidian::server {

using namespace protocol;

namespace {

const std::string kGenesis(64, '0');

void quarantine(SQLite::Database& db, std::int64_t outletId, int terminal, const SaleDoc& sale,
                const std::string& reason, const std::string& receivedAt) {
    SQLite::Statement q(db, "INSERT INTO quarantine(outlet_id, terminal_no, uuid, seq, receipt_no, "
                            "reason, body, received_at) "
                            "VALUES (?,?,?,?,?,?,?,?)");
    q.bind(1, outletId);
    q.bind(2, terminal);
    q.bind(3, sale.uuid);
    q.bind(4, sale.seq);
    q.bind(5, sale.receiptNo);
    q.bind(6, reason);
    q.bind(7, encode(SaleBatch{"", terminal, {sale}}));
    q.bind(8, receivedAt);
    q.exec();
}

std::optional<std::string> hashAt(SQLite::Database& db, std::int64_t outletId, int terminal,
                                  std::int64_t seq, const char* column) {
    SQLite::Statement q(db, std::string("SELECT ") + column +
                                " FROM sale WHERE outlet_id = ? AND terminal_no = ? AND seq = ?");
    q.bind(1, outletId);
    q.bind(2, terminal);
    q.bind(3, seq);
    if (q.executeStep())
        return q.getColumn(0).getString();
    return std::nullopt;
}

void recordBreak(SQLite::Database& db, std::int64_t outletId, int terminal, std::int64_t seq,
                 const std::string& at, std::vector<std::int64_t>& breaks) {
    SQLite::Statement q(db, "INSERT OR IGNORE INTO journal_break(outlet_id, terminal_no, seq, "
                            "found_at) VALUES (?,?,?,?)");
    q.bind(1, outletId);
    q.bind(2, terminal);
    q.bind(3, seq);
    q.bind(4, at);
    q.exec();
    breaks.push_back(seq);
}

void store(SQLite::Database& db, std::int64_t outletId, int terminal, const SaleDoc& s,
           const std::string& at) {
    SQLite::Statement sale(
        db, "INSERT INTO sale(uuid, outlet_id, terminal_no, seq, receipt_no, kind, original_uuid, "
            "completed_at, business_date, cashier, subtotal_fen, discount_fen, rounding_fen, "
            "total_fen, "
            "change_fen, prev_hash, hash, received_at) "
            "VALUES (?,?,?,?,?,?,NULLIF(?,''),?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
    sale.bind(1, s.uuid);
    sale.bind(2, outletId);
    sale.bind(3, terminal);
    sale.bind(4, s.seq);
    sale.bind(5, s.receiptNo);
    sale.bind(6, s.kind);
    sale.bind(7, s.originalUuid);
    sale.bind(8, s.completedAt);
    sale.bind(9, s.businessDate);
    sale.bind(10, s.cashier);
    sale.bind(11, s.subtotalFen);
    sale.bind(12, s.discountFen);
    sale.bind(13, s.roundingFen);
    sale.bind(14, s.totalFen);
    sale.bind(15, s.changeFen);
    sale.bind(16, s.prevHash);
    sale.bind(17, s.hash);
    sale.bind(18, at);
    sale.executeStep();
    const auto saleId = sale.getColumn(0).getInt64();
    sale.reset();
    markDirty(db, outletId, s.businessDate);
    SQLite::Statement line(
        db,
        "INSERT INTO sale_line(sale_id, line_no, sku, name, units, grams, unit_price_fen, "
        "list_price_fen, price_basis, gross_fen, promotion_code, promotion_fen, line_discount_fen, "
        "order_share_fen, paid_fen, original_line_no) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,NULLIF(?,''),?,?,?,?,?)");
    for (const auto& l : s.lines) {
        line.bind(1, saleId);
        line.bind(2, l.lineNo);
        line.bind(3, l.sku);
        line.bind(4, l.name);
        line.bind(5, l.units);
        line.bind(6, l.grams);
        line.bind(7, l.unitPriceFen);
        line.bind(8, l.listPriceFen);
        line.bind(9, l.priceBasis);
        line.bind(10, l.grossFen);
        line.bind(11, l.promotion);
        line.bind(12, l.promotionFen);
        line.bind(13, l.lineDiscountFen);
        line.bind(14, l.orderShareFen);
        line.bind(15, l.paidFen);
        if (l.originalLineNo)
            line.bind(16, *l.originalLineNo);
        else
            line.bind(16);
        line.exec();
        line.reset();
    }
    SQLite::Statement tender(db, "INSERT INTO tender(sale_id, seq, kind, amount_fen, reference) "
                                 "VALUES (?,?,?,?,NULLIF(?,''))");
    int n = 0;
    for (const auto& t : s.tenders) {
        tender.bind(1, saleId);
        tender.bind(2, ++n);
        tender.bind(3, t.kind);
        tender.bind(4, t.amountFen);
        tender.bind(5, t.reference);
        tender.exec();
        tender.reset();
    }
}

} // namespace

SaleBatchResult ingestBatch(SQLite::Database& db, std::int64_t outletId, const SaleBatch& batch,
                            const std::string& at) {
    SaleBatchResult result;
    const int terminal = batch.terminal;
    for (const auto& sale : batch.sales) {
        // A repeat gets the original answer.
        bool takenElsewhere = false;
        SQLite::Statement known(db, "SELECT seq, outlet_id FROM sale WHERE uuid = ?");
        known.bind(1, sale.uuid);
        if (known.executeStep()) {
            if (known.getColumn(1).getInt64() == outletId) {
                result.results.push_back(
                    {sale.uuid, known.getColumn(0).getInt64(), "duplicate", ""});
                continue;
            }
            takenElsewhere = true;
        }
        SQLite::Statement held(
            db,
            "SELECT reason FROM quarantine WHERE uuid = ? AND outlet_id = ? ORDER BY id LIMIT 1");
        held.bind(1, sale.uuid);
        held.bind(2, outletId);
        if (held.executeStep()) {
            result.results.push_back(
                {sale.uuid, sale.seq, "quarantined", held.getColumn(0).getString()});
            continue;
        }

        std::string reason = checkSale(sale);
        if (reason.empty() && takenElsewhere)
            reason = "this sale id is already used by another outlet";
        if (reason.empty() && !sale.receiptNo.starts_with(batch.outlet + "-"))
            reason =
                "receipt number " + sale.receiptNo + " does not belong to outlet " + batch.outlet;
        if (reason.empty() && hashAt(db, outletId, terminal, sale.seq, "uuid"))
            reason = "sequence " + std::to_string(sale.seq) + " of terminal " +
                     std::to_string(terminal) + " already holds another sale";
        if (!reason.empty()) {
            quarantine(db, outletId, terminal, sale, reason, at);
            result.results.push_back({sale.uuid, sale.seq, "quarantined", reason});
            continue;
        }

        store(db, outletId, terminal, sale, at);
        result.results.push_back({sale.uuid, sale.seq, "stored", ""});
        // Journal continuity with the neighbours already here, in whatever order they came.
        const auto before = sale.seq == 1 ? std::optional<std::string>(kGenesis)
                                          : hashAt(db, outletId, terminal, sale.seq - 1, "hash");
        if (before && *before != sale.prevHash)
            recordBreak(db, outletId, terminal, sale.seq, at, result.journalBreaks);
        const auto after = hashAt(db, outletId, terminal, sale.seq + 1, "prev_hash");
        if (after && *after != sale.hash)
            recordBreak(db, outletId, terminal, sale.seq + 1, at, result.journalBreaks);
    }
    SQLite::Statement seen(
        db, "INSERT INTO terminal(outlet_id, terminal_no, last_seen) VALUES (?,?,?) "
            "ON CONFLICT(outlet_id, terminal_no) DO UPDATE SET last_seen = excluded.last_seen");
    seen.bind(1, outletId);
    seen.bind(2, terminal);
    seen.bind(3, at);
    seen.exec();
    return result;
}

} // namespace baidian::server
