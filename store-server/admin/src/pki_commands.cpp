// init-ca, server-cert, issue-cert and revoke: the network's CA and the certificates it issues.
#include "baidian/crypto/journal_key.h"
#include "baidian/domain/time.h"
#include "baidian/server/central.h"
#include "baidian/server/registry.h"
#include "baidian/server/terminal_keys.h"
#include "commands.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sys/stat.h>

namespace baidian::admin {

using namespace baidian::server;

Result<std::string> provisionJournalKey(SQLite::Database& db, std::int64_t outletId, int terminal,
                                        const std::string& keyPath, const std::string& now) {
    auto key = ensureTerminalKey(db, outletId, terminal, now);
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

namespace {

int initCa(const Session& session, const std::string& caName) {
    auto key = session.caKey(true);
    if (!key)
        return fail(key.error());
    auto ca = pki::createCa(*key, caName);
    if (!ca)
        return fail(ca.error());
    std::cout << "created CA " << ca->subject << " in " << session.options().pkiDir
              << " (valid until " << ca->notAfter
              << "); its key is encrypted: keep it and its passphrase with head office's "
                 "administrator, not in the server's service directory\n";
    return 0;
}

struct ServerCertFlags {
    std::vector<std::string> hosts;
    int days = 397;
    std::string out;
};

int serverCert(const Session& session, const ServerCertFlags& flags) {
    return session.withCaAndDatabase([&](const pki::CaKey& ca, SQLite::Database& db) {
        auto cert = pki::issueServerCertificate(
            ca, flags.out.empty() ? session.options().pkiDir : flags.out, flags.hosts, flags.days);
        if (!cert)
            return fail(cert.error());
        if (auto ok = recordCertificate(db, cert->serialHex, std::nullopt, "server", cert->subject,
                                        cert->notBefore, cert->notAfter);
            !ok)
            return fail(ok.error());
        std::cout << "issued server certificate " << cert->certPath << " serial " << cert->serialHex
                  << "\n";
        return 0;
    });
}

struct IssueCertFlags {
    std::string outlet;
    std::string outDir;
    int days = 90;
    int terminal = 1;
};

int issueCert(const Session& session, const IssueCertFlags& flags) {
    return session.withCaAndDatabase([&](const pki::CaKey& ca, SQLite::Database& db) {
        const auto& code = flags.outlet;
        const auto outlet = outletByCode(db, code);
        if (!outlet)
            return fail(makeError(ErrorCode::NotFound,
                                  "no outlet " + code + ": add it first (store-admin add-outlet)"));
        auto cert = pki::issueOutletCertificate(ca, flags.outDir, code, flags.days, flags.terminal);
        if (!cert)
            return fail(cert.error());
        if (auto ok = recordCertificate(db, cert->serialHex, outlet->id, "outlet", cert->subject,
                                        cert->notBefore, cert->notAfter, flags.terminal);
            !ok)
            return fail(ok.error());
        auto journalKey = provisionJournalKey(db, outlet->id, flags.terminal, cert->keyPath,
                                              domain::isoUtc(session.clock().now()));
        if (!journalKey)
            return fail(journalKey.error());
        std::cout << "issued " << cert->certPath << " for " << code << " terminal "
                  << flags.terminal << " serial " << cert->serialHex << " valid until "
                  << cert->notAfter << "; journal key " << *journalKey << "\n";
        return 0;
    });
}

struct RevokeFlags {
    std::string serial, certFile, outlet;
};

int revoke(SQLite::Database& db, RevokeFlags flags) {
    if (!flags.outlet.empty()) {
        auto n = revokeOutletCertificates(db, flags.outlet);
        if (!n)
            return fail(n.error());
        std::cout << "revoked " << *n << " certificate(s) of " << flags.outlet << "\n";
        return 0;
    }
    if (!flags.certFile.empty()) {
        auto s = pki::certificateSerial(flags.certFile);
        if (!s)
            return fail(s.error());
        flags.serial = *s;
    }
    if (flags.serial.empty())
        return fail(makeError(ErrorCode::InvalidArgument,
                              "name the certificate: --serial, --cert or --outlet"));
    if (auto ok = revokeCertificate(db, flags.serial); !ok)
        return fail(ok.error());
    std::cout << "revoked certificate " << flags.serial << "\n";
    return 0;
}

} // namespace

void addCaCommands(CLI::App& app, Handlers& handlers) {
    auto* init = app.add_subcommand("init-ca", "create the network's CA (never overwrites one)");
    auto caName = std::make_shared<std::string>("Baidian Network CA");
    init->add_option("--name", *caName, "the CA's common name");
    handlers.push_back({init, [caName](const Session& s) { return initCa(s, *caName); }});

    auto* server = app.add_subcommand("server-cert", "issue the server's TLS certificate");
    auto flags = std::make_shared<ServerCertFlags>();
    server
        ->add_option("--host", flags->hosts,
                     "DNS name or IP address the server is reached by (repeat)")
        ->required();
    server->add_option("--days", flags->days, "lifetime in days");
    server->add_option("--out", flags->out,
                       "directory for server.key and server.crt (default: --pki)");
    handlers.push_back({server, [flags](const Session& s) { return serverCert(s, *flags); }});
}

void addCertificateCommands(CLI::App& app, Handlers& handlers) {
    auto* issue =
        app.add_subcommand("issue-cert", "issue (or renew) an outlet's client certificate");
    auto flags = std::make_shared<IssueCertFlags>();
    issue->add_option("--outlet", flags->outlet, "outlet code")->required();
    issue
        ->add_option("--out", flags->outDir,
                     "directory for <code>.key, <code>.crt, <code>.journal-key and ca.crt")
        ->required();
    issue->add_option("--days", flags->days, "lifetime in days (1-397)");
    issue
        ->add_option(
            "--terminal", flags->terminal,
            "the till (1-99) the certificate is for; the server refuses its records of any "
            "other terminal. Files <code>.crt/.key for terminal 1, <code>-t<N> otherwise")
        ->check(CLI::Range(1, 99));
    handlers.push_back({issue, [flags](const Session& s) { return issueCert(s, *flags); }});

    auto* revokeCmd = app.add_subcommand(
        "revoke", "revoke certificates; the server refuses them at the next handshake");
    auto which = std::make_shared<RevokeFlags>();
    auto* bySerial = revokeCmd->add_option("--serial", which->serial, "certificate serial (hex)");
    auto* byFile = revokeCmd->add_option("--cert", which->certFile, "certificate file");
    auto* byOutlet =
        revokeCmd->add_option("--outlet", which->outlet, "every certificate of this outlet");
    bySerial->excludes(byFile)->excludes(byOutlet);
    byFile->excludes(byOutlet);
    handlers.push_back({revokeCmd, [which](const Session& s) {
                            return s.withDatabase(
                                [&](SQLite::Database& db) { return revoke(db, *which); });
                        }});
}

} // namespace baidian::admin
