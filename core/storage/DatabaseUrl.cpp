#include "DatabaseUrl.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace ot {

Result<DatabaseUrl> DatabaseUrl::parse(const QString &text) {
    const QString scheme = text.section(u':', 0, 0);
    if (!text.contains(u':') || scheme.isEmpty())
        return Error::invalid(
            QStringLiteral("'%1' is not a database URL: use sqlite:PATH").arg(text));
    if (scheme != QLatin1String("sqlite"))
        return Error::invalid(
            QStringLiteral("unsupported database URL scheme '%1': use sqlite:PATH").arg(scheme));
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
    return {Backend::Sqlite, QFileInfo(path).absoluteFilePath()};
}

QString DatabaseUrl::defaultSqlitePath() {
    // A fixed folder name rather than the application name, so the GUI and the CLI share it.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) %
           QStringLiteral("/OrderTrail/ordertrail.sqlite");
}

Result<DatabaseUrl> DatabaseUrl::fromEnvironment() {
    const QString fromEnv = qEnvironmentVariable("ORDERTRAIL_DB");
    if (!fromEnv.isEmpty())
        return parse(fromEnv);
    return sqlite(defaultSqlitePath());
}

QString DatabaseUrl::toString() const {
    return QStringLiteral("sqlite:") % QDir::toNativeSeparators(path);
}

} // namespace ot
