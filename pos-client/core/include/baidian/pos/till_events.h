#pragma once

#include "baidian/crypto/journal_key.h"
#include "baidian/domain/money.h"
#include "baidian/domain/result.h"
#include "baidian/domain/time.h"
#include "baidian/protocol/messages.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baidian::pos {

/// What the till records for loss prevention: everything that moves money or goods, or opens
/// the drawer, without being a sale (a removed line leaves no trace in the sale it left).
enum class TillEventKind {
    Void,            ///< an open sale abandoned (amount: its total)
    LineRemoved,     ///< a line taken off an open sale (amount: the line's net)
    NoSale,          ///< the drawer opened without a sale
    CashIn,          ///< cash put into the drawer
    CashOut,         ///< cash taken out of the drawer
    PinLocked,       ///< a person locked after too many wrong PINs
    PinUnlocked,     ///< a supervisor unlocked them
    Reprint,         ///< a receipt printed again (marked 重打)
    NoReceiptReturn, ///< a return started without a receipt
};
std::string_view toString(TillEventKind kind);
Result<TillEventKind> parseTillEventKind(std::string_view text);

/// One row of the till's event log. Ids of people are the till's cashier ids.
struct TillEvent {
    TillEventKind kind = TillEventKind::Void;
    std::optional<std::int64_t> shiftId;
    std::optional<std::int64_t> cashierId;  ///< who was logged in
    std::optional<std::int64_t> subjectId;  ///< whose PIN was locked or unlocked
    std::optional<std::int64_t> approverId; ///< the supervisor who approved it
    domain::Fen amount;
    std::string detail; ///< the line removed, the receipt reprinted, the lines voided ...
    std::string reason; ///< the cashier's reason (cash out, no sale)
    // Set when recorded:
    std::int64_t id = 0;
    std::string uuid;
    std::string at; ///< UTC ISO-8601
    std::string hash;
    int scheme = 2; ///< 2: SHA-256 chain; 3: keyed with the till's journal key
};

/// Appends `event` to the log, chained to the event before it (hash over the previous hash and
/// every field, with people by their codes): keyed with `key` (scheme 3) when the till has one,
/// else SHA-256 (scheme 2). Throws SQLite::Exception when the database refuses; the caller
/// turns that into an error and changes nothing.
TillEvent recordTillEvent(SQLite::Database& db, TillEvent event, domain::TimePoint at,
                          const crypto::JournalKey* key = nullptr);

/// An event as the X and Z reports list it: with the names of the people involved.
struct TillEventRow {
    TillEvent event;
    std::string cashierName;
    std::string subjectName;
    std::string approverName;
};
/// The events of a shift in the order they happened.
std::vector<TillEventRow> shiftEvents(SQLite::Database& db, std::int64_t shiftId);

/// The event as it travels to head office (people by their codes) and is hashed: one mapping
/// for the log's chain and the sync agent.
protocol::TillEventDoc tillEventDoc(SQLite::Database& db, const TillEvent& event,
                                    const std::string& prevHash);

/// Events head office has not acknowledged, oldest first, with their row ids.
std::vector<std::pair<std::int64_t, protocol::TillEventDoc>>
unsentTillEvents(SQLite::Database& db, std::int64_t afterId, std::size_t limit);

/// Recomputes the chain from the first event, each by its scheme (3 with `key`): the id of the
/// first event whose hash or link does not match (an edited, inserted or deleted row, a keyed
/// event without the key, an unkeyed one after a keyed one), or nullopt when it holds.
std::optional<std::int64_t> verifyTillEvents(SQLite::Database& db,
                                             const crypto::JournalKey* key = nullptr);

} // namespace baidian::pos
