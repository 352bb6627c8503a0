// store-server's TOML config: every section read over the defaults, and a refusal naming the
// file and the key.
#include "baidian/server/server.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace baidian::server;
using namespace std::chrono_literals;

namespace {

std::string writeConfig(const std::string& text) {
    const auto path = (std::filesystem::temp_directory_path() /
                       ("net_config_test_" + std::to_string(::getpid()) + ".toml"))
                          .string();
    std::ofstream(path) << text;
    return path;
}

} // namespace

TEST(LoadConfig, ReadsEverySectionOverTheDefaults) {
    const auto path = writeConfig(R"(
listen = "0.0.0.0:9443"
threads = 4
database = "central.db"
ranking = "ranking.toml"
[ingest]
line_fen = 500
lines = 20
[tls]
ca = "ca.pem"
key = "server.key"
session_seconds = 600
[timeouts]
read_seconds = 5
[limits]
connections = 10
connection_age_seconds = 120
login_threads = 3
writer_queue = 32
)");
    auto config = loadConfig(path);
    std::filesystem::remove(path);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->listenAddress, "0.0.0.0");
    EXPECT_EQ(config->port, 9443);
    EXPECT_EQ(config->threads, 4);
    EXPECT_EQ(config->database, "central.db");
    EXPECT_EQ(config->rankingConfig, "ranking.toml");
    EXPECT_EQ(config->saleLimits.maxLineFen, 500);
    EXPECT_EQ(config->saleLimits.maxLines, 20u);
    EXPECT_EQ(config->caFile, "ca.pem");
    EXPECT_EQ(config->certFile, ServerConfig{}.certFile); // not given: the default stays
    EXPECT_EQ(config->keyFile, "server.key");
    EXPECT_EQ(config->tlsSessionLifetime, 600s);
    EXPECT_EQ(config->readTimeout, 5s);
    EXPECT_EQ(config->writeTimeout, ServerConfig{}.writeTimeout);
    EXPECT_EQ(config->maxConnections, 10u);
    EXPECT_EQ(config->maxConnectionAge, 120s);
    EXPECT_EQ(config->loginThreads, 3u);
    EXPECT_EQ(config->writerQueue, 32u);
}

TEST(LoadConfig, RefusesABadValueNamingTheFileAndTheKey) {
    const std::pair<std::string, std::string> cases[] = {
        {"listen = \"nowhere\"", "listen must be address:port"},
        {"listen = \"127.0.0.1:70000\"", "listen has a bad port"},
        {"threads = 0", "threads must be 1-256"},
        {"database = 3", "database must be a string"},
        {"[ingest]\nsale_fen = 0", "ingest.sale_fen must be 1-1000000000000"},
        {"[tls]\nsession_seconds = 90000", "tls.session_seconds must be 1-86400 seconds"},
        {"[timeouts]\nwrite_seconds = 3601", "timeouts.write_seconds must be 1-3600 seconds"},
        {"[limits]\nlogin_threads = 65", "limits.login_threads must be 1-64"},
        {"[limits]\nlogin_backoff_seconds = 60\nlogin_backoff_max_seconds = 30",
         "limits.login_backoff_max_seconds must be at least limits.login_backoff_seconds"},
    };
    for (const auto& [text, message] : cases) {
        const auto path = writeConfig(text);
        auto config = loadConfig(path);
        std::filesystem::remove(path);
        ASSERT_FALSE(config) << text;
        EXPECT_EQ(config.error().message, "config " + path + ": " + message) << text;
    }
}
