#include "office_routes.h"

#include "baidian/crypto/secrets.h"
#include "baidian/domain/outlet.h"
#include "baidian/domain/time.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/catalog.h"
#include "baidian/server/central.h"
#include "baidian/server/ingest.h"
#include "baidian/server/registry.h"
#include "baidian/server/sessions.h"
#include "log.h"

#include <array>

namespace baidian::server {

namespace {

using Clock = std::chrono::system_clock;

std::string bearerToken(const Request& req) {
    const auto header = req[http::field::authorization];
    constexpr std::string_view kBearer = "Bearer ";
    if (!header.starts_with(kBearer))
        return {};
    return std::string(header.substr(kBearer.size()));
}

/// The period a figures query covers: from/to dates, by default the last 30 days to yesterday.
std::optional<FigureScope> scopeOf(std::map<std::string, std::string>& query, const User& user,
                                   Clock::time_point now) {
    FigureScope scope;
    const auto yesterday = domain::addDays(domain::businessDate(now), -1);
    scope.to = query["to"].empty() ? yesterday : query["to"];
    scope.from = query["from"].empty() ? domain::addDays(scope.to, -29) : query["from"];
    if (!domain::isDate(scope.from) || !domain::isDate(scope.to) || scope.from > scope.to ||
        domain::daysBetween(scope.from, scope.to) > 3660)
        return std::nullopt;
    scope.type = query["type"];
    // The user's scope (every city for an admin only, exactly a regional manager's cities,
    // possibly none), narrowed to the city asked for; a city outside it matches nothing.
    scope.cities = user.scope();
    if (const auto& city = query["city"]; !city.empty())
        scope.cities =
            user.covers(city) ? std::vector<std::string>{city} : std::vector<std::string>{};
    return scope;
}

/// Completes with (checked, matches): checked is false when the password pool's queue is full
/// (nothing was checked). The check runs on a pool thread; the caller resumes on its own
/// executor, never on the pool's.
template <typename Token>
auto asyncVerify(PasswordPool& pool, std::string hash, std::string password, Token&& token) {
    return asio::async_initiate<Token, void(bool, bool)>(
        [&pool](auto handler, std::string encoded, std::string secret) {
            auto guard = std::make_shared<
                asio::executor_work_guard<asio::associated_executor_t<decltype(handler)>>>(
                asio::make_work_guard(asio::get_associated_executor(handler)));
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            auto finish = [shared, guard](bool checked, bool matches) {
                asio::post(guard->get_executor(), [shared, guard, checked, matches]() mutable {
                    (*shared)(checked, matches);
                    guard->reset();
                });
            };
            const bool queued =
                pool.tryPost([finish, encoded = std::move(encoded), secret = std::move(secret)] {
                    bool matches = false;
                    try {
                        matches = crypto::verifySecret(encoded, secret);
                    } catch (const std::exception&) {
                        matches = false; // out of memory: refused like a wrong password
                    }
                    finish(true, matches);
                });
            if (!queued)
                finish(false, false);
        },
        token, std::move(hash), std::move(password));
}

/// A login admitted by the throttle: reported as failed, succeeded or (by default, when the
/// coroutine ends any other way) abandoned.
class LoginAttempt {
public:
    LoginAttempt(LoginThrottle& throttle, std::string user, std::string address)
        : m_throttle(throttle)
        , m_user(std::move(user))
        , m_address(std::move(address)) {}
    LoginAttempt(const LoginAttempt&) = delete;
    LoginAttempt& operator=(const LoginAttempt&) = delete;
    ~LoginAttempt() {
        if (!m_reported)
            m_throttle.abandoned(m_user, m_address);
    }
    void failed() {
        m_reported = true;
        m_throttle.failed(m_user, m_address, LoginThrottle::Clock::now());
    }
    void succeeded() {
        m_reported = true;
        m_throttle.succeeded(m_user, m_address);
    }

private:
    LoginThrottle& m_throttle;
    std::string m_user, m_address;
    bool m_reported = false;
};

protocol::DashboardDoc dashboard(SQLite::Database& db, const FigureScope& scope) {
    return {scope.from,        scope.to,         totals(db, scope),   byType(db, scope),
            byCity(db, scope), byDay(db, scope), byProduct(db, scope)};
}

/// One office request as the handlers see it. `user` is set for every handler but the login.
struct OfficeCall {
    Request& req;
    const OfficeContext& ctx;
    std::string path;
    std::map<std::string, std::string> query;
    Clock::time_point now;
    std::string token;
    std::optional<User> user;

    [[nodiscard]] Response forbidden(const std::string& why) const {
        return error(req, http::status::forbidden, why);
    }
};

/// The throttle's refusal (429 with Retry-After), or nullopt when the login may be checked.
std::optional<Response> throttled(const OfficeCall& call, const std::string& username,
                                  const boost::json::object& who) {
    const auto wait =
        call.ctx.throttle.admit(username, call.ctx.clientAddress, LoginThrottle::Clock::now());
    if (!wait)
        return std::nullopt;
    ++call.ctx.metrics.loginsThrottled;
    logEvent("warn", "login_throttled", who);
    auto res = error(call.req, http::status::too_many_requests,
                     "too many failed logins for this user or from this address: try "
                     "again in " +
                         std::to_string(wait->count()) + " s");
    res.set(http::field::retry_after, std::to_string(wait->count()));
    return res;
}

/// POST /v1/session: throttled first, before any password check (a locked username or address
/// costs nothing but this look-up), then argon2 on the pool, then the session opened.
asio::awaitable<Response> logIn(OfficeCall& call) {
    const auto& ctx = call.ctx;
    auto login = protocol::decodeLoginRequest(call.req.body());
    if (!login)
        co_return error(call.req, http::status::bad_request, login.error().message);
    const std::string username = login->username;
    const boost::json::object who{{"username", logValue(username, kLogNameBytes)},
                                  {"address", logValue(ctx.clientAddress, kLogNameBytes)}};
    if (auto refusal = throttled(call, username, who))
        co_return std::move(*refusal);
    LoginAttempt attempt(ctx.throttle, username, ctx.clientAddress);
    // The look-up here (a read), the argon2 check on the pool: an unknown or disabled user
    // is checked against the dummy hash, at the same cost as a real one.
    auto candidate = findLoginCandidate(ctx.readDb(), username);
    auto hash = candidate ? candidate->passwordHash : dummyPasswordHash();
    // Named, not a temporary inside co_await: GCC 12 can destroy such temporaries twice.
    auto verifying = asyncVerify(ctx.passwords, std::move(hash), std::move(login).value().password,
                                 asio::use_awaitable);
    auto [checked, matches] = co_await std::move(verifying);
    if (!checked) {
        ++ctx.metrics.loginsPoolFull;
        logEvent("warn", "login_pool_full", who);
        auto res = error(call.req, http::status::service_unavailable,
                         "too many logins at once: try again in a moment");
        res.set(http::field::retry_after, "1");
        co_return res;
    }
    if (!candidate || !matches) {
        attempt.failed();
        ++ctx.metrics.loginsFailed;
        logEvent("warn", "login_refused", who);
        co_return error(call.req, http::status::unauthorized, "wrong username or password");
    }
    attempt.succeeded();
    auto session = std::make_shared<protocol::SessionDoc>();
    auto user = std::make_shared<User>(std::move(candidate->user));
    GroupCommitWriter::Apply apply = [session, user, now = call.now](SQLite::Database& wdb) {
        *session = openSession(wdb, *user, now);
    };
    auto [committed, why] = co_await asyncWrite(ctx.writer, std::move(apply), asio::use_awaitable);
    if (!committed)
        co_return error(call.req, http::status::service_unavailable, "cannot log in now: " + why);
    logEvent("info", "login",
             {{"username", logValue(user->username, kLogNameBytes)}, {"role", user->role}});
    co_return reply(call.req, http::status::ok, protocol::encode(*session));
}

/// DELETE /v1/session.
asio::awaitable<Response> logOut(OfficeCall& call) {
    GroupCommitWriter::Apply apply = [token = call.token, now = call.now](SQLite::Database& wdb) {
        closeSession(wdb, token, now);
    };
    co_await asyncWrite(call.ctx.writer, std::move(apply), asio::use_awaitable);
    co_return reply(call.req, http::status::ok, "{\"logged_out\":true}");
}

/// GET /v1/office/me.
asio::awaitable<Response> me(OfficeCall& call) {
    const auto& user = *call.user;
    co_return reply(
        call.req, http::status::ok,
        protocol::encode(protocol::SessionDoc{"", user.username, user.role, user.cities, ""}));
}

/// GET /v1/office/outlets and /v1/office/outlets.csv.
asio::awaitable<Response> outlets(OfficeCall& call) {
    auto& query = call.query;
    const OutletFilter filter{query["type"], query["city"], query["status"], call.user->scope()};
    if (call.path.ends_with(".csv"))
        co_return reply(call.req, http::status::ok, exportOutletsCsv(call.ctx.readDb(), filter),
                        "text/csv; charset=utf-8");
    co_return reply(call.req, http::status::ok,
                    protocol::encode(protocol::OutletList{listOutlets(call.ctx.readDb(), filter)}));
}

/// The rankings of every period the outlet `code` (of type `type`) has a place in.
std::vector<protocol::RankingEntryDoc> rankingsOf(SQLite::Database& db, const std::string& code,
                                                  const std::string& type) {
    std::vector<protocol::RankingEntryDoc> out;
    for (const auto& period : rankingPeriods(db))
        if (auto ranking = loadRanking(db, period, type))
            for (auto& e : ranking.value().entries)
                if (e.outlet == code)
                    out.push_back(std::move(e));
    return out;
}

/// GET /v1/office/outlets/<code>: the outlet's record, history, figures, tills and rankings.
asio::awaitable<Response> outletDetail(OfficeCall& call) {
    const auto code = call.path.substr(std::string_view("/v1/office/outlets/").size());
    auto scope = scopeOf(call.query, *call.user, call.now);
    if (!scope)
        co_return error(call.req, http::status::bad_request, "give from and to as YYYY-MM-DD");
    auto& db = call.ctx.readDb();
    const auto row = outletByCode(db, code);
    if (!row)
        co_return error(call.req, http::status::not_found, "no outlet " + code);
    if (!call.user->covers(row->city))
        co_return call.forbidden("outlet " + code + " is outside your cities");
    scope->cities.reset(); // the outlet is in scope (checked above): its own figures
    scope->type.clear();
    scope->outlet = code;
    const protocol::OutletDetailDoc detail{*row, typeHistory(db, code), dashboard(db, *scope),
                                           rankingsOf(db, code, row->type),
                                           terminalTrust(db, row->id)};
    co_return reply(call.req, http::status::ok, protocol::encode(detail));
}

/// GET /v1/office/dashboard.
asio::awaitable<Response> dashboardOf(OfficeCall& call) {
    auto scope = scopeOf(call.query, *call.user, call.now);
    if (!scope)
        co_return error(call.req, http::status::bad_request, "give from and to as YYYY-MM-DD");
    co_return reply(call.req, http::status::ok,
                    protocol::encode(dashboard(call.ctx.readDb(), *scope)));
}

/// GET /v1/office/ranking/periods.
asio::awaitable<Response> periods(OfficeCall& call) {
    co_return reply(call.req, http::status::ok,
                    protocol::encode(protocol::PeriodList{rankingPeriods(call.ctx.readDb())}));
}

/// GET /v1/office/ranking and /v1/office/ranking.csv: within the user's cities.
asio::awaitable<Response> rankingList(OfficeCall& call) {
    auto ranking = loadRanking(call.ctx.readDb(), call.query["period"], call.query["type"],
                               call.user->scope());
    if (!ranking)
        co_return error(call.req, http::status::not_found, ranking.error().message);
    if (call.path.ends_with(".csv"))
        co_return reply(call.req, http::status::ok, rankingCsv(*ranking),
                        "text/csv; charset=utf-8");
    co_return reply(call.req, http::status::ok, protocol::encode(*ranking));
}

/// POST /v1/office/ranking/compute (admins): computes a period's ranking on the writer.
asio::awaitable<Response> computeRankingRun(OfficeCall& call) {
    if (!call.user->isAdmin())
        co_return call.forbidden("only an admin recomputes the ranking");
    const auto period = call.query["period"];
    if (auto dates = periodDates(period); !dates)
        co_return error(call.req, http::status::bad_request, dates.error().message);
    auto result = std::make_shared<Result<protocol::RankingDoc>>(
        makeError(ErrorCode::Storage, "not computed"));
    GroupCommitWriter::Apply apply = [result, period, config = call.ctx.ranking,
                                      at = domain::isoUtc(call.now)](SQLite::Database& wdb) {
        *result = computeRanking(wdb, period, config, at);
    };
    auto [committed, why] =
        co_await asyncWrite(call.ctx.writer, std::move(apply), asio::use_awaitable);
    if (!committed)
        co_return error(call.req, http::status::service_unavailable, why);
    if (!*result)
        co_return error(call.req, http::status::bad_request, result->error().message);
    logEvent("info", "ranking_computed",
             {{"period", logValue(period, kLogNameBytes)}, {"outlets", (*result)->entries.size()}});
    co_return reply(call.req, http::status::ok, protocol::encode(**result));
}

/// POST /v1/office/inspections: an inspection of an outlet of the user's cities.
asio::awaitable<Response> postInspection(OfficeCall& call) {
    auto inspection = protocol::decodeInspection(call.req.body());
    if (!inspection)
        co_return error(call.req, http::status::bad_request, inspection.error().message);
    const auto outlet = outletByCode(call.ctx.readDb(), inspection->outlet);
    if (!outlet)
        co_return error(call.req, http::status::not_found, "no outlet " + inspection->outlet);
    if (!call.user->covers(outlet->city))
        co_return call.forbidden("outlet " + inspection->outlet + " is outside your cities");
    auto status = std::make_shared<Status>();
    auto doc = std::make_shared<protocol::InspectionDoc>(std::move(inspection).value());
    GroupCommitWriter::Apply apply = [status, doc, inspector = call.user->username,
                                      at = domain::isoUtc(call.now)](SQLite::Database& wdb) {
        *status = recordInspection(wdb, *doc, inspector, at);
    };
    auto [committed, why] =
        co_await asyncWrite(call.ctx.writer, std::move(apply), asio::use_awaitable);
    if (!committed)
        co_return error(call.req, http::status::service_unavailable, why);
    if (!*status)
        co_return error(call.req, http::status::bad_request, status->error().message);
    co_return reply(call.req, http::status::ok, protocol::encode(*doc));
}

/// Runs the import the path names on the writer's connection.
Result<protocol::ImportSummaryDoc> importFile(SQLite::Database& wdb, const std::string& path,
                                              const std::string& body, const std::string& today) {
    if (path == "/v1/office/outlets.csv")
        return importOutletsCsv(wdb, body, today);
    if (path == "/v1/office/catalog.csv")
        return importCatalogCsv(wdb, body);
    if (path == "/v1/office/prices.csv")
        return importPriceOverridesCsv(wdb, body);
    return importPromotionsCsv(wdb, body);
}

/// POST of one of the isOfficeImportPath files (admins).
asio::awaitable<Response> importCsv(OfficeCall& call) {
    if (!call.user->isAdmin())
        co_return call.forbidden("only an admin imports files");
    auto result = std::make_shared<Result<protocol::ImportSummaryDoc>>(
        makeError(ErrorCode::Storage, "not imported"));
    auto body = std::make_shared<std::string>(std::move(call.req.body()));
    GroupCommitWriter::Apply apply =
        [result, body, path = call.path, today = domain::businessDate(call.now)](
            SQLite::Database& wdb) { *result = importFile(wdb, path, *body, today); };
    auto [committed, why] =
        co_await asyncWrite(call.ctx.writer, std::move(apply), asio::use_awaitable);
    if (!committed)
        co_return error(call.req, http::status::service_unavailable, why);
    if (!*result)
        co_return error(call.req, http::status::bad_request, result->error().message);
    logEvent("info", "imported",
             {{"file", call.path}, {"by", logValue(call.user->username, kLogNameBytes)}});
    co_return reply(call.req, http::status::ok, protocol::encode(**result));
}

/// A route: a method and a path (exact, or a prefix the rest of the path follows) to a handler.
/// `anyone`: answered without a session (the login); every other route needs one.
struct OfficeRoute {
    http::verb method;
    std::string_view path;
    bool prefix;
    bool anyone;
    asio::awaitable<Response> (*handle)(OfficeCall&);
};

constexpr std::array kOfficeRoutes{
    OfficeRoute{http::verb::post, "/v1/session", false, true, logIn},
    OfficeRoute{http::verb::delete_, "/v1/session", false, false, logOut},
    OfficeRoute{http::verb::get, "/v1/office/me", false, false, me},
    OfficeRoute{http::verb::get, "/v1/office/outlets", false, false, outlets},
    OfficeRoute{http::verb::get, "/v1/office/outlets.csv", false, false, outlets},
    OfficeRoute{http::verb::get, "/v1/office/outlets/", true, false, outletDetail},
    OfficeRoute{http::verb::get, "/v1/office/dashboard", false, false, dashboardOf},
    OfficeRoute{http::verb::get, "/v1/office/ranking/periods", false, false, periods},
    OfficeRoute{http::verb::get, "/v1/office/ranking", false, false, rankingList},
    OfficeRoute{http::verb::get, "/v1/office/ranking.csv", false, false, rankingList},
    OfficeRoute{http::verb::post, "/v1/office/ranking/compute", false, false, computeRankingRun},
    OfficeRoute{http::verb::post, "/v1/office/inspections", false, false, postInspection},
    OfficeRoute{http::verb::post, "/v1/office/outlets.csv", false, false, importCsv},
    OfficeRoute{http::verb::post, "/v1/office/catalog.csv", false, false, importCsv},
    OfficeRoute{http::verb::post, "/v1/office/prices.csv", false, false, importCsv},
    OfficeRoute{http::verb::post, "/v1/office/promotions.csv", false, false, importCsv},
};

const OfficeRoute* routeOf(http::verb method, std::string_view path) {
    for (const auto& route : kOfficeRoutes)
        if (route.method == method &&
            (route.prefix ? path.starts_with(route.path) : path == route.path))
            return &route;
    return nullptr;
}

} // namespace

bool isOfficePath(std::string_view path) {
    return path == "/v1/session" || path.starts_with("/v1/office/");
}

bool isOfficeImportPath(std::string_view path) {
    return path == "/v1/office/outlets.csv" || path == "/v1/office/catalog.csv" ||
           path == "/v1/office/prices.csv" || path == "/v1/office/promotions.csv";
}

asio::awaitable<Response> handleOffice(Request req, const OfficeContext& ctx) {
    const std::string target(req.target());
    OfficeCall call{req, ctx, target.substr(0, target.find('?')), queryOf(target), ctx.clock(),
                    {},  {}};
    const auto* route = routeOf(req.method(), call.path);
    if (!route || !route->anyone) {
        call.token = bearerToken(req);
        call.user = sessionUser(ctx.readDb(), call.token, call.now);
        if (!call.user)
            co_return error(req, http::status::unauthorized,
                            "log in first (POST /v1/session); the session may have expired");
    }
    if (!route && call.path == "/v1/session")
        co_return error(req, http::status::method_not_allowed, "POST to log in, DELETE to log out");
    if (!route)
        co_return error(req, http::status::not_found, "no such endpoint: " + call.path);
    // Named, not a temporary inside co_await: GCC 12 can destroy such temporaries twice.
    auto handling = route->handle(call);
    co_return co_await std::move(handling);
}

} // namespace baidian::server
