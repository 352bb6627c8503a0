#pragma once
// Head office's catalog and price lists: CSV imports of products, price overrides (per outlet
// type or per outlet) and promotions with date windows. Every change bumps the master-data
// version, so tills pick it up at their next pull; an outlet gets its own effective price
// (its override, else its type's, else the catalog's). All or nothing: the first bad row is
// named and nothing changes. Nests inside the caller's transaction (savepoints).

#include "baidian/domain/result.h"
#include "baidian/protocol/office.h"

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <string>
#include <string_view>

namespace baidian::server {

/// Columns: sku,name,sale_unit(each|weight),price(yuan),price_basis(unit|kg|jin),plu,barcodes
/// (separated by spaces or ';'),active(1|0, default 1). Errors: ParseError, InvalidArgument,
/// Conflict (a PLU or barcode of another product), Storage.
Result<protocol::ImportSummaryDoc> importCatalogCsv(SQLite::Database& db, std::string_view csv);

/// Columns: sku,scope(type|outlet),key(an outlet type or an outlet code),price(yuan; empty
/// removes the override).
Result<protocol::ImportSummaryDoc> importPriceOverridesCsv(SQLite::Database& db,
                                                           std::string_view csv);

/// Columns: code,name,kind(price|percent|second_half|buy_x_get_y),sku,price(yuan, for price),
/// percent_off(for percent, e.g. 15 or 12.5),buy,free(for buy_x_get_y),starts_on,ends_on.
Result<protocol::ImportSummaryDoc> importPromotionsCsv(SQLite::Database& db, std::string_view csv);

/// Head office's quick keys (快捷键) per outlet type. Columns: type,category,sku,label (optional;
/// empty shows the product's name). Every type the file names gets exactly the file's keys, in
/// the file's order (a row of only a type: that type has none); other types keep theirs. Tills
/// take them at their next pull. Errors: ParseError, InvalidArgument (an unknown type, a product
/// not on sale, a category or label over 16 characters, more than 240 keys), Storage.
Result<protocol::ImportSummaryDoc> importQuickKeysCsv(SQLite::Database& db, std::string_view csv);

/// The price rule as an SQL expression over a product row aliased `product` and an outlet row
/// aliased `outlet` (both fixed names the caller writes, never text from outside): the outlet's
/// own override, else its type's, else the catalog price, in fen. For queries that price many
/// products at once (a till's master data); effectivePriceFen is the rule for one.
std::string effectivePriceSql(std::string_view product = "p", std::string_view outlet = "o");

/// The catalog price an outlet sells a product at, in fen (overrides applied); 0 if unknown.
std::int64_t effectivePriceFen(SQLite::Database& db, const std::string& outletCode,
                               const std::string& sku);

} // namespace baidian::server
