// add-user, list-users, disable-user, enable-user, remove-user and set-password: head office's
// manager users. Passwords come from standard input, never from the command line.
#include "baidian/server/central.h"
#include "baidian/server/people.h"
#include "commands.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

namespace baidian::admin {

using namespace baidian::server;

namespace {

struct UserFlags {
    std::string username, role, cities;
    std::string secretFlag;          ///< --password, refused
    CLI::Option* password = nullptr; ///< the refused --password of this subcommand
};

int refusePassword() {
    return refuseSecretOnCommandLine(
        "the password", "printf '%s\\n' 'a-long-password' | store-admin add-user --username wang "
                        "--role regional --cities 杭州");
}

int addUserWithPassword(SQLite::Database& db, const UserFlags& flags) {
    auto password = secretFromStdin("password", "printf '%s\\n' 'a-long-password' | "
                                                "store-admin add-user ...");
    if (!password)
        return fail(password.error());
    if (auto ok = addUser(db, flags.username, *password, flags.role, flags.cities); !ok)
        return fail(ok.error());
    std::cout << "added user " << flags.username << " (" << flags.role << ")\n";
    return 0;
}

int listManagerUsers(SQLite::Database& db) {
    for (const auto& u : listUsers(db)) {
        std::string scope = u.role == "admin" ? "every city" : "";
        for (const auto& c : u.cities)
            scope += (scope.empty() ? "" : ",") + c;
        std::cout << u.username << "\t" << u.role << "\t" << (scope.empty() ? "no city" : scope)
                  << (u.disabled ? "\tdisabled" : "") << "\n";
    }
    return 0;
}

int disableUser(SQLite::Database& db, const std::string& username, bool disabling) {
    if (auto ok = setUserDisabled(db, username, disabling); !ok)
        return fail(ok.error());
    std::cout << (disabling ? "disabled user " + username + "; their sessions ended"
                            : "enabled user " + username)
              << "\n";
    return 0;
}

int removeManagerUser(SQLite::Database& db, const std::string& username) {
    if (auto ok = removeUser(db, username); !ok)
        return fail(ok.error());
    std::cout << "removed user " << username << "; their sessions ended\n";
    return 0;
}

int setNewPassword(SQLite::Database& db, const std::string& username) {
    auto password = secretFromStdin("new password", "printf '%s\\n' 'a-long-password' | "
                                                    "store-admin set-password --username " +
                                                        username);
    if (!password)
        return fail(password.error());
    if (auto ok = setPassword(db, username, *password); !ok)
        return fail(ok.error());
    std::cout << "new password for " << username << "; their sessions ended\n";
    return 0;
}

/// A handler that refuses a --password given on the command line, else runs `run` on the
/// database.
Handler userHandler(CLI::App* command, std::shared_ptr<UserFlags> flags,
                    int (*run)(SQLite::Database&, const UserFlags&)) {
    return {command, [flags, run](const Session& s) {
                if (flags->password && secretOnCommandLine({flags->password}))
                    return refusePassword();
                return s.withDatabase([&](SQLite::Database& db) { return run(db, *flags); });
            }};
}

} // namespace

void addUserCommands(CLI::App& app, Handlers& handlers) {
    auto* add = app.add_subcommand(
        "add-user", "create a manager user; the password is read from standard input");
    auto adding = std::make_shared<UserFlags>();
    add->add_option("--username", adding->username, "login name")->required();
    add->add_option("--role", adding->role, "admin or regional")->required();
    add->add_option("--cities", adding->cities,
                    "cities a regional manager covers, comma-separated; each must be the "
                    "city of a registered outlet (an admin has none: every city)");
    adding->password = refuseSecretFlag(add, "--password", adding->secretFlag);
    handlers.push_back(userHandler(add, adding, addUserWithPassword));

    auto* list =
        app.add_subcommand("list-users", "list the manager users: role, cities, disabled or not");
    handlers.push_back(
        userHandler(list, std::make_shared<UserFlags>(),
                    [](SQLite::Database& db, const UserFlags&) { return listManagerUsers(db); }));

    auto* disable =
        app.add_subcommand("disable-user", "stop a user logging in; their sessions end at once");
    auto* enable = app.add_subcommand("enable-user", "let a disabled user log in again");
    auto* remove = app.add_subcommand("remove-user", "remove a user; their sessions end at once");
    auto* password = app.add_subcommand(
        "set-password",
        "give a user a new password, read from standard input; their sessions end at once");
    auto named = std::make_shared<UserFlags>();
    for (auto* command : {disable, enable, remove, password})
        command->add_option("--username", named->username, "login name")->required();
    named->password = refuseSecretFlag(password, "--password", named->secretFlag);
    handlers.push_back(userHandler(disable, named, [](SQLite::Database& db, const UserFlags& f) {
        return disableUser(db, f.username, true);
    }));
    handlers.push_back(userHandler(enable, named, [](SQLite::Database& db, const UserFlags& f) {
        return disableUser(db, f.username, false);
    }));
    handlers.push_back(userHandler(remove, named, [](SQLite::Database& db, const UserFlags& f) {
        return removeManagerUser(db, f.username);
    }));
    handlers.push_back(userHandler(password, named, [](SQLite::Database& db, const UserFlags& f) {
        return setNewPassword(db, f.username);
    }));
}

} // namespace baidian::admin
