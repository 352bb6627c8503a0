#include "office_routes.h"

#include "baidian/domain/outlet.h"
#include "baidian/domain/time.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/catalog.h"
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
        auto user = checkPassword(ctx.readDb(), login->username, login->password);
        if (!user) {
            logEvent("warn", "login_refused", {{"username", login->username}});
            co_return error(req, http::status::unauthorized, user.error().message);
        }
        auto session = std::make_shared<protocol::SessionDoc>();
        auto who = std::make_shared<User>(std::move(user).value());
        GroupCommitWriter::Apply apply = [session, who, now](SQLite::Database& wdb) {
            *session = openSession(wdb, *who, now);
        };
        auto [committed, why] =
            co_await asyncWrite(ctx.writer, std::move(apply), asio::use_awaitable);
        if (!committed)
            co_return error(req, http::status::service_unavailable, "cannot log in now: " + why);
        logEvent("info", "login", {{"username", who->username}, {"role", who->role}});
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
        protocol::OutletDetailDoc detail{*it, typeHistory(db, code), dashboard(db, *scope), {}};
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
            rollUp(wdb); // only days an older server left dirty: ingest keeps the figures now
            *result = computeRanking(wdb, period, config, at);
        };
        auto [committed, why] =
            co_await asyncWrite(ctx.writer, std::move(apply), asio::use_awaitable);
        if (!committed)
            co_return error(req, http::status::service_unavailable, why);
        if (!*result)
            co_return error(req, http::status::bad_request, result->error().message);
        logEvent("info", "ranking_computed",
                 {{"period", period}, {"outlets", (*result)->entries.size()}});
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
        logEvent("info", "imported", {{"file", path}, {"by", user->username}});
        co_return reply(req, http::status::ok, protocol::encode(**result));
    }
    co_return error(req, http::status::not_found, "no such endpoint: " + path);
}

} // namespace baidian::server
