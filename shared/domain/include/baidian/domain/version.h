#pragma once
// Baidian's release version, for every program's --version. Thread-safe.

#include <string>
#include <string_view>

namespace baidian::domain {

/// CMake's PROJECT_VERSION, "0.1.0". Only version.cpp is compiled with it, so a new version
/// rebuilds one file, not every file that links the domain library.
std::string_view version();

/// "<program> <version>", the line each program prints for --version.
std::string versionLine(std::string_view program);

} // namespace baidian::domain
