#include "baidian/server/registry.h"

#include "baidian/csv/csv.h"
#include "baidian/db/database.h"
#include "baidian/domain/outlet.h"
#include "baidian/domain/time.h"
#include "baidian/server/central.h"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <map>
#include <optional>

namespace baidian::server {

namespace {

const std::vector<std::string> kColumns = {"code",    "name",      "type",   "city",      "address",
                                           "area_m2", "opened_on", "status", "franchisee"};

constexpr const char* kSelect = "SELECT code, name, type, city, address, area_m2, opened_on, "
                                "status, franchisee FROM outlet ";

OutletRecord readOutlet(SQLite::Statement& q) {
    return OutletRecord{
        q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
        q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getInt64(),
        q.getColumn(6).getString(), q.getColumn(7).getString(), q.getColumn(8).getString()};
}

/// Applies one validated record inside the caller's transaction.
void apply(SQLite::Database& db, const OutletRecord& o, const std::string& today,
           const domain::Clock& clock, RegistryImport& summary) {
    const auto now = domain::isoUtc(clock.now());
    const auto before = findOutlet(db, o.code);
    if (before && *before == o) {
        ++summary.unchanged;
        return;
    }
    SQLite::Statement q(
        db, "INSERT INTO outlet(code, name, type, city, address, area_m2, opened_on, status, "
            "franchisee) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(code) DO UPDATE SET "
            "name = excluded.name, type = excluded.type, city = excluded.city, "
            "address = excluded.address, area_m2 = excluded.area_m2, "
            "opened_on = excluded.opened_on, status = excluded.status, "
            "franchisee = excluded.franchisee RETURNING id");
    q.bind(1, o.code);
    q.bind(2, o.name);
    q.bind(3, o.type);
    q.bind(4, o.city);
    q.bind(5, o.address);
    q.bind(6, o.areaM2);
    q.bind(7, o.openedOn);
    q.bind(8, o.status);
    q.bind(9, o.franchisee);
    q.executeStep();
    const auto id = q.getColumn(0).getInt64();
    q.reset();
    if (before && before->type == o.type) {
        ++summary.updated;
        return;
    }
    SQLite::Statement history(db, "INSERT OR REPLACE INTO outlet_type_history(outlet_id, type, "
                                  "since, changed_at) VALUES (?,?,?,?)");
    history.bind(1, id);
    history.bind(2, o.type);
    history.bind(3, before ? today : o.openedOn);
    history.bind(4, now);
    history.exec();
    if (before) {
        // Prices set for its old or new type change: tills pull those products again.
        SQLite::Statement reprice(db, "UPDATE product SET version = ? WHERE id IN (SELECT "
                                      "product_id FROM price_override WHERE scope = 'type')");
        reprice.bind(1, nextMasterVersion(db));
        reprice.exec();
        ++summary.updated;
        ++summary.typeChanges;
    } else {
        ++summary.added;
    }
}

Result<RegistryImport> applyAll(SQLite::Database& db, const std::vector<OutletRecord>& outlets,
                                const std::string& today, const domain::Clock& clock) {
    try {
        RegistryImport summary;
        db::Savepoint unit(db);
        for (const auto& o : outlets)
            apply(db, o, today, clock, summary);
        unit.release();
        return summary;
    } catch (const SQLite::Exception& e) {
        return makeError(ErrorCode::Storage,
                         std::string("the registry was not changed: ") + e.what());
    }
}

} // namespace

std::optional<OutletRow> outletByCode(SQLite::Database& db, const std::string& code) {
    SQLite::Statement q(db, "SELECT code, name, type, city, address, area_m2, opened_on, status, "
                            "franchisee, id FROM outlet WHERE code = ?");
    q.bind(1, code);
    if (!q.executeStep())
        return std::nullopt;
    OutletRow row;
    static_cast<OutletRecord&>(row) = readOutlet(q);
    row.id = q.getColumn(9).getInt64();
    return row;
}

Status validateOutlet(const OutletRecord& o) {
    domain::Outlet core;
    core.code = o.code;
    core.name = o.name;
    core.city = o.city;
    auto type = domain::parseOutletType(o.type);
    if (!type)
        return type.error();
    core.type = *type;
    if (auto ok = core.validate(); !ok)
        return ok;
    if (o.type != domain::toString(*type))
        return makeError(ErrorCode::InvalidArgument, "type must be stored as its code");
    if (o.areaM2 < 0 || o.areaM2 > 100000)
        return makeError(ErrorCode::InvalidArgument,
                         "area_m2 must be whole square metres between 0 and 100000");
    if (!domain::isDate(o.openedOn))
        return makeError(ErrorCode::InvalidArgument,
                         "opened_on must be a date YYYY-MM-DD, not \"" + o.openedOn + "\"");
    if (o.status != "open" && o.status != "suspended" && o.status != "closed")
        return makeError(ErrorCode::InvalidArgument,
                         "status must be open, suspended or closed, not \"" + o.status + "\"");
    if ((*type == domain::OutletType::Franchise) != !o.franchisee.empty())
        return makeError(ErrorCode::InvalidArgument,
                         *type == domain::OutletType::Franchise
                             ? "a franchise store needs its franchisee"
                             : "only a franchise store has a franchisee");
    return {};
}

std::vector<OutletRecord> listOutlets(SQLite::Database& db, const OutletFilter& f) {
    SQLite::Statement q(db, std::string(kSelect) +
                                "WHERE (?1 = '' OR type = ?1) AND (?2 = '' OR city = ?2) AND "
                                "(?3 = '' OR status = ?3) ORDER BY code");
    q.bind(1, f.type);
    q.bind(2, f.city);
    q.bind(3, f.status);
    std::vector<OutletRecord> out;
    while (q.executeStep()) {
        auto o = readOutlet(q);
        if (!f.scopeCities ||
            std::find(f.scopeCities->begin(), f.scopeCities->end(), o.city) != f.scopeCities->end())
            out.push_back(std::move(o));
    }
    return out;
}

Result<RegistryImport> importOutletsCsv(SQLite::Database& db, std::string_view csvText,
                                        const std::string& today, const domain::Clock& clock) {
    auto table = csv::parse(csvText);
    if (!table)
        return table.error();
    std::map<std::string, std::optional<std::size_t>> at;
    for (const auto& name : kColumns)
        at[name] = table->column(name);
    for (const char* required : {"code", "name", "type", "city"})
        if (!at[required])
            return makeError(ErrorCode::ParseError,
                             std::string("the header has no column \"") + required +
                                 "\" (expected: code,name,type,city,address,area_m2,opened_on,"
                                 "status,franchisee)");
    std::vector<OutletRecord> outlets;
    std::map<std::string, int> seen;
    for (const auto& row : table->rows) {
        const auto where = "row " + std::to_string(row.record) + ": ";
        OutletRecord o;
        o.code = csv::field(row, at["code"]);
        o.name = csv::field(row, at["name"]);
        auto type = domain::parseOutletType(csv::field(row, at["type"]));
        if (!type)
            return makeError(ErrorCode::InvalidArgument,
                             where + "type: " + type.error().message + "; nothing was imported");
        o.type = std::string(domain::toString(*type));
        o.city = csv::field(row, at["city"]);
        o.address = csv::field(row, at["address"]);
        const auto& area = csv::field(row, at["area_m2"]);
        if (!area.empty()) {
            if (area.size() > 6 || area.find_first_not_of("0123456789") != std::string::npos)
                return makeError(ErrorCode::InvalidArgument,
                                 where + "area_m2 must be whole square metres, not \"" + area +
                                     "\"; nothing was imported");
            o.areaM2 = std::stoll(area);
        }
        const auto before = findOutlet(db, o.code);
        o.openedOn = csv::field(row, at["opened_on"]);
        if (o.openedOn.empty())
            o.openedOn = before ? before->openedOn : today;
        o.status = csv::field(row, at["status"]);
        if (o.status.empty())
            o.status = before ? before->status : "open";
        o.franchisee = csv::field(row, at["franchisee"]);
        if (auto ok = validateOutlet(o); !ok)
            return makeError(ErrorCode::InvalidArgument,
                             where + ok.error().message + "; nothing was imported");
        if (auto [it, fresh] = seen.emplace(o.code, row.record); !fresh)
            return makeError(ErrorCode::InvalidArgument,
                             where + "outlet " + o.code + " is already on row " +
                                 std::to_string(it->second) + "; nothing was imported");
        outlets.push_back(std::move(o));
    }
    return applyAll(db, outlets, today, clock);
}

Result<RegistryImport> saveOutlet(SQLite::Database& db, const OutletRecord& outlet,
                                  const std::string& today, const domain::Clock& clock) {
    if (auto ok = validateOutlet(outlet); !ok)
        return ok.error();
    return applyAll(db, {outlet}, today, clock);
}

std::string exportOutletsCsv(SQLite::Database& db, const OutletFilter& filter) {
    std::vector<std::vector<std::string>> rows{kColumns};
    for (const auto& o : listOutlets(db, filter))
        rows.push_back({o.code, o.name, o.type, o.city, o.address, std::to_string(o.areaM2),
                        o.openedOn, o.status, o.franchisee});
    return csv::write(rows);
}

std::vector<TypeChange> typeHistory(SQLite::Database& db, const std::string& outletCode) {
    SQLite::Statement q(db, "SELECT h.type, h.since FROM outlet_type_history h JOIN outlet o ON "
                            "o.id = h.outlet_id WHERE o.code = ? ORDER BY h.since, h.changed_at");
    q.bind(1, outletCode);
    std::vector<TypeChange> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString()});
    return out;
}

} // namespace baidian::server
