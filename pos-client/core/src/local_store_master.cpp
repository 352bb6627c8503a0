// LocalStore: applying head office's master data delivered by sync.
#include "baidian/pos/local_store.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace baidian::pos {

Status LocalStore::applyMasterData(const protocol::MasterData& data) {
    try {
        SQLite::Transaction tx(m_db, SQLite::TransactionBehavior::IMMEDIATE);
        for (const auto& p : data.products) {
            auto basis = domain::parsePriceBasis(p.priceBasis);
            if (!basis)
                return makeError(ErrorCode::InvalidArgument,
                                 "product " + p.sku + ": " + basis.error().message);
            domain::Product product{p.sku,
                                    p.name,
                                    p.pinyin,
                                    p.saleUnit == "weight" ? domain::SaleUnit::ByWeight
                                                           : domain::SaleUnit::Each,
                                    {domain::Fen(p.priceFen), *basis},
                                    p.plu,
                                    p.barcodes};
            auto id = upsertProduct(product);
            if (!id)
                return id.error();
            if (!p.active) {
                SQLite::Statement hide(m_db, "UPDATE product SET active = 0 WHERE id = ?");
                hide.bind(1, *id);
                hide.exec();
            }
        }
        for (const auto& p : data.promotions) {
            const auto product = productBySku(p.sku);
            if (!product)
                return makeError(ErrorCode::NotFound,
                                 "promotion " + p.code + " names an unknown product " + p.sku);
            auto kind = parsePromotionKind(p.kind);
            if (!kind)
                return kind.error();
            SQLite::Statement q(
                m_db,
                "INSERT INTO promotion(code, name, kind, product_id, price_fen, percent_bp, "
                "buy_qty, "
                "free_qty, starts_on, ends_on) VALUES (?,?,?,?,NULLIF(?,0),NULLIF(?,0),NULLIF(?,0),"
                "NULLIF(?,0),?,?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
                "kind = excluded.kind, product_id = excluded.product_id, price_fen = "
                "excluded.price_fen, "
                "percent_bp = excluded.percent_bp, buy_qty = excluded.buy_qty, "
                "free_qty = excluded.free_qty, starts_on = excluded.starts_on, ends_on = "
                "excluded.ends_on");
            q.bind(1, p.code);
            q.bind(2, p.name);
            q.bind(3, p.kind);
            q.bind(4, product->id);
            q.bind(5, p.priceFen);
            q.bind(6, p.percentBp);
            q.bind(7, p.buyQty);
            q.bind(8, p.freeQty);
            q.bind(9, p.startsOn);
            q.bind(10, p.endsOn);
            q.exec();
        }
        for (const auto& c : data.cashiers) {
            if (!parseRole(c.role))
                return makeError(ErrorCode::InvalidArgument,
                                 "cashier " + c.code + " has an unknown role " + c.role);
            SQLite::Statement q(
                m_db, "INSERT INTO cashier(code, name, role, pin_hash, active) VALUES (?,?,?,?,?) "
                      "ON CONFLICT(code) DO UPDATE SET name = excluded.name, role = excluded.role, "
                      "pin_hash = excluded.pin_hash, active = excluded.active");
            q.bind(1, c.code);
            q.bind(2, c.name);
            q.bind(3, c.role);
            q.bind(4, c.pinHash);
            q.bind(5, c.active ? 1 : 0);
            q.exec();
        }
        setSetting("master_version", std::to_string(data.version));
        tx.commit();
        return {};
    } catch (const SQLite::Exception& e) {
        return makeError(ErrorCode::Storage,
                         std::string("master data could not be applied: ") + e.what());
    }
}

} // namespace baidian::pos
