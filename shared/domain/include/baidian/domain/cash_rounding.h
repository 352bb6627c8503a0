#pragma once

#include "baidian/domain/money.h"

#include <string_view>

namespace baidian::domain {

/// 抹零: dropping small change from a total.
enum class CashRoundingUnit {
    Jiao, ///< 角, 0.10 yuan
    Yuan, ///< 元
};

enum class CashRoundingDirection {
    Down,    ///< always in the customer's favour (the usual 抹零)
    Nearest, ///< half-up; may round a total up by up to half a unit
};

struct CashRounding {
    Fen rounded;  ///< what the customer pays
    Fen discount; ///< total - rounded, recorded as a discount (negative if rounded up)
};

/// Rounds a sale total for payment. Negative totals (refunds) round toward zero the same way,
/// so the shop never pays out more than it took. The discount is what gets recorded.
Result<CashRounding> roundCash(Fen total, CashRoundingUnit unit, CashRoundingDirection direction);

std::string_view toString(CashRoundingUnit unit);
std::string_view toString(CashRoundingDirection direction);

} // namespace baidian::domain
