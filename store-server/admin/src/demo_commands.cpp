// demo-network: a demo network built, or brought up to date, in the central database.
#include "baidian/domain/money.h"
#include "baidian/domain/time.h"
#include "baidian/domain/weight.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/catalog.h"
#include "baidian/server/central.h"
#include "baidian/server/registry.h"
#include "baidian/simulate/network.h"
#include "baidian/simulate/season.h"
#include "commands.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <tuple>

namespace baidian::admin {

using namespace baidian::server;

namespace {

constexpr const char* kDemoFlagship = "HZ-F01";

/// The registry, catalog, quick keys and the flagship's cashiers of the demo: generated on the
/// first run (`outlets` outlets); `from` moves to the first day already sold on a later run.
Result<std::vector<OutletRecord>> demoMasterData(const Session& session, SQLite::Database& db,
                                                 int outlets, std::string& from) {
    auto registry = listOutlets(db);
    const std::string yesterday = domain::addDays(session.today(), -1);
    if (registry.empty()) {
        std::cout << "generating " << outlets << " outlets in the network's type mix ...\n";
        if (auto ok = importOutletsCsv(
                db, simulate::outletsCsv(simulate::generateOutlets(outlets, 42, yesterday)),
                session.today());
            !ok)
            return ok.error();
        if (auto ok = importCatalogCsv(db, simulate::catalogCsv(simulate::aksuCatalog())); !ok)
            return ok.error();
        if (auto ok = simulate::addDemoUsers(db); !ok)
            return ok.error();
        registry = listOutlets(db);
    } else {
        const auto first = db.execAndGet("SELECT MIN(business_date) FROM sale");
        if (!first.isNull())
            from = first.getString();
        std::cout << "the registry holds " << registry.size()
                  << " outlets; bringing the demo up to date ...\n";
    }
    if (db.execAndGet("SELECT COUNT(*) FROM quick_key").getInt64() == 0)
        if (auto ok = importQuickKeysCsv(db, simulate::quickKeysCsv()); !ok)
            return ok.error();
    // The flagship whose real till scripts/run opens (HZ-F01): its cashiers come with the
    // master data.
    if (outletByCode(db, kDemoFlagship))
        for (const auto& [code, name, role, pin] :
             {std::tuple{"1001", "王芳", "cashier", "1234"},
              std::tuple{"9001", "李强", "supervisor", "900190"}})
            if (auto ok = upsertCashier(db, kDemoFlagship, code, name, role, pin); !ok)
                return ok.error();
    return registry;
}

/// Each outlet's till 1 (the real till scripts/run opens at HZ-F01) and the simulated till
/// baidian-demo-day sells through (simulate::kDemoTerminal) have a certificate each; issues the
/// missing ones.
Status demoCertificates(const Session& session, SQLite::Database& db, const pki::CaKey& ca,
                        const std::string& certs, const std::vector<OutletRecord>& registry) {
    int issued = 0;
    for (const auto& o : registry) {
        for (const int terminal : {1, simulate::kDemoTerminal}) {
            if (std::filesystem::exists(std::filesystem::path(certs) /
                                        (pki::outletCertificateName(o.code, terminal) + ".crt")))
                continue;
            auto cert = pki::issueOutletCertificate(ca, certs, o.code, 90, terminal);
            if (!cert)
                return cert.error();
            const auto row = outletByCode(db, o.code);
            if (auto ok = recordCertificate(db, cert->serialHex, row->id, "outlet", cert->subject,
                                            cert->notBefore, cert->notAfter, terminal);
                !ok)
                return ok.error();
            if (auto key = provisionJournalKey(db, row->id, terminal, cert->keyPath,
                                               domain::isoUtc(session.clock().now()));
                !key)
                return key.error();
            if (++issued % 100 == 0)
                std::cout << "  certificates: " << issued << " issued\n";
        }
    }
    std::cout << "certificates: " << issued << " issued in " << certs << "\n";
    return {};
}

struct DemoFlags {
    int outlets = 600;
    int months = 2;
    std::string certs;
};

/// The demo network (store-admin demo-network): see its help text. Idempotent: a second run
/// only issues missing certificates and sells the days since the last run.
Status buildDemoNetwork(const Session& session, SQLite::Database& db, const pki::CaKey& ca,
                        const DemoFlags& flags) {
    const auto started = std::chrono::steady_clock::now();
    const std::string yesterday = domain::addDays(session.today(), -1);
    // Whole months, so that each month's ranking compares with whole months of history.
    std::string from = domain::addMonths(session.today().substr(0, 8) + "01", -flags.months);
    auto registry = demoMasterData(session, db, flags.outlets, from);
    if (!registry)
        return registry.error();
    if (auto ok = demoCertificates(session, db, ca, flags.certs, *registry); !ok)
        return ok;

    std::cout << "selling " << from << " to " << yesterday << " at every open outlet ...\n";
    int shown = 0;
    const auto season = simulate::seedSeason(
        db, *registry, simulate::kDemoTerminal, from, yesterday, [&](int done, int total) {
            if (done * 10 / total > shown || done == total) {
                shown = done * 10 / total;
                std::cout << "  " << done << " of " << total << " outlets\n" << std::flush;
            }
        });
    const auto all = totals(db, {from, yesterday, {}, {}, {}});
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "demo network: " << registry->size() << " outlets, " << season.sales
              << " sales added over " << season.outletDays << " outlet-days; " << from << " to "
              << yesterday << " sold " << domain::Grams(all.grams).formatTonnes() << " tonnes for "
              << domain::Fen(all.revenueFen).format() << " (" << static_cast<int>(seconds)
              << " s)\n";
    return {};
}

} // namespace

void addDemoCommand(CLI::App& app, Handlers& handlers) {
    auto* demo = app.add_subcommand(
        "demo-network", "build, or bring up to date, a demo network: outlets in the real mix, "
                        "the Aksu catalog, their certificates and a season of sales to yesterday");
    auto flags = std::make_shared<DemoFlags>();
    demo->add_option("--outlets", flags->outlets, "outlets to generate (first run only)")
        ->check(CLI::Range(1, 100000));
    demo->add_option("--months", flags->months,
                     "whole months of sales before this one (first run only); this month's "
                     "days up to yesterday come with them")
        ->check(CLI::Range(0, 120));
    demo->add_option("--certs", flags->certs, "directory for the outlets' keys and certificates")
        ->required();
    handlers.push_back({demo, [flags](const Session& s) {
                            return s.withCaAndDatabase(
                                [&](const pki::CaKey& ca, SQLite::Database& db) {
                                    if (auto ok = buildDemoNetwork(s, db, ca, *flags); !ok)
                                        return fail(ok.error());
                                    return 0;
                                });
                        }});
}

} // namespace baidian::admin
