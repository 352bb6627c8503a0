#include "baidian/domain/pinyin.h"

#include <memory>
#include <mutex>
#include <stdexcept>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

namespace baidian::domain {
namespace {

/// ICU transliterators are not safe to use from two threads at once; each thread gets its own.
icu::Transliterator& transliterator() {
    thread_local std::unique_ptr<icu::Transliterator> instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
            "Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !t)
            throw std::runtime_error(std::string("ICU Han-Latin transliterator unavailable: ") +
                                     u_errorName(status));
        return t;
    }();
    return *instance;
}

} // namespace

std::string pinyinInitials(std::string_view utf8Name) {
    const icu::UnicodeString name = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8Name.data(), static_cast<int32_t>(utf8Name.size())));
    std::string out;
    for (int32_t i = 0; i < name.length();) {
        const UChar32 c = name.char32At(i);
        i += U16_LENGTH(c);
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                out += static_cast<char>(c);
            else if (c >= 'A' && c <= 'Z')
                out += static_cast<char>(c - 'A' + 'a');
            continue;
        }
        UErrorCode status = U_ZERO_ERROR;
        if (uscript_getScript(c, &status) != USCRIPT_HAN || U_FAILURE(status))
            continue;
        icu::UnicodeString syllable(c);
        transliterator().transliterate(syllable);
        if (syllable.length() > 0) {
            const UChar first = syllable.charAt(0);
            if (first >= 'a' && first <= 'z')
                out += static_cast<char>(first);
        }
    }
    return out;
}

} // namespace baidian::domain
