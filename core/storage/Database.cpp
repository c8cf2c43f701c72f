#include "Database.h"

#include "PrivateFiles.h"
#include "Schema.h"
#include "es/Log.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>

#include <algorithm>

namespace ot {

namespace {

QString nextConnectionName() {
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("ordertrail-%1").arg(++counter);
}

constexpr int ReadyNames = 64;

// `:0`, `:1`, ... made once: binding a value by such a name is a hash lookup.
const QString &placeholderName(int i) {
    static const QStringList names = [] {
        QStringList made;
        for (int n = 0; n < ReadyNames; ++n)
            made << u':' + QString::number(n);
        return made;
    }();
    return names.at(i);
}

// The `?` placeholders outside quotes as `:0`, `:1`, ... in order. Qt formats such a name with
// QString::arg for every value bound by position (QSqlResult::bindValue(int)), a tenth of a
// command's instructions; Database::bind() binds by the names made once instead.
QString namedPlaceholders(const QString &sql) {
    QString named;
    named.reserve(sql.size() + sql.size() / 4);
    QChar quote;
    int count = 0;
    for (const QChar ch : sql) {
        if (!quote.isNull()) {
            if (ch == quote)
                quote = QChar();
        } else if (ch == u'\'' || ch == u'"') {
            quote = ch;
        } else if (ch == u'?') {
            named += u':' + QString::number(count++);
            continue;
        }
        named += ch;
    }
    return named;
}

// Checks that need no connection, and a writer's missing file made here, empty (SQLite takes it
// for a new database), so that SQLite never creates one: it would create a reader's by mistake,
// and a writer's as open as the umask allows, with -wal and -shm files as open as the file.
Result<void> prepareSqliteFile(const DatabaseUrl &url, OpenMode mode) {
    const QFileInfo file(url.path);
    if (file.isDir())
        return Error::storage(QStringLiteral("%1 is a folder, not a database file").arg(url.path));
    if (!file.exists()) {
        if (mode == OpenMode::ExistingOnly)
            return Error::storage(QStringLiteral("there is no database at %1").arg(url.path));
        if (!file.absoluteDir().exists())
            return Error::storage(
                QStringLiteral("cannot create %1: the folder does not exist").arg(url.path));
        return createPrivateFile(url.path);
    }
    if (!file.isReadable())
        return Error::storage(QStringLiteral("cannot read %1: permission denied").arg(url.path));
    return {};
}

} // namespace

Database::Database(DatabaseUrl url, QString connectionName)
    : m_url(std::move(url))
    , m_dialect(Dialect::forBackend(m_url.backend))
    , m_connectionName(std::move(connectionName)) {}

Database::~Database() {
    m_statements.clear(); // a statement must not outlive its connection
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl &url, OpenMode mode) {
    std::unique_ptr<Database> db(new Database(url, nextConnectionName()));
    const Dialect &dialect = *db->m_dialect;
    if (!QSqlDatabase::isDriverAvailable(dialect.driverName()))
        return Error::storage(QStringLiteral("Qt's %1 driver is not installed (Debian package %2)")
                                  .arg(dialect.driverName(), dialect.driverPackage()));
    if (dialect.isFile()) {
        if (auto ok = prepareSqliteFile(url, mode); !ok)
            return ok.error();
    }

    db->m_owner = QThread::currentThread();
    db->m_db = QSqlDatabase::addDatabase(dialect.driverName(), db->m_connectionName);
    dialect.configure(db->m_db, url);
    if (!db->m_db.open())
        return db->storageError(db->m_db.lastError(),
                                QStringLiteral("cannot open %1").arg(url.toString()));
    if (const QString sql = dialect.sessionSql(); !sql.isEmpty()) {
        const QString what = QStringLiteral("cannot read the login");
        auto session = db->query(sql, {}, what);
        if (!session)
            return session.error();
        if (!session.value()->next())
            return db->storageError(session.value()->lastError(), what);
        db->m_sessionUser = session.value()->value(0).toString();
        db->m_schema = session.value()->value(1).toString();
        session.value()->finish();
        if (db->m_schema.isEmpty())
            return Error::storage(QStringLiteral("%1 has no schema to keep OrderTrail's tables in: "
                                                 "none of the login's search_path exists")
                                      .arg(url.toString()));
    }
    if (auto ready = db->prepareSchema(mode); !ready)
        return ready.error();
    return db;
}

QString Database::qualified(const QString &name) const {
    return m_schema.isEmpty() ? name : m_schema % u'.' % name;
}

// A connection, its prepared statements and its transaction belong to the thread that opened
// it: a statement from another thread (work handed to the thread pool that reached for the
// database) would race the owner's on one connection. Refused, so that such a mistake fails
// every test that takes that path instead of corrupting a session now and then.
Result<void> Database::checkThread(const QString &what) const {
    if (QThread::currentThread() == m_owner)
        return {};
    return Error::storage(
        QStringLiteral("%1: the database connection was used from a thread that did not open it")
            .arg(what));
}

Result<QSqlQuery *> Database::query(const QString &sql, const QVariantList &values,
                                    const QString &what) {
    if (auto owned = checkThread(what); !owned)
        return owned.error();
    auto found = m_statements.find(sql);
    if (found == m_statements.end()) {
        // The store's own statements are a handful per aggregate type; audit filters combine
        // into more. Past the bound, the statements nobody is reading go.
        if (m_statements.size() >= MaxStatements)
            std::erase_if(m_statements, [](const auto &kept) { return !kept.second->isActive(); });
        auto prepared = std::make_unique<QSqlQuery>(m_db);
        prepared->setForwardOnly(true);
        if (!prepared->prepare(namedPlaceholders(sql)))
            return storageError(prepared->lastError(), what);
        found = m_statements.emplace(sql, std::move(prepared)).first;
    }
    QSqlQuery &query = *found->second;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i < ReadyNames)
            query.bindValue(placeholderName(int(i)), values.at(i));
        else
            query.bindValue(int(i), values.at(i));
    }
    if (!query.exec()) {
        // Two writers raced for a stream's next version: a conflict, not a failure (the
        // dialect says which error that is). Where the stream stands is the caller's to read.
        if (m_dialect->isVersionConflict(query.lastError()))
            return Error::versionConflict(-1, -1);
        return storageError(query.lastError(), what);
    }
    return &query;
}

Result<void> Database::run(const Write &write) {
    auto done = query(write.sql, write.values, write.what);
    if (!done)
        return done.error();
    done.value()->finish();
    return {};
}

Result<QVariant> Database::value(const QString &sql, const QVariantList &values,
                                 const QString &what) {
    auto done = query(sql, values, what);
    if (!done)
        return done.error();
    QSqlQuery &q = *done.value();
    QVariant first;
    if (q.next())
        first = q.value(0);
    else if (q.lastError().isValid())
        return storageError(q.lastError(), what);
    q.finish();
    return first;
}

Result<void> Database::execute(const QStringList &statements, const QString &what) {
    if (auto owned = checkThread(what); !owned)
        return owned;
    for (const QString &sql : statements) {
        QSqlQuery statement(m_db);
        if (!statement.exec(sql))
            return storageError(statement.lastError(), what);
    }
    return {};
}

Result<QVariant> Database::unpreparedValue(const QString &sql, const QString &what) {
    if (auto owned = checkThread(what); !owned)
        return owned.error();
    QSqlQuery statement(m_db);
    if (!statement.exec(sql))
        return storageError(statement.lastError(), what);
    return statement.next() ? statement.value(0) : QVariant();
}

Result<void> Database::control(const QString &sql, const QString &what) {
    if (!m_dialect->preparesTransactionControl())
        return execute({sql}, what);
    return run({sql, {}, what});
}

Result<void> Database::begin() {
    const QString sql =
        m_depth == 0 ? m_dialect->beginWrite() : QStringLiteral("SAVEPOINT ot_%1").arg(m_depth);
    if (auto begun = control(sql, QStringLiteral("cannot start a transaction")); !begun)
        return begun;
    ++m_depth;
    return {};
}

Result<void> Database::commit() {
    const QString sql = m_depth == 1 ? QStringLiteral("COMMIT")
                                     : QStringLiteral("RELEASE SAVEPOINT ot_%1").arg(m_depth - 1);
    if (auto committed = control(sql, QStringLiteral("cannot commit")); !committed)
        return committed;
    --m_depth;
    if (m_depth > 0) {
        for (auto *work : {&m_afterCommit, &m_onRollback}) {
            for (auto &[depth, then] : *work)
                depth = std::min(depth, m_depth);
        }
        return {};
    }
    m_onRollback.clear();
    // Taken out first: the work may run statements, and even ask for more afterCommit().
    const auto committed = std::exchange(m_afterCommit, {});
    for (const auto &[depth, then] : committed)
        then();
    return {};
}

void Database::afterCommit(std::function<void()> then) {
    if (m_depth == 0)
        then();
    else
        m_afterCommit.emplace_back(m_depth, std::move(then));
}

void Database::onRollback(std::function<void()> undo) {
    if (m_depth > 0)
        m_onRollback.emplace_back(m_depth, std::move(undo));
}

// A failed rollback has nothing left to undo: the server has ended the transaction already.
void Database::rollback() {
    std::erase_if(m_afterCommit, [this](const auto &work) { return work.first >= m_depth; });
    // The newest first, as undoing goes.
    while (!m_onRollback.empty() && m_onRollback.back().first >= m_depth) {
        const auto undo = std::move(m_onRollback.back().second);
        m_onRollback.pop_back();
        undo();
    }
    --m_depth;
    QStringList statements{QStringLiteral("ROLLBACK")};
    if (m_depth > 0) {
        const QString savepoint = QStringLiteral("ot_%1").arg(m_depth);
        statements = {QStringLiteral("ROLLBACK TO SAVEPOINT ") % savepoint,
                      QStringLiteral("RELEASE SAVEPOINT ") % savepoint};
    }
    // Nothing to report: a failed rollback has nothing left to undo.
    for (const QString &sql : statements) {
        if (!control(sql, {}))
            break;
    }
}

Result<void> Database::prepareSchema(OpenMode mode) {
    const QString where = m_url.toString();
    // The first statement only reads, so a file that is not SQLite is reported, not rewritten.
    auto probe = query(m_dialect->inspectSql(), {}, QStringLiteral("cannot read %1").arg(where));
    if (!probe)
        return probe.error();
    if (!probe.value()->next())
        return storageError(probe.value()->lastError(),
                            QStringLiteral("cannot read %1").arg(where));
    const int tables = probe.value()->value(0).toInt();
    const bool ours = probe.value()->value(1).toInt() > 0;
    probe.value()->finish();

    if (auto set = execute(m_dialect->sessionSetup(m_url),
                           QStringLiteral("cannot configure the connection to %1").arg(where));
        !set)
        return set;

    int version = 0;
    if (tables > 0) {
        if (!ours)
            return Error::storage(
                QStringLiteral("%1 is a database of another program, not OrderTrail's").arg(where));
        const Error damaged = Error::storage(
            QStringLiteral("%1 has no schema version: the database is damaged").arg(where));
        auto read =
            query(QStringLiteral("SELECT value FROM ordertrail_meta WHERE key = 'schema_version'"),
                  {}, damaged.message);
        if (!read || !read.value()->next())
            return damaged;
        version = read.value()->value(0).toInt();
        read.value()->finish();
    }
    if (version > SchemaVersion)
        return Error::storage(QStringLiteral("%1 was written by a newer OrderTrail (schema %2; "
                                             "this version reads up to schema %3): upgrade "
                                             "OrderTrail to open it")
                                  .arg(where)
                                  .arg(version)
                                  .arg(SchemaVersion));
    if (version == SchemaVersion)
        return {};
    // SQLite makes an empty file a database, but whoever only reads must not write one.
    if (tables == 0 && mode == OpenMode::ExistingOnly && m_dialect->migratesOnOpen())
        return Error::storage(QStringLiteral("%1 is empty, not yet an OrderTrail database: a "
                                             "command or demo-data makes it one")
                                  .arg(where));
    if (!m_dialect->migratesOnOpen() && mode != OpenMode::Initialize)
        return Error::storage(
            QStringLiteral("%1 has %2: an administrator runs `ordertrail-cli --db URL admin "
                           "init` first")
                .arg(where, version == 0 ? QStringLiteral("no OrderTrail schema")
                                         : QStringLiteral("an older OrderTrail schema")));

    if (version == 0) {
        if (auto prepared =
                execute(m_dialect->prepareEmpty(), QStringLiteral("cannot create %1").arg(where));
            !prepared)
            return prepared;
    }
    for (int next = version + 1; next <= SchemaVersion; ++next) {
        const QString what = QStringLiteral("cannot upgrade %1 to schema %2").arg(where).arg(next);
        auto migrated = writeTransaction([&]() -> Result<void> {
            if (auto ddl = execute(migration(*m_dialect, next, m_schema), what); !ddl)
                return ddl;
            if (auto cleared = run({QStringLiteral("DELETE FROM ordertrail_meta WHERE key = "
                                                   "'schema_version'"),
                                    {},
                                    what});
                !cleared)
                return cleared;
            return run({QStringLiteral("INSERT INTO ordertrail_meta (key, value) VALUES "
                                       "('schema_version', ?)"),
                        {QString::number(next)},
                        what});
        });
        if (!migrated)
            return migrated;
    }
    return {};
}

Error Database::storageError(const QSqlError &error, const QString &what) const {
    // The user gets a plain reason; the driver's own words go to the log
    // (QT_LOGGING_RULES="ordertrail.core.info=true").
    qCInfo(lcCore).noquote() << what << "|" << m_url.toString() << "| code"
                             << error.nativeErrorCode() << "| database:" << error.databaseText()
                             << "| driver:" << error.driverText();
    return Error::storage(what % QStringLiteral(": ") % m_dialect->reason(error));
}

} // namespace ot
