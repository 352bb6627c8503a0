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
    const std::string path = target.substr(0, target.find('?'));
    auto query = queryOf(target);
    const auto now = ctx.clock();

    if (path == "/v1/session" && req.method() == http::verb::post) {
        auto login = protocol::decodeLoginRequest(req.body());
        if (!login)
            co_return error(req, http::status::bad_request, login.error().message);
        const std::string username = login->username;
        const boost::json::object who{{"username", logValue(username, kLogNameBytes)},
                                      {"address", logValue(ctx.clientAddress, kLogNameBytes)}};
        // Throttled first, before any password check: a locked username or address costs
        // nothing but this look-up.
        if (const auto wait =
                ctx.throttle.admit(username, ctx.clientAddress, LoginThrottle::Clock::now())) {
            ++ctx.metrics.loginsThrottled;
            logEvent("warn", "login_throttled", who);
            auto res = error(req, http::status::too_many_requests,
                             "too many failed logins for this user or from this address: try "
                             "again in " +
                                 std::to_string(wait->count()) + " s");
            res.set(http::field::retry_after, std::to_string(wait->count()));
            co_return res;
        }
        LoginAttempt attempt(ctx.throttle, username, ctx.clientAddress);
        // The look-up here (a read), the argon2 check on the pool: an unknown or disabled user
        // is checked against the dummy hash, at the same cost as a real one.
        auto candidate = findLoginCandidate(ctx.readDb(), username);
        auto hash = candidate ? candidate->passwordHash : dummyPasswordHash();
        // Named, not a temporary inside co_await: GCC 12 can destroy such temporaries twice.
        auto verifying = asyncVerify(ctx.passwords, std::move(hash), std::move(login->password),
                                     asio::use_awaitable);
        auto [checked, matches] = co_await std::move(verifying);
        if (!checked) {
            ++ctx.metrics.loginsPoolFull;
            logEvent("warn", "login_pool_full", who);
            auto res = error(req, http::status::service_unavailable,
                             "too many logins at once: try again in a moment");
            res.set(http::field::retry_after, "1");
            co_return res;
        }
        if (!candidate || !matches) {
            attempt.failed();
            ++ctx.metrics.loginsFailed;
            logEvent("warn", "login_refused", who);
            co_return error(req, http::status::unauthorized, "wrong username or password");
        }
        attempt.succeeded();
        auto session = std::make_shared<protocol::SessionDoc>();
        auto user = std::make_shared<User>(std::move(candidate->user));
        GroupCommitWriter::Apply apply = [session, user, now](SQLite::Database& wdb) {
            *session = openSession(wdb, *user, now);
        };
        auto [committed, why] =
            co_await asyncWrite(ctx.writer, std::move(apply), asio::use_awaitable);
        if (!committed)
            co_return error(req, http::status::service_unavailable, "cannot log in now: " + why);
        logEvent("info", "login",
                 {{"username", logValue(user->username, kLogNameBytes)}, {"role", user->role}});
        co_return reply(req, http::status::ok, protocol::encode(*session));
    }

    const auto token = bearerToken(req);
    const auto user = sessionUser(ctx.readDb(), token, now);
    if (!user)
        co_return error(req, http::status::unauthorized,
                        "log in first (POST /v1/session); the session may have expired");

    if (path == "/v1/session" && req.method() == http::verb::delete_) {
        GroupCommitWriter::Apply apply = [token, now](SQLite::Database& wdb) {
            closeSession(wdb, token, now);
        };
        co_await asyncWrite(ctx.writer, std::move(apply), asio::use_awaitable);
        co_return reply(req, http::status::ok, "{\"logged_out\":true}");
    }
    if (path == "/v1/session")
        co_return error(req, http::status::method_not_allowed, "POST to log in, DELETE to log out");

    const bool get = req.method() == http::verb::get;
    const bool post = req.method() == http::verb::post;
    const auto forbidden = [&](const std::string& why) {
        return error(req, http::status::forbidden, why);
    };

    if (path == "/v1/office/me" && get) {
        co_return reply(req, http::status::ok,
                        protocol::encode(protocol::SessionDoc{"", user->username, user->role,
                                                              user->cities, ""}));
    }
    if ((path == "/v1/office/outlets" || path == "/v1/office/outlets.csv") && get) {
        OutletFilter filter{query["type"], query["city"], query["status"], user->scope()};
        if (path.ends_with(".csv"))
            co_return reply(req, http::status::ok, exportOutletsCsv(ctx.readDb(), filter),
                            "text/csv; charset=utf-8");
        co_return reply(req, http::status::ok,
                        protocol::encode(protocol::OutletList{listOutlets(ctx.readDb(), filter)}));
    }
    if (path.starts_with("/v1/office/outlets/") && get) {
        const auto code = path.substr(std::string_view("/v1/office/outlets/").size());
        auto scope = scopeOf(query, *user, now);
        if (!scope)
            co_return error(req, http::status::bad_request, "give from and to as YYYY-MM-DD");
        const auto it = findOutlet(ctx.readDb(), code);
        if (!it)
            co_return error(req, http::status::not_found, "no outlet " + code);
        if (!user->covers(it->city))
            co_return forbidden("outlet " + code + " is outside your cities");
        auto& db = ctx.readDb();
        scope->cities.reset(); // the outlet is in scope (checked above): its own figures
        scope->type.clear();
        scope->outlet = code;
        protocol::OutletDetailDoc detail{*it, typeHistory(db, code), dashboard(db, *scope), {}, {}};
        if (const auto row = outletByCode(db, code))
            detail.terminals = terminalTrust(db, row->id);
        for (const auto& period : rankingPeriods(db))
            if (auto ranking = loadRanking(db, period, it->type))
                for (auto& e : ranking->entries)
                    if (e.outlet == code)
                        detail.rankings.push_back(std::move(e));
        co_return reply(req, http::status::ok, protocol::encode(detail));
    }
    if (path == "/v1/office/dashboard" && get) {
        auto scope = scopeOf(query, *user, now);
        if (!scope)
            co_return error(req, http::status::bad_request, "give from and to as YYYY-MM-DD");
        co_return reply(req, http::status::ok, protocol::encode(dashboard(ctx.readDb(), *scope)));
    }
    if (path == "/v1/office/ranking/periods" && get) {
        co_return reply(req, http::status::ok,
                        protocol::encode(protocol::PeriodList{rankingPeriods(ctx.readDb())}));
    }
    if ((path == "/v1/office/ranking" || path == "/v1/office/ranking.csv") && get) {
        auto ranking = loadRanking(ctx.readDb(), query["period"], query["type"], user->scope());
        if (!ranking)
            co_return error(req, http::status::not_found, ranking.error().message);
        if (path.ends_with(".csv"))
            co_return reply(req, http::status::ok, rankingCsv(*ranking), "text/csv; charset=utf-8");
        co_return reply(req, http::status::ok, protocol::encode(*ranking));
    }
    if (path == "/v1/office/ranking/compute" && post) {
        if (!user->isAdmin())
            co_return forbidden("only an admin recomputes the ranking");
        const auto period = query["period"];
        if (auto dates = periodDates(period); !dates)
            co_return error(req, http::status::bad_request, dates.error().message);
        auto result = std::make_shared<Result<protocol::RankingDoc>>(
            makeError(ErrorCode::Storage, "not computed"));
        const RankingConfig config = ctx.ranking;
        const auto at = domain::isoUtc(now);
        GroupCommitWriter::Apply apply = [result, period, config, at](SQLite::Database& wdb) {
            *result = computeRanking(wdb, period, config, at);
        };
        auto [committed, why] =
            co_await asyncWrite(ctx.writer, std::move(apply), asio::use_awaitable);
        if (!committed)
            co_return error(req, http::status::service_unavailable, why);
        if (!*result)
            co_return error(req, http::status::bad_request, result->error().message);
        logEvent(
            "info", "ranking_computed",
            {{"period", logValue(period, kLogNameBytes)}, {"outlets", (*result)->entries.size()}});
        co_return reply(req, http::status::ok, protocol::encode(**result));
    }
    if (path == "/v1/office/inspections" && post) {
        auto inspection = protocol::decodeInspection(req.body());
        if (!inspection)
            co_return error(req, http::status::bad_request, inspection.error().message);
        const auto it = findOutlet(ctx.readDb(), inspection->outlet);
        if (!it)
            co_return error(req, http::status::not_found, "no outlet " + inspection->outlet);
        if (!user->covers(it->city))
            co_return forbidden("outlet " + inspection->outlet + " is outside your cities");
        auto status = std::make_shared<Status>();
        auto doc = std::make_shared<protocol::InspectionDoc>(std::move(inspection).value());
        const auto inspector = user->username;
        const auto at = domain::isoUtc(now);
        GroupCommitWriter::Apply apply = [status, doc, inspector, at](SQLite::Database& wdb) {
            *status = recordInspection(wdb, *doc, inspector, at);
        };
        auto [committed, why] =
            co_await asyncWrite(ctx.writer, std::move(apply), asio::use_awaitable);
        if (!committed)
            co_return error(req, http::status::service_unavailable, why);
        if (!*status)
            co_return error(req, http::status::bad_request, status->error().message);
        co_return reply(req, http::status::ok, protocol::encode(*doc));
    }
    if (post && (path == "/v1/office/outlets.csv" || path == "/v1/office/catalog.csv" ||
                 path == "/v1/office/prices.csv" || path == "/v1/office/promotions.csv")) {
        if (!user->isAdmin())
            co_return forbidden("only an admin imports files");
        auto result = std::make_shared<Result<protocol::ImportSummaryDoc>>(
            makeError(ErrorCode::Storage, "not imported"));
        auto body = std::make_shared<std::string>(std::move(req.body()));
        const auto today = domain::businessDate(now);
        GroupCommitWriter::Apply apply = [result, body, path, today](SQLite::Database& wdb) {
            if (path == "/v1/office/outlets.csv")
                *result = importOutletsCsv(wdb, *body, today);
            else if (path == "/v1/office/catalog.csv")
                *result = importCatalogCsv(wdb, *body);
            else if (path == "/v1/office/prices.csv")
                *result = importPriceOverridesCsv(wdb, *body);
            else
                *result = importPromotionsCsv(wdb, *body);
        };
        auto [committed, why] =
            co_await asyncWrite(ctx.writer, std::move(apply), asio::use_awaitable);
        if (!committed)
            co_return error(req, http::status::service_unavailable, why);
        if (!*result)
            co_return error(req, http::status::bad_request, result->error().message);
        logEvent("info", "imported",
                 {{"file", path}, {"by", logValue(user->username, kLogNameBytes)}});
        co_return reply(req, http::status::ok, protocol::encode(**result));
    }
    co_return error(req, http::status::not_found, "no such endpoint: " + path);
}

} // namespace baidian::server
