#pragma once

#include "es/Result.h"
#include "storage/DatabaseUrl.h"

namespace ot {
class Database;
}

namespace ot::admin {

enum class Role { Staff, Auditor };

// The database roles every login is made a member of. Both may read every table and write
// none; staff may append through the schema owner's function (appendFunction), which writes
// the event, its snapshot and the read model's row.
QString roleName(Role role);

// The append function's signature, schema-qualified, as GRANT and has_function_privilege name it.
QString appendFunction(const Database &db);

// The schema version this OrderTrail creates and reads.
int schemaVersion();

// Creates or migrates the schema; on PostgreSQL also the two roles and their grants. Needs the
// database owner's (or a superuser's) login.
Result<void> initialize(const DatabaseUrl &ownerUrl);

// Creates a PostgreSQL login in `role`; an empty password makes a login without one (for peer
// or certificate authentication).
Result<void> addUser(const DatabaseUrl &ownerUrl, const QString &name, Role role,
                     const QString &password);

} // namespace ot::admin
