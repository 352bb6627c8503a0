// The server's TLS as an outside scanner sees it, and certificates from outside the network.
#include "network_fixture.h"

#include <regex>
#include <sstream>

using baidian::testing::Network;
using baidian::testing::quote;
using baidian::testing::run;

TEST(Tls, SslscanFindsOnlyTls13WithStrongCiphers) {
    Network net;
    const auto scan = run("sslscan --no-colour 127.0.0.1:" + std::to_string(net.port()));
    ASSERT_EQ(scan.exitCode, 0) << scan.output;
    std::cout << scan.output; // the checker's own words go into the test log
    for (const char* off : {"SSLv2     disabled", "SSLv3     disabled", "TLSv1.0   disabled",
                            "TLSv1.1   disabled", "TLSv1.2   disabled"})
        EXPECT_NE(scan.output.find(off), std::string::npos) << off;
    EXPECT_NE(scan.output.find("TLSv1.3   enabled"), std::string::npos);
    const std::regex cipher(R"((Preferred|Accepted)\s+(\S+)\s+(\d+) bits\s+(\S+))");
    int ciphers = 0;
    std::istringstream lines(scan.output);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (!std::regex_search(line, m, cipher))
            continue;
        ++ciphers;
        EXPECT_EQ(m[2].str(), "TLSv1.3") << line;
        EXPECT_GE(std::stoi(m[3].str()), 128) << line;
        const std::string name = m[4].str();
        EXPECT_TRUE(name == "TLS_AES_128_GCM_SHA256" || name == "TLS_AES_256_GCM_SHA384" ||
                    name == "TLS_CHACHA20_POLY1305_SHA256")
            << "unexpected cipher " << name;
    }
    EXPECT_GE(ciphers, 2);
    // Key exchange groups: only ones of at least 128-bit strength.
    const std::regex group(R"(^TLSv1\.3\s+(\d+) bits\s+(\S+))");
    int groups = 0;
    std::istringstream again(scan.output);
    for (std::string line; std::getline(again, line);) {
        std::smatch m;
        if (!std::regex_search(line, m, group))
            continue;
        ++groups;
        EXPECT_GE(std::stoi(m[1].str()), 128) << line;
        EXPECT_EQ(m[2].str().find("ffdhe"), std::string::npos) << line;
    }
    EXPECT_GE(groups, 1);
}

TEST(Tls, ACertificateFromAnotherCaIsRefusedAtTheHandshake) {
    Network net;
    // A rogue network with its own CA and an "HZ-F01" certificate of its own.
    const std::string rogue = net.file("rogue");
    const std::string admin = baidian::testing::storeAdminBinary() + " --db " +
                              quote(rogue + "/server.db") + " --pki " + quote(rogue + "/pki");
    ASSERT_EQ(run(admin + " init-ca").exitCode, 0);
    ASSERT_EQ(run(admin + " add-outlet --code HZ-F01 --name x --type flagship --city x").exitCode,
              0);
    ASSERT_EQ(run(admin + " issue-cert --outlet HZ-F01 --out " + quote(rogue + "/certs")).exitCode,
              0);
    const auto refused =
        run("curl -sS --cacert " + quote(net.pkiDir() + "/ca.crt") + " --cert " +
            quote(rogue + "/certs/HZ-F01.crt") + " --key " + quote(rogue + "/certs/HZ-F01.key") +
            " https://localhost:" + std::to_string(net.port()) + "/v1/master?since=0");
    EXPECT_NE(refused.exitCode, 0) << refused.output;
    EXPECT_EQ(refused.output.find("\"products\""), std::string::npos) << refused.output;
    // Without any certificate the connection is allowed, but /v1/ is not.
    const auto anonymous =
        run("curl -sS -o /dev/null -w '%{http_code}' --cacert " + quote(net.pkiDir() + "/ca.crt") +
            " https://localhost:" + std::to_string(net.port()) + "/v1/master?since=0");
    EXPECT_EQ(anonymous.output, "403");
}

TEST(Tls, AnExpiredCertificateOfTheNetworkIsRefusedAtTheHandshake) {
    Network net;
    // Signed by the network's own CA and naming a real outlet, but its validity ended yesterday
    // (openssl x509 -days -1): only its dates are wrong.
    const std::string dir = net.file("expired");
    const std::string key = dir + "/HZ-F01.key", csr = dir + "/HZ-F01.csr",
                      crt = dir + "/HZ-F01.crt";
    ASSERT_EQ(run("mkdir -p " + quote(dir) +
                  " && openssl ecparam -name prime256v1 -genkey "
                  "-noout -out " +
                  quote(key) + " && openssl req -new -key " + quote(key) +
                  " -subj /O=Baidian/OU=outlet/CN=HZ-F01 -out " + quote(csr) +
                  " && openssl x509 -req -in " + quote(csr) + " -CA " +
                  quote(net.pkiDir() + "/ca.crt") + " -CAkey " + quote(net.pkiDir() + "/ca.key") +
                  " -passin env:BAIDIAN_CA_PASSPHRASE" + " -days -1 -set_serial 0x5eed -out " +
                  quote(crt))
                  .exitCode,
              0);
    const auto dates = run("openssl x509 -noout -checkend 0 -in " + quote(crt));
    ASSERT_NE(dates.exitCode, 0) << "the test certificate should already have expired";
    const auto refused =
        run("curl -sS --cacert " + quote(net.pkiDir() + "/ca.crt") + " --cert " + quote(crt) +
            " --key " + quote(key) + " https://localhost:" + std::to_string(net.port()) +
            "/v1/master?since=0");
    EXPECT_NE(refused.exitCode, 0) << refused.output;
    EXPECT_EQ(refused.output.find("\"products\""), std::string::npos) << refused.output;
    // The server says why, in its log.
    const auto log = run("cat " + quote(net.file("server.log")));
    EXPECT_NE(log.output.find("certificate has expired"), std::string::npos) << log.output;
}

// Right after a start, the first handshakes of several outlets at once all verify their
// certificates against the one CA certificate the server threads share. OpenSSL fills that
// certificate's cached fields on first use; the server fills them before its threads run, so the
// handshakes only read them (under ThreadSanitizer, a server that left it to the first handshakes
// reported a data race after about one start in ten and exited 66).
TEST(Tls, OutletsConnectingAtOnceRightAfterAStartAllGetIn) {
    Network net;
    const std::string ca = quote(net.pkiDir() + "/ca.crt");
    for (int round = 0; round < 24; ++round) {
        if (round > 0) {
            ASSERT_EQ(net.stopServer(), 0) << run("cat " + quote(net.file("server.log"))).output;
            net.startServer();
        }
        std::string burst = "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do ";
        for (const char* outlet : {"HZ-F01", "NB-D01"}) {
            const std::string dir = net.certsDir(outlet) + "/" + outlet;
            burst += "curl -sS -o /dev/null -w '%{http_code}\\n' --cacert " + ca + " --cert " +
                     quote(dir + ".crt") + " --key " + quote(dir + ".key") +
                     " https://localhost:" + std::to_string(net.port()) + "/healthz & ";
        }
        burst += "done; wait";
        const auto codes = run(burst);
        std::istringstream lines(codes.output);
        int ok = 0;
        for (std::string line; std::getline(lines, line);)
            ok += line == "200";
        EXPECT_EQ(ok, 24) << "round " << round << ":\n" << codes.output;
    }
    EXPECT_EQ(net.stopServer(), 0);
    const auto log = run("cat " + quote(net.file("server.log")));
    EXPECT_EQ(log.output.find("ThreadSanitizer"), std::string::npos) << log.output;
    net.startServer(); // the fixture stops it again
}
