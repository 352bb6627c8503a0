// Attacks on the store-server (issue "Trust no till"): see docs/security.md.
// Connections and certificates: somebody holding one outlet's certificate (revoked, expiring or
// another till's), or none, against a real store-server process over mutual TLS on 127.0.0.1.
#include "baidian/domain/time.h"
#include "baidian/protocol/codec.h"
#include "network_fixture.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstdio>
#include <gtest/gtest.h>
#include <memory>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <optional>
#include <sys/socket.h>
#include <thread>

using namespace baidian;
using baidian::testing::Network;
using baidian::testing::quote;
using baidian::testing::run;

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

struct Answer {
    int status = 0; ///< 0: no answer (refused, closed, timed out)
    std::string body;
    bool keepAlive = false;
};

/// One TLS 1.3 connection to the server that stays open across requests, as a till's does,
/// optionally resuming an earlier session. Every step has a timeout.
class TlsConnection {
public:
    /// `cert`/`key` empty: no client certificate.
    TlsConnection(const Network& net, const std::string& cert, const std::string& key,
                  SSL_SESSION* resume = nullptr) {
        SSL_CTX_set_min_proto_version(m_tls.native_handle(), TLS1_3_VERSION);
        m_tls.load_verify_file(net.pkiDir() + "/ca.crt");
        m_tls.set_verify_mode(ssl::verify_peer);
        if (!cert.empty()) {
            m_tls.use_certificate_chain_file(cert);
            m_tls.use_private_key_file(key, ssl::context::pem);
        }
        m_stream.emplace(m_ioc, m_tls);
        if (resume)
            SSL_set_session(m_stream->native_handle(), resume);
        boost::system::error_code ec;
        auto& lowest = beast::get_lowest_layer(*m_stream);
        lowest.expires_after(5s);
        lowest.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"),
                                           static_cast<unsigned short>(net.port())),
                             [&](auto e) { ec = e; });
        run();
        if (ec)
            return;
        lowest.expires_after(5s);
        m_stream->async_handshake(ssl::stream_base::client, [&](auto e) { ec = e; });
        run();
        m_open = !ec;
    }
    ~TlsConnection() {
        if (m_session)
            SSL_SESSION_free(m_session);
    }

    bool open() const { return m_open; }
    bool resumed() { return SSL_session_reused(m_stream->native_handle()) == 1; }

    /// Sends raw bytes (a request, or only its header).
    bool send(const std::string& bytes) {
        boost::system::error_code ec;
        beast::get_lowest_layer(*m_stream).expires_after(5s);
        asio::async_write(*m_stream, asio::buffer(bytes), [&](auto e, auto) { ec = e; });
        run();
        return !ec;
    }

    /// Reads one answer, waiting at most `timeout`.
    Answer read(std::chrono::seconds timeout = 10s) {
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        boost::system::error_code ec;
        beast::get_lowest_layer(*m_stream).expires_after(timeout);
        http::async_read(*m_stream, m_buffer, parser, [&](auto e, auto) { ec = e; });
        run();
        if (ec)
            return {0, ec.message(), false};
        // The ticket came before the answer: keep the session to resume it later.
        if (SSL_SESSION* s = SSL_get1_session(m_stream->native_handle())) {
            if (m_session)
                SSL_SESSION_free(m_session);
            m_session = s;
        }
        auto res = parser.release();
        return {static_cast<int>(res.result_int()), res.body(), res.keep_alive()};
    }

    Answer request(const std::string& method, const std::string& target,
                   const std::string& body = "") {
        if (!m_open || !send(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" +
                             "Content-Type: application/json\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\n\r\n" + body))
            return {};
        return read();
    }

    /// Whether the server has closed the connection (waits up to `timeout` for it to).
    bool closedByServer(std::chrono::seconds timeout = 3s) {
        char byte = 0;
        boost::system::error_code ec;
        beast::get_lowest_layer(*m_stream).expires_after(timeout);
        m_stream->async_read_some(asio::buffer(&byte, 1), [&](auto e, auto) { ec = e; });
        run();
        return ec && ec != beast::error::timeout;
    }

    /// The session to resume (owned by this connection).
    SSL_SESSION* session() const { return m_session; }

private:
    void run() {
        m_ioc.restart();
        m_ioc.run();
    }

    asio::io_context m_ioc;
    ssl::context m_tls{ssl::context::tls_client};
    std::optional<beast::ssl_stream<beast::tcp_stream>> m_stream;
    beast::flat_buffer m_buffer;
    SSL_SESSION* m_session = nullptr;
    bool m_open = false;
};

std::string certOf(const Network& net, const std::string& outlet, const std::string& name) {
    return net.certsDir(outlet) + "/" + name + ".crt";
}
std::string keyOf(const Network& net, const std::string& outlet, const std::string& name) {
    return net.certsDir(outlet) + "/" + name + ".key";
}

/// A coherent sale of 1 kg of the server's pear (¥5.90/斤) rung up now, as terminal `terminal`.
protocol::SaleDoc pearSale(const std::string& outlet, int terminal, std::int64_t seq) {
    const auto now = std::chrono::system_clock::now();
    protocol::SaleDoc s;
    unsigned char random[8];
    RAND_bytes(random, sizeof random);
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "%02x%02x%02x%02x-%02x%02x-4%01x%02x-8000-%012lld", random[0],
                  random[1], random[2], random[3], random[4], random[5], random[6] & 0x0f,
                  random[7], static_cast<long long>(seq));
    s.uuid = uuid;
    s.seq = seq;
    s.receiptNo = outlet + "-" + std::to_string(terminal) + "-" + std::to_string(seq);
    s.kind = "sale";
    s.completedAt = domain::isoUtc(now);
    s.businessDate = domain::businessDate(now);
    s.cashier = "1002";
    s.subtotalFen = 1180;
    s.totalFen = 1180;
    s.lines.push_back(
        {1, "AKS-PEA-01", "库尔勒香梨", 0, 1000, 590, 590, "jin", 1180, "", 0, 0, 0, 1180, {}});
    s.tenders.push_back({"cash", 1180, ""});
    s.prevHash = std::string(64, '0');
    s.hash = std::string(64, 'a');
    return s;
}

/// `count` such sales from `seq` on, as one upload.
std::string saleBatch(const std::string& outlet, int terminal, std::int64_t seq, int count = 1) {
    protocol::SaleBatch batch{outlet, terminal, {}};
    for (int i = 0; i < count; ++i)
        batch.sales.push_back(pearSale(outlet, terminal, seq + i));
    return protocol::encode(batch);
}

std::int64_t salesOf(const Network& net, int terminal) {
    SQLite::Database db(net.serverDb(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT count(*) FROM sale WHERE terminal_no = ?");
    q.bind(1, terminal);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

template <typename T, void (*F)(T*)> struct Free {
    void operator()(T* p) const { F(p); }
};

/// A client certificate for `outlet` signed by the network's CA that expires `seconds` from
/// now, recorded in the certificate table as store-admin records one (store-admin issues whole
/// days only). Writes <dir>/short.crt and short.key.
void issueShortLivedCertificate(const Network& net, const std::string& outlet, long seconds,
                                const std::string& dir) {
    // The fixture's CA key is encrypted with kCaPassphrase (an older CA's is not: then the
    // passphrase is not asked for).
    auto readPem = [](const std::string& path, auto reader) {
        FILE* f = std::fopen(path.c_str(), "r");
        EXPECT_NE(f, nullptr) << path;
        auto* out = reader(f, nullptr, nullptr, const_cast<char*>(baidian::testing::kCaPassphrase));
        std::fclose(f);
        return out;
    };
    std::unique_ptr<EVP_PKEY, Free<EVP_PKEY, EVP_PKEY_free>> caKey(
        readPem(net.pkiDir() + "/ca.key", PEM_read_PrivateKey));
    std::unique_ptr<X509, Free<X509, X509_free>> ca(
        readPem(net.pkiDir() + "/ca.crt", PEM_read_X509));
    ASSERT_TRUE(caKey && ca);
    std::unique_ptr<EVP_PKEY, Free<EVP_PKEY, EVP_PKEY_free>> key(EVP_EC_gen("P-256"));
    std::unique_ptr<X509, Free<X509, X509_free>> cert(X509_new());
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] = static_cast<unsigned char>((serial[0] & 0x7f) | 0x10);
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    char* hex = BN_bn2hex(bn);
    std::string serialHex(hex);
    OPENSSL_free(hex);
    BN_free(bn);
    for (auto& c : serialHex)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -300);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), seconds);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    for (const auto& [field, value] :
         {std::pair{"O", std::string("Baidian")}, {"OU", "outlet"}, {"CN", outlet}})
        X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                   0);
    X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.get()));
    for (const auto& [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:FALSE"},
                                     {NID_key_usage, "critical,digitalSignature"},
                                     {NID_ext_key_usage, "clientAuth"},
                                     {NID_authority_key_identifier, "keyid:always"}}) {
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, ca.get(), cert.get(), nullptr, nullptr, 0);
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
        ASSERT_NE(ext, nullptr);
        X509_add_ext(cert.get(), ext, -1);
        X509_EXTENSION_free(ext);
    }
    ASSERT_GT(X509_sign(cert.get(), caKey.get(), EVP_sha256()), 0);
    FILE* out = std::fopen((dir + "/short.crt").c_str(), "w");
    PEM_write_X509(out, cert.get());
    std::fclose(out);
    out = std::fopen((dir + "/short.key").c_str(), "w");
    PEM_write_PrivateKey(out, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(out);
    SQLite::Database db(net.serverDb(), SQLite::OPEN_READWRITE);
    SQLite::Statement q(db, "INSERT INTO certificate(serial, outlet_id, kind, subject, "
                            "not_before, not_after) SELECT ?, id, 'outlet', ?, ?, ? FROM outlet "
                            "WHERE code = ?");
    q.bind(1, serialHex);
    q.bind(2, "/O=Baidian/OU=outlet/CN=" + outlet);
    q.bind(3, domain::isoUtc(std::chrono::system_clock::now() - 300s));
    q.bind(4, domain::isoUtc(std::chrono::system_clock::now() + std::chrono::seconds(seconds)));
    q.bind(5, outlet);
    ASSERT_EQ(q.exec(), 1);
}

} // namespace

// A franchisee whose certificate head office revokes keeps the till's connection open (the
// till keeps it alive all day) and goes on uploading over it.
TEST(AttackConnection, ARevokedCertificateIsRefusedOnTheConnectionItHoldsOpen) {
    Network net;
    TlsConnection till(net, certOf(net, "HZ-F01", "HZ-F01"), keyOf(net, "HZ-F01", "HZ-F01"));
    ASSERT_TRUE(till.open());
    ASSERT_EQ(till.request("GET", "/v1/master?since=0").status, 200);
    const auto sales = net.serverSales();

    const auto revoked = net.admin("revoke --outlet HZ-F01");
    ASSERT_EQ(revoked.exitCode, 0) << revoked.output;

    const auto upload = till.request("POST", "/v1/sales", saleBatch("HZ-F01", 1, 1));
    EXPECT_EQ(upload.status, 403) << upload.body;
    EXPECT_NE(upload.body.find("revoked"), std::string::npos) << upload.body;
    EXPECT_FALSE(upload.keepAlive);
    EXPECT_TRUE(till.closedByServer());
    EXPECT_EQ(net.serverSales(), sales);
    // The other outlet's open connections are not disturbed by it.
    TlsConnection other(net, certOf(net, "NB-D01", "NB-D01"), keyOf(net, "NB-D01", "NB-D01"));
    EXPECT_EQ(other.request("GET", "/v1/master?since=0").status, 200);
    EXPECT_EQ(other.request("GET", "/v1/master?since=0").status, 200);
}

// A till whose certificate expires keeps resuming its TLS session, which skips the handshake's
// certificate check (and used to be renewed by every resumption).
TEST(AttackConnection, AnExpiredCertificateIsNotServedThroughSessionResumption) {
    Network net;
    issueShortLivedCertificate(net, "HZ-F01", 4, net.certsDir("HZ-F01"));
    const auto cert = certOf(net, "HZ-F01", "short"), key = keyOf(net, "HZ-F01", "short");
    SSL_SESSION* session = nullptr;
    TlsConnection first(net, cert, key);
    ASSERT_TRUE(first.open());
    ASSERT_EQ(first.request("GET", "/v1/master?since=0").status, 200);
    session = first.session();
    ASSERT_NE(session, nullptr);
    {
        // Resumption works while the certificate is valid (the benchmarks rely on it).
        TlsConnection again(net, cert, key, session);
        ASSERT_TRUE(again.open());
        EXPECT_TRUE(again.resumed());
        EXPECT_EQ(again.request("GET", "/v1/master?since=0").status, 200);
    }
    std::this_thread::sleep_for(6s); // the certificate has expired
    const auto sales = net.serverSales();
    TlsConnection resumed(net, cert, key, session);
    const auto upload = resumed.request("POST", "/v1/sales", saleBatch("HZ-F01", 1, 1));
    EXPECT_NE(upload.status, 200) << "an expired certificate was served after resuming its session";
    EXPECT_EQ(net.serverSales(), sales);
    // And the connection that was open when it expired is refused on its next request.
    const auto late = first.request("GET", "/v1/master?since=0");
    EXPECT_EQ(late.status, 403) << late.body;
    EXPECT_NE(late.body.find("expired"), std::string::npos) << late.body;
}

// Resuming again and again does not keep a session alive past its first full handshake's
// lifetime (here 3 s): the till then makes a full handshake, with its certificate checked.
TEST(AttackConnection, ResumingNeverExtendsASessionPastItsLifetime) {
    Network net;
    net.stopServer();
    net.startServer({"--tls-session-lifetime", "3"});
    const auto cert = certOf(net, "HZ-F01", "HZ-F01"), key = keyOf(net, "HZ-F01", "HZ-F01");
    TlsConnection first(net, cert, key);
    ASSERT_EQ(first.request("GET", "/v1/master?since=0").status, 200);
    std::vector<std::unique_ptr<TlsConnection>> chain;
    SSL_SESSION* latest = first.session();
    for (int i = 0; i < 2; ++i) {
        std::this_thread::sleep_for(1200ms);
        chain.push_back(std::make_unique<TlsConnection>(net, cert, key, latest));
        ASSERT_EQ(chain.back()->request("GET", "/v1/master?since=0").status, 200);
        EXPECT_TRUE(chain.back()->resumed()) << "resumption " << i + 1;
        latest = chain.back()->session();
    }
    // Over 5 s after the full handshake (OpenSSL counts whole seconds, the last one included).
    std::this_thread::sleep_for(2600ms);
    TlsConnection late(net, cert, key, latest);
    ASSERT_EQ(late.request("GET", "/v1/master?since=0").status, 200);
    EXPECT_FALSE(late.resumed()) << "a session lived past its lifetime by being resumed";
}

// A connection lives at most --max-connection-age (here 2 s): a busy one is closed after the
// answer that crosses it, an idle one when it is reached.
TEST(AttackConnection, AConnectionIsClosedAtItsMaximumAge) {
    Network net;
    net.stopServer();
    net.startServer({"--max-connection-age", "2"});
    const auto opened = std::chrono::steady_clock::now();
    TlsConnection till(net, certOf(net, "HZ-F01", "HZ-F01"), keyOf(net, "HZ-F01", "HZ-F01"));
    const auto early = till.request("GET", "/v1/master?since=0");
    ASSERT_EQ(early.status, 200);
    EXPECT_TRUE(early.keepAlive);
    std::this_thread::sleep_for(1500ms);
    EXPECT_TRUE(till.request("GET", "/v1/master?since=0").keepAlive);
    EXPECT_TRUE(till.closedByServer(5s));
    const auto lived = std::chrono::steady_clock::now() - opened;
    EXPECT_GE(lived, 1900ms);
    EXPECT_LT(lived, 3500ms);
}

// A till (terminal 2) set up with terminal 1's certificate, or a stolen till posing as another
// terminal of its outlet, uploads into that terminal's sequence.
TEST(AttackConnection, OneTillsCertificateCannotUploadAsAnotherTerminal) {
    Network net;
    TlsConnection one(net, certOf(net, "HZ-F01", "HZ-F01"), keyOf(net, "HZ-F01", "HZ-F01"));
    const auto forged = one.request("POST", "/v1/sales", saleBatch("HZ-F01", 2, 1));
    EXPECT_EQ(forged.status, 403) << forged.body;
    EXPECT_NE(forged.body.find("terminal 1"), std::string::npos) << forged.body;
    EXPECT_EQ(salesOf(net, 2), 0);
    EXPECT_EQ(one.request("GET", "/v1/reconcile?terminal=2&date=2026-11-30").status, 403);
    const auto shift =
        one.request("POST", "/v1/shifts",
                    protocol::encode(protocol::ShiftReportDoc{"HZ-F01",
                                                              2,
                                                              1,
                                                              "1002",
                                                              "2026-11-30T00:00:00Z",
                                                              "2026-11-30T08:00:00Z",
                                                              0,
                                                              {{"cash", 1180, 1180}}}));
    EXPECT_EQ(shift.status, 403) << shift.body;
    const auto movements = one.request(
        "POST", "/v1/movements", protocol::encode(protocol::MovementBatch{"HZ-F01", 2, {}, {}}));
    EXPECT_EQ(movements.status, 403) << movements.body;
    // Terminal 1's own uploads go on.
    EXPECT_EQ(one.request("POST", "/v1/sales", saleBatch("HZ-F01", 1, 1)).status, 200);

    // Terminal 2 gets its own certificate, which serves terminal 2 only.
    const auto issued =
        net.admin("issue-cert --outlet HZ-F01 --terminal 2 --out " + quote(net.certsDir("HZ-F01")));
    ASSERT_EQ(issued.exitCode, 0) << issued.output;
    TlsConnection two(net, certOf(net, "HZ-F01", "HZ-F01-t2"), keyOf(net, "HZ-F01", "HZ-F01-t2"));
    EXPECT_EQ(two.request("POST", "/v1/sales", saleBatch("HZ-F01", 2, 1)).status, 200);
    EXPECT_EQ(two.request("GET", "/v1/reconcile?terminal=2&date=2026-11-30").status, 200);
    EXPECT_EQ(two.request("POST", "/v1/sales", saleBatch("HZ-F01", 1, 2)).status, 403);
    EXPECT_EQ(two.request("GET", "/v1/master?since=0").status, 200); // master data is per outlet
}

// A stranger (no certificate) or an outlet announces an 8 MiB body anywhere but on a till's
// upload path, and makes the server wait for it and hold it.
TEST(AttackConnection, ALargeBodyIsRefusedBeforeItIsReadExceptATillsUpload) {
    Network net;
    const std::string eightMiB = std::to_string(8 * 1024 * 1024);
    const auto announce = [&](TlsConnection& c, const std::string& target) {
        EXPECT_TRUE(c.send("POST " + target +
                           " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                           "Content-Length: " +
                           eightMiB + "\r\n\r\n"));
        const auto started = std::chrono::steady_clock::now();
        const auto answer = c.read(5s); // the body never comes
        EXPECT_EQ(answer.status, 413) << target << ": " << answer.body;
        EXPECT_LT(std::chrono::steady_clock::now() - started, 3s) << target;
        EXPECT_FALSE(answer.keepAlive) << target;
        EXPECT_TRUE(c.closedByServer()) << target;
    };
    {
        TlsConnection stranger(net, "", "");
        announce(stranger, "/v1/sales");
    }
    {
        TlsConnection stranger(net, "", "");
        announce(stranger, "/v1/session");
    }
    {
        TlsConnection stranger(net, "", "");
        announce(stranger, "/v1/office/catalog.csv");
    }
    {
        TlsConnection outlet(net, certOf(net, "NB-D01", "NB-D01"), keyOf(net, "NB-D01", "NB-D01"));
        announce(outlet, "/v1/master?since=0");
    }
    {
        // A revoked till's upload is not read either.
        ASSERT_EQ(net.admin("revoke --outlet NB-D01").exitCode, 0);
        TlsConnection revoked(net, certOf(net, "NB-D01", "NB-D01"), keyOf(net, "NB-D01", "NB-D01"));
        if (revoked.open()) {
            revoked.send("POST /v1/sales HTTP/1.1\r\nHost: localhost\r\nContent-Length: " +
                         eightMiB + "\r\n\r\n");
            EXPECT_NE(revoked.read(5s).status, 200);
        }
    }
    // A till's upload of a large batch (500 sales, far over the small limit) is read and
    // answered.
    const std::string big = saleBatch("HZ-F01", 1, 1, 500);
    ASSERT_GT(big.size(), 200u * 1024);
    TlsConnection till(net, certOf(net, "HZ-F01", "HZ-F01"), keyOf(net, "HZ-F01", "HZ-F01"));
    const auto answer = till.request("POST", "/v1/sales", big);
    EXPECT_EQ(answer.status, 200) << answer.body.substr(0, 300);
    // An admin's CSV import (bigger than the small limit) goes through too.
    const auto login =
        net.request("", "POST", "/v1/session", R"({"username":"admin","password":"admin-pass-1"})");
    ASSERT_EQ(login.status, 200) << login.body;
    const auto from = login.body.find("\"token\":\"") + 9;
    const auto token = login.body.substr(from, login.body.find('"', from) - from);
    std::string csv = "sku,name,sale_unit,price,price_basis,plu,barcodes,active\r\n";
    for (int i = 0; i < 1000; ++i)
        csv += "AKS-T" + std::to_string(1000 + i) + ",Test product " + std::to_string(i) +
               ",each,1.00,unit,,,1\r\n";
    ASSERT_GT(csv.size(), 16u * 1024);
    const std::string csvFile = net.file("catalog.csv");
    {
        FILE* f = std::fopen(csvFile.c_str(), "w");
        std::fwrite(csv.data(), 1, csv.size(), f);
        std::fclose(f);
    }
    const auto imported =
        run("curl -sS -o /dev/null -w '%{http_code}' --cacert " + quote(net.pkiDir() + "/ca.crt") +
            " -H " + quote("Authorization: Bearer " + token) +
            " -H 'Content-Type: text/csv' --data-binary @" + quote(csvFile) +
            " https://localhost:" + std::to_string(net.port()) + "/v1/office/catalog.csv");
    EXPECT_EQ(imported.output, "200") << imported.output;
}

// A stranger opens connections from one address and holds them (no TLS handshake at all),
// taking the sockets every till needs.
TEST(AttackConnection, ConnectionsBeyondThePerAddressCapAreRefused) {
    Network net;
    asio::io_context ioc;
    std::vector<std::unique_ptr<tcp::socket>> held;
    const tcp::endpoint server(asio::ip::make_address("127.0.0.1"),
                               static_cast<unsigned short>(net.port()));
    for (int i = 0; i < 100; ++i) {
        auto s = std::make_unique<tcp::socket>(ioc);
        boost::system::error_code ec;
        s->connect(server, ec);
        if (!ec)
            held.push_back(std::move(s));
    }
    ASSERT_EQ(held.size(), 100u);
    std::this_thread::sleep_for(1s);
    int closed = 0;
    for (auto& s : held) {
        char byte = 0;
        if (::recv(s->native_handle(), &byte, 1, MSG_DONTWAIT | MSG_PEEK) == 0)
            ++closed;
    }
    EXPECT_GE(closed, 100 - 64) << "the server held every connection of one address";
    // Somebody at another address is still served while they are held.
    const auto other = run("curl -sS -o /dev/null -w '%{http_code}' --interface 127.0.0.2 "
                           "--cacert " +
                           quote(net.pkiDir() + "/ca.crt") +
                           " https://127.0.0.1:" + std::to_string(net.port()) + "/healthz");
    EXPECT_EQ(other.output, "200");
    held.clear();
    std::this_thread::sleep_for(500ms);
    const auto metrics = net.request("", "GET", "/metrics");
    ASSERT_EQ(metrics.status, 200);
    EXPECT_NE(metrics.body.find("baidian_connections_refused_total{cap=\"per_address\"} "),
              std::string::npos)
        << metrics.body;
}
