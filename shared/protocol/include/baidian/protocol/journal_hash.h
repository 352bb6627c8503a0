#pragma once
// The journal hash a till and the server both compute (journal scheme 2): the sale exactly as it
// travels (a SaleDoc), in one canonical text, hash-chained after the terminal's previous sale.
// The till hashes the SaleDoc its sync agent uploads; the server hashes the SaleDoc it decoded,
// so a field changed between the two changes the hash. See docs/protocol.md, "The journal".

#include "baidian/crypto/journal_key.h"
#include "baidian/protocol/messages.h"

#include <optional>
#include <string>

namespace baidian::protocol {

/// A sale's journal_scheme: how its `hash` was made.
/// 1: over the till's own rows (fields the server never receives): the server cannot check it.
/// 2: journalHash() below, over what is sent: the server recomputes it.
/// 3: keyedJournalHash() below, the same text under the terminal's journal key (HMAC-SHA256):
///    the server recomputes it with its copy of the key; nobody without the key can make one.
/// Till events use 2 and 3 the same way (tillEventHash, keyedTillEventHash).
inline constexpr int kJournalSchemeTillRows = 1;
inline constexpr int kJournalSchemeAsSent = 2;
inline constexpr int kJournalSchemeKeyed = 3;

/// The canonical text of every field of `sale`, its lines and its tenders, except prev_hash,
/// hash and journal_scheme (the scheme is its first line). Fixed order, one record per line
/// ("S|…", then "L|…" per line, then "T|…" per tender, with their counts in the S record);
/// integers in decimal; text with '%', '|', '\n' and '\r' percent-encoded so no text can
/// imitate a separator; an absent optional integer is "-", which no integer can be.
std::string canonicalSale(const SaleDoc& sale);

/// HashChain::link(sale.prevHash, canonicalSale(sale)): the hash a scheme-2 sale must carry.
std::string journalHash(const SaleDoc& sale);

/// HashChain::keyedLink(key, sale.prevHash, canonicalSale(sale)): a scheme-3 sale's hash.
std::string keyedJournalHash(const SaleDoc& sale, const crypto::JournalKey& key);

/// The hash `sale` must carry by its own journalScheme: journalHash for 2, keyedJournalHash for
/// 3 (nullopt when `key` is null: nobody here can check it); nullopt for 1 (not checkable).
std::optional<std::string> expectedJournalHash(const SaleDoc& sale, const crypto::JournalKey* key);

/// The canonical text of a till event: every field but prev_hash and hash, in the same
/// encoding as canonicalSale ("baidian-event-v1" first).
std::string canonicalTillEvent(const TillEventDoc& event);

/// HashChain::link(event.prevHash, canonicalTillEvent(event)): the hash an event must carry.
std::string tillEventHash(const TillEventDoc& event);

/// HashChain::keyedLink(key, event.prevHash, canonicalTillEvent(event)): a scheme-3 event.
std::string keyedTillEventHash(const TillEventDoc& event, const crypto::JournalKey& key);

/// The hash `event` must carry by its journalScheme (2 or 3); nullopt for scheme 3 without a key.
std::optional<std::string> expectedTillEventHash(const TillEventDoc& event,
                                                 const crypto::JournalKey* key);

} // namespace baidian::protocol
