// Sales: a till's batch and what it was answered, and a sale looked up with its returns.
#include "baidian/domain/time.h"
#include "baidian/protocol/codec.h"
#include "baidian/protocol/journal_hash.h"
#include "codec_internal.h"

#include <boost/json.hpp>
#include <limits>

namespace baidian::protocol {

namespace json = boost::json;
using detail::eachRecord;
using detail::finish;
using detail::kMaxFen;
using detail::kMaxQuantity;
using detail::nullable;
using detail::parse;
using detail::Reader;

namespace {

bool isHex64(const std::string& s) {
    if (s.size() != 64)
        return false;
    for (const char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

json::object toJson(const SaleDoc& s) {
    json::array lines;
    for (const auto& l : s.lines) {
        lines.push_back(
            json::object{{"line_no", l.lineNo},
                         {"sku", l.sku},
                         {"name", l.name},
                         {"units", l.units},
                         {"grams", l.grams},
                         {"unit_price_fen", l.unitPriceFen},
                         {"list_price_fen", l.listPriceFen},
                         {"price_basis", l.priceBasis},
                         {"gross_fen", l.grossFen},
                         {"promotion", nullable(l.promotion)},
                         {"promotion_fen", l.promotionFen},
                         {"line_discount_fen", l.lineDiscountFen},
                         {"order_share_fen", l.orderShareFen},
                         {"paid_fen", l.paidFen},
                         {"original_line_no", l.originalLineNo ? json::value(*l.originalLineNo)
                                                               : json::value(nullptr)}});
    }
    json::array tenders;
    for (const auto& t : s.tenders)
        tenders.push_back(json::object{
            {"kind", t.kind}, {"amount_fen", t.amountFen}, {"reference", nullable(t.reference)}});
    return json::object{{"uuid", s.uuid},
                        {"seq", s.seq},
                        {"receipt", s.receiptNo},
                        {"kind", s.kind},
                        {"original_uuid", nullable(s.originalUuid)},
                        {"completed_at", s.completedAt},
                        {"business_date", s.businessDate},
                        {"cashier", s.cashier},
                        {"subtotal_fen", s.subtotalFen},
                        {"discount_fen", s.discountFen},
                        {"rounding_fen", s.roundingFen},
                        {"total_fen", s.totalFen},
                        {"change_fen", s.changeFen},
                        {"lines", std::move(lines)},
                        {"tenders", std::move(tenders)},
                        {"prev_hash", s.prevHash},
                        {"hash", s.hash},
                        {"journal_scheme", s.journalScheme}};
}

SaleDoc readSale(Reader& r, const std::string& path, std::string& error) {
    SaleDoc s;
    s.uuid = r.text("uuid", 36);
    s.seq = r.integer("seq", 1, std::numeric_limits<std::int64_t>::max() / 2);
    s.receiptNo = r.text("receipt", 40);
    s.kind = r.oneOf("kind", {"sale", "return"});
    s.originalUuid = r.text("original_uuid", 36, false);
    s.completedAt = r.text("completed_at", 25);
    s.businessDate = r.text("business_date", 10);
    if (error.empty() && !domain::isDate(s.businessDate))
        r.fail("business_date", "must be YYYY-MM-DD");
    s.cashier = r.text("cashier", 16);
    s.subtotalFen = r.integer("subtotal_fen", -kMaxFen, kMaxFen);
    s.discountFen = r.integer("discount_fen", -kMaxFen, kMaxFen);
    s.roundingFen = r.integer("rounding_fen", -kMaxFen, kMaxFen);
    s.totalFen = r.integer("total_fen", -kMaxFen, kMaxFen);
    s.changeFen = r.integer("change_fen", 0, kMaxFen);
    if (const auto* lines = r.array("lines", 1000)) {
        for (std::size_t i = 0; i < lines->size() && error.empty(); ++i) {
            Reader lr(&(*lines)[i], r.at("lines", i), error);
            SaleLineDoc l;
            l.lineNo = static_cast<int>(lr.integer("line_no", 1, 10000));
            l.sku = lr.text("sku", 64);
            l.name = lr.text("name", 200);
            l.units = lr.integer("units", 0, kMaxQuantity);
            l.grams = lr.integer("grams", 0, kMaxQuantity);
            l.unitPriceFen = lr.integer("unit_price_fen", 0, kMaxFen);
            l.listPriceFen = lr.integer("list_price_fen", 0, kMaxFen);
            l.priceBasis = lr.oneOf("price_basis", {"unit", "kg", "jin"});
            l.grossFen = lr.integer("gross_fen", -kMaxFen, kMaxFen);
            l.promotion = lr.text("promotion", 64, false);
            l.promotionFen = lr.integer("promotion_fen", -kMaxFen, kMaxFen);
            l.lineDiscountFen = lr.integer("line_discount_fen", -kMaxFen, kMaxFen);
            l.orderShareFen = lr.integer("order_share_fen", -kMaxFen, kMaxFen);
            l.paidFen = lr.integer("paid_fen", -kMaxFen, kMaxFen);
            if (auto o = lr.optionalInteger("original_line_no", 1, 10000))
                l.originalLineNo = static_cast<int>(*o);
            s.lines.push_back(std::move(l));
        }
    }
    if (const auto* tenders = r.array("tenders", 50)) {
        for (std::size_t i = 0; i < tenders->size() && error.empty(); ++i) {
            Reader tr(&(*tenders)[i], r.at("tenders", i), error);
            TenderDoc t;
            t.kind = tr.oneOf("kind", {"cash", "card", "wechat", "alipay"});
            t.amountFen = tr.integer("amount_fen", -kMaxFen, kMaxFen);
            t.reference = tr.text("reference", 64, false);
            s.tenders.push_back(std::move(t));
        }
    }
    s.prevHash = r.text("prev_hash", 64);
    s.hash = r.text("hash", 64);
    if (error.empty() && (!isHex64(s.prevHash) || !isHex64(s.hash)))
        r.fail("hash", "hashes must be 64 lower-case hex digits");
    s.journalScheme = static_cast<int>(
        r.optionalInteger("journal_scheme", kJournalSchemeTillRows, kJournalSchemeKeyed)
            .value_or(kJournalSchemeTillRows));
    (void)path;
    return s;
}

} // namespace

std::string encode(const SaleBatch& batch) {
    json::array sales;
    for (const auto& s : batch.sales)
        sales.push_back(toJson(s));
    return json::serialize(json::object{{"v", kVersion},
                                        {"outlet", batch.outlet},
                                        {"terminal", batch.terminal},
                                        {"sales", std::move(sales)}});
}

Result<SaleBatch> decodeSaleBatch(std::string_view text) {
    auto value = parse(text);
    if (!value)
        return value.error();
    std::string error;
    Reader r(&value.value(), "", error);
    SaleBatch batch;
    r.integer("v", kVersion, kVersion);
    batch.outlet = r.text("outlet", 16);
    batch.terminal = static_cast<int>(r.integer("terminal", 1, 99));
    const auto* sales = r.array("sales", kMaxBatchSales);
    if (!error.empty())
        return makeError(ErrorCode::ParseError, error);
    // Sale by sale: a mistyped sale is quarantined alone (see ingest.h), the others go on.
    eachRecord(sales, "sale", "uuid", batch.sales, batch.rejected,
               [](Reader& sr, std::string& e) { return readSale(sr, "", e); });
    return batch;
}

std::string encode(const SaleBatchResult& result) {
    json::array results;
    for (const auto& r : result.results)
        results.push_back(json::object{{"uuid", r.uuid},
                                       {"seq", r.seq},
                                       {"status", r.status},
                                       {"reason", nullable(r.reason)}});
    json::array breaks;
    for (const auto seq : result.journalBreaks)
        breaks.push_back(seq);
    return json::serialize(
        json::object{{"results", std::move(results)}, {"journal_breaks", std::move(breaks)}});
}

std::string encode(const SaleLookup& lookup) {
    json::array returns;
    for (const auto& r : lookup.returns)
        returns.push_back(toJson(r));
    return json::serialize(json::object{
        {"v", kVersion}, {"sale", toJson(lookup.sale)}, {"returns", std::move(returns)}});
}

Result<SaleLookup> decodeSaleLookup(std::string_view text) {
    auto value = parse(text);
    if (!value)
        return value.error();
    std::string error;
    Reader r(&value.value(), "", error);
    SaleLookup out;
    r.integer("v", kVersion, kVersion);
    const auto* sale = r.field("sale");
    const auto* returns = r.array("returns", kMaxBatchSales);
    if (error.empty()) {
        Reader sr(sale, "sale", error);
        out.sale = readSale(sr, "sale", error);
        if (error.empty() && out.sale.kind != "sale")
            sr.fail("kind", "must be sale");
    }
    for (std::size_t i = 0; returns && i < returns->size() && error.empty(); ++i) {
        Reader rr(&(*returns)[i], r.at("returns", i), error);
        auto doc = readSale(rr, r.at("returns", i), error);
        if (error.empty() && doc.kind != "return")
            rr.fail("kind", "must be return");
        if (error.empty() && doc.originalUuid != out.sale.uuid)
            rr.fail("original_uuid", "must be the sale's uuid");
        out.returns.push_back(std::move(doc));
    }
    return finish(std::move(out), error);
}

Result<SaleBatchResult> decodeSaleBatchResult(std::string_view text) {
    auto value = parse(text);
    if (!value)
        return value.error();
    std::string error;
    Reader r(&value.value(), "", error);
    SaleBatchResult out;
    if (const auto* results = r.array("results", kMaxBatchSales))
        for (std::size_t i = 0; i < results->size() && error.empty(); ++i) {
            Reader rr(&(*results)[i], r.at("results", i), error);
            SaleResult s;
            s.uuid = rr.text("uuid", 36);
            s.seq = rr.integer("seq", 0, std::numeric_limits<std::int64_t>::max());
            s.status = rr.oneOf("status", {"stored", "duplicate", "quarantined"});
            s.reason = rr.text("reason", 1000, false);
            out.results.push_back(std::move(s));
        }
    if (const auto* breaks = r.array("journal_breaks", kMaxBatchSales))
        for (const auto& b : *breaks) {
            if (!b.is_int64())
                r.fail("journal_breaks", "must hold integers");
            else
                out.journalBreaks.push_back(b.get_int64());
        }
    return finish(std::move(out), error);
}

} // namespace baidian::protocol
