#pragma once

#include "baidian/domain/money.h"
#include "baidian/pos/types.h"

#include <SQLiteCpp/Database.h>
#include <string>
#include <vector>

namespace baidian::pos {

/// What a receipt says, independent of how it is printed: the thermal printer (ESC/POS,
/// GB18030) and the PDF renderer both render this. Text is UTF-8.
struct Receipt {
    struct Line {
        std::string name;
        std::string quantity;  ///< "1.500kg (3.00斤)" or "×2"
        std::string unitPrice; ///< "¥6.80/斤"
        domain::Fen amount;    ///< gross
        std::vector<std::pair<std::string, domain::Fen>>
            adjustments; ///< promotion, discount (negative)
    };
    struct Payment {
        std::string label; ///< "现金", "微信支付" ...
        domain::Fen amount;
        std::string reference;
    };

    std::string outletName;
    std::string outletCode;
    int terminalNo = 0;
    std::string receiptNo;
    std::string uuid;
    bool isReturn = false;
    std::string originalReceiptNo;
    std::string dateTime; ///< China time
    std::string cashierName;
    std::vector<Line> lines;
    domain::Fen subtotal;
    domain::Fen orderDiscount;
    domain::Fen rounding;
    domain::Fen total; ///< negative for a return
    std::vector<Payment> payments;
    domain::Fen change;
    bool reprint = false;  ///< printed again: marked 重打
    std::string qrPayload; ///< identifies the sale for origin look-up: "BD1|<receipt>|<uuid>"

    /// Plain text for a fixed-width printer of `columns` characters (32 for 58 mm, 48 for
    /// 80 mm); Chinese characters count two columns.
    std::string toText(int columns = 32) const;
};

/// Loads a stored sale's receipt by its number, or by its sequence digits alone ("3" for this
/// till's HZ-F01-03-000003). Errors: NotFound.
Result<Receipt> loadReceipt(SQLite::Database& db, const TerminalConfig& terminal,
                            const std::string& receiptNo);

/// Display width of UTF-8 text on a receipt printer (CJK and full-width characters count 2).
int displayWidth(std::string_view utf8);

} // namespace baidian::pos
