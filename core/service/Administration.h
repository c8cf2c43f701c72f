#pragma once

#include "es/Result.h"
#include "storage/DatabaseUrl.h"

namespace ot {
class Database;
}

namespace ot::admin {

enum class Role { Staff, Auditor };

// The database roles every login is made a member of. Both may read every table and write
// none; they append through the schema owner's function, which writes the event, its snapshot
// and the read model's row: staff to every stream, auditors to the access log alone.
QString roleName(Role role);

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
