#include "baidian/pos/catalog_index.h"

#include <SQLiteCpp/Statement.h>
#include <algorithm>

namespace baidian::pos {
namespace {

std::string lower(std::string text) {
    for (auto& c : text)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return text;
}

} // namespace

CatalogIndex CatalogIndex::build(LocalStore& store) {
    CatalogIndex index;
    SQLite::Statement q(store.database(),
                        "SELECT id, sku, name, pinyin, price_fen, price_basis, COALESCE(plu, '') "
                        "FROM product WHERE active = 1 ORDER BY sku");
    while (q.executeStep()) {
        const auto basis = domain::parsePriceBasis(q.getColumn(5).getString());
        index.m_items.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                                 q.getColumn(2).getString(), lower(q.getColumn(3).getString()),
                                 domain::UnitPrice{domain::Fen(q.getColumn(4).getInt64()),
                                                   basis ? *basis : domain::PriceBasis::PerUnit},
                                 q.getColumn(6).getString()});
        index.m_lowerSku.push_back(lower(index.m_items.back().sku));
    }
    return index;
}

std::vector<CatalogIndex::Hit> CatalogIndex::search(const std::string& query,
                                                    std::size_t limit) const {
    std::vector<Hit> out;
    if (query.empty() || limit == 0)
        return out;
    const std::string needle = lower(query);
    // rank: 0 pinyin prefix, 1 pinyin contains, 2 name contains, 3 SKU contains
    std::vector<std::pair<std::pair<int, std::size_t>, std::size_t>> ranked;
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const auto& item = m_items[i];
        int rank = -1;
        const auto at = item.pinyin.find(needle);
        if (at == 0)
            rank = 0;
        else if (at != std::string::npos)
            rank = 1;
        else if (item.name.find(query) != std::string::npos)
            rank = 2;
        else if (m_lowerSku[i].find(needle) != std::string::npos)
            rank = 3;
        if (rank >= 0)
            ranked.push_back({{rank, item.pinyin.size()}, i});
    }
    const auto keep = std::min(limit, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep),
                      ranked.end());
    for (std::size_t k = 0; k < keep; ++k)
        out.push_back(m_items[ranked[k].second]);
    return out;
}

} // namespace baidian::pos
