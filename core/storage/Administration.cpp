#include "Administration.h"

#include "Database.h"
#include "es/Command.h"

#include <QSqlError>

namespace ot::admin {

namespace {

const QString Tables = QStringLiteral("ordertrail_meta, events, order_summaries, snapshots");

Result<std::unique_ptr<Database>> openPostgres(const DatabaseUrl &url) {
    if (url.backend != DatabaseUrl::Backend::Postgres)
        return Error::invalid(QStringLiteral("logins and roles exist only on PostgreSQL"));
    return Database::open(url, OpenMode::Initialize);
}

// Runs DDL whose names come from the user: the server quotes them (format %I / %L).
Result<void> execFormatted(Database &db, const QString &format, const QStringList &arguments,
                           const QString &what) {
    QString placeholders;
    for (qsizetype i = 0; i < arguments.size(); ++i)
        placeholders += QStringLiteral(", ?::text");
    auto query = db.prepare(QStringLiteral("SELECT format(?::text") % placeholders % u')', what);
    if (!query)
        return query.error();
    query->addBindValue(format);
    for (const QString &argument : arguments)
        query->addBindValue(argument);
    if (auto ok = db.exec(*query, what); !ok)
        return ok;
    if (!query->next())
        return db.storageError(query->lastError(), what);
    return db.execAll({query->value(0).toString()}, what);
}

} // namespace

QString roleName(Role role) {
    return role == Role::Staff ? QStringLiteral("ordertrail_staff")
                               : QStringLiteral("ordertrail_auditor");
}

Result<void> initialize(const DatabaseUrl &ownerUrl) {
    auto db = Database::open(ownerUrl, OpenMode::Initialize);
    if (!db)
        return db.error();
    if (ownerUrl.backend != DatabaseUrl::Backend::Postgres)
        return {};
    Database &d = *db.value();
    const QString what = QStringLiteral("cannot set up the roles");
    const QString staff = roleName(Role::Staff);
    const QString auditor = roleName(Role::Auditor);
    return d.writeTransaction([&]() -> Result<void> {
        for (const QString &role : {staff, auditor}) {
            if (auto ok = execFormatted(d,
                                        QStringLiteral("DO $$BEGIN IF NOT EXISTS (SELECT FROM "
                                                       "pg_roles WHERE rolname = %L) THEN CREATE "
                                                       "ROLE %I NOLOGIN; END IF; END$$"),
                                        {role, role}, what);
                !ok)
                return ok;
        }
        auto schema = d.prepare(QStringLiteral("SELECT current_schema()"), what);
        if (!schema)
            return schema.error();
        if (auto ok = d.exec(*schema, what); !ok || !schema->next())
            return d.storageError(schema->lastError(), what);
        if (auto ok = execFormatted(d, QStringLiteral("GRANT USAGE ON SCHEMA %I TO %I, %I"),
                                    {schema->value(0).toString(), staff, auditor}, what);
            !ok)
            return ok;
        return d.execAll(
            {QStringLiteral("REVOKE ALL ON ") % Tables % QStringLiteral(" FROM PUBLIC"),
             QStringLiteral("GRANT SELECT ON ") % Tables % QStringLiteral(" TO ") % staff %
                 QStringLiteral(", ") % auditor,
             QStringLiteral("GRANT INSERT ON events TO ") % staff,
             QStringLiteral("GRANT INSERT, UPDATE ON order_summaries, snapshots TO ") % staff},
            what);
    });
}

Result<void> addUser(const DatabaseUrl &ownerUrl, const QString &name, Role role,
                     const QString &password) {
    auto checked = checkIdentifier(name, QStringLiteral("the user name"));
    if (!checked)
        return checked.error();
    if (name.toUtf8().size() > 63)
        return Error::invalid(QStringLiteral("the user name is longer than PostgreSQL allows "
                                             "(63 bytes)"));
    auto db = openPostgres(ownerUrl);
    if (!db)
        return db.error();
    const QString what = QStringLiteral("cannot create the login %1").arg(name);
    if (password.isEmpty())
        return execFormatted(*db.value(), QStringLiteral("CREATE ROLE %I LOGIN IN ROLE %I"),
                             {name, roleName(role)}, what);
    return execFormatted(*db.value(), QStringLiteral("CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I"),
                         {name, password, roleName(role)}, what);
}

} // namespace ot::admin
