#pragma once
// The quarantine of records a till sends that are checked one by one (stock movements, till
// events): one that breaks a rule is kept whole with the rule's name and answered
// "quarantined", also on a retry; the rest of its batch is applied. Sales keep their own
// quarantine (ingest.h), which holds more.

#include "baidian/protocol/messages.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace baidian::server {

/// Which table holds the quarantined records; both have the same columns.
enum class QuarantineTable {
    Movement,  ///< movement_quarantine
    TillEvent, ///< till_event_quarantine
};

/// A rule a record broke: its name (kept with the quarantined record) and the reason.
struct BrokenRule {
    std::string rule;
    std::string reason;
};

/// Keeps one record (`body`, as received) in `table` with the rule it broke, inside the
/// caller's transaction. Throws SQLite::Exception.
void quarantineRecord(SQLite::Database& db, QuarantineTable table, std::int64_t outletId,
                      int terminal, const std::string& uuid, const BrokenRule& broken,
                      const std::string& body, const std::string& receivedAt);

/// The reason this outlet's record `uuid` was quarantined in `table` before, if it was.
std::optional<std::string> quarantinedBefore(SQLite::Database& db, QuarantineTable table,
                                             std::int64_t outletId, const std::string& uuid);

/// Quarantines the records the codec could not read under `rule` (a record without a readable
/// UUID, keyed "#n", each time; one with a UUID once) and answers each "quarantined".
void quarantineRejected(SQLite::Database& db, QuarantineTable table, std::int64_t outletId,
                        int terminal, const std::vector<protocol::SkippedRecord>& rejected,
                        const std::string& rule, const std::string& receivedAt,
                        std::vector<protocol::SaleResult>& results);

} // namespace baidian::server
