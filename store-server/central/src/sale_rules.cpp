#include "baidian/server/sale_rules.h"

#include "baidian/domain/pricing.h"
#include "baidian/domain/time.h"

#include <set>

namespace baidian::server {

using protocol::SaleDoc;
using protocol::SaleLineDoc;

namespace {

std::string fen(std::int64_t v) {
    return std::to_string(v) + " fen";
}

/// Checked sums: false when the sum would leave the int64 range.
bool add(std::int64_t& into, std::int64_t v) {
    return !__builtin_add_overflow(into, v, &into);
}

std::int64_t magnitude(std::int64_t v) {
    return v < 0 ? (v == INT64_MIN ? INT64_MAX : -v) : v;
}

/// Whether `v` has the sign a sale (≥ 0) or a return (≤ 0) must have.
bool signOk(std::int64_t v, bool isReturn) {
    return isReturn ? v <= 0 : v >= 0;
}

/// The amount of `grams` (or `units`) of `line` at its unit price; nullopt when impossible.
std::optional<std::int64_t> amountOf(const SaleLineDoc& line, std::int64_t quantity) {
    auto basis = domain::parsePriceBasis(line.priceBasis);
    if (!basis)
        return std::nullopt;
    const domain::UnitPrice price{domain::Fen(line.unitPriceFen), *basis};
    auto amount = price.byWeight() ? domain::amountForWeight(price, domain::Grams(quantity),
                                                             domain::RoundingMode::HalfUp)
                                   : domain::amountForQuantity(price, quantity);
    if (!amount)
        return std::nullopt;
    return amount->value();
}

std::string checkLine(const SaleDoc& sale, const SaleLineDoc& l, const SaleLimits& limits,
                      std::int64_t& net, std::int64_t& paid) {
    const bool isReturn = sale.kind == "return";
    const std::string at = "line " + std::to_string(l.lineNo) + ": ";
    const bool byWeight = l.priceBasis != "unit";
    if (byWeight ? (l.grams < 1 || l.units != 0) : (l.units < 1 || l.grams != 0))
        return "quantity: " + at +
               (byWeight ? "a line priced per " + l.priceBasis + " sells grams (≥ 1) and no units"
                         : std::string("a line priced per unit sells units (≥ 1) and no grams"));
    if (l.grams > limits.maxLineGrams)
        return "caps: " + at + std::to_string(l.grams) + " g is more than the " +
               std::to_string(limits.maxLineGrams) + " g one line may sell";
    if (l.units > limits.maxLineUnits)
        return "caps: " + at + std::to_string(l.units) + " units is more than the " +
               std::to_string(limits.maxLineUnits) + " one line may sell";
    if (!signOk(l.grossFen, isReturn) || !signOk(l.promotionFen, isReturn) ||
        !signOk(l.lineDiscountFen, isReturn) || !signOk(l.paidFen, isReturn))
        return "sign: " + at + "a " + sale.kind + "'s gross, promotion, discount and paid are " +
               (isReturn ? "≤ 0" : "≥ 0");
    if (magnitude(l.grossFen) > limits.maxLineFen)
        return "caps: " + at + "gross " + fen(l.grossFen) + " is more than the " +
               fen(limits.maxLineFen) + " one line may be";
    // gross = price × quantity, rounded once by the shop's rule (a return refunds at most that).
    const std::int64_t quantity = byWeight ? l.grams : l.units;
    const auto exact = amountOf(l, quantity);
    if (!exact)
        return "gross: " + at + "its price × quantity cannot be computed";
    std::int64_t low = *exact, high = *exact;
    if (byWeight) { // a scale label's amount: the weight behind it is rounded to the gram
        const auto below = amountOf(l, quantity - 1);
        const auto above = amountOf(l, quantity + 1);
        if (!below || !above)
            return "gross: " + at + "its price × quantity cannot be computed";
        low = *below;
        high = *above;
    }
    const std::int64_t gross = magnitude(l.grossFen);
    if (isReturn ? gross > high : (gross < low || gross > high))
        return "gross: " + at + "gross " + fen(l.grossFen) + " is not " + fen(l.unitPriceFen) +
               " per " + l.priceBasis + " × " + std::to_string(quantity) + (byWeight ? " g" : "") +
               " (" + fen(*exact) + ")";
    if (magnitude(l.promotionFen) > gross || magnitude(l.lineDiscountFen) > gross)
        return "paid: " + at + "a promotion or discount larger than the line";
    std::int64_t expect = l.grossFen;
    if (__builtin_sub_overflow(expect, l.promotionFen, &expect) ||
        __builtin_sub_overflow(expect, l.lineDiscountFen, &expect))
        return "paid: " + at + "the amounts overflow";
    if (!add(net, expect))
        return "total: the lines' amounts overflow";
    if (__builtin_sub_overflow(expect, l.orderShareFen, &expect) || expect != l.paidFen)
        return "paid: " + at + "gross − promotion − discount − order share is not paid (" +
               fen(l.paidFen) + ")";
    if (magnitude(l.paidFen) - gross > magnitude(sale.roundingFen)) // gross ≥ 0: no overflow
        return "paid: " + at + "paid " + fen(l.paidFen) + " is more than its gross " +
               fen(l.grossFen);
    if (!add(paid, l.paidFen))
        return "total: the lines' paid amounts overflow";
    if (isReturn != l.originalLineNo.has_value())
        return "kind: " + at +
               (isReturn ? "a return's line names the line it returns (original_line_no)"
                         : "a sale's line returns nothing (original_line_no)");
    return {};
}

std::string checkDates(const SaleDoc& s, const SaleContext& context) {
    if (!domain::isDate(s.businessDate))
        return "date: business_date \"" + s.businessDate.substr(0, 16) + "\" is not a date";
    if (s.businessDate < context.openedOn)
        return "date: business date " + s.businessDate + " is before the outlet opened (" +
               context.openedOn + ")";
    if (!context.latestDate.empty() && s.businessDate > context.latestDate)
        return "date: business date " + s.businessDate + " is in the future (after " +
               context.latestDate + ")";
    try {
        const auto at = domain::parseIsoUtc(s.completedAt);
        if (domain::isoUtc(at) != s.completedAt)
            return "date: completed_at \"" + s.completedAt.substr(0, 25) +
                   "\" is not YYYY-MM-DDTHH:MM:SSZ";
        if (domain::businessDate(at) != s.businessDate)
            return "date: completed at " + s.completedAt + ", which is business date " +
                   domain::businessDate(at) + ", not " + s.businessDate;
    } catch (const std::exception&) {
        return "date: completed_at \"" + s.completedAt.substr(0, 25) +
               "\" is not YYYY-MM-DDTHH:MM:SSZ";
    }
    return {};
}

} // namespace

std::string checkSaleRules(const SaleDoc& s, const SaleLimits& limits, const SaleContext& context) {
    const bool isReturn = s.kind == "return";
    if (s.kind != "sale" && !isReturn)
        return "kind: a sale or a return, not \"" + s.kind.substr(0, 16) + "\"";
    if (s.lines.empty())
        return "lines: a sale without lines";
    if (s.lines.size() > limits.maxLines)
        return "lines: " + std::to_string(s.lines.size()) + " lines, more than " +
               std::to_string(limits.maxLines);
    if (s.tenders.size() > limits.maxTenders)
        return "tenders: " + std::to_string(s.tenders.size()) + " tenders, more than " +
               std::to_string(limits.maxTenders);
    if (isReturn == s.originalUuid.empty())
        return isReturn ? "kind: a return names the sale it returns (original_uuid)"
                        : "kind: a sale returns no other sale (original_uuid)";
    std::set<int> numbers;
    for (const auto& l : s.lines)
        if (!numbers.insert(l.lineNo).second)
            return "lines: line number " + std::to_string(l.lineNo) + " appears twice";
    if (auto why = checkDates(s, context); !why.empty())
        return why;

    std::int64_t net = 0, paid = 0;
    for (const auto& l : s.lines)
        if (auto why = checkLine(s, l, limits, net, paid); !why.empty())
            return why;

    if (!signOk(s.subtotalFen, isReturn) || !signOk(s.discountFen, isReturn) ||
        !signOk(s.totalFen, isReturn))
        return std::string("sign: a ") + s.kind + "'s subtotal, discount and total are " +
               (isReturn ? "≤ 0" : "≥ 0");
    if (magnitude(s.totalFen) > limits.maxSaleFen)
        return "caps: total " + fen(s.totalFen) + " is more than the " + fen(limits.maxSaleFen) +
               " one sale may be";
    if (s.subtotalFen != net)
        return "total: subtotal " + fen(s.subtotalFen) + " is not the lines' net " + fen(net);
    std::int64_t total = s.subtotalFen;
    if (__builtin_sub_overflow(total, s.discountFen, &total) ||
        __builtin_sub_overflow(total, s.roundingFen, &total) || total != s.totalFen)
        return "total: subtotal − discount − rounding is not the total " + fen(s.totalFen);
    if (paid != s.totalFen)
        return "total: the lines' paid amounts (" + fen(paid) + ") are not the total (" +
               fen(s.totalFen) + ")";

    std::int64_t tendered = 0, cash = 0, nonCash = 0;
    for (const auto& t : s.tenders) {
        if (!signOk(t.amountFen, isReturn))
            return "sign: a " + s.kind + "'s " + t.kind + " tender is " +
                   (isReturn ? "≤ 0 (money given back)" : "≥ 0 (money taken)");
        if (!add(tendered, t.amountFen) || !add(t.kind == "cash" ? cash : nonCash, t.amountFen))
            return "tenders: the tenders overflow";
    }
    if (s.changeFen < 0 || (isReturn && s.changeFen != 0))
        return "sign: change is ≥ 0, and only a sale gives change";
    if (s.changeFen > 0 && s.changeFen >= cash)
        return "tenders: change " + fen(s.changeFen) + " is given out of cash (" + fen(cash) +
               " tendered in cash)";
    if (magnitude(nonCash) > magnitude(s.totalFen))
        return "tenders: card and app payments (" + fen(nonCash) + ") are more than the total (" +
               fen(s.totalFen) + ")";
    std::int64_t net2 = tendered;
    if (__builtin_sub_overflow(net2, s.changeFen, &net2) || net2 != s.totalFen)
        return "tenders: tenders less change are not the total " + fen(s.totalFen);
    if (s.tenders.empty() && s.totalFen != 0)
        return "tenders: a sale of " + fen(s.totalFen) + " without a tender";
    return {};
}

} // namespace baidian::server
