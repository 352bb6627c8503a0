// LocalStore: applying head office's master data delivered by sync.
#include "baidian/domain/time.h"
#include "baidian/pos/local_store.h"
#include "baidian/protocol/master_limits.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <chrono>
#include <sqlite3.h>

namespace baidian::pos {

namespace {

/// Why one record was not applied, or an empty string when it was. Storage failures other
/// than a constraint (disk full, I/O) throw: they are not the record's fault.
template <typename F> std::string applyOne(SQLite::Database& db, F&& apply) {
    try {
        db::Savepoint unit(db); // undone unless released
        std::string why = apply();
        if (why.empty())
            unit.release();
        return why;
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() != SQLITE_CONSTRAINT)
            throw;
        return std::string("the till's database refused it: ") + e.what();
    }
}

std::string applyProduct(LocalStore& store, const protocol::ProductDoc& p) {
    if (auto why = protocol::limits::checkProduct(p); !why.empty())
        return why;
    auto basis = domain::parsePriceBasis(p.priceBasis);
    if (!basis)
        return basis.error().message;
    domain::Product product{p.sku,
                            p.name,
                            p.pinyin,
                            p.saleUnit == "weight" ? domain::SaleUnit::ByWeight
                                                   : domain::SaleUnit::Each,
                            {domain::Fen(p.priceFen), *basis},
                            p.plu,
                            p.barcodes};
    auto id = store.upsertProduct(product);
    if (!id) {
        if (id.error().code == ErrorCode::Storage)
            throw SQLite::Exception(id.error().message);
        return id.error().message;
    }
    if (!p.active) {
        SQLite::Statement hide(store.database(), "UPDATE product SET active = 0 WHERE id = ?");
        hide.bind(1, *id);
        hide.exec();
    }
    return {};
}

std::string applyPromotion(LocalStore& store, const protocol::PromotionDoc& p) {
    if (auto why = protocol::limits::checkPromotion(p); !why.empty())
        return why;
    const auto product = store.productBySku(p.sku);
    if (!product)
        return "sku: names a product this till does not have (" + p.sku + ")";
    SQLite::Statement q(
        store.database(),
        "INSERT INTO promotion(code, name, kind, product_id, price_fen, percent_bp, buy_qty, "
        "free_qty, starts_on, ends_on) VALUES (?,?,?,?,NULLIF(?,0),NULLIF(?,0),NULLIF(?,0),"
        "NULLIF(?,0),?,?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
        "kind = excluded.kind, product_id = excluded.product_id, price_fen = excluded.price_fen, "
        "percent_bp = excluded.percent_bp, buy_qty = excluded.buy_qty, "
        "free_qty = excluded.free_qty, starts_on = excluded.starts_on, ends_on = excluded.ends_on");
    q.bind(1, p.code);
    q.bind(2, p.name);
    q.bind(3, p.kind);
    q.bind(4, product->id);
    q.bind(5, p.priceFen);
    q.bind(6, p.percentBp);
    q.bind(7, p.buyQty);
    q.bind(8, p.freeQty);
    q.bind(9, p.startsOn);
    q.bind(10, p.endsOn);
    q.exec();
    return {};
}

std::string applyCashier(SQLite::Database& db, const protocol::CashierDoc& c) {
    if (auto why = protocol::limits::checkCashier(c); !why.empty())
        return why;
    SQLite::Statement q(
        db, "INSERT INTO cashier(code, name, role, pin_hash, active) VALUES (?,?,?,?,?) "
            "ON CONFLICT(code) DO UPDATE SET name = excluded.name, role = excluded.role, "
            "pin_hash = excluded.pin_hash, active = excluded.active, "
            // A new PIN from head office ends a lock-out (every RHS reads the old row).
            "failed_pins = CASE WHEN pin_hash IS excluded.pin_hash THEN failed_pins ELSE 0 END, "
            "locked_at = CASE WHEN pin_hash IS excluded.pin_hash THEN locked_at ELSE NULL END");
    q.bind(1, c.code);
    q.bind(2, c.name);
    q.bind(3, c.role);
    q.bind(4, c.pinHash);
    q.bind(5, c.active ? 1 : 0);
    q.exec();
    return {};
}

/// Replaces the grid when it differs, and then moves the setting quick_keys_version on (every
/// pull carries the whole grid; the screen redraws only when it changed).
void replaceQuickKeys(SQLite::Database& db, const std::vector<protocol::QuickKeyDoc>& keys) {
    std::vector<protocol::QuickKeyDoc> now;
    {
        SQLite::Statement q(db, "SELECT category, sku, label FROM quick_key ORDER BY position");
        while (q.executeStep())
            now.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                           q.getColumn(2).getString()});
    }
    if (now == keys)
        return;
    db.exec("INSERT INTO setting(key, value) VALUES ('quick_keys_version', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1");
    db.exec("DELETE FROM quick_key");
    SQLite::Statement q(db, "INSERT INTO quick_key(position, category, sku, label) "
                            "VALUES (?, ?, ?, ?)");
    int position = 0;
    for (const auto& k : keys) {
        q.bind(1, ++position);
        q.bind(2, k.category);
        q.bind(3, k.sku);
        q.bind(4, k.label);
        q.exec();
        q.reset();
    }
}

} // namespace

Status LocalStore::setQuickKeys(const std::vector<protocol::QuickKeyDoc>& keys) {
    if (keys.size() > protocol::limits::kMaxQuickKeys)
        return makeError(ErrorCode::InvalidArgument,
                         "at most " + std::to_string(protocol::limits::kMaxQuickKeys) +
                             " quick keys");
    for (const auto& k : keys)
        if (auto why = protocol::limits::checkQuickKey(k); !why.empty())
            return makeError(ErrorCode::InvalidArgument, "quick key " + k.sku + ": " + why);
    try {
        SQLite::Transaction tx(m_db, SQLite::TransactionBehavior::IMMEDIATE);
        replaceQuickKeys(m_db, keys);
        tx.commit();
        return {};
    } catch (const SQLite::Exception& e) {
        return makeError(ErrorCode::Storage, std::string("quick keys not saved: ") + e.what());
    }
}

std::vector<QuickKey> LocalStore::quickKeys() {
    std::vector<QuickKey> out;
    SQLite::Statement q(m_db, "SELECT k.category, k.label, p.id FROM quick_key k "
                              "JOIN product p ON p.sku = k.sku WHERE p.active = 1 "
                              "ORDER BY k.position");
    while (q.executeStep()) {
        auto item = productById(q.getColumn(2).getInt64());
        if (!item)
            continue;
        std::string label = q.getColumn(1).getString();
        if (label.empty())
            label = item->product.name;
        out.push_back({q.getColumn(0).getString(), std::move(label), std::move(*item)});
    }
    return out;
}

Result<MasterApplied> LocalStore::applyMasterData(const protocol::MasterData& data) {
    try {
        SQLite::Transaction tx(m_db, SQLite::TransactionBehavior::IMMEDIATE);
        MasterApplied applied;
        applied.skipped = data.skipped;
        if (!data.cashRounding.empty()) // head office's 抹零 for this outlet's type
            setSetting("cash_rounding", data.cashRounding);
        if (data.quickKeys) // the decoder skipped (and reported) keys over the limits
            replaceQuickKeys(m_db, *data.quickKeys);
        const auto now = domain::isoUtc(std::chrono::system_clock::now());
        SQLite::Statement remember(
            m_db, "INSERT INTO master_skipped(kind, key, reason, version, skipped_at) "
                  "VALUES (?,?,?,?,?) ON CONFLICT DO UPDATE SET reason = excluded.reason, "
                  "version = excluded.version, skipped_at = excluded.skipped_at");
        SQLite::Statement forget(m_db, "DELETE FROM master_skipped WHERE kind = ? AND key = ?");
        const auto outcome = [&](const char* kind, const std::string& key, const std::string& why,
                                 int& count) {
            if (why.empty()) {
                ++count;
                forget.bind(1, kind);
                forget.bind(2, key);
                forget.exec();
                forget.reset();
            } else {
                applied.skipped.push_back({kind, key, why, {}});
            }
        };
        for (const auto& p : data.products)
            outcome("product", p.sku, applyOne(m_db, [&] { return applyProduct(*this, p); }),
                    applied.products);
        for (const auto& p : data.promotions)
            outcome("promotion", p.code, applyOne(m_db, [&] { return applyPromotion(*this, p); }),
                    applied.promotions);
        for (const auto& c : data.cashiers)
            outcome("cashier", c.code, applyOne(m_db, [&] { return applyCashier(m_db, c); }),
                    applied.cashiers);
        for (const auto& s : applied.skipped) {
            remember.bind(1, s.kind);
            remember.bind(2, s.key);
            remember.bind(3, s.reason);
            remember.bind(4, data.version);
            remember.bind(5, now);
            remember.exec();
            remember.reset();
        }
        // The version moves on even past skipped records: the rest is not downloaded again,
        // and the skipped ones stay in master_skipped, reported by every pull.
        setSetting("master_version", std::to_string(data.version));
        tx.commit();
        return applied;
    } catch (const SQLite::Exception& e) {
        return makeError(ErrorCode::Storage,
                         std::string("master data could not be applied: ") + e.what());
    }
}

std::vector<protocol::SkippedRecord> LocalStore::skippedMasterRecords() {
    std::vector<protocol::SkippedRecord> out;
    SQLite::Statement q(m_db, "SELECT kind, key, reason FROM master_skipped ORDER BY kind, key");
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(),
                       q.getColumn(1).getString(),
                       q.getColumn(2).getString(),
                       {}});
    return out;
}

} // namespace baidian::pos
