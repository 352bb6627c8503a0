#include "baidian/domain/outlet.h"

#include <algorithm>

namespace baidian::domain {

std::string_view toString(OutletType type) {
    switch (type) {
    case OutletType::Flagship:
        return "flagship";
    case OutletType::Direct:
        return "direct";
    case OutletType::Franchise:
        return "franchise";
    case OutletType::Counter:
        return "counter";
    case OutletType::Popup:
        return "popup";
    case OutletType::Online:
        return "online";
    }
    return "flagship";
}

std::string_view chineseName(OutletType type) {
    switch (type) {
    case OutletType::Flagship:
        return "旗舰店";
    case OutletType::Direct:
        return "直营店";
    case OutletType::Franchise:
        return "加盟店";
    case OutletType::Counter:
        return "专柜";
    case OutletType::Popup:
        return "快闪店";
    case OutletType::Online:
        return "网店";
    }
    return "旗舰店";
}

Result<OutletType> parseOutletType(std::string_view text) {
    for (const auto type : kAllOutletTypes)
        if (text == toString(type) || text == chineseName(type))
            return type;
    return makeError(
        ErrorCode::ParseError,
        "\"" + std::string(text) +
            "\" is not an outlet type (flagship, direct, franchise, counter, popup, online)");
}

Status Outlet::validate() const {
    const bool goodCode =
        code.size() >= 3 && code.size() <= 16 && std::all_of(code.begin(), code.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        });
    if (!goodCode)
        return makeError(ErrorCode::InvalidArgument,
                         "outlet code \"" + code +
                             "\" must be 3-16 characters of A-Z, 0-9 and '-'");
    if (name.empty())
        return makeError(ErrorCode::InvalidArgument, "outlet " + code + ": the name is empty");
    if (city.empty())
        return makeError(ErrorCode::InvalidArgument, "outlet " + code + ": the city is empty");
    return {};
}

} // namespace baidian::domain
