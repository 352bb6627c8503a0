#pragma once
// One simulated till: days of completed sales in protocol v1, exactly as a real till uploads
// them (UUIDs, gapless sequence, hash-chained journal, totals that add up). Not thread-safe: one
// simulator per till.

#include "baidian/protocol/messages.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace baidian::simulate {

/// Odd days that the ranking's anomaly flags should catch.
struct DayQuirks {
    bool refundSpike = false;  ///< a third of the day's sales come back as returns
    bool closingBurst = false; ///< half of the day's sales in the last 20 minutes
    int overridePct = 0;       ///< share of lines sold below the catalog price (price override)
};

class TillSimulator {
public:
    TillSimulator(std::string outlet, int terminal, std::vector<protocol::ProductDoc> catalog,
                  std::uint64_t seed);

    /// `count` sales on a business day (09:00-21:00 China time), plus returns for a refund spike.
    std::vector<protocol::SaleDoc> day(const std::string& date, int count,
                                       const DayQuirks& quirks = {});

    /// Goes on from a till that has already sold: its last sequence number and journal head.
    void continueFrom(std::int64_t lastSeq, std::string journalHead);

    const std::string& outlet() const { return m_outlet; }
    int terminal() const { return m_terminal; }
    /// What this till has sold so far, net of returns: the figures the server must agree with.
    std::int64_t revenueFen() const { return m_revenueFen; }
    std::int64_t grams() const { return m_grams; }
    std::int64_t salesCount() const { return m_sales; }

private:
    protocol::SaleDoc sale(const std::string& completedAt, const std::string& date,
                           int overridePct);
    protocol::SaleDoc refund(const protocol::SaleDoc& original, const std::string& completedAt);
    void chain(protocol::SaleDoc& s);

    std::string m_outlet;
    int m_terminal;
    std::vector<protocol::ProductDoc> m_catalog;
    std::mt19937_64 m_rng;
    std::int64_t m_seq = 0;
    std::string m_head;
    std::int64_t m_revenueFen = 0, m_grams = 0, m_sales = 0;
};

} // namespace baidian::simulate
