#pragma once
// Which till a client certificate is, and whether it may still be served. The server looks a
// connection's certificate up at the handshake and again on every request (see
// docs/security.md, "Connections and certificates"); the trust generation makes the repeat
// cheap. Every function takes the calling thread's connection.

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <optional>
#include <string>

namespace baidian::server {

/// The till a trusted client certificate names: its outlet and terminal number.
struct CertificateIdentity {
    std::string outlet; ///< the outlet's code
    std::int64_t outletId = 0;
    int terminal = 1; ///< 1..99
};

/// The certificate's identity if it may be served: issued here for an outlet, not revoked, and
/// its outlet open (a closed or suspended outlet's tills are refused). nullopt otherwise.
std::optional<CertificateIdentity> certificateIdentity(SQLite::Database& db,
                                                       const std::string& serialHex);

/// A number that goes up with every change that can withdraw a certificate's trust (a
/// certificate issued, revoked or removed, an outlet's status changed or an outlet removed;
/// kept by triggers, schema/server/0009). While it stays the same, an identity looked up
/// earlier still holds.
std::int64_t trustGeneration(SQLite::Database& db);

} // namespace baidian::server
