#include "baidian/protocol/master_limits.h"

#include "baidian/domain/barcode.h"
#include "baidian/domain/time.h"

namespace baidian::protocol::limits {

namespace {

std::string tooLong(const char* field, std::size_t size, std::size_t max, bool text) {
    std::string why = std::string(field) + ": is " + std::to_string(size) +
                      " bytes long; a till takes at most " + std::to_string(max) + " bytes";
    if (text)
        why += " (about " + std::to_string(max / 3) + " Chinese characters)";
    return why;
}

/// A required (or, with `optional`, possibly empty) printable text of at most `max` bytes.
std::string checkText(const char* field, const std::string& value, std::size_t max,
                      bool optional = false) {
    if (value.empty())
        return optional ? std::string() : std::string(field) + ": must not be empty";
    if (value.size() > max)
        return tooLong(field, value.size(), max, true);
    if (!isPrintableText(value))
        return std::string(field) + ": must be UTF-8 text without control characters";
    return {};
}

std::string checkCode(const char* field, const std::string& value, std::size_t max,
                      std::string_view extra) {
    if (value.empty())
        return std::string(field) + ": must not be empty";
    if (value.size() > max)
        return tooLong(field, value.size(), max, false);
    for (const char c : value) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                        (c >= 'a' && c <= 'z') || extra.find(c) != std::string_view::npos;
        if (!ok)
            return std::string(field) + ": \"" + value + "\" may hold only letters, digits" +
                   (extra.empty() ? "" : " and " + std::string(extra));
    }
    return {};
}

std::string checkPrice(const char* field, std::int64_t fen) {
    if (fen < 1 || fen > kMaxPriceFen)
        return std::string(field) + ": must be between 1 fen and " +
               std::to_string(kMaxPriceFen / 100) + " yuan, not " + std::to_string(fen) + " fen";
    return {};
}

} // namespace

bool isPrintableText(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        std::uint32_t point = 0;
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f)
                return false;
            ++i;
            continue;
        }
        if ((c & 0xe0) == 0xc0) {
            extra = 1;
            point = c & 0x1fu;
        } else if ((c & 0xf0) == 0xe0) {
            extra = 2;
            point = c & 0x0fu;
        } else if ((c & 0xf8) == 0xf0) {
            extra = 3;
            point = c & 0x07u;
        } else {
            return false;
        }
        if (text.size() - i <= extra)
            return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xc0) != 0x80)
                return false;
            point = (point << 6) | (next & 0x3fu);
        }
        // Overlong forms, surrogates, beyond Unicode, and the C1 control characters.
        const std::uint32_t least[] = {0, 0x80, 0x800, 0x10000};
        if (point < least[extra] || (point >= 0xd800 && point <= 0xdfff) || point > 0x10ffff ||
            (point >= 0x80 && point <= 0x9f))
            return false;
        i += extra + 1;
    }
    return true;
}

std::string checkProduct(const ProductDoc& p) {
    if (auto why = checkCode("sku", p.sku, kSkuBytes, "-_."); !why.empty())
        return why;
    if (auto why = checkText("name", p.name, kNameBytes); !why.empty())
        return why;
    if (auto why = checkText("pinyin", p.pinyin, kPinyinBytes, true); !why.empty())
        return why;
    if (p.saleUnit != "each" && p.saleUnit != "weight")
        return "sale_unit: must be each or weight, not \"" + p.saleUnit + "\"";
    if (p.priceBasis != "unit" && p.priceBasis != "kg" && p.priceBasis != "jin")
        return "price_basis: must be unit, kg or jin, not \"" + p.priceBasis + "\"";
    if ((p.saleUnit == "each") != (p.priceBasis == "unit"))
        return p.saleUnit == "each" ? "price_basis: an item sold by the unit is priced per unit"
                                    : "price_basis: a weighed item is priced per kg or per jin";
    if (auto why = checkPrice("price", p.priceFen); !why.empty())
        return why;
    if (!p.plu.empty()) {
        if (p.plu.size() > kPluDigits || p.plu.find_first_not_of("0123456789") != std::string::npos)
            return "plu: must be 1 to " + std::to_string(kPluDigits) + " digits, not \"" +
                   p.plu.substr(0, kPluDigits + 1) + "\"";
    }
    if (p.barcodes.size() > kBarcodesPerProduct)
        return "barcodes: a till takes at most " + std::to_string(kBarcodesPerProduct) +
               " barcodes per product";
    for (const auto& code : p.barcodes)
        if (auto gtin = domain::parseGtin(code); !gtin)
            return "barcodes: " + gtin.error().message;
    return {};
}

std::string checkPromotion(const PromotionDoc& p) {
    if (auto why = checkCode("code", p.code, kPromotionCodeBytes, "-_."); !why.empty())
        return why;
    if (auto why = checkText("name", p.name, kNameBytes); !why.empty())
        return why;
    if (auto why = checkCode("sku", p.sku, kSkuBytes, "-_."); !why.empty())
        return why;
    if (!domain::isDate(p.startsOn) || !domain::isDate(p.endsOn) || p.endsOn < p.startsOn)
        return "starts_on: starts_on and ends_on must be dates YYYY-MM-DD, in order";
    if (p.kind == "price") {
        if (auto why = checkPrice("price", p.priceFen); !why.empty())
            return why;
    } else if (p.kind == "percent") {
        if (p.percentBp < 1 || p.percentBp > 9999)
            return "percent_off: must be between 0 and 100 percent";
    } else if (p.kind == "buy_x_get_y") {
        if (p.buyQty < 1 || p.buyQty > kMaxPromotionQty || p.freeQty < 1 ||
            p.freeQty > kMaxPromotionQty)
            return "buy: buy and free must be between 1 and " + std::to_string(kMaxPromotionQty);
    } else if (p.kind != "second_half") {
        return "kind: must be price, percent, second_half or buy_x_get_y, not \"" + p.kind + "\"";
    }
    return {};
}

std::string checkCashier(const CashierDoc& c) {
    if (auto why = checkCode("code", c.code, kCashierCodeBytes, ""); !why.empty())
        return why;
    if (auto why = checkText("name", c.name, kCashierNameBytes); !why.empty())
        return why;
    if (c.role != "cashier" && c.role != "supervisor" && c.role != "manager")
        return "role: must be cashier, supervisor or manager, not \"" + c.role + "\"";
    if (c.pinHash.empty() || c.pinHash.size() > kPinHashBytes || !isPrintableText(c.pinHash))
        return "pin_hash: must be an encoded hash of at most " + std::to_string(kPinHashBytes) +
               " bytes";
    return {};
}

namespace {
/// Characters (code points) of valid UTF-8 text.
std::size_t characters(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}
} // namespace

std::string checkQuickKey(const QuickKeyDoc& k) {
    if (k.category.empty() || !isPrintableText(k.category) ||
        characters(k.category) > kQuickKeyChars)
        return "category: must be 1 to " + std::to_string(kQuickKeyChars) + " characters";
    if (auto why = checkCode("sku", k.sku, kSkuBytes, "-_."); !why.empty())
        return why;
    if (!isPrintableText(k.label) || characters(k.label) > kQuickKeyChars)
        return "label: must be at most " + std::to_string(kQuickKeyChars) + " characters";
    return {};
}

} // namespace baidian::protocol::limits
