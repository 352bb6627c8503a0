#pragma once
// A directory of its own under the system's temporary directory for a test, a benchmark or the
// chaos run: made when the object is, removed with everything in it when it goes (unless
// keep() was called). Not thread-safe; one owner.

#include <cerrno>
#include <filesystem>
#include <string>
#include <system_error>
#include <unistd.h>

namespace baidian::test {

class TempDir {
public:
    /// Makes <temp>/<prefix>-XXXXXX (mkdtemp). Throws std::filesystem::filesystem_error if it
    /// cannot be made: a test without its directory cannot run.
    explicit TempDir(const std::string& prefix = "baidian") {
        std::string pattern =
            (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::filesystem::filesystem_error(
                "mkdtemp", pattern, std::error_code(errno, std::generic_category()));
        m_path = pattern;
    }
    /// Removes the directory and everything in it; errors are ignored (a file still open, a
    /// mount point).
    ~TempDir() {
        if (m_keep)
            return;
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    /// The path of `name` inside the directory (not created).
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    /// Leaves the directory in place when the object goes (the chaos run keeps a failed run's
    /// files).
    void keep() { m_keep = true; }

private:
    std::filesystem::path m_path;
    bool m_keep = false;
};

} // namespace baidian::test
