#include "baidian/protocol/codec.h"

#include "baidian/crypto/secrets.h"
#include "baidian/domain/time.h"
#include "baidian/protocol/journal_hash.h"
#include "baidian/protocol/master_limits.h"

#include <algorithm>
#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <limits>

namespace baidian::protocol {

namespace json = boost::json;

namespace {

constexpr std::int64_t kMaxFen = 1'000'000'000'000; // ¥10 billion: far above any real sale
constexpr std::int64_t kMaxQuantity = 100'000'000;

/// A duplicated key is renamed on the way in (kDuplicateMark + its name), so that the Reader of
/// the object that holds it refuses that object alone: the JSON codec keeps the last of
/// duplicated keys, and "two grams, the last one wins" is how a record is smuggled past a check.
constexpr std::string_view kDuplicateMark = "\x01duplicate:";

/// Reads fields of one JSON object strictly. The first problem is kept (with its path); later
/// reads return defaults, so decoders read straight through and check once at the end.
class Reader {
public:
    Reader(const json::value* value, std::string path, std::string& error)
        : m_object(value ? value->if_object() : nullptr)
        , m_path(std::move(path))
        , m_error(error) {
        if (!m_object) {
            fail("", "must be an object");
            return;
        }
        for (const auto& kv : *m_object)
            if (kv.key().starts_with(kDuplicateMark)) {
                fail(std::string_view(kv.key()).substr(kDuplicateMark.size()),
                     "appears twice: a record says each thing once");
                break;
            }
    }

    std::string text(std::string_view key, std::size_t maxLength, bool required = true) {
        const auto* v = find(key, required);
        if (!v || v->is_null())
            return {};
        if (!v->is_string())
            return fail(key, "must be a string"), std::string();
        const auto& s = v->get_string();
        if (s.size() > maxLength)
            return fail(key, "is longer than " + std::to_string(maxLength) + " bytes"),
                   std::string();
        if (required && s.empty())
            return fail(key, "must not be empty"), std::string();
        return std::string(s);
    }

    std::string oneOf(std::string_view key, std::initializer_list<std::string_view> allowed) {
        auto value = text(key, 32);
        if (!m_error.empty())
            return value;
        for (const auto a : allowed)
            if (value == a)
                return value;
        std::string list;
        for (const auto a : allowed)
            list += (list.empty() ? "" : ", ") + std::string(a);
        fail(key, "must be one of " + list);
        return {};
    }

    std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max,
                         bool required = true) {
        const auto* v = find(key, required);
        if (!v || v->is_null())
            return 0;
        std::int64_t out = 0;
        if (v->is_int64())
            out = v->get_int64();
        else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(
                                                          std::numeric_limits<std::int64_t>::max()))
            out = static_cast<std::int64_t>(v->get_uint64());
        else
            return fail(key, "must be an integer"), 0;
        if (out < min || out > max)
            return fail(key,
                        "must be between " + std::to_string(min) + " and " + std::to_string(max)),
                   0;
        return out;
    }

    std::optional<std::int64_t> optionalInteger(std::string_view key, std::int64_t min,
                                                std::int64_t max) {
        const auto* v = find(key, false);
        if (!v || v->is_null())
            return std::nullopt;
        return integer(key, min, max);
    }

    bool boolean(std::string_view key) {
        const auto* v = find(key, true);
        if (!v)
            return false;
        if (!v->is_bool())
            return fail(key, "must be true or false"), false;
        return v->get_bool();
    }

    /// Whether an optional field is present (and not null).
    bool has(std::string_view key) {
        const auto* v = find(key, false);
        return v && !v->is_null();
    }

    std::optional<bool> optionalBoolean(std::string_view key) {
        const auto* v = find(key, false);
        if (!v || v->is_null())
            return std::nullopt;
        return boolean(key);
    }

    const json::array* array(std::string_view key, std::size_t maxItems) {
        const auto* v = find(key, true);
        if (!v)
            return nullptr;
        if (!v->is_array())
            return fail(key, "must be an array"), nullptr;
        if (v->get_array().size() > maxItems)
            return fail(key, "has more than " + std::to_string(maxItems) + " items"), nullptr;
        return &v->get_array();
    }

    /// A required field of any type (an object to read with a Reader of its own).
    const json::value* field(std::string_view key) { return find(key, true); }

    [[nodiscard]] std::string at(std::string_view key, std::size_t index) const {
        return m_path + (m_path.empty() ? "" : ".") + std::string(key) + "[" +
               std::to_string(index) + "]";
    }

    void fail(std::string_view key, const std::string& why) {
        if (m_error.empty())
            m_error = (m_path.empty() ? std::string(key)
                       : key.empty()  ? m_path
                                      : m_path + "." + std::string(key)) +
                      (key.empty() && m_path.empty() ? "" : ": ") + why;
    }

private:
    const json::value* find(std::string_view key, bool required) {
        if (!m_object)
            return nullptr;
        const auto* v = m_object->if_contains(key);
        if (!v && required)
            fail(key, "is missing");
        return v;
    }

    const json::object* m_object;
    std::string m_path;
    std::string& m_error;
};

/// json::parser's own handler (a value_stack), plus the keys seen in each open object.
class MarkingHandler {
public:
    static constexpr std::size_t max_object_size = json::object::max_size();
    static constexpr std::size_t max_array_size = json::array::max_size();
    static constexpr std::size_t max_key_size = json::string::max_size();
    static constexpr std::size_t max_string_size = json::string::max_size();

    json::value_stack st;

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_object_begin(boost::system::error_code&) {
        m_keys.emplace_back();
        return true;
    }
    bool on_object_end(std::size_t n, boost::system::error_code&) {
        m_keys.pop_back();
        st.push_object(n);
        return true;
    }
    bool on_array_begin(boost::system::error_code&) { return true; }
    bool on_array_end(std::size_t n, boost::system::error_code&) {
        st.push_array(n);
        return true;
    }
    bool on_key_part(json::string_view s, std::size_t, boost::system::error_code&) {
        m_key.append(s.data(), s.size());
        return true;
    }
    bool on_key(json::string_view s, std::size_t, boost::system::error_code&) {
        m_key.append(s.data(), s.size());
        auto& seen = m_keys.back();
        if (std::find(seen.begin(), seen.end(), m_key) != seen.end()) {
            const std::string marked = std::string(kDuplicateMark) + m_key;
            st.push_key(json::string_view(marked.data(), marked.size()));
        } else {
            st.push_key(json::string_view(m_key.data(), m_key.size()));
            seen.push_back(m_key);
        }
        m_key.clear();
        return true;
    }
    bool on_string_part(json::string_view s, std::size_t, boost::system::error_code&) {
        st.push_chars(s);
        return true;
    }
    bool on_string(json::string_view s, std::size_t, boost::system::error_code&) {
        st.push_string(s);
        return true;
    }
    bool on_number_part(json::string_view, boost::system::error_code&) { return true; }
    bool on_int64(std::int64_t i, json::string_view, boost::system::error_code&) {
        st.push_int64(i);
        return true;
    }
    bool on_uint64(std::uint64_t u, json::string_view, boost::system::error_code&) {
        st.push_uint64(u);
        return true;
    }
    bool on_double(double d, json::string_view, boost::system::error_code&) {
        st.push_double(d);
        return true;
    }
    bool on_bool(bool b, boost::system::error_code&) {
        st.push_bool(b);
        return true;
    }
    bool on_null(boost::system::error_code&) {
        st.push_null();
        return true;
    }
    bool on_comment_part(json::string_view, boost::system::error_code&) { return true; }
    bool on_comment(json::string_view, boost::system::error_code&) { return true; }

private:
    std::vector<std::vector<std::string>> m_keys; ///< per open object (objects are small)
    std::string m_key;
};

Result<json::value> parse(std::string_view text) {
    if (text.size() > kMaxBodyBytes)
        return makeError(ErrorCode::ParseError,
                         "the body is larger than " + std::to_string(kMaxBodyBytes) + " bytes");
    boost::system::error_code ec;
    json::parse_options options;
    options.max_depth = 16;
    json::basic_parser<MarkingHandler> p(options);
    p.handler().st.reset();
    const auto used = p.write_some(false, text.data(), text.size(), ec);
    if (!ec && used != text.size())
        ec = json::error::extra_data;
    if (ec)
        return makeError(ErrorCode::ParseError, "the body is not valid JSON: " + ec.message());
    return p.handler().st.release();
}

template <typename T> Result<T> finish(T value, const std::string& error) {
    if (!error.empty())
        return makeError(ErrorCode::ParseError, error);
    return value;
}

bool isHex64(const std::string& s) {
    if (s.size() != 64)
        return false;
    for (const char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

/// What names a record in a report: its key field when that is a readable string (cut to 64
/// bytes), else its position in the list.
std::string keyOf(const json::value& record, std::string_view field, std::size_t index) {
    if (const auto* o = record.if_object())
        if (const auto* v = o->if_contains(field); v && v->is_string() && !v->get_string().empty())
            return std::string(
                v->get_string().subview(0, std::min<std::size_t>(v->get_string().size(), 64)));
    return "#" + std::to_string(index);
}

/// Decodes each record of `list` with `read` (which fills `error` with the first problem);
/// good records go to `out`, the others to `skipped` with their reason and JSON.
template <typename T, typename Read>
void eachRecord(const json::array* list, std::string_view kind, std::string_view keyField,
                std::vector<T>& out, std::vector<SkippedRecord>& skipped, Read read) {
    if (!list)
        return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        std::string error;
        Reader r(&(*list)[i], "", error);
        T record = read(r, error);
        if (error.empty()) {
            out.push_back(std::move(record));
            continue;
        }
        skipped.push_back({std::string(kind), keyOf((*list)[i], keyField, i), error,
                           json::serialize((*list)[i])});
    }
}

// --- encoding ---------------------------------------------------------------------------------

json::value nullable(const std::string& s) {
    return s.empty() ? json::value(nullptr) : json::value(s);
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

std::string encode(const ErrorDoc& e) {
    return json::serialize(json::object{{"error", e.error}});
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

Result<ErrorDoc> decodeError(std::string_view text) {
    auto value = parse(text);
    if (!value)
        return value.error();
    std::string error;
    Reader r(&value.value(), "", error);
    ErrorDoc e{r.text("error", 4000)};
    return finish(std::move(e), error);
}

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
