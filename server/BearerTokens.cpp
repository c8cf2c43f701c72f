#include "BearerTokens.h"

#include "es/Command.h"
#include "es/Sha256.h"

#include <QFile>

#include <algorithm>

namespace ot::http {

namespace {

QByteArray digest(QByteArrayView token) {
    return Sha256::hash(token);
}

// Both are SHA-256 digests, so of equal length; every byte is looked at.
bool sameDigest(const QByteArray &a, const QByteArray &b) {
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

bool isTokenCharacter(char c) {
    return c > ' ' && c < 127;
}

} // namespace

Result<BearerTokens> BearerTokens::load(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalid(
            QStringLiteral("cannot read the tokens file %1: %2").arg(path, file.errorString()));
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                              QFileDevice::ReadOther | QFileDevice::WriteOther))
        return Error::invalid(
            QStringLiteral("the tokens file %1 may be read or changed by users other than its "
                           "owner; restrict it first (chmod 600)")
                .arg(path));
    BearerTokens tokens;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const auto where = [&](const QString &problem) {
            return Error::invalid(
                QStringLiteral("%1 line %2: %3").arg(path).arg(lineNumber).arg(problem));
        };
        const qsizetype space =
            std::find_if(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; }) -
            line.begin();
        if (space == line.size())
            return where(QStringLiteral("expected TOKEN USERNAME"));
        const QByteArray token = line.left(space);
        if (token.size() < MinimumTokenLength)
            return where(
                QStringLiteral("the token is shorter than %1 characters").arg(MinimumTokenLength));
        if (!std::all_of(token.begin(), token.end(), isTokenCharacter))
            return where(QStringLiteral("the token may hold printable ASCII characters only"));
        auto user = checkIdentifier(QString::fromUtf8(line.mid(space + 1).trimmed()),
                                    QStringLiteral("the user name"));
        if (!user)
            return where(user.error().message);
        const QByteArray tokenDigest = digest(token);
        for (const Entry &entry : std::as_const(tokens.m_entries)) {
            if (entry.digest == tokenDigest)
                return where(QStringLiteral("this token is given twice"));
        }
        tokens.m_entries.append({tokenDigest, user.value()});
    }
    if (tokens.m_entries.isEmpty())
        return Error::invalid(QStringLiteral("the tokens file %1 holds no token").arg(path));
    return tokens;
}

std::optional<QString> BearerTokens::userFor(QByteArrayView presented) const {
    const QByteArray presentedDigest = digest(presented);
    std::optional<QString> user;
    for (const Entry &entry : m_entries) {
        if (sameDigest(entry.digest, presentedDigest))
            user = entry.user;
    }
    return user;
}

} // namespace ot::http
