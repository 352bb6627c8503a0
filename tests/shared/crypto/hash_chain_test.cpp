#include "baidian/crypto/hash_chain.h"

#include <gtest/gtest.h>
#include <vector>

using baidian::crypto::HashChain;
using baidian::crypto::sha256Hex;

TEST(Sha256, KnownVector) {
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

namespace {
struct Journal {
    std::vector<std::string> payloads;
    std::vector<std::string> hashes;
    std::vector<HashChain::Entry> entries() const {
        std::vector<HashChain::Entry> out;
        for (std::size_t i = 0; i < payloads.size(); ++i)
            out.push_back({payloads[i], hashes[i]});
        return out;
    }
};

Journal build(std::vector<std::string> payloads) {
    Journal j{std::move(payloads), {}};
    std::string previous = HashChain::genesis();
    for (const auto& p : j.payloads)
        j.hashes.push_back(previous = HashChain::link(previous, p));
    return j;
}
} // namespace

TEST(HashChain, AnIntactChainVerifies) {
    const auto j = build({"sale 1 2040", "sale 2 666", "sale 3 12800"});
    EXPECT_EQ(HashChain::firstBreak(j.entries(), HashChain::genesis()), std::nullopt);
}

TEST(HashChain, DetectsAChangedPayload) {
    auto j = build({"sale 1 2040", "sale 2 666", "sale 3 12800"});
    j.payloads[1] = "sale 2 066";
    EXPECT_EQ(HashChain::firstBreak(j.entries(), HashChain::genesis()), 1u);
}

TEST(HashChain, DetectsReorderedAndRemovedEntries) {
    auto j = build({"a", "b", "c"});
    std::swap(j.payloads[1], j.payloads[2]);
    std::swap(j.hashes[1], j.hashes[2]);
    EXPECT_EQ(HashChain::firstBreak(j.entries(), HashChain::genesis()), 1u);

    auto k = build({"a", "b", "c"});
    k.payloads.erase(k.payloads.begin() + 1);
    k.hashes.erase(k.hashes.begin() + 1);
    EXPECT_EQ(HashChain::firstBreak(k.entries(), HashChain::genesis()), 1u);
}

TEST(HashChain, DetectsARehashedEntryBecauseTheNextLinkBreaks) {
    auto j = build({"a", "b", "c"});
    j.payloads[1] = "B";
    j.hashes[1] = HashChain::link(j.hashes[0], "B"); // forger recomputes one hash
    EXPECT_EQ(HashChain::firstBreak(j.entries(), HashChain::genesis()), 2u);
}
