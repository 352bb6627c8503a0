#include "baidian/server/stock.h"

#include "baidian/domain/pricing.h"

#include <SQLiteCpp/Statement.h>
#include <map>

namespace baidian::server {

using namespace protocol;

MovementBatchResult ingestMovements(SQLite::Database& db, std::int64_t outletId,
                                    const MovementBatch& batch, const std::string& receivedAt) {
    MovementBatchResult result;
    for (const auto& m : batch.movements) {
        SQLite::Statement known(db, "SELECT outlet_id FROM movement WHERE uuid = ?");
        known.bind(1, m.uuid);
        if (known.executeStep()) {
            const bool ours = known.getColumn(0).getInt64() == outletId;
            result.results.push_back(
                {m.uuid, 0, ours ? "duplicate" : "quarantined",
                 ours ? "" : "this movement id is already used by another outlet"});
            continue;
        }
        if (m.kind == "transfer_in") {
            SQLite::Statement t(db, "SELECT to_outlet FROM transfer WHERE uuid = ?");
            t.bind(1, m.document);
            if (t.executeStep() && t.getColumn(0).getString() != batch.outlet) {
                result.results.push_back({m.uuid, 0, "quarantined",
                                          "transfer " + m.document + " was sent to " +
                                              t.getColumn(0).getString() + ", not " +
                                              batch.outlet});
                continue;
            }
        }
        SQLite::Statement insert(
            db,
            "INSERT INTO movement(uuid, outlet_id, terminal_no, sku, lot_code, origin_base, kind, "
            "units, grams, document, other_outlet, reason, at, received_at) "
            "VALUES "
            "(?,?,?,?,NULLIF(?,''),NULLIF(?,''),?,?,?,NULLIF(?,''),NULLIF(?,''),NULLIF(?,''),?,?)");
        insert.bind(1, m.uuid);
        insert.bind(2, outletId);
        insert.bind(3, batch.terminal);
        insert.bind(4, m.sku);
        insert.bind(5, m.lotCode);
        insert.bind(6, m.originBase);
        insert.bind(7, m.kind);
        insert.bind(8, m.units);
        insert.bind(9, m.grams);
        insert.bind(10, m.document);
        insert.bind(11, m.otherOutlet);
        insert.bind(12, m.reason);
        insert.bind(13, m.at);
        insert.bind(14, receivedAt);
        insert.exec();
        if (m.kind == "transfer_out" && !m.document.empty()) {
            SQLite::Statement t(db, "INSERT OR IGNORE INTO transfer(uuid, from_outlet_id, "
                                    "to_outlet, sent_at) VALUES (?,?,?,?)");
            t.bind(1, m.document);
            t.bind(2, outletId);
            t.bind(3, m.otherOutlet);
            t.bind(4, m.at);
            t.exec();
        } else if (m.kind == "transfer_in" && !m.document.empty()) {
            SQLite::Statement t(
                db, "UPDATE transfer SET received_at = COALESCE(received_at, ?) WHERE uuid = ?");
            t.bind(1, m.at);
            t.bind(2, m.document);
            t.exec();
        }
        result.results.push_back({m.uuid, 0, "stored", ""});
    }
    return result;
}

std::vector<NetworkStockRow> networkStock(SQLite::Database& db) {
    std::vector<NetworkStockRow> out;
    SQLite::Statement q(db, "SELECT o.code, m.sku, SUM(m.units), SUM(m.grams) FROM movement m JOIN "
                            "outlet o ON o.id = m.outlet_id "
                            "GROUP BY o.code, m.sku ORDER BY o.code, m.sku");
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                       q.getColumn(2).getInt64(), q.getColumn(3).getInt64()});
    return out;
}

std::vector<IncomingTransfer> transfersInTransit(SQLite::Database& db,
                                                 const std::string& toOutlet) {
    std::vector<IncomingTransfer> out;
    SQLite::Statement q(
        db,
        "SELECT t.uuid, o.code FROM transfer t JOIN outlet o ON o.id = t.from_outlet_id "
        "WHERE t.received_at IS NULL AND (?1 = '' OR t.to_outlet = ?1) ORDER BY t.sent_at, t.uuid");
    q.bind(1, toOutlet);
    SQLite::Statement lines(db, "SELECT sku, -SUM(units), -SUM(grams) FROM movement WHERE kind = "
                                "'transfer_out' AND document = ? "
                                "GROUP BY sku ORDER BY sku");
    while (q.executeStep()) {
        IncomingTransfer t{q.getColumn(0).getString(), q.getColumn(1).getString(), {}};
        lines.bind(1, t.uuid);
        while (lines.executeStep())
            t.lines.push_back({lines.getColumn(0).getString(), lines.getColumn(1).getInt64(),
                               lines.getColumn(2).getInt64()});
        lines.reset();
        out.push_back(std::move(t));
    }
    return out;
}

std::map<std::int64_t, std::int64_t> shrinkValue(SQLite::Database& db, const std::string& from,
                                                 const std::string& to,
                                                 std::optional<std::int64_t> outletId) {
    std::map<std::int64_t, std::int64_t> out;
    // Movement times are UTC; business dates are China time (UTC+8).
    SQLite::Statement shrink(
        db, "SELECT m.outlet_id, -SUM(m.units), -SUM(m.grams), p.price_fen, p.price_basis "
            "FROM movement m JOIN product p ON p.sku = m.sku WHERE m.kind = 'shrink' "
            "AND (?3 IS NULL OR m.outlet_id = ?3) AND date(m.at, '+8 hours') BETWEEN ?1 AND ?2 "
            "GROUP BY m.outlet_id, m.sku");
    shrink.bind(1, from);
    shrink.bind(2, to);
    if (outletId)
        shrink.bind(3, *outletId);
    while (shrink.executeStep()) {
        const domain::UnitPrice price{
            domain::Fen(shrink.getColumn(3).getInt64()),
            domain::parsePriceBasis(shrink.getColumn(4).getString()).value()};
        auto value =
            price.byWeight()
                ? domain::amountForWeight(price, domain::Grams(shrink.getColumn(2).getInt64()))
                : domain::amountForQuantity(price, shrink.getColumn(1).getInt64());
        if (value)
            out[shrink.getColumn(0).getInt64()] += value->value();
    }
    return out;
}

ShrinkRate shrinkRate(SQLite::Database& db, std::int64_t outletId, const std::string& from,
                      const std::string& to) {
    ShrinkRate rate;
    rate.shrinkFen = shrinkValue(db, from, to, outletId)[outletId];
    SQLite::Statement sales(db, "SELECT COALESCE(SUM(total_fen), 0) FROM sale WHERE outlet_id = ? "
                                "AND business_date BETWEEN ? AND ?");
    sales.bind(1, outletId);
    sales.bind(2, from);
    sales.bind(3, to);
    sales.executeStep();
    rate.salesFen = sales.getColumn(0).getInt64();
    const auto base = rate.salesFen + rate.shrinkFen;
    rate.rateBp = base > 0 ? domain::divideRounded(domain::Wide(rate.shrinkFen) * 10000, base,
                                                   domain::RoundingMode::HalfUp)
                                 .value()
                           : 0;
    return rate;
}

} // namespace baidian::server
