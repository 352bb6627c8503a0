#pragma once

#include "baidian/domain/money.h"
#include "baidian/domain/product.h"
#include "baidian/domain/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace baidian::pos {

enum class Role { Cashier, Supervisor, Manager };
std::string_view toString(Role role);
Result<Role> parseRole(std::string_view text);

/// A person who can log in at the till. Supervisors and managers can approve overrides.
struct Cashier {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    Role role = Role::Cashier;

    bool canApprove() const { return role != Role::Cashier; }
};

/// A supervisor's code and PIN, given at the till when the engine asks for approval.
struct Approval {
    std::string supervisorCode;
    std::string pin;
};

enum class TenderKind { Cash, Card, WeChat, Alipay };
std::string_view toString(TenderKind kind);
Result<TenderKind> parseTenderKind(std::string_view text);
inline constexpr TenderKind kAllTenderKinds[] = {TenderKind::Cash, TenderKind::Card,
                                                 TenderKind::WeChat, TenderKind::Alipay};

/// How a line got into the basket.
enum class EntryMethod { Scan, Label, Plu, Search, Keyed };
std::string_view toString(EntryMethod entry);
Result<EntryMethod> parseEntryMethod(std::string_view text);

/// Where a weight came from.
enum class WeightSource { Keyed, Scale, Label };
std::string_view toString(WeightSource source);
Result<WeightSource> parseWeightSource(std::string_view text);

/// This till: which outlet it belongs to and its terminal number there.
struct TerminalConfig {
    std::string outletCode; ///< e.g. "HZ-F01"
    std::string outletName; ///< printed on receipts
    int terminalNo = 1;     ///< 1..99
};

/// A catalog item as stored at the till.
struct CatalogItem {
    std::int64_t id = 0;
    domain::Product product;
};

/// A promotion from head office.
struct Promotion {
    enum class Kind { Price, Percent, SecondHalf, BuyXGetY };
    std::int64_t id = 0;
    std::string code;
    std::string name;
    Kind kind = Kind::Price;
    std::int64_t productId = 0;
    domain::Fen price;          ///< Price: the promotional price, same basis as the list price
    std::int64_t percentBp = 0; ///< Percent: 1000 = 10% off
    std::int64_t buyQty = 0;    ///< BuyXGetY: buy this many ...
    std::int64_t freeQty = 0;   ///< ... and get this many free
    std::string startsOn;       ///< YYYY-MM-DD, inclusive
    std::string endsOn;         ///< YYYY-MM-DD, inclusive
};
std::string_view toString(Promotion::Kind kind);
Result<Promotion::Kind> parsePromotionKind(std::string_view text);

} // namespace baidian::pos
