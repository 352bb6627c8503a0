// Stock: movements a till recorded, and the transfers offered to it.
#include "baidian/protocol/codec.h"
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
json::object toJson(const MovementDoc& m) {
    return json::object{{"uuid", m.uuid},
                        {"sku", m.sku},
                        {"lot", nullable(m.lotCode)},
                        {"origin_base", nullable(m.originBase)},
                        {"kind", m.kind},
                        {"units", m.units},
                        {"grams", m.grams},
                        {"document", nullable(m.document)},
                        {"other_outlet", nullable(m.otherOutlet)},
                        {"reason", nullable(m.reason)},
                        {"at", m.at}};
}
} // namespace

std::string encode(const MovementDoc& movement) {
    return json::serialize(toJson(movement));
}

std::string encode(const MovementBatch& batch) {
    json::array movements;
    for (const auto& m : batch.movements)
        movements.push_back(toJson(m));
    return json::serialize(json::object{{"v", kVersion},
                                        {"outlet", batch.outlet},
                                        {"terminal", batch.terminal},
                                        {"movements", std::move(movements)}});
}

Result<MovementBatch> decodeMovementBatch(std::string_view text) {
    auto value = parse(text);
    if (!value)
        return value.error();
    std::string error;
    Reader r(&value.value(), "", error);
    MovementBatch batch;
    r.integer("v", kVersion, kVersion);
    batch.outlet = r.text("outlet", 16);
    batch.terminal = static_cast<int>(r.integer("terminal", 1, 99));
    const auto* movements = r.array("movements", 5000);
    if (!error.empty())
        return makeError(ErrorCode::ParseError, error);
    // Record by record: a mistyped movement is quarantined alone (see stock.h).
    eachRecord(movements, "movement", "uuid", batch.movements, batch.rejected,
               [](Reader& m, std::string&) {
                   MovementDoc d;
                   d.uuid = m.text("uuid", 36);
                   d.sku = m.text("sku", 64);
                   d.lotCode = m.text("lot", 64, false);
                   d.originBase = m.text("origin_base", 200, false);
                   d.kind = m.oneOf("kind", {"sale", "return", "receive", "transfer_out",
                                             "transfer_in", "shrink", "adjust"});
                   d.units = m.integer("units", -kMaxQuantity, kMaxQuantity);
                   d.grams = m.integer("grams", -kMaxQuantity, kMaxQuantity);
                   d.document = m.text("document", 64, false);
                   d.otherOutlet = m.text("other_outlet", 16, false);
                   d.reason = m.text("reason", 32, false);
                   d.at = m.text("at", 25);
                   return d;
               });
    return batch;
}

std::string encode(const IncomingTransfers& t) {
    json::array transfers;
    for (const auto& x : t.transfers) {
        json::array lines;
        for (const auto& l : x.lines)
            lines.push_back(json::object{{"sku", l.sku}, {"units", l.units}, {"grams", l.grams}});
        transfers.push_back(
            json::object{{"uuid", x.uuid}, {"from", x.fromOutlet}, {"lines", std::move(lines)}});
    }
    return json::serialize(json::object{{"transfers", std::move(transfers)}});
}

Result<IncomingTransfers> decodeIncomingTransfers(std::string_view text) {
    auto value = parse(text);
    if (!value)
        return value.error();
    std::string error;
    Reader r(&value.value(), "", error);
    IncomingTransfers out;
    const auto* transfers = r.array("transfers", 10000);
    if (!error.empty())
        return makeError(ErrorCode::ParseError, error);
    // Transfer by transfer: one odd entry is skipped and reported, the others are offered.
    eachRecord(transfers, "transfer", "uuid", out.transfers, out.skipped,
               [](Reader& t, std::string& why) {
                   IncomingTransfer x;
                   x.uuid = t.text("uuid", 36);
                   x.fromOutlet = t.text("from", 16);
                   if (const auto* lines = t.array("lines", 1000))
                       for (std::size_t k = 0; k < lines->size() && why.empty(); ++k) {
                           Reader l(&(*lines)[k], t.at("lines", k), why);
                           IncomingTransfer::Line line;
                           line.sku = l.text("sku", 64);
                           line.units = l.integer("units", 0, kMaxQuantity);
                           line.grams = l.integer("grams", 0, kMaxQuantity);
                           x.lines.push_back(line);
                       }
                   return x;
               });
    return out;
}

} // namespace baidian::protocol
