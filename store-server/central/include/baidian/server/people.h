#pragma once
// The people of the network as head office administers them (store-admin): managers and admins
// who log in to the office API, and the cashiers of each outlet, delivered to its tills with the
// master data. Every function takes the calling thread's connection and runs inside the
// caller's transaction when there is one; errors name the user or cashier and say what to do.

#include "baidian/domain/clock.h"
#include "baidian/domain/result.h"

#include <SQLiteCpp/Database.h>
#include <optional>
#include <string>
#include <vector>

namespace baidian::server {

/// The cities a regional manager may cover: the cities of the registry's outlets (of any
/// status), sorted. One definition, used wherever cities are given to a user.
std::vector<std::string> knownCities(SQLite::Database& db);

/// A regional manager's cities from "杭州,湖州": each trimmed, duplicates dropped, each one a
/// known city. Errors: InvalidArgument for an empty list ("," included) or an unknown city,
/// naming it and the known ones.
Result<std::vector<std::string>> parseCities(SQLite::Database& db, const std::string& text);

/// The rules a new password or PIN must meet. Errors: InvalidArgument saying the rule.
Status checkNewPassword(const std::string& password);
/// A PIN has 4 to 12 digits; a supervisor's or manager's, which approves overrides, voids and
/// cash-outs, at least 6 (a 4-digit one falls to a search of 10,000 values).
Status checkNewPin(const std::string& pin, const std::string& role = "cashier");

struct UserRow {
    std::string username;
    std::string role;
    std::vector<std::string> cities;
    bool disabled = false;
};
std::vector<UserRow> listUsers(SQLite::Database& db);

/// Disables (or enables again) a user. Disabling ends every session of the user at once: the
/// next request with one of their tokens is refused; `clock` stamps the disabling. Errors:
/// NotFound.
Status setUserDisabled(SQLite::Database& db, const std::string& username, bool disabled,
                       const domain::Clock& clock = domain::SystemClock{});
/// Removes a user and ends their sessions. Errors: NotFound.
Status removeUser(SQLite::Database& db, const std::string& username);
/// Replaces a user's password and ends their sessions (they log in again with the new one).
/// Errors: NotFound, InvalidArgument (checkNewPassword).
Status setPassword(SQLite::Database& db, const std::string& username, const std::string& password);

struct CashierRow {
    std::string code;
    std::string name;
    std::string role;
    bool active = true;
};
/// An outlet's cashiers that were not removed. Errors: NotFound (no such outlet).
Result<std::vector<CashierRow>> listCashiers(SQLite::Database& db, const std::string& outletCode);

/// Disables (or enables again) a cashier: tills receive them as inactive with the next master
/// data and refuse their PIN. Errors: NotFound, Conflict (a removed cashier is added again with
/// add-cashier, not enabled).
Status setCashierActive(SQLite::Database& db, const std::string& outletCode,
                        const std::string& code, bool active);
/// Replaces a cashier's PIN (tills receive the new one with the next master data).
/// Errors: NotFound, InvalidArgument (checkNewPin).
Status setCashierPin(SQLite::Database& db, const std::string& outletCode, const std::string& code,
                     const std::string& pin);
/// Removes a cashier: delivered to tills as inactive, no longer listed. Errors: NotFound.
Status removeCashier(SQLite::Database& db, const std::string& outletCode, const std::string& code);

} // namespace baidian::server
