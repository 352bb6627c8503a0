#include "baidian/protocol/messages.h"
#include "baidian/protocol/office.h"

#include <boost/describe/class.hpp>
#include <boost/json.hpp>

namespace baidian::protocol {

// The members of each message, in order; Boost.JSON converts described structs both ways.
BOOST_DESCRIBE_STRUCT(OutletDoc, (),
                      (code, name, type, city, address, areaM2, openedOn, status, franchisee))
BOOST_DESCRIBE_STRUCT(OutletList, (), (outlets))
BOOST_DESCRIBE_STRUCT(TypeChangeDoc, (), (type, since))
BOOST_DESCRIBE_STRUCT(FiguresDoc, (), (revenueFen, grams, tickets, returnFen, outlets))
BOOST_DESCRIBE_STRUCT(GroupFiguresDoc, (), (key, label, figures))
BOOST_DESCRIBE_STRUCT(DashboardDoc, (), (from, to, totals, byType, byCity, byDay, byProduct))
BOOST_DESCRIBE_STRUCT(MetricDoc, (), (metric, value, unit, normalizedBp, weight, pointsCenti, note))
BOOST_DESCRIBE_STRUCT(FlagDoc, (), (flag, detail, disqualifies))
BOOST_DESCRIBE_STRUCT(RankingEntryDoc, (),
                      (period, outlet, name, city, type, rank, scoreCenti, revenueFen, ineligible,
                       metrics, flags))
BOOST_DESCRIBE_STRUCT(RankingDoc, (), (period, from, to, computedAt, entries))
BOOST_DESCRIBE_STRUCT(LoginRequest, (), (username, password))
BOOST_DESCRIBE_STRUCT(PeriodList, (), (periods))
BOOST_DESCRIBE_STRUCT(SessionDoc, (), (token, username, role, cities, expiresAt))
BOOST_DESCRIBE_STRUCT(InspectionDoc, (), (outlet, period, score, note))
BOOST_DESCRIBE_STRUCT(TerminalTrustDoc, (),
                      (terminal, lastSeen, lastSeq, missingSeqs, quarantined, journalBreaks,
                       unverifiedSales, conflicts))
BOOST_DESCRIBE_STRUCT(OutletDetailDoc, (), (outlet, typeHistory, figures, rankings, terminals))
BOOST_DESCRIBE_STRUCT(ImportSummaryDoc, (), (added, updated, unchanged, removed, typeChanges))

namespace json = boost::json;

// The wire spells every key in snake_case, as the sync protocol does (codec.cpp): a member
// `revenueFen` travels as "revenue_fen", `areaM2` as "area_m2". The conversions below replace
// Boost.JSON's own for the described structs above, with the same rules: every key present
// (an absent optional is null), no key unknown.
static std::string wireKey(std::string_view member) {
    std::string key;
    for (const char c : member) {
        if (c >= 'A' && c <= 'Z') {
            key += '_';
            key += static_cast<char>(c - 'A' + 'a');
        } else {
            key += c;
        }
    }
    return key;
}

template <typename T>
requires boost::describe::has_describe_members<T>::value void
tag_invoke(const json::value_from_tag&, json::value& out, const T& doc) {
    auto& object = out.emplace_object();
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
        [&](auto member) { object[wireKey(member.name)] = json::value_from(doc.*member.pointer); });
}

template <typename T>
requires boost::describe::has_describe_members<T>::value json::result<T>
tag_invoke(const json::try_value_to_tag<T>&, const json::value& in) {
    using Members = boost::describe::describe_members<T, boost::describe::mod_public>;
    const auto* object = in.if_object();
    if (!object)
        return json::make_error_code(json::error::not_object);
    if (object->size() != boost::mp11::mp_size<Members>::value)
        return json::make_error_code(json::error::size_mismatch);
    T doc{};
    boost::system::error_code ec;
    boost::mp11::mp_for_each<Members>([&](auto member) {
        if (ec)
            return;
        const auto* value = object->if_contains(wireKey(member.name));
        if (!value) {
            ec = json::make_error_code(json::error::unknown_name);
            return;
        }
        using Member = std::remove_cvref_t<decltype(doc.*member.pointer)>;
        auto converted = json::try_value_to<Member>(*value);
        if (!converted)
            ec = converted.error();
        else
            doc.*member.pointer = std::move(*converted);
    });
    if (ec)
        return ec;
    return doc;
}

namespace {

template <typename T> std::string toText(const T& doc) {
    return json::serialize(json::value_from(doc));
}

template <typename T>
Result<T> fromText(
    std::string_view text, const char* what, void (*upgrade)(json::value&) = [](json::value&) {}) {
    if (text.size() > kMaxBodyBytes)
        return makeError(ErrorCode::ParseError, std::string(what) + " is too large");
    boost::system::error_code ec;
    json::parse_options options;
    options.max_depth = 16;
    auto value = json::parse(json::string_view(text.data(), text.size()), ec, {}, options);
    if (ec)
        return makeError(ErrorCode::ParseError,
                         std::string(what) + " is not valid JSON: " + ec.message());
    upgrade(value);
    auto converted = json::try_value_to<T>(value);
    if (!converted)
        return makeError(ErrorCode::ParseError,
                         std::string(what) + " lacks a field or has one of the wrong type (" +
                             converted.error().message() + ")");
    return std::move(*converted);
}

/// Rankings computed before the keys became snake_case are stored with the metrics' old keys
/// (ranking_entry.metrics): read as the new ones, so that a stored ranking keeps its reasons.
void upgradeStoredMetrics(json::value& value) {
    if (auto* metrics = value.if_array())
        for (auto& metric : *metrics)
            if (auto* object = metric.if_object())
                for (const char* old : {"normalizedBp", "pointsCenti"})
                    if (auto* found = object->if_contains(old)) {
                        auto moved = std::move(*found);
                        object->erase(old);
                        object->emplace(wireKey(old), std::move(moved));
                    }
}

} // namespace

std::string formatScore(std::int64_t centi) {
    const auto whole = centi / 100, part = centi % 100;
    const auto abs = part < 0 ? -part : part;
    return (centi < 0 && whole == 0 ? "-" : "") + std::to_string(whole) + "." +
           (abs < 10 ? "0" : "") + std::to_string(abs);
}

std::string encode(const OutletList& doc) {
    return toText(doc);
}
std::string encode(const DashboardDoc& doc) {
    return toText(doc);
}
std::string encode(const RankingDoc& doc) {
    return toText(doc);
}
std::string encode(const RankingEntryDoc& doc) {
    return toText(doc);
}
std::string encode(const LoginRequest& doc) {
    return toText(doc);
}
std::string encode(const PeriodList& doc) {
    return toText(doc);
}
std::string encode(const SessionDoc& doc) {
    return toText(doc);
}
std::string encode(const InspectionDoc& doc) {
    return toText(doc);
}
std::string encode(const OutletDetailDoc& doc) {
    return toText(doc);
}
std::string encode(const ImportSummaryDoc& doc) {
    return toText(doc);
}
std::string encode(const std::vector<MetricDoc>& metrics) {
    return toText(metrics);
}
std::string encode(const std::vector<FlagDoc>& flags) {
    return toText(flags);
}

Result<OutletList> decodeOutletList(std::string_view json) {
    return fromText<OutletList>(json, "the outlet list");
}
Result<DashboardDoc> decodeDashboard(std::string_view json) {
    return fromText<DashboardDoc>(json, "the dashboard");
}
Result<RankingDoc> decodeRanking(std::string_view json) {
    return fromText<RankingDoc>(json, "the ranking");
}
Result<LoginRequest> decodeLoginRequest(std::string_view json) {
    return fromText<LoginRequest>(json, "the login request");
}
Result<PeriodList> decodePeriodList(std::string_view json) {
    return fromText<PeriodList>(json, "the period list");
}
Result<SessionDoc> decodeSession(std::string_view json) {
    return fromText<SessionDoc>(json, "the session");
}
Result<InspectionDoc> decodeInspection(std::string_view json) {
    return fromText<InspectionDoc>(json, "the inspection");
}
Result<OutletDetailDoc> decodeOutletDetail(std::string_view json) {
    return fromText<OutletDetailDoc>(json, "the outlet's figures");
}
Result<ImportSummaryDoc> decodeImportSummary(std::string_view json) {
    return fromText<ImportSummaryDoc>(json, "the import summary");
}
Result<std::vector<MetricDoc>> decodeMetrics(std::string_view json) {
    return fromText<std::vector<MetricDoc>>(json, "the metrics", upgradeStoredMetrics);
}
Result<std::vector<FlagDoc>> decodeFlags(std::string_view json) {
    return fromText<std::vector<FlagDoc>>(json, "the flags");
}

} // namespace baidian::protocol
