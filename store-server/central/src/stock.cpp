#include "baidian/server/stock.h"

#include "baidian/domain/pricing.h"
#include "baidian/protocol/codec.h"
#include "baidian/server/movement_kind.h"
#include "baidian/server/record_quarantine.h"

#include <SQLiteCpp/Statement.h>
#include <map>

namespace baidian::server {

using namespace protocol;

namespace {

/// The sign each kind of ledger row must have: what leaves the outlet is negative, what comes
/// in positive; a stocktake adjustment either way.
std::optional<BrokenRule> checkSign(const MovementDoc& m, std::optional<MovementKind> kind) {
    if (!kind)
        return BrokenRule{"movement.kind", "unknown kind \"" + m.kind + "\""};
    const int sign = stockSign(*kind);
    if ((sign < 0 && (m.units > 0 || m.grams > 0)) || (sign > 0 && (m.units < 0 || m.grams < 0)))
        return BrokenRule{"movement.sign", "a " + m.kind + " must " +
                                               (sign < 0 ? "take stock away (units and grams <= 0)"
                                                         : "add stock (units and grams >= 0)") +
                                               ", not units " + std::to_string(m.units) +
                                               " grams " + std::to_string(m.grams)};
    return std::nullopt;
}

/// Head office's own data decides: the product, the other outlet, the transfer's owner.
std::optional<BrokenRule> checkAgainstRegistry(SQLite::Database& db, std::int64_t outletId,
                                               const std::string& outletCode, const MovementDoc& m,
                                               MovementKind kind) {
    SQLite::Statement product(db, "SELECT 1 FROM product WHERE sku = ?");
    product.bind(1, m.sku);
    if (!product.executeStep())
        return BrokenRule{"movement.product", "no product " + m.sku + " in head office's catalog"};
    if (!isTransfer(kind))
        return std::nullopt;
    if (m.document.empty())
        return BrokenRule{"transfer.document", "a " + m.kind + " needs its transfer id (document)"};
    if (m.otherOutlet == outletCode)
        return BrokenRule{"transfer.destination",
                          "a transfer between outlet " + outletCode + " and itself"};
    SQLite::Statement other(db, "SELECT status FROM outlet WHERE code = ?");
    other.bind(1, m.otherOutlet);
    if (!other.executeStep())
        return BrokenRule{"transfer.destination", "no outlet \"" + m.otherOutlet + "\""};
    SQLite::Statement t(db, "SELECT from_outlet_id, to_outlet FROM transfer WHERE uuid = ?");
    t.bind(1, m.document);
    const bool known = t.executeStep();
    if (kind == MovementKind::TransferOut) {
        if (other.getColumn(0).getString() == "closed")
            return BrokenRule{"transfer.destination", "outlet " + m.otherOutlet + " is closed"};
        if (known && t.getColumn(0).getInt64() != outletId)
            return BrokenRule{"transfer.taken",
                              "transfer " + m.document + " was sent by another outlet"};
        if (known && t.getColumn(1).getString() != m.otherOutlet)
            return BrokenRule{"transfer.destination", "transfer " + m.document + " goes to " +
                                                          t.getColumn(1).getString() + ", not " +
                                                          m.otherOutlet};
    } else if (known && t.getColumn(1).getString() != outletCode) {
        return BrokenRule{"transfer.destination", "transfer " + m.document + " was sent to " +
                                                      t.getColumn(1).getString() + ", not " +
                                                      outletCode};
    }
    return std::nullopt;
}

/// Stores a checked row; a transfer_out opens its transfer, a transfer_in closes it.
void storeMovement(SQLite::Database& db, std::int64_t outletId, int terminal, const MovementDoc& m,
                   MovementKind kind, const std::string& receivedAt) {
    SQLite::Statement insert(
        db, "INSERT INTO movement(uuid, outlet_id, terminal_no, sku, lot_code, origin_base, kind, "
            "units, grams, document, other_outlet, reason, at, received_at) "
            "VALUES "
            "(?,?,?,?,NULLIF(?,''),NULLIF(?,''),?,?,?,NULLIF(?,''),NULLIF(?,''),NULLIF(?,''),?,?)");
    insert.bind(1, m.uuid);
    insert.bind(2, outletId);
    insert.bind(3, terminal);
    insert.bind(4, m.sku);
    insert.bind(5, m.lotCode);
    insert.bind(6, m.originBase);
    insert.bind(7, std::string(toString(kind)));
    insert.bind(8, m.units);
    insert.bind(9, m.grams);
    insert.bind(10, m.document);
    insert.bind(11, m.otherOutlet);
    insert.bind(12, m.reason);
    insert.bind(13, m.at);
    insert.bind(14, receivedAt);
    insert.exec();
    if (kind == MovementKind::TransferOut) {
        SQLite::Statement t(db, "INSERT OR IGNORE INTO transfer(uuid, from_outlet_id, "
                                "to_outlet, sent_at) VALUES (?,?,?,?)");
        t.bind(1, m.document);
        t.bind(2, outletId);
        t.bind(3, m.otherOutlet);
        t.bind(4, m.at);
        t.exec();
    } else if (kind == MovementKind::TransferIn) {
        SQLite::Statement t(
            db, "UPDATE transfer SET received_at = COALESCE(received_at, ?) WHERE uuid = ?");
        t.bind(1, m.at);
        t.bind(2, m.document);
        t.exec();
    }
}

} // namespace

MovementBatchResult ingestMovements(SQLite::Database& db, std::int64_t outletId,
                                    const MovementBatch& batch, const std::string& receivedAt) {
    constexpr auto kTable = QuarantineTable::Movement;
    MovementBatchResult result;
    quarantineRejected(db, kTable, outletId, batch.terminal, batch.rejected, "movement.decode",
                       receivedAt, result.results);
    for (const auto& m : batch.movements) {
        SQLite::Statement known(db, "SELECT outlet_id FROM movement WHERE uuid = ?");
        known.bind(1, m.uuid);
        if (known.executeStep() && known.getColumn(0).getInt64() == outletId) {
            result.results.push_back({m.uuid, 0, "duplicate", ""});
            continue;
        }
        if (auto before = quarantinedBefore(db, kTable, outletId, m.uuid)) {
            result.results.push_back({m.uuid, 0, "quarantined", *before});
            continue;
        }
        const auto kind = parseMovementKind(m.kind);
        std::optional<BrokenRule> broken;
        if (known.hasRow())
            broken = BrokenRule{"movement.uuid_taken",
                                "this movement id is already used by another outlet"};
        if (!broken)
            broken = checkSign(m, kind);
        if (!broken)
            broken = checkAgainstRegistry(db, outletId, batch.outlet, m, *kind);
        if (broken) {
            quarantineRecord(db, kTable, outletId, batch.terminal, m.uuid, *broken, encode(m),
                             receivedAt);
            result.results.push_back({m.uuid, 0, "quarantined", broken->reason});
            continue;
        }
        storeMovement(db, outletId, batch.terminal, m, *kind, receivedAt);
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
        "SELECT t.uuid, o.code, t.from_outlet_id FROM transfer t JOIN outlet o ON o.id = "
        "t.from_outlet_id "
        "WHERE t.received_at IS NULL AND (?1 = '' OR t.to_outlet = ?1) ORDER BY t.sent_at, t.uuid");
    q.bind(1, toOutlet);
    // The manifest comes only from the sender's own stored (validated) transfer_out rows.
    SQLite::Statement lines(db, "SELECT sku, -SUM(units), -SUM(grams) FROM movement WHERE kind = "
                                "?3 AND document = ?1 AND outlet_id = ?2 "
                                "GROUP BY sku ORDER BY sku");
    lines.bind(3, std::string(toString(MovementKind::TransferOut)));
    while (q.executeStep()) {
        IncomingTransfer t{q.getColumn(0).getString(), q.getColumn(1).getString(), {}};
        lines.bind(1, t.uuid);
        lines.bind(2, q.getColumn(2).getInt64());
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
            "FROM movement m JOIN product p ON p.sku = m.sku WHERE m.kind = ?4 "
            "AND (?3 IS NULL OR m.outlet_id = ?3) AND date(m.at, '+8 hours') BETWEEN ?1 AND ?2 "
            "GROUP BY m.outlet_id, m.sku");
    shrink.bind(1, from);
    shrink.bind(2, to);
    shrink.bind(4, std::string(toString(MovementKind::Shrink)));
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
