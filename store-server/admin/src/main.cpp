// store-admin: runs the network's CA and the central registry from the command line.
#include "baidian/domain/money.h"
#include "baidian/server/central.h"
#include "baidian/server/pki.h"

#include <CLI/CLI.hpp>
#include <iostream>

using namespace baidian;
using namespace baidian::server;

namespace {

int fail(const Error& error) {
    std::cerr << "store-admin: " << error.message << "\n";
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "store-admin: the Baidian network's certificate authority, outlets, users and catalog"};
    app.require_subcommand(1);
    std::string dbPath = "server.db";
    std::string pkiDir = "pki";
    app.add_option("--db", dbPath, "central database file")->envname("BAIDIAN_DB");
    app.add_option("--pki", pkiDir, "directory holding ca.key and ca.crt")->envname("BAIDIAN_PKI");

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

    auto* issueCert =
        app.add_subcommand("issue-cert", "issue (or renew) an outlet's client certificate");
    std::string outDir;
    int days = 90;
    issueCert->add_option("--outlet", code, "outlet code")->required();
    issueCert->add_option("--out", outDir, "directory for <code>.key, <code>.crt and ca.crt")
        ->required();
    issueCert->add_option("--days", days, "lifetime in days (1-397)");

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
    addUserCmd->add_option("--cities", cities, "cities a regional manager covers, comma-separated");

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

    auto* addCashier = app.add_subcommand("add-cashier", "add or update an outlet's cashier");
    std::string pin;
    addCashier->add_option("--outlet", code)->required();
    addCashier->add_option("--code", username, "cashier code")->required();
    addCashier->add_option("--name", name)->required();
    addCashier->add_option("--role", role, "cashier, supervisor or manager")->required();
    addCashier->add_option("--pin", pin, "4-8 digits")->required();

    CLI11_PARSE(app, argc, argv);

    if (initCa->parsed()) {
        auto ca = pki::createCa(pkiDir, caName);
        if (!ca)
            return fail(ca.error());
        std::cout << "created CA " << ca->subject << " in " << pkiDir << " (valid until "
                  << ca->notAfter << ")\n";
        return 0;
    }

    auto database = openServerDatabase(dbPath);
    if (!database)
        return fail(database.error());
    auto& db = database.value();

    if (serverCert->parsed()) {
        auto cert = pki::issueServerCertificate(pkiDir, serverOut.empty() ? pkiDir : serverOut,
                                                hosts, serverDays);
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
        auto id = server::addOutlet(db, domain::Outlet{{}, code, name, *outletType, city});
        if (!id)
            return fail(id.error());
        std::cout << "added outlet " << code << " (" << domain::chineseName(*outletType) << ", "
                  << city << ")\n";
    } else if (issueCert->parsed()) {
        const auto outlet = outletByCode(db, code);
        if (!outlet)
            return fail(makeError(ErrorCode::NotFound,
                                  "no outlet " + code + ": add it first (store-admin add-outlet)"));
        auto cert = pki::issueOutletCertificate(pkiDir, outDir, code, days);
        if (!cert)
            return fail(cert.error());
        if (auto ok = recordCertificate(db, cert->serialHex, outlet->id, "outlet", cert->subject,
                                        cert->notBefore, cert->notAfter);
            !ok)
            return fail(ok.error());
        std::cout << "issued " << cert->certPath << " for " << code << " serial " << cert->serialHex
                  << " valid until " << cert->notAfter << "\n";
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
        std::string password;
        std::getline(std::cin, password);
        if (auto ok = addUser(db, username, password, role, cities); !ok)
            return fail(ok.error());
        std::cout << "added user " << username << " (" << role << ")\n";
    } else if (addProduct->parsed()) {
        auto fen = domain::Fen::parse(price);
        if (!fen)
            return fail(fen.error());
        product.priceFen = fen->value();
        if (auto ok = upsertProduct(db, product); !ok)
            return fail(ok.error());
        std::cout << "saved product " << product.sku << "\n";
    } else if (addCashier->parsed()) {
        if (auto ok = upsertCashier(db, code, username, name, role, pin); !ok)
            return fail(ok.error());
        std::cout << "saved cashier " << username << " of " << code << "\n";
    }
    return 0;
}
