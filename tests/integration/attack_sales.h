#pragma once
// Sales as an honest till of the fixture's network sends them, for the attack tests to bend.

#include "baidian/crypto/hash_chain.h"
#include "baidian/crypto/secrets.h"
#include "baidian/domain/time.h"
#include "baidian/protocol/codec.h"

#include <chrono>
#include <string>

namespace baidian::testing::attack {

/// The journal hash of (outlet, terminal, seq) in these tests' chains: any fixed 64 hex digits.
inline std::string chainHash(const std::string& outlet, int terminal, std::int64_t seq) {
    if (seq == 0)
        return crypto::HashChain::genesis();
    return crypto::sha256Hex(outlet + "/" + std::to_string(terminal) + "/" + std::to_string(seq));
}

/// Sets a sale's subtotal and total to `fen`, paid in cash without change.
inline void setTotal(protocol::SaleDoc& s, std::int64_t fen) {
    s.subtotalFen = s.totalFen = fen;
    s.discountFen = s.roundingFen = s.changeFen = 0;
    s.tenders = {{"cash", fen, ""}};
}

/// 1 kg of 库尔勒香梨 at head office's ¥5.90/jin (1,180 fen) sold now, paid in cash, with
/// its journal hashes chained to the sale before it.
inline protocol::SaleDoc honestSale(const std::string& outlet, int terminal, std::int64_t seq) {
    const auto now = std::chrono::system_clock::now();
    protocol::SaleDoc s;
    s.uuid = crypto::randomUuid();
    s.seq = seq;
    s.receiptNo = outlet + "-" + std::to_string(terminal) + "-" + std::to_string(seq);
    s.kind = "sale";
    s.completedAt = domain::isoUtc(now);
    s.businessDate = domain::businessDate(now);
    s.cashier = "1002";
    s.lines.push_back(
        {1, "AKS-PEA-01", "库尔勒香梨", 0, 1000, 590, 590, "jin", 1180, "", 0, 0, 0, 1180, {}});
    setTotal(s, 1180);
    s.prevHash = chainHash(outlet, terminal, seq - 1);
    s.hash = chainHash(outlet, terminal, seq);
    return s;
}

inline void replaceAll(std::string& text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

} // namespace baidian::testing::attack
