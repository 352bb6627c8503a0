#include "baidian/server/record_quarantine.h"

#include <SQLiteCpp/Statement.h>

namespace baidian::server {

namespace {

/// The table's name: one of two fixed names, never text from outside.
std::string tableName(QuarantineTable table) {
    return table == QuarantineTable::Movement ? "movement_quarantine" : "till_event_quarantine";
}

} // namespace

void quarantineRecord(SQLite::Database& db, QuarantineTable table, std::int64_t outletId,
                      int terminal, const std::string& uuid, const BrokenRule& broken,
                      const std::string& body, const std::string& receivedAt) {
    SQLite::Statement q(db, "INSERT INTO " + tableName(table) +
                                "(outlet_id, terminal_no, uuid, rule, reason, body, received_at) "
                                "VALUES (?,?,?,?,?,?,?)");
    q.bind(1, outletId);
    q.bind(2, terminal);
    q.bind(3, uuid);
    q.bind(4, broken.rule);
    q.bind(5, broken.reason);
    q.bind(6, body);
    q.bind(7, receivedAt);
    q.exec();
}

std::optional<std::string> quarantinedBefore(SQLite::Database& db, QuarantineTable table,
                                             std::int64_t outletId, const std::string& uuid) {
    SQLite::Statement q(db, "SELECT reason FROM " + tableName(table) +
                                " WHERE outlet_id = ? AND uuid = ? ORDER BY id LIMIT 1");
    q.bind(1, outletId);
    q.bind(2, uuid);
    if (!q.executeStep())
        return std::nullopt;
    return q.getColumn(0).getString();
}

void quarantineRejected(SQLite::Database& db, QuarantineTable table, std::int64_t outletId,
                        int terminal, const std::vector<protocol::SkippedRecord>& rejected,
                        const std::string& rule, const std::string& receivedAt,
                        std::vector<protocol::SaleResult>& results) {
    for (const auto& r : rejected) {
        const std::string uuid = r.key.starts_with("#") ? "" : r.key;
        if (uuid.empty() || !quarantinedBefore(db, table, outletId, uuid))
            quarantineRecord(db, table, outletId, terminal, uuid, {rule, r.reason}, r.body,
                             receivedAt);
        results.push_back({r.key, 0, "quarantined", r.reason});
    }
}

} // namespace baidian::server
