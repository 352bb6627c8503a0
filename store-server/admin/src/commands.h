#pragma once
// store-admin's subcommands, one function per group: each adds its subcommands and their
// options to `app` and appends what each does to `handlers` (main runs the one parsed).
// main calls them in the order --help lists the subcommands.

#include "baidian/protocol/office.h"
#include "session.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace baidian::admin {

/// init-ca, server-cert: the network's CA and the server's certificate (pki_commands.cpp).
void addCaCommands(CLI::App& app, Handlers& handlers);
/// add-outlet, import-outlets, export-outlets: the outlet registry (outlet_commands.cpp).
void addOutletCommands(CLI::App& app, Handlers& handlers);
/// import-catalog, import-prices, import-promotions, import-quick-keys (catalog_commands.cpp).
void addCatalogImportCommands(CLI::App& app, Handlers& handlers);
/// rollup, rank, figures: the aggregates, the ranking and the network's sales
/// (ranking_commands.cpp).
void addRankingCommands(CLI::App& app, Handlers& handlers);
/// issue-cert, revoke: the tills' certificates (pki_commands.cpp).
void addCertificateCommands(CLI::App& app, Handlers& handlers);
/// add-user, list-users, disable-user, enable-user, remove-user, set-password: head office's
/// manager users (user_commands.cpp).
void addUserCommands(CLI::App& app, Handlers& handlers);
/// add-product (catalog_commands.cpp).
void addProductCommand(CLI::App& app, Handlers& handlers);
/// add-cashier, list-cashiers, disable-cashier, enable-cashier, remove-cashier, set-pin,
/// set-cash-rounding: the outlets' cashiers and tills (cashier_commands.cpp).
void addCashierCommands(CLI::App& app, Handlers& handlers);
/// backup, restore: the central database (database_commands.cpp).
void addDatabaseCommands(CLI::App& app, Handlers& handlers);
/// demo-network (demo_commands.cpp).
void addDemoCommand(CLI::App& app, Handlers& handlers);

/// The till's journal key (made and stored in server.db on its first certificate, kept on
/// renewal; `now` is when it was made) written beside its private key `keyPath`
/// (crypto::journalKeyFileBeside), mode 0600 whatever the umask, replacing an older file.
/// Returns the file's path. Errors: Storage.
Result<std::string> provisionJournalKey(SQLite::Database& db, std::int64_t outletId, int terminal,
                                        const std::string& keyPath, const std::string& now);

/// One of head office's CSV imports (all rows or none).
using CsvImport =
    std::function<Result<protocol::ImportSummaryDoc>(SQLite::Database&, std::string_view)>;
/// Imports `file` into the central database with `import`, saying what it added, updated,
/// left unchanged and removed.
int importCsvFile(const Session& session, const std::string& file, const CsvImport& import);

} // namespace baidian::admin
