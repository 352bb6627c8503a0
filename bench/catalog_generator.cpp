#include "catalog_generator.h"

#include "baidian/domain/barcode.h"

#include <array>
#include <cstdio>

namespace baidian::bench {

namespace {
struct Part {
    const char* text;
    const char* pinyin;
};
constexpr std::array<Part, 12> kProduce = {{{"冰糖心苹果", "btxpg"},
                                            {"香梨", "xl"},
                                            {"红枣", "hz"},
                                            {"核桃", "ht"},
                                            {"葡萄干", "ptg"},
                                            {"杏干", "xg"},
                                            {"黑木耳", "hme"},
                                            {"巴旦木", "bdm"},
                                            {"无花果", "whg"},
                                            {"哈密瓜", "hmg"},
                                            {"枸杞", "gq"},
                                            {"馕", "n"}}};
constexpr std::array<Part, 8> kOrigin = {{{"阿克苏", "aks"},
                                          {"库尔勒", "kel"},
                                          {"和田", "ht"},
                                          {"若羌", "rq"},
                                          {"温宿", "ws"},
                                          {"库车", "kc"},
                                          {"乌什", "ws"},
                                          {"拜城", "bc"}}};
constexpr std::array<Part, 5> kGrade = {
    {{"特级", "tj"}, {"一级", "yj"}, {"精选", "jx"}, {"有机", "yj"}, {"家庭装", "jtz"}}};
} // namespace

std::vector<GeneratedProduct> generateCatalog(std::size_t count) {
    std::vector<GeneratedProduct> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const auto& produce = kProduce[i % kProduce.size()];
        const auto& origin = kOrigin[(i / kProduce.size()) % kOrigin.size()];
        const auto& grade = kGrade[(i / (kProduce.size() * kOrigin.size())) % kGrade.size()];
        const bool weighed = i % 3 != 0;
        GeneratedProduct g;
        auto& p = g.product;
        char sku[32];
        std::snprintf(sku, sizeof sku, "GEN-%06zu", i);
        p.sku = sku;
        p.name = std::string(origin.text) + produce.text + grade.text + " " + std::to_string(i);
        p.pinyin = std::string(origin.pinyin) + produce.pinyin + grade.pinyin + std::to_string(i);
        p.unit = weighed ? domain::SaleUnit::ByWeight : domain::SaleUnit::Each;
        p.price = {domain::Fen(static_cast<std::int64_t>(300 + (i * 37) % 9000)),
                   weighed ? domain::PriceBasis::PerJin : domain::PriceBasis::PerUnit};
        if (!weighed) {
            char body[32];
            std::snprintf(body, sizeof body, "69%010zu", i);
            g.barcode = std::string(body) + std::to_string(domain::gtinCheckDigit(body));
            p.barcodes = {g.barcode};
        }
        out.push_back(std::move(g));
    }
    return out;
}

void loadCatalog(pos::LocalStore& store, const std::vector<GeneratedProduct>& products) {
    store.database().exec("BEGIN");
    for (const auto& g : products)
        if (auto id = store.upsertProduct(g.product); !id)
            throw std::runtime_error(id.error().message);
    store.database().exec("COMMIT");
}

} // namespace baidian::bench
