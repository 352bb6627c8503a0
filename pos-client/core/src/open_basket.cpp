#include "baidian/pos/open_basket.h"

namespace baidian::pos {

domain::Fen OpenBasket::tendered() const {
    domain::Fen sum;
    for (const auto& t : tenders)
        sum += t.amount;
    return sum;
}

domain::Fen OpenBasket::due() const {
    return totals.total - tendered();
}

Status OpenBasket::reprice() {
    auto priced = priceBasket(lines, promotions, orderDiscount, rounding);
    if (!priced)
        return priced.error();
    totals = *priced;
    return {};
}

Status OpenBasket::change(const std::function<void()>& edit) {
    auto keptLines = lines;
    auto keptPromotions = promotions;
    const auto keptOrderDiscount = orderDiscount;
    const auto keptRounding = rounding;
    edit();
    if (auto ok = reprice(); !ok) {
        lines = std::move(keptLines);
        promotions = std::move(keptPromotions);
        orderDiscount = keptOrderDiscount;
        rounding = keptRounding;
        (void)reprice();
        return ok;
    }
    return {};
}

} // namespace baidian::pos
