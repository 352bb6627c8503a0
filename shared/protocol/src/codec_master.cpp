// Master data: head office's products, promotions, cashiers and quick keys for a till.
#include "baidian/crypto/secrets.h"
#include "baidian/protocol/codec.h"
#include "baidian/protocol/master_limits.h"
#include "codec_internal.h"

#include <boost/json.hpp>
#include <limits>

namespace baidian::protocol {

namespace json = boost::json;
using detail::eachRecord;
using detail::nullable;
using detail::parse;
using detail::Reader;

std::string encode(const MasterData& data) {
    json::array products, promotions, cashiers;
    for (const auto& p : data.products) {
        json::array codes;
        for (const auto& c : p.barcodes)
            codes.push_back(json::value(c));
        products.push_back(json::object{{"sku", p.sku},
                                        {"name", p.name},
                                        {"pinyin", p.pinyin},
                                        {"sale_unit", p.saleUnit},
                                        {"price_fen", p.priceFen},
                                        {"price_basis", p.priceBasis},
                                        {"plu", nullable(p.plu)},
                                        {"barcodes", std::move(codes)},
                                        {"active", p.active}});
    }
    for (const auto& p : data.promotions)
        promotions.push_back(json::object{{"code", p.code},
                                          {"name", p.name},
                                          {"kind", p.kind},
                                          {"sku", p.sku},
                                          {"price_fen", p.priceFen},
                                          {"percent_bp", p.percentBp},
                                          {"buy_qty", p.buyQty},
                                          {"free_qty", p.freeQty},
                                          {"starts_on", p.startsOn},
                                          {"ends_on", p.endsOn}});
    for (const auto& c : data.cashiers)
        cashiers.push_back(json::object{
            {"code", c.code},
            {"name", c.name},
            {"role", c.role},
            {crypto::isKeyedPinVerifier(c.pinHash) ? "pin_verifier" : "pin_hash", c.pinHash},
            {"active", c.active}});
    json::object out{{"version", data.version},
                     {"products", std::move(products)},
                     {"promotions", std::move(promotions)},
                     {"cashiers", std::move(cashiers)}};
    if (!data.cashRounding.empty())
        out["cash_rounding"] = data.cashRounding;
    if (data.quickKeys) {
        json::array keys;
        for (const auto& k : *data.quickKeys)
            keys.push_back(
                json::object{{"category", k.category}, {"sku", k.sku}, {"label", k.label}});
        out["quick_keys"] = std::move(keys);
    }
    return json::serialize(out);
}

Result<MasterData> decodeMasterData(std::string_view text) {
    auto value = parse(text);
    if (!value)
        return value.error();
    std::string error;
    Reader r(&value.value(), "", error);
    MasterData out;
    out.version = r.integer("version", 0, std::numeric_limits<std::int64_t>::max());
    const auto* products = r.array("products", 1'000'000);
    const auto* promotions = r.array("promotions", 100'000);
    const auto* cashiers = r.array("cashiers", 100'000);
    if (r.has("cash_rounding"))
        out.cashRounding = r.oneOf("cash_rounding", {"off", "jiao", "yuan"});
    const auto* quickKeys =
        r.has("quick_keys") ? r.array("quick_keys", limits::kMaxQuickKeys) : nullptr;
    if (!error.empty())
        return makeError(ErrorCode::ParseError, error);
    // Record by record: one product a till cannot take is skipped and reported, never the
    // whole delivery. Text fields are read up to a generous size, then the one definition of
    // what a till takes (master_limits.h) decides.
    constexpr std::size_t kRead = 4096;
    eachRecord(products, "product", "sku", out.products, out.skipped,
               [](Reader& pr, std::string& why) {
                   ProductDoc p;
                   p.sku = pr.text("sku", kRead);
                   p.name = pr.text("name", kRead);
                   p.pinyin = pr.text("pinyin", kRead, false);
                   p.saleUnit = pr.text("sale_unit", kRead);
                   p.priceFen = pr.integer("price_fen", std::numeric_limits<std::int64_t>::min(),
                                           std::numeric_limits<std::int64_t>::max());
                   p.priceBasis = pr.text("price_basis", kRead);
                   p.plu = pr.text("plu", kRead, false);
                   if (const auto* codes = pr.array("barcodes", 1000))
                       for (const auto& c : *codes) {
                           if (!c.is_string())
                               pr.fail("barcodes", "must hold strings");
                           else
                               p.barcodes.emplace_back(c.get_string());
                       }
                   p.active = pr.boolean("active");
                   if (why.empty())
                       why = limits::checkProduct(p);
                   return p;
               });
    eachRecord(promotions, "promotion", "code", out.promotions, out.skipped,
               [](Reader& pr, std::string& why) {
                   PromotionDoc p;
                   p.code = pr.text("code", kRead);
                   p.name = pr.text("name", kRead);
                   p.kind = pr.text("kind", kRead);
                   p.sku = pr.text("sku", kRead);
                   p.priceFen = pr.integer("price_fen", 0, limits::kMaxPriceFen);
                   p.percentBp = pr.integer("percent_bp", 0, 10000);
                   p.buyQty = pr.integer("buy_qty", 0, limits::kMaxPromotionQty);
                   p.freeQty = pr.integer("free_qty", 0, limits::kMaxPromotionQty);
                   p.startsOn = pr.text("starts_on", kRead);
                   p.endsOn = pr.text("ends_on", kRead);
                   if (why.empty())
                       why = limits::checkPromotion(p);
                   return p;
               });
    eachRecord(cashiers, "cashier", "code", out.cashiers, out.skipped,
               [](Reader& cr, std::string& why) {
                   CashierDoc c;
                   c.code = cr.text("code", kRead);
                   c.name = cr.text("name", kRead);
                   c.role = cr.text("role", kRead);
                   // A terminal with a journal key gets a keyed verifier, never the hash.
                   c.pinHash = cr.text(cr.has("pin_verifier") ? "pin_verifier" : "pin_hash", kRead);
                   c.active = cr.boolean("active");
                   if (why.empty())
                       why = limits::checkCashier(c);
                   return c;
               });
    if (quickKeys) { // present, even empty: head office's whole grid replaces the till's
        out.quickKeys.emplace();
        eachRecord(quickKeys, "quick_key", "sku", *out.quickKeys, out.skipped,
                   [](Reader& kr, std::string& why) {
                       QuickKeyDoc k;
                       k.category = kr.text("category", kRead);
                       k.sku = kr.text("sku", kRead);
                       k.label = kr.text("label", kRead, false);
                       if (why.empty())
                           why = limits::checkQuickKey(k);
                       return k;
                   });
    }
    return out;
}

} // namespace baidian::protocol
