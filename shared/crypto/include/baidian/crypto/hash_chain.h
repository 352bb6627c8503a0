#pragma once

#include "baidian/crypto/journal_key.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace baidian::crypto {

/// Lower-case hex SHA-256 of `data` (OpenSSL). Thread-safe.
std::string sha256Hex(std::string_view data);

/// A SHA-256 hash chain over journal entries: hash(n) = SHA-256(hash(n-1) || "\n" || payload(n)),
/// starting from the all-zero genesis hash. Changing, removing, inserting or reordering any
/// entry changes every hash after it. Payloads are canonical text made by the caller.
class HashChain {
public:
    /// 64 zeros: the "previous hash" of a terminal's first entry.
    static std::string genesis();

    /// The hash of an entry that follows `previousHash`.
    static std::string link(std::string_view previousHash, std::string_view payload);

    /// The keyed link (journal scheme 3): HMAC-SHA256(key, previousHash || "\n" || payload),
    /// the same input as link(). Nobody without `key` can make one, so a till's journal cannot be
    /// re-chained by whoever edits till.db without the key file.
    static std::string keyedLink(const JournalKey& key, std::string_view previousHash,
                                 std::string_view payload);

    struct Entry {
        std::string_view payload;
        std::string_view hash; ///< the hash stored with the entry
    };

    /// Verifies entries in order from `startHash`. Returns the index of the first entry whose
    /// stored hash does not match, or nullopt if the whole chain holds.
    static std::optional<std::size_t> firstBreak(std::span<const Entry> entries,
                                                 std::string_view startHash);
};

} // namespace baidian::crypto
