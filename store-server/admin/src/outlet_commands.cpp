// add-outlet, import-outlets and export-outlets: the outlet registry.
#include "baidian/domain/outlet.h"
#include "baidian/server/central.h"
#include "baidian/server/registry.h"
#include "commands.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>

namespace baidian::admin {

using namespace baidian::server;

namespace {

struct AddOutletFlags {
    std::string code, name, type, city;
    protocol::OutletDoc outlet; ///< the optional fields
};

int addOutlet(const Session& session, SQLite::Database& db, AddOutletFlags flags) {
    auto outletType = domain::parseOutletType(flags.type);
    if (!outletType)
        return fail(outletType.error());
    if (outletByCode(db, flags.code))
        return fail(makeError(ErrorCode::Conflict, "outlet " + flags.code + " already exists"));
    auto& outlet = flags.outlet;
    outlet.code = flags.code;
    outlet.name = flags.name;
    outlet.type = std::string(domain::toString(*outletType));
    outlet.city = flags.city;
    if (outlet.openedOn.empty())
        outlet.openedOn = session.today();
    if (auto saved = saveOutlet(db, outlet, session.today()); !saved)
        return fail(saved.error());
    std::cout << "added outlet " << flags.code << " (" << domain::chineseName(*outletType) << ", "
              << flags.city << ")\n";
    return 0;
}

int exportOutlets(SQLite::Database& db, const std::string& outFile) {
    const auto text = exportOutletsCsv(db);
    if (outFile.empty()) {
        std::cout << text;
        return 0;
    }
    std::ofstream out(outFile, std::ios::binary);
    out << text;
    if (!out)
        return fail(makeError(ErrorCode::Storage, "cannot write " + outFile));
    std::cerr << "wrote " << listOutlets(db).size() << " outlets to " << outFile << "\n";
    return 0;
}

void addAddOutletCommand(CLI::App& app, Handlers& handlers) {
    auto* command = app.add_subcommand("add-outlet", "register an outlet");
    auto flags = std::make_shared<AddOutletFlags>();
    command->add_option("--code", flags->code, "outlet code, e.g. HZ-F01")->required();
    command->add_option("--name", flags->name, "outlet name")->required();
    command
        ->add_option("--type", flags->type, "flagship, direct, franchise, counter, popup or online")
        ->required();
    command->add_option("--city", flags->city, "city")->required();
    auto& outlet = flags->outlet;
    command->add_option("--address", outlet.address, "street address");
    command->add_option("--area", outlet.areaM2, "floor area, whole square metres");
    command->add_option("--opened", outlet.openedOn, "opening date YYYY-MM-DD (today)");
    command->add_option("--franchisee", outlet.franchisee,
                        "the franchise holder (franchise stores only)");
    handlers.push_back({command, [flags](const Session& s) {
                            return s.withDatabase(
                                [&](SQLite::Database& db) { return addOutlet(s, db, *flags); });
                        }});
}

} // namespace

void addOutletCommands(CLI::App& app, Handlers& handlers) {
    addAddOutletCommand(app, handlers);

    auto file = std::make_shared<std::string>();
    auto* importCmd = app.add_subcommand(
        "import-outlets", "add or update outlets from a CSV file (all rows or none)");
    importCmd
        ->add_option("file", *file,
                     "CSV: code,name,type,city,address,area_m2,"
                     "opened_on,status,franchisee")
        ->required();
    handlers.push_back({importCmd, [file](const Session& s) {
                            return importCsvFile(s, *file,
                                                 [&](SQLite::Database& db, std::string_view text) {
                                                     return importOutletsCsv(db, text, s.today());
                                                 });
                        }});

    auto* exportCmd =
        app.add_subcommand("export-outlets", "write the outlet registry as CSV (Excel opens it)");
    auto outFile = std::make_shared<std::string>();
    exportCmd->add_option("--out", *outFile, "file to write (default: standard output)");
    handlers.push_back({exportCmd, [outFile](const Session& s) {
                            return s.withDatabase(
                                [&](SQLite::Database& db) { return exportOutlets(db, *outFile); });
                        }});
}

} // namespace baidian::admin
