// End of day: a shift's Z report and its answer, and the reconcile of a terminal's day.
#include "baidian/protocol/codec.h"
#include "codec_internal.h"

#include <boost/json.hpp>
#include <limits>

namespace baidian::protocol {

namespace json = boost::json;
using detail::finish;
using detail::kMaxFen;
using detail::parse;
using detail::Reader;

std::string encode(const ShiftReportDoc& s) {
    json::array tenders;
    for (const auto& t : s.tenders)
        tenders.push_back(json::object{
            {"kind", t.kind}, {"expected_fen", t.expectedFen}, {"counted_fen", t.countedFen}});
    return json::serialize(json::object{{"v", kVersion},
                                        {"outlet", s.outlet},
                                        {"terminal", s.terminal},
                                        {"shift_id", s.shiftId},
                                        {"cashier", s.cashier},
                                        {"opened_at", s.openedAt},
                                        {"closed_at", s.closedAt},
                                        {"float_fen", s.floatFen},
                                        {"tenders", std::move(tenders)}});
}

Result<ShiftReportDoc> decodeShiftReport(std::string_view text) {
    auto value = parse(text);
    if (!value)
        return value.error();
    std::string error;
    Reader r(&value.value(), "", error);
    ShiftReportDoc s;
    r.integer("v", kVersion, kVersion);
    s.outlet = r.text("outlet", 16);
    s.terminal = static_cast<int>(r.integer("terminal", 1, 99));
    s.shiftId = r.integer("shift_id", 1, std::numeric_limits<std::int64_t>::max());
    s.cashier = r.text("cashier", 16);
    s.openedAt = r.text("opened_at", 25);
    s.closedAt = r.text("closed_at", 25);
    s.floatFen = r.integer("float_fen", 0, kMaxFen);
    if (const auto* tenders = r.array("tenders", 10))
        for (std::size_t i = 0; i < tenders->size() && error.empty(); ++i) {
            Reader tr(&(*tenders)[i], r.at("tenders", i), error);
            ShiftReportDoc::Tender t;
            t.kind = tr.oneOf("kind", {"cash", "card", "wechat", "alipay"});
            t.expectedFen = tr.integer("expected_fen", -kMaxFen, kMaxFen);
            t.countedFen = tr.integer("counted_fen", -kMaxFen, kMaxFen);
            s.tenders.push_back(t);
        }
    return finish(std::move(s), error);
}

std::string encode(const ReconcileDoc& d) {
    json::array receipts;
    for (const auto& r : d.receipts)
        receipts.push_back(json::value(r));
    return json::serialize(json::object{{"terminal", d.terminal},
                                        {"date", d.date},
                                        {"count", d.count},
                                        {"total_fen", d.totalFen},
                                        {"last_seq", d.lastSeq},
                                        {"journal_head", d.journalHead},
                                        {"receipts", std::move(receipts)},
                                        {"missing_seqs", d.missingSeqs}});
}

Result<ReconcileDoc> decodeReconcile(std::string_view text) {
    auto value = parse(text);
    if (!value)
        return value.error();
    std::string error;
    Reader r(&value.value(), "", error);
    ReconcileDoc d;
    d.terminal = static_cast<int>(r.integer("terminal", 1, 99));
    d.date = r.text("date", 10);
    d.count = r.integer("count", 0, std::numeric_limits<std::int64_t>::max());
    d.totalFen = r.integer("total_fen", -kMaxFen * 1000, kMaxFen * 1000);
    d.lastSeq = r.integer("last_seq", 0, std::numeric_limits<std::int64_t>::max());
    d.journalHead = r.text("journal_head", 64, false);
    d.missingSeqs =
        r.optionalInteger("missing_seqs", 0, std::numeric_limits<std::int64_t>::max()).value_or(0);
    if (const auto* receipts = r.array("receipts", 1'000'000))
        for (const auto& v : *receipts) {
            if (!v.is_string())
                r.fail("receipts", "must hold strings");
            else
                d.receipts.emplace_back(v.get_string());
        }
    return finish(std::move(d), error);
}

std::string encode(const ShiftReportAnswer& a) {
    json::object o{{"stored", a.stored}};
    if (a.conflict) {
        o["conflict"] = true;
        o["reason"] = a.reason;
    }
    return json::serialize(o);
}

Result<ShiftReportAnswer> decodeShiftReportAnswer(std::string_view text) {
    auto value = parse(text);
    if (!value)
        return value.error();
    std::string error;
    Reader r(&value.value(), "", error);
    ShiftReportAnswer a;
    a.stored = r.boolean("stored");
    a.conflict = r.optionalBoolean("conflict").value_or(false);
    if (a.conflict)
        a.reason = r.text("reason", 4000);
    return finish(std::move(a), error);
}

} // namespace baidian::protocol
