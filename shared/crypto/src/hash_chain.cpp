#include "baidian/crypto/hash_chain.h"

#include <array>
#include <openssl/evp.h>
#include <stdexcept>

namespace baidian::crypto {

std::string sha256Hex(std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("OpenSSL SHA-256 failed");
    return toHex(digest.data(), size);
}

std::string HashChain::genesis() {
    return std::string(64, '0'); // NOLINT(modernize-return-braced-init-list): braces would make the
                                 // two characters "@0"
}

std::string HashChain::link(std::string_view previousHash, std::string_view payload) {
    std::string input;
    input.reserve(previousHash.size() + 1 + payload.size());
    input.append(previousHash);
    input.push_back('\n');
    input.append(payload);
    return sha256Hex(input);
}

std::string HashChain::keyedLink(const JournalKey& key, std::string_view previousHash,
                                 std::string_view payload) {
    std::string input;
    input.reserve(previousHash.size() + 1 + payload.size());
    input.append(previousHash);
    input.push_back('\n');
    input.append(payload);
    return hmacSha256Hex(key, input);
}

std::optional<std::size_t> HashChain::firstBreak(std::span<const Entry> entries,
                                                 std::string_view startHash) {
    std::string previous(startHash);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        std::string expected = link(previous, entries[i].payload);
        if (expected != entries[i].hash)
            return i;
        previous = std::move(expected);
    }
    return std::nullopt;
}

} // namespace baidian::crypto
