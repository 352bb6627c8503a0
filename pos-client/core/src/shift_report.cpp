#include "baidian/pos/shift_report.h"

#include "baidian/pos/clock.h"

#include <SQLiteCpp/Statement.h>

namespace baidian::pos {

using domain::Fen;

namespace {

std::string local(const std::string& isoUtcText) {
    return localDateTime(parseIsoUtc(isoUtcText));
}

std::string_view tenderLabel(TenderKind kind) {
    switch (kind) {
    case TenderKind::Cash:
        return "现金";
    case TenderKind::Card:
        return "银行卡";
    case TenderKind::WeChat:
        return "微信支付";
    case TenderKind::Alipay:
        return "支付宝";
    }
    return "?";
}

} // namespace

ShiftReport computeShiftReport(SQLite::Database& db, std::int64_t shiftId) {
    ShiftReport r;
    r.shiftId = shiftId;
    SQLite::Statement shift(db, "SELECT c.name, s.opened_at, s.float_fen, s.closed_at FROM shift s "
                                "JOIN cashier c ON c.id = s.cashier_id WHERE s.id = ?");
    shift.bind(1, shiftId);
    if (!shift.executeStep())
        return r;
    r.cashierName = shift.getColumn(0).getString();
    r.openedAt = local(shift.getColumn(1).getString());
    r.openingFloat = Fen(shift.getColumn(2).getInt64());
    if (!shift.getColumn(3).isNull())
        r.closedAt = local(shift.getColumn(3).getString());

    SQLite::Statement moves(db, "SELECT COALESCE(SUM(CASE kind WHEN 'in' THEN amount_fen END), 0), "
                                "COALESCE(SUM(CASE kind WHEN 'out' THEN amount_fen END), 0) "
                                "FROM cash_movement WHERE shift_id = ?");
    moves.bind(1, shiftId);
    moves.executeStep();
    r.cashIn = Fen(moves.getColumn(0).getInt64());
    r.cashOut = Fen(moves.getColumn(1).getInt64());

    SQLite::Statement sales(
        db, "SELECT kind, count(*), SUM(total_fen), SUM(discount_fen), SUM(rounding_fen), "
            "SUM(change_fen) FROM sale WHERE shift_id = ? GROUP BY kind");
    sales.bind(1, shiftId);
    Fen change;
    while (sales.executeStep()) {
        const bool isReturn = sales.getColumn(0).getString() == "return";
        (isReturn ? r.returns : r.sales) = sales.getColumn(1).getInt();
        (isReturn ? r.returnsTotal : r.salesTotal) = Fen(sales.getColumn(2).getInt64());
        r.discounts += Fen(sales.getColumn(3).getInt64());
        r.rounding += Fen(sales.getColumn(4).getInt64());
        change += Fen(sales.getColumn(5).getInt64());
    }
    SQLite::Statement lineDiscounts(
        db, "SELECT COALESCE(SUM(l.promotion_fen + l.line_discount_fen), 0) "
            "FROM sale_line l JOIN sale s ON s.id = l.sale_id WHERE s.shift_id = ?");
    lineDiscounts.bind(1, shiftId);
    lineDiscounts.executeStep();
    r.discounts += Fen(lineDiscounts.getColumn(0).getInt64());

    for (const auto kind : kAllTenderKinds)
        r.taken[kind] = Fen(0);
    SQLite::Statement tenders(
        db, "SELECT t.kind, SUM(t.amount_fen) FROM tender t JOIN sale s ON s.id = t.sale_id "
            "WHERE s.shift_id = ? GROUP BY t.kind");
    tenders.bind(1, shiftId);
    while (tenders.executeStep())
        r.taken[parseTenderKind(tenders.getColumn(0).getString()).value()] =
            Fen(tenders.getColumn(1).getInt64());
    r.taken[TenderKind::Cash] -= change;

    r.expected = r.taken;
    r.expected[TenderKind::Cash] =
        r.openingFloat + r.taken[TenderKind::Cash] + r.cashIn - r.cashOut;

    SQLite::Statement counts(db, "SELECT tender, counted_fen FROM shift_count WHERE shift_id = ?");
    counts.bind(1, shiftId);
    while (counts.executeStep()) {
        const auto kind = parseTenderKind(counts.getColumn(0).getString()).value();
        r.counted[kind] = Fen(counts.getColumn(1).getInt64());
        r.overShort[kind] = r.counted[kind] - r.expected[kind];
    }
    return r;
}

std::string ShiftReport::toText() const {
    std::string out = closedAt.empty() ? "X 报表 (班中)\n" : "Z 报表 (交班)\n";
    out += "班次 " + std::to_string(shiftId) + "  收银员 " + cashierName + "\n";
    out += "开班 " + openedAt + "\n";
    if (!closedAt.empty())
        out += "交班 " + closedAt + "\n";
    out += "备用金 " + openingFloat.format() + "  存入 " + cashIn.format() + "  取出 " +
           cashOut.format() + "\n";
    out += "销售 " + std::to_string(sales) + " 笔 " + salesTotal.format() + "\n";
    out += "退货 " + std::to_string(returns) + " 笔 " + returnsTotal.format() + "\n";
    out += "折扣 " + discounts.format() + "  抹零 " + rounding.format() + "\n";
    for (const auto& [kind, amount] : expected) {
        out += std::string(tenderLabel(kind)) + " 应有 " + amount.format();
        if (auto c = counted.find(kind); c != counted.end())
            out += "  实点 " + c->second.format() + "  差额 " + overShort.at(kind).format();
        out += "\n";
    }
    return out;
}

} // namespace baidian::pos
