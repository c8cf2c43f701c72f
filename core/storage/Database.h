#pragma once

#include "DatabaseUrl.h"
#include "es/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>

class QSqlError;

namespace ot {

enum class OpenMode {
    CreateIfMissing, // a new file is created with the current schema
    ExistingOnly,    // a missing file is an error; nothing is created
};

// One connection to the event store's database, owned by one thread. Opening it checks that
// the file is an OrderTrail database, creates or migrates the schema, and sets the
// durability pragmas; nothing is written to a file that fails those checks.
class Database final {
public:
    static Result<std::unique_ptr<Database>> open(const DatabaseUrl &url, OpenMode mode);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    static constexpr int SchemaVersion = 1;

    const DatabaseUrl &url() const { return m_url; }
    QSqlDatabase connection() const { return m_db; }

    // A query prepared on this connection; a failure is a storage error naming `what`.
    Result<QSqlQuery> prepare(const QString &sql, const QString &what) const;
    Result<void> exec(QSqlQuery &query, const QString &what) const;

    // Runs `work` inside a write transaction that takes the write lock up front, so that
    // concurrent writers queue on the busy timeout instead of failing mid-transaction.
    // Commits when `work` succeeds, rolls back otherwise.
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

    // Maps a driver error to the error model: busy, read-only, full disk, not a database...
    Error storageError(const QSqlError &error, const QString &what) const;
    // The UNIQUE (aggregate_type, aggregate_id, version) key refused an insert.
    static bool isVersionConflict(const QSqlError &error);

private:
    Database(DatabaseUrl url, QString connectionName);
    Result<void> begin();
    Result<void> commit();
    void rollback();
    Result<void> prepareSchema();
    Result<void> runStatements(const QStringList &statements, const QString &what);

    DatabaseUrl m_url;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace ot
