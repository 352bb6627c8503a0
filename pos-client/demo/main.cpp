// baidian-demo: sets up a till database for a demo flagship outlet, loads a small Aksu catalog
// and prices a basket the way the till does, printing every step.
#include "baidian/db/database.h"
#include "baidian/db/migrator.h"
#include "baidian/domain/barcode.h"
#include "baidian/domain/cash_rounding.h"
#include "baidian/domain/pinyin.h"
#include "baidian/domain/pricing.h"
#include "baidian/domain/product.h"
#include "baidian/schema/migrations.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <string_view>

using namespace baidian;
using namespace baidian::domain;

int main(int argc, char** argv) {
    std::filesystem::path dataDir = ".demo";
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string_view(argv[i]) == "--data")
            dataDir = argv[i + 1];
    std::filesystem::create_directories(dataDir);
    const std::string path = (dataDir / "store.db").string();

    auto opened = db::openDatabase(path);
    if (!opened) {
        std::cerr << "baidian-demo: " << opened.error().message << "\n";
        return 1;
    }
    auto database = std::move(opened).value();
    auto version = db::migrate(database, schema::storeMigrations());
    if (!version) {
        std::cerr << "baidian-demo: " << version.error().message << "\n";
        return 1;
    }
    std::cout << "store database " << path << " at schema version " << *version << "\n\n";

    const Product catalog[] = {
        {"AKS-APL-01",
         "阿克苏冰糖心苹果",
         "",
         SaleUnit::ByWeight,
         {Fen(680), PriceBasis::PerJin},
         "12345",
         {}},
        {"AKS-DAT-01",
         "和田红枣",
         "",
         SaleUnit::ByWeight,
         {Fen(1999), PriceBasis::PerKg},
         "12346",
         {}},
        {"AKS-BOX-01",
         "冰糖心苹果礼盒",
         "",
         SaleUnit::Each,
         {Fen(12800), PriceBasis::PerUnit},
         "",
         {"6901234567892"}},
    };
    {
        SQLite::Transaction tx(database);
        SQLite::Statement insert(
            database,
            "INSERT OR IGNORE INTO product(sku,name,pinyin,sale_unit,price_fen,price_basis,plu) "
            "VALUES (?,?,?,?,?,?,NULLIF(?, ''))");
        for (auto product : catalog) {
            product.pinyin = pinyinInitials(product.name);
            insert.bind(1, product.sku);
            insert.bind(2, product.name);
            insert.bind(3, product.pinyin);
            insert.bind(4, product.unit == SaleUnit::ByWeight ? "weight" : "each");
            insert.bind(5, product.price.amount.value());
            insert.bind(6, std::string(toString(product.price.basis)));
            insert.bind(7, product.plu);
            insert.exec();
            insert.reset();
        }
        tx.commit();
    }

    std::cout << "catalog:\n";
    SQLite::Statement list(
        database, "SELECT sku, name, pinyin, price_fen, price_basis FROM product ORDER BY sku");
    while (list.executeStep()) {
        std::cout << "  " << list.getColumn(0).getString() << "  " << list.getColumn(1).getString()
                  << "  [" << list.getColumn(2).getString() << "]  "
                  << Fen(list.getColumn(3).getInt64()).format() << "/"
                  << list.getColumn(4).getString() << "\n";
    }

    std::cout << "\nbasket:\n";
    Fen total;
    const auto apples = parseScan("2012345015005", VariableMeasureLayouts::defaults());
    const auto& label = std::get<VariableMeasureLabel>(apples.value());
    const Fen appleAmount = amountForWeight(catalog[0].price, label.weight()).value();
    std::cout << "  scan " << label.barcode << " → " << catalog[0].name << " "
              << label.weight().formatKg() << " (" << label.weight().formatJin()
              << ") = " << appleAmount.format() << "\n";
    total += appleAmount;
    const Grams dates = Grams::parseKg("0.333").value();
    const Fen dateAmount = amountForWeight(catalog[1].price, dates).value();
    std::cout << "  keyed " << catalog[1].name << " " << dates.formatKg() << " = "
              << dateAmount.format() << "\n";
    total += dateAmount;
    const Fen boxAmount = amountForQuantity(catalog[2].price, 1).value();
    std::cout << "  scan 6901234567892 → " << catalog[2].name << " × 1 = " << boxAmount.format()
              << "\n";
    total += boxAmount;
    const auto moling =
        roundCash(total, CashRoundingUnit::Jiao, CashRoundingDirection::Down).value();
    std::cout << "  total " << total.format() << ", 抹零 " << moling.discount.format()
              << ", to pay " << moling.rounded.format() << "\n";

    const auto bad = parseScan("2012345015004", VariableMeasureLayouts::defaults());
    std::cout << "\nrefused scan: " << bad.error().message << "\n";
    return 0;
}
