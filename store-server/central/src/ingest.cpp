#include "baidian/server/ingest.h"

#include "baidian/protocol/codec.h"
#include "baidian/server/aggregates.h"

#include <SQLiteCpp/Statement.h>
#include <map>

namespace baidian::server {

using namespace protocol;

namespace {

const std::string kGenesis(64, '0');

/// The statements a batch needs, prepared once per batch (not once per sale).
struct Statements {
    explicit Statements(SQLite::Database& db)
        : known(db, "SELECT seq, outlet_id FROM sale WHERE uuid = ?")
        , held(db, "SELECT reason FROM quarantine WHERE uuid = ? AND outlet_id = ? "
                   "ORDER BY id LIMIT 1")
        , quarantine(db, "INSERT INTO quarantine(outlet_id, terminal_no, uuid, seq, receipt_no, "
                         "reason, body, received_at) VALUES (?,?,?,?,?,?,?,?)")
        , uuidAt(db, "SELECT uuid FROM sale WHERE outlet_id = ? AND terminal_no = ? AND seq = ?")
        , hashAt(db, "SELECT hash FROM sale WHERE outlet_id = ? AND terminal_no = ? AND seq = ?")
        , prevHashAt(db, "SELECT prev_hash FROM sale WHERE outlet_id = ? AND terminal_no = ? AND "
                         "seq = ?")
        , journalBreak(db, "INSERT OR IGNORE INTO journal_break(outlet_id, terminal_no, seq, "
                           "found_at) VALUES (?,?,?,?)")
        , sale(db, "INSERT INTO sale(uuid, outlet_id, terminal_no, seq, receipt_no, kind, "
                   "original_uuid, completed_at, business_date, cashier, subtotal_fen, "
                   "discount_fen, rounding_fen, total_fen, change_fen, prev_hash, hash, "
                   "received_at) VALUES (?,?,?,?,?,?,NULLIF(?,''),?,?,?,?,?,?,?,?,?,?,?) "
                   "RETURNING id")
        , line(db, "INSERT INTO sale_line(sale_id, line_no, sku, name, units, grams, "
                   "unit_price_fen, list_price_fen, price_basis, gross_fen, promotion_code, "
                   "promotion_fen, line_discount_fen, order_share_fen, paid_fen, "
                   "original_line_no) VALUES (?,?,?,?,?,?,?,?,?,?,NULLIF(?,''),?,?,?,?,?)")
        , tender(db, "INSERT INTO tender(sale_id, seq, kind, amount_fen, reference) "
                     "VALUES (?,?,?,?,NULLIF(?,''))") {}

    /// The column of the sale at (outlet, terminal, seq) through `q`, if there is one.
    static std::optional<std::string> at(SQLite::Statement& q, std::int64_t outletId, int terminal,
                                         std::int64_t seq) {
        q.reset();
        q.bind(1, outletId);
        q.bind(2, terminal);
        q.bind(3, seq);
        std::optional<std::string> out;
        if (q.executeStep())
            out = q.getColumn(0).getString();
        q.reset();
        return out;
    }

    SQLite::Statement known, held, quarantine, uuidAt, hashAt, prevHashAt, journalBreak, sale, line,
        tender;
};

void quarantine(Statements& st, std::int64_t outletId, int terminal, const SaleDoc& sale,
                const std::string& reason, const std::string& receivedAt) {
    auto& q = st.quarantine;
    q.bind(1, outletId);
    q.bind(2, terminal);
    q.bind(3, sale.uuid);
    q.bind(4, sale.seq);
    q.bind(5, sale.receiptNo);
    q.bind(6, reason);
    q.bind(7, encode(SaleBatch{"", terminal, {sale}}));
    q.bind(8, receivedAt);
    q.exec();
    q.reset();
}

void recordBreak(Statements& st, std::int64_t outletId, int terminal, std::int64_t seq,
                 const std::string& at, std::vector<std::int64_t>& breaks) {
    auto& q = st.journalBreak;
    q.bind(1, outletId);
    q.bind(2, terminal);
    q.bind(3, seq);
    q.bind(4, at);
    q.exec();
    q.reset();
    breaks.push_back(seq);
}

void store(Statements& st, std::int64_t outletId, int terminal, const SaleDoc& s,
           const std::string& at) {
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
    sale.executeStep();
    const auto saleId = sale.getColumn(0).getInt64();
    sale.reset();
    auto& line = st.line;
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

} // namespace

SaleBatchResult ingestBatch(SQLite::Database& db, std::int64_t outletId, const SaleBatch& batch,
                            const std::string& at) {
    SaleBatchResult result;
    const int terminal = batch.terminal;
    Statements st(db);
    // What the database holds for this terminal before the batch, so that the usual case (new
    // sales after the last stored one, in order) needs one look-up per sale, not five.
    std::int64_t maxSeq = 0;
    {
        SQLite::Statement q(db, "SELECT COALESCE(MAX(seq), 0) FROM sale WHERE outlet_id = ? AND "
                                "terminal_no = ?");
        q.bind(1, outletId);
        q.bind(2, terminal);
        q.executeStep();
        maxSeq = q.getColumn(0).getInt64();
    }
    bool anyHeld = false;
    {
        SQLite::Statement q(db, "SELECT EXISTS(SELECT 1 FROM quarantine WHERE outlet_id = ?)");
        q.bind(1, outletId);
        q.executeStep();
        anyHeld = q.getColumn(0).getInt() != 0;
    }
    struct Stored {
        std::string hash, prevHash;
    };
    std::map<std::int64_t, Stored> stored; // sales stored by this batch, by seq
    const auto neighbour = [&](SQLite::Statement& q, std::int64_t seq,
                               bool wantHash) -> std::optional<std::string> {
        if (const auto it = stored.find(seq); it != stored.end())
            return wantHash ? it->second.hash : it->second.prevHash;
        if (seq < 1 || seq > maxSeq)
            return std::nullopt;
        return Statements::at(q, outletId, terminal, seq);
    };
    std::vector<const SaleDoc*> storedSales; // for the aggregates, once the batch is in
    for (const auto& sale : batch.sales) {
        // A repeat gets the original answer.
        bool takenElsewhere = false;
        st.known.bind(1, sale.uuid);
        if (st.known.executeStep()) {
            if (st.known.getColumn(1).getInt64() == outletId) {
                result.results.push_back(
                    {sale.uuid, st.known.getColumn(0).getInt64(), "duplicate", ""});
                st.known.reset();
                continue;
            }
            takenElsewhere = true;
        }
        st.known.reset();
        if (anyHeld) {
            st.held.bind(1, sale.uuid);
            st.held.bind(2, outletId);
            if (st.held.executeStep()) {
                result.results.push_back(
                    {sale.uuid, sale.seq, "quarantined", st.held.getColumn(0).getString()});
                st.held.reset();
                continue;
            }
            st.held.reset();
        }

        std::string reason = checkSale(sale);
        if (reason.empty() && takenElsewhere)
            reason = "this sale id is already used by another outlet";
        if (reason.empty() && !sale.receiptNo.starts_with(batch.outlet + "-"))
            reason =
                "receipt number " + sale.receiptNo + " does not belong to outlet " + batch.outlet;
        if (reason.empty() &&
            (stored.contains(sale.seq) ||
             (sale.seq <= maxSeq && Statements::at(st.uuidAt, outletId, terminal, sale.seq))))
            reason = "sequence " + std::to_string(sale.seq) + " of terminal " +
                     std::to_string(terminal) + " already holds another sale";
        if (!reason.empty()) {
            quarantine(st, outletId, terminal, sale, reason, at);
            anyHeld = true;
            result.results.push_back({sale.uuid, sale.seq, "quarantined", reason});
            continue;
        }

        store(st, outletId, terminal, sale, at);
        storedSales.push_back(&sale);
        result.results.push_back({sale.uuid, sale.seq, "stored", ""});
        // Journal continuity with the neighbours already here, in whatever order they came.
        const auto before = sale.seq == 1 ? std::optional<std::string>(kGenesis)
                                          : neighbour(st.hashAt, sale.seq - 1, true);
        if (before && *before != sale.prevHash)
            recordBreak(st, outletId, terminal, sale.seq, at, result.journalBreaks);
        const auto after = neighbour(st.prevHashAt, sale.seq + 1, false);
        if (after && *after != sale.hash)
            recordBreak(st, outletId, terminal, sale.seq + 1, at, result.journalBreaks);
        stored[sale.seq] = {sale.hash, sale.prevHash};
    }
    (void)addToAggregates(db, outletId, storedSales);
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
