// The stock ledger's kinds: one table spells them as the wire and the database do, with the
// sign each row must have.

#include "baidian/server/movement_kind.h"

#include <gtest/gtest.h>

namespace baidian::server {
namespace {

TEST(MovementKind, OneTableSpellsEveryKindBothWaysWithItsSign) {
    const std::vector<std::pair<std::string, int>> kinds = {
        {"sale", -1},       {"return", 1},  {"receive", 1}, {"transfer_out", -1},
        {"transfer_in", 1}, {"shrink", -1}, {"adjust", 0}};
    for (const auto& [name, sign] : kinds) {
        const auto kind = parseMovementKind(name);
        ASSERT_TRUE(kind) << name;
        EXPECT_EQ(toString(*kind), name);
        EXPECT_EQ(stockSign(*kind), sign) << name;
    }
    EXPECT_FALSE(parseMovementKind("theft"));
    EXPECT_FALSE(parseMovementKind("Shrink"));
    EXPECT_TRUE(isTransfer(MovementKind::TransferIn));
    EXPECT_FALSE(isTransfer(MovementKind::Receive));
}

} // namespace
} // namespace baidian::server
