#pragma once
// The head-office API: /v1/session (log in and out) and /v1/office/... for the manager console.
// Every /v1/office/ request carries "Authorization: Bearer <token>"; scopes are enforced here:
// a regional manager reads and writes only outlets of their cities, imports and ranking runs
// are for admins. Internal to baidian::net.

#include "baidian/server/metrics.h"
#include "baidian/server/ranking.h"
#include "http_util.h"
#include "login_guard.h"

#include <SQLiteCpp/Database.h>
#include <chrono>
#include <functional>

namespace baidian::server {

struct OfficeContext {
    GroupCommitWriter& writer;
    /// The calling thread's read connection (call again after every co_await: a coroutine may
    /// resume on another thread).
    std::function<SQLite::Database&()> readDb;
    std::function<std::chrono::system_clock::time_point()> clock;
    RankingConfig ranking;
    /// Logins: failures counted per username and per `clientAddress`, argon2 on `passwords`.
    LoginThrottle& throttle;
    PasswordPool& passwords;
    std::string clientAddress;
    Metrics& metrics;
};

bool isOfficePath(std::string_view path);
/// The CSV imports (POST, admins only): bodies up to protocol::kMaxBodyBytes.
bool isOfficeImportPath(std::string_view path);

asio::awaitable<Response> handleOffice(Request req, const OfficeContext& ctx);

} // namespace baidian::server
