#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace ot {

// The five outcomes a caller must tell apart; the CLI and the HTTP route map them to exit codes
// and status codes, the GUI to inline messages.
enum class ErrorCode {
    Invalid,  // malformed or wrong input: nothing was attempted
    Rejected, // a domain rule refused the command
    NotFound, // the aggregate does not exist
    Conflict, // optimistic concurrency: someone else appended first
    Storage,  // the database failed or could not be opened
};

QString errorCodeName(ErrorCode code);

struct VersionConflict {
    qint64 expected = 0;
    qint64 actual = 0;
};

// An expected failure is a value, never an exception: it crosses threads and slots safely.
struct Error {
    ErrorCode code = ErrorCode::Storage;
    QString message;
    std::optional<VersionConflict> conflict; // set when code == Conflict

    static Error invalid(QString message) { return {ErrorCode::Invalid, std::move(message), {}}; }
    static Error rejected(QString message) { return {ErrorCode::Rejected, std::move(message), {}}; }
    static Error notFound(QString message) { return {ErrorCode::NotFound, std::move(message), {}}; }
    static Error storage(QString message) { return {ErrorCode::Storage, std::move(message), {}}; }
    static Error versionConflict(qint64 expected, qint64 actual);
};

template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_value(std::move(value)) {}
    Result(Error error)
        : m_value(std::move(error)) {}

    bool ok() const { return m_value.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_value); }
    const T &value() const & { return std::get<0>(m_value); }
    T &&value() && { return std::get<0>(std::move(m_value)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_value); }

private:
    std::variant<T, Error> m_value;
};

template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace ot
