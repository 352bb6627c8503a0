#include "baidian/crypto/journal_key.h"

#include <cctype>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdexcept>

namespace baidian::crypto {
namespace {

int nibble(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::array<unsigned char, 32> hmac(const JournalKey& key, std::string_view data) {
    std::array<unsigned char, 32> out{};
    unsigned int size = 0;
    if (HMAC(EVP_sha256(), key.bytes.data(), static_cast<int>(key.bytes.size()),
             reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(),
             &size) == nullptr ||
        size != out.size())
        throw std::runtime_error("OpenSSL HMAC-SHA256 failed");
    return out;
}

} // namespace

JournalKey newJournalKey() {
    JournalKey key;
    if (RAND_bytes(key.bytes.data(), static_cast<int>(key.bytes.size())) != 1)
        throw std::runtime_error("OpenSSL RAND_bytes failed: no randomness available");
    return key;
}

std::string toHex(const unsigned char* data, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(size * 2, '0');
    for (std::size_t i = 0; i < size; ++i) {
        out[2 * i] = kDigits[data[i] >> 4];
        out[2 * i + 1] = kDigits[data[i] & 0x0f];
    }
    return out;
}

std::string toHex(const JournalKey& key) {
    return toHex(key.bytes.data(), key.bytes.size());
}

std::optional<JournalKey> journalKeyFromHex(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    JournalKey key;
    if (text.size() != key.bytes.size() * 2)
        return std::nullopt;
    for (std::size_t i = 0; i < key.bytes.size(); ++i) {
        const int hi = nibble(text[2 * i]), lo = nibble(text[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        key.bytes[i] = static_cast<unsigned char>(hi << 4 | lo);
    }
    return key;
}

std::string hmacSha256Hex(const JournalKey& key, std::string_view data) {
    const auto mac = hmac(key, data);
    return toHex(mac.data(), mac.size());
}

JournalKey pinKeyOf(const JournalKey& key) {
    return JournalKey{hmac(key, "baidian pin key v1")};
}

} // namespace baidian::crypto

namespace baidian::crypto {

std::string journalKeyFileBeside(std::string_view privateKeyPath) {
    std::string path(privateKeyPath);
    if (path.ends_with(".key"))
        path.resize(path.size() - 4);
    return path + ".journal-key";
}

} // namespace baidian::crypto
