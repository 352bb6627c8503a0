#pragma once
// What the server's request handlers share: replies, query strings and awaiting the writer.
// Internal to baidian::net.

#include "baidian/protocol/codec.h"
#include "baidian/server/group_commit.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace baidian::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

/// Completes with (committed, error) once the writer has committed or refused `apply`.
template <typename Token>
auto asyncWrite(GroupCommitWriter& writer, GroupCommitWriter::Apply apply, Token&& token) {
    return asio::async_initiate<Token, void(bool, std::string)>(
        [&writer](auto handler, GroupCommitWriter::Apply work) {
            auto guard = std::make_shared<
                asio::executor_work_guard<asio::associated_executor_t<decltype(handler)>>>(
                asio::make_work_guard(asio::get_associated_executor(handler)));
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            writer.submit(std::move(work), [shared, guard](bool ok, const std::string& error) {
                asio::post(guard->get_executor(), [shared, guard, ok, error]() mutable {
                    (*shared)(ok, error);
                    guard->reset();
                });
            });
        },
        token, std::move(apply));
}

inline Response reply(const Request& req, http::status status, std::string body,
                      std::string_view contentType = "application/json") {
    Response res{status, req.version()};
    res.set(http::field::server, "baidian-store-server");
    res.set(http::field::content_type, contentType);
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

inline Response error(const Request& req, http::status status, const std::string& message) {
    return reply(req, status, protocol::encode(protocol::ErrorDoc{message}));
}

/// Decodes %XX escapes and '+' (form encoding); nullopt for a broken escape.
inline std::optional<std::string> percentDecoded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%') {
            if (i + 2 >= text.size())
                return std::nullopt;
            const int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

/// The query parameters of a request target, decoded. A parameter with a broken escape is left
/// out (the handler then reports it missing).
inline std::map<std::string, std::string> queryOf(std::string_view target) {
    std::map<std::string, std::string> out;
    const auto q = target.find('?');
    if (q == std::string_view::npos)
        return out;
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const auto part = rest.substr(0, amp);
        const auto eq = part.find('=');
        if (eq != std::string_view::npos) {
            auto key = percentDecoded(part.substr(0, eq));
            auto value = percentDecoded(part.substr(eq + 1));
            if (key && value)
                out[*key] = *value;
        }
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    }
    return out;
}

inline std::optional<std::int64_t> toInt(const std::string& text) {
    if (text.empty() || text.size() > 18 ||
        text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoll(text);
}

} // namespace baidian::server
