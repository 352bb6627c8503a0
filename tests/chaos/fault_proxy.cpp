#include "fault_proxy.h"

#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <random>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace baidian::chaos {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int kMaxConnections = 512;
constexpr auto kConnectionLifetime = std::chrono::seconds(60);

bool writeAll(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const auto n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

/// Closes with a reset instead of an orderly FIN: what a dropped connection looks like.
void reset(int fd) {
    linger hard{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    ::close(fd);
}

int connectLoopback(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

} // namespace

const char* name(Fault fault) {
    switch (fault) {
    case Fault::Drop:
        return "drop (connection reset)";
    case Fault::Delay:
        return "delay (20-200 ms a chunk)";
    case Fault::Cut:
        return "cut mid-request";
    case Fault::LoseAck:
        return "lose the answer (ack)";
    case Fault::Duplicate:
        return "duplicate a chunk";
    case Fault::Reorder:
        return "reorder (a chunk's two parts swapped)";
    }
    return "?";
}

FaultProxy::FaultProxy(std::uint16_t upstreamPort, std::uint64_t seed, int faultPercent)
    : m_upstream(upstreamPort)
    , m_percent(faultPercent)
    , m_seed(seed) {
    m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(m_listen, 256) != 0)
        throw std::runtime_error("the fault proxy cannot listen on 127.0.0.1");
    socklen_t len = sizeof addr;
    ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_acceptor = std::thread([this] { acceptLoop(); });
}

FaultProxy::~FaultProxy() {
    m_stop = true;
    m_acceptor.join();
    ::close(m_listen);
    reap(true);
}

void FaultProxy::reap(bool all) {
    std::lock_guard lock(m_mutex);
    for (auto it = m_workers.begin(); it != m_workers.end();) {
        if (all || it->done) {
            it->thread.join();
            it = m_workers.erase(it);
        } else {
            ++it;
        }
    }
}

void FaultProxy::acceptLoop() {
    std::mt19937_64 rng(m_seed);
    std::size_t nextFault = 0;
    while (!m_stop) {
        pollfd p{m_listen, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        const int client = ::accept(m_listen, nullptr, nullptr);
        if (client < 0)
            continue;
        reap(false);
        std::lock_guard lock(m_mutex);
        if (m_workers.size() >= kMaxConnections) {
            ::close(client);
            continue;
        }
        const int one = 1;
        ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        ++m_connections;
        int fault = -1;
        if (static_cast<int>(rng() % 100) < m_percent)
            fault = static_cast<int>(nextFault++ % kFaults.size());
        auto& w = m_workers.emplace_back();
        w.thread = std::thread([this, client, fault, seed = rng(), &w] {
            serve(client, fault, seed);
            w.done = true;
        });
    }
}

void FaultProxy::serve(int client, int faultIndex, std::uint64_t seed) {
    const int server = connectLoopback(m_upstream);
    if (server < 0) { // the server is down (killed, restarting): the till sees a refusal
        reset(client);
        return;
    }
    std::mt19937_64 rng(seed);
    const auto fault =
        faultIndex < 0 ? std::optional<Fault>() : kFaults[static_cast<std::size_t>(faultIndex)];
    const auto is = [&](Fault f) { return fault && *fault == f; };
    const auto tally = [&](Fault f) { ++m_counts[static_cast<std::size_t>(f)]; };
    const auto started = Clock::now();
    const int dropAfter = static_cast<int>(rng() % 4); // chunks either way before the reset
    int chunks = 0;
    const std::size_t cutAfter = 300 + rng() % 5700;
    const int dupChunk = 1 + static_cast<int>(rng() % 3);
    const int reorderChunk = 1 + static_cast<int>(rng() % 3);
    const auto pause = [&] {
        if (is(Fault::Delay))
            std::this_thread::sleep_for(milliseconds(20 + rng() % 180));
    };
    bool delayed = false, resetting = false;
    int clientChunks = 0;
    std::size_t clientBytes = 0;
    char buffer[16384];
    while (!m_stop && Clock::now() - started < kConnectionLifetime) {
        if (is(Fault::Drop) && chunks > dropAfter) {
            tally(Fault::Drop);
            resetting = true;
            break;
        }
        pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
        if (::poll(fds, 2, 100) <= 0)
            continue;
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            const auto n = ::recv(client, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            const auto size = static_cast<std::size_t>(n);
            ++clientChunks;
            ++chunks;
            pause();
            delayed = delayed || is(Fault::Delay);
            if (is(Fault::Cut) && clientBytes + size > cutAfter) {
                writeAll(server, buffer, cutAfter - clientBytes);
                tally(Fault::Cut);
                resetting = true;
                break;
            }
            clientBytes += size;
            if (is(Fault::Duplicate) && clientChunks == dupChunk) {
                writeAll(server, buffer, size);
                tally(Fault::Duplicate);
            } else if (is(Fault::Reorder) && clientChunks == reorderChunk && size >= 2) {
                // The chunk's second part arrives before its first.
                const std::size_t split = 1 + rng() % (size - 1);
                if (!writeAll(server, buffer + split, size - split) ||
                    !writeAll(server, buffer, split))
                    break;
                tally(Fault::Reorder);
                continue;
            }
            if (!writeAll(server, buffer, size))
                break;
        }
        if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
            const auto n = ::recv(server, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            ++chunks;
            if (is(Fault::LoseAck) && clientChunks >= 3) {
                tally(Fault::LoseAck);
                resetting = true;
                break;
            }
            pause();
            if (!writeAll(client, buffer, static_cast<std::size_t>(n)))
                break;
        }
    }
    if (delayed)
        tally(Fault::Delay);
    if (resetting) {
        reset(client);
        reset(server);
    } else {
        ::close(client);
        ::close(server);
    }
}

} // namespace baidian::chaos
