#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace baidian::server {

/// Counters exported at GET /metrics in the Prometheus text format. Thread-safe.
struct Metrics {
    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> responses2xx{0}, responses4xx{0}, responses5xx{0};
    std::atomic<std::uint64_t> handshakeFailures{0};
    std::atomic<std::uint64_t> connectionsOpen{0}, connectionsTotal{0};
    /// Connections closed as accepted: over the global cap, over the per-address cap.
    std::atomic<std::uint64_t> connectionsRefusedTotal{0}, connectionsRefusedPerAddress{0};
    /// Requests refused because the connection's certificate no longer holds (revoked, expired,
    /// outlet closed); bodies refused (413) before they were read.
    std::atomic<std::uint64_t> certificateRefusals{0}, bodiesTooLarge{0};
    std::atomic<std::uint64_t> salesStored{0}, salesDuplicate{0}, salesQuarantined{0},
        journalBreaks{0};
    std::atomic<std::uint64_t> batchMicrosTotal{0}, batches{0};

    /// `groups`, `jobs`, `commitFailures` come from the writer.
    std::string prometheus(std::uint64_t groups, std::uint64_t jobs,
                           std::uint64_t commitFailures) const;
};

} // namespace baidian::server
