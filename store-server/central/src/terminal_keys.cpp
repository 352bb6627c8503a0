#include "baidian/server/terminal_keys.h"

#include <SQLiteCpp/Statement.h>
#include <stdexcept>

namespace baidian::server {

std::optional<crypto::JournalKey> terminalKey(SQLite::Database& db, std::int64_t outletId,
                                              int terminal) {
    SQLite::Statement q(db, "SELECT journal_key FROM terminal_key WHERE outlet_id = ? AND "
                            "terminal_no = ?");
    q.bind(1, outletId);
    q.bind(2, terminal);
    if (!q.executeStep())
        return std::nullopt;
    auto key = crypto::journalKeyFromHex(q.getColumn(0).getString());
    if (!key)
        throw std::runtime_error("terminal_key of terminal " + std::to_string(terminal) +
                                 " is not 64 hex digits");
    return key;
}

Result<crypto::JournalKey> ensureTerminalKey(SQLite::Database& db, std::int64_t outletId,
                                             int terminal, const std::string& at) {
    if (terminal < 1 || terminal > 99)
        return makeError(ErrorCode::InvalidArgument, "a till's terminal number is 1 to 99");
    try {
        if (auto known = terminalKey(db, outletId, terminal))
            return *known;
        const auto key = crypto::newJournalKey();
        SQLite::Statement q(db, "INSERT INTO terminal_key(outlet_id, terminal_no, journal_key, "
                                "created_at) VALUES (?,?,?,?)");
        q.bind(1, outletId);
        q.bind(2, terminal);
        q.bind(3, crypto::toHex(key));
        q.bind(4, at);
        q.exec();
        return key;
    } catch (const std::exception& e) {
        return makeError(ErrorCode::Storage,
                         std::string("the till's journal key could not be stored: ") + e.what());
    }
}

} // namespace baidian::server
