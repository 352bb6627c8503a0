#pragma once

#include "baidian/domain/pricing.h"
#include "baidian/domain/result.h"

#include <string>
#include <vector>

namespace baidian::domain {

/// How an item is counted at the till.
enum class SaleUnit {
    Each,     ///< a quantity of whole units
    ByWeight, ///< grams, from the cashier, a scale or a label
};

/// A catalog item as head office defines it.
struct Product {
    std::string sku;    ///< head office's stock-keeping code, unique
    std::string name;   ///< Chinese name as printed on receipts
    std::string pinyin; ///< search code: pinyin initials of the name ("btxpg")
    SaleUnit unit = SaleUnit::Each;
    UnitPrice price;                   ///< per unit, or per kg / per jin for weighed goods
    std::string plu;                   ///< code on label-scale barcodes (may be empty)
    std::vector<std::string> barcodes; ///< GTIN look-up keys (see Gtin::key)

    /// Checks the invariants: a non-empty SKU and name, a positive price whose basis fits the
    /// unit, valid barcodes. Errors name the SKU and the field.
    Status validate() const;
};

} // namespace baidian::domain
