#pragma once
// Network figures: aggregates by day x outlet x product and by day x outlet, kept up to date by
// ingest (each stored sale adds its own amounts in the transaction that stores it), and the
// read-side totals head office asks for (by type, city, product, day). Reads only read: no
// figure is ever recomputed on a read. Net of returns: revenue in fen and weight in grams of
// returns are subtracted. Functions take the calling thread's connection.

#include "baidian/protocol/messages.h"
#include "baidian/protocol/office.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace baidian::server {

/// Adds the sales one batch has just stored (all of `outletId`, already in `sale`) to their
/// outlet-days' aggregates, inside the caller's transaction. Per day and product and per day
/// one upsert by the sales' own amounts, then the day's late tickets counted again from its last
/// sale over the index (the sales of its last 31 minutes): O(lines of the sales) plus a few
/// statements per day and product touched, never a whole day. The figures equal what
/// rebuildAggregates computes from the sales. A day whose figures would leave the int64 range
/// keeps its figures as they were (its own savepoint rolls back) and is returned, so that the
/// caller can report it; nothing else changes. Throws SQLite::Exception on storage failure.
std::vector<std::string> addToAggregates(SQLite::Database& db, std::int64_t outletId,
                                         const std::vector<const protocol::SaleDoc*>& stored);

/// Records the first time an outlet reconciled a business date (sync timeliness), inside the
/// caller's transaction; later reconciliations of the same date change nothing.
void markReconciled(SQLite::Database& db, std::int64_t outletId, const std::string& businessDate,
                    const std::string& at);

/// Recomputes the aggregates of every (outlet, day) marked dirty (by an older server, which
/// rolled up on reads; ingest now keeps the figures itself), inside the caller's transaction,
/// and clears the marks. Returns how many outlet-days were rolled up. Throws
/// SQLite::Exception on storage failure (the caller's transaction then rolls back whole).
int rollUp(SQLite::Database& db);

/// Recomputes every outlet-day from the sales (after a restore, or to check the aggregates).
int rebuildAggregates(SQLite::Database& db);

using Figures = protocol::FiguresDoc;
using GroupFigures = protocol::GroupFiguresDoc;

/// Limits a query to a period [from, to] (business dates), to outlets in `cities` when it is set
/// (a regional manager's scope: an empty list matches nothing), of `type`.
struct FigureScope {
    std::string from;
    std::string to;
    std::optional<std::vector<std::string>> cities; ///< nullopt: every city
    std::string type;
    std::string outlet; ///< one outlet code
};

Figures totals(SQLite::Database& db, const FigureScope& scope);
std::vector<GroupFigures> byType(SQLite::Database& db, const FigureScope& scope);
std::vector<GroupFigures> byCity(SQLite::Database& db, const FigureScope& scope);
std::vector<GroupFigures> byDay(SQLite::Database& db, const FigureScope& scope);
std::vector<GroupFigures> byProduct(SQLite::Database& db, const FigureScope& scope);

} // namespace baidian::server
