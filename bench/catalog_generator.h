#pragma once
// A large, realistic Aksu catalog for benchmarks: names made of produce, origin, grade and
// pack, with their pinyin codes composed from the parts (no ICU call per product).

#include "baidian/pos/local_store.h"

#include <string>
#include <vector>

namespace baidian::bench {

struct GeneratedProduct {
    domain::Product product;
    std::string barcode; ///< EAN-13 for unit items, empty for weighed
};

std::vector<GeneratedProduct> generateCatalog(std::size_t count);

/// Loads the products into the till database in one transaction.
void loadCatalog(pos::LocalStore& store, const std::vector<GeneratedProduct>& products);

} // namespace baidian::bench
