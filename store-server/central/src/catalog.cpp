#include "baidian/server/catalog.h"

#include "baidian/csv/csv.h"
#include "baidian/db/database.h"
#include "baidian/domain/money.h"
#include "baidian/domain/outlet.h"
#include "baidian/domain/time.h"
#include "baidian/protocol/master_limits.h"
#include "baidian/server/central.h"

#include <SQLiteCpp/Statement.h>
#include <map>

namespace baidian::server {

namespace {

using Columns = std::map<std::string, std::optional<std::size_t>>;

/// Finds the columns; errors name a missing required one.
Result<Columns> columnsOf(const csv::Table& table, std::initializer_list<const char*> required,
                          std::initializer_list<const char*> optional) {
    Columns at;
    for (const char* name : required) {
        at[name] = table.column(name);
        if (!at[name])
            return makeError(ErrorCode::ParseError,
                             std::string("the header has no column \"") + name + "\"");
    }
    for (const char* name : optional)
        at[name] = table.column(name);
    return at;
}

Error rowError(const csv::Row& row, const std::string& message) {
    return makeError(ErrorCode::InvalidArgument, "row " + std::to_string(row.record) + ": " +
                                                     message + "; nothing was imported");
}

Result<std::int64_t> yuan(const csv::Row& row, const std::string& text, const char* column) {
    auto fen = domain::Fen::parse(text);
    if (!fen || fen->value() <= 0)
        return rowError(row, std::string(column) + " must be a price in yuan like 12.80, not \"" +
                                 text + "\"");
    if (fen->value() > protocol::limits::kMaxPriceFen)
        return rowError(row, std::string(column) + " must be at most " +
                                 std::to_string(protocol::limits::kMaxPriceFen / 100) +
                                 " yuan (what a till takes), not " + text);
    return fen->value();
}

Result<std::int64_t> count(const csv::Row& row, const std::string& text, const char* column) {
    if (text.empty() || text.size() > 6 ||
        text.find_first_not_of("0123456789") != std::string::npos)
        return rowError(row, std::string(column) + " must be a whole number, not \"" + text + "\"");
    return std::stoll(text);
}

std::optional<std::int64_t> productId(SQLite::Database& db, const std::string& sku) {
    SQLite::Statement q(db, "SELECT id FROM product WHERE sku = ?");
    q.bind(1, sku);
    if (!q.executeStep())
        return std::nullopt;
    return q.getColumn(0).getInt64();
}

/// Gives a product a new master-data version, so tills pull it again.
void touchProduct(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement q(db, "UPDATE product SET version = ? WHERE id = ?");
    q.bind(1, nextMasterVersion(db));
    q.bind(2, id);
    q.exec();
}

template <typename F> Result<protocol::ImportSummaryDoc> inOneUnit(SQLite::Database& db, F&& f) {
    try {
        db::Savepoint unit(db);
        auto summary = f();
        if (summary)
            unit.release();
        return summary;
    } catch (const SQLite::Exception& e) {
        return makeError(ErrorCode::Storage, std::string("nothing was imported: ") + e.what());
    }
}

} // namespace

Result<protocol::ImportSummaryDoc> importCatalogCsv(SQLite::Database& db, std::string_view text) {
    auto table = csv::parse(text);
    if (!table)
        return table.error();
    auto at = columnsOf(*table, {"sku", "name", "sale_unit", "price", "price_basis"},
                        {"plu", "barcodes", "active", "pinyin"});
    if (!at)
        return at.error();
    return inOneUnit(db, [&]() -> Result<protocol::ImportSummaryDoc> {
        protocol::ImportSummaryDoc summary;
        std::map<std::string, int> seen;
        for (const auto& row : table->rows) {
            protocol::ProductDoc p;
            p.sku = csv::field(row, at->at("sku"));
            p.name = csv::field(row, at->at("name"));
            p.pinyin = csv::field(row, at->at("pinyin"));
            p.saleUnit = csv::field(row, at->at("sale_unit"));
            if (p.saleUnit != "each" && p.saleUnit != "weight")
                return rowError(row, "sale_unit must be each or weight");
            auto price = yuan(row, csv::field(row, at->at("price")), "price");
            if (!price)
                return price.error();
            p.priceFen = *price;
            p.priceBasis = csv::field(row, at->at("price_basis"));
            p.plu = csv::field(row, at->at("plu"));
            std::string codes = csv::field(row, at->at("barcodes"));
            for (auto& c : codes)
                if (c == ';')
                    c = ' ';
            for (std::size_t i = 0; i < codes.size();) {
                const auto end = std::min(codes.find(' ', i), codes.size());
                if (end > i)
                    p.barcodes.push_back(codes.substr(i, end - i));
                i = end + 1;
            }
            const auto& active = csv::field(row, at->at("active"));
            if (!active.empty() && active != "0" && active != "1")
                return rowError(row, "active must be 1 or 0");
            p.active = active != "0";
            if (auto [it, fresh] = seen.emplace(p.sku, row.record); !fresh)
                return rowError(row, "product " + p.sku + " is already on row " +
                                         std::to_string(it->second));
            const bool existed = productId(db, p.sku).has_value();
            if (auto ok = upsertProduct(db, p); !ok)
                return rowError(row, ok.error().message);
            ++(existed ? summary.updated : summary.added);
        }
        return summary;
    });
}

Result<protocol::ImportSummaryDoc> importPriceOverridesCsv(SQLite::Database& db,
                                                           std::string_view text) {
    auto table = csv::parse(text);
    if (!table)
        return table.error();
    auto at = columnsOf(*table, {"sku", "scope", "key", "price"}, {});
    if (!at)
        return at.error();
    return inOneUnit(db, [&]() -> Result<protocol::ImportSummaryDoc> {
        protocol::ImportSummaryDoc summary;
        for (const auto& row : table->rows) {
            const auto& sku = csv::field(row, at->at("sku"));
            const auto id = productId(db, sku);
            if (!id)
                return rowError(row, "no product " + sku + " in the catalog");
            const auto& scope = csv::field(row, at->at("scope"));
            std::string key = csv::field(row, at->at("key"));
            if (scope == "type") {
                auto type = domain::parseOutletType(key);
                if (!type)
                    return rowError(row, type.error().message);
                key = std::string(domain::toString(*type));
            } else if (scope == "outlet") {
                if (!outletByCode(db, key))
                    return rowError(row, "no outlet " + key);
            } else {
                return rowError(row, "scope must be type or outlet, not \"" + scope + "\"");
            }
            const auto& priceText = csv::field(row, at->at("price"));
            if (priceText.empty()) {
                SQLite::Statement q(db, "DELETE FROM price_override WHERE product_id = ? AND "
                                        "scope = ? AND scope_key = ?");
                q.bind(1, *id);
                q.bind(2, scope);
                q.bind(3, key);
                summary.removed += q.exec();
            } else {
                auto price = yuan(row, priceText, "price");
                if (!price)
                    return price.error();
                SQLite::Statement q(
                    db,
                    "INSERT INTO price_override(product_id, scope, scope_key, price_fen) "
                    "VALUES (?,?,?,?) ON CONFLICT DO UPDATE SET price_fen = excluded.price_fen");
                q.bind(1, *id);
                q.bind(2, scope);
                q.bind(3, key);
                q.bind(4, *price);
                q.exec();
                ++summary.updated;
            }
            touchProduct(db, *id);
        }
        return summary;
    });
}

Result<protocol::ImportSummaryDoc> importPromotionsCsv(SQLite::Database& db,
                                                       std::string_view text) {
    auto table = csv::parse(text);
    if (!table)
        return table.error();
    auto at = columnsOf(*table, {"code", "name", "kind", "sku", "starts_on", "ends_on"},
                        {"price", "percent_off", "buy", "free"});
    if (!at)
        return at.error();
    return inOneUnit(db, [&]() -> Result<protocol::ImportSummaryDoc> {
        protocol::ImportSummaryDoc summary;
        for (const auto& row : table->rows) {
            protocol::PromotionDoc p;
            p.code = csv::field(row, at->at("code"));
            p.name = csv::field(row, at->at("name"));
            p.kind = csv::field(row, at->at("kind"));
            p.sku = csv::field(row, at->at("sku"));
            p.startsOn = csv::field(row, at->at("starts_on"));
            p.endsOn = csv::field(row, at->at("ends_on"));
            if (p.code.empty() || p.name.empty())
                return rowError(row, "a promotion needs a code and a name");
            const auto id = productId(db, p.sku);
            if (!id)
                return rowError(row, "no product " + p.sku + " in the catalog");
            if (!domain::isDate(p.startsOn) || !domain::isDate(p.endsOn) || p.endsOn < p.startsOn)
                return rowError(row, "starts_on and ends_on must be dates YYYY-MM-DD, in order");
            if (p.kind == "price") {
                auto price = yuan(row, csv::field(row, at->at("price")), "price");
                if (!price)
                    return price.error();
                p.priceFen = *price;
            } else if (p.kind == "percent") {
                // A percentage with up to two decimals reads like a yuan amount: its hundredths
                // are basis points (12.5 -> 1250).
                auto bp = domain::Fen::parse(csv::field(row, at->at("percent_off")));
                if (!bp || bp->value() <= 0 || bp->value() >= 10000)
                    return rowError(row, "percent_off must be between 0 and 100, e.g. 15");
                p.percentBp = bp->value();
            } else if (p.kind == "buy_x_get_y") {
                auto buy = count(row, csv::field(row, at->at("buy")), "buy");
                auto free = count(row, csv::field(row, at->at("free")), "free");
                if (!buy)
                    return buy.error();
                if (!free)
                    return free.error();
                if (*buy < 1 || *free < 1)
                    return rowError(row, "buy and free must be at least 1");
                p.buyQty = *buy;
                p.freeQty = *free;
            } else if (p.kind != "second_half") {
                return rowError(row,
                                "kind must be price, percent, second_half or buy_x_get_y, not \"" +
                                    p.kind + "\"");
            }
            // What every till takes (master_limits.h): the same check the till's decoder makes.
            if (auto why = protocol::limits::checkPromotion(p); !why.empty())
                return rowError(row, "promotion " + p.code.substr(0, 32) + ": " + why);
            SQLite::Statement q(
                db,
                "INSERT INTO promotion(code, name, kind, product_id, price_fen, percent_bp, "
                "buy_qty, free_qty, starts_on, ends_on, version) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
                "product_id = excluded.product_id, price_fen = excluded.price_fen, "
                "percent_bp = excluded.percent_bp, buy_qty = excluded.buy_qty, "
                "free_qty = excluded.free_qty, starts_on = excluded.starts_on, "
                "ends_on = excluded.ends_on, version = excluded.version");
            q.bind(1, p.code);
            q.bind(2, p.name);
            q.bind(3, p.kind);
            q.bind(4, *id);
            q.bind(5, p.priceFen);
            q.bind(6, p.percentBp);
            q.bind(7, p.buyQty);
            q.bind(8, p.freeQty);
            q.bind(9, p.startsOn);
            q.bind(10, p.endsOn);
            q.bind(11, nextMasterVersion(db));
            q.exec();
            ++summary.updated;
        }
        return summary;
    });
}

Result<protocol::ImportSummaryDoc> importQuickKeysCsv(SQLite::Database& db, std::string_view text) {
    auto table = csv::parse(text);
    if (!table)
        return table.error();
    auto at = columnsOf(*table, {"type", "category", "sku"}, {"label"});
    if (!at)
        return at.error();
    return inOneUnit(db, [&]() -> Result<protocol::ImportSummaryDoc> {
        protocol::ImportSummaryDoc summary;
        std::map<std::string, int> keysOfType; // the types named, and their keys so far
        SQLite::Statement clear(db, "DELETE FROM quick_key WHERE type = ?");
        SQLite::Statement insert(db, "INSERT INTO quick_key(type, position, category, product_id, "
                                     "label) VALUES (?, ?, ?, ?, ?)");
        for (const auto& row : table->rows) {
            const std::string type = csv::field(row, at->at("type"));
            if (!domain::parseOutletType(type))
                return rowError(row, "type must be an outlet type (flagship, direct, franchise, "
                                     "counter, popup, online), not \"" +
                                         type + "\"");
            if (!keysOfType.contains(type)) { // the file's keys replace the type's
                clear.bind(1, type);
                summary.removed += clear.exec();
                clear.reset();
                keysOfType[type] = 0;
            }
            protocol::QuickKeyDoc key{csv::field(row, at->at("category")),
                                      csv::field(row, at->at("sku")),
                                      csv::field(row, at->at("label"))};
            if (key.category.empty() && key.sku.empty() && key.label.empty())
                continue; // "type,,," names a type that has no quick keys
            if (auto why = protocol::limits::checkQuickKey(key); !why.empty())
                return rowError(row, why);
            SQLite::Statement active(db, "SELECT id FROM product WHERE sku = ? AND active = 1");
            active.bind(1, key.sku);
            if (!active.executeStep())
                return rowError(row, "no product " + key.sku + " on sale in the catalog");
            const int position = ++keysOfType[type];
            if (static_cast<std::size_t>(position) > protocol::limits::kMaxQuickKeys)
                return rowError(row, "at most " + std::to_string(protocol::limits::kMaxQuickKeys) +
                                         " quick keys per outlet type");
            insert.bind(1, type);
            insert.bind(2, position);
            insert.bind(3, key.category);
            insert.bind(4, active.getColumn(0).getInt64());
            insert.bind(5, key.label);
            insert.exec();
            insert.reset();
            ++summary.added;
        }
        return summary;
    });
}

std::string effectivePriceSql(std::string_view product, std::string_view outlet) {
    const std::string p(product), o(outlet);
    return "COALESCE((SELECT price_fen FROM price_override WHERE product_id = " + p +
           ".id AND scope = 'outlet' AND scope_key = " + o +
           ".code), (SELECT price_fen FROM price_override WHERE product_id = " + p +
           ".id AND scope = 'type' AND scope_key = " + o + ".type), " + p + ".price_fen)";
}

std::int64_t effectivePriceFen(SQLite::Database& db, const std::string& outletCode,
                               const std::string& sku) {
    SQLite::Statement q(db, "SELECT " + effectivePriceSql() +
                                " FROM product p, outlet o WHERE p.sku = ? AND o.code = ?");
    q.bind(1, sku);
    q.bind(2, outletCode);
    return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

} // namespace baidian::server
