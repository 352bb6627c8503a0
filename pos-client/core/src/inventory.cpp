#include "baidian/pos/inventory.h"

#include "baidian/crypto/secrets.h"
#include "baidian/domain/pricing.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <algorithm>
#include <chrono>

namespace baidian::pos {

using domain::Fen;
using domain::Grams;

namespace {

constexpr std::pair<ShrinkReason, std::string_view> kReasons[] = {
    {ShrinkReason::Spoiled, "spoiled"}, {ShrinkReason::DriedOut, "dried_out"},
    {ShrinkReason::Damaged, "damaged"}, {ShrinkReason::Theft, "theft"},
    {ShrinkReason::Tasting, "tasting"}, {ShrinkReason::Other, "other"}};

bool isDate(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return false;
    try {
        (void)domain::parseIsoUtc(s + "T00:00:00Z");
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

Error storage(const SQLite::Exception& e) {
    return keyedError(ErrorCode::Storage, "the stock records could not be written: %1", {e.what()});
}

} // namespace

std::string_view toString(ShrinkReason reason) {
    for (const auto& [r, name] : kReasons)
        if (r == reason)
            return name;
    return "other";
}

Result<ShrinkReason> parseShrinkReason(std::string_view text) {
    for (const auto& [r, name] : kReasons)
        if (name == text)
            return r;
    return keyedError(ErrorCode::ParseError,
                      "\"%1\" is not a write-off reason (spoiled, dried_out, damaged, theft, "
                      "tasting, other)",
                      {std::string(text)});
}

std::vector<LotAllocation> allocateFifo(SQLite::Database& db, std::int64_t productId,
                                        std::int64_t units, std::int64_t grams,
                                        db::StatementCache* cache) {
    std::vector<LotAllocation> out;
    db::Prepared lotsQuery(
        db, cache,
        "SELECT l.id, COALESCE(b.units, 0), COALESCE(b.grams, 0) FROM lot l "
        "LEFT JOIN stock_balance b ON b.product_id = l.product_id AND b.lot_key = l.id "
        "WHERE l.product_id = ? ORDER BY l.arrival_date, l.id");
    auto& lots = *lotsQuery;
    lots.bind(1, productId);
    while ((units > 0 || grams > 0) && lots.executeStep()) {
        const auto haveUnits = lots.getColumn(1).getInt64();
        const auto haveGrams = lots.getColumn(2).getInt64();
        const auto takeUnits = std::min(units, std::max<std::int64_t>(haveUnits, 0));
        const auto takeGrams = std::min(grams, std::max<std::int64_t>(haveGrams, 0));
        if (takeUnits == 0 && takeGrams == 0)
            continue;
        out.push_back({lots.getColumn(0).getInt64(), takeUnits, takeGrams, false});
        units -= takeUnits;
        grams -= takeGrams;
    }
    if (units > 0 || grams > 0) {
        // Not on the books: check whether the product as a whole (lot-less stock too) covers it.
        db::Prepared freeQuery(
            db, cache,
            "SELECT units, grams FROM stock_balance WHERE product_id = ? AND lot_key = 0");
        auto& free = *freeQuery;
        free.bind(1, productId);
        const bool any = free.executeStep();
        const bool covered =
            any && free.getColumn(0).getInt64() >= units && free.getColumn(1).getInt64() >= grams;
        out.push_back({std::nullopt, units, grams, !covered});
    }
    return out;
}

void insertMovement(SQLite::Database& db, std::int64_t productId, std::optional<std::int64_t> lotId,
                    const std::string& kind, std::int64_t units, std::int64_t grams,
                    std::optional<std::int64_t> saleId, std::optional<int> lineNo,
                    const std::string& document, const std::string& otherOutlet,
                    const std::string& reason, bool belowZero, const std::string& at,
                    db::StatementCache* cache) {
    db::Prepared insert(db, cache,
                        "INSERT INTO stock_movement(uuid, product_id, lot_id, kind, units, "
                        "grams, sale_id, line_no, "
                        "document, other_outlet, reason, below_zero, at) "
                        "VALUES (?,?,?,?,?,?,?,?,NULLIF(?,''),NULLIF(?,''),NULLIF(?,''),?,?)");
    auto& q = *insert;
    q.bind(1, crypto::timeOrderedUuid());
    q.bind(2, productId);
    if (lotId)
        q.bind(3, *lotId);
    q.bind(4, kind);
    q.bind(5, units);
    q.bind(6, grams);
    if (saleId)
        q.bind(7, *saleId);
    if (lineNo)
        q.bind(8, *lineNo);
    q.bind(9, document);
    q.bind(10, otherOutlet);
    q.bind(11, reason);
    q.bind(12, belowZero ? 1 : 0);
    q.bind(13, at);
    q.exec();
}

Inventory::Inventory(LocalStore& store, const domain::Clock& clock)
    : m_store(store)
    , m_clock(clock) {}

Result<CatalogItem> Inventory::product(const StockQuantity& q) {
    auto item = m_store.productBySku(q.sku);
    if (!item)
        return keyedError(ErrorCode::NotFound, "no product with SKU %1", {q.sku});
    const bool weighed = item->product.unit == domain::SaleUnit::ByWeight;
    if (weighed ? (q.grams.value() <= 0 || q.units != 0) : (q.units <= 0 || q.grams.value() != 0))
        return keyedError(ErrorCode::InvalidArgument,
                          weighed ? "%1 is counted in grams: give a weight above zero"
                                  : "%1 is counted in units: give a quantity above zero",
                          {item->product.name});
    if (q.units > 1'000'000 || q.grams.value() > 100'000'000)
        return keyedError(ErrorCode::InvalidArgument, "the quantity of %1 is implausible",
                          {item->product.name});
    return *item;
}

Result<std::int64_t> Inventory::receive(const StockQuantity& quantity, const LotInfo& lotInfo,
                                        const std::string& document) {
    auto item = product(quantity);
    if (!item)
        return item.error();
    LotInfo lot = lotInfo;
    const std::string today = domain::businessDate(m_clock.now());
    if (lot.arrivalDate.empty())
        lot.arrivalDate = today;
    if (lot.code.empty() || lot.originBase.empty())
        return keyedError(ErrorCode::InvalidArgument,
                          "a lot needs its code and its production base");
    for (const auto* d : {&lot.harvestDate, &lot.bestBefore})
        if (!d->empty() && !isDate(*d))
            return keyedError(ErrorCode::InvalidArgument, "\"%1\" is not a date (YYYY-MM-DD)",
                              {*d});
    if (!isDate(lot.arrivalDate))
        return keyedError(ErrorCode::InvalidArgument, "\"%1\" is not a date (YYYY-MM-DD)",
                          {lot.arrivalDate});
    auto& db = m_store.database();
    try {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement upsert(
            db,
            "INSERT INTO lot(product_id, code, origin_base, harvest_date, arrival_date, "
            "best_before) "
            "VALUES (?,?,?,NULLIF(?,''),?,NULLIF(?,'')) ON CONFLICT(product_id, code) DO UPDATE "
            "SET origin_base = origin_base RETURNING id");
        upsert.bind(1, item->id);
        upsert.bind(2, lot.code);
        upsert.bind(3, lot.originBase);
        upsert.bind(4, lot.harvestDate);
        upsert.bind(5, lot.arrivalDate);
        upsert.bind(6, lot.bestBefore);
        upsert.executeStep();
        const auto lotId = upsert.getColumn(0).getInt64();
        upsert.reset();
        insertMovement(db, item->id, lotId, "receive", quantity.units, quantity.grams.value(),
                       std::nullopt, std::nullopt, document, "", "", false,
                       domain::isoUtc(m_clock.now()));
        tx.commit();
        return lotId;
    } catch (const SQLite::Exception& e) {
        return storage(e);
    }
}

Status Inventory::writeOff(const StockQuantity& quantity, ShrinkReason reason,
                           const std::string& note) {
    auto item = product(quantity);
    if (!item)
        return item.error();
    auto& db = m_store.database();
    try {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        for (const auto& a : allocateFifo(db, item->id, quantity.units, quantity.grams.value()))
            insertMovement(db, item->id, a.lotId, "shrink", -a.units, -a.grams, std::nullopt,
                           std::nullopt, note, "", std::string(toString(reason)), a.belowZero,
                           domain::isoUtc(m_clock.now()));
        tx.commit();
        return {};
    } catch (const SQLite::Exception& e) {
        return storage(e);
    }
}

Result<std::string> Inventory::transferOut(const std::string& toOutlet,
                                           const std::vector<StockQuantity>& lines) {
    const auto terminal = m_store.terminal();
    if (!terminal)
        return terminal.error();
    if (toOutlet.empty() || toOutlet == terminal->outletCode)
        return keyedError(ErrorCode::InvalidArgument,
                          "name the outlet the goods go to (not this one)");
    if (lines.empty())
        return keyedError(ErrorCode::InvalidArgument, "a transfer needs at least one line");
    std::vector<std::pair<CatalogItem, StockQuantity>> checked;
    for (const auto& l : lines) {
        auto item = product(l);
        if (!item)
            return item.error();
        checked.emplace_back(*item, l);
    }
    const std::string id = crypto::randomUuid();
    auto& db = m_store.database();
    try {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        const std::string at = domain::isoUtc(m_clock.now());
        for (const auto& [item, q] : checked)
            for (const auto& a : allocateFifo(db, item.id, q.units, q.grams.value()))
                insertMovement(db, item.id, a.lotId, "transfer_out", -a.units, -a.grams,
                               std::nullopt, std::nullopt, id, toOutlet, "", a.belowZero, at);
        SQLite::Statement t(
            db, "INSERT INTO transfer(uuid, direction, other_outlet, at) VALUES (?, 'out', ?, ?)");
        t.bind(1, id);
        t.bind(2, toOutlet);
        t.bind(3, at);
        t.exec();
        tx.commit();
        return id;
    } catch (const SQLite::Exception& e) {
        return storage(e);
    }
}

Status Inventory::receiveTransfer(const std::string& transferId, const std::string& fromOutlet,
                                  const std::vector<StockQuantity>& lines) {
    if (transferId.empty() || lines.empty())
        return keyedError(ErrorCode::InvalidArgument,
                          "an incoming transfer needs its id and its lines");
    auto& db = m_store.database();
    try {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement seen(db, "SELECT direction FROM transfer WHERE uuid = ?");
        seen.bind(1, transferId);
        if (seen.executeStep())
            return keyedError(ErrorCode::Conflict,
                              seen.getColumn(0).getString() == "in"
                                  ? "transfer %1 was already received"
                                  : "transfer %1 was sent from this outlet",
                              {transferId});
        const std::string at = domain::isoUtc(m_clock.now());
        for (const auto& l : lines) {
            auto item = product(l);
            if (!item)
                return item.error();
            insertMovement(db, item->id, std::nullopt, "transfer_in", l.units, l.grams.value(),
                           std::nullopt, std::nullopt, transferId, fromOutlet, "", false, at);
        }
        SQLite::Statement t(
            db, "INSERT INTO transfer(uuid, direction, other_outlet, at) VALUES (?, 'in', ?, ?)");
        t.bind(1, transferId);
        t.bind(2, fromOutlet);
        t.bind(3, at);
        t.exec();
        tx.commit();
        return {};
    } catch (const SQLite::Exception& e) {
        return storage(e);
    }
}

std::optional<std::int64_t> Inventory::openStocktake() {
    SQLite::Statement q(m_store.database(),
                        "SELECT MAX(id) FROM stocktake WHERE posted_at IS NULL");
    if (!q.executeStep() || q.getColumn(0).isNull())
        return std::nullopt;
    return q.getColumn(0).getInt64();
}

Result<std::int64_t> Inventory::freezeStocktake() {
    auto& db = m_store.database();
    try {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement open(db, "SELECT id FROM stocktake WHERE posted_at IS NULL");
        if (open.executeStep())
            return keyedError(ErrorCode::Conflict, "count sheet %1 is still open: post it first",
                              {std::to_string(open.getColumn(0).getInt64())});
        SQLite::Statement head(db, "INSERT INTO stocktake(frozen_at) VALUES (?) RETURNING id");
        head.bind(1, domain::isoUtc(m_clock.now()));
        head.executeStep();
        const auto id = head.getColumn(0).getInt64();
        head.reset();
        SQLite::Statement lines(
            db,
            "INSERT INTO stocktake_line(stocktake_id, product_id, expected_units, expected_grams) "
            "SELECT ?, p.id, COALESCE(SUM(b.units), 0), COALESCE(SUM(b.grams), 0) FROM product p "
            "LEFT JOIN stock_balance b ON b.product_id = p.id WHERE p.active = 1 GROUP BY p.id");
        lines.bind(1, id);
        lines.exec();
        tx.commit();
        return id;
    } catch (const SQLite::Exception& e) {
        return storage(e);
    }
}

Status Inventory::count(std::int64_t stocktakeId, const StockQuantity& counted) {
    auto item = m_store.productBySku(counted.sku);
    if (!item)
        return keyedError(ErrorCode::NotFound, "no product with SKU %1", {counted.sku});
    if (counted.units < 0 || counted.grams.value() < 0)
        return keyedError(ErrorCode::InvalidArgument, "a count cannot be negative");
    auto& db = m_store.database();
    SQLite::Statement q(
        db, "UPDATE stocktake_line SET counted_units = ?, counted_grams = ? WHERE stocktake_id = ? "
            "AND product_id = ? AND (SELECT posted_at FROM stocktake WHERE id = ?) IS NULL");
    q.bind(1, counted.units);
    q.bind(2, counted.grams.value());
    q.bind(3, stocktakeId);
    q.bind(4, item->id);
    q.bind(5, stocktakeId);
    if (q.exec() != 1)
        return keyedError(ErrorCode::Conflict, "count sheet %1 is not open or lacks %2",
                          {std::to_string(stocktakeId), counted.sku});
    return {};
}

std::vector<Variance> Inventory::variance(std::int64_t stocktakeId) {
    std::vector<Variance> out;
    SQLite::Statement q(
        m_store.database(),
        "SELECT p.sku, p.name, s.expected_units, s.expected_grams, s.counted_units, "
        "s.counted_grams, "
        "p.price_fen, p.price_basis FROM stocktake_line s JOIN product p ON p.id = s.product_id "
        "WHERE s.stocktake_id = ? AND s.counted_units IS NOT NULL ORDER BY p.sku");
    q.bind(1, stocktakeId);
    while (q.executeStep()) {
        Variance v;
        v.sku = q.getColumn(0).getString();
        v.name = q.getColumn(1).getString();
        v.expectedUnits = q.getColumn(2).getInt64();
        v.expectedGrams = Grams(q.getColumn(3).getInt64());
        v.countedUnits = q.getColumn(4).getInt64();
        v.countedGrams = Grams(q.getColumn(5).getInt64());
        v.differenceUnits = v.countedUnits - v.expectedUnits;
        v.differenceGrams = Grams(v.countedGrams.value() - v.expectedGrams.value());
        const domain::UnitPrice price{Fen(q.getColumn(6).getInt64()),
                                      domain::parsePriceBasis(q.getColumn(7).getString()).value()};
        if (price.byWeight()) {
            const auto magnitude =
                domain::amountForWeight(price, Grams(std::abs(v.differenceGrams.value())));
            v.differenceValue =
                magnitude ? (v.differenceGrams.value() < 0 ? -*magnitude : *magnitude) : Fen(0);
        } else {
            v.differenceValue = price.amount * v.differenceUnits;
        }
        out.push_back(v);
    }
    return out;
}

Status Inventory::postStocktake(std::int64_t stocktakeId) {
    auto& db = m_store.database();
    try {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement state(db, "SELECT posted_at FROM stocktake WHERE id = ?");
        state.bind(1, stocktakeId);
        if (!state.executeStep())
            return keyedError(ErrorCode::NotFound, "no count sheet %1",
                              {std::to_string(stocktakeId)});
        if (!state.getColumn(0).isNull())
            return keyedError(ErrorCode::Conflict, "count sheet %1 was already posted",
                              {std::to_string(stocktakeId)});
        const std::string at = domain::isoUtc(m_clock.now());
        SQLite::Statement lines(
            db, "SELECT product_id, counted_units - expected_units, counted_grams - expected_grams "
                "FROM stocktake_line WHERE stocktake_id = ? AND counted_units IS NOT NULL");
        lines.bind(1, stocktakeId);
        const std::string document = "stocktake-" + std::to_string(stocktakeId);
        while (lines.executeStep()) {
            const auto productId = lines.getColumn(0).getInt64();
            const auto du = lines.getColumn(1).getInt64();
            const auto dg = lines.getColumn(2).getInt64();
            if (du == 0 && dg == 0)
                continue;
            if (du > 0 || dg > 0) {
                insertMovement(db, productId, std::nullopt, "adjust", du, dg, std::nullopt,
                               std::nullopt, document, "", "", false, at);
            } else {
                for (const auto& a : allocateFifo(db, productId, -du, -dg))
                    insertMovement(db, productId, a.lotId, "adjust", -a.units, -a.grams,
                                   std::nullopt, std::nullopt, document, "", "", false, at);
            }
        }
        SQLite::Statement done(db, "UPDATE stocktake SET posted_at = ? WHERE id = ?");
        done.bind(1, at);
        done.bind(2, stocktakeId);
        done.exec();
        tx.commit();
        return {};
    } catch (const SQLite::Exception& e) {
        return storage(e);
    }
}

namespace {
std::vector<StockLevel> readLevels(SQLite::Statement& q) {
    std::vector<StockLevel> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                       q.getColumn(2).getString(),
                       q.getColumn(3).getString() == "weight" ? domain::SaleUnit::ByWeight
                                                              : domain::SaleUnit::Each,
                       q.getColumn(4).getInt64(), Grams(q.getColumn(5).getInt64())});
    return out;
}
constexpr const char* kLevels =
    "SELECT p.id, p.sku, p.name, p.sale_unit, COALESCE(SUM(b.units), 0), COALESCE(SUM(b.grams), 0) "
    "FROM product p LEFT JOIN stock_balance b ON b.product_id = p.id ";
} // namespace

StockLevel Inventory::level(const std::string& sku) {
    SQLite::Statement q(m_store.database(), std::string(kLevels) + "WHERE p.sku = ? GROUP BY p.id");
    q.bind(1, sku);
    auto levels = readLevels(q);
    return levels.empty() ? StockLevel{0, sku, {}, {}, 0, {}} : levels.front();
}

std::vector<StockLevel> Inventory::levels() {
    SQLite::Statement q(m_store.database(),
                        std::string(kLevels) + "WHERE p.active = 1 GROUP BY p.id ORDER BY p.sku");
    return readLevels(q);
}

std::vector<LotLevel> Inventory::nearExpiry(int days) {
    const auto until = domain::businessDate(m_clock.now() + std::chrono::hours(24) * days);
    SQLite::Statement q(
        m_store.database(),
        "SELECT p.sku, p.name, l.code, l.origin_base, l.best_before, b.units, b.grams "
        "FROM lot l JOIN product p ON p.id = l.product_id "
        "JOIN stock_balance b ON b.product_id = l.product_id AND b.lot_key = l.id "
        "WHERE l.best_before IS NOT NULL AND l.best_before <= ? "
        "AND (b.units > 0 OR b.grams > 0) ORDER BY l.best_before, p.sku");
    q.bind(1, until);
    std::vector<LotLevel> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                       q.getColumn(2).getString(), q.getColumn(3).getString(),
                       q.getColumn(4).getString(), q.getColumn(5).getInt64(),
                       Grams(q.getColumn(6).getInt64())});
    return out;
}

Status Inventory::setMinimum(const std::string& sku, std::int64_t units, Grams grams) {
    const auto item = m_store.productBySku(sku);
    if (!item)
        return keyedError(ErrorCode::NotFound, "no product with SKU %1", {sku});
    if (units < 0 || grams.value() < 0)
        return keyedError(ErrorCode::InvalidArgument, "a minimum cannot be negative");
    SQLite::Statement q(m_store.database(),
                        "INSERT INTO stock_rule(product_id, min_units, min_grams) VALUES (?,?,?) "
                        "ON CONFLICT(product_id) DO UPDATE SET min_units = excluded.min_units, "
                        "min_grams = excluded.min_grams");
    q.bind(1, item->id);
    q.bind(2, units);
    q.bind(3, grams.value());
    q.exec();
    return {};
}

std::vector<StockLevel> Inventory::lowStock() {
    SQLite::Statement q(m_store.database(),
                        std::string(kLevels) +
                            "JOIN stock_rule r ON r.product_id = p.id GROUP BY p.id "
                            "HAVING COALESCE(SUM(b.units), 0) < MAX(r.min_units) "
                            "OR COALESCE(SUM(b.grams), 0) < MAX(r.min_grams) ORDER BY p.sku");
    return readLevels(q);
}

std::vector<Suggestion> Inventory::replenishment(int lookbackDays, int coverDays) {
    const auto since = domain::isoUtc(m_clock.now() - std::chrono::hours(24) * lookbackDays);
    SQLite::Statement q(
        m_store.database(),
        "SELECT p.sku, p.name, "
        "-COALESCE(SUM(CASE WHEN m.kind = 'sale' AND m.at >= ?1 THEN m.units END), 0), "
        "-COALESCE(SUM(CASE WHEN m.kind = 'sale' AND m.at >= ?1 THEN m.grams END), 0), "
        "COALESCE(SUM(m.units), 0), COALESCE(SUM(m.grams), 0) "
        "FROM product p JOIN stock_movement m ON m.product_id = p.id GROUP BY p.id ORDER BY p.sku");
    q.bind(1, since);
    std::vector<Suggestion> out;
    auto need = [&](std::int64_t sold, std::int64_t have) {
        const auto want = domain::divideRounded(domain::Wide(sold) * coverDays, lookbackDays,
                                                domain::RoundingMode::Up);
        return want ? std::max<std::int64_t>(0, *want - have) : 0;
    };
    while (q.executeStep()) {
        const auto units = need(q.getColumn(2).getInt64(), q.getColumn(4).getInt64());
        const auto grams = need(q.getColumn(3).getInt64(), q.getColumn(5).getInt64());
        if (units > 0 || grams > 0)
            out.push_back(
                {q.getColumn(0).getString(), q.getColumn(1).getString(), units, Grams(grams)});
    }
    return out;
}

std::vector<StockLevel> Inventory::belowZeroSales() {
    SQLite::Statement q(m_store.database(),
                        "SELECT p.id, p.sku, p.name, p.sale_unit, -SUM(m.units), -SUM(m.grams) "
                        "FROM stock_movement m JOIN product p ON p.id = m.product_id "
                        "WHERE m.below_zero = 1 GROUP BY p.id ORDER BY p.sku");
    return readLevels(q);
}

Result<Trace> Inventory::trace(const std::string& receiptNo, int lineNo) {
    SQLite::Statement line(
        m_store.database(),
        "SELECT s.id, l.sku, l.name FROM sale s JOIN sale_line l ON l.sale_id = s.id "
        "WHERE s.receipt_no = ? AND l.line_no = ?");
    line.bind(1, receiptNo);
    line.bind(2, lineNo);
    if (!line.executeStep())
        return keyedError(ErrorCode::NotFound, "no line %1 on receipt %2",
                          {std::to_string(lineNo), receiptNo});
    Trace t{receiptNo, lineNo, line.getColumn(1).getString(), line.getColumn(2).getString(), {}};
    SQLite::Statement parts(
        m_store.database(),
        "SELECT COALESCE(l.code, ''), COALESCE(l.origin_base, ''), COALESCE(l.harvest_date, ''), "
        "COALESCE(l.best_before, ''), -m.units, -m.grams FROM stock_movement m "
        "LEFT JOIN lot l ON l.id = m.lot_id WHERE m.sale_id = ? AND m.line_no = ? ORDER BY m.id");
    parts.bind(1, line.getColumn(0).getInt64());
    parts.bind(2, lineNo);
    while (parts.executeStep())
        t.parts.push_back({parts.getColumn(0).getString(), parts.getColumn(1).getString(),
                           parts.getColumn(2).getString(), parts.getColumn(3).getString(),
                           parts.getColumn(4).getInt64(), Grams(parts.getColumn(5).getInt64())});
    return t;
}

Result<std::vector<Trace>> Inventory::traceQr(const std::string& qrPayload) {
    const auto first = qrPayload.find('|');
    const auto second = qrPayload.find('|', first == std::string::npos ? 0 : first + 1);
    if (!qrPayload.starts_with("BD1|") || second == std::string::npos)
        return keyedError(ErrorCode::ParseError, "\"%1\" is not a Baidian receipt code",
                          {qrPayload});
    const std::string receipt = qrPayload.substr(first + 1, second - first - 1);
    const std::string uuid = qrPayload.substr(second + 1);
    SQLite::Statement sale(m_store.database(),
                           "SELECT line_count FROM sale WHERE receipt_no = ? AND uuid = ?");
    sale.bind(1, receipt);
    sale.bind(2, uuid);
    if (!sale.executeStep())
        return keyedError(ErrorCode::NotFound, "no sale %1 with that code on this till", {receipt});
    std::vector<Trace> out;
    for (int line = 1; line <= sale.getColumn(0).getInt(); ++line) {
        auto t = trace(receipt, line);
        if (!t)
            return t.error();
        out.push_back(std::move(t).value());
    }
    return out;
}

} // namespace baidian::pos
