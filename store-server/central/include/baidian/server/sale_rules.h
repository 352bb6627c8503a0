#pragma once
// What a sale must be before head office stores it: the business rules of a till's sale, in
// one place (not in the JSON codec, which only checks types and ranges). Each rule has a name
// that the quarantine records ("sign: ...", "gross: ...").

#include "baidian/protocol/messages.h"

#include <cstdint>
#include <string>

namespace baidian::server {

/// Caps on one line and one sale (configurable: store-server's [ingest] section). Far above a
/// real sale at a produce outlet, far below what would overflow a day's figures.
struct SaleLimits {
    std::int64_t maxLineFen = 10'000'000;  ///< ¥100,000 on one line
    std::int64_t maxSaleFen = 100'000'000; ///< ¥1,000,000 in one sale
    std::int64_t maxLineGrams = 1'000'000; ///< 1 tonne on one line
    std::int64_t maxLineUnits = 10'000;    ///< units of one item on one line
    std::size_t maxLines = 500;            ///< lines in one sale
    std::size_t maxTenders = 20;           ///< tenders in one sale
};

/// What the rules compare a sale with: head office's own data, never the till's.
struct SaleContext {
    std::string openedOn;   ///< the outlet's opening date (YYYY-MM-DD): no sale before it
    std::string latestDate; ///< today + 1 in China time: no sale after it
};

/// The first rule `sale` breaks, as "<rule>: <what is wrong>", or an empty string. Rules:
/// - lines: at least one, at most maxLines; line numbers unique;
/// - kind: a sale has no original sale or line; a return names its original sale, and every
///   line the original line it returns;
/// - quantity: a per-unit line has units ≥ 1 and no grams, a per-kg or per-jin line grams ≥ 1
///   and no units, within the caps;
/// - sign: a sale's amounts are ≥ 0 and a return's ≤ 0 (gross, promotion, discounts, paid,
///   tenders), change ≥ 0 and only a sale's, given out of cash;
/// - gross: the line's gross is its unit price × its quantity, rounded half-up to the fen by
///   domain::amountForWeight / amountForQuantity (for a weighed line the amount of a weight
///   within 1 g of it, which is how a scale label's amount becomes a weight); a return's refund
///   is at most that;
/// - paid: gross − promotion − line discount − order share = paid, and |paid| ≤ |gross| + the
///   sale's cash rounding;
/// - total: subtotal = the lines' net, total = subtotal − discount − rounding = the lines' paid,
///   tenders − change = total; non-cash tenders never exceed the total;
/// - caps: |gross| of a line ≤ maxLineFen, |total| ≤ maxSaleFen;
/// - date: business_date a real date within [openedOn, latestDate], completed_at
///   YYYY-MM-DDTHH:MM:SSZ whose business date (China time) is business_date.
/// All sums are checked: an amount that would overflow breaks the rule it is in.
std::string checkSaleRules(const protocol::SaleDoc& sale, const SaleLimits& limits,
                           const SaleContext& context);

} // namespace baidian::server
