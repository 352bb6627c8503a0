#include "baidian/server/movement_kind.h"

#include <algorithm>
#include <array>

namespace baidian::server {

namespace {

struct KindRow {
    MovementKind kind;
    std::string_view name;
    int sign;
};

/// The one table of the kinds' names and signs, in enum order.
constexpr std::array<KindRow, 7> kKinds = {{
    {MovementKind::Sale, "sale", -1},
    {MovementKind::Return, "return", 1},
    {MovementKind::Receive, "receive", 1},
    {MovementKind::TransferOut, "transfer_out", -1},
    {MovementKind::TransferIn, "transfer_in", 1},
    {MovementKind::Shrink, "shrink", -1},
    {MovementKind::Adjust, "adjust", 0},
}};

static_assert([] {
    for (std::size_t i = 0; i < kKinds.size(); ++i)
        if (kKinds[i].kind != static_cast<MovementKind>(i))
            return false;
    return true;
}());

const KindRow& row(MovementKind kind) {
    return kKinds[static_cast<std::size_t>(kind)];
}

} // namespace

std::string_view toString(MovementKind kind) {
    return row(kind).name;
}

std::optional<MovementKind> parseMovementKind(std::string_view name) {
    const auto it = std::find_if(kKinds.begin(), kKinds.end(),
                                 [&](const KindRow& r) { return r.name == name; });
    if (it == kKinds.end())
        return std::nullopt;
    return it->kind;
}

int stockSign(MovementKind kind) {
    return row(kind).sign;
}

bool isTransfer(MovementKind kind) {
    return kind == MovementKind::TransferOut || kind == MovementKind::TransferIn;
}

} // namespace baidian::server
