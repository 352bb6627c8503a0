#include "baidian/simulate/network.h"

#include "baidian/csv/csv.h"
#include "baidian/domain/barcode.h"
#include "baidian/domain/time.h"

#include <array>
#include <map>
#include <random>

namespace baidian::simulate {

namespace {

struct TypeMix {
    const char* type;
    const char* letter; ///< in outlet codes: HZ-F01, NB-J12 ...
    int of600;
    int minArea, maxArea;
    const char* suffix; ///< in names
};

constexpr std::array<TypeMix, 6> kMix = {{
    {"flagship", "F", 15, 200, 400, "旗舰店"},
    {"direct", "D", 41, 80, 200, "直营店"},
    {"franchise", "J", 136, 40, 120, "加盟店"},
    {"counter", "C", 200, 6, 20, "专柜"},
    {"popup", "P", 80, 10, 30, "快闪店"},
    {"online", "O", 128, 0, 0, "网店"},
}};

std::string twoDigits(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

std::string ean13(const std::string& body12) {
    return body12 + std::to_string(domain::gtinCheckDigit(body12));
}

} // namespace

const std::vector<City>& zhejiangCities() {
    static const std::vector<City> cities = {{"杭州", "HZ"}, {"宁波", "NB"}, {"温州", "WZ"},
                                             {"嘉兴", "JX"}, {"湖州", "HU"}, {"绍兴", "SX"},
                                             {"金华", "JH"}, {"衢州", "QZ"}, {"舟山", "ZS"},
                                             {"台州", "TZ"}, {"丽水", "LS"}};
    return cities;
}

std::vector<protocol::OutletDoc> generateOutlets(int count, std::uint64_t seed,
                                                 const std::string& openedBy) {
    std::mt19937_64 rng(seed);
    const auto& cities = zhejiangCities();
    // Bigger cities hold more outlets: Hangzhou and Ningbo weigh 3, Wenzhou 2, the rest 1.
    std::discrete_distribution<std::size_t> pickCity({3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1});
    std::vector<protocol::OutletDoc> out;
    std::map<std::string, int> numbers;
    int assigned = 0;
    for (std::size_t t = 0; t < kMix.size(); ++t) {
        const auto& mix = kMix[t];
        // Scaled from 600; the last type takes what rounding left over.
        const int n = t + 1 == kMix.size() ? count - assigned : count * mix.of600 / 600;
        assigned += n;
        for (int i = 0; i < n; ++i) {
            const auto& city = cities[pickCity(rng)];
            const int number = ++numbers[city.code + mix.letter];
            protocol::OutletDoc o;
            o.code = city.code + "-" + mix.letter +
                     (number < 100 ? twoDigits(number) : std::to_string(number));
            o.name = "十城百店·" + city.name + mix.suffix + twoDigits(number);
            o.type = mix.type;
            o.city = city.name;
            o.address = city.name + "市" + std::to_string(1 + rng() % 300) + "号";
            o.areaM2 =
                mix.maxArea == 0
                    ? 0
                    : mix.minArea +
                          static_cast<std::int64_t>(
                              rng() % static_cast<std::uint64_t>(mix.maxArea - mix.minArea + 1));
            // Most opened over the years before; one in fifty in the last five months.
            const int daysBack = rng() % 50 == 0 ? static_cast<int>(rng() % 150)
                                                 : 200 + static_cast<int>(rng() % 3000);
            o.openedOn = domain::addDays(openedBy, -daysBack);
            o.status = "open";
            if (o.type == "franchise")
                o.franchisee = city.name + "果源商贸有限公司" + twoDigits(number);
            out.push_back(std::move(o));
        }
    }
    return out;
}

std::vector<protocol::ProductDoc> aksuCatalog() {
    const auto weighed = [](std::string sku, std::string name, std::int64_t perJin,
                            std::string plu) {
        return protocol::ProductDoc{std::move(sku), std::move(name), "", "weight", perJin,
                                    "jin",          std::move(plu),  {}, true};
    };
    const auto unit = [](std::string sku, std::string name, std::int64_t price,
                         std::string body12) {
        return protocol::ProductDoc{
            std::move(sku), std::move(name), "", "each", price, "unit", "", {ean13(body12)}, true};
    };
    return {
        weighed("AKS-APL-01", "冰糖心苹果 特级", 1280, "10001"),
        weighed("AKS-APL-02", "冰糖心苹果 一级", 980, "10002"),
        weighed("AKS-APL-03", "冰糖心苹果 二级", 680, "10003"),
        weighed("AKS-PEAR-01", "库尔勒香梨", 880, "10011"),
        weighed("AKS-DATE-01", "阿克苏灰枣", 1800, "10021"),
        weighed("AKS-DATE-02", "骏枣 特级", 2200, "10022"),
        weighed("AKS-WAL-01", "薄皮核桃", 2800, "10031"),
        weighed("AKS-RAI-01", "绿香妃葡萄干", 2000, "10041"),
        weighed("AKS-RAI-02", "黑加仑葡萄干", 2400, "10042"),
        weighed("AKS-APR-01", "小白杏干", 2200, "10051"),
        unit("AKS-FUN-01", "黑木耳 250克", 3990, "690123400101"),
        unit("AKS-BOX-01", "冰糖心苹果礼盒 10斤", 12800, "690123400201"),
        unit("AKS-BOX-02", "干果礼盒", 16800, "690123400202"),
        unit("AKS-NUT-01", "每日坚果 混合装", 4990, "690123400301"),
        unit("AKS-RICE-01", "阿克苏大米 5公斤", 5990, "690123400401"),
        unit("AKS-NAAN-01", "馕", 800, "690123400501"),
    };
}

std::string quickKeysCsv() {
    const std::vector<std::pair<std::string, std::vector<std::string>>> grid = {
        {"苹果", {"AKS-APL-01", "AKS-APL-02", "AKS-APL-03"}},
        {"梨", {"AKS-PEAR-01"}},
        {"红枣", {"AKS-DATE-01", "AKS-DATE-02"}},
        {"干果", {"AKS-WAL-01", "AKS-RAI-01", "AKS-RAI-02", "AKS-APR-01"}},
        {"其他", {"AKS-FUN-01", "AKS-NAAN-01"}},
    };
    std::vector<std::vector<std::string>> rows = {{"type", "category", "sku", "label"}};
    for (const char* type : {"flagship", "direct", "franchise", "counter", "popup"})
        for (const auto& [category, skus] : grid)
            for (const auto& sku : skus)
                rows.push_back({type, category, sku, ""});
    return csv::write(rows);
}

std::string outletsCsv(const std::vector<protocol::OutletDoc>& outlets) {
    std::vector<std::vector<std::string>> rows = {{"code", "name", "type", "city", "address",
                                                   "area_m2", "opened_on", "status", "franchisee"}};
    for (const auto& o : outlets)
        rows.push_back({o.code, o.name, o.type, o.city, o.address, std::to_string(o.areaM2),
                        o.openedOn, o.status, o.franchisee});
    return csv::write(rows);
}

std::string catalogCsv(const std::vector<protocol::ProductDoc>& products) {
    std::vector<std::vector<std::string>> rows = {
        {"sku", "name", "sale_unit", "price", "price_basis", "plu", "barcodes", "active"}};
    for (const auto& p : products) {
        std::string codes;
        for (const auto& c : p.barcodes)
            codes += (codes.empty() ? "" : " ") + c;
        rows.push_back({p.sku, p.name, p.saleUnit, domain::Fen(p.priceFen).formatPlain(),
                        p.priceBasis, p.plu, codes, p.active ? "1" : "0"});
    }
    return csv::write(rows);
}

int averageDailySales(const std::string& type) {
    if (type == "flagship")
        return 30;
    if (type == "direct")
        return 15;
    if (type == "franchise")
        return 8;
    if (type == "online")
        return 6;
    if (type == "counter")
        return 4;
    return 3;
}

int seasonalPercent(const std::string& date) {
    const int month = std::stoi(date.substr(5, 2));
    const int day = std::stoi(date.substr(8, 2));
    // The weeks before the Spring Festival (late January to mid February) are the peak.
    if ((month == 1 && day >= 20) || (month == 2 && day <= 10))
        return 1000;
    static constexpr std::array<int, 12> kByMonth = {150, 120, 90,  80,  70,  60,
                                                     60,  70,  100, 140, 150, 160};
    return kByMonth[static_cast<std::size_t>(month - 1)];
}

} // namespace baidian::simulate
