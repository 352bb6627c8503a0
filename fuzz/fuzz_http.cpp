// What store-server does with the bytes of a request: Beast's HTTP/1.1 parser with the
// server's header and body limits, then the protocol decoder on the body.
#include "baidian/protocol/codec.h"

#include <boost/beast/http.hpp>
#include <cstdint>
#include <string_view>

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(baidian::protocol::kMaxBodyBytes);
    parser.header_limit(16 * 1024);
    parser.eager(true);
    boost::system::error_code ec;
    std::size_t used = 0;
    while (used < size && !ec && !parser.is_done()) {
        const auto n = parser.put(boost::asio::buffer(data + used, size - used), ec);
        if (n == 0)
            break;
        used += n;
    }
    if (!ec && parser.is_done()) {
        const auto& req = parser.get();
        (void)req.target();
        (void)baidian::protocol::decodeSaleBatch(req.body());
        (void)baidian::protocol::decodeShiftReport(req.body());
        (void)baidian::protocol::decodeMovementBatch(req.body());
    }
    return 0;
}
