#pragma once

#include "baidian/domain/money.h"
#include "baidian/pos/types.h"

#include <SQLiteCpp/Database.h>
#include <map>
#include <string>

namespace baidian::pos {

/// An X report (mid-shift) or Z report (at close): what the drawer and each tender should hold.
struct ShiftReport {
    std::int64_t shiftId = 0;
    std::string cashierName;
    std::string openedAt; ///< China time
    std::string closedAt; ///< empty for an X report
    domain::Fen openingFloat;
    domain::Fen cashIn;
    domain::Fen cashOut;
    int sales = 0;
    int returns = 0;
    domain::Fen salesTotal;                      ///< sum of sale totals
    domain::Fen returnsTotal;                    ///< sum of refunds (negative)
    domain::Fen discounts;                       ///< promotions, line and order discounts
    domain::Fen rounding;                        ///< 抹零
    std::map<TenderKind, domain::Fen> taken;     ///< net per tender (cash net of change)
    std::map<TenderKind, domain::Fen> expected;  ///< cash: float + taken + in - out
    std::map<TenderKind, domain::Fen> counted;   ///< Z only
    std::map<TenderKind, domain::Fen> overShort; ///< counted - expected, Z only

    /// The report as plain text (Chinese labels), for the screen and the printer.
    std::string toText() const;
};

/// Computes the report of a shift from the stored sales, tenders and cash movements.
ShiftReport computeShiftReport(SQLite::Database& db, std::int64_t shiftId);

} // namespace baidian::pos
