#include "baidian/domain/version.h"

namespace baidian::domain {

std::string_view version() {
    return BAIDIAN_VERSION;
}

std::string versionLine(std::string_view program) {
    std::string line(program);
    line += ' ';
    line += version();
    return line;
}

} // namespace baidian::domain
