#pragma once
// Network figures: aggregates by day x outlet x product and by day x outlet, rolled up from the
// ingested sales, and the read-side totals head office asks for (by type, city, product, day).
// Net of returns: revenue in fen and weight in grams of returns are subtracted. Functions take
// the calling thread's connection.

#include "baidian/protocol/office.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace baidian::server {

/// Marks an outlet's business date for the next roll-up (called by ingest for every stored sale,
/// inside its transaction).
void markDirty(SQLite::Database& db, std::int64_t outletId, const std::string& businessDate);

/// Records the first time an outlet reconciled a business date (sync timeliness), inside the
/// caller's transaction; later reconciliations of the same date change nothing.
void markReconciled(SQLite::Database& db, std::int64_t outletId, const std::string& businessDate,
                    const std::string& at);

/// Recomputes the aggregates of every (outlet, day) marked dirty, inside the caller's
/// transaction, and clears the marks. Returns how many outlet-days were rolled up. Throws
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
