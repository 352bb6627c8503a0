#include "baidian/pos/local_store.h"

#include "baidian/crypto/secrets.h"
#include "baidian/db/database.h"
#include "baidian/db/migrator.h"
#include "baidian/domain/outlet.h"
#include "baidian/domain/pinyin.h"
#include "baidian/schema/migrations.h"

#include <SQLiteCpp/Savepoint.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sqlite3.h>
#include <sys/stat.h>

namespace baidian::pos {

using domain::Fen;
using domain::Product;

namespace {

Product readProduct(SQLite::Statement& row, SQLite::Database& db, db::StatementCache& cache,
                    std::int64_t id) {
    Product p;
    p.sku = row.getColumn("sku").getString();
    p.name = row.getColumn("name").getString();
    p.pinyin = row.getColumn("pinyin").getString();
    p.unit = row.getColumn("sale_unit").getString() == "weight" ? domain::SaleUnit::ByWeight
                                                                : domain::SaleUnit::Each;
    p.price.amount = Fen(row.getColumn("price_fen").getInt64());
    p.price.basis = domain::parsePriceBasis(row.getColumn("price_basis").getString()).value();
    p.plu = row.getColumn("plu").isNull() ? "" : row.getColumn("plu").getString();
    db::Prepared codesQuery(
        db, &cache, "SELECT barcode FROM product_barcode WHERE product_id = ? ORDER BY barcode");
    auto& codes = *codesQuery;
    codes.bind(1, id);
    while (codes.executeStep())
        p.barcodes.push_back(codes.getColumn(0).getString());
    return p;
}

constexpr const char* kProductColumns =
    "SELECT id, sku, name, pinyin, sale_unit, price_fen, price_basis, plu FROM product ";

/// One product by `sql` (kProductColumns and a WHERE with one parameter). `sql` must outlive
/// `cache`, which keeps the statement by its address: give it a static string.
template <typename Key>
std::optional<CatalogItem> queryOne(SQLite::Database& db, db::StatementCache& cache,
                                    const std::string& sql, const Key& key) {
    db::Prepared query(db, &cache, sql.c_str());
    auto& q = *query;
    q.bind(1, key);
    if (!q.executeStep())
        return std::nullopt;
    const auto id = q.getColumn("id").getInt64();
    return CatalogItem{id, readProduct(q, db, cache, id)};
}

std::string escapeLike(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

Promotion readPromotion(SQLite::Statement& q) {
    Promotion p;
    p.id = q.getColumn("id").getInt64();
    p.code = q.getColumn("code").getString();
    p.name = q.getColumn("name").getString();
    p.kind = parsePromotionKind(q.getColumn("kind").getString()).value();
    p.productId = q.getColumn("product_id").getInt64();
    p.price = Fen(q.getColumn("price_fen").getInt64());
    p.percentBp = q.getColumn("percent_bp").getInt64();
    p.buyQty = q.getColumn("buy_qty").getInt64();
    p.freeQty = q.getColumn("free_qty").getInt64();
    p.startsOn = q.getColumn("starts_on").getString();
    p.endsOn = q.getColumn("ends_on").getString();
    return p;
}

} // namespace

db::OpenOptions LocalStore::databaseOptions() {
    // See db::OpenOptions and bench/REPORT.md: a sale touches about 25 pages.
    db::OpenOptions options;
    options.newDatabasePageSize = 1024;
    options.batchWalWrites = true;
    options.oneThreadOnly = true; // "one LocalStore per thread"
    options.ownerOnly = false;    // the cashiers' desktop accounts share it (docs/operations.md)
    return options;
}

Result<LocalStore> LocalStore::open(const std::string& path) {
    auto opened = db::openDatabase(path, databaseOptions());
    if (!opened)
        return opened.error();
    auto migrated = db::migrate(opened.value(), schema::storeMigrations());
    if (!migrated)
        return migrated.error();
    LocalStore store(std::move(opened).value());
    if (path != ":memory:" && !path.empty())
        store.m_checkpointer = std::make_unique<db::BackgroundCheckpointer>(store.m_db);
    try {
        if (store.m_db.execAndGet("SELECT count(*) FROM barcode_layout").getInt() == 0) {
            SQLite::Transaction tx(store.m_db);
            SQLite::Statement insert(store.m_db,
                                     "INSERT INTO barcode_layout VALUES (?,?,?,?,?,?,?,?)");
            for (const auto row : domain::VariableMeasureLayouts::defaultRows()) {
                const auto layout = domain::VariableMeasureLayout::parseRow(row).value();
                insert.bind(1, layout.name);
                insert.bind(2, layout.prefixFrom);
                insert.bind(3, layout.prefixTo);
                insert.bind(4, layout.itemOffset);
                insert.bind(5, layout.itemLength);
                insert.bind(6, layout.valueOffset);
                insert.bind(7, layout.valueLength);
                insert.bind(8, layout.measure == domain::LabelMeasure::Weight ? "weight" : "price");
                insert.exec();
                insert.reset();
            }
            tx.commit();
        }
        if (auto loaded = store.loadLayouts(); !loaded)
            return loaded.error();
    } catch (const SQLite::Exception& e) {
        return keyedError(ErrorCode::Storage, "cannot set up the till database: %1", {e.what()});
    }
    return store;
}

Status LocalStore::loadLayouts() {
    domain::VariableMeasureLayouts layouts;
    SQLite::Statement q(
        m_db, "SELECT name, prefix_from, prefix_to, item_offset, item_length, value_offset, "
              "value_length, measure FROM barcode_layout ORDER BY prefix_from");
    while (q.executeStep()) {
        std::string row;
        for (int i = 0; i < 8; ++i)
            row += (i ? "," : "") + q.getColumn(i).getString();
        auto layout = domain::VariableMeasureLayout::parseRow(row);
        if (!layout)
            return layout.error();
        if (auto added = layouts.add(std::move(layout).value()); !added)
            return added;
    }
    m_layouts = std::move(layouts);
    return {};
}

Result<TerminalConfig> LocalStore::terminal() {
    db::Prepared query(
        m_db, m_statements.get(),
        "SELECT key, value FROM setting WHERE key IN ('outlet_code','outlet_name','terminal_no')");
    auto& q = *query;
    TerminalConfig config;
    int found = 0;
    while (q.executeStep()) {
        const auto key = q.getColumn(0).getString();
        const auto value = q.getColumn(1).getString();
        ++found;
        if (key == "outlet_code")
            config.outletCode = value;
        else if (key == "outlet_name")
            config.outletName = value;
        else
            config.terminalNo = std::stoi(value);
    }
    if (found != 3)
        return keyedError(
            ErrorCode::NotFound,
            "this till is not set up yet: give it an outlet code and terminal number");
    return config;
}

Status LocalStore::setTerminal(const TerminalConfig& config) {
    domain::Outlet probe{
        {}, config.outletCode, config.outletName.empty() ? "-" : config.outletName, {}, "-"};
    if (auto ok = probe.validate(); !ok)
        return ok;
    if (config.terminalNo < 1 || config.terminalNo > 99)
        return makeError(ErrorCode::InvalidArgument,
                         "the terminal number must be between 1 and 99");
    SQLite::Transaction tx(m_db);
    setSetting("outlet_code", config.outletCode);
    setSetting("outlet_name", config.outletName);
    setSetting("terminal_no", std::to_string(config.terminalNo));
    tx.commit();
    return {};
}

std::int64_t LocalStore::settingInt(const std::string& key, std::int64_t fallback) {
    SQLite::Statement q(m_db, "SELECT value FROM setting WHERE key = ?");
    q.bind(1, key);
    if (!q.executeStep())
        return fallback;
    try {
        return std::stoll(q.getColumn(0).getString());
    } catch (const std::exception&) {
        return fallback;
    }
}

std::int64_t LocalStore::unsentSales() {
    return m_db.execAndGet("SELECT count(*) FROM outbox WHERE acked_at IS NULL").getInt64();
}

std::string LocalStore::settingText(const std::string& key, const std::string& fallback) {
    SQLite::Statement q(m_db, "SELECT value FROM setting WHERE key = ?");
    q.bind(1, key);
    return q.executeStep() ? q.getColumn(0).getString() : fallback;
}

void LocalStore::setSetting(const std::string& key, const std::string& value) {
    SQLite::Statement q(m_db, "INSERT INTO setting(key, value) VALUES (?, ?) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    q.bind(1, key);
    q.bind(2, value);
    q.exec();
}

Result<std::int64_t> LocalStore::upsertProduct(Product product) {
    if (product.pinyin.empty())
        product.pinyin = domain::pinyinInitials(product.name);
    for (auto& code : product.barcodes) {
        auto gtin = domain::parseGtin(code);
        if (!gtin)
            return makeError(ErrorCode::InvalidArgument,
                             "product \"" + product.sku + "\": " + gtin.error().message);
        code = gtin->key();
    }
    if (auto ok = product.validate(); !ok)
        return ok.error();
    try {
        // A savepoint, so that this also works inside applyMasterData's transaction.
        SQLite::Savepoint tx(m_db, "product");
        SQLite::Statement upsert(
            m_db, "INSERT INTO product(sku, name, pinyin, sale_unit, price_fen, price_basis, plu, "
                  "active) "
                  "VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, ''), 1) "
                  "ON CONFLICT(sku) DO UPDATE SET name = excluded.name, pinyin = excluded.pinyin, "
                  "sale_unit = excluded.sale_unit, price_fen = excluded.price_fen, "
                  "price_basis = excluded.price_basis, plu = excluded.plu, active = 1 "
                  "RETURNING id");
        upsert.bind(1, product.sku);
        upsert.bind(2, product.name);
        upsert.bind(3, product.pinyin);
        upsert.bind(4, product.unit == domain::SaleUnit::ByWeight ? "weight" : "each");
        upsert.bind(5, product.price.amount.value());
        upsert.bind(6, std::string(domain::toString(product.price.basis)));
        upsert.bind(7, product.plu);
        upsert.executeStep();
        const std::int64_t id = upsert.getColumn(0).getInt64();
        upsert.reset();
        SQLite::Statement clear(m_db, "DELETE FROM product_barcode WHERE product_id = ?");
        clear.bind(1, id);
        clear.exec();
        SQLite::Statement code(m_db,
                               "INSERT INTO product_barcode(barcode, product_id) VALUES (?, ?)");
        for (const auto& barcode : product.barcodes) {
            code.bind(1, barcode);
            code.bind(2, id);
            code.exec();
            code.reset();
        }
        tx.release();
        return id;
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_CONSTRAINT)
            return makeError(ErrorCode::Conflict,
                             "product \"" + product.sku +
                                 "\": its PLU or a barcode already belongs to another product");
        return makeError(ErrorCode::Storage, "product \"" + product.sku + "\": " + e.what());
    }
}

std::optional<CatalogItem> LocalStore::productById(std::int64_t id) {
    static const std::string sql = std::string(kProductColumns) + "WHERE id = ?";
    return queryOne(m_db, *m_statements, sql, id);
}
std::optional<CatalogItem> LocalStore::productBySku(const std::string& sku) {
    static const std::string sql = std::string(kProductColumns) + "WHERE sku = ? AND active = 1";
    return queryOne(m_db, *m_statements, sql, sku);
}
std::optional<CatalogItem> LocalStore::productByPlu(const std::string& plu) {
    static const std::string sql = std::string(kProductColumns) + "WHERE plu = ? AND active = 1";
    return queryOne(m_db, *m_statements, sql, plu);
}
std::optional<CatalogItem> LocalStore::productByBarcode(const std::string& gtinKey) {
    static const std::string sql =
        std::string(kProductColumns) +
        "WHERE id = (SELECT product_id FROM product_barcode WHERE barcode = ?) AND active = 1";
    return queryOne(m_db, *m_statements, sql, gtinKey);
}

std::vector<CatalogItem> LocalStore::search(const std::string& text, int limit) {
    std::vector<CatalogItem> out;
    if (text.empty() || limit <= 0)
        return out;
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    SQLite::Statement q(
        m_db, std::string(kProductColumns) +
                  "WHERE active = 1 AND (pinyin LIKE ?2 ESCAPE '\\' OR name LIKE ?3 ESCAPE '\\' "
                  "OR sku LIKE ?3 ESCAPE '\\') "
                  "ORDER BY (pinyin LIKE ?1 ESCAPE '\\') DESC, length(pinyin), sku LIMIT ?4");
    q.bind(1, escapeLike(lower) + "%");
    q.bind(2, "%" + escapeLike(lower) + "%");
    q.bind(3, "%" + escapeLike(text) + "%");
    q.bind(4, limit);
    while (q.executeStep()) {
        const auto id = q.getColumn("id").getInt64();
        out.push_back({id, readProduct(q, m_db, *m_statements, id)});
    }
    return out;
}

Result<Cashier> LocalStore::addCashier(const std::string& code, const std::string& name, Role role,
                                       const std::string& pin) {
    if (code.empty() || code.size() > 16)
        return makeError(ErrorCode::InvalidArgument, "a cashier code has 1-16 characters");
    if (name.empty())
        return makeError(ErrorCode::InvalidArgument, "cashier " + code + ": the name is empty");
    const bool digits =
        std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (pin.size() < 4 || pin.size() > 8 || !digits)
        return makeError(ErrorCode::InvalidArgument, "a PIN has 4 to 8 digits");
    try {
        SQLite::Statement q(
            m_db,
            "INSERT INTO cashier(code, name, role, pin_hash) VALUES (?, ?, ?, ?) RETURNING id");
        q.bind(1, code);
        q.bind(2, name);
        q.bind(3, std::string(toString(role)));
        q.bind(4, crypto::hashSecret(pin));
        q.executeStep();
        const Cashier added{q.getColumn(0).getInt64(), code, name, role};
        q.reset();
        return added;
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_CONSTRAINT)
            return makeError(ErrorCode::Conflict, "cashier code " + code + " is already taken");
        return makeError(ErrorCode::Storage, e.what());
    }
}

Result<Cashier> LocalStore::authenticate(const std::string& code, const std::string& pin) {
    SQLite::Statement q(
        m_db, "SELECT id, name, role, pin_hash FROM cashier WHERE code = ? AND active = 1");
    q.bind(1, code);
    const auto verifies = [&](const std::string& stored) {
        if (crypto::isKeyedPinVerifier(stored))
            return m_journalKey && crypto::verifyKeyedPin(stored, *m_journalKey, pin);
        return crypto::verifySecret(stored, pin);
    };
    if (q.executeStep() && verifies(q.getColumn(3).getString()))
        return Cashier{q.getColumn(0).getInt64(), code, q.getColumn(1).getString(),
                       parseRole(q.getColumn(2).getString()).value()};
    return keyedError(ErrorCode::Unauthorized, "wrong cashier code or PIN");
}

std::optional<Cashier> LocalStore::cashierByCode(const std::string& code) {
    SQLite::Statement q(m_db, "SELECT id, name, role FROM cashier WHERE code = ? AND active = 1");
    q.bind(1, code);
    if (!q.executeStep())
        return std::nullopt;
    return Cashier{q.getColumn(0).getInt64(), code, q.getColumn(1).getString(),
                   parseRole(q.getColumn(2).getString()).value()};
}

Result<std::int64_t> LocalStore::addPromotion(const Promotion& p) {
    auto fail = [&](const std::string& why) {
        return makeError(ErrorCode::InvalidArgument, "promotion " + p.code + ": " + why);
    };
    if (p.code.empty() || p.name.empty())
        return fail("needs a code and a name");
    if (p.startsOn.size() != 10 || p.endsOn.size() != 10 || p.startsOn > p.endsOn)
        return fail("needs a date window YYYY-MM-DD .. YYYY-MM-DD");
    const auto product = productById(p.productId);
    if (!product)
        return fail("unknown product");
    switch (p.kind) {
    case Promotion::Kind::Price:
        if (p.price.value() <= 0 || p.price >= product->product.price.amount)
            return fail("the promotional price must be above zero and below the list price");
        break;
    case Promotion::Kind::Percent:
        if (p.percentBp <= 0 || p.percentBp > 10000)
            return fail("the percentage must be between 0.01% and 100%");
        break;
    case Promotion::Kind::SecondHalf:
    case Promotion::Kind::BuyXGetY:
        if (product->product.unit != domain::SaleUnit::Each)
            return fail("this kind applies to items sold by the unit only");
        if (p.kind == Promotion::Kind::BuyXGetY && (p.buyQty <= 0 || p.freeQty <= 0))
            return fail("buy X get Y needs X and Y above zero");
        break;
    }
    try {
        SQLite::Statement q(
            m_db,
            "INSERT INTO promotion(code, name, kind, product_id, price_fen, percent_bp, buy_qty, "
            "free_qty, starts_on, ends_on) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id");
        q.bind(1, p.code);
        q.bind(2, p.name);
        q.bind(3, std::string(toString(p.kind)));
        q.bind(4, p.productId);
        if (p.kind == Promotion::Kind::Price)
            q.bind(5, p.price.value());
        if (p.kind == Promotion::Kind::Percent)
            q.bind(6, p.percentBp);
        if (p.kind == Promotion::Kind::BuyXGetY) {
            q.bind(7, p.buyQty);
            q.bind(8, p.freeQty);
        }
        q.bind(9, p.startsOn);
        q.bind(10, p.endsOn);
        q.executeStep();
        const auto id = q.getColumn(0).getInt64();
        q.reset();
        return id;
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_CONSTRAINT)
            return fail("the code is already taken or a value is out of range");
        return makeError(ErrorCode::Storage, e.what());
    }
}

std::vector<Promotion> LocalStore::promotionsFor(std::int64_t productId, const std::string& date) {
    db::Prepared query(
        m_db, m_statements.get(),
        "SELECT id, code, name, kind, product_id, COALESCE(price_fen,0) AS price_fen, "
        "COALESCE(percent_bp,0) AS percent_bp, COALESCE(buy_qty,0) AS buy_qty, "
        "COALESCE(free_qty,0) AS free_qty, starts_on, ends_on FROM promotion "
        "WHERE product_id = ? AND starts_on <= ?2 AND ends_on >= ?2 ORDER BY code");
    auto& q = *query;
    q.bind(1, productId);
    q.bind(2, date);
    std::vector<Promotion> out;
    while (q.executeStep())
        out.push_back(readPromotion(q));
    return out;
}

Result<std::optional<crypto::JournalKey>> loadJournalKey(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        if (errno == ENOENT)
            return std::optional<crypto::JournalKey>();
        return keyedError(ErrorCode::Storage, "the journal key %1 cannot be read: %2",
                          {path, std::strerror(errno)});
    }
    if ((info.st_mode & 077) != 0)
        return keyedError(ErrorCode::InvalidArgument,
                          "the journal key %1 may be read or written by others: make it the till "
                          "user's own (chmod 600)",
                          {path});
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof())
        return keyedError(ErrorCode::Storage, "the journal key %1 cannot be read", {path});
    auto key = crypto::journalKeyFromHex(text);
    if (!key)
        return keyedError(ErrorCode::InvalidArgument,
                          "the journal key %1 does not hold 64 hex digits: copy it again from "
                          "store-admin issue-cert's output",
                          {path});
    return std::optional<crypto::JournalKey>(*key);
}

} // namespace baidian::pos
