#include "baidian/pos/escpos.h"

#include <memory>
#include <stdexcept>
#include <unicode/ucnv.h>

namespace baidian::pos {

std::string toGb18030(const std::string& utf8) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, decltype(&ucnv_close)> gb(ucnv_open("GB18030", &status),
                                                          ucnv_close);
    if (U_FAILURE(status))
        throw std::runtime_error(std::string("ICU has no GB18030 converter: ") +
                                 u_errorName(status));
    std::string out(utf8.size() * 2 + 16, '\0');
    status = U_ZERO_ERROR;
    const int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                   utf8.data(), static_cast<int32_t>(utf8.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        out.resize(static_cast<std::size_t>(n) + 1);
        status = U_ZERO_ERROR;
        ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                     static_cast<int32_t>(utf8.size()), &status);
    }
    if (U_FAILURE(status))
        throw std::runtime_error(std::string("GB18030 conversion failed: ") + u_errorName(status));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string renderEscPos(const Receipt& receipt, int columns) {
    constexpr char ESC = 0x1b, GS = 0x1d;
    std::string out;
    out += {ESC, '@'};      // initialise
    out += {0x1c, '&'};     // FS &: Chinese character mode
    out += {ESC, 'a', 1};   // centre
    out += {GS, '!', 0x11}; // double width and height
    out += toGb18030(receipt.outletName) + "\n";
    out += {GS, '!', 0x00};
    out += {ESC, 'a', 0}; // left
    // The body is the same text the preview shows, minus the centred header lines.
    std::string text = receipt.toText(columns);
    const auto firstBreak = text.find('\n');
    out += toGb18030(text.substr(firstBreak + 1));
    // QR code: model 2, module size 6, error correction M, store, print (GS ( k).
    const std::string& data = receipt.qrPayload;
    const auto storeLength = data.size() + 3;
    out += {ESC, 'a', 1};
    out += {GS, '(', 'k', 4, 0, 49, 65, 50, 0};
    out += {GS, '(', 'k', 3, 0, 49, 67, 6};
    out += {GS, '(', 'k', 3, 0, 49, 69, 49};
    out += {GS,
            '(',
            'k',
            static_cast<char>(storeLength & 0xff),
            static_cast<char>((storeLength >> 8) & 0xff),
            49,
            80,
            48};
    out += data;
    out += {GS, '(', 'k', 3, 0, 49, 81, 48};
    out += {ESC, 'a', 0};
    out += {ESC, 'd', 4};    // feed 4 lines
    out += {GS, 'V', 66, 0}; // partial cut
    return out;
}

std::string renderEscPosReport(const std::string& text) {
    constexpr char ESC = 0x1b, GS = 0x1d;
    std::string out;
    out += {ESC, '@'};  // initialise
    out += {0x1c, '&'}; // FS &: Chinese character mode
    out += {ESC, 'a', 0};
    out += toGb18030(text);
    if (!text.empty() && text.back() != '\n')
        out += '\n';
    out += {ESC, 'd', 4};    // feed 4 lines
    out += {GS, 'V', 66, 0}; // partial cut
    return out;
}

} // namespace baidian::pos
