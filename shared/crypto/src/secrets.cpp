#include "baidian/crypto/secrets.h"

#include <argon2.h>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdexcept>
#include <vector>

namespace baidian::crypto {
namespace {

// argon2id parameters: 19 MiB, 2 passes, 1 lane (OWASP's minimum for argon2id). A till checks
// a PIN in a few tens of milliseconds; an attacker with a stolen database pays the same per guess.
constexpr std::uint32_t kTimeCost = 2;
constexpr std::uint32_t kMemoryKiB = 19 * 1024;
constexpr std::uint32_t kLanes = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::atomic<std::uint64_t> runs{0};

void randomBytes(unsigned char* out, std::size_t size) {
    if (RAND_bytes(out, static_cast<int>(size)) != 1)
        throw std::runtime_error("OpenSSL RAND_bytes failed: no randomness available");
}

} // namespace

std::string hashSecret(std::string_view secret) {
    std::array<unsigned char, kSaltBytes> salt{};
    randomBytes(salt.data(), salt.size());
    const std::size_t encodedSize =
        argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id);
    std::vector<char> encoded(encodedSize);
    runs.fetch_add(1, std::memory_order_relaxed);
    const int rc =
        argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, secret.data(), secret.size(),
                              salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
    if (rc != ARGON2_OK)
        throw std::runtime_error(std::string("argon2id failed: ") + argon2_error_message(rc));
    return {encoded.data()};
}

bool verifySecret(std::string_view encodedHash, std::string_view secret) {
    const std::string encoded(encodedHash); // argon2 wants a NUL-terminated string
    runs.fetch_add(1, std::memory_order_relaxed);
    return argon2id_verify(encoded.c_str(), secret.data(), secret.size()) == ARGON2_OK;
}

namespace {

constexpr std::string_view kKeyedPrefix = "keyed-v1";

/// "$argon2id$v=19$m=M,t=T,p=P$SALT": the parameters and the salt, decoded. False if malformed.
bool parseArgon2Head(std::string_view head, std::uint32_t& m, std::uint32_t& t, std::uint32_t& p,
                     std::vector<unsigned char>& salt) {
    constexpr std::string_view kStart = "$argon2id$v=19$";
    if (!head.starts_with(kStart))
        return false;
    head.remove_prefix(kStart.size());
    const auto dollar = head.find('$');
    if (dollar == std::string_view::npos)
        return false;
    const std::string params(head.substr(0, dollar));
    char rest = 0;
    if (std::sscanf(params.c_str(), "m=%u,t=%u,p=%u%c", &m, &t, &p, &rest) != 3)
        return false;
    // Never more than the server's own hashes ask for a few times over: a verifier is data.
    if (m == 0 || m > 256 * 1024 || t == 0 || t > 16 || p == 0 || p > 8)
        return false;
    std::string b64(head.substr(dollar + 1)); // unpadded standard base64, as argon2 writes it
    if (b64.empty() || b64.size() > 64 || b64.find_first_of("$=") != std::string::npos)
        return false;
    const std::size_t pad = (4 - b64.size() % 4) % 4;
    if (pad == 3)
        return false;
    b64.append(pad, '=');
    salt.assign(b64.size() / 4 * 3, 0);
    const int n = EVP_DecodeBlock(salt.data(), reinterpret_cast<const unsigned char*>(b64.data()),
                                  static_cast<int>(b64.size()));
    if (n < 0)
        return false;
    salt.resize(static_cast<std::size_t>(n) - pad);
    return salt.size() >= 8;
}

} // namespace

std::string keyedPinVerifier(std::string_view encodedHash, const JournalKey& key) {
    const auto last = encodedHash.rfind('$');
    if (last == std::string_view::npos || last + 1 >= encodedHash.size())
        return {};
    const auto head = encodedHash.substr(0, last);
    std::uint32_t m = 0, t = 0, p = 0;
    std::vector<unsigned char> salt;
    if (!parseArgon2Head(head, m, t, p, salt))
        return {};
    return std::string(kKeyedPrefix) + std::string(head) + "$" +
           hmacSha256Hex(pinKeyOf(key), encodedHash.substr(last + 1));
}

bool isKeyedPinVerifier(std::string_view text) {
    return text.starts_with(kKeyedPrefix);
}

bool verifyKeyedPin(std::string_view verifier, const JournalKey& key, std::string_view pin) {
    if (!isKeyedPinVerifier(verifier))
        return false;
    verifier.remove_prefix(kKeyedPrefix.size());
    const auto last = verifier.rfind('$');
    if (last == std::string_view::npos)
        return false;
    const auto head = verifier.substr(0, last);
    const auto mac = verifier.substr(last + 1);
    std::uint32_t m = 0, t = 0, p = 0;
    std::vector<unsigned char> salt;
    if (mac.size() != 64 || !parseArgon2Head(head, m, t, p, salt))
        return false;
    const std::size_t encodedSize =
        argon2_encodedlen(t, m, p, static_cast<std::uint32_t>(salt.size()), kHashBytes, Argon2_id);
    std::vector<char> encoded(encodedSize);
    runs.fetch_add(1, std::memory_order_relaxed);
    if (argon2id_hash_encoded(t, m, p, pin.data(), pin.size(), salt.data(), salt.size(), kHashBytes,
                              encoded.data(), encoded.size()) != ARGON2_OK)
        return false;
    const std::string_view made(encoded.data());
    const auto madeLast = made.rfind('$');
    if (madeLast == std::string_view::npos)
        return false;
    const auto expected = hmacSha256Hex(pinKeyOf(key), made.substr(madeLast + 1));
    return CRYPTO_memcmp(expected.data(), mac.data(), expected.size()) == 0;
}

std::uint64_t argon2Runs() {
    return runs.load(std::memory_order_relaxed);
}

std::string randomHex(std::size_t bytes) {
    std::vector<unsigned char> b(bytes);
    randomBytes(b.data(), b.size());
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes * 2);
    for (const unsigned char c : b) {
        out += kDigits[c >> 4];
        out += kDigits[c & 0x0f];
    }
    return out;
}

namespace {

std::string formatUuid(const std::array<unsigned char, 16>& b) {
    std::array<char, 37> out{};
    std::snprintf(out.data(), out.size(),
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                  b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    return {out.data(), 36};
}

} // namespace

std::string randomUuid() {
    std::array<unsigned char, 16> b{};
    randomBytes(b.data(), b.size());
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40); // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80); // RFC 4122 variant
    return formatUuid(b);
}

std::string timeOrderedUuid() {
    std::array<unsigned char, 16> b{};
    randomBytes(b.data() + 6, b.size() - 6);
    const auto ms =
        static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
    for (int i = 0; i < 6; ++i) // 48-bit big-endian timestamp
        b[static_cast<std::size_t>(i)] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x70); // version 7
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80); // RFC 9562 variant
    return formatUuid(b);
}

} // namespace baidian::crypto
