#pragma once
// The network's own certificate authority, with OpenSSL 3. Keys are ECDSA P-256; certificates
// are X.509 v3 signed with SHA-256. Files are PEM; private keys are written mode 0600. The CA
// key (ca.key) is encrypted with a passphrase (PKCS#8, AES-256-CBC, PBKDF2): the files alone
// issue nothing. It belongs with head office's administrator, not in the server's service
// directory: the service never reads it (docs/operations.md).

#include "baidian/domain/result.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace baidian::pki {

struct IssuedCertificate {
    std::string serialHex; ///< lower-case hex, as stored in the certificate table
    std::string subject;   ///< "CN=HZ-F01,OU=outlet,O=Baidian"
    std::string notBefore; ///< UTC ISO-8601
    std::string notAfter;
    std::string certPath;
    std::string keyPath;
};

/// Where the CA is and the passphrase its key is encrypted with.
struct CaKey {
    std::string dir; ///< holds ca.key and ca.crt
    std::string passphrase;
};

/// The shortest passphrase createCa accepts.
inline constexpr std::size_t kMinCaPassphrase = 8;

/// Creates a self-signed CA (10 years) in `ca.dir`: ca.key (encrypted with `ca.passphrase`) and
/// ca.crt. Errors: InvalidArgument (a passphrase shorter than kMinCaPassphrase), Conflict if a
/// CA is already there (it is never overwritten), Storage on file errors.
Result<IssuedCertificate> createCa(const CaKey& ca, const std::string& commonName);

/// Issues a server certificate for TLS (serverAuth) naming `hosts` (DNS names or IP addresses)
/// as subjectAltNames; writes server.key and server.crt into `dir`.
/// Each issuing function reads ca.key with `ca.passphrase`. Errors: Unauthorized (a wrong or
/// missing passphrase), NotFound (no CA).
Result<IssuedCertificate> issueServerCertificate(const CaKey& ca, const std::string& dir,
                                                 const std::vector<std::string>& hosts, int days);

/// The base name of a till's certificate and key files: the outlet code for terminal 1
/// (<code>.crt, <code>.key), <code>-t<N> for terminal N.
std::string outletCertificateName(const std::string& outletCode, int terminal);

/// Issues the client certificate (clientAuth) of an outlet's till number `terminal` (1..99),
/// CN = outletCertificateName(); writes its .key, .crt and a copy of ca.crt into `outDir`.
/// Errors: InvalidArgument (days 1-397, terminal 1-99), as above.
Result<IssuedCertificate> issueOutletCertificate(const CaKey& ca, const std::string& outDir,
                                                 const std::string& outletCode, int days,
                                                 int terminal = 1);

/// Whether `dir`/ca.key is stored encrypted (a CA made before keys were encrypted is not:
/// `openssl pkey -in ca.key -aes256 -out ca.key.new` encrypts it).
bool caKeyEncrypted(const std::string& dir);

/// Serial of a PEM certificate file, lower-case hex (for revocation by file).
Result<std::string> certificateSerial(const std::string& certPath);

} // namespace baidian::pki
