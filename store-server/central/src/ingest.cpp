#include "baidian/server/ingest.h"

#include "baidian/db/database.h"
#include "baidian/domain/pricing.h"
#include "baidian/domain/time.h"
#include "baidian/protocol/codec.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/catalog.h"
#include "baidian/server/journal_check.h"
#include "baidian/server/sale_rules.h"

#include <SQLiteCpp/Statement.h>
#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <sqlite3.h>

namespace baidian::server {

using namespace protocol;

namespace {

const std::string kGenesis(64, '0');

/// The statements a batch needs, prepared once per batch (not once per sale).
struct Statements {
    explicit Statements(SQLite::Database& db)
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
        , officePrice(db, "SELECT " BAIDIAN_EFFECTIVE_PRICE_SQL ", p.price_basis FROM product p, "
                          "outlet o WHERE o.id = ? AND p.sku = ?")
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
                  "l.line_no WHERE l.sale_id = ? AND l.line_no = ? GROUP BY l.sale_id, l.line_no") {
    }

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

    SQLite::Statement known, held, quarantine, uuidAt, hashAt, prevHashAt, sale, line, tender,
        officePrice, conflict, original, originalLine;
};

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

/// The sale stored under `saleId`, as the till sent it.
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

/// What differs between a stored sale and a repeat of its UUID, for the conflict's reason.
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

/// One pass over the batch. With `savepointPerSale`, each sale is stored under its own savepoint
/// and a constraint it breaks quarantines it alone; without, such a constraint error is thrown
/// (the caller then rolls the pass back and runs the careful one).
SaleBatchResult ingestOnce(SQLite::Database& db, std::int64_t outletId, const SaleBatch& batch,
                           const std::string& at, const IngestRules& rules, bool savepointPerSale) {
    SaleBatchResult result;
    const int terminal = batch.terminal;
    Statements st(db);
    SaleContext context;
    context.latestDate = rules.latestDate.empty()
                             ? domain::addDays(domain::businessDate(domain::parseIsoUtc(at)), 1)
                             : rules.latestDate;
    {
        SQLite::Statement q(db, "SELECT opened_on FROM outlet WHERE id = ?");
        q.bind(1, outletId);
        if (q.executeStep())
            context.openedOn = q.getColumn(0).getString();
    }
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
    // Sales the codec could not read (mistyped, a key said twice): each quarantined alone, with
    // the field's name; a repeat of one gets its first answer.
    for (const auto& r : batch.rejected) {
        if (anyHeld) {
            st.held.bind(1, r.key);
            st.held.bind(2, outletId);
            const bool repeat = st.held.executeStep();
            st.held.reset();
            if (repeat) {
                result.results.push_back({r.key, 0, "quarantined", r.reason});
                continue;
            }
        }
        const std::string reason = "decode: " + r.reason;
        quarantine(st, outletId, terminal, r.key, 0, "", reason, r.body, at);
        anyHeld = true;
        result.results.push_back({r.key, 0, "quarantined", reason});
    }
    // Head office's price of each product at this outlet (overrides applied), per batch.
    std::map<std::string, std::optional<std::int64_t>> priceCache;
    const auto officePriceOf = [&](const SaleLineDoc& l) -> std::optional<std::int64_t> {
        const auto key = l.sku + '\n' + l.priceBasis;
        if (const auto it = priceCache.find(key); it != priceCache.end())
            return it->second;
        std::optional<std::int64_t> price;
        st.officePrice.bind(1, outletId);
        st.officePrice.bind(2, l.sku);
        if (st.officePrice.executeStep()) {
            const auto catalogBasis =
                domain::parsePriceBasis(st.officePrice.getColumn(1).getString());
            const auto basis = domain::parsePriceBasis(l.priceBasis);
            if (catalogBasis && basis) {
                const domain::UnitPrice catalog{domain::Fen(st.officePrice.getColumn(0).getInt64()),
                                                *catalogBasis};
                // Per kg and per jin are the same price said two ways; per unit is another.
                if (catalog.byWeight() == (*basis != domain::PriceBasis::PerUnit))
                    if (auto p = domain::convertPrice(catalog, *basis))
                        price = p->amount.value();
            }
        }
        st.officePrice.reset();
        priceCache[key] = price;
        return price;
    };
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
    JournalVerifier journal(db, outletId, terminal);
    std::vector<StoredSale> storedSales; // for the aggregates, once the batch is in
    storedSales.reserve(batch.sales.size());
    for (const auto& incoming : batch.sales) {
        // A repeat of this outlet's own UUID: the same sale gets the original answer; other
        // content under that UUID is a conflict, kept beside the original and reported.
        st.known.bind(1, outletId);
        st.known.bind(2, incoming.uuid);
        if (st.known.executeStep()) {
            const auto saleId = st.known.getColumn(0).getInt64();
            const auto seq = st.known.getColumn(1).getInt64();
            st.known.reset();
            const auto original = loadSale(db, saleId);
            if (original == incoming) {
                result.results.push_back({incoming.uuid, seq, "duplicate", ""});
                continue;
            }
            const std::string reason = "conflict: sale " + incoming.uuid +
                                       " is stored already with other content (" +
                                       differences(original, incoming) + "); both are kept";
            auto& c = st.conflict;
            c.bind(1, outletId);
            c.bind(2, terminal);
            c.bind(3, incoming.uuid);
            c.bind(4, incoming.seq);
            c.bind(5, saleId);
            c.bind(6, reason);
            c.bind(7, encode(SaleBatch{"", terminal, {incoming}, {}}));
            c.bind(8, at);
            c.exec();
            c.reset();
            result.results.push_back({incoming.uuid, incoming.seq, "quarantined", reason});
            continue;
        }
        st.known.reset();
        if (anyHeld) {
            st.held.bind(1, incoming.uuid);
            st.held.bind(2, outletId);
            if (st.held.executeStep()) {
                result.results.push_back(
                    {incoming.uuid, incoming.seq, "quarantined", st.held.getColumn(0).getString()});
                st.held.reset();
                continue;
            }
            st.held.reset();
        }

        std::string reason = checkSaleRules(incoming, rules.limits, context);
        if (reason.empty() && !incoming.receiptNo.starts_with(batch.outlet + "-"))
            reason = "receipt: receipt number " + incoming.receiptNo +
                     " does not belong to outlet " + batch.outlet;
        if (reason.empty() && (stored.contains(incoming.seq) ||
                               (incoming.seq <= maxSeq &&
                                Statements::at(st.uuidAt, outletId, terminal, incoming.seq))))
            reason = "seq: sequence " + std::to_string(incoming.seq) + " of terminal " +
                     std::to_string(terminal) + " already holds another sale";
        if (reason.empty() && incoming.kind == "return") {
            // A return's lines are lines of the original sale, when that sale is here.
            st.original.bind(1, outletId);
            st.original.bind(2, incoming.originalUuid);
            if (st.original.executeStep()) {
                const auto originalId = st.original.getColumn(0).getInt64();
                // Per original line: what this return takes of it, summed over its lines.
                std::map<int, std::array<std::int64_t, 3>> taken;
                for (const auto& l : incoming.lines) {
                    auto& q = st.originalLine;
                    q.bind(1, outletId);
                    q.bind(2, incoming.originalUuid);
                    q.bind(3, originalId);
                    q.bind(4, *l.originalLineNo);
                    const bool found = q.executeStep();
                    const bool same = found && q.getColumn(0).getString() == l.sku;
                    std::array<std::int64_t, 3> left{};
                    if (same)
                        for (int i = 0; i < 3; ++i)
                            left[static_cast<std::size_t>(i)] =
                                q.getColumn(1 + i).getInt64() - q.getColumn(4 + i).getInt64();
                    q.reset();
                    if (!same) {
                        reason = "kind: line " + std::to_string(l.lineNo) + " returns line " +
                                 std::to_string(*l.originalLineNo) + " of sale " +
                                 incoming.originalUuid + ", which " +
                                 (found ? "sold another product" : "has no such line");
                        break;
                    }
                    auto& t = taken[*l.originalLineNo];
                    t[0] += l.units;
                    t[1] += l.grams;
                    t[2] -= l.paidFen;
                    static constexpr const char* kWhat[] = {"units", "grams", "fen"};
                    for (std::size_t i = 0; i < 3 && reason.empty(); ++i)
                        if (t[i] > left[i])
                            reason = "return: line " + std::to_string(l.lineNo) + " takes " +
                                     std::to_string(t[i]) + " " + kWhat[i] + " of line " +
                                     std::to_string(*l.originalLineNo) + " of sale " +
                                     incoming.originalUuid + ", which has " +
                                     std::to_string(std::max<std::int64_t>(left[i], 0)) +
                                     " left to return";
                    if (!reason.empty())
                        break;
                }
            }
            st.original.reset();
        }
        if (!reason.empty()) {
            quarantine(st, outletId, terminal, incoming, reason, at);
            anyHeld = true;
            result.results.push_back({incoming.uuid, incoming.seq, "quarantined", reason});
            continue;
        }

        // Price compliance counts head office's price, never the till's list price.
        const SaleDoc& sale = incoming;
        std::vector<std::optional<std::int64_t>> officePrices;
        officePrices.reserve(sale.lines.size());
        for (const auto& l : sale.lines)
            officePrices.push_back(officePriceOf(l));
        // One sale, one savepoint: a constraint that refuses this sale quarantines it alone.
        try {
            std::optional<db::Savepoint> unit;
            if (savepointPerSale)
                unit.emplace(db);
            store(st, outletId, terminal, sale, officePrices, at);
            if (unit)
                unit->release();
        } catch (const SQLite::Exception& e) {
            if (e.getErrorCode() != SQLITE_CONSTRAINT || !savepointPerSale)
                throw;
            // tryReset: reset() would throw the statement's error again (sqlite3_reset returns
            // it).
            for (auto* q : {&st.sale, &st.line, &st.tender}) {
                (void)q->tryReset();
                q->clearBindings();
            }
            reason = std::string("constraint: ") + e.what();
            quarantine(st, outletId, terminal, incoming, reason, at);
            anyHeld = true;
            result.results.push_back({incoming.uuid, incoming.seq, "quarantined", reason});
            continue;
        }
        result.results.push_back({sale.uuid, sale.seq, "stored", ""});
        // Journal continuity with the neighbours already here, in whatever order they came.
        const auto before = sale.seq == 1 ? std::optional<std::string>(kGenesis)
                                          : neighbour(st.hashAt, sale.seq - 1, true);
        if (before && *before != sale.prevHash)
            journal.recordBreak(sale.seq, "prev_hash", at, result.journalBreaks);
        const auto after = neighbour(st.prevHashAt, sale.seq + 1, false);
        if (after && *after != sale.hash)
            journal.recordBreak(sale.seq + 1, "prev_hash", at, result.journalBreaks);
        stored[sale.seq] = {sale.hash, sale.prevHash};
        // Its hash recomputed from what was received (scheme 2), or counted as unverifiable.
        journal.check(sale, at, result.journalBreaks);
        storedSales.push_back({&sale, std::move(officePrices)});
    }
    (void)addToAggregates(db, outletId, storedSales);
    std::int64_t newMax = 0;
    for (const auto& [seq, _] : stored)
        newMax = std::max(newMax, seq);
    SQLite::Statement seen(
        db, "INSERT INTO terminal(outlet_id, terminal_no, last_seen, max_seq, sales) "
            "VALUES (?,?,?,?,?) ON CONFLICT(outlet_id, terminal_no) DO UPDATE SET last_seen = "
            "excluded.last_seen, max_seq = max(max_seq, excluded.max_seq), sales = sales + "
            "excluded.sales");
    seen.bind(1, outletId);
    seen.bind(2, terminal);
    seen.bind(3, at);
    seen.bind(4, newMax);
    seen.bind(5, static_cast<std::int64_t>(stored.size()));
    seen.exec();
    return result;
}

} // namespace

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
