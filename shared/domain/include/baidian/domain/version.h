#pragma once
// Baidian's release version (CMake's PROJECT_VERSION), which every program prints for --version.

#include <string_view>

namespace baidian::domain {

inline constexpr std::string_view kVersion = BAIDIAN_VERSION;

} // namespace baidian::domain
