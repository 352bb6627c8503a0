#pragma once
// The central database: opening it, the administration store-admin does, and the read-side
// queries the server answers. Every function takes the connection of the calling thread
// (SQLite connections are never shared between threads).

#include "baidian/domain/clock.h"
#include "baidian/domain/outlet.h"
#include "baidian/domain/result.h"
#include "baidian/protocol/messages.h"
#include "baidian/server/registry.h" // outletByCode, which lived here

#include <SQLiteCpp/Database.h>
#include <optional>
#include <string>

namespace baidian::server {

/// Opens the server database and brings its schema up to date. Errors: Storage.
Result<SQLite::Database> openServerDatabase(const std::string& path);

// --- administration (store-admin) -----------------------------------------------------------
/// Takes the next master-data version (inside the caller's transaction). Whatever carries it
/// is delivered to tills that pull since an older version.
std::int64_t nextMasterVersion(SQLite::Database& db);
/// Records an issued certificate; an outlet's names the till (`terminal`, 1..99) it is for.
/// Errors: InvalidArgument (terminal), Storage.
Status recordCertificate(SQLite::Database& db, const std::string& serial,
                         std::optional<std::int64_t> outletId, const std::string& kind,
                         const std::string& subject, const std::string& notBefore,
                         const std::string& notAfter, int terminal = 1);
/// Revokes one certificate by serial, as of `clock`'s time. Errors: NotFound.
Status revokeCertificate(SQLite::Database& db, const std::string& serial,
                         const domain::Clock& clock = domain::SystemClock{});
/// Revokes every certificate of an outlet, as of `clock`'s time; returns how many.
Result<int> revokeOutletCertificates(SQLite::Database& db, const std::string& outletCode,
                                     const domain::Clock& clock = domain::SystemClock{});
/// Adds a manager user: an admin (no cities: every city) or a regional manager of known cities
/// (people.h parseCities). Errors: InvalidArgument (the rule broken), Conflict (the name is taken).
Status addUser(SQLite::Database& db, const std::string& username, const std::string& password,
               const std::string& role, const std::string& cities);
/// Adds or updates a catalog product (bumps the master-data version).
Status upsertProduct(SQLite::Database& db, const protocol::ProductDoc& product);
/// Adds a cashier, or updates one (a removed cashier comes back active with the new PIN).
Status upsertCashier(SQLite::Database& db, const std::string& outletCode, const std::string& code,
                     const std::string& name, const std::string& role, const std::string& pin);

/// 抹零 for an outlet type's cash payments: "off", "jiao" or "yuan". Errors: InvalidArgument.
Status setCashRounding(SQLite::Database& db, const std::string& outletType,
                       const std::string& rounding);

// --- queries (store-server) -----------------------------------------------------------------
// Whether a client certificate may connect: certificates.h.
/// Master data for outlet `outletId` changed after version `since`, for its till `terminal`:
/// when that till has a journal key (terminal_key), each cashier's pinHash is the keyed verifier
/// (crypto::keyedPinVerifier), never the argon2id hash; terminal 0 or a till without a key gets
/// the hashes (an old till's provisioning).
protocol::MasterData masterDataSince(SQLite::Database& db, std::int64_t outletId,
                                     std::int64_t since, int terminal = 0);
protocol::ReconcileDoc reconcile(SQLite::Database& db, std::int64_t outletId, int terminal,
                                 const std::string& date);
/// Stores a Z report once. Returns true when it is stored or the same report is stored
/// already; false when another report with other content holds that (terminal, shift id): the
/// new one is then kept in shift_report_conflict, beside the first, for head office to see.
Result<bool> storeShiftReport(SQLite::Database& db, std::int64_t outletId,
                              const protocol::ShiftReportDoc& report, const std::string& body,
                              const std::string& receivedAt);

} // namespace baidian::server
