#pragma once

#include "baidian/pos/local_store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace baidian::pos {

/// An in-memory index of the active catalog for search-as-you-type: a keystroke searches tens
/// of thousands of products in about a millisecond without touching the database. Built from a
/// LocalStore (rebuild it after master data changes). Immutable once built: safe to search
/// from any thread.
class CatalogIndex {
public:
    struct Hit {
        std::int64_t productId = 0;
        std::string sku;
        std::string name;
        std::string pinyin;
        domain::UnitPrice price; ///< what the till sells it at, per unit, kg or jin
        std::string plu;         ///< the code a cashier keys (may be empty)
    };

    static CatalogIndex build(LocalStore& store);

    /// Products whose pinyin code, name or SKU contains `query` (ASCII case-insensitive), best
    /// first: pinyin codes starting with it, then other pinyin matches, names, SKUs; shorter
    /// codes first within each. At most `limit`.
    std::vector<Hit> search(const std::string& query, std::size_t limit = 50) const;
    std::size_t size() const { return m_items.size(); }

private:
    std::vector<Hit> m_items;
    std::vector<std::string> m_lowerSku;
};

} // namespace baidian::pos
