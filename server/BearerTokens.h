#pragma once

#include "es/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace ot::http {

// The bearer tokens `ordertrail-cli serve` accepts, each mapped to the user name recorded for the
// commands it sends. Read from a file of lines `TOKEN USERNAME` (README, "ordertrail-cli serve").
class BearerTokens final {
public:
    static constexpr int MinimumTokenLength = 16;

    // Refuses a file that others may read or write, an empty file, a token shorter than
    // MinimumTokenLength or with characters outside printable ASCII, a duplicate token and a
    // user name that is not a valid identifier: the server must not start on a weak set-up.
    static Result<BearerTokens> load(const QString &path);

    // The user of a presented token, or nothing. The comparison takes the same time whatever
    // the presented token shares with a valid one: only digests are compared, every one of
    // them, byte by byte without an early exit.
    std::optional<QString> userFor(QByteArrayView presented) const;

private:
    struct Entry {
        QByteArray digest; // SHA-256 of the token
        QString user;
    };
    QList<Entry> m_entries;
};

} // namespace ot::http
