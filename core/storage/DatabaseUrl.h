#pragma once

#include "es/Result.h"

#include <QString>

namespace ot {

// `sqlite:PATH` (also `sqlite:///abs/path`). PostgreSQL URLs come with the PostgreSQL backend.
struct DatabaseUrl {
    enum class Backend { Sqlite };

    Backend backend = Backend::Sqlite;
    QString path; // absolute, for SQLite

    static Result<DatabaseUrl> parse(const QString &text);
    static DatabaseUrl sqlite(const QString &path);
    // The default: $ORDERTRAIL_DB if set, else the SQLite file in the user's data folder.
    static Result<DatabaseUrl> fromEnvironment();
    static QString defaultSqlitePath();

    QString toString() const;
};

} // namespace ot
