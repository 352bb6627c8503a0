#pragma once

#include "baidian/domain/result.h"
#include "baidian/pos/basket.h"
#include "baidian/pos/sale_record.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace baidian::pos {

/// A line of the original sale as seen when a return is rung up against its receipt.
struct ReturnableLine {
    int lineNo = 0;
    std::string name;
    domain::SaleUnit unit = domain::SaleUnit::Each;
    std::int64_t unitsSold = 0;
    domain::Grams gramsSold;
    std::int64_t unitsReturned = 0; ///< by earlier returns
    domain::Grams gramsReturned;
    domain::Fen paid;           ///< what the customer paid for the line
    domain::Fen refunded;       ///< by earlier returns
    std::int64_t productId = 0; ///< in this till's catalog; 0 when it does not sell it
    std::string sku;
    domain::UnitPrice price;     ///< charged, per the line's basis
    domain::UnitPrice listPrice; ///< head office's at the time of sale
};

/// The sale or return a till has open: its lines with their promotions, the discounts and
/// 抹零 on it, what has been paid, and the original sale a return is against. A plain value:
/// the Till decides what may change (cashier, shift, approvals, limits); this only keeps the
/// basket and its totals consistent. `totals` are those of the last reprice(). Not
/// thread-safe.
struct OpenBasket {
    bool open = false;
    bool isReturn = false;
    std::optional<std::int64_t> originalSaleId; ///< the original, when this till sold it
    std::string originalUuid;                   ///< the original of the open return
    std::string originalReceiptNo;
    std::vector<ReturnableLine> returnable;
    std::vector<TenderEntry> originalTenders;
    std::vector<BasketLine> lines;
    std::vector<std::vector<Promotion>> promotions; ///< one list per line
    domain::Fen orderDiscount;
    std::optional<std::int64_t> saleApprovedBy;
    std::string saleApprovalWhat;
    std::optional<CashRoundingRule> rounding;
    bool cashRounded = false; ///< `rounding` is the policy's, applied when cash settled
    BasketTotals totals;
    std::vector<TenderEntry> tenders;

    /// The sum of the tenders taken.
    domain::Fen tendered() const;
    /// What is still to pay (or to pay out for a return); negative when change is due.
    domain::Fen due() const;
    /// Back to no open sale: everything empty.
    void reset() { *this = OpenBasket{}; }
    /// Prices the lines again into `totals`. Errors: those of priceBasket, `totals` unchanged.
    Status reprice();
    /// Applies `edit` (to lines, promotions, order discount or rounding) and reprices; if the
    /// new basket does not price (a discount now larger than the sale, an overflow ...) those
    /// are put back as they were and the error returned.
    Status change(const std::function<void()>& edit);
};

} // namespace baidian::pos
