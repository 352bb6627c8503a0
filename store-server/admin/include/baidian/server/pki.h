#pragma once
// The network's own certificate authority, with OpenSSL 3. Keys are ECDSA P-256; certificates
// are X.509 v3 signed with SHA-256. Files are PEM; private keys are written mode 0600.

#include "baidian/domain/result.h"

#include <chrono>
#include <string>
#include <vector>

namespace baidian::server::pki {

struct IssuedCertificate {
    std::string serialHex; ///< lower-case hex, as stored in the certificate table
    std::string subject;   ///< "CN=HZ-F01,OU=outlet,O=Baidian"
    std::string notBefore; ///< UTC ISO-8601
    std::string notAfter;
    std::string certPath;
    std::string keyPath;
};

/// Creates a self-signed CA (10 years) in `dir`: ca.key, ca.crt. Errors: Conflict if a CA is
/// already there (it is never overwritten), Storage on file errors.
Result<IssuedCertificate> createCa(const std::string& dir, const std::string& commonName);

/// Issues a server certificate for TLS (serverAuth) naming `hosts` (DNS names or IP addresses)
/// as subjectAltNames; writes server.key and server.crt into `dir`.
Result<IssuedCertificate> issueServerCertificate(const std::string& caDir, const std::string& dir,
                                                 const std::vector<std::string>& hosts, int days);

/// Issues an outlet's client certificate (clientAuth), CN = outlet code; writes
/// <code>.key, <code>.crt and a copy of ca.crt into `outDir`.
Result<IssuedCertificate> issueOutletCertificate(const std::string& caDir,
                                                 const std::string& outDir,
                                                 const std::string& outletCode, int days);

/// Serial of a PEM certificate file, lower-case hex (for revocation by file).
Result<std::string> certificateSerial(const std::string& certPath);

} // namespace baidian::server::pki
