#include "Backup.h"

#include "Administration.h"
#include "storage/Database.h"
#include "storage/PrivateFiles.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace ot::admin {

namespace {

// pg_dump and pg_restore of the PostgreSQL client, told where to connect by the URL's parts and
// the password through the environment, never on a command line another user can read.
Result<void> runPostgresTool(const QString &tool, const DatabaseUrl &url, QStringList arguments,
                             const QString &what) {
    const QString program = QStandardPaths::findExecutable(tool);
    if (program.isEmpty())
        return Error::storage(QStringLiteral("%1: %2 is not installed (Debian: "
                                             "postgresql-client-15)")
                                  .arg(what, tool));
    arguments << QStringLiteral("--host=") + url.host
              << QStringLiteral("--port=") + QString::number(url.port)
              << QStringLiteral("--no-password");
    if (!url.user.isEmpty())
        arguments << QStringLiteral("--username=") + url.user;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!url.password.isEmpty())
        env.insert(QStringLiteral("PGPASSWORD"), url.password);
    env.insert(QStringLiteral("PGCONNECT_TIMEOUT"), QStringLiteral("5"));
    env.insert(QStringLiteral("PGDATABASE"), url.database);
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(program, arguments);
    if (!process.waitForStarted())
        return Error::storage(QStringLiteral("%1: cannot run %2").arg(what, program));
    process.closeWriteChannel();
    process.waitForFinished(-1); // as long as the database takes; the tool prints why it stops
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString said = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        return Error::storage(QStringLiteral("%1: %2 failed: %3")
                                  .arg(what, tool,
                                       said.isEmpty() ? QStringLiteral("no reason given")
                                                      : said.section(u'\n', 0, 2)));
    }
    return {};
}

Result<void> refuseExisting(const QString &file, const QString &what) {
    if (QFileInfo::exists(file))
        return Error::invalid(
            QStringLiteral("%1: %2 exists already; name a new file").arg(what, file));
    return {};
}

} // namespace

Result<void> backup(const DatabaseUrl &url, const QString &file) {
    const QString what = QStringLiteral("cannot back up %1 to %2").arg(url.toString(), file);
    if (auto fresh = refuseExisting(file, what); !fresh)
        return fresh;
    // Opened first, so a database that is not OrderTrail's, or is missing, is said so plainly.
    auto db = Database::open(url, OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    if (auto created = createPrivateFile(file); !created)
        return created;
    Result<void> done;
    if (url.backend == DatabaseUrl::Backend::Sqlite) {
        // A consistent copy of the last commit, taken as one read transaction, while writers
        // go on; the file may be empty but must exist for its mode to stay private.
        auto copied = db.value()->query(QStringLiteral("VACUUM INTO ?"), {file}, what);
        if (copied)
            copied.value()->finish();
        done = copied ? Result<void>() : Result<void>(copied.error());
    } else {
        // One snapshot of the whole database, in the custom format pg_restore reads.
        done = runPostgresTool(
            QStringLiteral("pg_dump"), url,
            {QStringLiteral("--format=custom"), QStringLiteral("--file=") + file}, what);
    }
    if (!done)
        QFile::remove(file); // half a backup must not pass for one
    return done;
}

Result<void> restore(const DatabaseUrl &ownerUrl, const QString &file) {
    const QString what = QStringLiteral("cannot restore %1 into %2").arg(file, ownerUrl.toString());
    if (!QFileInfo(file).isFile())
        return Error::invalid(QStringLiteral("%1: there is no file %2").arg(what, file));
    if (ownerUrl.backend == DatabaseUrl::Backend::Sqlite) {
        if (auto fresh = refuseExisting(ownerUrl.path, what); !fresh)
            return fresh;
        // Read as it is: a file that is not an OrderTrail database is refused untouched.
        if (auto backedUp = Database::open(DatabaseUrl::sqlite(file), OpenMode::ExistingOnly);
            !backedUp)
            return backedUp.error();
        if (auto created = createPrivateFile(ownerUrl.path); !created)
            return created;
        QFile target(ownerUrl.path);
        QFile source(file);
        bool copied = source.open(QIODevice::ReadOnly) && target.open(QIODevice::WriteOnly);
        while (copied && !source.atEnd()) {
            const QByteArray piece = source.read(1 << 20);
            copied = !piece.isEmpty() && target.write(piece) == piece.size();
        }
        if (!copied || !target.flush()) {
            const QString why = source.error() != QFileDevice::NoError ? source.errorString()
                                                                       : target.errorString();
            target.remove();
            return Error::storage(QStringLiteral("%1: %2").arg(what, why));
        }
        target.close();
        return initialize(ownerUrl);
    }
    // Into an empty database, in one transaction: on any error nothing stays. Owned by this
    // login; without the dump's privileges, which admin init then sets as for any database,
    // so the roles need not exist first.
    if (auto restored = runPostgresTool(QStringLiteral("pg_restore"), ownerUrl,
                                        {QStringLiteral("--dbname=") + ownerUrl.database,
                                         QStringLiteral("--no-owner"), QStringLiteral("--no-acl"),
                                         QStringLiteral("--single-transaction"),
                                         QStringLiteral("--exit-on-error"), file},
                                        what);
        !restored)
        return restored;
    return initialize(ownerUrl);
}

} // namespace ot::admin
