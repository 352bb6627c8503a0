#pragma once
// A terminal's journal key: 32 random bytes that store-admin makes when it issues the till's
// certificate, keeps in server.db and writes beside the till's private key (mode 0600). The
// till's journal (scheme 3) and its cashiers' PIN verifiers are keyed with it, so whoever can
// read or write till.db but not the key file can neither re-chain the journal nor test PINs.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace baidian::crypto {

struct JournalKey {
    std::array<unsigned char, 32> bytes{};
    bool operator==(const JournalKey&) const = default;
};

/// A new random key (OpenSSL's CSPRNG). Throws std::runtime_error if there is no randomness.
JournalKey newJournalKey();

/// `size` bytes as lower-case hex digits (two per byte): digests, MACs, keys.
std::string toHex(const unsigned char* data, std::size_t size);

/// 64 lower-case hex digits.
std::string toHex(const JournalKey& key);

/// The key from 64 hex digits (either case), surrounding whitespace ignored; nullopt otherwise.
std::optional<JournalKey> journalKeyFromHex(std::string_view text);

/// Lower-case hex HMAC-SHA256 of `data` under `key` (OpenSSL). Thread-safe.
std::string hmacSha256Hex(const JournalKey& key, std::string_view data);

/// The key's PIN subkey, HMAC-SHA256(key, "baidian pin key v1"): PIN verifiers never use the
/// journal key itself, so a PIN verifier is never a valid journal hash or the other way round.
JournalKey pinKeyOf(const JournalKey& key);

} // namespace baidian::crypto

namespace baidian::crypto {

/// Where a till's journal key file lies: beside its private key, "<name>.journal-key" for
/// "<name>.key" (store-admin issue-cert writes both there; the till reads it from there).
std::string journalKeyFileBeside(std::string_view privateKeyPath);

} // namespace baidian::crypto
