#pragma once
// Network figures: aggregates by day x outlet x product and by day x outlet, kept up to date by
// ingest (each stored sale adds its own amounts in the transaction that stores it), and the
// read-side totals head office asks for (by type, city, product, day). Reads only read: no
// figure is ever recomputed on a read. Net of returns: revenue in fen and weight in grams of
// returns are subtracted. Functions take the calling thread's connection.

#include "baidian/domain/result.h"
#include "baidian/domain/time.h"
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
/// A sale as ingest stored it: what the till sent and, per line, head office's price of the
/// line's product at the outlet (nullopt: not in the catalog), which price compliance counts.
struct StoredSale {
    const protocol::SaleDoc* sale = nullptr;
    std::vector<std::optional<std::int64_t>> officePrices;
};
std::vector<std::string> addToAggregates(SQLite::Database& db, std::int64_t outletId,
                                         const std::vector<StoredSale>& stored);

/// Whether an outlet may reconcile `businessDate` at `now`: a valid date no later than tomorrow
/// in China time (the business-date convention; "tomorrow" allows for a till's clock a little
/// ahead). A reconcile of a later date is refused and not recorded. Errors: InvalidArgument,
/// naming the date and today's date.
Status checkReconcileDate(const std::string& businessDate, domain::TimePoint now);

/// Records, for sync timeliness (ranking), when an outlet reconciled a business date with its
/// sales in, inside the caller's transaction. A reconcile proves only the sales the server
/// already holds: none, and nothing is recorded; otherwise the row keeps the time of the first
/// reconcile that saw the day's current number of sales (`sales_in`). A later reconcile after
/// more sales of that day arrived moves the time on; one that saw nothing new changes nothing.
/// The ranking counts the day on time only when `sales_in` is all of the day's sales.
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
