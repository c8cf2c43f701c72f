#pragma once

#include "DatabaseUrl.h"
#include "Dialect.h"
#include "es/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>

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

    static constexpr int SchemaVersion = 5;

    const DatabaseUrl &url() const { return m_url; }
    const Dialect &dialect() const { return *m_dialect; }
    QSqlDatabase connection() const { return m_db; }
    // The login the server records on events (PostgreSQL); empty on SQLite.
    const QString &sessionUser() const { return m_sessionUser; }
    // `name` (a function of the schema) qualified with the schema the tables are in, where
    // there are schemas, so that no object of the same name earlier in a search path is called.
    QString qualified(const QString &name) const;

    // A query prepared on this connection; a failure is a storage error naming `what`. Its
    // `?` placeholders may be bound by position, or faster with bind().
    Result<QSqlQuery> prepare(const QString &sql, const QString &what) const;
    // Binds `values` to a prepared query's placeholders, in order.
    static void bind(QSqlQuery &query, const QVariantList &values);
    Result<void> exec(QSqlQuery &query, const QString &what) const;
    Result<void> execAll(const QStringList &statements, const QString &what) const;
    // A query prepared once per connection and kept, for the statements every command runs;
    // finish() it after reading.
    Result<QSqlQuery *> cached(const QString &sql, const QString &what);
    // The kept query of `sql` executed with `values`; read its rows, then finish() it.
    Result<QSqlQuery *> execCached(const QString &sql, const QVariantList &values,
                                   const QString &what);
    Result<void> run(const Write &write);

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
    // True inside writeTransaction(): what is written now may still be rolled back.
    bool inTransaction() const { return m_depth > 0; }

    Error storageError(const QSqlError &error, const QString &what) const;

private:
    Database(DatabaseUrl url, QString connectionName);
    Result<void> begin();
    Result<void> commit();
    void rollback();
    Result<void> prepareSchema(OpenMode mode);

    DatabaseUrl m_url;
    std::unique_ptr<Dialect> m_dialect;
    QString m_connectionName;
    QSqlDatabase m_db;
    QString m_sessionUser;
    QString m_schema; // quoted; empty on SQLite
    QHash<QString, QSqlQuery> m_cached;
    int m_depth = 0; // nesting of writeTransaction()
};

} // namespace ot
