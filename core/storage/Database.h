#pragma once

#include "DatabaseUrl.h"
#include "Dialect.h"
#include "es/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>

#include <functional>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

class QSqlError;

namespace ot {

// One INSERT, UPDATE or DELETE without RETURNING, and the values of its placeholders in order:
// a read-model row or a snapshot that an append or a rebuild writes (Database::run).
struct Write {
    QString sql;
    QVariantList values;
    QString what; // for the message when it fails
};

// One connection to the event store's database, owned by one thread. Opening it checks that
// the database is OrderTrail's, creates or migrates the schema where that is allowed, and sets
// the session up; nothing is written to a database that fails those checks.
class Database final {
public:
    static Result<std::unique_ptr<Database>> open(const DatabaseUrl &url, OpenMode mode);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    static constexpr int SchemaVersion = 10;

    const DatabaseUrl &url() const { return m_url; }
    const Dialect &dialect() const { return *m_dialect; }
    QSqlDatabase connection() const { return m_db; }
    // The login the server records on events (PostgreSQL); empty on SQLite.
    const QString &sessionUser() const { return m_sessionUser; }
    // `name` (a function of the schema) qualified with the schema the tables are in, where
    // there are schemas, so that no object of the same name earlier in a search path is called.
    QString qualified(const QString &name) const;
    // The schema the tables are in, quoted; empty where there are no schemas (SQLite).
    const QString &schema() const { return m_schema; }

    // Runs `sql` with `values` bound to its `?` placeholders in order: the one way OrderTrail
    // runs a query. Each statement is prepared once per connection and kept (up to
    // MaxStatements; statements not being read are dropped when there are more), so running it
    // again costs only binding and execution. A failure is a storage error naming `what`. Read
    // the rows, then finish() the query: a connection reads one result at a time.
    Result<QSqlQuery *> query(const QString &sql, const QVariantList &values, const QString &what);
    // A query whose rows nobody reads.
    Result<void> run(const Write &write);
    // The first column of a query's first row; an invalid QVariant when there is no row.
    Result<QVariant> value(const QString &sql, const QVariantList &values, const QString &what);
    // Statements PostgreSQL cannot prepare, without values: schema changes, session set-up.
    Result<void> execute(const QStringList &statements, const QString &what);
    // The first column of the first row of such a statement (EXPLAIN).
    Result<QVariant> unpreparedValue(const QString &sql, const QString &what);
    static constexpr int MaxStatements = 256;

    // Runs `work` inside a write transaction (see Dialect::beginWrite). Commits when `work`
    // succeeds, rolls back otherwise. Called inside another one, it runs in a savepoint, so a
    // failure undoes only its own writes and the outer work decides about the rest.
    template <typename F> auto writeTransaction(F &&work) -> decltype(work()) {
        if (auto begun = begin(); !begun)
            return begun.error();
        auto result = work();
        if (!result) {
            rollback();
            return result;
        }
        if (auto committed = commit(); !committed) {
            rollback();
            return committed.error();
        }
        return result;
    }
    // Runs `work` inside a write transaction that is always rolled back: what it would write,
    // seen by itself alone, and nothing stored.
    template <typename F> auto trialTransaction(F &&work) -> decltype(work()) {
        if (auto begun = begin(); !begun)
            return begun.error();
        auto result = work();
        rollback();
        return result;
    }
    // True inside writeTransaction(): what is written now may still be rolled back.
    bool inTransaction() const { return m_depth > 0; }
    // Runs `then` once what is written now is committed: at once outside a transaction, after
    // the outermost COMMIT inside one; never when the work it was called in rolls back. For
    // what may only follow committed data (clearing the write-ahead log after an erasure).
    void afterCommit(std::function<void()> then);
    // Runs `undo` if what is written now is rolled back after all (the work it was called in,
    // or a transaction around it); nothing outside a transaction. For what was believed of
    // data not yet committed (a command handler's remembered state).
    void onRollback(std::function<void()> undo);

    Error storageError(const QSqlError &error, const QString &what) const;

private:
    Database(DatabaseUrl url, QString connectionName);
    // BEGIN, COMMIT or a savepoint's statement: kept prepared where the dialect can.
    Result<void> control(const QString &sql, const QString &what);
    Result<void> checkThread(const QString &what) const;
    Result<void> begin();
    Result<void> commit();
    void rollback();
    Result<void> prepareSchema(OpenMode mode);

    DatabaseUrl m_url;
    std::unique_ptr<Dialect> m_dialect;
    QString m_connectionName;
    QSqlDatabase m_db;
    QThread *m_owner = nullptr; // the thread that opened the connection, the only one to use it
    QString m_sessionUser;
    QString m_schema; // quoted; empty on SQLite
    // Node-based, so a query handed out stays where it is while others are added.
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    int m_depth = 0; // nesting of writeTransaction()
    // afterCommit() and onRollback() work, with the depth it was asked at: a released
    // savepoint hands it to the level around; a rollback drops the one and runs the other.
    std::vector<std::pair<int, std::function<void()>>> m_afterCommit;
    std::vector<std::pair<int, std::function<void()>>> m_onRollback;
};

} // namespace ot
