#pragma once

#include <vector>

namespace baidian::app {

/// Every keyed message of the selling engine (its English wording with %1 ...), translated in
/// the context "TillEngine".
const std::vector<const char*>& engineMessageKeys();

} // namespace baidian::app
