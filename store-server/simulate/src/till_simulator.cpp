#include "baidian/simulate/till_simulator.h"

#include "baidian/crypto/hash_chain.h"
#include "baidian/crypto/secrets.h"
#include "baidian/domain/pricing.h"
#include "baidian/domain/time.h"
#include "baidian/protocol/journal_hash.h"

#include <algorithm>

namespace baidian::simulate {

namespace {

std::string clock(int secondsOfDay) {
    const auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    return two(secondsOfDay / 3600) + ":" + two(secondsOfDay / 60 % 60) + ":" +
           two(secondsOfDay % 60);
}

} // namespace

TillSimulator::TillSimulator(std::string outlet, int terminal,
                             std::vector<protocol::ProductDoc> catalog, std::uint64_t seed)
    : m_outlet(std::move(outlet))
    , m_terminal(terminal)
    , m_catalog(std::move(catalog))
    , m_rng(seed)
    , m_head(crypto::HashChain::genesis()) {}

void TillSimulator::continueFrom(std::int64_t lastSeq, std::string journalHead) {
    m_seq = lastSeq;
    m_head = std::move(journalHead);
}

void TillSimulator::chain(protocol::SaleDoc& s) {
    s.seq = ++m_seq;
    s.receiptNo = m_outlet + "-" + std::to_string(m_terminal) + "-" + std::to_string(s.seq);
    s.prevHash = m_head;
    s.journalScheme = protocol::kJournalSchemeAsSent; // as today's tills journal
    s.hash = protocol::journalHash(s);
    m_head = s.hash;
    m_revenueFen += s.totalFen;
    for (const auto& l : s.lines)
        m_grams += s.kind == "return" ? -l.grams : l.grams;
    ++m_sales;
}

protocol::SaleDoc TillSimulator::sale(const std::string& completedAt, const std::string& date,
                                      int overridePct) {
    protocol::SaleDoc s;
    s.uuid = crypto::randomUuid();
    s.kind = "sale";
    s.completedAt = completedAt;
    s.businessDate = date;
    s.cashier = "C01";
    const int lines = 1 + static_cast<int>(m_rng() % 3);
    for (int i = 0; i < lines; ++i) {
        const auto& p = m_catalog[m_rng() % m_catalog.size()];
        protocol::SaleLineDoc l;
        l.lineNo = i + 1;
        l.sku = p.sku;
        l.name = p.name;
        l.listPriceFen = p.priceFen;
        l.unitPriceFen = p.priceFen;
        if (overridePct > 0 && static_cast<int>(m_rng() % 100) < overridePct)
            l.unitPriceFen = // a cashier's override, 10% off
                domain::percentOf(domain::Fen(p.priceFen), 9000, domain::RoundingMode::HalfUp)
                    .value()
                    .value();
        l.priceBasis = p.priceBasis;
        const domain::UnitPrice price{domain::Fen(l.unitPriceFen),
                                      domain::parsePriceBasis(p.priceBasis).value()};
        if (p.saleUnit == "weight") {
            l.units = 0; // as the till: a weighed line sells grams, not units
            l.grams = 250 + static_cast<std::int64_t>(m_rng() % 2750);
            l.grossFen = domain::amountForWeight(price, domain::Grams(l.grams)).value().value();
        } else {
            l.units = 1 + static_cast<std::int64_t>(m_rng() % 2);
            l.grossFen = domain::amountForQuantity(price, l.units).value().value();
        }
        l.paidFen = l.grossFen;
        s.subtotalFen += l.grossFen;
        s.lines.push_back(std::move(l));
    }
    s.totalFen = s.subtotalFen;
    const auto pay = m_rng() % 10;
    if (pay < 3) { // cash, handed over in ten-yuan notes
        const std::int64_t given =
            domain::divideRounded(s.totalFen, 1000, domain::RoundingMode::Ceiling).value() * 1000;
        s.tenders.push_back({"cash", given, ""});
        s.changeFen = given - s.totalFen;
    } else {
        s.tenders.push_back({pay < 8 ? "wechat" : "alipay", s.totalFen,
                             std::to_string(4200000000000000ULL + m_rng() % 1000000000ULL)});
    }
    chain(s);
    return s;
}

protocol::SaleDoc TillSimulator::refund(const protocol::SaleDoc& original,
                                        const std::string& completedAt) {
    protocol::SaleDoc r;
    r.uuid = crypto::randomUuid();
    r.kind = "return";
    r.originalUuid = original.uuid;
    r.completedAt = completedAt;
    r.businessDate = original.businessDate;
    r.cashier = original.cashier;
    for (const auto& l : original.lines) {
        auto back = l;
        back.grossFen = -l.grossFen;
        back.paidFen = -l.paidFen;
        back.originalLineNo = l.lineNo;
        r.subtotalFen += back.grossFen;
        r.lines.push_back(std::move(back));
    }
    r.totalFen = r.subtotalFen;
    r.tenders.push_back({"cash", r.totalFen, ""});
    chain(r);
    return r;
}

std::vector<protocol::SaleDoc> TillSimulator::day(const std::string& date, int count,
                                                  const DayQuirks& quirks) {
    constexpr int kOpen = 9 * 3600, kClose = 21 * 3600;
    std::vector<int> times;
    for (int i = 0; i < count; ++i) {
        const bool late = quirks.closingBurst && i % 2 == 0;
        times.push_back(late ? kClose - 1200 + static_cast<int>(m_rng() % 1200)
                             : kOpen + static_cast<int>(m_rng() % (kClose - kOpen - 3600)));
    }
    std::sort(times.begin(), times.end());
    std::vector<protocol::SaleDoc> out;
    for (const int t : times) {
        const auto at = domain::isoUtc(domain::parseLocalDateTime(date + " " + clock(t)));
        out.push_back(sale(at, date, quirks.overridePct));
    }
    if (quirks.refundSpike) {
        const std::size_t sold = out.size();
        for (std::size_t i = 0; i < sold; i += 3) {
            const auto at =
                domain::isoUtc(domain::parseLocalDateTime(date + " " + clock(kClose - 60)));
            out.push_back(refund(out[i], at));
        }
    }
    return out;
}

} // namespace baidian::simulate
