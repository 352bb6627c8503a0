#pragma once
// Head-office messages between the manager console and store-server (/v1/office/...): the outlet
// registry, network figures, the model-store ranking, sessions and inspections. Plain structs;
// encode/decode (Boost.JSON, no I/O) below. Money in fen, weight in grams, dates YYYY-MM-DD.

#include "baidian/domain/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baidian::protocol {

/// One outlet of the registry.
struct OutletDoc {
    std::string code;
    std::string name;
    std::string type; ///< flagship, direct, franchise, counter, popup, online
    std::string city;
    std::string address;
    std::int64_t areaM2 = 0; ///< floor area, whole square metres (0 for online shops)
    std::string openedOn;    ///< YYYY-MM-DD
    std::string status = "open";
    std::string franchisee; ///< the franchise holder; required for (only) franchise stores
    bool operator==(const OutletDoc&) const = default;
};

struct OutletList {
    std::vector<OutletDoc> outlets;
};

struct TypeChangeDoc {
    std::string type;
    std::string since;
};

/// Sales figures over a period, net of returns.
struct FiguresDoc {
    std::int64_t revenueFen = 0;
    std::int64_t grams = 0;
    std::int64_t tickets = 0;   ///< sales (returns not counted)
    std::int64_t returnFen = 0; ///< refunded, positive
    std::int64_t outlets = 0;   ///< outlets with any sale in the group
};

struct GroupFiguresDoc {
    std::string key; ///< type code, city, date or sku
    std::string label;
    FiguresDoc figures;
};

struct DashboardDoc {
    std::string from;
    std::string to;
    FiguresDoc totals;
    std::vector<GroupFiguresDoc> byType;
    std::vector<GroupFiguresDoc> byCity;
    std::vector<GroupFiguresDoc> byDay;
    std::vector<GroupFiguresDoc> byProduct;
};

/// One metric of a ranking score: its value, its place between the type's lowest and highest
/// (0-10000, 10000 best), its weight and the points it earned (score x 100).
struct MetricDoc {
    std::string metric;
    std::optional<std::int64_t> value; ///< absent when it cannot be measured (see note)
    std::string unit;                  ///< fen, bp (1/100 of a percent), fen_per_m2, points
    std::int64_t normalizedBp = 0;
    std::int64_t weight = 0;
    std::int64_t pointsCenti = 0;
    std::string note;
};

struct FlagDoc {
    std::string flag; ///< refund_spike, closing_burst, above_history
    std::string detail;
    bool disqualifies = false;
};

struct RankingEntryDoc {
    std::string period;
    std::string outlet;
    std::string name;
    std::string city;
    std::string type;
    std::optional<std::int64_t> rank; ///< absent when not eligible
    std::int64_t scoreCenti = 0;      ///< equals the sum of the metrics' pointsCenti
    std::int64_t revenueFen = 0;
    std::vector<std::string> ineligible; ///< why it is not ranked
    std::vector<MetricDoc> metrics;
    std::vector<FlagDoc> flags;
};

struct RankingDoc {
    std::string period; ///< "2026-10" or "2026"
    std::string from;
    std::string to;
    std::string computedAt;
    std::vector<RankingEntryDoc> entries; ///< by type, then rank, then the unranked
};

struct PeriodList {
    std::vector<std::string> periods; ///< newest first
};

struct LoginRequest {
    std::string username;
    std::string password;
};

struct SessionDoc {
    std::string token; ///< send as "Authorization: Bearer <token>"
    std::string username;
    std::string role; ///< admin, regional
    std::vector<std::string> cities;
    std::string expiresAt;
};

struct InspectionDoc {
    std::string outlet;
    std::string period;
    std::int64_t score = 0; ///< 0-100
    std::string note;
};

/// What head office holds against one till of an outlet (issue "Trust no till"): holes in its
/// numbering, journal breaks, sales nobody can verify, repeats with other content.
struct TerminalTrustDoc {
    int terminal = 0;
    std::string lastSeen;             ///< when it last uploaded (UTC)
    std::int64_t lastSeq = 0;         ///< its highest sale number stored
    std::int64_t missingSeqs = 0;     ///< numbers below lastSeq with no stored sale
    std::int64_t quarantined = 0;     ///< its sales held in quarantine
    std::int64_t journalBreaks = 0;   ///< breaks of its hash chain, of every reason
    std::int64_t unverifiedSales = 0; ///< sales of journal scheme 1 (an old till)
    std::int64_t conflicts = 0;       ///< repeated sale UUIDs and Z reports with other content
};

struct OutletDetailDoc {
    OutletDoc outlet;
    std::vector<TypeChangeDoc> typeHistory;
    DashboardDoc figures;
    std::vector<RankingEntryDoc> rankings; ///< the outlet's entry in each stored period
    std::vector<TerminalTrustDoc> terminals;
};

struct ImportSummaryDoc {
    std::int64_t added = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t removed = 0;
    std::int64_t typeChanges = 0;
};

/// A score kept as hundredths ("score x 100") for display: 8735 -> "87.35".
std::string formatScore(std::int64_t centi);

std::string encode(const OutletList& doc);
std::string encode(const DashboardDoc& doc);
std::string encode(const RankingDoc& doc);
std::string encode(const RankingEntryDoc& doc);
std::string encode(const LoginRequest& doc);
std::string encode(const PeriodList& doc);
std::string encode(const SessionDoc& doc);
std::string encode(const InspectionDoc& doc);
std::string encode(const OutletDetailDoc& doc);
std::string encode(const ImportSummaryDoc& doc);
std::string encode(const std::vector<MetricDoc>& metrics);
std::string encode(const std::vector<FlagDoc>& flags);

// Decoding never throws; errors (ParseError) say what was wrong.
Result<OutletList> decodeOutletList(std::string_view json);
Result<DashboardDoc> decodeDashboard(std::string_view json);
Result<RankingDoc> decodeRanking(std::string_view json);
Result<LoginRequest> decodeLoginRequest(std::string_view json);
Result<PeriodList> decodePeriodList(std::string_view json);
Result<SessionDoc> decodeSession(std::string_view json);
Result<InspectionDoc> decodeInspection(std::string_view json);
Result<OutletDetailDoc> decodeOutletDetail(std::string_view json);
Result<ImportSummaryDoc> decodeImportSummary(std::string_view json);
Result<std::vector<MetricDoc>> decodeMetrics(std::string_view json);
Result<std::vector<FlagDoc>> decodeFlags(std::string_view json);

} // namespace baidian::protocol
