#include "baidian/pos/types.h"

namespace baidian::pos {
namespace {

template <typename E, std::size_t N>
Result<E> parseEnum(std::string_view text, const std::pair<E, std::string_view> (&names)[N],
                    const char* what) {
    for (const auto& [value, name] : names)
        if (name == text)
            return value;
    return makeError(ErrorCode::ParseError, "\"" + std::string(text) + "\" is not a " + what);
}

template <typename E, std::size_t N>
std::string_view nameOf(E value, const std::pair<E, std::string_view> (&names)[N]) {
    for (const auto& [v, name] : names)
        if (v == value)
            return name;
    return "?";
}

constexpr std::pair<Role, std::string_view> kRoles[] = {
    {Role::Cashier, "cashier"}, {Role::Supervisor, "supervisor"}, {Role::Manager, "manager"}};
constexpr std::pair<TenderKind, std::string_view> kTenders[] = {{TenderKind::Cash, "cash"},
                                                                {TenderKind::Card, "card"},
                                                                {TenderKind::WeChat, "wechat"},
                                                                {TenderKind::Alipay, "alipay"}};
constexpr std::pair<EntryMethod, std::string_view> kEntries[] = {{EntryMethod::Scan, "scan"},
                                                                 {EntryMethod::Label, "label"},
                                                                 {EntryMethod::Plu, "plu"},
                                                                 {EntryMethod::Search, "search"},
                                                                 {EntryMethod::Keyed, "keyed"}};
constexpr std::pair<WeightSource, std::string_view> kSources[] = {
    {WeightSource::Keyed, "keyed"}, {WeightSource::Scale, "scale"}, {WeightSource::Label, "label"}};
constexpr std::pair<Promotion::Kind, std::string_view> kPromotionKinds[] = {
    {Promotion::Kind::Price, "price"},
    {Promotion::Kind::Percent, "percent"},
    {Promotion::Kind::SecondHalf, "second_half"},
    {Promotion::Kind::BuyXGetY, "buy_x_get_y"}};

} // namespace

std::string_view toString(Role role) {
    return nameOf(role, kRoles);
}
Result<Role> parseRole(std::string_view text) {
    return parseEnum(text, kRoles, "role (cashier, supervisor, manager)");
}
std::string_view toString(TenderKind kind) {
    return nameOf(kind, kTenders);
}
Result<TenderKind> parseTenderKind(std::string_view text) {
    return parseEnum(text, kTenders, "tender (cash, card, wechat, alipay)");
}
std::string_view toString(EntryMethod entry) {
    return nameOf(entry, kEntries);
}
Result<EntryMethod> parseEntryMethod(std::string_view text) {
    return parseEnum(text, kEntries, "entry method");
}
std::string_view toString(WeightSource source) {
    return nameOf(source, kSources);
}
Result<WeightSource> parseWeightSource(std::string_view text) {
    return parseEnum(text, kSources, "weight source");
}
std::string_view toString(Promotion::Kind kind) {
    return nameOf(kind, kPromotionKinds);
}
Result<Promotion::Kind> parsePromotionKind(std::string_view text) {
    return parseEnum(text, kPromotionKinds, "promotion kind");
}

} // namespace baidian::pos
