#include "baidian/pos/journal.h"

#include "baidian/crypto/hash_chain.h"

#include <SQLiteCpp/Statement.h>

namespace baidian::pos {
namespace {

/// Text fields go into the payload with '|', '\n' and '%' percent-encoded so that no field can
/// imitate a separator.
std::string field(const SQLite::Column& column) {
    if (column.isNull())
        return "-";
    std::string out;
    for (const char c : column.getString()) {
        if (c == '|' || c == '\n' || c == '%') {
            static constexpr char kHex[] = "0123456789ABCDEF";
            out += '%';
            out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xf];
            out += kHex[static_cast<unsigned char>(c) & 0xf];
        } else {
            out += c;
        }
    }
    return out;
}

void appendRow(std::string& out, const char* tag, SQLite::Statement& row) {
    out += tag;
    for (int i = 0; i < row.getColumnCount(); ++i) {
        out += '|';
        out += field(row.getColumn(i));
    }
    out += '\n';
}

} // namespace

std::string journalPayload(SQLite::Database& db, std::int64_t saleId, db::StatementCache* cache) {
    std::string out = "v1\n";
    db::Prepared saleQuery(
        db, cache,
        "SELECT s.uuid, s.seq, s.receipt_no, s.kind, o.uuid, c.code, s.approved_by, "
        "s.completed_at, s.business_date, s.line_count, s.subtotal_fen, s.discount_fen, "
        "s.rounding_fen, s.total_fen, s.change_fen, s.shift_id "
        "FROM sale s JOIN cashier c ON c.id = s.cashier_id "
        "LEFT JOIN sale o ON o.id = s.original_sale_id WHERE s.id = ?");
    auto& sale = *saleQuery;
    sale.bind(1, saleId);
    if (sale.executeStep())
        appendRow(out, "S", sale);
    db::Prepared linesQuery(
        db, cache,
        "SELECT line_no, product_id, sku, name, units, grams, unit_price_fen, list_price_fen, "
        "price_basis, gross_fen, promotion_code, promotion_fen, line_discount_fen, "
        "order_share_fen, paid_fen, entry, weight_source, barcode, approved_by, "
        "original_line_no FROM sale_line WHERE sale_id = ? ORDER BY line_no");
    auto& lines = *linesQuery;
    lines.bind(1, saleId);
    while (lines.executeStep())
        appendRow(out, "L", lines);
    db::Prepared tendersQuery(
        db, cache,
        "SELECT seq, kind, amount_fen, reference FROM tender WHERE sale_id = ? ORDER BY seq");
    auto& tenders = *tendersQuery;
    tenders.bind(1, saleId);
    while (tenders.executeStep())
        appendRow(out, "T", tenders);
    return out;
}

JournalCheck verifyJournal(SQLite::Database& db) {
    JournalCheck check;
    auto fail = [&](std::int64_t seq, std::string problem) {
        check.ok = false;
        check.firstBadSeq = seq;
        check.problem = std::move(problem);
        return check;
    };
    SQLite::Statement entries(db,
                              "SELECT j.seq, j.sale_id, j.prev_hash, j.hash, s.seq FROM journal j "
                              "LEFT JOIN sale s ON s.id = j.sale_id ORDER BY j.seq");
    std::string previous = crypto::HashChain::genesis();
    std::int64_t expectedSeq = 1;
    while (entries.executeStep()) {
        const auto seq = entries.getColumn(0).getInt64();
        const auto saleId = entries.getColumn(1).getInt64();
        if (seq != expectedSeq)
            return fail(expectedSeq,
                        "journal entry " + std::to_string(expectedSeq) + " is missing");
        if (entries.getColumn(4).isNull() || entries.getColumn(4).getInt64() != seq)
            return fail(seq, "journal entry " + std::to_string(seq) +
                                 " does not point at the sale with that number");
        if (entries.getColumn(2).getString() != previous)
            return fail(seq, "journal entry " + std::to_string(seq) +
                                 " does not follow the one before it");
        const std::string hash = crypto::HashChain::link(previous, journalPayload(db, saleId));
        if (hash != entries.getColumn(3).getString())
            return fail(seq, "sale " + std::to_string(seq) + " was changed after it was recorded");
        previous = hash;
        ++expectedSeq;
        ++check.entries;
    }
    const auto sales = db.execAndGet("SELECT count(*) FROM sale").getInt64();
    if (sales != check.entries)
        return fail(expectedSeq,
                    std::to_string(sales - check.entries) + " sale(s) have no journal entry");
    return check;
}

} // namespace baidian::pos
