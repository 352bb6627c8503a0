// import-catalog, import-prices, import-promotions, import-quick-keys and add-product: head
// office's catalog, its prices and the tills' quick keys.
#include "baidian/domain/money.h"
#include "baidian/server/catalog.h"
#include "baidian/server/central.h"
#include "commands.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

namespace baidian::admin {

using namespace baidian::server;

int importCsvFile(const Session& session, const std::string& file, const CsvImport& import) {
    return session.withDatabase([&](SQLite::Database& db) {
        auto text = readFile(file);
        if (!text)
            return fail(text.error());
        std::cout << "importing " << file << " ...\n";
        auto summary = import(db, *text);
        if (!summary)
            return fail(summary.error());
        std::cout << "imported " << file << ": " << summary->added << " added, " << summary->updated
                  << " updated, " << summary->unchanged << " unchanged, " << summary->removed
                  << " removed, " << summary->typeChanges << " type change(s)\n";
        return 0;
    });
}

namespace {

/// A subcommand taking one CSV file, imported with `import`.
void addImportCommand(CLI::App& app, Handlers& handlers, const std::string& name,
                      const std::string& description, const std::string& fileHelp,
                      CsvImport import) {
    auto* command = app.add_subcommand(name, description);
    auto file = std::make_shared<std::string>();
    command->add_option("file", *file, fileHelp)->required();
    handlers.push_back({command, [file, import = std::move(import)](const Session& s) {
                            return importCsvFile(s, *file, import);
                        }});
}

struct ProductFlags {
    protocol::ProductDoc product;
    std::string price;
};

int addProduct(SQLite::Database& db, ProductFlags flags) {
    auto fen = domain::Fen::parse(flags.price);
    if (!fen)
        return fail(fen.error());
    flags.product.priceFen = fen->value();
    if (auto ok = upsertProduct(db, flags.product); !ok)
        return fail(ok.error());
    std::cout << "saved product " << flags.product.sku << "\n";
    return 0;
}

} // namespace

void addCatalogImportCommands(CLI::App& app, Handlers& handlers) {
    addImportCommand(app, handlers, "import-catalog", "add or update catalog products from CSV",
                     "CSV: sku,name,sale_unit,price,price_basis,plu,"
                     "barcodes,active",
                     importCatalogCsv);
    addImportCommand(app, handlers, "import-prices",
                     "set price overrides per outlet type or outlet from CSV",
                     "CSV: sku,scope,key,price (empty price removes)", importPriceOverridesCsv);
    addImportCommand(app, handlers, "import-promotions", "add or update promotions from CSV",
                     "CSV: code,name,kind,sku,price,percent_off,buy,free,"
                     "starts_on,ends_on",
                     importPromotionsCsv);
    addImportCommand(app, handlers, "import-quick-keys",
                     "set the quick keys (快捷键) of outlet types' tills from CSV; every "
                     "type the file names gets exactly its keys, in the file's order",
                     "CSV: type,category,sku,label", importQuickKeysCsv);
}

void addProductCommand(CLI::App& app, Handlers& handlers) {
    auto* command = app.add_subcommand("add-product", "add or update a catalog product");
    auto flags = std::make_shared<ProductFlags>();
    auto& product = flags->product;
    command->add_option("--sku", product.sku)->required();
    command->add_option("--name", product.name)->required();
    command->add_option("--unit", product.saleUnit, "each or weight")->required();
    command->add_option("--price", flags->price, "price in yuan, e.g. 6.80")->required();
    command->add_option("--basis", product.priceBasis, "unit, kg or jin")->required();
    command->add_option("--plu", product.plu, "code on label-scale barcodes");
    command->add_option("--barcode", product.barcodes, "EAN-13/EAN-8/UPC-A (repeat)");
    handlers.push_back({command, [flags](const Session& s) {
                            return s.withDatabase(
                                [&](SQLite::Database& db) { return addProduct(db, *flags); });
                        }});
}

} // namespace baidian::admin
