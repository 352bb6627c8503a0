#pragma once
// Manager and admin logins: a password checked against its argon2id hash gives a random bearer
// token valid for a working day; only the token's SHA-256 is stored. Scopes are decided by role:
// an admin sees the whole network, a regional manager exactly the outlets of their cities (none
// when the list is empty), anybody else nothing.

#include "baidian/domain/result.h"
#include "baidian/protocol/office.h"

#include <SQLiteCpp/Database.h>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace baidian::server {

inline constexpr std::chrono::hours kSessionLifetime{12};

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string role;                ///< admin, regional
    std::vector<std::string> cities; ///< a regional manager's; an admin's are ignored

    bool isAdmin() const { return role == "admin"; }
    /// Whether this user may see an outlet in `city`.
    bool covers(const std::string& city) const;
    /// The cities this user's queries are limited to: nullopt (every city) for an admin only;
    /// a regional manager's cities, which may be none; none for any other role.
    std::optional<std::vector<std::string>> scope() const;
};

/// Checks a username and password (read-only; argon2id takes tens of milliseconds). Errors:
/// Unauthorized with one message for an unknown user and a wrong password. An unknown or
/// disabled user costs the same one argon2id check (against dummyPasswordHash()).
Result<User> checkPassword(SQLite::Database& db, const std::string& username,
                           const std::string& password);

/// A user who may log in (enabled) and their stored password hash, without checking anything
/// (a read, no argon2): the server looks a login up on its I/O thread and runs the check on
/// its password pool.
struct LoginCandidate {
    User user;
    std::string passwordHash;
};
std::optional<LoginCandidate> findLoginCandidate(SQLite::Database& db, const std::string& username);

/// An argon2id hash (made once, with the parameters of every stored hash) that no password is
/// checked true against in practice: unknown and disabled users are checked against it, so that
/// they cost exactly what a known user costs and names cannot be probed by timing.
const std::string& dummyPasswordHash();

/// Opens a session for a checked user, inside the caller's transaction. Returns the token.
protocol::SessionDoc openSession(SQLite::Database& db, const User& user,
                                 std::chrono::system_clock::time_point now);

/// The user behind a bearer token, if the session exists and has not expired.
std::optional<User> sessionUser(SQLite::Database& db, const std::string& token,
                                std::chrono::system_clock::time_point now);

/// Ends every session of a user at once (disabled, removed or given a new password): the next
/// request with one of their tokens is refused. Returns how many ended.
int endSessions(SQLite::Database& db, std::int64_t userId);

/// Ends a session (and drops expired ones).
void closeSession(SQLite::Database& db, const std::string& token,
                  std::chrono::system_clock::time_point now);

} // namespace baidian::server
