#pragma once

#include <string>
#include <string_view>

namespace baidian::domain {

/// The search code of a product name: the pinyin initial of every Chinese character, plus
/// ASCII letters and digits as they are, lower-case ("冰糖心苹果" → "btxpg", "阿克苏红枣5kg" →
/// "akshz5kg"). Uses ICU's Han-Latin transliterator. Thread-safe. Invalid UTF-8 is skipped.
std::string pinyinInitials(std::string_view utf8Name);

} // namespace baidian::domain
