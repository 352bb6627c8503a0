#pragma once
// What a till can take of head office's master data: the one definition of a valid product,
// promotion and cashier record. Head office's imports, store-admin and the office API refuse a
// record that breaks it (nothing is saved); the codec on the till skips such a record and
// reports it (the rest of the master data is applied); the till's local store checks it again.
// Pure functions, thread-safe. Each check returns the first problem as "field: what is wrong",
// or an empty string when the record is fine.

#include "baidian/protocol/messages.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace baidian::protocol::limits {

/// SKU: 1..64 bytes of ASCII letters, digits, '-', '_' and '.' (it travels in every sale line).
inline constexpr std::size_t kSkuBytes = 64;
/// Product and promotion names as printed on receipts: UTF-8, no control characters, at most
/// 200 bytes (a Chinese character is 3 bytes, so about 66 of them).
inline constexpr std::size_t kNameBytes = 200;
inline constexpr std::size_t kPinyinBytes = 200;
/// PLU: the item code of label-scale barcodes, 1..16 digits (or none).
inline constexpr std::size_t kPluDigits = 16;
inline constexpr std::size_t kBarcodesPerProduct = 32;
/// A catalog price is at least 1 fen and at most ¥1,000,000 per unit, kg or jin.
inline constexpr std::int64_t kMaxPriceFen = 100'000'000;
inline constexpr std::size_t kPromotionCodeBytes = 32;
inline constexpr std::int64_t kMaxPromotionQty = 1000;
inline constexpr std::size_t kCashierCodeBytes = 16;
inline constexpr std::size_t kCashierNameBytes = 100;
inline constexpr std::size_t kPinHashBytes = 200;
/// A quick key's category tab and label: 1..16 characters (label: 0..16, empty shows the name).
inline constexpr std::size_t kQuickKeyChars = 16;
/// Quick keys per outlet type: what one screen of tabs and grids holds.
inline constexpr std::size_t kMaxQuickKeys = 240;

/// Whether `text` is valid UTF-8 without control characters (what a receipt can print).
bool isPrintableText(std::string_view text);

std::string checkProduct(const ProductDoc& product);
std::string checkPromotion(const PromotionDoc& promotion);
std::string checkCashier(const CashierDoc& cashier);
std::string checkQuickKey(const QuickKeyDoc& key);

} // namespace baidian::protocol::limits
