#pragma once

#include "baidian/domain/money.h"
#include "baidian/pos/till_events.h"
#include "baidian/pos/types.h"

#include <SQLiteCpp/Database.h>
#include <map>
#include <string>
#include <vector>

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

    /// A price override, discount over the limit or no-receipt return in a completed sale.
    struct ApprovalLine {
        std::string at; ///< China time
        std::string receiptNo;
        std::string what; ///< as stored: "price override", "line discount", "order discount ..."
        std::string cashierName;
        std::string approverName;
    };
    std::vector<ApprovalLine> approvals;
    /// Voids, removed lines, drawer openings, cash in/out, PIN locks, reprints, in order.
    std::vector<TillEventRow> events;
    /// How many of the events needed a supervisor (with approvals: every approval of the shift).
    int approvedEvents() const;

    /// The report as plain text (Chinese labels), for the screen and the printer.
    std::string toText() const;
};

/// Computes the report of a shift from the stored sales, tenders and cash movements.
ShiftReport computeShiftReport(SQLite::Database& db, std::int64_t shiftId);

} // namespace baidian::pos
