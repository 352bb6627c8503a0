#include "baidian/pos/receipt.h"

#include "baidian/domain/pricing.h"
#include "baidian/domain/time.h"
#include "baidian/domain/weight.h"
#include "baidian/pos/sale_record.h"

#include <SQLiteCpp/Statement.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace baidian::pos {

using domain::Fen;
using domain::Grams;

namespace {

std::string tenderLabel(const std::string& kind) {
    if (kind == "cash")
        return "现金";
    if (kind == "card")
        return "银行卡";
    if (kind == "wechat")
        return "微信支付";
    if (kind == "alipay")
        return "支付宝";
    return kind;
}

std::string basisLabel(const std::string& basis) {
    if (basis == "jin")
        return "/斤";
    if (basis == "kg")
        return "/kg";
    return "";
}

/// `left` and `right` on one line of `columns`, right-aligned; wraps when they do not fit.
std::string row(const std::string& left, const std::string& right, int columns) {
    const int gap = columns - displayWidth(left) - displayWidth(right);
    if (gap >= 1)
        return left + std::string(static_cast<std::size_t>(gap), ' ') + right + "\n";
    const int pad = columns - displayWidth(right);
    return left + "\n" + std::string(static_cast<std::size_t>(pad > 0 ? pad : 0), ' ') + right +
           "\n";
}

std::string centered(const std::string& text, int columns) {
    const int pad = (columns - displayWidth(text)) / 2;
    return std::string(static_cast<std::size_t>(pad > 0 ? pad : 0), ' ') + text + "\n";
}

} // namespace

int displayWidth(std::string_view utf8) {
    int width = 0;
    int32_t i = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto length = static_cast<int32_t>(utf8.size());
    while (i < length) {
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        if (c < 0)
            continue;
        const auto eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        width += (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) ? 2 : 1;
    }
    return width;
}

Result<Receipt> loadReceipt(SQLite::Database& db, const TerminalConfig& terminal,
                            const std::string& typed) {
    const std::string receiptNo = typedReceiptNumber(terminal, typed);
    SQLite::Statement sale(
        db, "SELECT s.id, s.uuid, s.kind, COALESCE(o.receipt_no, s.original_receipt_no, ''), "
            "s.completed_at, c.name, "
            "s.subtotal_fen, s.discount_fen, s.rounding_fen, s.total_fen, s.change_fen "
            "FROM sale s JOIN cashier c ON c.id = s.cashier_id "
            "LEFT JOIN sale o ON o.id = s.original_sale_id WHERE s.receipt_no = ?");
    sale.bind(1, receiptNo);
    if (!sale.executeStep())
        return keyedError(ErrorCode::NotFound, "no sale with receipt number %1 on this till",
                          {receiptNo});
    Receipt r;
    const auto saleId = sale.getColumn(0).getInt64();
    r.outletName = terminal.outletName;
    r.outletCode = terminal.outletCode;
    r.terminalNo = terminal.terminalNo;
    r.receiptNo = receiptNo;
    r.uuid = sale.getColumn(1).getString();
    r.isReturn = sale.getColumn(2).getString() == "return";
    r.originalReceiptNo = sale.getColumn(3).getString();
    r.dateTime = domain::localDateTime(domain::parseIsoUtc(sale.getColumn(4).getString()));
    r.cashierName = sale.getColumn(5).getString();
    r.subtotal = Fen(sale.getColumn(6).getInt64());
    r.orderDiscount = Fen(sale.getColumn(7).getInt64());
    r.rounding = Fen(sale.getColumn(8).getInt64());
    r.total = Fen(sale.getColumn(9).getInt64());
    r.change = Fen(sale.getColumn(10).getInt64());
    r.qrPayload = "BD1|" + receiptNo + "|" + r.uuid;

    SQLite::Statement lines(db,
                            "SELECT l.name, l.units, l.grams, l.unit_price_fen, l.price_basis, "
                            "l.gross_fen, COALESCE(p.name, l.promotion_code, ''), l.promotion_fen, "
                            "l.line_discount_fen, l.entry FROM sale_line l "
                            "LEFT JOIN promotion p ON p.code = l.promotion_code "
                            "WHERE l.sale_id = ? ORDER BY l.line_no");
    lines.bind(1, saleId);
    while (lines.executeStep()) {
        Receipt::Line line;
        line.name = lines.getColumn(0).getString();
        const auto units = lines.getColumn(1).getInt64();
        const Grams grams(lines.getColumn(2).getInt64());
        const std::string basis = lines.getColumn(4).getString();
        if (basis == "unit")
            line.quantity = "×" + std::to_string(units);
        else
            line.quantity = grams.formatKg() + " (" + grams.formatJin() + ")";
        line.unitPrice = Fen(lines.getColumn(3).getInt64()).format() + basisLabel(basis);
        line.amount = Fen(lines.getColumn(5).getInt64());
        if (const auto promo = Fen(lines.getColumn(7).getInt64()); promo.value() != 0)
            line.adjustments.emplace_back(lines.getColumn(6).getString(), -promo);
        if (const auto discount = Fen(lines.getColumn(8).getInt64()); discount.value() != 0)
            line.adjustments.emplace_back("折扣", -discount);
        r.lines.push_back(std::move(line));
    }
    SQLite::Statement tenders(db, "SELECT kind, amount_fen, COALESCE(reference, '') FROM tender "
                                  "WHERE sale_id = ? ORDER BY seq");
    tenders.bind(1, saleId);
    while (tenders.executeStep())
        r.payments.push_back({tenderLabel(tenders.getColumn(0).getString()),
                              Fen(tenders.getColumn(1).getInt64()),
                              tenders.getColumn(2).getString()});
    return r;
}

std::string Receipt::toText(int columns) const {
    const std::string rule(static_cast<std::size_t>(columns), '-');
    std::string out;
    out += centered(outletName, columns);
    out += centered(std::string(isReturn ? "退货单" : "销售小票") + (reprint ? " (重打)" : ""),
                    columns);
    out += "单号 " + receiptNo + "\n";
    if (!originalReceiptNo.empty())
        out += "原单 " + originalReceiptNo + "\n";
    out += "时间 " + dateTime + "\n";
    out += "收银员 " + cashierName + "  机号 " + std::to_string(terminalNo) + "\n";
    out += rule + "\n";
    for (const auto& line : lines) {
        out += line.name + "\n";
        out += row("  " + line.quantity + " @" + line.unitPrice, line.amount.format(), columns);
        for (const auto& [label, amount] : line.adjustments)
            out += row("  " + label, amount.format(), columns);
    }
    out += rule + "\n";
    out += row("小计", subtotal.format(), columns);
    if (orderDiscount.value() != 0)
        out += row("整单折扣", (-orderDiscount).format(), columns);
    if (rounding.value() != 0)
        out += row("抹零", (-rounding).format(), columns);
    out += row(isReturn ? "退款合计" : "合计", total.format(), columns);
    for (const auto& p : payments) {
        out += row(p.label, p.amount.format(), columns);
        if (!p.reference.empty())
            out += "  参考号 " + p.reference + "\n";
    }
    if (change.value() != 0)
        out += row("找零", change.format(), columns);
    out += rule + "\n";
    out += centered("扫码查询产地 · 谢谢惠顾", columns);
    return out;
}

} // namespace baidian::pos
