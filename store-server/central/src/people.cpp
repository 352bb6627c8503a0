#include "baidian/server/people.h"

#include "baidian/crypto/secrets.h"
#include "baidian/db/database.h"
#include "baidian/domain/time.h"
#include "baidian/server/central.h"
#include "baidian/server/sessions.h"

#include <SQLiteCpp/Statement.h>
#include <algorithm>

namespace baidian::server {

namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::vector<std::string> splitCities(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at <= text.size()) {
        const auto end = std::min(text.find(',', at), text.size());
        if (auto city = trimmed(text.substr(at, end - at));
            !city.empty() && std::find(out.begin(), out.end(), city) == out.end())
            out.push_back(std::move(city));
        at = end + 1;
    }
    return out;
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

Error storage(const SQLite::Exception& e) {
    return makeError(ErrorCode::Storage, e.what());
}

Error noUser(const std::string& username) {
    return makeError(ErrorCode::NotFound,
                     "no user " + username + " (store-admin list-users shows them)");
}

std::optional<std::int64_t> userId(SQLite::Database& db, const std::string& username) {
    SQLite::Statement q(db, "SELECT id FROM app_user WHERE username = ?");
    q.bind(1, username);
    if (!q.executeStep())
        return std::nullopt;
    return q.getColumn(0).getInt64();
}

/// A cashier of an outlet: its outlet's id and whether it was removed, or an error naming what
/// is missing.
struct CashierAt {
    std::int64_t outletId = 0;
    bool removed = false;
    std::string role;
};
Result<CashierAt> findCashier(SQLite::Database& db, const std::string& outletCode,
                              const std::string& code) {
    const auto outlet = outletByCode(db, outletCode);
    if (!outlet)
        return makeError(ErrorCode::NotFound, "no outlet " + outletCode);
    SQLite::Statement q(
        db, "SELECT removed_at IS NOT NULL, role FROM cashier WHERE outlet_id = ? AND code = ?");
    q.bind(1, outlet->id);
    q.bind(2, code);
    if (!q.executeStep())
        return makeError(ErrorCode::NotFound, "outlet " + outletCode + " has no cashier " + code +
                                                  " (store-admin list-cashiers shows them)");
    return CashierAt{outlet->id, q.getColumn(0).getInt() != 0, q.getColumn(1).getString()};
}

/// Changes one cashier row and bumps the master-data version, so that tills receive it. `update`
/// is one of the fixed statements below: ?1 the new version, ?2 the outlet, ?3 the code, ?4 the
/// value when there is one.
Status changeCashier(SQLite::Database& db, const CashierAt& at, const std::string& code,
                     const char* update, const std::string& value = {}) {
    try {
        db::Savepoint unit(db);
        SQLite::Statement q(db, update);
        q.bind(1, nextMasterVersion(db));
        q.bind(2, at.outletId);
        q.bind(3, code);
        if (!value.empty())
            q.bind(4, value);
        q.exec();
        unit.release();
        return {};
    } catch (const SQLite::Exception& e) {
        return storage(e);
    }
}

} // namespace

std::vector<std::string> knownCities(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT DISTINCT city FROM outlet ORDER BY city");
    std::vector<std::string> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

Result<std::vector<std::string>> parseCities(SQLite::Database& db, const std::string& text) {
    auto cities = splitCities(text);
    const auto known = knownCities(db);
    const auto knownList =
        known.empty() ? std::string("none yet: add the outlets first (store-admin add-outlet)")
                      : joined(known, ", ");
    if (cities.empty())
        return makeError(ErrorCode::InvalidArgument,
                         "a regional manager needs at least one city (--cities 杭州,湖州); "
                         "known cities: " +
                             knownList);
    for (const auto& city : cities)
        if (std::find(known.begin(), known.end(), city) == known.end())
            return makeError(
                ErrorCode::InvalidArgument,
                "unknown city \"" + city +
                    "\": no outlet of the registry is there; known cities: " + knownList);
    return cities;
}

Status checkNewPassword(const std::string& password) {
    if (password.size() < 8)
        return makeError(ErrorCode::InvalidArgument, "a password needs at least 8 characters");
    return {};
}

Status checkNewPin(const std::string& pin, const std::string& role) {
    if (pin.size() < 4 || pin.size() > 12 ||
        pin.find_first_not_of("0123456789") != std::string::npos)
        return makeError(ErrorCode::InvalidArgument, "a PIN has 4 to 12 digits");
    if (role != "cashier" && pin.size() < 6)
        return makeError(ErrorCode::InvalidArgument,
                         "a " + role +
                             "'s PIN approves voids, price changes and cash-outs: it "
                             "has at least 6 digits");
    return {};
}

std::vector<UserRow> listUsers(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT username, role, cities, disabled_at IS NOT NULL FROM app_user "
                            "ORDER BY username");
    std::vector<UserRow> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                       splitCities(q.getColumn(2).getString()), q.getColumn(3).getInt() != 0});
    return out;
}

Status setUserDisabled(SQLite::Database& db, const std::string& username, bool disabled,
                       const domain::Clock& clock) {
    try {
        db::Savepoint unit(db);
        const auto id = userId(db, username);
        if (!id)
            return noUser(username);
        if (disabled) {
            SQLite::Statement q(
                db, "UPDATE app_user SET disabled_at = COALESCE(disabled_at, ?) WHERE id = ?");
            q.bind(1, domain::isoUtc(clock.now()));
            q.bind(2, *id);
            q.exec();
            endSessions(db, *id);
        } else {
            SQLite::Statement q(db, "UPDATE app_user SET disabled_at = NULL WHERE id = ?");
            q.bind(1, *id);
            q.exec();
        }
        unit.release();
        return {};
    } catch (const SQLite::Exception& e) {
        return storage(e);
    }
}

Status removeUser(SQLite::Database& db, const std::string& username) {
    try {
        db::Savepoint unit(db);
        const auto id = userId(db, username);
        if (!id)
            return noUser(username);
        endSessions(db, *id);
        SQLite::Statement q(db, "DELETE FROM app_user WHERE id = ?");
        q.bind(1, *id);
        q.exec();
        unit.release();
        return {};
    } catch (const SQLite::Exception& e) {
        return storage(e);
    }
}

Status setPassword(SQLite::Database& db, const std::string& username, const std::string& password) {
    if (auto ok = checkNewPassword(password); !ok)
        return ok;
    try {
        db::Savepoint unit(db);
        const auto id = userId(db, username);
        if (!id)
            return noUser(username);
        SQLite::Statement q(db, "UPDATE app_user SET password_hash = ? WHERE id = ?");
        q.bind(1, crypto::hashSecret(password));
        q.bind(2, *id);
        q.exec();
        endSessions(db, *id);
        unit.release();
        return {};
    } catch (const SQLite::Exception& e) {
        return storage(e);
    }
}

Result<std::vector<CashierRow>> listCashiers(SQLite::Database& db, const std::string& outletCode) {
    const auto outlet = outletByCode(db, outletCode);
    if (!outlet)
        return makeError(ErrorCode::NotFound, "no outlet " + outletCode);
    SQLite::Statement q(db, "SELECT code, name, role, active FROM cashier WHERE outlet_id = ? AND "
                            "removed_at IS NULL ORDER BY code");
    q.bind(1, outlet->id);
    std::vector<CashierRow> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                       q.getColumn(2).getString(), q.getColumn(3).getInt() != 0});
    return out;
}

Status setCashierActive(SQLite::Database& db, const std::string& outletCode,
                        const std::string& code, bool active) {
    auto at = findCashier(db, outletCode, code);
    if (!at)
        return at.error();
    if (at->removed)
        return makeError(ErrorCode::Conflict,
                         "cashier " + code + " of " + outletCode +
                             " was removed: add them again with store-admin add-cashier");
    return changeCashier(db, *at, code,
                         active ? "UPDATE cashier SET active = 1, version = ?1 "
                                  "WHERE outlet_id = ?2 AND code = ?3"
                                : "UPDATE cashier SET active = 0, version = ?1 "
                                  "WHERE outlet_id = ?2 AND code = ?3");
}

Status setCashierPin(SQLite::Database& db, const std::string& outletCode, const std::string& code,
                     const std::string& pin) {
    auto at = findCashier(db, outletCode, code);
    if (!at)
        return at.error();
    if (auto ok = checkNewPin(pin, at->role); !ok)
        return ok;
    if (at->removed)
        return makeError(ErrorCode::Conflict,
                         "cashier " + code + " of " + outletCode +
                             " was removed: add them again with store-admin add-cashier");
    return changeCashier(db, *at, code,
                         "UPDATE cashier SET pin_hash = ?4, version = ?1 "
                         "WHERE outlet_id = ?2 AND code = ?3",
                         crypto::hashSecret(pin));
}

Status removeCashier(SQLite::Database& db, const std::string& outletCode, const std::string& code) {
    auto at = findCashier(db, outletCode, code);
    if (!at)
        return at.error();
    return changeCashier(db, *at, code,
                         "UPDATE cashier SET active = 0, removed_at = COALESCE(removed_at, "
                         "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), version = ?1 "
                         "WHERE outlet_id = ?2 AND code = ?3");
}

} // namespace baidian::server
