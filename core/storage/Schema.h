#pragma once

#include <QStringList>

namespace ot::schema {

// The statements that take an SQLite database from `version - 1` to `version`. Each list runs
// in one transaction together with the update of the stored schema version.
QStringList sqliteMigration(int version);

} // namespace ot::schema
