#include "ingest_pass.h"

#include "baidian/db/database.h"
#include "baidian/domain/pricing.h"
#include "baidian/domain/time.h"
#include "baidian/protocol/codec.h"
#include "baidian/server/aggregates.h"
#include "baidian/server/catalog.h"
#include "baidian/server/journal_check.h"
#include "baidian/server/sale_rules.h"
#include "ingest_statements.h"

#include <SQLiteCpp/Statement.h>
#include <array>
#include <map>
#include <optional>
#include <sqlite3.h>

namespace baidian::server {

using namespace protocol;
using namespace ingest_detail;

namespace {

const std::string kGenesis(64, '0');

/// One pass over a batch, step by step: each sale is answered from what is here already
/// (answerRepeat), checked (validate), quarantined (hold) or stored (storeSale), and the
/// journal around it checked (checkContinuity); then the figures and the terminal's row are
/// brought up to date (finish). With `savepointPerSale`, each sale is stored under its own
/// savepoint and a constraint it breaks quarantines it alone; without, such a constraint error
/// is thrown (the caller then rolls the pass back and runs the careful one).
class IngestPass {
public:
    IngestPass(SQLite::Database& db, std::int64_t outletId, const SaleBatch& batch,
               const std::string& at, const IngestRules& rules, bool savepointPerSale)
        : m_db(db)
        , m_outletId(outletId)
        , m_batch(batch)
        , m_terminal(batch.terminal)
        , m_at(at)
        , m_rules(rules)
        , m_savepointPerSale(savepointPerSale)
        , m_st(db)
        , m_journal(db, outletId, batch.terminal) {}

    SaleBatchResult run() {
        readTerminalState();
        quarantineRejected();
        m_storedSales.reserve(m_batch.sales.size());
        for (const auto& incoming : m_batch.sales) {
            if (answerRepeat(incoming))
                continue;
            if (const auto reason = validate(incoming); !reason.empty()) {
                hold(incoming, reason);
                continue;
            }
            storeSale(incoming);
        }
        finish();
        return std::move(m_result);
    }

private:
    struct Stored {
        std::string hash, prevHash;
    };

    /// What the database holds for this outlet and terminal before the batch, so that the usual
    /// case (new sales after the last stored one, in order) needs one look-up per sale, not
    /// five.
    void readTerminalState() {
        m_context.latestDate =
            m_rules.latestDate.empty()
                ? domain::addDays(domain::businessDate(domain::parseIsoUtc(m_at)), 1)
                : m_rules.latestDate;
        {
            SQLite::Statement q(m_db, "SELECT opened_on FROM outlet WHERE id = ?");
            q.bind(1, m_outletId);
            if (q.executeStep())
                m_context.openedOn = q.getColumn(0).getString();
        }
        {
            SQLite::Statement q(m_db, "SELECT COALESCE(MAX(seq), 0) FROM sale WHERE outlet_id = ? "
                                      "AND terminal_no = ?");
            q.bind(1, m_outletId);
            q.bind(2, m_terminal);
            q.executeStep();
            m_maxSeq = q.getColumn(0).getInt64();
        }
        SQLite::Statement q(m_db, "SELECT EXISTS(SELECT 1 FROM quarantine WHERE outlet_id = ?)");
        q.bind(1, m_outletId);
        q.executeStep();
        m_anyHeld = q.getColumn(0).getInt() != 0;
    }

    /// Sales the codec could not read (mistyped, a key said twice): each quarantined alone,
    /// with the field's name; a repeat of one gets its first answer.
    void quarantineRejected() {
        for (const auto& r : m_batch.rejected) {
            if (m_anyHeld) {
                m_st.held.bind(1, r.key);
                m_st.held.bind(2, m_outletId);
                const bool repeat = m_st.held.executeStep();
                m_st.held.reset();
                if (repeat) {
                    m_result.results.push_back({r.key, 0, "quarantined", r.reason});
                    continue;
                }
            }
            const std::string reason = "decode: " + r.reason;
            quarantine(m_st, m_outletId, m_terminal, r.key, 0, "", reason, r.body, m_at);
            m_anyHeld = true;
            m_result.results.push_back({r.key, 0, "quarantined", reason});
        }
    }

    /// Answers a sale whose UUID was seen before: a repeat of this outlet's own UUID gets the
    /// original answer ("duplicate"), other content under it is a conflict kept beside the
    /// original; a quarantined UUID gets its first reason. False: a sale new here.
    bool answerRepeat(const SaleDoc& incoming) {
        m_st.known.bind(1, m_outletId);
        m_st.known.bind(2, incoming.uuid);
        if (m_st.known.executeStep()) {
            const auto saleId = m_st.known.getColumn(0).getInt64();
            const auto seq = m_st.known.getColumn(1).getInt64();
            m_st.known.reset();
            recordRepeat(incoming, saleId, seq);
            return true;
        }
        m_st.known.reset();
        if (!m_anyHeld)
            return false;
        m_st.held.bind(1, incoming.uuid);
        m_st.held.bind(2, m_outletId);
        const bool held = m_st.held.executeStep();
        if (held)
            m_result.results.push_back(
                {incoming.uuid, incoming.seq, "quarantined", m_st.held.getColumn(0).getString()});
        m_st.held.reset();
        return held;
    }

    void recordRepeat(const SaleDoc& incoming, std::int64_t saleId, std::int64_t seq) {
        const auto original = loadSale(m_db, saleId);
        if (original == incoming) {
            m_result.results.push_back({incoming.uuid, seq, "duplicate", ""});
            return;
        }
        const std::string reason = "conflict: sale " + incoming.uuid +
                                   " is stored already with other content (" +
                                   differences(original, incoming) + "); both are kept";
        auto& c = m_st.conflict;
        c.bind(1, m_outletId);
        c.bind(2, m_terminal);
        c.bind(3, incoming.uuid);
        c.bind(4, incoming.seq);
        c.bind(5, saleId);
        c.bind(6, reason);
        c.bind(7, encode(SaleBatch{"", m_terminal, {incoming}, {}}));
        c.bind(8, m_at);
        c.exec();
        c.reset();
        m_result.results.push_back({incoming.uuid, incoming.seq, "quarantined", reason});
    }

    /// The first rule a new sale breaks, as "<rule>: <what is wrong>"; empty: none.
    std::string validate(const SaleDoc& incoming) {
        std::string reason = checkSaleRules(incoming, m_rules.limits, m_context);
        if (reason.empty() && !incoming.receiptNo.starts_with(m_batch.outlet + "-"))
            reason = "receipt: receipt number " + incoming.receiptNo +
                     " does not belong to outlet " + m_batch.outlet;
        if (reason.empty() && (m_stored.contains(incoming.seq) ||
                               (incoming.seq <= m_maxSeq &&
                                Statements::at(m_st.uuidAt, m_outletId, m_terminal, incoming.seq))))
            reason = "seq: sequence " + std::to_string(incoming.seq) + " of terminal " +
                     std::to_string(m_terminal) + " already holds another sale";
        if (reason.empty() && incoming.kind == "return")
            reason = checkReturnLines(incoming);
        return reason;
    }

    /// A return's lines are lines of the original sale, when that sale is here, and take no
    /// more of a line (units, grams, money) than was sold less what earlier returns took.
    std::string checkReturnLines(const SaleDoc& incoming) {
        std::string reason;
        m_st.original.bind(1, m_outletId);
        m_st.original.bind(2, incoming.originalUuid);
        if (m_st.original.executeStep()) {
            const auto originalId = m_st.original.getColumn(0).getInt64();
            // Per original line: what this return takes of it, summed over its lines.
            std::map<int, std::array<std::int64_t, 3>> taken;
            for (const auto& l : incoming.lines) {
                reason = checkReturnLine(incoming, l, originalId, taken);
                if (!reason.empty())
                    break;
            }
        }
        m_st.original.reset();
        return reason;
    }

    std::string checkReturnLine(const SaleDoc& incoming, const SaleLineDoc& l,
                                std::int64_t originalId,
                                std::map<int, std::array<std::int64_t, 3>>& taken) {
        auto& q = m_st.originalLine;
        q.bind(1, m_outletId);
        q.bind(2, incoming.originalUuid);
        q.bind(3, originalId);
        q.bind(4, *l.originalLineNo);
        const bool found = q.executeStep();
        const bool same = found && q.getColumn(0).getString() == l.sku;
        std::array<std::int64_t, 3> left{};
        if (same)
            for (int i = 0; i < 3; ++i)
                left[static_cast<std::size_t>(i)] =
                    q.getColumn(1 + i).getInt64() - q.getColumn(4 + i).getInt64();
        q.reset();
        if (!same)
            return "kind: line " + std::to_string(l.lineNo) + " returns line " +
                   std::to_string(*l.originalLineNo) + " of sale " + incoming.originalUuid +
                   ", which " + (found ? "sold another product" : "has no such line");
        auto& t = taken[*l.originalLineNo];
        t[0] += l.units;
        t[1] += l.grams;
        t[2] -= l.paidFen;
        static constexpr const char* kWhat[] = {"units", "grams", "fen"};
        for (std::size_t i = 0; i < 3; ++i)
            if (t[i] > left[i])
                return "return: line " + std::to_string(l.lineNo) + " takes " +
                       std::to_string(t[i]) + " " + kWhat[i] + " of line " +
                       std::to_string(*l.originalLineNo) + " of sale " + incoming.originalUuid +
                       ", which has " + std::to_string(std::max<std::int64_t>(left[i], 0)) +
                       " left to return";
        return {};
    }

    /// Quarantines one sale with its reason.
    void hold(const SaleDoc& incoming, const std::string& reason) {
        quarantine(m_st, m_outletId, m_terminal, incoming, reason, m_at);
        m_anyHeld = true;
        m_result.results.push_back({incoming.uuid, incoming.seq, "quarantined", reason});
    }

    /// Stores a checked sale with head office's price of each line (price compliance counts
    /// it, never the till's list price). One sale, one savepoint (when the pass has them): a
    /// constraint that refuses this sale quarantines it alone.
    void storeSale(const SaleDoc& sale) {
        std::vector<std::optional<std::int64_t>> officePrices;
        officePrices.reserve(sale.lines.size());
        for (const auto& l : sale.lines)
            officePrices.push_back(officePriceOf(l));
        try {
            std::optional<db::Savepoint> unit;
            if (m_savepointPerSale)
                unit.emplace(m_db);
            store(m_st, m_outletId, m_terminal, sale, officePrices, m_at);
            if (unit)
                unit->release();
        } catch (const SQLite::Exception& e) {
            if (e.getErrorCode() != SQLITE_CONSTRAINT || !m_savepointPerSale)
                throw;
            // tryReset: reset() would throw the statement's error again (sqlite3_reset returns
            // it).
            for (auto* q : {&m_st.sale, &m_st.line, &m_st.tender}) {
                (void)q->tryReset();
                q->clearBindings();
            }
            hold(sale, std::string("constraint: ") + e.what());
            return;
        }
        m_result.results.push_back({sale.uuid, sale.seq, "stored", ""});
        checkContinuity(sale);
        m_storedSales.push_back({&sale, std::move(officePrices)});
    }

    /// Journal continuity with the neighbours already here, in whatever order they came, and
    /// the sale's hash recomputed from what was received (scheme 2) or counted as unverifiable.
    void checkContinuity(const SaleDoc& sale) {
        const auto before = sale.seq == 1 ? std::optional<std::string>(kGenesis)
                                          : neighbour(m_st.hashAt, sale.seq - 1, true);
        if (before && *before != sale.prevHash)
            m_journal.recordBreak(sale.seq, "prev_hash", m_at, m_result.journalBreaks);
        const auto after = neighbour(m_st.prevHashAt, sale.seq + 1, false);
        if (after && *after != sale.hash)
            m_journal.recordBreak(sale.seq + 1, "prev_hash", m_at, m_result.journalBreaks);
        m_stored[sale.seq] = {sale.hash, sale.prevHash};
        m_journal.check(sale, m_at, m_result.journalBreaks);
    }

    /// The hash (or prev_hash) of the sale at `seq` of this terminal: stored by this batch or
    /// before it.
    std::optional<std::string> neighbour(SQLite::Statement& q, std::int64_t seq, bool wantHash) {
        if (const auto it = m_stored.find(seq); it != m_stored.end())
            return wantHash ? it->second.hash : it->second.prevHash;
        if (seq < 1 || seq > m_maxSeq)
            return std::nullopt;
        return Statements::at(q, m_outletId, m_terminal, seq);
    }

    /// Head office's price of the line's product at this outlet (overrides applied) in the
    /// line's basis; nullopt when the catalog has no such product or prices it another way.
    /// Looked up once per batch.
    std::optional<std::int64_t> officePriceOf(const SaleLineDoc& l) {
        const auto key = l.sku + '\n' + l.priceBasis;
        if (const auto it = m_priceCache.find(key); it != m_priceCache.end())
            return it->second;
        std::optional<std::int64_t> price;
        auto& q = m_st.officePrice;
        q.bind(1, m_outletId);
        q.bind(2, l.sku);
        if (q.executeStep()) {
            const auto catalogBasis = domain::parsePriceBasis(q.getColumn(1).getString());
            const auto basis = domain::parsePriceBasis(l.priceBasis);
            if (catalogBasis && basis) {
                const domain::UnitPrice catalog{domain::Fen(q.getColumn(0).getInt64()),
                                                *catalogBasis};
                // Per kg and per jin are the same price said two ways; per unit is another.
                if (catalog.byWeight() == (*basis != domain::PriceBasis::PerUnit))
                    if (auto p = domain::convertPrice(catalog, *basis))
                        price = p->amount.value();
            }
        }
        q.reset();
        m_priceCache[key] = price;
        return price;
    }

    /// The stored sales into the aggregates, and the terminal's last upload and highest seq.
    void finish() {
        (void)addToAggregates(m_db, m_outletId, m_storedSales);
        std::int64_t newMax = 0;
        for (const auto& [seq, _] : m_stored)
            newMax = std::max(newMax, seq);
        SQLite::Statement seen(
            m_db, "INSERT INTO terminal(outlet_id, terminal_no, last_seen, max_seq, sales) "
                  "VALUES (?,?,?,?,?) ON CONFLICT(outlet_id, terminal_no) DO UPDATE SET "
                  "last_seen = excluded.last_seen, max_seq = max(max_seq, excluded.max_seq), "
                  "sales = sales + excluded.sales");
        seen.bind(1, m_outletId);
        seen.bind(2, m_terminal);
        seen.bind(3, m_at);
        seen.bind(4, newMax);
        seen.bind(5, static_cast<std::int64_t>(m_stored.size()));
        seen.exec();
    }

    SQLite::Database& m_db;
    const std::int64_t m_outletId;
    const SaleBatch& m_batch;
    const int m_terminal;
    const std::string& m_at;
    const IngestRules& m_rules;
    const bool m_savepointPerSale;
    Statements m_st;
    JournalVerifier m_journal;
    SaleContext m_context;
    std::int64_t m_maxSeq = 0;
    bool m_anyHeld = false;
    std::map<std::string, std::optional<std::int64_t>> m_priceCache;
    std::map<std::int64_t, Stored> m_stored; // sales stored by this pass, by seq
    std::vector<StoredSale> m_storedSales;   // for the aggregates, once the batch is in
    SaleBatchResult m_result;
};

} // namespace

SaleBatchResult ingestOnce(SQLite::Database& db, std::int64_t outletId, const SaleBatch& batch,
                           const std::string& at, const IngestRules& rules, bool savepointPerSale) {
    return IngestPass(db, outletId, batch, at, rules, savepointPerSale).run();
}

} // namespace baidian::server
