// store-admin: runs the network's CA and the central registry from the command line.
#include "baidian/crypto/journal_key.h"
#include "baidian/db/backup.h"
#include "baidian/db/database.h"
#include "baidian/domain/money.h"
#include "baidian/domain/time.h"
#include "baidian/domain/version.h"
#include "baidian/domain/weight.h"
#include "baidian/pki/pki.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/catalog.h"
#include "baidian/server/central.h"
#include "baidian/server/people.h"
#include "baidian/server/ranking.h"
#include "baidian/server/registry.h"
#include "baidian/server/terminal_keys.h"
#include "baidian/simulate/network.h"
#include "baidian/simulate/season.h"
#include "secret_input.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

using namespace baidian;
using namespace baidian::server;

namespace {

int fail(const Error& error) {
    std::cerr << "store-admin: " << error.message << "\n";
    return 1;
}

std::string today() {
    return domain::businessDate(std::chrono::system_clock::now());
}

Result<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError(ErrorCode::Storage, "cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

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

/// A secret flag of old (--pin 2468): refused, since everybody on the machine sees the command
/// line. `example` shows how to give it on standard input instead.
CLI::Option* refuseSecretFlag(CLI::App* command, const std::string& flag, std::string& sink) {
    return command->add_option(flag, sink)->group(""); // hidden: only there to be refused
}

int refuseSecretOnCommandLine(const std::string& flag, const std::string& example) {
    std::cerr << "store-admin: " << flag
              << " is not taken on the command line (other users of the machine see it in ps): "
                 "give it on standard input, e.g. "
              << example << "\n";
    return 2;
}

/// Reads a password or PIN from standard input (asked for without echo on a terminal).
Result<std::string> secretFromStdin(const std::string& what, const std::string& example) {
    return admin::readSecretLine(what + ": ",
                                 "give the " + what + " on standard input, e.g. " + example);
}

/// Where the CA key's passphrase comes from: the file named by --ca-passphrase-file, else the
/// environment variable BAIDIAN_CA_PASSPHRASE, else standard input (asked for on a terminal,
/// twice when a CA is being created). A CA whose key was never encrypted needs none (a warning
/// says how to encrypt it).
Result<pki::CaKey> caKey(const std::string& pkiDir, const std::string& passphraseFile,
                         bool creating) {
    pki::CaKey ca{pkiDir, {}};
    if (!creating && std::filesystem::exists(std::filesystem::path(pkiDir) / "ca.key") &&
        !pki::caKeyEncrypted(pkiDir)) {
        std::cerr << "store-admin: warning: " << pkiDir
                  << "/ca.key is not encrypted; encrypt it with a passphrase: openssl pkey -in "
                     "ca.key -aes256 -out ca.key.new && mv ca.key.new ca.key\n";
        return ca;
    }
    const std::string how = "give the CA key's passphrase on standard input, in a file "
                            "(--ca-passphrase-file) or in BAIDIAN_CA_PASSPHRASE";
    if (!passphraseFile.empty()) {
        auto read = admin::readSecretFile(passphraseFile);
        if (!read)
            return read.error();
        ca.passphrase = std::move(read).value();
    } else if (const char* env = std::getenv("BAIDIAN_CA_PASSPHRASE"); env && *env) {
        ca.passphrase = env;
    } else {
        auto read = admin::readSecretLine(
            creating ? "passphrase for the new CA key: " : "CA key passphrase: ", how);
        if (!read)
            return read.error();
        ca.passphrase = std::move(read).value();
        if (creating && ::isatty(STDIN_FILENO) == 1) {
            auto again = admin::readSecretLine("the same passphrase again: ", how);
            if (!again || *again != ca.passphrase)
                return makeError(ErrorCode::InvalidArgument,
                                 "the two passphrases differ; nothing was created");
        }
    }
    return ca;
}

constexpr const char* kDemoFlagship = "HZ-F01";

/// The demo network (store-admin demo-network): see its help text. Idempotent: a second run
/// only issues missing certificates and sells the days since the last run.
/// The till's journal key (made and stored in server.db on its first certificate, kept on
/// renewal) written beside its private key `keyPath` (crypto::journalKeyFileBeside), mode 0600
/// whatever the umask, replacing an older file. Returns the file's path.
Result<std::string> provisionJournalKey(SQLite::Database& db, std::int64_t outletId, int terminal,
                                        const std::string& keyPath) {
    auto key =
        ensureTerminalKey(db, outletId, terminal, domain::isoUtc(std::chrono::system_clock::now()));
    if (!key)
        return key.error();
    const auto path = crypto::journalKeyFileBeside(keyPath);
    std::error_code ec;
    std::filesystem::remove(path, ec);
    const mode_t old = ::umask(077);
    FILE* f = std::fopen(path.c_str(), "wx");
    ::umask(old);
    if (!f)
        return makeError(ErrorCode::Storage, "cannot create " + path);
    const std::string text = crypto::toHex(*key) + "\n";
    const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !written)
        return makeError(ErrorCode::Storage, "cannot write " + path);
    return path;
}

Status buildDemoNetwork(SQLite::Database& db, const pki::CaKey& ca, const std::string& certs,
                        int outlets, int months) {
    const auto started = std::chrono::steady_clock::now();
    const std::string yesterday = domain::addDays(today(), -1);
    auto registry = listOutlets(db);
    // Whole months, so that each month's ranking compares with whole months of history.
    std::string from = domain::addMonths(today().substr(0, 8) + "01", -months);
    if (registry.empty()) {
        std::cout << "generating " << outlets << " outlets in the network's type mix ...\n";
        if (auto ok = importOutletsCsv(
                db, simulate::outletsCsv(simulate::generateOutlets(outlets, 42, yesterday)),
                today());
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

    // Each outlet's till 1 (the real till scripts/run opens at HZ-F01) and the simulated till
    // baidian-demo-day sells through (simulate::kDemoTerminal) have a certificate each.
    int issued = 0;
    for (std::size_t i = 0; i < registry.size(); ++i) {
        const auto& o = registry[i];
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
            if (auto key = provisionJournalKey(db, row->id, terminal, cert->keyPath); !key)
                return key.error();
            if (++issued % 100 == 0)
                std::cout << "  certificates: " << issued << " issued\n";
        }
    }
    std::cout << "certificates: " << issued << " issued in " << certs << "\n";

    std::cout << "selling " << from << " to " << yesterday << " at every open outlet ...\n";
    int shown = 0;
    const auto season = simulate::seedSeason(
        db, registry, simulate::kDemoTerminal, from, yesterday, [&](int done, int total) {
            if (done * 10 / total > shown || done == total) {
                shown = done * 10 / total;
                std::cout << "  " << done << " of " << total << " outlets\n" << std::flush;
            }
        });
    const auto all = totals(db, {from, yesterday, {}, {}, {}});
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "demo network: " << registry.size() << " outlets, " << season.sales
              << " sales added over " << season.outletDays << " outlet-days; " << from << " to "
              << yesterday << " sold " << domain::Grams(all.grams).formatTonnes() << " tonnes for "
              << domain::Fen(all.revenueFen).format() << " (" << static_cast<int>(seconds)
              << " s)\n";
    return {};
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "store-admin: the Baidian network's certificate authority, outlets, users and catalog"};
    app.require_subcommand(1);
    app.set_version_flag("--version", baidian::domain::versionLine("store-admin"));
    std::string dbPath = "server.db";
    std::string pkiDir = "pki";
    app.add_option("--db", dbPath, "central database file")->envname("BAIDIAN_DB");
    app.add_option("--pki", pkiDir, "directory holding ca.key and ca.crt")->envname("BAIDIAN_PKI");
    std::string passphraseFile;
    app.add_option("--ca-passphrase-file", passphraseFile,
                   "file whose first line is the CA key's passphrase (else BAIDIAN_CA_PASSPHRASE, "
                   "else standard input)");

    auto* initCa = app.add_subcommand("init-ca", "create the network's CA (never overwrites one)");
    std::string caName = "Baidian Network CA";
    initCa->add_option("--name", caName, "the CA's common name");

    auto* serverCert = app.add_subcommand("server-cert", "issue the server's TLS certificate");
    std::vector<std::string> hosts;
    int serverDays = 397;
    std::string serverOut;
    serverCert
        ->add_option("--host", hosts, "DNS name or IP address the server is reached by (repeat)")
        ->required();
    serverCert->add_option("--days", serverDays, "lifetime in days");
    serverCert->add_option("--out", serverOut,
                           "directory for server.key and server.crt (default: --pki)");

    auto* addOutletCmd = app.add_subcommand("add-outlet", "register an outlet");
    std::string code, name, type, city;
    addOutletCmd->add_option("--code", code, "outlet code, e.g. HZ-F01")->required();
    addOutletCmd->add_option("--name", name, "outlet name")->required();
    addOutletCmd
        ->add_option("--type", type, "flagship, direct, franchise, counter, popup or online")
        ->required();
    addOutletCmd->add_option("--city", city, "city")->required();
    protocol::OutletDoc outletDoc;
    addOutletCmd->add_option("--address", outletDoc.address, "street address");
    addOutletCmd->add_option("--area", outletDoc.areaM2, "floor area, whole square metres");
    addOutletCmd->add_option("--opened", outletDoc.openedOn, "opening date YYYY-MM-DD (today)");
    addOutletCmd->add_option("--franchisee", outletDoc.franchisee,
                             "the franchise holder (franchise stores only)");

    std::string file;
    auto* importOutlets = app.add_subcommand(
        "import-outlets", "add or update outlets from a CSV file (all rows or none)");
    importOutlets
        ->add_option("file", file,
                     "CSV: code,name,type,city,address,area_m2,"
                     "opened_on,status,franchisee")
        ->required();
    auto* exportOutlets =
        app.add_subcommand("export-outlets", "write the outlet registry as CSV (Excel opens it)");
    std::string outFile;
    exportOutlets->add_option("--out", outFile, "file to write (default: standard output)");
    auto* importCatalog =
        app.add_subcommand("import-catalog", "add or update catalog products from CSV");
    importCatalog
        ->add_option("file", file,
                     "CSV: sku,name,sale_unit,price,price_basis,plu,"
                     "barcodes,active")
        ->required();
    auto* importPrices = app.add_subcommand(
        "import-prices", "set price overrides per outlet type or outlet from CSV");
    importPrices->add_option("file", file, "CSV: sku,scope,key,price (empty price removes)")
        ->required();
    auto* importPromotions =
        app.add_subcommand("import-promotions", "add or update promotions from CSV");
    importPromotions
        ->add_option("file", file,
                     "CSV: code,name,kind,sku,price,percent_off,buy,free,"
                     "starts_on,ends_on")
        ->required();
    auto* importQuickKeys = app.add_subcommand(
        "import-quick-keys", "set the quick keys (快捷键) of outlet types' tills from CSV; every "
                             "type the file names gets exactly its keys, in the file's order");
    importQuickKeys->add_option("file", file, "CSV: type,category,sku,label")->required();

    auto* rollUpCmd = app.add_subcommand(
        "rollup", "bring the daily aggregates up to date (--rebuild: recompute them all)");
    bool rebuild = false;
    rollUpCmd->add_flag("--rebuild", rebuild, "recompute every day from the sales");
    auto* rank = app.add_subcommand(
        "rank", "compute and store the model-store ranking of a period, and print it");
    std::string period, rankingFile;
    int top = 5;
    rank->add_option("--period", period, "a month (2026-10) or a year (2026)")->required();
    rank->add_option("--ranking", rankingFile, "weights and rules (TOML); default: built in");
    rank->add_option("--top", top, "how many outlets of each type to print");
    auto* figures = app.add_subcommand("figures", "network sales in yuan and tonnes, by type");
    std::string from, to;
    figures->add_option("--from", from, "first business date YYYY-MM-DD")->required();
    figures->add_option("--to", to, "last business date YYYY-MM-DD")->required();

    auto* issueCert =
        app.add_subcommand("issue-cert", "issue (or renew) an outlet's client certificate");
    std::string outDir;
    int days = 90;
    issueCert->add_option("--outlet", code, "outlet code")->required();
    issueCert
        ->add_option("--out", outDir,
                     "directory for <code>.key, <code>.crt, <code>.journal-key and ca.crt")
        ->required();
    issueCert->add_option("--days", days, "lifetime in days (1-397)");
    int terminal = 1;
    issueCert
        ->add_option(
            "--terminal", terminal,
            "the till (1-99) the certificate is for; the server refuses its records of any "
            "other terminal. Files <code>.crt/.key for terminal 1, <code>-t<N> otherwise")
        ->check(CLI::Range(1, 99));

    auto* revoke = app.add_subcommand(
        "revoke", "revoke certificates; the server refuses them at the next handshake");
    std::string serial, certFile, revokeOutlet;
    auto* bySerial = revoke->add_option("--serial", serial, "certificate serial (hex)");
    auto* byFile = revoke->add_option("--cert", certFile, "certificate file");
    auto* byOutlet =
        revoke->add_option("--outlet", revokeOutlet, "every certificate of this outlet");
    bySerial->excludes(byFile)->excludes(byOutlet);
    byFile->excludes(byOutlet);

    auto* addUserCmd = app.add_subcommand(
        "add-user", "create a manager user; the password is read from standard input");
    std::string username, role, cities;
    addUserCmd->add_option("--username", username, "login name")->required();
    addUserCmd->add_option("--role", role, "admin or regional")->required();
    addUserCmd->add_option("--cities", cities,
                           "cities a regional manager covers, comma-separated; each must be the "
                           "city of a registered outlet (an admin has none: every city)");
    std::string secretFlag;
    std::vector<CLI::Option*> secretFlags{refuseSecretFlag(addUserCmd, "--password", secretFlag)};

    auto* listUsersCmd =
        app.add_subcommand("list-users", "list the manager users: role, cities, disabled or not");
    auto* disableUserCmd =
        app.add_subcommand("disable-user", "stop a user logging in; their sessions end at once");
    auto* enableUserCmd = app.add_subcommand("enable-user", "let a disabled user log in again");
    auto* removeUserCmd =
        app.add_subcommand("remove-user", "remove a user; their sessions end at once");
    auto* setPasswordCmd = app.add_subcommand(
        "set-password",
        "give a user a new password, read from standard input; their sessions end at once");
    for (auto* command : {disableUserCmd, enableUserCmd, removeUserCmd, setPasswordCmd})
        command->add_option("--username", username, "login name")->required();
    secretFlags.push_back(refuseSecretFlag(setPasswordCmd, "--password", secretFlag));

    auto* addProduct = app.add_subcommand("add-product", "add or update a catalog product");
    protocol::ProductDoc product;
    std::string price;
    addProduct->add_option("--sku", product.sku)->required();
    addProduct->add_option("--name", product.name)->required();
    addProduct->add_option("--unit", product.saleUnit, "each or weight")->required();
    addProduct->add_option("--price", price, "price in yuan, e.g. 6.80")->required();
    addProduct->add_option("--basis", product.priceBasis, "unit, kg or jin")->required();
    addProduct->add_option("--plu", product.plu, "code on label-scale barcodes");
    addProduct->add_option("--barcode", product.barcodes, "EAN-13/EAN-8/UPC-A (repeat)");

    auto* addCashier = app.add_subcommand(
        "add-cashier", "add or update an outlet's cashier; the PIN (4-12 digits, 6 or more for a "
                       "supervisor or manager) is read from standard input");
    addCashier->add_option("--outlet", code)->required();
    addCashier->add_option("--code", username, "cashier code")->required();
    addCashier->add_option("--name", name)->required();
    addCashier->add_option("--role", role, "cashier, supervisor or manager")->required();
    secretFlags.push_back(refuseSecretFlag(addCashier, "--pin", secretFlag));
    auto* listCashiersCmd = app.add_subcommand("list-cashiers", "list an outlet's cashiers");
    listCashiersCmd->add_option("--outlet", code)->required();
    auto* disableCashierCmd = app.add_subcommand(
        "disable-cashier", "stop a cashier logging in: tills refuse them after their next sync");
    auto* enableCashierCmd = app.add_subcommand("enable-cashier", "let a cashier log in again");
    auto* removeCashierCmd = app.add_subcommand(
        "remove-cashier", "remove a cashier: tills refuse them after their next sync");
    auto* setPinCmd = app.add_subcommand(
        "set-pin", "give a cashier a new PIN, read from standard input (tills get it at their "
                   "next sync)");
    for (auto* command : {disableCashierCmd, enableCashierCmd, removeCashierCmd, setPinCmd}) {
        command->add_option("--outlet", code)->required();
        command->add_option("--code", username, "cashier code")->required();
    }
    secretFlags.push_back(refuseSecretFlag(setPinCmd, "--pin", secretFlag));
    auto* cashRoundingCmd = app.add_subcommand(
        "set-cash-rounding", "how an outlet type's tills round a cash payment (抹零): off, jiao "
                             "(the default) or yuan; tills take it at their next sync");
    std::string rounding;
    cashRoundingCmd->add_option("--type", type, "outlet type")->required();
    cashRoundingCmd->add_option("--to", rounding, "off, jiao or yuan")->required();

    auto* backupCmd = app.add_subcommand(
        "backup", "copy the central database to a file while the server keeps running");
    std::string backupFile;
    backupCmd->add_option("--to", backupFile, "backup file to write (replaced only when complete)")
        ->required();
    auto* restoreCmd = app.add_subcommand(
        "restore", "replace the central database with a backup (stop store-server first)");
    restoreCmd->add_option("--from", backupFile, "backup file made by store-admin backup")
        ->required();

    auto* demo = app.add_subcommand(
        "demo-network", "build, or bring up to date, a demo network: outlets in the real mix, "
                        "the Aksu catalog, their certificates and a season of sales to yesterday");
    int demoOutlets = 600;
    int demoMonths = 2;
    demo->add_option("--outlets", demoOutlets, "outlets to generate (first run only)")
        ->check(CLI::Range(1, 100000));
    demo->add_option("--months", demoMonths,
                     "whole months of sales before this one (first run only); this month's "
                     "days up to yesterday come with them")
        ->check(CLI::Range(0, 120));
    demo->add_option("--certs", outDir, "directory for the outlets' keys and certificates")
        ->required();

    CLI11_PARSE(app, argc, argv);

    if (std::any_of(secretFlags.begin(), secretFlags.end(),
                    [](const CLI::Option* o) { return o->count() > 0; })) {
        const bool pin = addCashier->parsed() || setPinCmd->parsed();
        return refuseSecretOnCommandLine(
            pin ? "the PIN" : "the password",
            pin ? "printf '%s\\n' 2468 | store-admin add-cashier --outlet HZ-F01 --code 1001 "
                  "--name 王芳 --role cashier"
                : "printf '%s\\n' 'a-long-password' | store-admin add-user --username wang "
                  "--role regional --cities 杭州");
    }

    if (initCa->parsed()) {
        auto key = caKey(pkiDir, passphraseFile, true);
        if (!key)
            return fail(key.error());
        auto ca = pki::createCa(*key, caName);
        if (!ca)
            return fail(ca.error());
        std::cout << "created CA " << ca->subject << " in " << pkiDir << " (valid until "
                  << ca->notAfter
                  << "); its key is encrypted: keep it and its passphrase with head office's "
                     "administrator, not in the server's service directory\n";
        return 0;
    }
    std::optional<pki::CaKey> ca;
    if (serverCert->parsed() || issueCert->parsed() || demo->parsed()) {
        auto key = caKey(pkiDir, passphraseFile, false);
        if (!key)
            return fail(key.error());
        ca = std::move(key).value();
    }

    auto database = openServerDatabase(dbPath);
    if (!database)
        return fail(database.error());
    auto& db = database.value();

    if (serverCert->parsed()) {
        auto cert = pki::issueServerCertificate(*ca, serverOut.empty() ? pkiDir : serverOut, hosts,
                                                serverDays);
        if (!cert)
            return fail(cert.error());
        if (auto ok = recordCertificate(db, cert->serialHex, std::nullopt, "server", cert->subject,
                                        cert->notBefore, cert->notAfter);
            !ok)
            return fail(ok.error());
        std::cout << "issued server certificate " << cert->certPath << " serial " << cert->serialHex
                  << "\n";
    } else if (addOutletCmd->parsed()) {
        auto outletType = domain::parseOutletType(type);
        if (!outletType)
            return fail(outletType.error());
        if (outletByCode(db, code))
            return fail(makeError(ErrorCode::Conflict, "outlet " + code + " already exists"));
        outletDoc.code = code;
        outletDoc.name = name;
        outletDoc.type = std::string(domain::toString(*outletType));
        outletDoc.city = city;
        if (outletDoc.openedOn.empty())
            outletDoc.openedOn = today();
        if (auto saved = saveOutlet(db, outletDoc, today()); !saved)
            return fail(saved.error());
        std::cout << "added outlet " << code << " (" << domain::chineseName(*outletType) << ", "
                  << city << ")\n";
    } else if (importOutlets->parsed() || importCatalog->parsed() || importPrices->parsed() ||
               importPromotions->parsed() || importQuickKeys->parsed()) {
        auto text = readFile(file);
        if (!text)
            return fail(text.error());
        std::cout << "importing " << file << " ...\n";
        auto summary = importOutlets->parsed()     ? importOutletsCsv(db, *text, today())
                       : importCatalog->parsed()   ? importCatalogCsv(db, *text)
                       : importPrices->parsed()    ? importPriceOverridesCsv(db, *text)
                       : importQuickKeys->parsed() ? importQuickKeysCsv(db, *text)
                                                   : importPromotionsCsv(db, *text);
        if (!summary)
            return fail(summary.error());
        std::cout << "imported " << file << ": " << summary->added << " added, " << summary->updated
                  << " updated, " << summary->unchanged << " unchanged, " << summary->removed
                  << " removed, " << summary->typeChanges << " type change(s)\n";
    } else if (exportOutlets->parsed()) {
        const auto text = exportOutletsCsv(db);
        if (outFile.empty()) {
            std::cout << text;
        } else {
            std::ofstream out(outFile, std::ios::binary);
            out << text;
            if (!out)
                return fail(makeError(ErrorCode::Storage, "cannot write " + outFile));
            std::cerr << "wrote " << listOutlets(db).size() << " outlets to " << outFile << "\n";
        }
    } else if (rollUpCmd->parsed()) {
        db::Savepoint unit(db);
        const int rolled = rebuild ? rebuildAggregates(db) : rollUp(db);
        unit.release();
        std::cout << "rolled up " << rolled << " outlet-day(s)\n";
    } else if (rank->parsed()) {
        RankingConfig config;
        if (!rankingFile.empty()) {
            auto loaded = loadRankingConfig(rankingFile);
            if (!loaded)
                return fail(loaded.error());
            config = *loaded;
        }
        std::cout << "rolling up the aggregates ...\n";
        db::Savepoint unit(db);
        const int rolled = rollUp(db);
        std::cout << "computing the ranking of " << period << " ...\n";
        auto ranking =
            computeRanking(db, period, config, domain::isoUtc(std::chrono::system_clock::now()));
        if (!ranking)
            return fail(ranking.error());
        unit.release();
        printRanking(*ranking, top);
        const auto ranked = std::count_if(ranking->entries.begin(), ranking->entries.end(),
                                          [](const auto& e) { return e.rank.has_value(); });
        std::cout << "scored " << ranking->entries.size() << " outlets of " << period << ", "
                  << ranked << " ranked (" << rolled << " outlet-day(s) rolled up first)\n";
    } else if (figures->parsed()) {
        if (!domain::isDate(from) || !domain::isDate(to))
            return fail(makeError(ErrorCode::InvalidArgument, "give dates as YYYY-MM-DD"));
        db::Savepoint unit(db);
        rollUp(db);
        unit.release();
        const FigureScope scope{from, to, {}, {}, {}};
        for (const auto& t : byType(db, scope))
            std::cout << "  " << t.key << ": " << domain::Fen(t.figures.revenueFen).format() << ", "
                      << domain::Grams(t.figures.grams).formatTonnes() << " t, "
                      << t.figures.tickets << " tickets, " << t.figures.outlets << " outlets\n";
        const auto all = totals(db, scope);
        std::cout << "network " << from << " to " << to << ": sold "
                  << domain::Grams(all.grams).formatTonnes() << " tonnes for "
                  << domain::Fen(all.revenueFen).format() << "\n";
    } else if (issueCert->parsed()) {
        const auto outlet = outletByCode(db, code);
        if (!outlet)
            return fail(makeError(ErrorCode::NotFound,
                                  "no outlet " + code + ": add it first (store-admin add-outlet)"));
        auto cert = pki::issueOutletCertificate(*ca, outDir, code, days, terminal);
        if (!cert)
            return fail(cert.error());
        if (auto ok = recordCertificate(db, cert->serialHex, outlet->id, "outlet", cert->subject,
                                        cert->notBefore, cert->notAfter, terminal);
            !ok)
            return fail(ok.error());
        auto journalKey = provisionJournalKey(db, outlet->id, terminal, cert->keyPath);
        if (!journalKey)
            return fail(journalKey.error());
        std::cout << "issued " << cert->certPath << " for " << code << " terminal " << terminal
                  << " serial " << cert->serialHex << " valid until " << cert->notAfter
                  << "; journal key " << *journalKey << "\n";
    } else if (revoke->parsed()) {
        if (!revokeOutlet.empty()) {
            auto n = revokeOutletCertificates(db, revokeOutlet);
            if (!n)
                return fail(n.error());
            std::cout << "revoked " << *n << " certificate(s) of " << revokeOutlet << "\n";
        } else {
            if (!certFile.empty()) {
                auto s = pki::certificateSerial(certFile);
                if (!s)
                    return fail(s.error());
                serial = *s;
            }
            if (serial.empty())
                return fail(makeError(ErrorCode::InvalidArgument,
                                      "name the certificate: --serial, --cert or --outlet"));
            if (auto ok = revokeCertificate(db, serial); !ok)
                return fail(ok.error());
            std::cout << "revoked certificate " << serial << "\n";
        }
    } else if (addUserCmd->parsed()) {
        auto password = secretFromStdin("password", "printf '%s\\n' 'a-long-password' | "
                                                    "store-admin add-user ...");
        if (!password)
            return fail(password.error());
        if (auto ok = addUser(db, username, *password, role, cities); !ok)
            return fail(ok.error());
        std::cout << "added user " << username << " (" << role << ")\n";
    } else if (listUsersCmd->parsed()) {
        for (const auto& u : listUsers(db)) {
            std::string scope = u.role == "admin" ? "every city" : "";
            for (const auto& c : u.cities)
                scope += (scope.empty() ? "" : ",") + c;
            std::cout << u.username << "\t" << u.role << "\t" << (scope.empty() ? "no city" : scope)
                      << (u.disabled ? "\tdisabled" : "") << "\n";
        }
    } else if (disableUserCmd->parsed() || enableUserCmd->parsed()) {
        const bool disabling = disableUserCmd->parsed();
        if (auto ok = setUserDisabled(db, username, disabling); !ok)
            return fail(ok.error());
        std::cout << (disabling ? "disabled user " + username + "; their sessions ended"
                                : "enabled user " + username)
                  << "\n";
    } else if (removeUserCmd->parsed()) {
        if (auto ok = removeUser(db, username); !ok)
            return fail(ok.error());
        std::cout << "removed user " << username << "; their sessions ended\n";
    } else if (setPasswordCmd->parsed()) {
        auto password = secretFromStdin("new password", "printf '%s\\n' 'a-long-password' | "
                                                        "store-admin set-password --username " +
                                                            username);
        if (!password)
            return fail(password.error());
        if (auto ok = setPassword(db, username, *password); !ok)
            return fail(ok.error());
        std::cout << "new password for " << username << "; their sessions ended\n";
    } else if (listCashiersCmd->parsed()) {
        auto cashiers = listCashiers(db, code);
        if (!cashiers)
            return fail(cashiers.error());
        for (const auto& c : *cashiers)
            std::cout << c.code << "\t" << c.name << "\t" << c.role
                      << (c.active ? "" : "\tdisabled") << "\n";
    } else if (disableCashierCmd->parsed() || enableCashierCmd->parsed()) {
        const bool disabling = disableCashierCmd->parsed();
        if (auto ok = setCashierActive(db, code, username, !disabling); !ok)
            return fail(ok.error());
        std::cout << (disabling ? "disabled" : "enabled") << " cashier " << username << " of "
                  << code << " (tills take it at their next sync)\n";
    } else if (removeCashierCmd->parsed()) {
        if (auto ok = removeCashier(db, code, username); !ok)
            return fail(ok.error());
        std::cout << "removed cashier " << username << " of " << code
                  << " (tills refuse them after their next sync)\n";
    } else if (setPinCmd->parsed()) {
        auto pin = secretFromStdin("new PIN", "printf '%s\\n' 2468 | store-admin set-pin "
                                              "--outlet " +
                                                  code + " --code " + username);
        if (!pin)
            return fail(pin.error());
        if (auto ok = setCashierPin(db, code, username, *pin); !ok)
            return fail(ok.error());
        std::cout << "new PIN for cashier " << username << " of " << code
                  << " (tills take it at their next sync)\n";
    } else if (cashRoundingCmd->parsed()) {
        if (auto ok = setCashRounding(db, type, rounding); !ok)
            return fail(ok.error());
        std::cout << "cash payments at " << type << " outlets are rounded to: " << rounding
                  << " (tills take it at their next sync)\n";
    } else if (addProduct->parsed()) {
        auto fen = domain::Fen::parse(price);
        if (!fen)
            return fail(fen.error());
        product.priceFen = fen->value();
        if (auto ok = upsertProduct(db, product); !ok)
            return fail(ok.error());
        std::cout << "saved product " << product.sku << "\n";
    } else if (backupCmd->parsed() || restoreCmd->parsed()) {
        const bool backingUp = backupCmd->parsed();
        int shown = -1;
        const auto progress = [&](int copied, int total) {
            const int percent = total > 0 ? static_cast<int>(100LL * copied / total) : 100;
            if (percent / 10 != shown / 10 || copied == total) {
                shown = percent;
                std::cerr << (backingUp ? "backing up: " : "restoring: ") << copied << " of "
                          << total << " pages (" << percent << "%)\n";
            }
        };
        const auto started = std::chrono::steady_clock::now();
        auto done = backingUp ? db::backupDatabase(db, backupFile, progress)
                              : db::restoreDatabase(backupFile, db, "sale", progress);
        if (!done)
            return fail(done.error());
        const auto seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const auto sales = db.execAndGet("SELECT count(*) FROM sale").getInt64();
        const auto outlets = db.execAndGet("SELECT count(*) FROM outlet").getInt64();
        std::cout << (backingUp ? "backed up " + dbPath + " to " + backupFile
                                : "restored " + dbPath + " from " + backupFile)
                  << ": " << outlets << " outlets, " << sales << " sales, integrity ok ("
                  << static_cast<int>(seconds * 1000) << " ms)\n";
    } else if (demo->parsed()) {
        if (auto ok = buildDemoNetwork(db, *ca, outDir, demoOutlets, demoMonths); !ok)
            return fail(ok.error());
    } else if (addCashier->parsed()) {
        auto pin = secretFromStdin("PIN", "printf '%s\\n' 2468 | store-admin add-cashier ...");
        if (!pin)
            return fail(pin.error());
        if (auto ok = upsertCashier(db, code, username, name, role, *pin); !ok)
            return fail(ok.error());
        std::cout << "saved cashier " << username << " of " << code << "\n";
    }
    return 0;
}
