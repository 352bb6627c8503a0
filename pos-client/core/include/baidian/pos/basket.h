#pragma once

#include "baidian/domain/cash_rounding.h"
#include "baidian/domain/money.h"
#include "baidian/domain/pricing.h"
#include "baidian/pos/types.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace baidian::pos {

/// One line of an open sale or return, as the cashier built it, plus the amounts that
/// priceBasket() computes. Quantities: `units` for unit items, `grams` for weighed items.
struct BasketLine {
    std::int64_t productId = 0;
    std::string sku;
    std::string name;
    domain::SaleUnit unit = domain::SaleUnit::Each;
    std::int64_t units = 0;
    domain::Grams grams;
    domain::UnitPrice listPrice; ///< head office's price
    domain::UnitPrice price;     ///< price charged (differs after an override)
    bool priceOverridden = false;
    std::optional<domain::Fen> labelAmount; ///< a price-embedded label fixes the gross amount
    domain::Fen lineDiscount;               ///< cashier's discount on this line
    EntryMethod entry = EntryMethod::Scan;
    std::optional<WeightSource> weightSource;
    std::string barcode;
    std::optional<std::int64_t> approvedBy;  ///< supervisor who approved an override/discount
    std::optional<int> originalLineNo;       ///< return: the original sale's line
    std::optional<domain::Fen> refundAmount; ///< return: the gross paid back (from the original)

    // Computed by priceBasket():
    domain::Fen gross; ///< price × quantity or weight (or the label's amount)
    std::string promotionCode;
    domain::Fen promotionDiscount;
    domain::Fen net;        ///< gross - promotion - line discount
    domain::Fen orderShare; ///< share of the order discount and 抹零
    domain::Fen paid;       ///< net - orderShare: what the customer pays for this line
};

struct CashRoundingRule {
    domain::CashRoundingUnit unit = domain::CashRoundingUnit::Jiao;
    domain::CashRoundingDirection direction = domain::CashRoundingDirection::Down;
    /// What card and mobile payments pay to the fen: only the rest (the cash) is rounded.
    domain::Fen exactPart;
};

struct BasketTotals {
    domain::Fen subtotal;      ///< sum of line nets
    domain::Fen orderDiscount; ///< cashier's order discount
    domain::Fen rounding;      ///< 抹零 (positive = given to the customer)
    domain::Fen total;         ///< subtotal - orderDiscount - rounding: what is due
};

/// Best (largest) promotion discount for a line, or nullopt. Ties go to the lower code.
/// Lines with an overridden price or a label amount get no promotion.
std::optional<std::pair<std::string, domain::Fen>>
bestPromotion(const BasketLine& line, const std::vector<Promotion>& promotions);

/// Computes every line's gross, promotion, net, order share and paid amount, and the totals.
/// The order discount and 抹零 are spread over lines in proportion to their nets (largest
/// remainder), so that the paid amounts add up exactly to the total: that is what a return
/// refunds. Errors: Overflow; InvalidArgument if a discount exceeds what it discounts.
Result<BasketTotals> priceBasket(std::vector<BasketLine>& lines,
                                 const std::vector<std::vector<Promotion>>& promotionsPerLine,
                                 domain::Fen orderDiscount,
                                 std::optional<CashRoundingRule> rounding);

} // namespace baidian::pos
