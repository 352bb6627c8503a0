#pragma once
// Caps on open connections, for everybody together and per client address, checked as a
// connection is accepted (before any TLS work). Internal to baidian::net.

#include <boost/asio/ip/address.hpp>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

namespace baidian::server {

/// Thread-safe: admit() and the slots' release may run on any thread.
class ConnectionLimits {
public:
    enum class Refusal { Total, PerAddress };

    /// One admitted connection; gives its place back when destroyed. Move-only.
    class Slot {
    public:
        Slot(ConnectionLimits* limits, boost::asio::ip::address address)
            : m_limits(limits)
            , m_address(std::move(address)) {}
        Slot(Slot&& other) noexcept
            : m_limits(std::exchange(other.m_limits, nullptr))
            , m_address(other.m_address) {}
        Slot& operator=(Slot&&) = delete;
        Slot(const Slot&) = delete;
        ~Slot() {
            if (m_limits)
                m_limits->release(m_address);
        }

    private:
        ConnectionLimits* m_limits;
        boost::asio::ip::address m_address;
    };

    ConnectionLimits(std::size_t total, std::size_t perAddress)
        : m_total(total)
        , m_perAddress(perAddress) {}

    /// A place for a new connection from `address`, or nullopt (with `why`) when it would pass
    /// a cap. The limits must outlive every slot.
    std::optional<Slot> admit(const boost::asio::ip::address& address, Refusal& why) {
        std::lock_guard lock(m_mutex);
        if (m_open >= m_total) {
            why = Refusal::Total;
            return std::nullopt;
        }
        auto& fromThere = m_byAddress[address];
        if (fromThere >= m_perAddress) {
            why = Refusal::PerAddress;
            return std::nullopt;
        }
        ++fromThere;
        ++m_open;
        return Slot(this, address);
    }

private:
    void release(const boost::asio::ip::address& address) {
        std::lock_guard lock(m_mutex);
        --m_open;
        if (auto it = m_byAddress.find(address); it != m_byAddress.end() && --it->second == 0)
            m_byAddress.erase(it);
    }

    const std::size_t m_total, m_perAddress;
    std::mutex m_mutex;
    std::size_t m_open = 0;
    std::map<boost::asio::ip::address, std::size_t> m_byAddress;
};

} // namespace baidian::server
