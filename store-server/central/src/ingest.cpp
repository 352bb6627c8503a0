#include "baidian/server/ingest.h"

#include "baidian/db/database.h"
#include "ingest_pass.h"

#include <SQLiteCpp/Statement.h>
#include <charconv>
#include <sqlite3.h>

namespace baidian::server {

using namespace protocol;

SaleDoc loadSale(SQLite::Database& db, std::int64_t saleId) {
    SaleDoc s;
    SQLite::Statement q(db, "SELECT uuid, seq, receipt_no, kind, COALESCE(original_uuid, ''), "
                            "completed_at, business_date, cashier, subtotal_fen, discount_fen, "
                            "rounding_fen, total_fen, change_fen, prev_hash, hash, journal_scheme "
                            "FROM sale WHERE id = ?");
    q.bind(1, saleId);
    if (!q.executeStep())
        return s;
    s.uuid = q.getColumn(0).getString();
    s.seq = q.getColumn(1).getInt64();
    s.receiptNo = q.getColumn(2).getString();
    s.kind = q.getColumn(3).getString();
    s.originalUuid = q.getColumn(4).getString();
    s.completedAt = q.getColumn(5).getString();
    s.businessDate = q.getColumn(6).getString();
    s.cashier = q.getColumn(7).getString();
    s.subtotalFen = q.getColumn(8).getInt64();
    s.discountFen = q.getColumn(9).getInt64();
    s.roundingFen = q.getColumn(10).getInt64();
    s.totalFen = q.getColumn(11).getInt64();
    s.changeFen = q.getColumn(12).getInt64();
    s.prevHash = q.getColumn(13).getString();
    s.hash = q.getColumn(14).getString();
    s.journalScheme = q.getColumn(15).getInt();
    SQLite::Statement lines(
        db, "SELECT line_no, sku, name, units, grams, unit_price_fen, list_price_fen, "
            "price_basis, gross_fen, COALESCE(promotion_code, ''), promotion_fen, "
            "line_discount_fen, order_share_fen, paid_fen, original_line_no FROM sale_line "
            "WHERE sale_id = ? ORDER BY rowid");
    lines.bind(1, saleId);
    while (lines.executeStep()) {
        SaleLineDoc l;
        l.lineNo = lines.getColumn(0).getInt();
        l.sku = lines.getColumn(1).getString();
        l.name = lines.getColumn(2).getString();
        l.units = lines.getColumn(3).getInt64();
        l.grams = lines.getColumn(4).getInt64();
        l.unitPriceFen = lines.getColumn(5).getInt64();
        l.listPriceFen = lines.getColumn(6).getInt64();
        l.priceBasis = lines.getColumn(7).getString();
        l.grossFen = lines.getColumn(8).getInt64();
        l.promotion = lines.getColumn(9).getString();
        l.promotionFen = lines.getColumn(10).getInt64();
        l.lineDiscountFen = lines.getColumn(11).getInt64();
        l.orderShareFen = lines.getColumn(12).getInt64();
        l.paidFen = lines.getColumn(13).getInt64();
        if (!lines.getColumn(14).isNull())
            l.originalLineNo = lines.getColumn(14).getInt();
        s.lines.push_back(std::move(l));
    }
    SQLite::Statement tenders(db, "SELECT kind, amount_fen, COALESCE(reference, '') FROM tender "
                                  "WHERE sale_id = ? ORDER BY seq");
    tenders.bind(1, saleId);
    while (tenders.executeStep())
        s.tenders.push_back({tenders.getColumn(0).getString(), tenders.getColumn(1).getInt64(),
                             tenders.getColumn(2).getString()});
    return s;
}

SaleBatchResult ingestBatch(SQLite::Database& db, std::int64_t outletId, const SaleBatch& batch,
                            const std::string& at, const IngestRules& rules) {
    // The rules quarantine every sale a constraint would refuse, so a constraint error is rare:
    // the batch is first stored under one savepoint (a savepoint per sale costs a sixth of the
    // writer's time). If a sale still breaks a constraint, that pass is rolled back whole and
    // the batch is stored again sale by sale, so that the sale is quarantined alone.
    {
        db::Savepoint whole(db);
        try {
            auto result = ingestOnce(db, outletId, batch, at, rules, false);
            whole.release();
            return result;
        } catch (const SQLite::Exception& e) {
            if (e.getErrorCode() != SQLITE_CONSTRAINT)
                throw;
        }
    } // rolled back
    return ingestOnce(db, outletId, batch, at, rules, true);
}

Result<protocol::SaleLookup> lookupSale(SQLite::Database& db, std::int64_t outletId,
                                        std::string_view outletCode, std::string_view receiptNo,
                                        std::string_view uuid) {
    const auto notFound = [&] {
        return makeError(ErrorCode::NotFound, "no sale with receipt number " +
                                                  std::string(receiptNo) + " at outlet " +
                                                  std::string(outletCode));
    };
    // <outlet>-TT-SSSSSS: the terminal and its sequence number, which the sale's key holds.
    if (receiptNo.size() < outletCode.size() + 5 || !receiptNo.starts_with(outletCode) ||
        receiptNo[outletCode.size()] != '-')
        return notFound();
    const auto rest = receiptNo.substr(outletCode.size() + 1);
    const auto dash = rest.find('-');
    int terminal = 0;
    std::int64_t seq = 0;
    if (dash == std::string_view::npos ||
        std::from_chars(rest.data(), rest.data() + dash, terminal).ptr != rest.data() + dash ||
        std::from_chars(rest.data() + dash + 1, rest.data() + rest.size(), seq).ptr !=
            rest.data() + rest.size())
        return notFound();
    try {
        SQLite::Statement q(db, "SELECT id, uuid FROM sale WHERE outlet_id = ? AND terminal_no = ? "
                                "AND seq = ? AND receipt_no = ? AND kind = 'sale'");
        q.bind(1, outletId);
        q.bind(2, terminal);
        q.bind(3, seq);
        q.bind(4, std::string(receiptNo));
        if (!q.executeStep() || (!uuid.empty() && q.getColumn(1).getString() != uuid))
            return notFound();
        protocol::SaleLookup out;
        out.sale = loadSale(db, q.getColumn(0).getInt64());
        SQLite::Statement returns(db, "SELECT id FROM sale WHERE outlet_id = ? AND "
                                      "original_uuid = ? AND kind = 'return' ORDER BY id");
        returns.bind(1, outletId);
        returns.bind(2, out.sale.uuid);
        while (returns.executeStep())
            out.returns.push_back(loadSale(db, returns.getColumn(0).getInt64()));
        return out;
    } catch (const SQLite::Exception& e) {
        return makeError(ErrorCode::Storage,
                         std::string("the sale could not be read: ") + e.what());
    }
}

std::vector<protocol::TerminalTrustDoc> terminalTrust(SQLite::Database& db, std::int64_t outletId) {
    std::vector<protocol::TerminalTrustDoc> out;
    SQLite::Statement q(
        db, "SELECT t.terminal_no, t.last_seen, t.max_seq, max(t.max_seq - t.sales, 0), "
            "(SELECT count(*) FROM quarantine x WHERE x.outlet_id = t.outlet_id AND "
            "x.terminal_no = t.terminal_no), "
            "(SELECT count(*) FROM journal_break b WHERE b.outlet_id = t.outlet_id AND "
            "b.terminal_no = t.terminal_no), "
            "COALESCE((SELECT unverified_sales FROM terminal_journal j WHERE j.outlet_id = "
            "t.outlet_id AND j.terminal_no = t.terminal_no), 0), "
            "(SELECT count(*) FROM sale_conflict c WHERE c.outlet_id = t.outlet_id AND "
            "c.terminal_no = t.terminal_no) + "
            "(SELECT count(*) FROM shift_report_conflict c WHERE c.outlet_id = t.outlet_id AND "
            "c.terminal_no = t.terminal_no) "
            "FROM terminal t WHERE t.outlet_id = ? ORDER BY t.terminal_no");
    q.bind(1, outletId);
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt(), q.getColumn(1).getString(),
                       q.getColumn(2).getInt64(), q.getColumn(3).getInt64(),
                       q.getColumn(4).getInt64(), q.getColumn(5).getInt64(),
                       q.getColumn(6).getInt64(), q.getColumn(7).getInt64()});
    return out;
}

} // namespace baidian::server
