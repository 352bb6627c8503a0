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
    /// A repeat UUID (sale) or shift id (Z report) with other content: kept, not stored.
    std::atomic<std::uint64_t> saleConflicts{0}, shiftConflicts{0};
    /// Read from the database at each scrape: sequence numbers missing in terminals' numbering
    /// (1..highest stored), and the terminals that have such a gap.
    std::atomic<std::int64_t> missingSeqs{0}, terminalsWithGaps{0};
    std::atomic<std::uint64_t> batchMicrosTotal{0}, batches{0};
    /// Logins refused without a password check: throttled (429), the argon2 pool full (503).
    std::atomic<std::uint64_t> loginsThrottled{0}, loginsPoolFull{0};
    /// Logins checked and refused (wrong password, unknown or disabled user).
    std::atomic<std::uint64_t> loginsFailed{0};
    /// Tills' writes refused (503) before they were queued: their outlet had its writes in
    /// flight, the writer had its queue full.
    std::atomic<std::uint64_t> uploadsRefusedOutlet{0}, uploadsRefusedWriter{0};

    /// `groups`, `jobs`, `commitFailures`, `jobsRefused` come from the writer.
    std::string prometheus(std::uint64_t groups, std::uint64_t jobs, std::uint64_t commitFailures,
                           std::uint64_t jobsRefused = 0) const;
};

} // namespace baidian::server
