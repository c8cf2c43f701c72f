#include "Database.h"

#include "Schema.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>

namespace ot {

namespace {

constexpr int BusyTimeoutMs = 15000;

QString nextConnectionName() {
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("ordertrail-%1").arg(++counter);
}

// SQLite result codes (the low byte of an extended code).
enum SqliteCode {
    Busy = 5,
    Locked = 6,
    ReadOnly = 8,
    IoError = 10,
    Corrupt = 11,
    Full = 13,
    CantOpen = 14,
    NotADatabase = 26,
};

int primaryCode(const QSqlError &error) {
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

} // namespace

Database::Database(DatabaseUrl url, QString connectionName)
    : m_url(std::move(url))
    , m_connectionName(std::move(connectionName)) {}

Database::~Database() {
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl &url, OpenMode mode) {
    const QFileInfo file(url.path);
    if (file.isDir())
        return Error::storage(QStringLiteral("%1 is a folder, not a database file").arg(url.path));
    if (!file.exists()) {
        if (mode == OpenMode::ExistingOnly)
            return Error::storage(QStringLiteral("there is no database at %1").arg(url.path));
        if (!file.absoluteDir().exists())
            return Error::storage(
                QStringLiteral("cannot create %1: the folder does not exist").arg(url.path));
    } else if (!file.isReadable()) {
        return Error::storage(QStringLiteral("cannot read %1: permission denied").arg(url.path));
    }

    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return Error::storage(QStringLiteral(
            "Qt's SQLite driver is not installed (Debian package libqt6sql6-sqlite)"));

    std::unique_ptr<Database> db(new Database(url, nextConnectionName()));
    db->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), db->m_connectionName);
    db->m_db.setDatabaseName(url.path);
    db->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs));
    if (!db->m_db.open())
        return db->storageError(db->m_db.lastError(),
                                QStringLiteral("cannot open %1").arg(url.path));
    if (auto ready = db->prepareSchema(); !ready)
        return ready.error();
    return db;
}

Result<QSqlQuery> Database::prepare(const QString &sql, const QString &what) const {
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return storageError(query.lastError(), what);
    return query;
}

Result<void> Database::exec(QSqlQuery &query, const QString &what) const {
    if (!query.exec())
        return storageError(query.lastError(), what);
    return {};
}

Result<void> Database::runStatements(const QStringList &statements, const QString &what) {
    for (const QString &sql : statements) {
        QSqlQuery query(m_db);
        if (!query.exec(sql))
            return storageError(query.lastError(), what);
    }
    return {};
}

Result<void> Database::prepareSchema() {
    // The first statement only reads, so a file that is not SQLite is reported, not rewritten.
    QSqlQuery probe(m_db);
    if (!probe.exec(QStringLiteral("SELECT count(*), sum(name = 'ordertrail_meta') FROM "
                                   "sqlite_master WHERE type = 'table'")) ||
        !probe.next())
        return storageError(probe.lastError(), QStringLiteral("cannot read %1").arg(m_url.path));
    const int tables = probe.value(0).toInt();
    const bool ours = probe.value(1).toInt() > 0;
    probe.finish();

    if (auto set = runStatements({QStringLiteral("PRAGMA synchronous = FULL")},
                                 QStringLiteral("cannot configure %1").arg(m_url.path));
        !set)
        return set;

    int version = 0;
    if (tables > 0) {
        if (!ours)
            return Error::storage(
                QStringLiteral("%1 is an SQLite database of another program, not OrderTrail's")
                    .arg(m_url.path));
        QSqlQuery read(m_db);
        if (!read.exec(
                QStringLiteral("SELECT value FROM ordertrail_meta WHERE key = 'schema_version'")) ||
            !read.next())
            return Error::storage(
                QStringLiteral("%1 has no schema version: the file is damaged").arg(m_url.path));
        version = read.value(0).toInt();
    }
    if (version > SchemaVersion)
        return Error::storage(QStringLiteral("%1 was written by a newer OrderTrail (schema %2; "
                                             "this version reads up to schema %3): upgrade "
                                             "OrderTrail to open it")
                                  .arg(m_url.path)
                                  .arg(version)
                                  .arg(SchemaVersion));
    if (version == SchemaVersion)
        return {};

    if (version == 0) {
        // WAL is a property of the file; it must be set outside a transaction.
        if (auto wal = runStatements({QStringLiteral("PRAGMA journal_mode = WAL")},
                                     QStringLiteral("cannot create %1").arg(m_url.path));
            !wal)
            return wal;
    }
    for (int next = version + 1; next <= SchemaVersion; ++next) {
        auto migrated = writeTransaction([&]() -> Result<void> {
            if (auto ddl = runStatements(
                    schema::sqliteMigration(next),
                    QStringLiteral("cannot upgrade %1 to schema %2").arg(m_url.path).arg(next));
                !ddl)
                return ddl;
            auto stamp = prepare(QStringLiteral("INSERT OR REPLACE INTO ordertrail_meta "
                                                "(key, value) VALUES ('schema_version', ?)"),
                                 QStringLiteral("cannot record the schema version"));
            if (!stamp)
                return stamp.error();
            stamp->addBindValue(QString::number(next));
            return exec(*stamp, QStringLiteral("cannot record the schema version"));
        });
        if (!migrated)
            return migrated;
    }
    return {};
}

Result<void> Database::begin() {
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return storageError(query.lastError(), QStringLiteral("cannot start a transaction"));
    return {};
}

Result<void> Database::commit() {
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("COMMIT")))
        return storageError(query.lastError(), QStringLiteral("cannot commit"));
    return {};
}

void Database::rollback() {
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("ROLLBACK"));
}

bool Database::isVersionConflict(const QSqlError &error) {
    // SQLite names the columns of the violated key; only the stream's version key is a
    // concurrency conflict (a duplicate event id is not).
    return error.databaseText().contains(QLatin1String("UNIQUE constraint failed")) &&
           error.databaseText().contains(QLatin1String("events.version"));
}

Error Database::storageError(const QSqlError &error, const QString &what) const {
    QString reason;
    switch (primaryCode(error)) {
    case Busy:
    case Locked:
        reason = QStringLiteral("the database stayed busy for %1 s: another program holds its "
                                "write lock; try again")
                     .arg(BusyTimeoutMs / 1000);
        break;
    case ReadOnly:
        reason = QStringLiteral("the database is read-only (check the permissions of the file "
                                "and its folder)");
        break;
    case Full:
        reason = QStringLiteral("the disk is full");
        break;
    case NotADatabase:
        reason = QStringLiteral("the file is not an SQLite database");
        break;
    case Corrupt:
        reason = QStringLiteral("the database file is damaged");
        break;
    case CantOpen:
        reason = QStringLiteral("the file cannot be opened (check that it and its folder exist "
                                "and are writable)");
        break;
    case IoError:
        reason = QStringLiteral("disk I/O error: %1").arg(error.databaseText());
        break;
    default:
        reason = error.databaseText().isEmpty() ? error.text() : error.databaseText();
        break;
    }
    return Error::storage(what % QStringLiteral(": ") % reason);
}

} // namespace ot
