#include "baidian/protocol/journal_hash.h"

#include "baidian/crypto/hash_chain.h"

#include <string_view>

namespace baidian::protocol {

namespace {

class Canonical {
public:
    explicit Canonical(std::string& out)
        : m_out(out) {}

    Canonical& tag(char t) {
        m_out += t;
        return *this;
    }
    Canonical& text(std::string_view s) {
        m_out += '|';
        for (const char c : s) {
            if (c == '%' || c == '|' || c == '\n' || c == '\r') {
                static constexpr char kHex[] = "0123456789ABCDEF";
                m_out += '%';
                m_out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xf];
                m_out += kHex[static_cast<unsigned char>(c) & 0xf];
            } else {
                m_out += c;
            }
        }
        return *this;
    }
    Canonical& integer(std::int64_t v) {
        m_out += '|';
        m_out += std::to_string(v);
        return *this;
    }
    Canonical& optionalInteger(const std::optional<int>& v) {
        if (v)
            return integer(*v);
        m_out += "|-";
        return *this;
    }
    void end() { m_out += '\n'; }

private:
    std::string& m_out;
};

} // namespace

std::string canonicalSale(const SaleDoc& s) {
    std::string out = "baidian-sale-v2\n";
    out.reserve(256 + 160 * s.lines.size() + 48 * s.tenders.size());
    Canonical c(out);
    c.tag('S')
        .text(s.uuid)
        .integer(s.seq)
        .text(s.receiptNo)
        .text(s.kind)
        .text(s.originalUuid)
        .text(s.completedAt)
        .text(s.businessDate)
        .text(s.cashier)
        .integer(s.subtotalFen)
        .integer(s.discountFen)
        .integer(s.roundingFen)
        .integer(s.totalFen)
        .integer(s.changeFen)
        .integer(static_cast<std::int64_t>(s.lines.size()))
        .integer(static_cast<std::int64_t>(s.tenders.size()))
        .end();
    for (const auto& l : s.lines)
        c.tag('L')
            .integer(l.lineNo)
            .text(l.sku)
            .text(l.name)
            .integer(l.units)
            .integer(l.grams)
            .integer(l.unitPriceFen)
            .integer(l.listPriceFen)
            .text(l.priceBasis)
            .integer(l.grossFen)
            .text(l.promotion)
            .integer(l.promotionFen)
            .integer(l.lineDiscountFen)
            .integer(l.orderShareFen)
            .integer(l.paidFen)
            .optionalInteger(l.originalLineNo)
            .end();
    for (const auto& t : s.tenders)
        c.tag('T').text(t.kind).integer(t.amountFen).text(t.reference).end();
    return out;
}

std::string journalHash(const SaleDoc& sale) {
    return crypto::HashChain::link(sale.prevHash, canonicalSale(sale));
}

std::string keyedJournalHash(const SaleDoc& sale, const crypto::JournalKey& key) {
    return crypto::HashChain::keyedLink(key, sale.prevHash, canonicalSale(sale));
}

std::optional<std::string> expectedJournalHash(const SaleDoc& sale, const crypto::JournalKey* key) {
    if (sale.journalScheme == kJournalSchemeAsSent)
        return journalHash(sale);
    if (sale.journalScheme == kJournalSchemeKeyed && key)
        return keyedJournalHash(sale, *key);
    return std::nullopt;
}

std::string canonicalTillEvent(const TillEventDoc& e) {
    std::string out = "baidian-event-v1\n";
    Canonical c(out);
    c.tag('E')
        .text(e.uuid)
        .text(e.kind)
        .integer(e.shift)
        .text(e.cashier)
        .text(e.subject)
        .text(e.approver)
        .integer(e.amountFen)
        .text(e.detail)
        .text(e.reason)
        .text(e.at)
        .end();
    return out;
}

std::string tillEventHash(const TillEventDoc& event) {
    return crypto::HashChain::link(event.prevHash, canonicalTillEvent(event));
}

std::string keyedTillEventHash(const TillEventDoc& event, const crypto::JournalKey& key) {
    return crypto::HashChain::keyedLink(key, event.prevHash, canonicalTillEvent(event));
}

std::optional<std::string> expectedTillEventHash(const TillEventDoc& event,
                                                 const crypto::JournalKey* key) {
    if (event.journalScheme == kJournalSchemeKeyed)
        return key ? std::optional(keyedTillEventHash(event, *key)) : std::nullopt;
    return tillEventHash(event);
}

} // namespace baidian::protocol
