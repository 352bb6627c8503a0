#pragma once
// A fault-injecting TCP proxy on 127.0.0.1 between tills and store-server, for the chaos
// scenarios. Each new connection is, with the configured probability, given one fault, the
// kinds taken in turn so that every kind comes up:
//   drop       the connection is reset after 0-3 chunks either way, whatever is in flight
//   delay      every chunk either way waits 20-200 ms
//   cut        the client's bytes stop after a random 300-6000 and the connection closes
//   lose_ack   the request reaches the server, the answer never reaches the client
//   duplicate  one of the client's chunks is sent twice (a corrupt TLS stream)
//   reorder    the two parts of one of the client's chunks swap places (a corrupt TLS stream)
// Every loop is bounded: connections live at most 60 s, at most 512 run at once, and poll()
// wakes every 100 ms to see the stop flag. Thread-safe: setFaultPercent and counts may be
// called from any thread.

#include <array>
#include <atomic>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace baidian::chaos {

enum class Fault { Drop, Delay, Cut, LoseAck, Duplicate, Reorder };
inline constexpr std::array<Fault, 6> kFaults = {Fault::Drop,    Fault::Delay,     Fault::Cut,
                                                 Fault::LoseAck, Fault::Duplicate, Fault::Reorder};
const char* name(Fault fault);

class FaultProxy {
public:
    /// Listens on 127.0.0.1 (a free port) and forwards to 127.0.0.1:`upstreamPort`.
    FaultProxy(std::uint16_t upstreamPort, std::uint64_t seed, int faultPercent);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    std::uint16_t port() const { return m_port; }
    /// Share of new connections given a fault, 0-100 (0: a clean proxy).
    void setFaultPercent(int percent) { m_percent = percent; }
    /// How many times each fault took effect.
    int count(Fault fault) const { return m_counts[static_cast<std::size_t>(fault)]; }
    int connections() const { return m_connections; }

private:
    struct Worker {
        std::thread thread;
        std::atomic<bool> done{false};
    };
    void acceptLoop();
    void serve(int client, int fault, std::uint64_t seed); ///< fault -1: none
    void reap(bool all);

    std::uint16_t m_upstream;
    std::uint16_t m_port = 0;
    int m_listen = -1;
    std::atomic<int> m_percent;
    std::atomic<bool> m_stop{false};
    std::array<std::atomic<int>, kFaults.size()> m_counts{};
    std::atomic<int> m_connections{0};
    std::uint64_t m_seed;
    std::mutex m_mutex;
    std::list<Worker> m_workers;
    std::thread m_acceptor;
};

} // namespace baidian::chaos
