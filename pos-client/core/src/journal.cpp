#include "baidian/pos/journal.h"

#include "baidian/crypto/hash_chain.h"
#include "baidian/protocol/journal_hash.h"

#include <SQLiteCpp/Statement.h>
#include <stdexcept>

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

protocol::SaleDoc saleDocOf(SQLite::Database& db, std::int64_t saleId, db::StatementCache* cache) {
    protocol::SaleDoc s;
    db::Prepared saleQuery(
        db, cache,
        "SELECT s.uuid, s.seq, s.receipt_no, s.kind, COALESCE(o.uuid, s.original_uuid, ''), "
        "s.completed_at, "
        "s.business_date, c.code, s.subtotal_fen, s.discount_fen, s.rounding_fen, s.total_fen, "
        "s.change_fen FROM sale s JOIN cashier c ON c.id = s.cashier_id "
        "LEFT JOIN sale o ON o.id = s.original_sale_id WHERE s.id = ?");
    auto& sale = *saleQuery;
    sale.bind(1, saleId);
    if (!sale.executeStep())
        throw std::runtime_error("sale " + std::to_string(saleId) + " does not exist");
    s.uuid = sale.getColumn(0).getString();
    s.seq = sale.getColumn(1).getInt64();
    s.receiptNo = sale.getColumn(2).getString();
    s.kind = sale.getColumn(3).getString();
    s.originalUuid = sale.getColumn(4).getString();
    s.completedAt = sale.getColumn(5).getString();
    s.businessDate = sale.getColumn(6).getString();
    s.cashier = sale.getColumn(7).getString();
    s.subtotalFen = sale.getColumn(8).getInt64();
    s.discountFen = sale.getColumn(9).getInt64();
    s.roundingFen = sale.getColumn(10).getInt64();
    s.totalFen = sale.getColumn(11).getInt64();
    s.changeFen = sale.getColumn(12).getInt64();
    db::Prepared linesQuery(
        db, cache,
        "SELECT line_no, sku, name, units, grams, unit_price_fen, list_price_fen, price_basis, "
        "gross_fen, COALESCE(promotion_code, ''), promotion_fen, line_discount_fen, "
        "order_share_fen, paid_fen, original_line_no FROM sale_line WHERE sale_id = ? "
        "ORDER BY line_no");
    auto& lines = *linesQuery;
    lines.bind(1, saleId);
    while (lines.executeStep()) {
        protocol::SaleLineDoc l{lines.getColumn(0).getInt(),
                                lines.getColumn(1).getString(),
                                lines.getColumn(2).getString(),
                                lines.getColumn(3).getInt64(),
                                lines.getColumn(4).getInt64(),
                                lines.getColumn(5).getInt64(),
                                lines.getColumn(6).getInt64(),
                                lines.getColumn(7).getString(),
                                lines.getColumn(8).getInt64(),
                                lines.getColumn(9).getString(),
                                lines.getColumn(10).getInt64(),
                                lines.getColumn(11).getInt64(),
                                lines.getColumn(12).getInt64(),
                                lines.getColumn(13).getInt64(),
                                std::nullopt};
        if (!lines.getColumn(14).isNull())
            l.originalLineNo = lines.getColumn(14).getInt();
        s.lines.push_back(std::move(l));
    }
    db::Prepared tendersQuery(db, cache,
                              "SELECT kind, amount_fen, COALESCE(reference, '') FROM tender "
                              "WHERE sale_id = ? ORDER BY seq");
    auto& tenders = *tendersQuery;
    tenders.bind(1, saleId);
    while (tenders.executeStep())
        s.tenders.push_back({tenders.getColumn(0).getString(), tenders.getColumn(1).getInt64(),
                             tenders.getColumn(2).getString()});
    return s;
}

std::string journalPayloadV1(SQLite::Database& db, std::int64_t saleId, db::StatementCache* cache) {
    std::string out = "v1\n";
    db::Prepared saleQuery(
        db, cache,
        "SELECT s.uuid, s.seq, s.receipt_no, s.kind, COALESCE(o.uuid, s.original_uuid), c.code, "
        "s.approved_by, "
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

std::string journalEntryHash(SQLite::Database& db, std::int64_t saleId,
                             const std::string& previousHash, int scheme, db::StatementCache* cache,
                             const crypto::JournalKey* key) {
    if (scheme == protocol::kJournalSchemeTillRows)
        return crypto::HashChain::link(previousHash, journalPayloadV1(db, saleId, cache));
    auto doc = saleDocOf(db, saleId, cache);
    doc.prevHash = previousHash;
    if (scheme == protocol::kJournalSchemeKeyed) {
        if (!key)
            throw std::logic_error("a scheme-3 journal entry needs the till's journal key");
        return protocol::keyedJournalHash(doc, *key);
    }
    return protocol::journalHash(doc);
}

JournalCheck verifyJournal(SQLite::Database& db, const crypto::JournalKey* key) {
    JournalCheck check;
    db::StatementCache cache;
    auto fail = [&](std::int64_t seq, std::string problem) {
        check.ok = false;
        check.firstBadSeq = seq;
        check.problem = std::move(problem);
        return check;
    };
    SQLite::Statement entries(db, "SELECT j.seq, j.sale_id, j.prev_hash, j.hash, s.seq, j.scheme "
                                  "FROM journal j "
                                  "LEFT JOIN sale s ON s.id = j.sale_id ORDER BY j.seq");
    std::string previous = crypto::HashChain::genesis();
    std::int64_t expectedSeq = 1;
    bool seenServerVerifiable = false;
    bool seenKeyed = false;
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
        const int scheme = entries.getColumn(5).getInt();
        if (scheme < protocol::kJournalSchemeTillRows || scheme > protocol::kJournalSchemeKeyed)
            return fail(seq, "journal entry " + std::to_string(seq) + " has unknown scheme " +
                                 std::to_string(scheme));
        if (scheme == protocol::kJournalSchemeTillRows && seenServerVerifiable)
            return fail(seq, "journal entry " + std::to_string(seq) +
                                 " went back to scheme 1, which the server cannot check");
        if (scheme != protocol::kJournalSchemeKeyed && seenKeyed)
            return fail(seq, "journal entry " + std::to_string(seq) + " went back to scheme " +
                                 std::to_string(scheme) + ", which is not keyed");
        if (scheme == protocol::kJournalSchemeKeyed && !key)
            return fail(seq, "journal entry " + std::to_string(seq) +
                                 " is keyed and this till has no journal key to check it");
        seenServerVerifiable = seenServerVerifiable || scheme != protocol::kJournalSchemeTillRows;
        seenKeyed = seenKeyed || scheme == protocol::kJournalSchemeKeyed;
        const std::string hash = journalEntryHash(db, saleId, previous, scheme, &cache, key);
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
