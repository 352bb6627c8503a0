#include "baidian/server/certificates.h"

#include <SQLiteCpp/Statement.h>

namespace baidian::server {

std::optional<CertificateIdentity> certificateIdentity(SQLite::Database& db,
                                                       const std::string& serialHex) {
    SQLite::Statement q(db, "SELECT o.code, o.id, c.terminal_no FROM certificate c "
                            "JOIN outlet o ON o.id = c.outlet_id "
                            "WHERE c.serial = ? AND c.kind = 'outlet' AND c.revoked_at IS NULL "
                            "AND o.status = 'open'");
    q.bind(1, serialHex);
    if (!q.executeStep())
        return std::nullopt;
    return CertificateIdentity{q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                               q.getColumn(2).getInt()};
}

std::int64_t trustGeneration(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT generation FROM trust_generation WHERE id = 1");
    return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

} // namespace baidian::server
