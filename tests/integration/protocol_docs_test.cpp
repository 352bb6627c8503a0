// Runs the curl and openssl commands of docs/protocol.md against a real server and checks
// each one's "# expect:" line, so the documentation cannot drift from the server.
#include "network_fixture.h"

#include <fstream>
#include <sstream>

using baidian::testing::Network;
using baidian::testing::quote;
using baidian::testing::run;

TEST(ProtocolDocs, CurlAndOpensslCommandsWorkAsWritten) {
    std::ifstream doc(std::string(BAIDIAN_DOCS_DIR) + "/protocol.md");
    ASSERT_TRUE(doc) << "docs/protocol.md is missing";
    std::vector<std::pair<std::string, std::string>> commands;
    std::string line;
    bool inBlock = false;
    while (std::getline(doc, line)) {
        if (line.starts_with("```"))
            inBlock = line == "```sh";
        else if (inBlock && line.starts_with("# expect: ") && !commands.empty())
            commands.back().second = line.substr(10);
        else if (inBlock && !line.empty())
            commands.emplace_back(line, "");
    }
    ASSERT_GE(commands.size(), 6u);

    Network net;
    const std::string env = "PORT=" + std::to_string(net.port()) + " PKI=" + quote(net.pkiDir()) +
                            " CERTS=" + quote(net.certsDir("HZ-F01")) + " ";
    for (const auto& [command, expect] : commands) {
        ASSERT_FALSE(expect.empty()) << "no # expect: line after: " << command;
        const auto result = run(env + "bash -c " + quote(command));
        EXPECT_NE(result.output.find(expect), std::string::npos)
            << "command: " << command << "\nexpected: " << expect << "\noutput: " << result.output;
    }
}
