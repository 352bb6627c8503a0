#pragma once
// A directory of its own under the system's temporary directory, removed with everything in it
// when the test is done (db_test's tests work on real SQLite files).

#include <filesystem>
#include <string>
#include <unistd.h>

namespace baidian::testing {

class TempDir {
public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "baidian-db-XXXXXX").string();
        m_path = ::mkdtemp(pattern.data());
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const {
        return (std::filesystem::path(m_path) / name).string();
    }

private:
    std::string m_path;
};

} // namespace baidian::testing
