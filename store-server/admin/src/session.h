#pragma once
// What every store-admin subcommand shares: the global flags (--db, --pki,
// --ca-passphrase-file), the clock, how a failure is reported, and how the CA key and the
// central database are reached. One Session per run; not thread-safe.

#include "baidian/domain/clock.h"
#include "baidian/domain/result.h"
#include "baidian/pki/pki.h"

#include <SQLiteCpp/Database.h>
#include <functional>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace baidian::admin {

/// The flags given before the subcommand.
struct GlobalOptions {
    std::string dbPath = "server.db";
    std::string pkiDir = "pki";
    std::string passphraseFile;
};

/// Prints "store-admin: <message>" on standard error; returns the exit code 1.
int fail(const Error& error);

/// The whole of a file. Errors: Storage when it cannot be read.
Result<std::string> readFile(const std::string& path);

class Session {
public:
    Session(const GlobalOptions& options, const domain::Clock& clock)
        : m_options(options)
        , m_clock(clock) {}

    const GlobalOptions& options() const { return m_options; }
    const domain::Clock& clock() const { return m_clock; }
    /// Today's business date by the session's clock.
    std::string today() const;

    /// Opens the central database (--db) and runs `run` on it; a database that does not open
    /// is reported (exit code 1) and `run` is not called. Returns run's exit code.
    int withDatabase(const std::function<int(SQLite::Database&)>& run) const;
    /// As withDatabase, after reading the CA key (caKey: the key first, then the database).
    int
    withCaAndDatabase(const std::function<int(const pki::CaKey&, SQLite::Database&)>& run) const;

    /// Where the CA key's passphrase comes from: the file named by --ca-passphrase-file, else
    /// the environment variable BAIDIAN_CA_PASSPHRASE, else standard input (asked for on a
    /// terminal, twice when a CA is being created). A CA whose key was never encrypted needs
    /// none (a warning says how to encrypt it).
    Result<pki::CaKey> caKey(bool creating) const;

private:
    const GlobalOptions& m_options;
    const domain::Clock& m_clock;
};

/// A subcommand and what it does once parsed; returns the process's exit code.
struct Handler {
    CLI::App* command;
    std::function<int(const Session&)> run;
};
using Handlers = std::vector<Handler>;

/// A secret flag of old (--pin 2468): refused, since everybody on the machine sees the command
/// line. The option is hidden; secretOnCommandLine tells whether it was given.
CLI::Option* refuseSecretFlag(CLI::App* command, const std::string& flag, std::string& sink);
bool secretOnCommandLine(const std::vector<CLI::Option*>& flags);
/// The refusal of a secret given on the command line; `example` shows how to give it on
/// standard input instead. Returns the exit code 2.
int refuseSecretOnCommandLine(const std::string& flag, const std::string& example);

/// Reads a password or PIN from standard input (asked for without echo on a terminal).
Result<std::string> secretFromStdin(const std::string& what, const std::string& example);

} // namespace baidian::admin
