#pragma once
// The outlet registry head office keeps: every outlet with its type, city, address, floor area,
// opening date, status and franchisee, and the history of its type. Imported from and exported
// to CSV (UTF-8 with a byte-order mark, so Excel opens it). Functions take the calling thread's
// connection.

#include "baidian/domain/clock.h"
#include "baidian/domain/result.h"
#include "baidian/protocol/office.h"

#include <SQLiteCpp/Database.h>
#include <optional>
#include <string>
#include <vector>

namespace baidian::server {

using OutletRecord = protocol::OutletDoc;
using TypeChange = protocol::TypeChangeDoc;
using RegistryImport = protocol::ImportSummaryDoc;

/// Which outlets to list. Empty fields do not filter; `scopeCities` (a regional manager's
/// cities) limits the list when set, and an empty list then lists nothing.
struct OutletFilter {
    std::string type;
    std::string city;
    std::string status;
    std::optional<std::vector<std::string>> scopeCities; ///< nullopt: every city
};

std::vector<OutletRecord> listOutlets(SQLite::Database& db, const OutletFilter& filter = {});

/// An outlet of the registry with the id the other tables key it by.
struct OutletRow : OutletRecord {
    std::int64_t id = 0;
};

/// The one look-up of an outlet by its code: its registry record and id, or nullopt.
std::optional<OutletRow> outletByCode(SQLite::Database& db, const std::string& code);

/// outletByCode without the id, for the callers that only show the record (office_routes);
/// not a second query.
inline std::optional<OutletRecord> findOutlet(SQLite::Database& db, const std::string& code) {
    if (auto row = outletByCode(db, code))
        return std::optional<OutletRecord>(std::move(*row));
    return std::nullopt;
}

/// Checks one record as the registry requires it. Errors: InvalidArgument naming the field.
Status validateOutlet(const OutletRecord& outlet);

/// Adds or updates outlets from CSV with the columns of exportOutletsCsv (any order; address,
/// area_m2, opened_on, status and franchisee may be left out). All or nothing: the first bad
/// row is named (row number and column) and nothing changes. A type change is recorded in the
/// history from `today`; `clock` stamps the changed rows. Errors: ParseError, InvalidArgument,
/// Storage.
Result<RegistryImport> importOutletsCsv(SQLite::Database& db, std::string_view csvText,
                                        const std::string& today,
                                        const domain::Clock& clock = domain::SystemClock{});

/// The registry as CSV: code,name,type,city,address,area_m2,opened_on,status,franchisee.
std::string exportOutletsCsv(SQLite::Database& db, const OutletFilter& filter = {});

/// An outlet's types, oldest first.
std::vector<TypeChange> typeHistory(SQLite::Database& db, const std::string& outletCode);

/// Adds or updates one outlet (the same rules as a one-row import). Errors as importOutletsCsv.
Result<RegistryImport> saveOutlet(SQLite::Database& db, const OutletRecord& outlet,
                                  const std::string& today,
                                  const domain::Clock& clock = domain::SystemClock{});

} // namespace baidian::server
