#include "secret_input.h"

#include <fstream>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace baidian::admin {

namespace {

void dropLineEnd(std::string& line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n'))
        line.pop_back();
}

} // namespace

Result<std::string> readSecretLine(const std::string& prompt, const std::string& how) {
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (terminal) {
        std::cerr << prompt << std::flush;
        if (::tcgetattr(STDIN_FILENO, &saved) == 0) {
            termios quiet = saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::cerr << "\n";
    }
    dropLineEnd(line);
    if (!got && line.empty())
        return makeError(ErrorCode::InvalidArgument, "nothing on standard input: " + how);
    return line;
}

Result<std::string> readSecretFile(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        return makeError(ErrorCode::NotFound, "cannot read the passphrase file " + path);
    std::string line;
    std::getline(in, line);
    dropLineEnd(line);
    if (line.empty())
        return makeError(ErrorCode::InvalidArgument,
                         "the passphrase file " + path +
                             " is empty (its first line is the passphrase)");
    return line;
}

} // namespace baidian::admin
