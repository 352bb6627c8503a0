#include "baidian/pos/shift_report.h"

#include "baidian/domain/time.h"

#include <SQLiteCpp/Statement.h>

namespace baidian::pos {

using domain::Fen;

namespace {

std::string local(const std::string& isoUtcText) {
    return domain::localDateTime(domain::parseIsoUtc(isoUtcText));
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

std::string_view eventLabel(TillEventKind kind) {
    switch (kind) {
    case TillEventKind::Void:
        return "整单作废";
    case TillEventKind::LineRemoved:
        return "删除商品";
    case TillEventKind::NoSale:
        return "无销售开钱箱";
    case TillEventKind::CashIn:
        return "存入现金";
    case TillEventKind::CashOut:
        return "取出现金";
    case TillEventKind::PinLocked:
        return "密码锁定";
    case TillEventKind::PinUnlocked:
        return "解除锁定";
    case TillEventKind::Reprint:
        return "重打小票";
    case TillEventKind::NoReceiptReturn:
        return "无小票退货";
    }
    return "?";
}

std::string approvalLabel(const std::string& what) {
    if (what.rfind("price override", 0) == 0)
        return "改价";
    if (what.rfind("line discount", 0) == 0)
        return "单品折扣";
    if (what.rfind("order discount", 0) == 0)
        return "整单折扣" + what.substr(std::string("order discount").size());
    if (what.rfind("no-receipt return", 0) == 0)
        return "无小票退货";
    return what;
}

/// "HH:MM" of a China time "YYYY-MM-DD HH:MM:SS".
std::string clockTime(const std::string& localTime) {
    return localTime.size() >= 16 ? localTime.substr(11, 5) : localTime;
}

} // namespace

int ShiftReport::approvedEvents() const {
    int n = 0;
    for (const auto& e : events)
        n += e.event.approverId.has_value();
    return n;
}

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

    SQLite::Statement approvals(
        db, "SELECT a.at, s.receipt_no, a.what, c.name, v.name FROM approval a "
            "JOIN sale s ON s.id = a.sale_id JOIN cashier c ON c.id = a.cashier_id "
            "JOIN cashier v ON v.id = a.approver_id WHERE s.shift_id = ? ORDER BY a.id");
    approvals.bind(1, shiftId);
    while (approvals.executeStep())
        r.approvals.push_back(
            {local(approvals.getColumn(0).getString()), approvals.getColumn(1).getString(),
             approvals.getColumn(2).getString(), approvals.getColumn(3).getString(),
             approvals.getColumn(4).getString()});
    r.events = shiftEvents(db, shiftId);
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
    // Loss prevention: every event and approval, with who did it and who approved it.
    std::map<TillEventKind, std::pair<int, Fen>> byKind;
    for (const auto& e : events) {
        auto& [n, amount] = byKind[e.event.kind];
        ++n;
        amount += e.event.amount;
    }
    out += "-- 作废、删除、开钱箱与授权 --\n";
    if (events.empty() && approvals.empty())
        out += "无\n";
    for (const auto& [kind, tally] : byKind) {
        out += std::string(eventLabel(kind)) + " " + std::to_string(tally.first) + " 次";
        if (tally.second.value() != 0)
            out += " " + tally.second.format();
        out += "\n";
    }
    if (!approvals.empty())
        out += "授权 " +
               std::to_string(approvals.size() + static_cast<std::size_t>(approvedEvents())) +
               " 次\n";
    for (const auto& e : events) {
        out += clockTime(local(e.event.at)) + " " + std::string(eventLabel(e.event.kind));
        if (e.event.amount.value() != 0)
            out += " " + e.event.amount.format();
        if (!e.event.detail.empty())
            out += " " + e.event.detail;
        if (!e.event.reason.empty())
            out += " 原因:" + e.event.reason;
        if (!e.cashierName.empty())
            out += " 收银员 " + e.cashierName;
        if (!e.subjectName.empty() && e.subjectName != e.cashierName)
            out += " (" + e.subjectName + ")";
        if (!e.approverName.empty())
            out += " 授权 " + e.approverName;
        out += "\n";
    }
    for (const auto& a : approvals)
        out += clockTime(a.at) + " " + approvalLabel(a.what) + " 单号 " + a.receiptNo + " 收银员 " +
               a.cashierName + " 授权 " + a.approverName + "\n";
    return out;
}

} // namespace baidian::pos
