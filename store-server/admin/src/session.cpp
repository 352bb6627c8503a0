#include "session.h"

#include "baidian/domain/time.h"
#include "baidian/server/central.h"
#include "secret_input.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace baidian::admin {

int fail(const Error& error) {
    std::cerr << "store-admin: " << error.message << "\n";
    return 1;
}

Result<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError(ErrorCode::Storage, "cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string Session::today() const {
    return domain::businessDate(m_clock.now());
}

int Session::withDatabase(const std::function<int(SQLite::Database&)>& run) const {
    auto database = server::openServerDatabase(m_options.dbPath);
    if (!database)
        return fail(database.error());
    return run(database.value());
}

int Session::withCaAndDatabase(
    const std::function<int(const pki::CaKey&, SQLite::Database&)>& run) const {
    auto ca = caKey(false);
    if (!ca)
        return fail(ca.error());
    return withDatabase([&](SQLite::Database& db) { return run(*ca, db); });
}

Result<pki::CaKey> Session::caKey(bool creating) const {
    const std::string& pkiDir = m_options.pkiDir;
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
    if (!m_options.passphraseFile.empty()) {
        auto read = readSecretFile(m_options.passphraseFile);
        if (!read)
            return read.error();
        ca.passphrase = std::move(read).value();
    } else if (const char* env = std::getenv("BAIDIAN_CA_PASSPHRASE"); env && *env) {
        ca.passphrase = env;
    } else {
        auto read = readSecretLine(
            creating ? "passphrase for the new CA key: " : "CA key passphrase: ", how);
        if (!read)
            return read.error();
        ca.passphrase = std::move(read).value();
        if (creating && ::isatty(STDIN_FILENO) == 1) {
            auto again = readSecretLine("the same passphrase again: ", how);
            if (!again || *again != ca.passphrase)
                return makeError(ErrorCode::InvalidArgument,
                                 "the two passphrases differ; nothing was created");
        }
    }
    return ca;
}

CLI::Option* refuseSecretFlag(CLI::App* command, const std::string& flag, std::string& sink) {
    return command->add_option(flag, sink)->group(""); // hidden: only there to be refused
}

bool secretOnCommandLine(const std::vector<CLI::Option*>& flags) {
    return std::any_of(flags.begin(), flags.end(),
                       [](const CLI::Option* o) { return o->count() > 0; });
}

int refuseSecretOnCommandLine(const std::string& flag, const std::string& example) {
    std::cerr << "store-admin: " << flag
              << " is not taken on the command line (other users of the machine see it in ps): "
                 "give it on standard input, e.g. "
              << example << "\n";
    return 2;
}

Result<std::string> secretFromStdin(const std::string& what, const std::string& example) {
    return readSecretLine(what + ": ", "give the " + what + " on standard input, e.g. " + example);
}

} // namespace baidian::admin
