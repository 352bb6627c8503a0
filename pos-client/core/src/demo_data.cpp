#include "baidian/pos/demo_data.h"

namespace baidian::pos {

Status seedDemoTill(LocalStore& store, int terminal) {
    using domain::Fen;
    using domain::PriceBasis;
    using domain::SaleUnit;
    if (auto ok = store.setTerminal({"HZ-F01", "百店·杭州湖滨旗舰店", terminal}); !ok)
        return ok;
    const domain::Product catalog[] = {
        {"AKS-APL-01",
         "阿克苏冰糖心苹果(特级)",
         "",
         SaleUnit::ByWeight,
         {Fen(680), PriceBasis::PerJin},
         "12345",
         {}},
        {"AKS-PEA-01",
         "库尔勒香梨",
         "",
         SaleUnit::ByWeight,
         {Fen(590), PriceBasis::PerJin},
         "12347",
         {}},
        {"AKS-DAT-01",
         "和田红枣",
         "",
         SaleUnit::ByWeight,
         {Fen(1999), PriceBasis::PerKg},
         "12346",
         {}},
        {"AKS-WAL-01",
         "阿克苏纸皮核桃 500g",
         "",
         SaleUnit::Each,
         {Fen(3500), PriceBasis::PerUnit},
         "",
         {"6900000000007"}},
        {"AKS-BOX-01",
         "冰糖心苹果礼盒 5kg",
         "",
         SaleUnit::Each,
         {Fen(12800), PriceBasis::PerUnit},
         "",
         {"6901234567892"}},
    };
    for (const auto& product : catalog)
        if (auto id = store.upsertProduct(product); !id)
            return id.error();
    const auto box = store.productBySku("AKS-BOX-01")->id;
    if (auto p =
            store.addPromotion({0, "P-BOX-2HALF", "礼盒第二件半价", Promotion::Kind::SecondHalf,
                                box, Fen(0), 0, 0, 0, "2026-01-01", "2030-12-31"});
        !p)
        return p.error();
    // The touch grid head office would send for a flagship (replaced at the first pull).
    if (auto k = store.setQuickKeys({{"苹果", "AKS-APL-01", "冰糖心 特级"},
                                     {"梨", "AKS-PEA-01", ""},
                                     {"干果", "AKS-DAT-01", ""}});
        !k)
        return k.error();
    if (auto c = store.addCashier("1001", "李娜", Role::Cashier, "1234"); !c)
        return c.error();
    if (auto s = store.addCashier("9001", "王主管", Role::Supervisor, "900190"); !s)
        return s.error();
    return {};
}

} // namespace baidian::pos
