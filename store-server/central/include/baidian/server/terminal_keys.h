#pragma once
// Each till's journal key at the server (server schema 15, terminal_key): made by store-admin
// issue-cert, used on ingest to recompute journal scheme 3 and in master data to key the
// cashiers' PIN verifiers for that till.

#include "baidian/crypto/journal_key.h"
#include "baidian/domain/result.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <optional>
#include <string>

namespace baidian::server {

/// The key of the till (`outletId`, `terminal`), or nullopt when it has none (a certificate
/// issued before keys: the till journals unkeyed and is counted so). Throws on a broken row.
std::optional<crypto::JournalKey> terminalKey(SQLite::Database& db, std::int64_t outletId,
                                              int terminal);

/// The till's key, made (random) and stored if it had none. A re-issued certificate keeps the
/// key, so the till's journal still verifies. Errors: InvalidArgument (terminal), Storage.
Result<crypto::JournalKey> ensureTerminalKey(SQLite::Database& db, std::int64_t outletId,
                                             int terminal, const std::string& at);

} // namespace baidian::server
