// Till: suspended sales (挂单) and returns.
#include "baidian/pos/journal.h"
#include "baidian/pos/sale_record.h"
#include "baidian/pos/till.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <algorithm>
#include <array>
#include <functional>
#include <map>

namespace baidian::pos {

using domain::Fen;
using domain::Grams;
using domain::SaleUnit;

Result<std::int64_t> Till::suspend(const std::string& note) {
    if (!m_basket.open || m_basket.lines.empty())
        return keyedError(ErrorCode::InvalidArgument, "there is no sale to suspend");
    if (m_basket.isReturn)
        return keyedError(ErrorCode::Conflict, "a return cannot be suspended: complete or void it");
    if (!m_basket.tenders.empty())
        return keyedError(ErrorCode::Conflict,
                          "payments were taken: remove them or complete the sale");
    if (m_basket.orderDiscount.value() != 0 || m_basket.rounding)
        return keyedError(ErrorCode::Conflict,
                          "remove the order discount and 抹零 before suspending");
    auto& db = m_store.database();
    try {
        SQLite::Transaction tx(db);
        SQLite::Statement head(
            db,
            "INSERT INTO suspended_sale(cashier_id, created_at, note) VALUES (?,?,?) RETURNING id");
        head.bind(1, m_cashier->id);
        head.bind(2, domain::isoUtc(m_clock.now()));
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
        for (const auto& l : m_basket.lines) {
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
                       domain::localDateTime(domain::parseIsoUtc(q.getColumn(1).getString())),
                       q.getColumn(2).getString(), q.getColumn(3).getInt()});
    return out;
}

Status Till::resume(std::int64_t suspendedId) {
    if (auto ok = requireShift(); !ok)
        return ok;
    if (m_basket.open)
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
            promotions.push_back(
                m_store.promotionsFor(l.productId, domain::businessDate(m_clock.now())));
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
        m_basket.lines = std::move(lines);
        m_basket.promotions = std::move(promotions);
        m_basket.totals = *totals;
        m_basket.open = true;
        return {};
    } catch (const SQLite::Exception& e) {
        return keyedError(ErrorCode::Storage, "the sale could not be resumed: %1", {e.what()});
    }
}

namespace {

/// What one return took of each original line: units, grams, money (positive).
using TakenByLine = std::map<int, std::array<std::int64_t, 3>>;

/// A stored line's price basis (checked by the schema and the codec: unit, kg or jin).
domain::PriceBasis basisOf(const std::string& text) {
    const auto basis = domain::parsePriceBasis(text);
    return basis ? *basis : domain::PriceBasis::PerUnit;
}

/// The lines of `sale` as a return against it sees them (nothing returned yet), and how it was
/// paid, largest first and in the order paid among equals: a refund goes back the way the money
/// came. `productIdOf` gives a line's product in this till's catalog (0: not sold here).
void readOriginal(const protocol::SaleDoc& sale,
                  const std::function<std::int64_t(const protocol::SaleLineDoc&)>& productIdOf,
                  std::vector<ReturnableLine>& lines, std::vector<TenderEntry>& tenders) {
    for (const auto& l : sale.lines) {
        ReturnableLine r;
        r.lineNo = l.lineNo;
        r.name = l.name;
        r.unitsSold = l.units;
        r.gramsSold = Grams(l.grams);
        r.unit = l.units > 0 ? SaleUnit::Each : SaleUnit::ByWeight;
        r.paid = Fen(l.paidFen);
        r.sku = l.sku;
        r.productId = productIdOf(l);
        const auto basis = basisOf(l.priceBasis);
        r.price = domain::UnitPrice{Fen(l.unitPriceFen), basis};
        r.listPrice = domain::UnitPrice{Fen(l.listPriceFen), basis};
        lines.push_back(std::move(r));
    }
    for (const auto& t : sale.tenders)
        if (const auto kind = parseTenderKind(t.kind); kind && t.amountFen > 0)
            tenders.push_back({*kind, Fen(t.amountFen), t.reference});
    std::stable_sort(tenders.begin(), tenders.end(),
                     [](const TenderEntry& x, const TenderEntry& y) {
                         return x.amount.value() > y.amount.value();
                     });
}

} // namespace

Status Till::startReturn(const std::string& receipt) {
    if (auto ok = requireShift(); !ok)
        return ok;
    if (m_basket.open)
        return keyedError(ErrorCode::Conflict, "finish, suspend or void the open sale first");
    auto& db = m_store.database();
    const auto terminal = m_store.terminal();
    if (!terminal)
        return terminal.error();
    // What the cashier has: the receipt's QR code (BD1|receipt number|sale UUID, what a scanner
    // types), the number printed on it, or just its last digits (this till's sequence number).
    std::string receiptNo;
    std::string uuid;
    if (receipt.starts_with("BD1|")) {
        const auto bar = receipt.find('|', 4);
        receiptNo = receipt.substr(4, bar == std::string::npos ? std::string::npos : bar - 4);
        if (bar != std::string::npos)
            uuid = receipt.substr(bar + 1);
    } else {
        receiptNo = typedReceiptNumber(*terminal, receipt);
    }

    std::vector<ReturnableLine> returnable;
    std::vector<TenderEntry> tenders;
    std::optional<std::int64_t> saleId;
    std::string saleUuid;
    // Returns already taken, by UUID (a return of this till is also on the server once sent).
    std::map<std::string, TakenByLine> returns;
    const auto addReturn = [&](const protocol::SaleDoc& r) {
        auto& taken = returns[r.uuid];
        taken.clear();
        for (const auto& l : r.lines)
            if (l.originalLineNo) {
                auto& t = taken[*l.originalLineNo];
                t[0] += l.units;
                t[1] += l.grams;
                t[2] -= l.paidFen;
            }
    };

    SQLite::Statement sale(db, "SELECT id, uuid FROM sale WHERE receipt_no = ? AND kind = 'sale' "
                               "AND (? = '' OR uuid = ?)");
    sale.bind(1, receiptNo);
    sale.bind(2, uuid);
    sale.bind(3, uuid);
    if (sale.executeStep()) {
        // This till's own sale.
        saleId = sale.getColumn(0).getInt64();
        saleUuid = sale.getColumn(1).getString();
        // Its lines keep the product they sold, even one taken off sale since.
        std::map<int, std::int64_t> products;
        SQLite::Statement q(db, "SELECT line_no, product_id FROM sale_line WHERE sale_id = ?");
        q.bind(1, *saleId);
        while (q.executeStep())
            products[q.getColumn(0).getInt()] = q.getColumn(1).getInt64();
        readOriginal(
            saleDocOf(db, *saleId, &m_store.statements()),
            [&](const protocol::SaleLineDoc& l) { return products[l.lineNo]; }, returnable,
            tenders);
        // Returns of it taken at another till are on the server: asked for when it can be
        // reached; offline, this till's own returns count (head office quarantines a return
        // that takes more than was left).
        if (m_saleLookup)
            if (auto found = m_saleLookup(receiptNo, saleUuid);
                found && found->sale.uuid == saleUuid)
                for (const auto& r : found->returns)
                    addReturn(r);
    } else {
        // Another till's receipt: head office holds the sale.
        if (!receiptNo.starts_with(terminal->outletCode + "-"))
            return keyedError(ErrorCode::NotFound, "receipt %1 is not a receipt of this outlet",
                              {receiptNo});
        if (!m_saleLookup)
            return keyedError(ErrorCode::NotFound, "no sale with receipt number %1 on this till",
                              {receiptNo});
        auto found = m_saleLookup(receiptNo, uuid);
        if (!found) {
            if (found.error().code == ErrorCode::NotFound)
                return keyedError(ErrorCode::NotFound,
                                  "no sale with receipt number %1 in this outlet", {receiptNo});
            return keyedError(ErrorCode::Unavailable,
                              "receipt %1 is from another till and the server cannot be "
                              "reached: try again when the till is online",
                              {receiptNo});
        }
        saleUuid = found->sale.uuid;
        readOriginal(
            found->sale,
            [&](const protocol::SaleLineDoc& l) {
                const auto item = m_store.productBySku(l.sku);
                return item ? item->id : 0;
            },
            returnable, tenders);
        for (const auto& r : found->returns)
            addReturn(r);
    }
    // This till's own returns of it (by its id when this till sold it, else by its UUID).
    SQLite::Statement own(db, "SELECT id FROM sale WHERE kind = 'return' AND "
                              "(original_sale_id = ? OR original_uuid = ?)");
    own.bind(1, saleId.value_or(-1));
    own.bind(2, saleUuid);
    while (own.executeStep()) {
        const auto doc = saleDocOf(db, own.getColumn(0).getInt64(), &m_store.statements());
        addReturn(doc);
    }
    for (auto& line : returnable)
        for (const auto& [_, taken] : returns)
            if (const auto it = taken.find(line.lineNo); it != taken.end()) {
                line.unitsReturned += it->second[0];
                line.gramsReturned = Grams(line.gramsReturned.value() + it->second[1]);
                line.refunded += Fen(it->second[2]);
            }
    reset();
    m_basket.open = true;
    m_basket.isReturn = true;
    m_basket.originalSaleId = saleId;
    m_basket.originalUuid = saleUuid;
    m_basket.originalReceiptNo = receiptNo;
    m_basket.returnable = std::move(returnable);
    m_basket.originalTenders = std::move(tenders);
    return {};
}

Result<std::size_t> Till::returnLine(int originalLineNo, std::int64_t units,
                                     std::optional<Grams> grams) {
    if (!m_basket.open || !m_basket.isReturn || m_basket.originalUuid.empty())
        return keyedError(ErrorCode::Conflict, "start a return against a receipt first");
    const ReturnableLine* original = nullptr;
    for (const auto& r : m_basket.returnable)
        if (r.lineNo == originalLineNo)
            original = &r;
    if (!original)
        return keyedError(ErrorCode::NotFound, "the original sale has no line %1",
                          {std::to_string(originalLineNo)});
    if (original->productId == 0)
        return keyedError(ErrorCode::NotFound,
                          "%1 (%2) is not in this till's catalog: return it at the till that "
                          "sold it",
                          {original->name, original->sku});
    // What this basket already returns of that line.
    std::int64_t unitsInBasket = 0, gramsInBasket = 0;
    Fen refundInBasket;
    for (const auto& l : m_basket.lines)
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
    if (quantity > sold - already) {
        const auto left = std::max<std::int64_t>(sold - already, 0);
        return keyedError(
            ErrorCode::InvalidArgument, "only %1 of %2 is left to return",
            {weighed ? Grams(left).formatKg() : std::to_string(left), original->name});
    }
    const Fen left = original->paid - original->refunded - refundInBasket;
    Fen refund = left;
    if (quantity < sold - already) {
        auto share = domain::divideRounded(domain::Wide(original->paid.value()) * quantity, sold,
                                           domain::RoundingMode::HalfUp);
        if (!share)
            return share.error();
        refund = std::min(Fen(*share), left);
    }

    BasketLine line;
    line.productId = original->productId;
    line.sku = original->sku;
    line.name = original->name;
    line.unit = original->unit;
    line.price = original->price;
    line.listPrice = original->listPrice;
    line.units = weighed ? 0 : quantity;
    line.grams = Grams(weighed ? quantity : 0);
    line.entry = EntryMethod::Keyed;
    line.originalLineNo = originalLineNo;
    line.refundAmount = refund;
    if (auto ok = change([&] {
            m_basket.lines.push_back(std::move(line));
            m_basket.promotions.emplace_back();
        });
        !ok)
        return ok.error();
    return m_basket.lines.size() - 1;
}

Status Till::startNoReceiptReturn(const Approval& approval) {
    if (auto ok = requireShift(); !ok)
        return ok;
    if (m_basket.open)
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
    m_basket.open = true;
    m_basket.isReturn = true;
    m_basket.saleApprovedBy = *approver;
    m_basket.saleApprovalWhat = "no-receipt return";
    return {};
}

} // namespace baidian::pos
