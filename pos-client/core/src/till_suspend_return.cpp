// Till: suspended sales (挂单) and returns.
#include "baidian/pos/sale_record.h"
#include "baidian/pos/till.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace baidian::pos {

using domain::Fen;
using domain::Grams;
using domain::SaleUnit;

Result<std::int64_t> Till::suspend(const std::string& note) {
    if (!m_open || m_lines.empty())
        return keyedError(ErrorCode::InvalidArgument, "there is no sale to suspend");
    if (m_isReturn)
        return keyedError(ErrorCode::Conflict, "a return cannot be suspended: complete or void it");
    if (!m_tenders.empty())
        return keyedError(ErrorCode::Conflict,
                          "payments were taken: remove them or complete the sale");
    if (m_orderDiscount.value() != 0 || m_rounding)
        return keyedError(ErrorCode::Conflict,
                          "remove the order discount and 抹零 before suspending");
    auto& db = m_store.database();
    try {
        SQLite::Transaction tx(db);
        SQLite::Statement head(
            db,
            "INSERT INTO suspended_sale(cashier_id, created_at, note) VALUES (?,?,?) RETURNING id");
        head.bind(1, m_cashier->id);
        head.bind(2, isoUtc(m_clock.now()));
        head.bind(3, note);
        head.executeStep();
        const auto id = head.getColumn(0).getInt64();
        head.reset();
        SQLite::Statement line(
            db,
            "INSERT INTO suspended_line(suspended_id, line_no, product_id, units, grams, "
            "unit_price_fen, price_overridden, line_discount_fen, entry, weight_source, barcode, "
            "approved_by, label_fen) VALUES (?,?,?,?,?,?,?,?,?,?,NULLIF(?,''),?,?)");
        int no = 0;
        for (const auto& l : m_lines) {
            line.bind(1, id);
            line.bind(2, ++no);
            line.bind(3, l.productId);
            line.bind(4, l.units);
            line.bind(5, l.grams.value());
            line.bind(6, l.price.amount.value());
            line.bind(7, l.priceOverridden ? 1 : 0);
            line.bind(8, l.lineDiscount.value());
            line.bind(9, std::string(toString(l.entry)));
            if (l.weightSource)
                line.bind(10, std::string(toString(*l.weightSource)));
            line.bind(11, l.barcode);
            if (l.approvedBy)
                line.bind(12, *l.approvedBy);
            if (l.labelAmount)
                line.bind(13, l.labelAmount->value());
            line.exec();
            line.reset();
            line.clearBindings();
        }
        tx.commit();
        reset();
        return id;
    } catch (const SQLite::Exception& e) {
        return keyedError(ErrorCode::Storage, "the sale could not be suspended: %1", {e.what()});
    }
}

std::vector<SuspendedSummary> Till::suspendedSales() {
    std::vector<SuspendedSummary> out;
    SQLite::Statement q(
        m_store.database(),
        "SELECT s.id, s.created_at, s.note, count(l.line_no) FROM suspended_sale s "
        "LEFT JOIN suspended_line l ON l.suspended_id = s.id GROUP BY s.id ORDER BY s.id");
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(),
                       localDateTime(parseIsoUtc(q.getColumn(1).getString())),
                       q.getColumn(2).getString(), q.getColumn(3).getInt()});
    return out;
}

Status Till::resume(std::int64_t suspendedId) {
    if (auto ok = requireShift(); !ok)
        return ok;
    if (m_open)
        return keyedError(ErrorCode::Conflict, "finish, suspend or void the open sale first");
    auto& db = m_store.database();
    std::vector<BasketLine> lines;
    std::vector<std::vector<Promotion>> promotions;
    try {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement q(
            db,
            "SELECT product_id, units, grams, unit_price_fen, price_overridden, line_discount_fen, "
            "entry, weight_source, COALESCE(barcode, ''), approved_by, label_fen "
            "FROM suspended_line WHERE suspended_id = ? ORDER BY line_no");
        q.bind(1, suspendedId);
        while (q.executeStep()) {
            const auto item = m_store.productById(q.getColumn(0).getInt64());
            if (!item)
                return keyedError(ErrorCode::NotFound,
                                  "a suspended item is no longer in the catalog");
            BasketLine l;
            l.productId = item->id;
            l.sku = item->product.sku;
            l.name = item->product.name;
            l.unit = item->product.unit;
            l.listPrice = l.price = item->product.price;
            l.units = q.getColumn(1).getInt64();
            l.grams = Grams(q.getColumn(2).getInt64());
            l.priceOverridden = q.getColumn(4).getInt() != 0;
            if (l.priceOverridden)
                l.price.amount = Fen(q.getColumn(3).getInt64());
            l.lineDiscount = Fen(q.getColumn(5).getInt64());
            l.entry = parseEntryMethod(q.getColumn(6).getString()).value();
            if (!q.getColumn(7).isNull())
                l.weightSource = parseWeightSource(q.getColumn(7).getString()).value();
            l.barcode = q.getColumn(8).getString();
            if (!q.getColumn(9).isNull())
                l.approvedBy = q.getColumn(9).getInt64();
            if (!q.getColumn(10).isNull())
                l.labelAmount = Fen(q.getColumn(10).getInt64());
            promotions.push_back(m_store.promotionsFor(l.productId, businessDate(m_clock.now())));
            lines.push_back(std::move(l));
        }
        if (lines.empty())
            return keyedError(ErrorCode::NotFound, "no suspended sale %1",
                              {std::to_string(suspendedId)});
        auto totals = priceBasket(lines, promotions, Fen(0), std::nullopt);
        if (!totals)
            return totals.error();
        SQLite::Statement drop(db, "DELETE FROM suspended_sale WHERE id = ?");
        drop.bind(1, suspendedId);
        drop.exec();
        tx.commit();
        m_lines = std::move(lines);
        m_promotions = std::move(promotions);
        m_totals = *totals;
        m_open = true;
        return {};
    } catch (const SQLite::Exception& e) {
        return keyedError(ErrorCode::Storage, "the sale could not be resumed: %1", {e.what()});
    }
}

Status Till::startReturn(const std::string& receipt) {
    if (auto ok = requireShift(); !ok)
        return ok;
    if (m_open)
        return keyedError(ErrorCode::Conflict, "finish, suspend or void the open sale first");
    auto& db = m_store.database();
    // What the cashier has: the receipt's QR code (BD1|receipt number|sale UUID, what a scanner
    // types), the number printed on it, or just its last digits (this till's sequence number).
    std::string receiptNo = receipt;
    std::string uuid;
    if (receipt.starts_with("BD1|")) {
        const auto bar = receipt.find('|', 4);
        receiptNo = receipt.substr(4, bar == std::string::npos ? std::string::npos : bar - 4);
        if (bar != std::string::npos)
            uuid = receipt.substr(bar + 1);
    } else if (!receipt.empty() && receipt.size() <= 9 &&
               receipt.find_first_not_of("0123456789") == std::string::npos) {
        if (auto terminal = m_store.terminal())
            receiptNo = receiptNumber(*terminal, std::stoll(receipt));
    }
    SQLite::Statement sale(db, "SELECT id FROM sale WHERE receipt_no = ? AND kind = 'sale' "
                               "AND (? = '' OR uuid = ?)");
    sale.bind(1, receiptNo);
    sale.bind(2, uuid);
    sale.bind(3, uuid);
    if (!sale.executeStep())
        return keyedError(ErrorCode::NotFound, "no sale with receipt number %1 on this till",
                          {receiptNo});
    const auto saleId = sale.getColumn(0).getInt64();
    SQLite::Statement lines(
        db, "SELECT l.line_no, l.name, l.units, l.grams, l.paid_fen, "
            "COALESCE((SELECT SUM(r.units) FROM sale_line r JOIN sale rs ON rs.id = r.sale_id "
            "  WHERE rs.original_sale_id = l.sale_id AND r.original_line_no = l.line_no), 0), "
            "COALESCE((SELECT SUM(r.grams) FROM sale_line r JOIN sale rs ON rs.id = r.sale_id "
            "  WHERE rs.original_sale_id = l.sale_id AND r.original_line_no = l.line_no), 0), "
            "COALESCE((SELECT -SUM(r.paid_fen) FROM sale_line r JOIN sale rs ON rs.id = r.sale_id "
            "  WHERE rs.original_sale_id = l.sale_id AND r.original_line_no = l.line_no), 0), "
            "l.product_id, l.sku, l.unit_price_fen, l.list_price_fen, l.price_basis "
            "FROM sale_line l WHERE l.sale_id = ? ORDER BY l.line_no");
    lines.bind(1, saleId);
    std::vector<ReturnableLine> returnable;
    while (lines.executeStep()) {
        ReturnableLine r;
        r.lineNo = lines.getColumn(0).getInt();
        r.name = lines.getColumn(1).getString();
        r.unitsSold = lines.getColumn(2).getInt64();
        r.gramsSold = Grams(lines.getColumn(3).getInt64());
        r.unit = r.unitsSold > 0 ? SaleUnit::Each : SaleUnit::ByWeight;
        r.paid = Fen(lines.getColumn(4).getInt64());
        r.unitsReturned = lines.getColumn(5).getInt64();
        r.gramsReturned = Grams(lines.getColumn(6).getInt64());
        r.refunded = Fen(lines.getColumn(7).getInt64());
        returnable.push_back(r);
    }
    SQLite::Statement paid(db, "SELECT kind, amount_fen, COALESCE(reference, '') FROM tender "
                               "WHERE sale_id = ? ORDER BY amount_fen DESC, seq");
    paid.bind(1, saleId);
    std::vector<TenderEntry> tenders;
    while (paid.executeStep())
        tenders.push_back({parseTenderKind(paid.getColumn(0).getString()).value(),
                           Fen(paid.getColumn(1).getInt64()), paid.getColumn(2).getString()});
    reset();
    m_open = true;
    m_isReturn = true;
    m_originalSaleId = saleId;
    m_returnable = std::move(returnable);
    m_originalTenders = std::move(tenders);
    return {};
}

Result<std::size_t> Till::returnLine(int originalLineNo, std::int64_t units,
                                     std::optional<Grams> grams) {
    if (!m_open || !m_isReturn || !m_originalSaleId)
        return keyedError(ErrorCode::Conflict, "start a return against a receipt first");
    const ReturnableLine* original = nullptr;
    for (const auto& r : m_returnable)
        if (r.lineNo == originalLineNo)
            original = &r;
    if (!original)
        return keyedError(ErrorCode::NotFound, "the original sale has no line %1",
                          {std::to_string(originalLineNo)});
    // What this basket already returns of that line.
    std::int64_t unitsInBasket = 0, gramsInBasket = 0;
    Fen refundInBasket;
    for (const auto& l : m_lines)
        if (l.originalLineNo == originalLineNo) {
            unitsInBasket += l.units;
            gramsInBasket += l.grams.value();
            refundInBasket += *l.refundAmount;
        }
    const bool weighed = original->unit == SaleUnit::ByWeight;
    const std::int64_t sold = weighed ? original->gramsSold.value() : original->unitsSold;
    const std::int64_t already =
        (weighed ? original->gramsReturned.value() : original->unitsReturned) +
        (weighed ? gramsInBasket : unitsInBasket);
    const std::int64_t quantity = weighed ? (grams ? grams->value() : 0) : units;
    if (quantity <= 0)
        return keyedError(ErrorCode::InvalidArgument,
                          weighed ? "return at least 1 gram" : "return at least 1 unit");
    if (quantity > sold - already)
        return keyedError(
            ErrorCode::InvalidArgument, "only %1 of %2 is left to return",
            {weighed ? Grams(sold - already).formatKg() : std::to_string(sold - already),
             original->name});
    const Fen left = original->paid - original->refunded - refundInBasket;
    Fen refund = left;
    if (quantity < sold - already) {
        auto share = domain::divideRounded(domain::Wide(original->paid.value()) * quantity, sold,
                                           domain::RoundingMode::HalfUp);
        if (!share)
            return share.error();
        refund = std::min(Fen(*share), left);
    }

    auto& db = m_store.database();
    SQLite::Statement q(
        db, "SELECT product_id, sku, unit_price_fen, list_price_fen, price_basis FROM sale_line "
            "WHERE sale_id = ? AND line_no = ?");
    q.bind(1, *m_originalSaleId);
    q.bind(2, originalLineNo);
    q.executeStep();
    BasketLine line;
    line.productId = q.getColumn(0).getInt64();
    line.sku = q.getColumn(1).getString();
    line.name = original->name;
    line.unit = original->unit;
    line.price = {Fen(q.getColumn(2).getInt64()),
                  domain::parsePriceBasis(q.getColumn(4).getString()).value()};
    line.listPrice = {Fen(q.getColumn(3).getInt64()), line.price.basis};
    line.units = weighed ? 0 : quantity;
    line.grams = Grams(weighed ? quantity : 0);
    line.entry = EntryMethod::Keyed;
    line.originalLineNo = originalLineNo;
    line.refundAmount = refund;
    if (auto ok = change([&] {
            m_lines.push_back(std::move(line));
            m_promotions.emplace_back();
        });
        !ok)
        return ok.error();
    return m_lines.size() - 1;
}

Status Till::startNoReceiptReturn(const Approval& approval) {
    if (auto ok = requireShift(); !ok)
        return ok;
    if (m_open)
        return keyedError(ErrorCode::Conflict, "finish, suspend or void the open sale first");
    auto approver = approve(approval, "a return without a receipt");
    if (!approver)
        return approver.error();
    TillEvent e;
    e.kind = TillEventKind::NoReceiptReturn;
    e.approverId = *approver;
    if (auto logged = logEvent(e); !logged)
        return logged;
    reset();
    m_open = true;
    m_isReturn = true;
    m_saleApprovedBy = *approver;
    m_saleApprovalWhat = "no-receipt return";
    return {};
}

} // namespace baidian::pos
