#pragma once

#include "es/Result.h"
#include "storage/DatabaseUrl.h"

namespace ot::admin {

// A consistent copy of the database at `url` into the new private file `file`, while others
// go on reading and writing: SQLite's VACUUM INTO; PostgreSQL's pg_dump in its custom format.
// Keeps every event, hash and checkpoint boundary.
Result<void> backup(const DatabaseUrl &url, const QString &file);

// Restores a backup: SQLite into a file that does not exist yet; PostgreSQL into an empty
// database, with the login that will own the schema, in one transaction. Then runs
// initialize(), which sets the roles and grants and moves the global order past the restored
// events (ARCHITECTURE.md, Global order).
Result<void> restore(const DatabaseUrl &ownerUrl, const QString &file);

} // namespace ot::admin
