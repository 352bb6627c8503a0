#include "baidian/server/ranking.h"

#include "baidian/csv/csv.h"
#include "baidian/domain/time.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/ranking_figures.h"
#include "baidian/server/ranking_score.h"

#include <SQLiteCpp/Statement.h>
#include <algorithm>

namespace baidian::server {

using protocol::RankingDoc;
using protocol::RankingEntryDoc;

namespace {

/// Replaces the stored ranking of `period` with `doc`.
void storeRanking(SQLite::Database& db, const RankingDoc& doc, const RankingConfig& config) {
    const auto& period = doc.period;
    SQLite::Statement clear(db, "DELETE FROM ranking_entry WHERE period = ?");
    clear.bind(1, period);
    clear.exec();
    SQLite::Statement run(db, "INSERT OR REPLACE INTO ranking_run(period, date_from, date_to, "
                              "computed_at, config) VALUES (?,?,?,?,?)");
    run.bind(1, period);
    run.bind(2, doc.from);
    run.bind(3, doc.to);
    run.bind(4, doc.computedAt);
    run.bind(5, config.toJson());
    run.exec();
    SQLite::Statement insert(
        db, "INSERT INTO ranking_entry(period, outlet_id, type, rank, score_centi, ineligible, "
            "metrics, flags) VALUES (?, (SELECT id FROM outlet WHERE code = ?), ?,?,?,?,?,?)");
    for (const auto& e : doc.entries) {
        std::string reasons;
        for (const auto& why : e.ineligible)
            reasons += (reasons.empty() ? "" : "\n") + why;
        insert.bind(1, period);
        insert.bind(2, e.outlet);
        insert.bind(3, e.type);
        if (e.rank)
            insert.bind(4, *e.rank);
        else
            insert.bind(4);
        insert.bind(5, e.scoreCenti);
        insert.bind(6, reasons);
        insert.bind(7, protocol::encode(e.metrics));
        insert.bind(8, protocol::encode(e.flags));
        insert.exec();
        insert.reset();
    }
}

} // namespace

Result<std::pair<std::string, std::string>> periodDates(const std::string& period) {
    if (period.size() == 4 && domain::isDate(period + "-01-01"))
        return std::pair{period + "-01-01", period + "-12-31"};
    if (period.size() == 7 && domain::isDate(period + "-01")) {
        const auto first = period + "-01";
        return std::pair{first, domain::addDays(domain::addMonths(first, 1), -1)};
    }
    return makeError(ErrorCode::InvalidArgument,
                     "a ranking period is a month (2026-10) or a year (2026), not \"" + period +
                         "\"");
}

Result<RankingDoc> computeRanking(SQLite::Database& db, const std::string& period,
                                  const RankingConfig& config, const std::string& computedAt) {
    if (auto ok = config.validate(); !ok)
        return ok.error();
    auto dates = periodDates(period);
    if (!dates)
        return dates.error();
    const auto [from, to] = *dates;
    rollUp(db); // only days an older server left dirty: ingest keeps the figures now
    const auto figures =
        loadOutletFigures(db, period, from, to, config, domain::parseIsoUtc(computedAt));
    RankingDoc doc{period, from, to, computedAt, scoreOutlets(figures, config, period, to)};
    storeRanking(db, doc, config);
    return doc;
}

Result<RankingDoc> loadRanking(SQLite::Database& db, const std::string& period,
                               const std::string& type,
                               const std::optional<std::vector<std::string>>& cities) {
    SQLite::Statement run(db, "SELECT date_from, date_to, computed_at FROM ranking_run "
                              "WHERE period = ?");
    run.bind(1, period);
    if (!run.executeStep())
        return makeError(ErrorCode::NotFound, "no ranking has been computed for " + period);
    RankingDoc doc{period,
                   run.getColumn(0).getString(),
                   run.getColumn(1).getString(),
                   run.getColumn(2).getString(),
                   {}};
    SQLite::Statement q(db, "SELECT o.code, o.name, o.city, e.type, e.rank, e.score_centi, "
                            "e.ineligible, e.metrics, e.flags FROM ranking_entry e "
                            "JOIN outlet o ON o.id = e.outlet_id WHERE e.period = ? AND "
                            "(? = '' OR e.type = ?)");
    q.bind(1, period);
    q.bind(2, type);
    q.bind(3, type);
    while (q.executeStep()) {
        RankingEntryDoc e;
        e.period = period;
        e.outlet = q.getColumn(0).getString();
        e.name = q.getColumn(1).getString();
        e.city = q.getColumn(2).getString();
        e.type = q.getColumn(3).getString();
        if (cities && std::find(cities->begin(), cities->end(), e.city) == cities->end())
            continue;
        if (!q.getColumn(4).isNull())
            e.rank = q.getColumn(4).getInt64();
        e.scoreCenti = q.getColumn(5).getInt64();
        const std::string reasons = q.getColumn(6).getString();
        for (std::size_t at = 0; at < reasons.size();) {
            const auto end = std::min(reasons.find('\n', at), reasons.size());
            e.ineligible.push_back(reasons.substr(at, end - at));
            at = end + 1;
        }
        if (auto m = protocol::decodeMetrics(q.getColumn(7).getString()))
            e.metrics = std::move(*m);
        if (auto f = protocol::decodeFlags(q.getColumn(8).getString()))
            e.flags = std::move(*f);
        for (const auto& m : e.metrics)
            if (m.metric == toString(RankingMetric::Revenue) && m.value)
                e.revenueFen = *m.value;
        doc.entries.push_back(std::move(e));
    }
    sortEntries(doc.entries);
    return doc;
}

std::vector<std::string> rankingPeriods(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT period FROM ranking_run ORDER BY date_from DESC, period");
    std::vector<std::string> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

std::string rankingCsv(const RankingDoc& ranking) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = {"period", "type", "rank", "outlet", "name", "city", "score"};
    for (const auto metric : kRankingMetrics)
        header.push_back(std::string(toString(metric)) + "_points");
    header.insert(header.end(), {"not_ranked_because", "flags"});
    rows.push_back(header);
    for (const auto& e : ranking.entries) {
        std::vector<std::string> row = {
            ranking.period, e.type, e.rank ? std::to_string(*e.rank) : "", e.outlet,
            e.name,         e.city, protocol::formatScore(e.scoreCenti)};
        for (const auto metric : kRankingMetrics) {
            const auto name = toString(metric);
            std::int64_t points = 0;
            for (const auto& m : e.metrics)
                if (m.metric == name)
                    points = m.pointsCenti;
            row.push_back(protocol::formatScore(points));
        }
        std::string why, flags;
        for (const auto& w : e.ineligible)
            why += (why.empty() ? "" : "; ") + w;
        for (const auto& f : e.flags)
            flags += (flags.empty() ? "" : "; ") + f.flag + ": " + f.detail;
        row.push_back(why);
        row.push_back(flags);
        rows.push_back(std::move(row));
    }
    return csv::write(rows);
}

Status recordInspection(SQLite::Database& db, const protocol::InspectionDoc& inspection,
                        const std::string& inspector, const std::string& at) {
    if (inspection.score < 0 || inspection.score > 100)
        return makeError(ErrorCode::InvalidArgument, "an inspection score is 0-100");
    if (auto dates = periodDates(inspection.period); !dates)
        return dates.error();
    if (inspection.note.size() > 2000)
        return makeError(ErrorCode::InvalidArgument, "the note is longer than 2000 bytes");
    SQLite::Statement q(db, "INSERT OR REPLACE INTO inspection(outlet_id, period, score, "
                            "inspector, note, entered_at) SELECT id, ?, ?, ?, ?, ? FROM outlet "
                            "WHERE code = ?");
    q.bind(1, inspection.period);
    q.bind(2, inspection.score);
    q.bind(3, inspector);
    q.bind(4, inspection.note);
    q.bind(5, at);
    q.bind(6, inspection.outlet);
    if (q.exec() == 0)
        return makeError(ErrorCode::NotFound, "no outlet " + inspection.outlet);
    return {};
}

} // namespace baidian::server
