#include "baidian/pki/pki.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <string_view>
#include <sys/stat.h>

namespace baidian::pki {
namespace {

namespace fs = std::filesystem;

template <typename T, void (*F)(T*)> struct Deleter {
    void operator()(T* p) const { F(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;

void freeFile(FILE* f) {
    std::fclose(f);
}
using File = std::unique_ptr<FILE, Deleter<FILE, freeFile>>;

Error sslError(const std::string& what) {
    char buffer[256] = "unknown";
    ERR_error_string_n(ERR_get_error(), buffer, sizeof buffer);
    return makeError(ErrorCode::Storage, what + ": " + buffer);
}

std::string asn1Time(const ASN1_TIME* t) {
    struct tm tm {};
    ASN1_TIME_to_tm(t, &tm);
    char out[80];
    std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return out;
}

std::string serialHex(const X509* cert) {
    std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>> bn(
        ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
    char* hex = BN_bn2hex(bn.get());
    std::string out(hex);
    OPENSSL_free(hex);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string subjectOf(const X509* cert) {
    char buffer[512];
    X509_NAME_oneline(X509_get_subject_name(cert), buffer, sizeof buffer);
    return buffer;
}

/// Writes a PEM file that never existed: a certificate (0644), a key (0600), encrypted with
/// `passphrase` (AES-256) when one is given.
Result<void> writePem(const std::string& path, bool isKey, EVP_PKEY* key, X509* cert,
                      const std::string& passphrase = {}) {
    const mode_t old = ::umask(isKey ? 077 : 022);
    File f(std::fopen(path.c_str(), "wx")); // never overwrite
    ::umask(old);
    if (!f)
        return makeError(ErrorCode::Conflict,
                         "cannot create " + path + " (does it exist already?)");
    const auto* secret = reinterpret_cast<const unsigned char*>(passphrase.data());
    const int ok =
        !isKey ? PEM_write_X509(f.get(), cert)
        : passphrase.empty()
            ? PEM_write_PrivateKey(f.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
            : PEM_write_PrivateKey(f.get(), key, EVP_aes_256_cbc(), secret,
                                   static_cast<int>(passphrase.size()), nullptr, nullptr);
    if (ok != 1)
        return sslError("cannot write " + path);
    return {};
}

/// Hands OpenSSL the passphrase (never asks on the terminal): `u` is the passphrase string.
int givePassphrase(char* buffer, int size, int /*writing*/, void* u) {
    const auto* passphrase = static_cast<const std::string*>(u);
    if (passphrase->empty() || passphrase->size() > static_cast<std::size_t>(size))
        return -1;
    passphrase->copy(buffer, passphrase->size());
    return static_cast<int>(passphrase->size());
}

/// The CA key, decrypted with `passphrase`.
Result<Key> readCaKey(const std::string& path, const std::string& passphrase) {
    File f(std::fopen(path.c_str(), "r"));
    if (!f)
        return makeError(ErrorCode::NotFound,
                         "cannot read " + path + ": create the CA first (store-admin init-ca)");
    std::string copy = passphrase;
    Key key(PEM_read_PrivateKey(f.get(), nullptr, givePassphrase, &copy));
    OPENSSL_cleanse(copy.data(), copy.size());
    if (!key) {
        ERR_clear_error();
        return makeError(ErrorCode::Unauthorized,
                         passphrase.empty()
                             ? "the CA key " + path + " is encrypted: give its passphrase"
                             : "the CA key " + path +
                                   " does not open with this passphrase (or is not a key)");
    }
    return key;
}

Result<Cert> readCert(const std::string& path) {
    File f(std::fopen(path.c_str(), "r"));
    if (!f)
        return makeError(ErrorCode::NotFound, "cannot read " + path);
    Cert cert(PEM_read_X509(f.get(), nullptr, nullptr, nullptr));
    if (!cert)
        return sslError("not a PEM certificate: " + path);
    return cert;
}

bool addExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

struct Spec {
    std::string commonName;
    std::string unit;
    long days = 90;
    bool ca = false;
    std::string extendedUsage; // serverAuth / clientAuth
    std::string altNames;      // "DNS:localhost,IP:127.0.0.1"
};

/// Makes a key and a certificate signed by `issuerKey` (self-signed when issuer is null).
Result<std::pair<Key, Cert>> make(const Spec& spec, X509* issuer, EVP_PKEY* issuerKey) {
    Key key(EVP_EC_gen("P-256"));
    if (!key)
        return sslError("cannot generate an ECDSA P-256 key");
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1)
        return sslError("no randomness for a serial number");
    serial[0] &= 0x7f; // positive
    serial[0] |= 0x10; // and always 16 bytes long
    std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>> bn(BN_bin2bn(serial, sizeof serial, nullptr));
    BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get()));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -300); // 5 minutes of clock skew
    X509_time_adj_ex(X509_getm_notAfter(cert.get()), static_cast<int>(spec.days), 0, nullptr);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("Baidian"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "OU", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(spec.unit.c_str()), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(spec.commonName.c_str()), -1,
                               -1, 0);
    X509* signer = issuer ? issuer : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
    bool ok = addExtension(cert.get(), signer, NID_subject_key_identifier, "hash") &&
              addExtension(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
    if (spec.ca)
        ok =
            ok &&
            addExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") &&
            addExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    else
        ok = ok && addExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE") &&
             addExtension(cert.get(), signer, NID_key_usage, "critical,digitalSignature") &&
             addExtension(cert.get(), signer, NID_ext_key_usage, spec.extendedUsage);
    if (!spec.altNames.empty())
        ok = ok && addExtension(cert.get(), signer, NID_subject_alt_name, spec.altNames);
    if (!ok)
        return sslError("cannot add certificate extensions");
    if (X509_sign(cert.get(), issuerKey ? issuerKey : key.get(), EVP_sha256()) <= 0)
        return sslError("cannot sign the certificate");
    return std::make_pair(std::move(key), std::move(cert));
}

Result<IssuedCertificate> issue(const CaKey& ca, const std::string& outDir,
                                const std::string& baseName, const Spec& spec) {
    auto caKey = readCaKey((fs::path(ca.dir) / "ca.key").string(), ca.passphrase);
    if (!caKey)
        return caKey.error();
    auto caCert = readCert((fs::path(ca.dir) / "ca.crt").string());
    if (!caCert)
        return caCert.error();
    auto made = make(spec, caCert->get(), caKey->get());
    if (!made)
        return made.error();
    std::error_code ec;
    fs::create_directories(outDir, ec);
    IssuedCertificate out;
    out.keyPath = (fs::path(outDir) / (baseName + ".key")).string();
    out.certPath = (fs::path(outDir) / (baseName + ".crt")).string();
    // A renewal replaces the files: remove the old pair first (the old certificate stays valid
    // until it expires or is revoked).
    fs::remove(out.keyPath, ec);
    fs::remove(out.certPath, ec);
    if (auto w = writePem(out.keyPath, true, made->first.get(), nullptr); !w)
        return w.error();
    if (auto w = writePem(out.certPath, false, nullptr, made->second.get()); !w)
        return w.error();
    out.serialHex = serialHex(made->second.get());
    out.subject = subjectOf(made->second.get());
    out.notBefore = asn1Time(X509_get0_notBefore(made->second.get()));
    out.notAfter = asn1Time(X509_get0_notAfter(made->second.get()));
    return out;
}

} // namespace

Result<IssuedCertificate> createCa(const CaKey& ca, const std::string& commonName) {
    if (ca.passphrase.size() < kMinCaPassphrase)
        return makeError(ErrorCode::InvalidArgument, "the CA key's passphrase needs at least " +
                                                         std::to_string(kMinCaPassphrase) +
                                                         " characters");
    const auto& dir = ca.dir;
    std::error_code ec;
    fs::create_directories(dir, ec);
    const auto keyPath = (fs::path(dir) / "ca.key").string();
    const auto certPath = (fs::path(dir) / "ca.crt").string();
    if (fs::exists(keyPath) || fs::exists(certPath))
        return makeError(ErrorCode::Conflict,
                         "a CA already exists in " + dir + ": it is never overwritten");
    Spec spec{commonName, "ca", 3650, true, "", ""};
    auto made = make(spec, nullptr, nullptr);
    if (!made)
        return made.error();
    if (auto w = writePem(keyPath, true, made->first.get(), nullptr, ca.passphrase); !w)
        return w.error();
    if (auto w = writePem(certPath, false, nullptr, made->second.get()); !w)
        return w.error();
    return IssuedCertificate{serialHex(made->second.get()),
                             subjectOf(made->second.get()),
                             asn1Time(X509_get0_notBefore(made->second.get())),
                             asn1Time(X509_get0_notAfter(made->second.get())),
                             certPath,
                             keyPath};
}

Result<IssuedCertificate> issueServerCertificate(const CaKey& ca, const std::string& dir,
                                                 const std::vector<std::string>& hosts, int days) {
    if (hosts.empty())
        return makeError(ErrorCode::InvalidArgument, "name at least one host name or IP address");
    std::string alt;
    for (const auto& h : hosts) {
        const bool ip = !h.empty() && (std::isdigit(static_cast<unsigned char>(h[0])) ||
                                       h.find(':') != std::string::npos);
        alt += (alt.empty() ? "" : ",") + std::string(ip ? "IP:" : "DNS:") + h;
    }
    return issue(ca, dir, "server", Spec{hosts.front(), "server", days, false, "serverAuth", alt});
}

std::string outletCertificateName(const std::string& outletCode, int terminal) {
    return terminal == 1 ? outletCode : outletCode + "-t" + std::to_string(terminal);
}

Result<IssuedCertificate> issueOutletCertificate(const CaKey& ca, const std::string& outDir,
                                                 const std::string& outletCode, int days,
                                                 int terminal) {
    if (days < 1 || days > 397)
        return makeError(ErrorCode::InvalidArgument, "an outlet certificate lives 1 to 397 days");
    if (terminal < 1 || terminal > 99)
        return makeError(ErrorCode::InvalidArgument, "a till's terminal number is 1 to 99");
    const std::string name = outletCertificateName(outletCode, terminal);
    auto issued = issue(ca, outDir, name, Spec{name, "outlet", days, false, "clientAuth", ""});
    if (issued) {
        std::error_code ec;
        fs::copy_file(fs::path(ca.dir) / "ca.crt", fs::path(outDir) / "ca.crt",
                      fs::copy_options::overwrite_existing, ec);
        if (ec)
            return makeError(ErrorCode::Storage,
                             "cannot copy ca.crt to " + outDir + ": " + ec.message());
    }
    return issued;
}

bool caKeyEncrypted(const std::string& dir) {
    File f(std::fopen((fs::path(dir) / "ca.key").string().c_str(), "r"));
    char line[64] = "";
    return f && std::fgets(line, sizeof line, f.get()) &&
           std::string_view(line).find("ENCRYPTED") != std::string_view::npos;
}

Result<std::string> certificateSerial(const std::string& certPath) {
    auto cert = readCert(certPath);
    if (!cert)
        return cert.error();
    return serialHex(cert->get());
}

} // namespace baidian::pki
