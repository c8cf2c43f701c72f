#pragma once

#include "DatabaseUrl.h"
#include "es/Result.h"

#include <QStringList>
#include <QVariantList>

#include <memory>
#include <utility>

class QSqlDatabase;
class QSqlError;

namespace ot {

class Database;

// Everything that differs between SQLite and PostgreSQL, in one place: connection set-up,
// schema, transaction start, error meaning, and who stamps the user on an event.
class Dialect {
public:
    virtual ~Dialect() = default;
    static std::unique_ptr<Dialect> forBackend(DatabaseUrl::Backend backend);

    virtual QString driverName() const = 0;    // "QSQLITE", "QPSQL"
    virtual QString driverPackage() const = 0; // the Debian package that ships the driver
    virtual void configure(QSqlDatabase &db, const DatabaseUrl &url) const = 0;
    virtual QStringList sessionSetup(const DatabaseUrl &url) const = 0;

    // One row: (number of tables in the schema, number named ordertrail_meta).
    virtual QString inspectSql() const = 0;
    // SQLite files are created and migrated by whoever opens them; a PostgreSQL schema only by
    // an administrator (`ordertrail-cli admin init`).
    virtual bool migratesOnOpen() const = 0;
    virtual QStringList prepareEmpty() const = 0; // before the first migration
    // The words of the schema (storage/Schema.cpp) that differ between backends.
    enum class SchemaWord {
        Integer,      // 64 bits
        SmallInteger, // 32 bits
        Position,     // the events' position column: never reused, not even after a rollback
        UserDefault,  // after user_id's type: who stamps the user where the server does
        EventsExtra,  // columns only this backend's events table has, each followed by a comma
    };
    virtual QString schemaWord(SchemaWord word) const = 0;
    // The statements of a migration only this backend has (triggers, text indexes, functions);
    // `schema` is the quoted name of the schema the tables are in (PostgreSQL: functions name
    // everything with it, so no search path can redirect them).
    virtual QStringList migrationExtras(int version, const QString &schema) const = 0;
    // Who may run which of the schema's functions (PostgreSQL: only staff append; followers of
    // the global order read its horizon), for the two roles' quoted names; empty where there are
    // no roles.
    virtual QStringList functionPrivileges(const QString &schema, const QString &staff,
                                           const QString &auditor) const = 0;
    // A database in a file beside the program (SQLite), created and checked before it opens.
    virtual bool isFile() const = 0;
    // One row (the login, the quoted schema the tables are in), where the server has logins;
    // empty otherwise.
    virtual QString sessionSql() const = 0;

    virtual QString beginWrite() const = 0;
    // Whether BEGIN, COMMIT and savepoints can be prepared once and kept (SQLite): every
    // command of a group takes a savepoint. PostgreSQL cannot prepare them.
    virtual bool preparesTransactionControl() const = 0;
    // Takes the locks of streams (a JSON array of their "TYPE/ID" bound) to the end of the
    // transaction, always in one order; empty where a write transaction holds the whole
    // database anyway.
    virtual QString streamLockSql() const = 0;
    // Run first by a transaction that must see no write while it rebuilds the read models from
    // the events; empty where a write transaction already excludes other writers.
    virtual QString holdWritersSql() const = 0;
    // The rows appended by a command become visible to followers of the global order only
    // when every transaction that may hold a lower position has finished (ARCHITECTURE.md,
    // Global order). The condition takes the cursor's transaction and position, bound in that
    // order, or its position alone where positions follow commit order.
    virtual bool positionsFollowCommitOrder() const = 0;
    virtual QString commitKeyColumn() const = 0;         // the transaction part, as text
    virtual QString committedAfterCondition() const = 0; // placeholders as described above
    virtual QString commitOrder() const = 0;
    // One row (transaction, position): the newest event a follower could have read now; no row
    // when there is none.
    virtual QString commitFrontierSql() const = 0;

    // Checkpoints: a boundary (a number, as text) below which the set of committed events can
    // no longer change, and a condition with one placeholder for it that selects those events.
    virtual QString checkpointBoundarySql() const = 0;
    virtual QString belowBoundarySql() const = 0;

    // How to find the events whose data holds `text`, ignoring the case of ASCII letters. An
    // event matches when its position is one of `hits` (if any) and it passes `condition` (if
    // any). `hits`, when an index can give them, is a SELECT of candidate positions as `hit`,
    // which a page walks in position order and leaves at the page's end (a condition with `IN`
    // would collect every candidate first: a common word in ten million events). Each is one
    // SQL fragment with a placeholder for each of its values. May read `db`: SQLite brings its
    // lazily kept index up to date first, and asks it which part of the text is rarest.
    struct TextMatch {
        QString hits;
        QVariantList hitValues;
        QString condition;
        QVariantList values;
    };
    virtual TextMatch textMatch(const QString &text, Database &db) const = 0;
    // A condition that `column` holds one of the values of `subquery` (a SELECT of one column)
    // that an index on `column` serves even inside an OR: there PostgreSQL would test `IN
    // (SELECT ...)` on every row, so it gets the values as an array, computed once.
    virtual QString inSubquery(const QString &column, const QString &subquery) const = 0;

    // A text column selected so that it arrives as its UTF-8 bytes (a QByteArray): Qt's SQLite
    // driver would have SQLite convert every text value to UTF-16, a third of reading an event,
    // and most of them are hashed, copied or parsed as UTF-8 again.
    virtual QString asBytes(const QString &column) const = 0;

    // The server stamps every event (PostgreSQL): appends go through the schema owner's
    // function (ordertrail_append), which checks the stream head, records the login, the
    // server's time and transaction, and hashes the event on the server; one call per event,
    // one round trip. Otherwise (SQLite) this process stamps, hashes and inserts the rows
    // itself, in one write transaction, and the command's userId is recorded.
    virtual bool serverStampsEvents() const = 0;

    // How a connection learns that another one committed: a channel the server notifies
    // (PostgreSQL), or, where that is empty, a query of one value that changes when another
    // connection commits, to poll (SQLite).
    virtual QString changeChannel() const = 0;
    virtual QString changeCounterSql() const = 0;

    // The keys of personal data (es/Sealed.h), each with `schema` (Database::schema()) where
    // there is one: (subject, key) rows of the subjects in a JSON array bound to the one
    // placeholder; one row, the key of subject ? made from the key ? if it had none (NULL where
    // the subject was forgotten); destroying the key of subject ?, and what makes sure no copy
    // of it survives once that is committed (nothing to run: empty).
    virtual QString subjectKeysSql(const QString &schema) const = 0;
    virtual QString newSubjectKeySql(const QString &schema) const = 0;
    virtual QString forgetSubjectSql(const QString &schema) const = 0;
    virtual QString afterForgetting() const = 0;

    virtual bool isVersionConflict(const QSqlError &error) const = 0;
    virtual QString reason(const QSqlError &error) const = 0; // one plain line
};

// `%text%` for LIKE with ESCAPE '\\': the text's own %, _ and \\ match only themselves.
QString substringPattern(const QString &text);

std::unique_ptr<Dialect> makeSqliteDialect();
std::unique_ptr<Dialect> makePostgresDialect();

} // namespace ot
