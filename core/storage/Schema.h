#pragma once

#include <QStringList>

namespace ot {

class Dialect;

// The statements that take a database from schema `version - 1` to `version`: written once
// here, with the words that differ (types, the position column, who stamps the user) and the
// statements only one backend has (triggers, text indexes, functions) from the dialect.
// `schema` is the quoted name of the PostgreSQL schema the tables are in (empty on SQLite).
QStringList migration(const Dialect &dialect, int version, const QString &schema);

} // namespace ot
