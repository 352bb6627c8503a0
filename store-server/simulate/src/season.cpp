#include "baidian/simulate/season.h"

#include "baidian/domain/time.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/central.h"
#include "baidian/server/ingest.h"
#include "baidian/simulate/network.h"
#include "baidian/simulate/till_simulator.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <algorithm>
#include <random>
#include <stdexcept>

namespace baidian::simulate {

Status addDemoUsers(SQLite::Database& db) {
    if (auto ok = server::addUser(db, "admin", "admin-pass-1", "admin", ""); !ok)
        return ok;
    return server::addUser(db, "hz", "hz-pass-12", "regional", "杭州");
}

int salesOnDay(const std::string& type, const std::string& date, std::uint64_t random) {
    const int average = averageDailySales(type) * seasonalPercent(date) / 100;
    // Uniform in [average/2, 3*average/2]: the average, with good and bad days.
    const int spread = average + 1;
    return std::max(1, average / 2 + static_cast<int>(random % static_cast<std::uint64_t>(spread)));
}

SeasonSummary seedSeason(SQLite::Database& db, const std::vector<protocol::OutletDoc>& outlets,
                         int terminal, const std::string& from, const std::string& to,
                         const std::function<void(int, int)>& progress) {
    SeasonSummary summary;
    const auto catalog = aksuCatalog();
    SQLite::Statement last(db, "SELECT seq, hash, business_date FROM sale WHERE outlet_id = ? AND "
                               "terminal_no = ? ORDER BY seq DESC LIMIT 1");
    int done = 0;
    for (const auto& o : outlets) {
        const auto row = server::outletByCode(db, o.code);
        if (!row)
            throw std::runtime_error("outlet " + o.code + " is not in the registry");
        TillSimulator till(o.code, terminal, catalog, std::hash<std::string>{}(o.code));
        auto day = std::max(from, o.openedOn);
        last.bind(1, row->id);
        last.bind(2, terminal);
        if (last.executeStep()) {
            till.continueFrom(last.getColumn(0).getInt64(), last.getColumn(1).getString());
            day = std::max(day, domain::addDays(last.getColumn(2).getString(), 1));
        }
        last.reset();
        if (o.status == "open" && day <= to) {
            SQLite::Transaction tx(db);
            std::mt19937_64 rng(std::hash<std::string>{}(o.code + day));
            for (; day <= to; day = domain::addDays(day, 1)) {
                const auto night = domain::isoUtc(domain::parseLocalDateTime(day + " 22:00:00"));
                const protocol::SaleBatch batch{o.code, terminal,
                                                till.day(day, salesOnDay(o.type, day, rng()))};
                for (const auto& r : server::ingestBatch(db, row->id, batch, night).results)
                    summary.sales += r.status == "stored" ? 1 : 0;
                server::markReconciled(db, row->id, day, night);
                ++summary.outletDays;
            }
            server::rollUp(db);
            tx.commit();
        }
        if (progress)
            progress(++done, static_cast<int>(outlets.size()));
    }
    return summary;
}

} // namespace baidian::simulate
