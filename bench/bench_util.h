#pragma once
// What the benchmarks share: latency statistics, temporary directories and a network's PKI.

#include "baidian/test/temp_dir.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace baidian::bench {

using Clock = std::chrono::steady_clock;

struct Stats {
    double p50 = 0, p99 = 0, max = 0;
    std::size_t n = 0;
};

inline Stats stats(std::vector<double> ms) {
    if (ms.empty())
        return {};
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) {
        return ms[std::min(ms.size() - 1,
                           static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
    };
    return {at(0.50), at(0.99), ms.back(), ms.size()};
}

inline double millisSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

inline double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// A fresh directory under /tmp (baidian-bench-XXXXXX), removed with the object.
class TempDir : public test::TempDir {
public:
    TempDir()
        : test::TempDir("baidian-bench") {}
};

/// Resident set size of a process in MiB (from /proc), 0 if unknown.
inline double rssMiB(int pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            double kib = 0;
            status >> kib;
            return kib / 1024.0;
        }
        std::getline(status, key);
    }
    return 0;
}

} // namespace baidian::bench
