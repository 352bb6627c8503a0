#include "baidian/server/central.h"

#include "baidian/crypto/secrets.h"
#include "baidian/db/database.h"
#include "baidian/db/migrator.h"
#include "baidian/domain/barcode.h"
#include "baidian/domain/pinyin.h"
#include "baidian/domain/product.h"
#include "baidian/domain/time.h"
#include "baidian/protocol/codec.h"
#include "baidian/protocol/master_limits.h"
#include "baidian/schema/migrations.h"
#include "baidian/server/catalog.h"
#include "baidian/server/people.h"
#include "baidian/server/terminal_keys.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

namespace baidian::server {

using namespace protocol;

namespace {

Error storage(const SQLite::Exception& e) {
    return makeError(ErrorCode::Storage, e.what());
}

} // namespace

Result<SQLite::Database> openServerDatabase(const std::string& path) {
    auto opened = db::openDatabase(path);
    if (!opened)
        return opened.error();
    if (auto v = db::migrate(opened.value(), schema::serverMigrations()); !v)
        return v.error();
    return opened;
}

std::int64_t nextMasterVersion(SQLite::Database& db) {
    SQLite::Statement q(
        db, "UPDATE master_version SET version = version + 1 WHERE id = 1 RETURNING version");
    q.executeStep();
    const auto v = q.getColumn(0).getInt64();
    q.reset();
    return v;
}

Status recordCertificate(SQLite::Database& db, const std::string& serial,
                         std::optional<std::int64_t> outletId, const std::string& kind,
                         const std::string& subject, const std::string& notBefore,
                         const std::string& notAfter, int terminal) {
    if (terminal < 1 || terminal > 99)
        return makeError(ErrorCode::InvalidArgument, "a terminal number is 1 to 99");
    try {
        SQLite::Statement q(db, "INSERT INTO certificate(serial, outlet_id, kind, subject, "
                                "not_before, not_after, terminal_no) VALUES (?,?,?,?,?,?,?)");
        q.bind(1, serial);
        if (outletId)
            q.bind(2, *outletId);
        q.bind(3, kind);
        q.bind(4, subject);
        q.bind(5, notBefore);
        q.bind(6, notAfter);
        q.bind(7, terminal);
        q.exec();
        return {};
    } catch (const SQLite::Exception& e) {
        return storage(e);
    }
}

Status revokeCertificate(SQLite::Database& db, const std::string& serial,
                         const domain::Clock& clock) {
    SQLite::Statement q(
        db, "UPDATE certificate SET revoked_at = COALESCE(revoked_at, ?) WHERE serial = ?");
    q.bind(1, domain::isoUtc(clock.now()));
    q.bind(2, serial);
    if (q.exec() == 0)
        return makeError(ErrorCode::NotFound, "no certificate with serial " + serial);
    return {};
}

Result<int> revokeOutletCertificates(SQLite::Database& db, const std::string& outletCode,
                                     const domain::Clock& clock) {
    const auto outlet = outletByCode(db, outletCode);
    if (!outlet)
        return makeError(ErrorCode::NotFound, "no outlet " + outletCode);
    SQLite::Statement q(
        db, "UPDATE certificate SET revoked_at = ? WHERE outlet_id = ? AND revoked_at IS NULL");
    q.bind(1, domain::isoUtc(clock.now()));
    q.bind(2, outlet->id);
    return q.exec();
}

Status addUser(SQLite::Database& db, const std::string& username, const std::string& password,
               const std::string& role, const std::string& cities) {
    if (username.empty())
        return makeError(ErrorCode::InvalidArgument, "a user needs a name");
    if (auto ok = checkNewPassword(password); !ok)
        return ok;
    if (role != "admin" && role != "regional")
        return makeError(ErrorCode::InvalidArgument, "role must be admin or regional");
    // The scope comes from the role: an admin sees every city, a regional manager exactly the
    // known cities given (never an empty list, which would be nothing).
    std::string scope;
    if (role == "admin" && !cities.empty())
        return makeError(ErrorCode::InvalidArgument,
                         "an admin sees every city: leave --cities out, or make the user regional");
    if (role == "regional") {
        auto parsed = parseCities(db, cities);
        if (!parsed)
            return parsed.error();
        for (const auto& city : *parsed)
            scope += (scope.empty() ? "" : ",") + city;
    }
    try {
        SQLite::Statement q(
            db, "INSERT INTO app_user(username, password_hash, role, cities) VALUES (?,?,?,?)");
        q.bind(1, username);
        q.bind(2, crypto::hashSecret(password));
        q.bind(3, role);
        q.bind(4, scope);
        q.exec();
        return {};
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_CONSTRAINT)
            return makeError(ErrorCode::Conflict, "user " + username + " already exists");
        return storage(e);
    }
}

Status upsertProduct(SQLite::Database& db, const ProductDoc& doc) {
    // What every till takes (the same definition the till's decoder applies): refused here, a
    // record never reaches server.db to be skipped by every till night after night.
    ProductDoc p = doc;
    if (p.pinyin.empty())
        p.pinyin = domain::pinyinInitials(p.name);
    if (auto why = limits::checkProduct(p); !why.empty())
        return makeError(ErrorCode::InvalidArgument,
                         "product " + p.sku.substr(0, limits::kSkuBytes) + ": " + why);
    if (!p.plu.empty()) {
        SQLite::Statement taken(db, "SELECT sku FROM product WHERE plu = ? AND sku != ?");
        taken.bind(1, p.plu);
        taken.bind(2, p.sku);
        if (taken.executeStep())
            return makeError(ErrorCode::Conflict, "product " + p.sku + ": plu: " + p.plu +
                                                      " is already product " +
                                                      taken.getColumn(0).getString() + "'s");
    }
    domain::Product product;
    product.sku = p.sku;
    product.name = p.name;
    product.unit = p.saleUnit == "weight" ? domain::SaleUnit::ByWeight : domain::SaleUnit::Each;
    auto basis = domain::parsePriceBasis(p.priceBasis);
    if (!basis)
        return basis.error();
    product.price = {domain::Fen(p.priceFen), *basis};
    product.barcodes = p.barcodes;
    if (auto ok = product.validate(); !ok)
        return ok;
    try {
        db::Savepoint unit(db);
        const auto version = nextMasterVersion(db);
        SQLite::Statement q(
            db, "INSERT INTO product(sku, name, pinyin, sale_unit, price_fen, price_basis, plu, "
                "active, version) "
                "VALUES (?,?,?,?,?,?,NULLIF(?,''),?,?) ON CONFLICT(sku) DO UPDATE SET name = "
                "excluded.name, "
                "pinyin = excluded.pinyin, sale_unit = excluded.sale_unit, price_fen = "
                "excluded.price_fen, "
                "price_basis = excluded.price_basis, plu = excluded.plu, active = excluded.active, "
                "version = excluded.version RETURNING id");
        q.bind(1, p.sku);
        q.bind(2, p.name);
        q.bind(3, p.pinyin);
        q.bind(4, p.saleUnit);
        q.bind(5, p.priceFen);
        q.bind(6, p.priceBasis);
        q.bind(7, p.plu);
        q.bind(8, p.active ? 1 : 0);
        q.bind(9, version);
        q.executeStep();
        const auto id = q.getColumn(0).getInt64();
        q.reset();
        SQLite::Statement clear(db, "DELETE FROM product_barcode WHERE product_id = ?");
        clear.bind(1, id);
        clear.exec();
        SQLite::Statement code(db, "INSERT INTO product_barcode(barcode, product_id) VALUES (?,?)");
        for (const auto& c : p.barcodes) {
            code.bind(1, domain::parseGtin(c)->key());
            code.bind(2, id);
            code.exec();
            code.reset();
        }
        unit.release();
        return {};
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_CONSTRAINT)
            return makeError(ErrorCode::Conflict,
                             "product " + p.sku +
                                 ": its PLU or a barcode belongs to another product");
        return storage(e);
    }
}

Status setCashRounding(SQLite::Database& db, const std::string& outletType,
                       const std::string& rounding) {
    if (rounding != "off" && rounding != "jiao" && rounding != "yuan")
        return makeError(ErrorCode::InvalidArgument,
                         "cash rounding is off, jiao or yuan, not \"" + rounding + "\"");
    if (!domain::parseOutletType(outletType))
        return makeError(ErrorCode::InvalidArgument,
                         "\"" + outletType +
                             "\" is not an outlet type (flagship, direct, franchise, counter, "
                             "popup, online)");
    try {
        SQLite::Statement q(db, "INSERT INTO outlet_type_policy(type, cash_rounding) VALUES (?, ?) "
                                "ON CONFLICT(type) DO UPDATE SET cash_rounding = "
                                "excluded.cash_rounding");
        q.bind(1, outletType);
        q.bind(2, rounding);
        q.exec();
        return {};
    } catch (const SQLite::Exception& e) {
        return storage(e);
    }
}

Status upsertCashier(SQLite::Database& db, const std::string& outletCode, const std::string& code,
                     const std::string& name, const std::string& role, const std::string& pin) {
    const auto outlet = outletByCode(db, outletCode);
    if (!outlet)
        return makeError(ErrorCode::NotFound, "no outlet " + outletCode);
    if (role != "cashier" && role != "supervisor" && role != "manager")
        return makeError(ErrorCode::InvalidArgument, "role must be cashier, supervisor or manager");
    if (auto ok = checkNewPin(pin, role); !ok)
        return ok;
    const auto pinHash = crypto::hashSecret(pin);
    if (auto why = limits::checkCashier({code, name, role, pinHash, true}); !why.empty())
        return makeError(ErrorCode::InvalidArgument,
                         "cashier " + code.substr(0, limits::kCashierCodeBytes) + ": " + why);
    try {
        db::Savepoint unit(db);
        SQLite::Statement q(db,
                            "INSERT INTO cashier(outlet_id, code, name, role, pin_hash, version) "
                            "VALUES (?,?,?,?,?,?) "
                            "ON CONFLICT(outlet_id, code) DO UPDATE SET name = excluded.name, role "
                            "= excluded.role, "
                            "pin_hash = excluded.pin_hash, active = 1, removed_at = NULL, "
                            "version = excluded.version");
        q.bind(1, outlet->id);
        q.bind(2, code);
        q.bind(3, name);
        q.bind(4, role);
        q.bind(5, pinHash);
        q.bind(6, nextMasterVersion(db));
        q.exec();
        unit.release();
        return {};
    } catch (const SQLite::Exception& e) {
        return storage(e);
    }
}

MasterData masterDataSince(SQLite::Database& db, std::int64_t outletId, std::int64_t since,
                           int terminal) {
    MasterData out;
    out.version = db.execAndGet("SELECT version FROM master_version WHERE id = 1").getInt64();
    {
        SQLite::Statement policy(db, "SELECT COALESCE(p.cash_rounding, 'jiao') FROM outlet o "
                                     "LEFT JOIN outlet_type_policy p ON p.type = o.type "
                                     "WHERE o.id = ?");
        policy.bind(1, outletId);
        out.cashRounding = policy.executeStep() ? policy.getColumn(0).getString() : "jiao";
    }
    {
        SQLite::Statement keys(db, "SELECT k.category, p.sku, k.label FROM outlet o "
                                   "JOIN quick_key k ON k.type = o.type "
                                   "JOIN product p ON p.id = k.product_id "
                                   "WHERE o.id = ? AND p.active = 1 ORDER BY k.position");
        keys.bind(1, outletId);
        auto& list = out.quickKeys.emplace();
        while (keys.executeStep())
            list.push_back({keys.getColumn(0).getString(), keys.getColumn(1).getString(),
                            keys.getColumn(2).getString()});
    }
    SQLite::Statement products(
        db, "SELECT p.id, p.sku, p.name, p.pinyin, p.sale_unit, " + effectivePriceSql() +
                ", p.price_basis, COALESCE(p.plu,''), p.active "
                "FROM product p, outlet o WHERE o.id = ? AND p.version > ? ORDER BY p.version");
    products.bind(1, outletId);
    products.bind(2, since);
    SQLite::Statement codes(
        db, "SELECT barcode FROM product_barcode WHERE product_id = ? ORDER BY barcode");
    while (products.executeStep()) {
        ProductDoc p{products.getColumn(1).getString(),  products.getColumn(2).getString(),
                     products.getColumn(3).getString(),  products.getColumn(4).getString(),
                     products.getColumn(5).getInt64(),   products.getColumn(6).getString(),
                     products.getColumn(7).getString(),  {},
                     products.getColumn(8).getInt() != 0};
        codes.bind(1, products.getColumn(0).getInt64());
        while (codes.executeStep())
            p.barcodes.push_back(codes.getColumn(0).getString());
        codes.reset();
        out.products.push_back(std::move(p));
    }
    SQLite::Statement promotions(
        db,
        "SELECT p.code, p.name, p.kind, pr.sku, p.price_fen, p.percent_bp, p.buy_qty, p.free_qty, "
        "p.starts_on, p.ends_on FROM promotion p JOIN product pr ON pr.id = p.product_id "
        "WHERE p.version > ? ORDER BY p.version");
    promotions.bind(1, since);
    while (promotions.executeStep())
        out.promotions.push_back(
            {promotions.getColumn(0).getString(), promotions.getColumn(1).getString(),
             promotions.getColumn(2).getString(), promotions.getColumn(3).getString(),
             promotions.getColumn(4).getInt64(), promotions.getColumn(5).getInt64(),
             promotions.getColumn(6).getInt64(), promotions.getColumn(7).getInt64(),
             promotions.getColumn(8).getString(), promotions.getColumn(9).getString()});
    SQLite::Statement cashiers(db, "SELECT code, name, role, pin_hash, active FROM cashier WHERE "
                                   "outlet_id = ? AND version > ? "
                                   "ORDER BY version");
    cashiers.bind(1, outletId);
    cashiers.bind(2, since);
    // A till with a journal key gets keyed PIN verifiers, never the argon2id hashes, which a
    // search over every 6-digit PIN breaks offline. (A hash that is not argon2id's goes as an
    // empty verifier, which the till skips and reports.)
    const auto key = terminal > 0 ? terminalKey(db, outletId, terminal) : std::nullopt;
    while (cashiers.executeStep()) {
        std::string pin = cashiers.getColumn(3).getString();
        if (key)
            pin = crypto::keyedPinVerifier(pin, *key);
        out.cashiers.push_back({cashiers.getColumn(0).getString(),
                                cashiers.getColumn(1).getString(),
                                cashiers.getColumn(2).getString(), std::move(pin),
                                cashiers.getColumn(4).getInt() != 0});
    }
    return out;
}

ReconcileDoc reconcile(SQLite::Database& db, std::int64_t outletId, int terminal,
                       const std::string& date) {
    ReconcileDoc d;
    d.terminal = terminal;
    d.date = date;
    SQLite::Statement q(
        db,
        "SELECT receipt_no, total_fen, seq, hash FROM sale WHERE outlet_id = ? AND terminal_no = ? "
        "AND business_date = ? ORDER BY seq");
    q.bind(1, outletId);
    q.bind(2, terminal);
    q.bind(3, date);
    while (q.executeStep()) {
        ++d.count;
        d.receipts.push_back(q.getColumn(0).getString());
        d.totalFen += q.getColumn(1).getInt64();
        d.lastSeq = q.getColumn(2).getInt64();
        d.journalHead = q.getColumn(3).getString();
    }
    SQLite::Statement gaps(db, "SELECT max_seq - sales FROM terminal WHERE outlet_id = ? AND "
                               "terminal_no = ?");
    gaps.bind(1, outletId);
    gaps.bind(2, terminal);
    if (gaps.executeStep())
        d.missingSeqs = gaps.getColumn(0).getInt64();
    return d;
}

Result<bool> storeShiftReport(SQLite::Database& db, std::int64_t outletId, const ShiftReportDoc& r,
                              const std::string& body, const std::string& receivedAt) {
    try {
        SQLite::Statement known(db, "SELECT body FROM shift_report WHERE outlet_id = ? AND "
                                    "terminal_no = ? AND shift_id = ?");
        known.bind(1, outletId);
        known.bind(2, r.terminal);
        known.bind(3, r.shiftId);
        if (known.executeStep()) {
            const auto stored = decodeShiftReport(known.getColumn(0).getString());
            if (stored && *stored == r)
                return true; // the same report again
            // Another report under a shift id already stored (a reinstalled till restarting
            // its shift numbers): kept beside the first and reported, never dropped.
            SQLite::Statement c(db, "INSERT INTO shift_report_conflict(outlet_id, terminal_no, "
                                    "shift_id, body, received_at) VALUES (?,?,?,?,?) "
                                    "ON CONFLICT DO NOTHING");
            c.bind(1, outletId);
            c.bind(2, r.terminal);
            c.bind(3, r.shiftId);
            c.bind(4, body);
            c.bind(5, receivedAt);
            c.exec();
            return false;
        }
        SQLite::Statement q(db, "INSERT INTO shift_report(outlet_id, terminal_no, shift_id, "
                                "cashier, opened_at, closed_at, "
                                "float_fen, body) VALUES (?,?,?,?,?,?,?,?)");
        q.bind(1, outletId);
        q.bind(2, r.terminal);
        q.bind(3, r.shiftId);
        q.bind(4, r.cashier);
        q.bind(5, r.openedAt);
        q.bind(6, r.closedAt);
        q.bind(7, r.floatFen);
        q.bind(8, body);
        q.exec();
        return true;
    } catch (const SQLite::Exception& e) {
        return storage(e);
    }
}

} // namespace baidian::server
