#pragma once

#include "baidian/crypto/journal_key.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace baidian::crypto {

/// Hashes a PIN or password with argon2id and a random salt; returns the encoded
/// "$argon2id$v=19$m=...,t=...,p=...$salt$hash" string to store. Throws std::runtime_error
/// only if the system has no randomness or memory (not an expected failure).
std::string hashSecret(std::string_view secret);

/// True if `secret` matches an encoded hash made by hashSecret. False for a malformed hash.
bool verifySecret(std::string_view encodedHash, std::string_view secret);

/// A PIN verifier keyed with a terminal's journal key, made by the server for that terminal's
/// master data from an encoded hash made by hashSecret: "keyed-v1" followed by the encoded
/// hash's parameters and salt ("$argon2id$v=19$m=…,t=…,p=…$<salt>") and "$", then the hex
/// HMAC-SHA256 under pinKeyOf(key) of the hash's last field. The argon2id hash itself is not in
/// it: without the key nobody can test a PIN against it, however short the PIN. Empty when
/// `encodedHash` is not an argon2id encoded hash.
std::string keyedPinVerifier(std::string_view encodedHash, const JournalKey& key);

/// True if `text` is a verifier made by keyedPinVerifier (not an encoded hash).
bool isKeyedPinVerifier(std::string_view text);

/// True if `pin` matches `verifier` under `key`: one argon2id run with the verifier's parameters
/// and salt, then the HMAC, compared in constant time. False for a malformed verifier.
bool verifyKeyedPin(std::string_view verifier, const JournalKey& key, std::string_view pin);

/// How many argon2id runs (hashSecret and verifySecret calls) this process has made. The server
/// shows it in /metrics: every login must cost exactly one, whether the name exists or not.
std::uint64_t argon2Runs();

/// A random RFC 4122 version-4 UUID, lower-case with dashes (OpenSSL's CSPRNG).
std::string randomUuid();

/// An RFC 9562 version-7 UUID: the Unix time in milliseconds, then 74 random bits (OpenSSL's
/// CSPRNG), lower-case with dashes. Ids made later sort after earlier ones (to the
/// millisecond), so an index on them grows at its end: a sale's rows then dirty one index page
/// instead of one random page each, which is what a commit has to write and fsync.
std::string timeOrderedUuid();

/// `bytes` random bytes from OpenSSL's CSPRNG as lower-case hex (session tokens).
std::string randomHex(std::size_t bytes);

} // namespace baidian::crypto
