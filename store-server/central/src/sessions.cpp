#include "baidian/server/sessions.h"

#include "baidian/crypto/hash_chain.h"
#include "baidian/crypto/secrets.h"
#include "baidian/domain/time.h"

#include <SQLiteCpp/Statement.h>
#include <algorithm>

namespace baidian::server {

namespace {

std::vector<std::string> splitCities(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at <= text.size()) {
        const auto end = std::min(text.find(',', at), text.size());
        if (end > at)
            out.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

User readUser(SQLite::Statement& q) {
    return User{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                splitCities(q.getColumn(3).getString())};
}

} // namespace

bool User::covers(const std::string& city) const {
    const auto within = scope();
    return !within || std::find(within->begin(), within->end(), city) != within->end();
}

std::optional<std::vector<std::string>> User::scope() const {
    if (isAdmin())
        return std::nullopt;
    if (role == "regional")
        return cities;
    return std::vector<std::string>{};
}

const std::string& dummyPasswordHash() {
    static const std::string hash = crypto::hashSecret(crypto::randomHex(32));
    return hash;
}

std::optional<LoginCandidate> findLoginCandidate(SQLite::Database& db,
                                                 const std::string& username) {
    SQLite::Statement q(db, "SELECT id, username, role, cities, password_hash FROM app_user "
                            "WHERE username = ? AND disabled_at IS NULL");
    q.bind(1, username);
    if (!q.executeStep())
        return std::nullopt;
    return LoginCandidate{readUser(q), q.getColumn(4).getString()};
}

Result<User> checkPassword(SQLite::Database& db, const std::string& username,
                           const std::string& password) {
    const auto refused = makeError(ErrorCode::Unauthorized, "wrong username or password");
    auto candidate = findLoginCandidate(db, username);
    // Unknown or disabled: the same one check as a real user's, against a hash that matches
    // nothing, so that names cannot be probed by timing.
    const bool matches =
        crypto::verifySecret(candidate ? candidate->passwordHash : dummyPasswordHash(), password);
    if (!candidate || !matches)
        return refused;
    return std::move(candidate->user);
}

protocol::SessionDoc openSession(SQLite::Database& db, const User& user,
                                 std::chrono::system_clock::time_point now) {
    const auto token = crypto::randomHex(32);
    const auto expires = domain::isoUtc(now + kSessionLifetime);
    SQLite::Statement q(db, "INSERT INTO user_session(token_hash, user_id, created_at, expires_at) "
                            "VALUES (?,?,?,?)");
    q.bind(1, crypto::sha256Hex(token));
    q.bind(2, user.id);
    q.bind(3, domain::isoUtc(now));
    q.bind(4, expires);
    q.exec();
    return {token, user.username, user.role, user.cities, expires};
}

std::optional<User> sessionUser(SQLite::Database& db, const std::string& token,
                                std::chrono::system_clock::time_point now) {
    if (token.size() != 64)
        return std::nullopt;
    SQLite::Statement q(db,
                        "SELECT u.id, u.username, u.role, u.cities FROM user_session s "
                        "JOIN app_user u ON u.id = s.user_id "
                        "WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL");
    q.bind(1, crypto::sha256Hex(token));
    q.bind(2, domain::isoUtc(now));
    if (!q.executeStep())
        return std::nullopt;
    return readUser(q);
}

int endSessions(SQLite::Database& db, std::int64_t userId) {
    SQLite::Statement q(db, "DELETE FROM user_session WHERE user_id = ?");
    q.bind(1, userId);
    return q.exec();
}

void closeSession(SQLite::Database& db, const std::string& token,
                  std::chrono::system_clock::time_point now) {
    SQLite::Statement q(db, "DELETE FROM user_session WHERE token_hash = ? OR expires_at <= ?");
    q.bind(1, crypto::sha256Hex(token));
    q.bind(2, domain::isoUtc(now));
    q.exec();
}

} // namespace baidian::server
