#pragma once
// Caps on the tills' writes (sale, movement and shift uploads, reconcile marks) waiting for or
// in the group-commit writer: per outlet and for everybody together. A write over a cap is
// answered 503 with Retry-After before it is decoded or queued, so that one outlet cannot
// stall the one writer for the others. Internal to baidian::net.

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

namespace baidian::server {

/// Thread-safe: admit() and the tickets' release may run on any thread.
class UploadGate {
public:
    enum class Refusal { Outlet, Writer };

    /// One admitted write; gives its place back when destroyed (after the writer's answer).
    class Ticket {
    public:
        Ticket(UploadGate* gate, std::int64_t outlet)
            : m_gate(gate)
            , m_outlet(outlet) {}
        Ticket(Ticket&& other) noexcept
            : m_gate(std::exchange(other.m_gate, nullptr))
            , m_outlet(other.m_outlet) {}
        Ticket& operator=(Ticket&&) = delete;
        Ticket(const Ticket&) = delete;
        ~Ticket() {
            if (m_gate)
                m_gate->release(m_outlet);
        }

    private:
        UploadGate* m_gate;
        std::int64_t m_outlet;
    };

    UploadGate(std::size_t perOutlet, std::size_t total)
        : m_perOutlet(perOutlet)
        , m_total(total) {}

    /// A place for one more write of `outlet`, or nullopt (with `why`) over a cap.
    std::optional<Ticket> admit(std::int64_t outlet, Refusal& why) {
        std::lock_guard lock(m_mutex);
        if (m_open >= m_total) {
            why = Refusal::Writer;
            return std::nullopt;
        }
        auto& ofOutlet = m_byOutlet[outlet];
        if (ofOutlet >= m_perOutlet) {
            why = Refusal::Outlet;
            return std::nullopt;
        }
        ++ofOutlet;
        ++m_open;
        return Ticket(this, outlet);
    }

private:
    void release(std::int64_t outlet) {
        std::lock_guard lock(m_mutex);
        --m_open;
        if (auto it = m_byOutlet.find(outlet); it != m_byOutlet.end() && --it->second == 0)
            m_byOutlet.erase(it);
    }

    const std::size_t m_perOutlet, m_total;
    std::mutex m_mutex;
    std::size_t m_open = 0;
    std::map<std::int64_t, std::size_t> m_byOutlet;
};

} // namespace baidian::server
