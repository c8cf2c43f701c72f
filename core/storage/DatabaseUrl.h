#pragma once

#include "es/Result.h"

#include <QString>

namespace ot {

// `sqlite:PATH` (also `sqlite:///abs/path`), or
// `postgresql://[user[:password]@]host[:port]/database[?TIMEOUT=VALUE&...]` (also
// `postgres://`). A PostgreSQL password may instead come from PGPASSWORD or ~/.pgpass, as libpq
// finds it. The timeouts are PostgreSQL's own settings, set on every session OrderTrail opens.
struct DatabaseUrl {
    enum class Backend { Sqlite, Postgres };

    Backend backend = Backend::Sqlite;
    QString path; // SQLite: absolute file path
    QString host; // PostgreSQL
    int port = 5432;
    QString user;
    QString password;
    QString database;
    // PostgreSQL: how long a statement may run, wait for a lock, or a transaction stay idle, in
    // PostgreSQL's units ("500ms", "10s", "2min"; "0" turns one off); empty takes the default.
    struct Timeouts {
        QString statement;
        QString lock;
        QString idleInTransaction;
    } timeouts;
    static const Timeouts DefaultTimeouts;

    static Result<DatabaseUrl> parse(const QString &text);
    static DatabaseUrl sqlite(const QString &path);
    // The default: $ORDERTRAIL_DB if set, else the SQLite file in the user's data folder.
    static Result<DatabaseUrl> fromEnvironment();
    static QString defaultSqlitePath();
    // Creates the folder of defaultSqlitePath(), and every folder missing above it, for their
    // owner alone (PrivateFiles.h): the default database is made there.
    static Result<void> createDefaultFolder();

    // For display the password is left out; a URL handed to another process may include it.
    enum class Password { Hidden, Included };
    QString toString(Password shown = Password::Hidden) const;
};

// How a database is opened.
enum class OpenMode {
    ExistingOnly,    // a missing SQLite file is an error; nothing is created
    CreateIfMissing, // a missing SQLite file is created with the current schema
    Initialize,      // also creates or migrates a PostgreSQL schema (an administrator's job)
};

} // namespace ot
