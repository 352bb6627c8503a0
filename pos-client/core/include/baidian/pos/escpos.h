#pragma once

#include "baidian/pos/receipt.h"

#include <string>

namespace baidian::pos {

/// The receipt as an ESC/POS byte stream for 58 mm (32 columns) or 80 mm (48 columns) thermal
/// printers: initialise, text in GB18030 (what these printers expect for Chinese, not UTF-8),
/// the title double size, the sale's QR code with the printer's own QR command, feed and cut.
std::string renderEscPos(const Receipt& receipt, int columns = 32);

/// A report (X, Z) as ESC/POS: its text as it stands (the till lays it out in columns), in
/// GB18030, then feed and cut.
std::string renderEscPosReport(const std::string& text);

/// UTF-8 to GB18030 through ICU. Every Unicode character has a GB18030 encoding.
std::string toGb18030(const std::string& utf8);

} // namespace baidian::pos
