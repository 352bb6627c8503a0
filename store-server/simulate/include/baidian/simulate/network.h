#pragma once
// A synthetic network for tests, benchmarks and the demo: outlets in the program's real type mix
// (of 600: 15 flagship, 41 direct, 136 franchise, the rest counters, pop-ups and online shops)
// across the Zhejiang cities, and the Aksu catalog. Deterministic for a given seed.

#include "baidian/protocol/messages.h"
#include "baidian/protocol/office.h"

#include <cstdint>
#include <string>
#include <vector>

namespace baidian::simulate {

/// The cities of "Ten Cities, Hundred Stores", with the two-letter codes outlet codes start with.
struct City {
    std::string name; ///< 杭州
    std::string code; ///< HZ
};
const std::vector<City>& zhejiangCities();

/// `count` outlets in the real mix (scaled from 600), opened between 2015 and `openedBy`; about
/// one in fifty opened within the five months before `openedBy` (too new to be ranked).
std::vector<protocol::OutletDoc> generateOutlets(int count, std::uint64_t seed,
                                                 const std::string& openedBy);

/// The Aksu catalog: apples by grade, fragrant pears, red dates, walnuts, raisins, dried
/// apricots, black fungus (by weight, priced per jin), gift boxes, nut mixes, rice and naan.
std::vector<protocol::ProductDoc> aksuCatalog();

/// As the registry and catalog CSV imports read them (UTF-8 with BOM).
std::string outletsCsv(const std::vector<protocol::OutletDoc>& outlets);
std::string catalogCsv(const std::vector<protocol::ProductDoc>& products);
/// The demo's quick keys (store-admin import-quick-keys) over aksuCatalog(): the loose produce
/// by category for every outlet type that has a till counter (online shops have none).
std::string quickKeysCsv();

/// Average sales a day for an outlet type, before seasonality.
int averageDailySales(const std::string& type);

/// Seasonality of the produce trade, in percent of an average day: the apple harvest
/// (October-December) is high, the weeks before the Spring Festival peak at 10x, summer is low.
int seasonalPercent(const std::string& date);

} // namespace baidian::simulate
