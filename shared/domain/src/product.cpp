#include "baidian/domain/product.h"

#include "baidian/domain/barcode.h"

namespace baidian::domain {

Status Product::validate() const {
    auto fail = [&](const std::string& why) {
        return makeError(ErrorCode::InvalidArgument, "product \"" + sku + "\": " + why);
    };
    if (sku.empty())
        return makeError(ErrorCode::InvalidArgument, "a product needs a SKU");
    if (name.empty())
        return fail("the name is empty");
    if (price.amount.value() <= 0)
        return fail("the price must be above zero");
    if ((unit == SaleUnit::ByWeight) != price.byWeight())
        return fail(unit == SaleUnit::ByWeight ? "a weighed item needs a price per kg or per jin"
                                               : "an item sold by the unit needs a price per unit");
    for (const auto& code : barcodes)
        if (auto gtin = parseGtin(code); !gtin)
            return fail(gtin.error().message);
    return {};
}

} // namespace baidian::domain
