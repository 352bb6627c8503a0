#include "ingest_statements.h"

#include "baidian/protocol/codec.h"
#include "baidian/server/catalog.h"

namespace baidian::server::ingest_detail {

using namespace protocol;

Statements::Statements(SQLite::Database& db)
    : known(db, "SELECT id, seq FROM sale WHERE outlet_id = ? AND uuid = ?")
    , held(db, "SELECT reason FROM quarantine WHERE uuid = ? AND outlet_id = ? "
               "ORDER BY id LIMIT 1")
    , quarantine(db, "INSERT INTO quarantine(outlet_id, terminal_no, uuid, seq, receipt_no, "
                     "reason, body, received_at) VALUES (?,?,?,?,?,?,?,?)")
    , uuidAt(db, "SELECT uuid FROM sale WHERE outlet_id = ? AND terminal_no = ? AND seq = ?")
    , hashAt(db, "SELECT hash FROM sale WHERE outlet_id = ? AND terminal_no = ? AND seq = ?")
    , prevHashAt(db, "SELECT prev_hash FROM sale WHERE outlet_id = ? AND terminal_no = ? AND "
                     "seq = ?")
    , sale(db, "INSERT INTO sale(uuid, outlet_id, terminal_no, seq, receipt_no, kind, "
               "original_uuid, completed_at, business_date, cashier, subtotal_fen, "
               "discount_fen, rounding_fen, total_fen, change_fen, prev_hash, hash, "
               "received_at, journal_scheme) "
               "VALUES (?,?,?,?,?,?,NULLIF(?,''),?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id")
    , line(db, "INSERT INTO sale_line(sale_id, line_no, sku, name, units, grams, "
               "unit_price_fen, list_price_fen, price_basis, gross_fen, promotion_code, "
               "promotion_fen, line_discount_fen, order_share_fen, paid_fen, "
               "original_line_no, office_price_fen) "
               "VALUES (?,?,?,?,?,?,?,?,?,?,NULLIF(?,''),?,?,?,?,?,?)")
    , tender(db, "INSERT INTO tender(sale_id, seq, kind, amount_fen, reference) "
                 "VALUES (?,?,?,?,NULLIF(?,''))")
    , officePrice(db, "SELECT " + effectivePriceSql() +
                          ", p.price_basis FROM product p, outlet o WHERE o.id = ? AND "
                          "p.sku = ?")
    , conflict(db, "INSERT INTO sale_conflict(outlet_id, terminal_no, uuid, seq, sale_id, "
                   "reason, body, received_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")
    , original(db, "SELECT id FROM sale WHERE outlet_id = ? AND uuid = ? AND kind = 'sale'")
    // The original line, and what the returns stored before this one took of it.
    , originalLine(
          db, "SELECT l.sku, l.units, l.grams, l.paid_fen, "
              "COALESCE(SUM(rl.units), 0), COALESCE(SUM(rl.grams), 0), "
              "COALESCE(-SUM(rl.paid_fen), 0) FROM sale_line l "
              "LEFT JOIN sale r ON r.outlet_id = ? AND r.original_uuid = ? "
              "LEFT JOIN sale_line rl ON rl.sale_id = r.id AND rl.original_line_no = "
              "l.line_no WHERE l.sale_id = ? AND l.line_no = ? GROUP BY l.sale_id, l.line_no") {}

void quarantine(Statements& st, std::int64_t outletId, int terminal, const std::string& uuid,
                std::int64_t seq, const std::string& receiptNo, const std::string& reason,
                const std::string& body, const std::string& receivedAt) {
    auto& q = st.quarantine;
    q.bind(1, outletId);
    q.bind(2, terminal);
    q.bind(3, uuid);
    q.bind(4, seq);
    q.bind(5, receiptNo);
    q.bind(6, reason);
    q.bind(7, body);
    q.bind(8, receivedAt);
    q.exec();
    q.reset();
}

void quarantine(Statements& st, std::int64_t outletId, int terminal, const SaleDoc& sale,
                const std::string& reason, const std::string& receivedAt) {
    quarantine(st, outletId, terminal, sale.uuid, sale.seq, sale.receiptNo, reason,
               encode(SaleBatch{"", terminal, {sale}, {}}), receivedAt);
}

std::string differences(const SaleDoc& stored, const SaleDoc& repeat) {
    std::string out;
    const auto note = [&](bool differs, const std::string& what) {
        if (differs)
            out += (out.empty() ? "" : ", ") + what;
    };
    note(stored.seq != repeat.seq,
         "seq " + std::to_string(stored.seq) + " → " + std::to_string(repeat.seq));
    note(stored.totalFen != repeat.totalFen, "total " + std::to_string(stored.totalFen) + " → " +
                                                 std::to_string(repeat.totalFen) + " fen");
    note(stored.hash != repeat.hash || stored.prevHash != repeat.prevHash, "journal hash");
    note(stored.lines != repeat.lines, "lines");
    note(stored.tenders != repeat.tenders, "tenders");
    note(stored.journalScheme != repeat.journalScheme,
         "journal scheme " + std::to_string(stored.journalScheme) + " → " +
             std::to_string(repeat.journalScheme));
    if (out.empty())
        out = "receipt, dates, cashier or amounts";
    return out;
}

void store(Statements& st, std::int64_t outletId, int terminal, const SaleDoc& s,
           const std::vector<std::optional<std::int64_t>>& officePrices, const std::string& at) {
    auto& sale = st.sale;
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
    sale.bind(19, s.journalScheme);
    sale.executeStep();
    const auto saleId = sale.getColumn(0).getInt64();
    sale.reset();
    auto& line = st.line;
    for (std::size_t i = 0; i < s.lines.size(); ++i) {
        const auto& l = s.lines[i];
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
        if (officePrices[i])
            line.bind(17, *officePrices[i]);
        else
            line.bind(17);
        line.exec();
        line.reset();
    }
    auto& tender = st.tender;
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

} // namespace baidian::server::ingest_detail
