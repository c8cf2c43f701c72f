// libFuzzer target: DatabaseUrl::parse, which reads --db, $ORDERTRAIL_DB and the desk's Open
// Database field. No input crashes it or is refused without a message; an accepted URL is what
// the header promises (an absolute SQLite path; a PostgreSQL host, port and one database); and
// toString() gives a URL that parses back to the same one: with Password::Included (handed to
// a child process) field for field, with Password::Hidden (shown) all but the password.

#include "storage/DatabaseUrl.h"

#include <QDir>
#include <QUrl>

#include <cstdio>
#include <cstdlib>

using namespace ot;

namespace {

[[noreturn]] void fail(const char *what, const QString &input, const QString &output = {}) {
    std::fprintf(stderr, "fuzz_database_url: %s\n  input:  %s\n  output: %s\n", what,
                 qUtf8Printable(input), qUtf8Printable(output));
    std::abort();
}

bool sameExceptPassword(const DatabaseUrl &a, const DatabaseUrl &b) {
    return a.backend == b.backend && a.path == b.path && a.host == b.host && a.port == b.port &&
           a.user == b.user && a.database == b.database;
}

void check(const QString &text) {
    const Result<DatabaseUrl> parsed = DatabaseUrl::parse(text);
    if (!parsed) {
        if (parsed.error().code != ErrorCode::Invalid || parsed.error().message.isEmpty())
            fail("a refusal is not 'invalid' with a message", text, parsed.error().message);
        return;
    }
    const DatabaseUrl &url = parsed.value();
    if (url.backend == DatabaseUrl::Backend::Sqlite) {
        if (!QDir::isAbsolutePath(url.path) || url.path.contains(QChar(0)))
            fail("the SQLite path is not absolute or holds a NUL", text, url.path);
    } else {
        if (url.host.isEmpty())
            fail("no host", text);
        if (url.database.isEmpty() || url.database.contains(u'/'))
            fail("not exactly one database", text, url.database);
        if (url.port < 0 || url.port > 65535)
            fail("the port is out of range", text, QString::number(url.port));
    }

    const QString full = url.toString(DatabaseUrl::Password::Included);
    const Result<DatabaseUrl> again = DatabaseUrl::parse(full);
    if (!again)
        fail("toString(Password::Included) does not parse", text, full);
    if (!sameExceptPassword(url, again.value()) || url.password != again->password)
        fail("toString(Password::Included) parses to another URL", text, full);

    const QString shown = url.toString(DatabaseUrl::Password::Hidden);
    const Result<DatabaseUrl> displayed = DatabaseUrl::parse(shown);
    if (!displayed || !sameExceptPassword(url, displayed.value()) || !displayed->password.isEmpty())
        fail("toString(Password::Hidden) is not the URL without its password", text, shown);
}

// Random text seldom gets through QUrl's syntax, and QUrl (not instrumented) gives the fuzzer
// no coverage to follow there: the input is also read as the lines user, password, host, port,
// database of a PostgreSQL URL, each but the host and port percent-encoded, so any text can
// reach the user, password and database.
QString assembled(const QByteArray &input) {
    const QList<QByteArray> lines = input.split('\n');
    const auto line = [&](qsizetype i) {
        return i < lines.size() ? QString::fromUtf8(lines.at(i)) : QString();
    };
    const auto encoded = [&](qsizetype i) {
        return QString::fromLatin1(QUrl::toPercentEncoding(line(i)));
    };
    return QStringLiteral("postgresql://") % encoded(0) % u':' % encoded(1) % u'@' % line(2) %
           u':' % line(3) % u'/' % encoded(4);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    check(QString::fromUtf8(input));
    check(assembled(input));
    return 0;
}
