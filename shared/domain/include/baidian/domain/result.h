#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace baidian {

/// Kinds of expected failure. Each comes with a message a cashier or operator can act on.
enum class ErrorCode {
    InvalidArgument,  ///< a value outside its allowed range (zero weight, negative price ...)
    ParseError,       ///< text that is not what it claims to be (money, weight, CSV, JSON)
    Overflow,         ///< arithmetic that would leave the int64 range
    BadBarcode,       ///< not a barcode of any known kind
    BadCheckDigit,    ///< a barcode whose check digit is wrong
    NotFound,         ///< unknown product, sale, cashier ...
    Conflict,         ///< the state does not allow it (sale already completed ...)
    Unauthorized,     ///< wrong PIN, or a role that may not do this
    ApprovalRequired, ///< a supervisor must approve (PIN) before this is allowed
    Storage,          ///< the database refused (disk full, schema too new ...)
    Unavailable,      ///< the server could not be reached or did not answer in time
};

/// An expected failure as a value.
struct Error {
    ErrorCode code;
    std::string message; ///< in English, for logs, tools and tests
    /// The message's wording with %1, %2 ... where `args` go, for a UI to translate (the till
    /// shows every keyed error in its own language); empty when the message is not keyed.
    std::string key = {};
    std::vector<std::string> args = {};
};

/// Thrown by Result::value() on an error: reading a failed result is a programming bug.
class BadResultAccess : public std::logic_error {
public:
    explicit BadResultAccess(const Error& error)
        : std::logic_error("value() on a failed Result: " + error.message) {}
};

/// Either a T or an Error. Cheap to move; check ok() before value().
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Error error)
        : m_state(std::in_place_index<1>, std::move(error)) {}

    bool ok() const noexcept { return m_state.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    const T& value() const& {
        check();
        return std::get<0>(m_state);
    }
    T& value() & {
        check();
        return std::get<0>(m_state);
    }
    T&& value() && {
        check();
        return std::get<0>(std::move(m_state));
    }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

    /// Precondition: !ok().
    const Error& error() const { return std::get<1>(m_state); }

private:
    void check() const {
        if (!ok())
            throw BadResultAccess(std::get<1>(m_state));
    }
    std::variant<T, Error> m_state;
};

/// Result of an operation that returns nothing but can fail.
template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_failed(true) {}

    bool ok() const noexcept { return !m_failed; }
    explicit operator bool() const noexcept { return ok(); }
    /// Precondition: !ok().
    const Error& error() const { return m_error; }

private:
    Error m_error{ErrorCode::InvalidArgument, {}};
    bool m_failed = false;
};

using Status = Result<void>;

inline Error makeError(ErrorCode code, std::string message) {
    return Error{code, std::move(message)};
}

/// An error a UI can translate: `key` is its English wording with %1, %2 ... for `args` (up to
/// 9), and its message that wording filled in.
inline Error keyedError(ErrorCode code, std::string key, std::vector<std::string> args = {}) {
    std::string message;
    for (std::size_t i = 0; i < key.size(); ++i) {
        const char next = i + 1 < key.size() ? key[i + 1] : '\0';
        if (key[i] == '%' && next >= '1' && next <= '9' &&
            static_cast<std::size_t>(next - '1') < args.size()) {
            message += args[static_cast<std::size_t>(next - '1')];
            ++i;
        } else {
            message += key[i];
        }
    }
    return Error{code, std::move(message), std::move(key), std::move(args)};
}

} // namespace baidian
