#pragma once
// Inside ingest (not a public header): the statements a batch pass stores sales with, and the
// rows they write (a sale with its lines and tenders, a quarantined record, a conflict's
// reason).

#include "baidian/protocol/messages.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace baidian::server::ingest_detail {

/// The statements a batch needs, prepared once per batch (not once per sale).
struct Statements {
    explicit Statements(SQLite::Database& db);

    /// The column of the sale at (outlet, terminal, seq) through `q`, if there is one.
    static std::optional<std::string> at(SQLite::Statement& q, std::int64_t outletId, int terminal,
                                         std::int64_t seq) {
        q.reset();
        q.bind(1, outletId);
        q.bind(2, terminal);
        q.bind(3, seq);
        std::optional<std::string> out;
        if (q.executeStep())
            out = q.getColumn(0).getString();
        q.reset();
        return out;
    }

    SQLite::Statement known, held, quarantine, uuidAt, hashAt, prevHashAt, sale, line, tender,
        officePrice, conflict, original, originalLine;
};

/// Quarantines one record as received (`body`), with its reason.
void quarantine(Statements& st, std::int64_t outletId, int terminal, const std::string& uuid,
                std::int64_t seq, const std::string& receiptNo, const std::string& reason,
                const std::string& body, const std::string& receivedAt);
/// Quarantines one sale, kept as a one-sale batch.
void quarantine(Statements& st, std::int64_t outletId, int terminal, const protocol::SaleDoc& sale,
                const std::string& reason, const std::string& receivedAt);

/// What differs between a stored sale and a repeat of its UUID, for the conflict's reason.
std::string differences(const protocol::SaleDoc& stored, const protocol::SaleDoc& repeat);

/// Stores a checked sale, its lines (each with head office's price, `officePrices[i]`) and its
/// tenders. Throws SQLite::Exception (a constraint the database enforces, or storage).
void store(Statements& st, std::int64_t outletId, int terminal, const protocol::SaleDoc& s,
           const std::vector<std::optional<std::int64_t>>& officePrices, const std::string& at);

} // namespace baidian::server::ingest_detail
