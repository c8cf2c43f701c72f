#include "DatabaseUrl.h"

#include "PrivateFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>

namespace ot {

namespace {

const QString UrlForms =
    QStringLiteral("use sqlite:PATH or postgresql://user[:password]@host[:port]/database");

Result<DatabaseUrl> parsePostgres(const QString &text) {
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return Error::invalid(QStringLiteral("'%1' is not a valid PostgreSQL URL: %2")
                                  .arg(text.left(200), url.errorString()));
    DatabaseUrl result;
    result.backend = DatabaseUrl::Backend::Postgres;
    result.host = url.host();
    result.port = url.port(5432);
    result.user = url.userName(QUrl::FullyDecoded);
    result.password = url.password(QUrl::FullyDecoded);
    result.database = url.path(QUrl::FullyDecoded).mid(1);
    if (result.host.isEmpty())
        return Error::invalid(
            QStringLiteral("the PostgreSQL URL names no host (%1)").arg(UrlForms));
    // QUrl decodes the zone of an IPv6 address (fe80::1%25eth0) as Latin-1, so a zone beyond
    // ASCII comes out garbled, and differently after each round trip: zones are interface
    // names, so only RFC 6874's unreserved characters are taken.
    if (const qsizetype percent = result.host.indexOf(u'%'); percent >= 0) {
        const QStringView zone = QStringView(result.host).mid(percent + 1);
        const bool plain = !zone.isEmpty() && std::all_of(zone.begin(), zone.end(), [](QChar c) {
            return c.unicode() < 128 && (c.isLetterOrNumber() || QStringView(u"._~-").contains(c));
        });
        if (!plain)
            return Error::invalid(
                QStringLiteral("the IPv6 zone of the PostgreSQL URL must be an interface name "
                               "(ASCII letters, digits, '.', '_', '~', '-')"));
    }
    if (result.database.isEmpty() || result.database.contains(u'/'))
        return Error::invalid(
            QStringLiteral("the PostgreSQL URL must name one database (%1)").arg(UrlForms));
    if (url.hasQuery() || url.hasFragment())
        return Error::invalid(
            QStringLiteral("the PostgreSQL URL must not have a query or fragment (%1)")
                .arg(UrlForms));
    return result;
}

} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString &text) {
    const QString scheme = text.section(u':', 0, 0);
    if (!text.contains(u':') || scheme.isEmpty())
        return Error::invalid(
            QStringLiteral("'%1' is not a database URL: %2").arg(text.left(200), UrlForms));
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres"))
        return parsePostgres(text);
    if (scheme != QLatin1String("sqlite"))
        return Error::invalid(QStringLiteral("unsupported database URL scheme '%1': %2")
                                  .arg(scheme.left(50), UrlForms));
    QString path = text.mid(scheme.size() + 1);
    if (path.startsWith(QLatin1String("//"))) // sqlite:///abs/path
        path = path.mid(2);
    if (path.isEmpty())
        return Error::invalid(QStringLiteral("the database URL '%1' names no file").arg(text));
    if (path.contains(QChar(0)))
        return Error::invalid(QStringLiteral("the database path contains a NUL character"));
    return sqlite(path);
}

DatabaseUrl DatabaseUrl::sqlite(const QString &path) {
    DatabaseUrl url;
    url.path = QFileInfo(path).absoluteFilePath();
    return url;
}

QString DatabaseUrl::defaultSqlitePath() {
    // A fixed folder name rather than the application name, so the GUI and the CLI share it.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) %
           QStringLiteral("/OrderTrail/ordertrail.sqlite");
}

Result<void> DatabaseUrl::createDefaultFolder() {
    return createPrivateFolder(QFileInfo(defaultSqlitePath()).absolutePath());
}

Result<DatabaseUrl> DatabaseUrl::fromEnvironment() {
    const QString fromEnv = qEnvironmentVariable("ORDERTRAIL_DB");
    if (!fromEnv.isEmpty())
        return parse(fromEnv);
    return sqlite(defaultSqlitePath());
}

QString DatabaseUrl::toString(Password shown) const {
    if (backend == Backend::Sqlite) {
        // parse() takes a "//" after "sqlite:" for the prefix of sqlite:///abs/path, so a path
        // that starts with "//" itself is written in that form.
        const QString native = QDir::toNativeSeparators(path);
        return (native.startsWith(QLatin1String("//")) ? QStringLiteral("sqlite://")
                                                       : QStringLiteral("sqlite:")) %
               native;
    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    if (shown == Password::Included)
        url.setPassword(password);
    url.setPath(u'/' % database);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace ot
