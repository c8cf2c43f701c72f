#include "DatabaseUrl.h"

#include "PrivateFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <array>

namespace ot {

namespace {

const QString UrlForms =
    QStringLiteral("use sqlite:PATH or postgresql://user[:password]@host[:port]/database");

// The query parameters a PostgreSQL URL may carry, by PostgreSQL's names for them.
const std::array<std::pair<QLatin1String, QString DatabaseUrl::Timeouts::*>, 3> TimeoutNames{{
    {QLatin1String("statement_timeout"), &DatabaseUrl::Timeouts::statement},
    {QLatin1String("lock_timeout"), &DatabaseUrl::Timeouts::lock},
    {QLatin1String("idle_in_transaction_session_timeout"),
     &DatabaseUrl::Timeouts::idleInTransaction},
}};

Result<void> parseTimeouts(const QUrl &url, DatabaseUrl::Timeouts &timeouts) {
    // A number and one of PostgreSQL's time units; the value goes into a SET statement, so
    // nothing else gets through.
    static const QRegularExpression duration(QStringLiteral("^(0|[1-9][0-9]{0,8}(ms|s|min|h)?)$"));
    const QStringList names = [] {
        QStringList all;
        for (const auto &[name, member] : TimeoutNames)
            all << name;
        return all;
    }();
    for (const auto &item : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        // Not a structured binding: clang 14 (clang-tidy here) cannot capture one.
        const QString &key = item.first;
        const QString &value = item.second;
        const auto known = std::find_if(TimeoutNames.begin(), TimeoutNames.end(),
                                        [&](const auto &entry) { return entry.first == key; });
        if (known == TimeoutNames.end())
            return Error::invalid(QStringLiteral("the PostgreSQL URL's parameter '%1' is not one "
                                                 "OrderTrail knows (%2)")
                                      .arg(key.left(60), names.join(QStringLiteral(", "))));
        if (!duration.match(value).hasMatch())
            return Error::invalid(QStringLiteral("%1 must be a duration such as 500ms, 10s or "
                                                 "2min, or 0 for none (got '%2')")
                                      .arg(key, value.left(60)));
        timeouts.*known->second = value;
    }
    return {};
}

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
    if (url.hasFragment())
        return Error::invalid(
            QStringLiteral("the PostgreSQL URL must not have a fragment (%1)").arg(UrlForms));
    if (auto timeouts = parseTimeouts(url, result.timeouts); !timeouts)
        return timeouts.error();
    return result;
}

} // namespace

// Long enough for the longest single statement (a checkpoint over ten million events takes
// seconds), short enough that a lock another session holds, or a transaction left open, stops
// nobody for long.
const DatabaseUrl::Timeouts DatabaseUrl::DefaultTimeouts{
    QStringLiteral("5min"), QStringLiteral("10s"), QStringLiteral("1min")};

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
    QUrlQuery query;
    for (const auto &[name, member] : TimeoutNames) {
        if (!(timeouts.*member).isEmpty())
            query.addQueryItem(name, timeouts.*member);
    }
    if (!query.isEmpty())
        url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace ot
