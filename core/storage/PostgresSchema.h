#pragma once

#include <QStringList>

// PostgreSQL's own part of the schema: the server-side write path, its functions and triggers,
// and their privileges (ARCHITECTURE.md, Trust). Every statement names objects in `schema`.
namespace ot::postgres {

// What schema `version` adds on PostgreSQL after the tables both backends share
// (Dialect::migrationExtras).
QStringList migrationExtras(int version, const QString &schema);
// Who may run the schema's functions (Dialect::functionPrivileges).
QStringList functionPrivileges(const QString &schema, const QString &staff, const QString &auditor);

} // namespace ot::postgres
