#pragma once
// The kinds of stock-ledger row (movement.kind), with the one table of their names as the
// wire and the database spell them, and the sign each must have.

#include <optional>
#include <string_view>

namespace baidian::server {

enum class MovementKind { Sale, Return, Receive, TransferOut, TransferIn, Shrink, Adjust };

/// The kind's name: "sale", "return", "receive", "transfer_out", "transfer_in", "shrink",
/// "adjust".
std::string_view toString(MovementKind kind);
/// The kind named `name`, or nullopt for a name of no kind.
std::optional<MovementKind> parseMovementKind(std::string_view name);
/// -1: takes stock away (units and grams <= 0); 1: adds stock (>= 0); 0: either (a stocktake).
int stockSign(MovementKind kind);
/// A transfer's leg: transfer_out or transfer_in.
bool isTransfer(MovementKind kind);

} // namespace baidian::server
