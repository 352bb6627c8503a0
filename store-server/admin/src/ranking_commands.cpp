// rollup, rank and figures: the daily aggregates, the model-store ranking and the network's
// sales in yuan and tonnes.
#include "baidian/db/database.h"
#include "baidian/domain/money.h"
#include "baidian/domain/time.h"
#include "baidian/domain/weight.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/ranking.h"
#include "commands.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <memory>

namespace baidian::admin {

using namespace baidian::server;

namespace {

void printRanking(const protocol::RankingDoc& ranking, int top) {
    std::string type;
    int shown = 0, unranked = 0;
    const auto close = [&] {
        if (!type.empty() && unranked > 0)
            std::cout << "    (" << unranked << " not ranked)\n";
    };
    for (const auto& e : ranking.entries) {
        if (e.type != type) {
            close();
            type = e.type;
            shown = unranked = 0;
            std::cout << type << ":\n";
        }
        if (!e.rank) {
            ++unranked;
            continue;
        }
        if (shown++ < top)
            std::cout << "  " << *e.rank << ". " << e.outlet << " " << e.name << " (" << e.city
                      << ") " << protocol::formatScore(e.scoreCenti) << "\n";
    }
    close();
}

int rollUpAggregates(SQLite::Database& db, bool rebuild) {
    db::Savepoint unit(db);
    const int rolled = rebuild ? rebuildAggregates(db) : rollUp(db);
    unit.release();
    std::cout << "rolled up " << rolled << " outlet-day(s)\n";
    return 0;
}

struct RankFlags {
    std::string period, rankingFile;
    int top = 5;
};

int rank(const Session& session, SQLite::Database& db, const RankFlags& flags) {
    RankingConfig config;
    if (!flags.rankingFile.empty()) {
        auto loaded = loadRankingConfig(flags.rankingFile);
        if (!loaded)
            return fail(loaded.error());
        config = *loaded;
    }
    // rollUp before computeRanking: kept until computeRanking rolls up itself (issue 17).
    std::cout << "rolling up the aggregates ...\n";
    db::Savepoint unit(db);
    const int rolled = rollUp(db);
    std::cout << "computing the ranking of " << flags.period << " ...\n";
    auto ranking = computeRanking(db, flags.period, config, domain::isoUtc(session.clock().now()));
    if (!ranking)
        return fail(ranking.error());
    unit.release();
    printRanking(*ranking, flags.top);
    const auto ranked = std::count_if(ranking->entries.begin(), ranking->entries.end(),
                                      [](const auto& e) { return e.rank.has_value(); });
    std::cout << "scored " << ranking->entries.size() << " outlets of " << flags.period << ", "
              << ranked << " ranked (" << rolled << " outlet-day(s) rolled up first)\n";
    return 0;
}

int figures(SQLite::Database& db, const std::string& from, const std::string& to) {
    if (!domain::isDate(from) || !domain::isDate(to))
        return fail(makeError(ErrorCode::InvalidArgument, "give dates as YYYY-MM-DD"));
    db::Savepoint unit(db);
    rollUp(db);
    unit.release();
    const FigureScope scope{from, to, {}, {}, {}};
    for (const auto& t : byType(db, scope))
        std::cout << "  " << t.key << ": " << domain::Fen(t.figures.revenueFen).format() << ", "
                  << domain::Grams(t.figures.grams).formatTonnes() << " t, " << t.figures.tickets
                  << " tickets, " << t.figures.outlets << " outlets\n";
    const auto all = totals(db, scope);
    std::cout << "network " << from << " to " << to << ": sold "
              << domain::Grams(all.grams).formatTonnes() << " tonnes for "
              << domain::Fen(all.revenueFen).format() << "\n";
    return 0;
}

} // namespace

void addRankingCommands(CLI::App& app, Handlers& handlers) {
    auto* rollUpCmd = app.add_subcommand(
        "rollup", "bring the daily aggregates up to date (--rebuild: recompute them all)");
    auto rebuild = std::make_shared<bool>(false);
    rollUpCmd->add_flag("--rebuild", *rebuild, "recompute every day from the sales");
    handlers.push_back({rollUpCmd, [rebuild](const Session& s) {
                            return s.withDatabase([&](SQLite::Database& db) {
                                return rollUpAggregates(db, *rebuild);
                            });
                        }});

    auto* rankCmd = app.add_subcommand(
        "rank", "compute and store the model-store ranking of a period, and print it");
    auto flags = std::make_shared<RankFlags>();
    rankCmd->add_option("--period", flags->period, "a month (2026-10) or a year (2026)")
        ->required();
    rankCmd->add_option("--ranking", flags->rankingFile,
                        "weights and rules (TOML); default: built in");
    rankCmd->add_option("--top", flags->top, "how many outlets of each type to print");
    handlers.push_back({rankCmd, [flags](const Session& s) {
                            return s.withDatabase(
                                [&](SQLite::Database& db) { return rank(s, db, *flags); });
                        }});

    auto* figuresCmd = app.add_subcommand("figures", "network sales in yuan and tonnes, by type");
    auto dates = std::make_shared<std::pair<std::string, std::string>>();
    figuresCmd->add_option("--from", dates->first, "first business date YYYY-MM-DD")->required();
    figuresCmd->add_option("--to", dates->second, "last business date YYYY-MM-DD")->required();
    handlers.push_back({figuresCmd, [dates](const Session& s) {
                            return s.withDatabase([&](SQLite::Database& db) {
                                return figures(db, dates->first, dates->second);
                            });
                        }});
}

} // namespace baidian::admin
