// store-admin: runs the network's CA and the central registry from the command line. Each
// group of subcommands lives in its own *_commands.cpp; main only wires them.
#include "baidian/domain/clock.h"
#include "baidian/domain/version.h"
#include "commands.h"
#include "session.h"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    using namespace baidian;
    CLI::App app{
        "store-admin: the Baidian network's certificate authority, outlets, users and catalog"};
    app.require_subcommand(1);
    app.set_version_flag("--version", domain::versionLine("store-admin"));
    admin::GlobalOptions options;
    app.add_option("--db", options.dbPath, "central database file")->envname("BAIDIAN_DB");
    app.add_option("--pki", options.pkiDir, "directory holding ca.key and ca.crt")
        ->envname("BAIDIAN_PKI");
    app.add_option("--ca-passphrase-file", options.passphraseFile,
                   "file whose first line is the CA key's passphrase (else BAIDIAN_CA_PASSPHRASE, "
                   "else standard input)");

    // In the order --help lists them.
    admin::Handlers handlers;
    admin::addCaCommands(app, handlers);
    admin::addOutletCommands(app, handlers);
    admin::addCatalogImportCommands(app, handlers);
    admin::addRankingCommands(app, handlers);
    admin::addCertificateCommands(app, handlers);
    admin::addUserCommands(app, handlers);
    admin::addProductCommand(app, handlers);
    admin::addCashierCommands(app, handlers);
    admin::addDatabaseCommands(app, handlers);
    admin::addDemoCommand(app, handlers);

    CLI11_PARSE(app, argc, argv);

    const domain::SystemClock clock;
    const admin::Session session(options, clock);
    for (const auto& handler : handlers)
        if (handler.command->parsed())
            return handler.run(session);
    return 0;
}
