#pragma once

#include "baidian/domain/ids.h"
#include "baidian/domain/result.h"

#include <array>
#include <string>
#include <string_view>

namespace baidian::domain {

/// Kinds of point of sale. Rankings compare outlets of the same type only.
enum class OutletType {
    Flagship,  ///< 旗舰店
    Direct,    ///< 直营店, directly operated
    Franchise, ///< 加盟店
    Counter,   ///< 专柜, a counter inside another shop
    Popup,     ///< 快闪店, stands at exhibitions and fairs
    Online,    ///< 网店, online and WeChat shops
};

inline constexpr std::array<OutletType, 6> kAllOutletTypes = {
    OutletType::Flagship, OutletType::Direct, OutletType::Franchise,
    OutletType::Counter,  OutletType::Popup,  OutletType::Online};

/// Stable code used in files, the database and the wire: "flagship", "direct", ...
std::string_view toString(OutletType type);
/// Chinese name: "旗舰店", ...
std::string_view chineseName(OutletType type);
/// Accepts the code or the Chinese name.
Result<OutletType> parseOutletType(std::string_view text);

/// A point of sale in the network.
struct Outlet {
    OutletId id;
    std::string code; ///< unique, printed on receipts and named by the outlet's certificate
    std::string name;
    OutletType type = OutletType::Flagship;
    std::string city;

    /// Codes are 3-16 characters of A-Z, 0-9 and '-'; they go into receipt numbers and
    /// certificate names. Errors name the field.
    Status validate() const;
};

} // namespace baidian::domain
