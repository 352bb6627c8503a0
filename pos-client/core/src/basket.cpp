#include "baidian/pos/basket.h"

#include <algorithm>
#include <numeric>

namespace baidian::pos {

using domain::Fen;

namespace {

Result<Fen> grossOf(const BasketLine& line, const domain::UnitPrice& price) {
    if (line.refundAmount)
        return *line.refundAmount;
    if (line.labelAmount)
        return *line.labelAmount;
    if (line.unit == domain::SaleUnit::ByWeight)
        return domain::amountForWeight(price, line.grams, domain::RoundingMode::HalfUp);
    return domain::amountForQuantity(price, line.units);
}

} // namespace

std::optional<std::pair<std::string, Fen>> bestPromotion(const BasketLine& line,
                                                         const std::vector<Promotion>& promotions) {
    if (line.priceOverridden || line.labelAmount || line.refundAmount)
        return std::nullopt;
    std::optional<std::pair<std::string, Fen>> best;
    const auto gross = grossOf(line, line.price);
    if (!gross)
        return std::nullopt;
    for (const auto& promo : promotions) {
        std::optional<Fen> discount;
        switch (promo.kind) {
        case Promotion::Kind::Price: {
            auto promoGross = grossOf(line, domain::UnitPrice{promo.price, line.price.basis});
            if (promoGross && *promoGross < *gross)
                discount = *gross - *promoGross;
            break;
        }
        case Promotion::Kind::Percent:
            if (auto d = domain::percentOf(*gross, promo.percentBp, domain::RoundingMode::HalfUp))
                discount = *d;
            break;
        case Promotion::Kind::SecondHalf:
            if (line.unit == domain::SaleUnit::Each)
                if (auto half =
                        domain::percentOf(line.price.amount, 5000, domain::RoundingMode::HalfUp))
                    if (auto d = half->times(line.units / 2))
                        discount = *d;
            break;
        case Promotion::Kind::BuyXGetY:
            if (line.unit == domain::SaleUnit::Each && promo.buyQty > 0 && promo.freeQty > 0) {
                const auto free = (line.units / (promo.buyQty + promo.freeQty)) * promo.freeQty;
                if (auto d = line.price.amount.times(free))
                    discount = *d;
            }
            break;
        }
        if (discount && discount->value() > 0 &&
            (!best || *discount > best->second ||
             (*discount == best->second && promo.code < best->first)))
            best = std::make_pair(promo.code, *discount);
    }
    return best;
}

Result<BasketTotals> priceBasket(std::vector<BasketLine>& lines,
                                 const std::vector<std::vector<Promotion>>& promotionsPerLine,
                                 Fen orderDiscount, std::optional<CashRoundingRule> rounding) {
    try {
        BasketTotals totals;
        for (auto& line : lines) {
            auto gross = grossOf(line, line.price);
            if (!gross)
                return gross.error();
            line.gross = *gross;
            line.promotionCode.clear();
            line.promotionDiscount = Fen(0);
        }
        // Promotions see the whole basket: the unit lines of one product at one price count as
        // one (two boxes scanned apart are still "second one half price"); the discount is then
        // shared over those lines by their units. Weighed lines are priced each on its own.
        std::vector<bool> priced(lines.size(), false);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (priced[i] || i >= promotionsPerLine.size() || promotionsPerLine[i].empty())
                continue;
            const auto& first = lines[i];
            std::vector<std::size_t> group{i};
            if (first.unit == domain::SaleUnit::Each && !first.priceOverridden &&
                !first.labelAmount && !first.refundAmount)
                for (std::size_t j = i + 1; j < lines.size(); ++j) {
                    const auto& other = lines[j];
                    if (!priced[j] && j < promotionsPerLine.size() &&
                        other.productId == first.productId && other.unit == first.unit &&
                        other.price.amount == first.price.amount &&
                        other.price.basis == first.price.basis && !other.priceOverridden &&
                        !other.labelAmount && !other.refundAmount)
                        group.push_back(j);
                }
            BasketLine whole = first;
            std::vector<std::int64_t> units;
            std::int64_t sum = 0;
            for (const auto at : group) {
                priced[at] = true;
                units.push_back(lines[at].units);
                sum += lines[at].units;
            }
            whole.units = sum;
            const auto best = bestPromotion(whole, promotionsPerLine[i]);
            if (!best)
                continue;
            const auto shares = group.size() == 1 ? std::vector<std::int64_t>{best->second.value()}
                                                  : domain::apportion(best->second.value(), units);
            for (std::size_t k = 0; k < group.size(); ++k) {
                auto& line = lines[group[k]];
                line.promotionCode = best->first;
                line.promotionDiscount = Fen(std::min(shares[k], line.gross.value()));
            }
        }
        std::vector<std::int64_t> weights;
        for (auto& line : lines) {
            line.net = line.gross - line.promotionDiscount - line.lineDiscount;
            if (line.net.value() < 0)
                return keyedError(ErrorCode::InvalidArgument,
                                  "the discount on %1 is larger than its amount", {line.name});
            totals.subtotal += line.net;
            weights.push_back(line.net.value());
        }
        if (orderDiscount.value() < 0 || orderDiscount > totals.subtotal)
            return keyedError(ErrorCode::InvalidArgument,
                              "the order discount is larger than the sale");
        totals.orderDiscount = orderDiscount;
        const Fen afterDiscount = totals.subtotal - orderDiscount;
        totals.total = afterDiscount;
        if (rounding) {
            const Fen exact = std::clamp(rounding->exactPart, Fen(0), afterDiscount);
            auto r = domain::roundCash(afterDiscount - exact, rounding->unit, rounding->direction);
            if (!r)
                return r.error();
            totals.rounding = r->discount;
            totals.total = exact + r->rounded;
        }
        // Spread the order discount and a downward 抹零 over lines; an upward rounding (nearest)
        // is spread as a negative share the same way.
        const std::int64_t spread = (orderDiscount + totals.rounding).value();
        const auto magnitude = spread < 0 ? -spread : spread;
        const auto shares = domain::apportion(magnitude, weights);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            lines[i].orderShare = Fen(spread < 0 ? -shares[i] : shares[i]);
            lines[i].paid = lines[i].net - lines[i].orderShare;
        }
        return totals;
    } catch (const domain::MoneyOverflow& e) {
        return makeError(ErrorCode::Overflow, e.what());
    }
}

} // namespace baidian::pos
