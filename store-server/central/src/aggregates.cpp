#include "baidian/server/aggregates.h"

#include "baidian/db/database.h"
#include "baidian/domain/money.h"
#include "baidian/domain/time.h"
#include "baidian/server/ranking_score.h"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <map>
#include <sqlite3.h>
#include <utility>

namespace baidian::server {

namespace {

void rollUpDay(SQLite::Database& db, std::int64_t outletId, const std::string& date) {
    for (const char* table : {"DELETE FROM agg_product_day WHERE outlet_id = ? AND "
                              "business_date = ?",
                              "DELETE FROM agg_outlet_day WHERE outlet_id = ? AND "
                              "business_date = ?"}) {
        SQLite::Statement clear(db, table);
        clear.bind(1, outletId);
        clear.bind(2, date);
        clear.exec();
    }
    SQLite::Statement products(
        db, "INSERT INTO agg_product_day(business_date, outlet_id, sku, revenue_fen, grams, units, "
            "tickets, return_fen, return_lines, lines, compliant_lines) "
            "SELECT s.business_date, s.outlet_id, l.sku, SUM(l.paid_fen), "
            "SUM(CASE s.kind WHEN 'return' THEN -l.grams ELSE l.grams END), "
            "SUM(CASE s.kind WHEN 'return' THEN -l.units ELSE l.units END), "
            "COUNT(DISTINCT CASE s.kind WHEN 'sale' THEN s.id END), "
            "-SUM(CASE s.kind WHEN 'return' THEN l.paid_fen ELSE 0 END), "
            "SUM(s.kind = 'return'), SUM(s.kind = 'sale'), "
            // isPriceCompliant, in SQL:
            "SUM(s.kind = 'sale' AND l.unit_price_fen IS l.office_price_fen AND "
            "l.line_discount_fen = 0) "
            "FROM sale s JOIN sale_line l ON l.sale_id = s.id "
            "WHERE s.outlet_id = ? AND s.business_date = ? GROUP BY l.sku");
    products.bind(1, outletId);
    products.bind(2, date);
    products.exec();
    SQLite::Statement outlet(
        db,
        "INSERT INTO agg_outlet_day(business_date, outlet_id, revenue_fen, sales_fen, return_fen, "
        "grams, tickets, return_tickets, late_tickets, lines, compliant_lines) "
        "SELECT ?2, ?1, COALESCE(SUM(revenue_fen), 0), COALESCE(SUM(revenue_fen + return_fen), 0), "
        "COALESCE(SUM(return_fen), 0), COALESCE(SUM(grams), 0), "
        "(SELECT COUNT(*) FROM sale WHERE outlet_id = ?1 AND business_date = ?2 AND kind = "
        "'sale'), "
        "(SELECT COUNT(*) FROM sale WHERE outlet_id = ?1 AND business_date = ?2 AND "
        "kind = 'return'), "
        "(SELECT COUNT(*) FROM sale WHERE outlet_id = ?1 AND business_date = ?2 AND kind = 'sale' "
        "AND julianday(completed_at) >= (SELECT julianday(MAX(completed_at)) - 30.0 / 1440 FROM "
        "sale WHERE outlet_id = ?1 AND business_date = ?2 AND kind = 'sale')), "
        "COALESCE(SUM(lines), 0), COALESCE(SUM(compliant_lines), 0) "
        "FROM agg_product_day WHERE outlet_id = ?1 AND business_date = ?2");
    outlet.bind(1, outletId);
    outlet.bind(2, date);
    outlet.exec();
}

/// The WHERE clause every figure query shares; binds ?1 from, ?2 to, ?3 type, ?4 outlet code,
/// ?5 cities as a comma-separated list (each city is matched whole), ?6 whether the cities
/// limit the query at all (an empty list then matches nothing).
constexpr const char* kScope =
    " JOIN outlet o ON o.id = a.outlet_id WHERE a.business_date BETWEEN ?1 AND ?2 "
    "AND (?3 = '' OR o.type = ?3) AND (?4 = '' OR o.code = ?4) "
    "AND (?6 = 0 OR instr(',' || ?5 || ',', ',' || o.city || ',') > 0) ";

void bindScope(SQLite::Statement& q, const FigureScope& s) {
    std::string cities;
    if (s.cities)
        for (const auto& c : *s.cities)
            cities += (cities.empty() ? "" : ",") + c;
    q.bind(1, s.from);
    q.bind(2, s.to);
    q.bind(3, s.type);
    q.bind(4, s.outlet);
    q.bind(5, cities);
    q.bind(6, s.cities ? 1 : 0);
}

Figures readFigures(SQLite::Statement& q, int first) {
    return Figures{q.getColumn(first).getInt64(), q.getColumn(first + 1).getInt64(),
                   q.getColumn(first + 2).getInt64(), q.getColumn(first + 3).getInt64(),
                   q.getColumn(first + 4).getInt64()};
}

/// What a grouped query groups by; each names a fixed column, never text from outside.
enum class GroupBy { Type, City, Day };

std::vector<GroupFigures> grouped(SQLite::Database& db, const FigureScope& scope, GroupBy by) {
    const std::string key = by == GroupBy::Type   ? "o.type"
                            : by == GroupBy::City ? "o.city"
                                                  : "a.business_date";
    std::string sql = "SELECT ";
    sql += key + ", COALESCE(SUM(a.revenue_fen),0), COALESCE(SUM(a.grams),0), "
                 "COALESCE(SUM(a.tickets),0), COALESCE(SUM(a.return_fen),0), "
                 "COUNT(DISTINCT a.outlet_id) FROM agg_outlet_day a";
    sql += kScope;
    // Types in their usual order (flagship first), cities and days alphabetically.
    sql += by == GroupBy::Type ? "GROUP BY 1 ORDER BY CASE o.type WHEN 'flagship' THEN 1 WHEN "
                                 "'direct' THEN 2 WHEN 'franchise' THEN 3 WHEN 'counter' THEN 4 "
                                 "WHEN 'popup' THEN 5 ELSE 6 END"
                               : "GROUP BY 1 ORDER BY 1";
    SQLite::Statement q(db, sql);
    bindScope(q, scope);
    std::vector<GroupFigures> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(0).getString(), readFigures(q, 1)});
    return out;
}

/// `into += value`, or MoneyOverflow when the sum would leave the int64 range.
void addChecked(std::int64_t& into, std::int64_t value) {
    if (__builtin_add_overflow(into, value, &into))
        throw domain::MoneyOverflow("a figure would leave the int64 range");
}

std::int64_t negated(std::int64_t value) {
    std::int64_t out = 0;
    if (__builtin_sub_overflow(std::int64_t{0}, value, &out))
        throw domain::MoneyOverflow("a figure would leave the int64 range");
    return out;
}

/// What some sales add to one agg_product_day row (the columns of that table).
struct ProductDelta {
    std::int64_t revenue = 0, grams = 0, units = 0, tickets = 0, returnFen = 0, returnLines = 0,
                 lines = 0, compliant = 0;
};

/// What some sales add to one outlet-day: its products' rows and its agg_outlet_day row.
struct DayDelta {
    std::map<std::string, ProductDelta> products;
    std::int64_t revenue = 0, salesFen = 0, returnFen = 0, grams = 0, tickets = 0,
                 returnTickets = 0, lines = 0, compliant = 0;
    bool anySale = false; ///< a sale (not a return) came: the late tickets are counted again
};

/// Adds one sale to its day as rollUpDay's queries would count it; all or nothing (the sums are
/// made on a copy): MoneyOverflow leaves `day` as it was.
void addSale(DayDelta& day, const protocol::SaleDoc& sale,
             const std::vector<std::optional<std::int64_t>>& officePrices) {
    DayDelta next = day;
    const bool isReturn = sale.kind == "return";
    const bool isSale = sale.kind == "sale";
    std::map<std::string, bool> seen; // the products of this sale (tickets: sales that had it)
    for (std::size_t i = 0; i < sale.lines.size(); ++i) {
        const auto& l = sale.lines[i];
        const auto officePrice = i < officePrices.size() ? officePrices[i] : std::nullopt;
        auto& p = next.products[l.sku];
        addChecked(p.revenue, l.paidFen);
        addChecked(p.grams, isReturn ? negated(l.grams) : l.grams);
        addChecked(p.units, isReturn ? negated(l.units) : l.units);
        if (isReturn) {
            addChecked(p.returnFen, negated(l.paidFen));
            addChecked(p.returnLines, 1);
            addChecked(next.returnFen, negated(l.paidFen));
        }
        if (isSale) {
            addChecked(p.lines, 1);
            addChecked(next.lines, 1);
            addChecked(next.salesFen, l.paidFen);
            if (isPriceCompliant(l.unitPriceFen, officePrice, l.lineDiscountFen)) {
                addChecked(p.compliant, 1);
                addChecked(next.compliant, 1);
            }
            if (!seen[l.sku])
                addChecked(p.tickets, 1);
            seen[l.sku] = true;
        }
        addChecked(next.revenue, l.paidFen);
        addChecked(next.grams, isReturn ? negated(l.grams) : l.grams);
    }
    if (isSale) {
        addChecked(next.tickets, 1);
        next.anySale = true;
    }
    if (isReturn)
        addChecked(next.returnTickets, 1);
    day = std::move(next);
}

/// Adds `delta` to the rows of (outletId, date). SQLite turns an integer sum that overflows into
/// a REAL, which the STRICT tables refuse: MoneyOverflow then.
void applyDay(SQLite::Database& db, std::int64_t outletId, const std::string& date,
              const DayDelta& delta) {
    try {
        SQLite::Statement product(
            db, "INSERT INTO agg_product_day(business_date, outlet_id, sku, revenue_fen, grams, "
                "units, tickets, return_fen, return_lines, lines, compliant_lines) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(business_date, outlet_id, sku) DO "
                "UPDATE SET revenue_fen = revenue_fen + excluded.revenue_fen, grams = grams + "
                "excluded.grams, units = units + excluded.units, tickets = tickets + "
                "excluded.tickets, return_fen = return_fen + excluded.return_fen, return_lines "
                "= return_lines + excluded.return_lines, lines = lines + excluded.lines, "
                "compliant_lines = compliant_lines + excluded.compliant_lines");
        for (const auto& [sku, p] : delta.products) {
            product.bind(1, date);
            product.bind(2, outletId);
            product.bind(3, sku);
            product.bind(4, p.revenue);
            product.bind(5, p.grams);
            product.bind(6, p.units);
            product.bind(7, p.tickets);
            product.bind(8, p.returnFen);
            product.bind(9, p.returnLines);
            product.bind(10, p.lines);
            product.bind(11, p.compliant);
            product.exec();
            product.reset();
        }
        SQLite::Statement outlet(
            db, "INSERT INTO agg_outlet_day(business_date, outlet_id, revenue_fen, sales_fen, "
                "return_fen, grams, tickets, return_tickets, late_tickets, lines, "
                "compliant_lines) VALUES (?,?,?,?,?,?,?,?,0,?,?) ON CONFLICT(business_date, "
                "outlet_id) DO UPDATE SET revenue_fen = revenue_fen + excluded.revenue_fen, "
                "sales_fen = sales_fen + excluded.sales_fen, return_fen = return_fen + "
                "excluded.return_fen, grams = grams + excluded.grams, tickets = tickets + "
                "excluded.tickets, return_tickets = return_tickets + excluded.return_tickets, "
                "lines = lines + excluded.lines, compliant_lines = compliant_lines + "
                "excluded.compliant_lines");
        outlet.bind(1, date);
        outlet.bind(2, outletId);
        outlet.bind(3, delta.revenue);
        outlet.bind(4, delta.salesFen);
        outlet.bind(5, delta.returnFen);
        outlet.bind(6, delta.grams);
        outlet.bind(7, delta.tickets);
        outlet.bind(8, delta.returnTickets);
        outlet.bind(9, delta.lines);
        outlet.bind(10, delta.compliant);
        outlet.exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_DATATYPE)
            throw domain::MoneyOverflow("a figure would leave the int64 range");
        throw;
    }
    if (!delta.anySale)
        return;
    // Late tickets: sales in the 30 minutes before the day's last sale, which a later sale moves.
    // Counted again from the index on (outlet, day, kind, completed_at): the day's last sale,
    // then the sales of the 31 minutes before it as text (completed_at is YYYY-MM-DDTHH:MM:SSZ,
    // which sorts in time order), filtered by rollUpDay's own comparison so that the count is
    // the same to the last rounding of julianday.
    SQLite::Statement late(
        db, "UPDATE agg_outlet_day SET late_tickets = (SELECT COUNT(*) FROM sale s, (SELECT "
            "MAX(completed_at) AS at FROM sale WHERE outlet_id = ?1 AND business_date = ?2 AND "
            "kind = 'sale') m WHERE s.outlet_id = ?1 AND s.business_date = ?2 AND s.kind = "
            "'sale' AND s.completed_at >= strftime('%Y-%m-%dT%H:%M:%SZ', m.at, '-31 minutes') "
            "AND julianday(s.completed_at) >= julianday(m.at) - 30.0 / 1440) "
            "WHERE business_date = ?2 AND outlet_id = ?1");
    late.bind(1, outletId);
    late.bind(2, date);
    late.exec();
}

} // namespace

std::vector<std::string> addToAggregates(SQLite::Database& db, std::int64_t outletId,
                                         const std::vector<StoredSale>& stored) {
    std::map<std::string, DayDelta> days; // most batches are one day's sales
    std::vector<std::string> failed;
    for (const auto& [sale, officePrices] : stored) {
        auto& day = days[sale->businessDate];
        try {
            addSale(day, *sale, officePrices);
        } catch (const domain::MoneyOverflow&) {
            failed.push_back(sale->businessDate);
        }
    }
    for (const auto& [date, delta] : days) {
        if (std::find(failed.begin(), failed.end(), date) != failed.end())
            continue;
        try {
            db::Savepoint unit(db);
            applyDay(db, outletId, date, delta);
            unit.release();
        } catch (const domain::MoneyOverflow&) {
            failed.push_back(date);
        }
    }
    std::sort(failed.begin(), failed.end());
    failed.erase(std::unique(failed.begin(), failed.end()), failed.end());
    return failed;
}

Status checkReconcileDate(const std::string& businessDate, domain::TimePoint now) {
    if (!domain::isDate(businessDate))
        return makeError(ErrorCode::InvalidArgument,
                         "date must be a business date YYYY-MM-DD, not \"" +
                             businessDate.substr(0, 16) + "\"");
    const auto today = domain::businessDate(now);
    if (businessDate > domain::addDays(today, 1))
        return makeError(ErrorCode::InvalidArgument,
                         "date " + businessDate + " is in the future (today is " + today +
                             " in China time): a day is reconciled after its sales; nothing "
                             "was recorded");
    return {};
}

void markReconciled(SQLite::Database& db, std::int64_t outletId, const std::string& businessDate,
                    const std::string& at) {
    SQLite::Statement count(db, "SELECT COUNT(*) FROM sale WHERE outlet_id = ? AND "
                                "business_date = ?");
    count.bind(1, outletId);
    count.bind(2, businessDate);
    count.executeStep();
    const auto salesIn = count.getColumn(0).getInt64();
    if (salesIn == 0)
        return; // nothing of that day is in: this reconcile proves nothing about its sales
    SQLite::Statement q(db, "INSERT INTO reconciled_day(outlet_id, business_date, first_at, "
                            "sales_in) VALUES (?,?,?,?) ON CONFLICT DO UPDATE SET first_at = "
                            "excluded.first_at, sales_in = excluded.sales_in "
                            "WHERE excluded.sales_in > reconciled_day.sales_in");
    q.bind(1, outletId);
    q.bind(2, businessDate);
    q.bind(3, at);
    q.bind(4, salesIn);
    q.exec();
}

int rollUp(SQLite::Database& db) {
    std::vector<std::pair<std::int64_t, std::string>> days;
    {
        SQLite::Statement q(db, "SELECT outlet_id, business_date FROM dirty_day");
        while (q.executeStep())
            days.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getString());
    }
    if (days.empty())
        return 0; // write nothing: a server must start on a full disk and answer reads
    for (const auto& [outlet, date] : days)
        rollUpDay(db, outlet, date);
    db.exec("DELETE FROM dirty_day");
    return static_cast<int>(days.size());
}

int rebuildAggregates(SQLite::Database& db) {
    db.exec("INSERT OR IGNORE INTO dirty_day(outlet_id, business_date) "
            "SELECT DISTINCT outlet_id, business_date FROM sale");
    return rollUp(db);
}

Figures totals(SQLite::Database& db, const FigureScope& scope) {
    SQLite::Statement q(db, std::string("SELECT COALESCE(SUM(a.revenue_fen),0), "
                                        "COALESCE(SUM(a.grams),0), COALESCE(SUM(a.tickets),0), "
                                        "COALESCE(SUM(a.return_fen),0), "
                                        "COUNT(DISTINCT a.outlet_id) FROM agg_outlet_day a") +
                                kScope);
    bindScope(q, scope);
    q.executeStep();
    return readFigures(q, 0);
}

std::vector<GroupFigures> byType(SQLite::Database& db, const FigureScope& scope) {
    return grouped(db, scope, GroupBy::Type);
}

std::vector<GroupFigures> byCity(SQLite::Database& db, const FigureScope& scope) {
    return grouped(db, scope, GroupBy::City);
}

std::vector<GroupFigures> byDay(SQLite::Database& db, const FigureScope& scope) {
    return grouped(db, scope, GroupBy::Day);
}

std::vector<GroupFigures> byProduct(SQLite::Database& db, const FigureScope& scope) {
    SQLite::Statement q(db,
                        std::string("SELECT a.sku, COALESCE(p.name, a.sku), SUM(a.revenue_fen), "
                                    "SUM(a.grams), SUM(a.tickets), SUM(a.return_fen), "
                                    "COUNT(DISTINCT a.outlet_id) FROM agg_product_day a "
                                    "LEFT JOIN product p ON p.sku = a.sku") +
                            kScope + "GROUP BY a.sku ORDER BY SUM(a.revenue_fen) DESC, a.sku");
    bindScope(q, scope);
    std::vector<GroupFigures> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), readFigures(q, 2)});
    return out;
}

} // namespace baidian::server
