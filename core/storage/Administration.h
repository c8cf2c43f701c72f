#pragma once

#include "DatabaseUrl.h"
#include "es/Result.h"

namespace ot::admin {

enum class Role { Staff, Auditor };

// The database roles every login is made a member of. Staff may read and append (INSERT into
// events, upsert the read model); auditors may only read. No role may UPDATE or DELETE events.
QString roleName(Role role);

// Creates or migrates the schema; on PostgreSQL also the two roles and their grants. Needs the
// database owner's (or a superuser's) login.
Result<void> initialize(const DatabaseUrl &ownerUrl);

// Creates a PostgreSQL login in `role`; an empty password makes a login without one (for peer
// or certificate authentication).
Result<void> addUser(const DatabaseUrl &ownerUrl, const QString &name, Role role,
                     const QString &password);

} // namespace ot::admin
