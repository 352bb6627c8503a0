// Helpers the Till's source files share; not part of the engine's interface.
#pragma once

#include "baidian/domain/result.h"

#include <string>
#include <vector>

namespace baidian::pos::detail {

/// A refusal of a value, keyed for translation (see keyedError).
inline Error invalid(std::string key, std::vector<std::string> args = {}) {
    return keyedError(ErrorCode::InvalidArgument, std::move(key), std::move(args));
}

} // namespace baidian::pos::detail
