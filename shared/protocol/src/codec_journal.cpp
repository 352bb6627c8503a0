// The journal: till events (voids, cash in and out, ...) and a terminal's journal head.
#include "baidian/protocol/codec.h"
#include "baidian/protocol/journal_hash.h"
#include "codec_internal.h"

#include <boost/json.hpp>
#include <limits>

namespace baidian::protocol {

namespace json = boost::json;
using detail::eachRecord;
using detail::kMaxQuantity;
using detail::nullable;
using detail::parse;
using detail::Reader;

namespace {
json::object toJson(const TillEventDoc& e) {
    return json::object{{"uuid", e.uuid},
                        {"kind", e.kind},
                        {"shift", e.shift},
                        {"cashier", nullable(e.cashier)},
                        {"subject", nullable(e.subject)},
                        {"approver", nullable(e.approver)},
                        {"amount_fen", e.amountFen},
                        {"detail", nullable(e.detail)},
                        {"reason", nullable(e.reason)},
                        {"at", e.at},
                        {"prev_hash", e.prevHash},
                        {"hash", e.hash},
                        {"journal_scheme", e.journalScheme}};
}
} // namespace

std::string encode(const TillEventDoc& event) {
    return json::serialize(toJson(event));
}

std::string encode(const TillEventBatch& batch) {
    json::array events;
    for (const auto& e : batch.events)
        events.push_back(toJson(e));
    return json::serialize(json::object{{"v", kVersion},
                                        {"outlet", batch.outlet},
                                        {"terminal", batch.terminal},
                                        {"events", std::move(events)}});
}

std::string encode(const JournalHeadDoc& head) {
    return json::serialize(json::object{{"v", kVersion},
                                        {"outlet", head.outlet},
                                        {"terminal", head.terminal},
                                        {"seq", head.seq},
                                        {"hash", head.hash},
                                        {"journal_scheme", head.journalScheme}});
}

Result<JournalHeadDoc> decodeJournalHead(std::string_view text) {
    auto value = parse(text);
    if (!value)
        return value.error();
    std::string error;
    Reader r(&value.value(), "", error);
    JournalHeadDoc head;
    r.integer("v", kVersion, kVersion);
    head.outlet = r.text("outlet", 16);
    head.terminal = static_cast<int>(r.integer("terminal", 1, 99));
    head.seq = r.integer("seq", 0, std::numeric_limits<std::int64_t>::max() / 2);
    head.hash = r.text("hash", 64);
    head.journalScheme =
        static_cast<int>(r.integer("journal_scheme", kJournalSchemeTillRows, kJournalSchemeKeyed));
    if (!error.empty())
        return makeError(ErrorCode::ParseError, error);
    if (head.hash.size() != 64 ||
        head.hash.find_first_not_of("0123456789abcdef") != std::string::npos)
        return makeError(ErrorCode::ParseError, "hash: must be 64 lower-case hex digits");
    return head;
}

Result<TillEventBatch> decodeTillEventBatch(std::string_view text) {
    auto value = parse(text);
    if (!value)
        return value.error();
    std::string error;
    Reader r(&value.value(), "", error);
    TillEventBatch batch;
    r.integer("v", kVersion, kVersion);
    batch.outlet = r.text("outlet", 16);
    batch.terminal = static_cast<int>(r.integer("terminal", 1, 99));
    const auto* events = r.array("events", 5000);
    if (!error.empty())
        return makeError(ErrorCode::ParseError, error);
    eachRecord(events, "event", "uuid", batch.events, batch.rejected, [](Reader& m, std::string&) {
        TillEventDoc e;
        e.uuid = m.text("uuid", 36);
        e.kind = m.oneOf("kind", {"void", "line_removed", "no_sale", "cash_in", "cash_out",
                                  "pin_locked", "pin_unlocked", "reprint", "no_receipt_return"});
        e.shift = m.integer("shift", 0, std::numeric_limits<std::int64_t>::max() / 2);
        e.cashier = m.text("cashier", 32, false);
        e.subject = m.text("subject", 32, false);
        e.approver = m.text("approver", 32, false);
        e.amountFen = m.integer("amount_fen", 0, kMaxQuantity);
        e.detail = m.text("detail", 1000, false);
        e.reason = m.text("reason", 200, false);
        e.at = m.text("at", 25);
        e.prevHash = m.text("prev_hash", 64);
        e.hash = m.text("hash", 64);
        e.journalScheme = static_cast<int>(
            m.optionalInteger("journal_scheme", kJournalSchemeAsSent, kJournalSchemeKeyed)
                .value_or(kJournalSchemeAsSent));
        return e;
    });
    return batch;
}

} // namespace baidian::protocol
