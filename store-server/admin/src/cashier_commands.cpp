// add-cashier, list-cashiers, disable-cashier, enable-cashier, remove-cashier, set-pin and
// set-cash-rounding: the outlets' cashiers and how their tills round cash. PINs come from
// standard input, never from the command line; tills take every change at their next sync.
#include "baidian/server/central.h"
#include "baidian/server/people.h"
#include "commands.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

namespace baidian::admin {

using namespace baidian::server;

namespace {

struct CashierFlags {
    std::string outlet, code, name, role;
    std::string secretFlag;     ///< --pin, refused
    CLI::Option* pin = nullptr; ///< the refused --pin of this subcommand
};

int refusePin() {
    return refuseSecretOnCommandLine("the PIN",
                                     "printf '%s\\n' 2468 | store-admin add-cashier --outlet "
                                     "HZ-F01 --code 1001 --name 王芳 --role cashier");
}

int addCashierWithPin(SQLite::Database& db, const CashierFlags& f) {
    auto pin = secretFromStdin("PIN", "printf '%s\\n' 2468 | store-admin add-cashier ...");
    if (!pin)
        return fail(pin.error());
    if (auto ok = upsertCashier(db, f.outlet, f.code, f.name, f.role, *pin); !ok)
        return fail(ok.error());
    std::cout << "saved cashier " << f.code << " of " << f.outlet << "\n";
    return 0;
}

int listOutletCashiers(SQLite::Database& db, const CashierFlags& f) {
    auto cashiers = listCashiers(db, f.outlet);
    if (!cashiers)
        return fail(cashiers.error());
    for (const auto& c : *cashiers)
        std::cout << c.code << "\t" << c.name << "\t" << c.role << (c.active ? "" : "\tdisabled")
                  << "\n";
    return 0;
}

int setActive(SQLite::Database& db, const CashierFlags& f, bool disabling) {
    if (auto ok = setCashierActive(db, f.outlet, f.code, !disabling); !ok)
        return fail(ok.error());
    std::cout << (disabling ? "disabled" : "enabled") << " cashier " << f.code << " of " << f.outlet
              << " (tills take it at their next sync)\n";
    return 0;
}

int removeOutletCashier(SQLite::Database& db, const CashierFlags& f) {
    if (auto ok = removeCashier(db, f.outlet, f.code); !ok)
        return fail(ok.error());
    std::cout << "removed cashier " << f.code << " of " << f.outlet
              << " (tills refuse them after their next sync)\n";
    return 0;
}

int setNewPin(SQLite::Database& db, const CashierFlags& f) {
    auto pin = secretFromStdin("new PIN", "printf '%s\\n' 2468 | store-admin set-pin "
                                          "--outlet " +
                                              f.outlet + " --code " + f.code);
    if (!pin)
        return fail(pin.error());
    if (auto ok = setCashierPin(db, f.outlet, f.code, *pin); !ok)
        return fail(ok.error());
    std::cout << "new PIN for cashier " << f.code << " of " << f.outlet
              << " (tills take it at their next sync)\n";
    return 0;
}

/// A handler that refuses a --pin given on the command line, else runs `run` on the database.
Handler cashierHandler(CLI::App* command, std::shared_ptr<CashierFlags> flags,
                       int (*run)(SQLite::Database&, const CashierFlags&)) {
    return {command, [flags, run](const Session& s) {
                if (flags->pin && secretOnCommandLine({flags->pin}))
                    return refusePin();
                return s.withDatabase([&](SQLite::Database& db) { return run(db, *flags); });
            }};
}

void addCashRoundingCommand(CLI::App& app, Handlers& handlers) {
    auto* command = app.add_subcommand(
        "set-cash-rounding", "how an outlet type's tills round a cash payment (抹零): off, jiao "
                             "(the default) or yuan; tills take it at their next sync");
    auto flags = std::make_shared<std::pair<std::string, std::string>>(); // type, rounding
    command->add_option("--type", flags->first, "outlet type")->required();
    command->add_option("--to", flags->second, "off, jiao or yuan")->required();
    handlers.push_back({command, [flags](const Session& s) {
                            return s.withDatabase([&](SQLite::Database& db) {
                                const auto& [type, rounding] = *flags;
                                if (auto ok = setCashRounding(db, type, rounding); !ok)
                                    return fail(ok.error());
                                std::cout << "cash payments at " << type
                                          << " outlets are rounded to: " << rounding
                                          << " (tills take it at their next sync)\n";
                                return 0;
                            });
                        }});
}

} // namespace

void addCashierCommands(CLI::App& app, Handlers& handlers) {
    auto* add = app.add_subcommand(
        "add-cashier", "add or update an outlet's cashier; the PIN (4-12 digits, 6 or more for a "
                       "supervisor or manager) is read from standard input");
    auto adding = std::make_shared<CashierFlags>();
    add->add_option("--outlet", adding->outlet)->required();
    add->add_option("--code", adding->code, "cashier code")->required();
    add->add_option("--name", adding->name)->required();
    add->add_option("--role", adding->role, "cashier, supervisor or manager")->required();
    adding->pin = refuseSecretFlag(add, "--pin", adding->secretFlag);
    handlers.push_back(cashierHandler(add, adding, addCashierWithPin));

    auto* list = app.add_subcommand("list-cashiers", "list an outlet's cashiers");
    auto listing = std::make_shared<CashierFlags>();
    list->add_option("--outlet", listing->outlet)->required();
    handlers.push_back(cashierHandler(list, listing, listOutletCashiers));

    auto* disable = app.add_subcommand(
        "disable-cashier", "stop a cashier logging in: tills refuse them after their next sync");
    auto* enable = app.add_subcommand("enable-cashier", "let a cashier log in again");
    auto* remove = app.add_subcommand("remove-cashier",
                                      "remove a cashier: tills refuse them after their next sync");
    auto* pin = app.add_subcommand(
        "set-pin", "give a cashier a new PIN, read from standard input (tills get it at their "
                   "next sync)");
    auto named = std::make_shared<CashierFlags>();
    for (auto* command : {disable, enable, remove, pin}) {
        command->add_option("--outlet", named->outlet)->required();
        command->add_option("--code", named->code, "cashier code")->required();
    }
    named->pin = refuseSecretFlag(pin, "--pin", named->secretFlag);
    handlers.push_back(
        cashierHandler(disable, named, [](SQLite::Database& db, const CashierFlags& f) {
            return setActive(db, f, true);
        }));
    handlers.push_back(
        cashierHandler(enable, named, [](SQLite::Database& db, const CashierFlags& f) {
            return setActive(db, f, false);
        }));
    handlers.push_back(cashierHandler(remove, named, removeOutletCashier));
    handlers.push_back(cashierHandler(pin, named, setNewPin));

    addCashRoundingCommand(app, handlers);
}

} // namespace baidian::admin
