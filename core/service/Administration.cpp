#include "Administration.h"

#include "OrderService.h"
#include "es/Command.h"
#include "storage/Database.h"
#include "storage/Dialect.h"

#include <QSqlError>

namespace ot::admin {

namespace {

const QString Tables = QStringLiteral(
    "ordertrail_meta, events, order_summaries, snapshots, commands, customers, products, "
    "event_counts");

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
    QVariantList values{format};
    for (const QString &argument : arguments)
        values << argument;
    auto statement = db.value(
        QStringLiteral("SELECT pg_catalog.format(?::text") % placeholders % u')', values, what);
    if (!statement)
        return statement.error();
    return db.execute({statement->toString()}, what);
}

} // namespace

int schemaVersion() {
    return Database::SchemaVersion;
}

QString roleName(Role role) {
    return role == Role::Staff ? QStringLiteral("ordertrail_staff")
                               : QStringLiteral("ordertrail_auditor");
}

Result<void> initialize(const DatabaseUrl &ownerUrl) {
    // A migration may build an index over every event, which takes longer than any command.
    DatabaseUrl url = ownerUrl;
    if (url.timeouts.statement.isEmpty())
        url.timeouts.statement = QStringLiteral("0");
    auto db = Database::open(url, OpenMode::Initialize);
    if (!db)
        return db.error();
    Database &d = *db.value();
    if (d.sessionUser().isEmpty()) // no logins, no roles (SQLite)
        return {};
    const QString what = QStringLiteral("cannot set up the roles");
    // The server hashes each event's fields as UTF-8 (ordertrail_netstring), as verify does.
    auto encoding = d.value(QStringLiteral("SELECT pg_catalog.pg_encoding_to_char(encoding) "
                                           "FROM pg_catalog.pg_database WHERE datname = "
                                           "pg_catalog.current_database()"),
                            {}, what);
    if (!encoding)
        return encoding.error();
    if (encoding->toString() != QLatin1String("UTF8"))
        return Error::storage(QStringLiteral("the database's encoding is %1; OrderTrail needs "
                                             "UTF8 (CREATE DATABASE ... ENCODING 'UTF8')")
                                  .arg(encoding->toString()));
    const QString staff = roleName(Role::Staff);
    const QString auditor = roleName(Role::Auditor);
    auto configured = d.writeTransaction([&]() -> Result<void> {
        for (const QString &role : {staff, auditor}) {
            if (auto ok = execFormatted(d,
                                        QStringLiteral("DO $$BEGIN IF NOT EXISTS (SELECT FROM "
                                                       "pg_roles WHERE rolname = %L) THEN CREATE "
                                                       "ROLE %I NOLOGIN; END IF; END$$"),
                                        {role, role}, what);
                !ok)
                return ok;
        }
        auto schema = d.value(QStringLiteral("SELECT pg_catalog.current_schema()"), {}, what);
        if (!schema)
            return schema.error();
        // Nobody but the owner creates objects where OrderTrail's are (a login could otherwise
        // put a function there that one of ours, or the owner, would call by mistake).
        const QString name = schema->toString();
        if (auto ok = execFormatted(d, QStringLiteral("REVOKE CREATE ON SCHEMA %I FROM PUBLIC"),
                                    {name}, what);
            !ok)
            return ok;
        if (auto ok = execFormatted(d, QStringLiteral("GRANT USAGE ON SCHEMA %I TO %I, %I"),
                                    {name, staff, auditor}, what);
            !ok)
            return ok;
        // Every table is read-only to both roles; staff append through the owner's function
        // (schema 5), which is the only write path. Revoking first takes back what an older
        // schema granted.
        //
        // Rows restored from another cluster carry that cluster's transaction ids, which this
        // one may not have reached yet: the offset the events_stamp trigger adds moves new rows
        // 2^48 past the newest restored one, far beyond any boundary a checkpoint taken there
        // can name, so they follow the restored rows in the global order.
        QStringList statements{
            QStringLiteral("REVOKE ALL ON ") % Tables % QStringLiteral(" FROM PUBLIC, ") % staff %
                QStringLiteral(", ") % auditor,
            QStringLiteral("GRANT SELECT ON ") % Tables % QStringLiteral(" TO ") % staff %
                QStringLiteral(", ") % auditor,
            // The keys of personal data: only the owner's functions reach them.
            QStringLiteral("REVOKE ALL ON subject_keys FROM PUBLIC, ") % staff %
                QStringLiteral(", ") % auditor,
            QStringLiteral("LOCK TABLE events IN SHARE MODE"),
            QStringLiteral("UPDATE ordertrail_meta m SET value = (r.newest + 281474976710656 - "
                           "pg_current_xact_id()::text::numeric)::text FROM (SELECT "
                           "max(tx_id)::text::numeric AS newest FROM events) r WHERE m.key = "
                           "'tx_offset' AND r.newest >= pg_current_xact_id()::text::numeric + "
                           "m.value::numeric")};
        statements += d.dialect().functionPrivileges(d.schema(), staff, auditor);
        return d.execute(statements, what);
    });
    if (!configured)
        return configured;
    // The read models a migration asked to compute again, which only the owner may write.
    db.value().reset();
    auto service = OrderService::open(url, OpenMode::ExistingOnly);
    if (!service)
        return service.error();
    return {};
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
