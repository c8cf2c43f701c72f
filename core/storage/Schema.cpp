#include "Schema.h"

#include "Dialect.h"

namespace ot {

namespace {

QStringList common(int version) {
    switch (version) {
    case 1:
        return {
            QStringLiteral(
                "CREATE TABLE ordertrail_meta (key text PRIMARY KEY, value text NOT NULL)"),
            // The position never goes back, not even after a rollback (AUTOINCREMENT, an
            // identity); user_id and, on PostgreSQL, tx_id are the server's where it has them.
            QStringLiteral("CREATE TABLE events ("
                           " position {position},"
                           " id text NOT NULL UNIQUE,"
                           " aggregate_type text NOT NULL,"
                           " aggregate_id text NOT NULL,"
                           " version {integer} NOT NULL CHECK (version > 0),"
                           " type text NOT NULL,"
                           " schema_version {small} NOT NULL CHECK (schema_version > 0),"
                           " data text NOT NULL,"
                           " user_id text NOT NULL{user default},"
                           " correlation_id text NOT NULL,"
                           " causation_id text NOT NULL,"
                           " recorded_at {integer} NOT NULL,"
                           " hash text NOT NULL,{events extra}"
                           " CONSTRAINT events_stream_version"
                           " UNIQUE (aggregate_type, aggregate_id, version))"),
            QStringLiteral("CREATE INDEX events_by_user ON events (user_id, position)"),
            QStringLiteral("CREATE INDEX events_by_type ON events (type, position)"),
            QStringLiteral("CREATE INDEX events_by_time ON events (recorded_at)"),
            QStringLiteral("CREATE INDEX events_by_correlation ON events (correlation_id)"),
            QStringLiteral("CREATE TABLE order_summaries ("
                           " order_id text PRIMARY KEY,"
                           " customer_id text NOT NULL,"
                           " status text NOT NULL,"
                           " item_count {integer} NOT NULL,"
                           " total_cents {integer} NOT NULL,"
                           " version {integer} NOT NULL,"
                           " created_at {integer} NOT NULL,"
                           " updated_at {integer} NOT NULL,"
                           " last_user text NOT NULL)"),
            QStringLiteral("CREATE INDEX order_summaries_by_status ON order_summaries (status)"),
        };
    case 2:
        // (column, order_id) indexes for the desk's orders list where they pay: the default sort
        // (last change), the status filter, and the customer, which never changes. Items, total
        // and last user change with nearly every command, so an index on them would cost every
        // command; sorting 100,000 rows by them without one takes about 15 ms a page.
        return {
            QStringLiteral("DROP INDEX order_summaries_by_status"),
            QStringLiteral("CREATE INDEX order_summaries_by_status ON order_summaries "
                           "(status, order_id)"),
            QStringLiteral("CREATE INDEX order_summaries_by_customer ON order_summaries "
                           "(customer_id, order_id)"),
            QStringLiteral("CREATE INDEX order_summaries_by_change ON order_summaries "
                           "(updated_at, order_id)"),
        };
    case 3:
        // One snapshot per stream (CommandHandler::SnapshotEvery).
        return {QStringLiteral("CREATE TABLE snapshots ("
                               " aggregate_type text NOT NULL,"
                               " aggregate_id text NOT NULL,"
                               " version {integer} NOT NULL,"
                               " snapshot_version {small} NOT NULL,"
                               " state text NOT NULL,"
                               " head_hash text NOT NULL,"
                               " PRIMARY KEY (aggregate_type, aggregate_id))")};
    case 4:
        return {}; // the text index of event data: each backend has its own
    case 5:
        // The state digest that binds a snapshot to the chain. Snapshots saved before are bound
        // to nothing and would never be used again: they go. And the commands sent with a
        // commandId, each once, with the versions it appended (the events' causation id is the
        // command id), so that one sent again is answered rather than applied again.
        return {
            QStringLiteral("ALTER TABLE events ADD COLUMN state_digest text NOT NULL DEFAULT ''"),
            QStringLiteral("DELETE FROM snapshots"),
            QStringLiteral("CREATE TABLE commands ("
                           " command_id text PRIMARY KEY,"
                           " digest text NOT NULL,"
                           " aggregate_type text NOT NULL,"
                           " aggregate_id text NOT NULL,"
                           " first_version {integer} NOT NULL,"
                           " last_version {integer} NOT NULL)")};
    case 6:
        // Customers and the product catalogue: their read models (a customer's row holds the
        // personal data a search needs, in the clear, and is blanked when the customer is
        // forgotten; search_text is what a search matches, in lower case as Qt folds it, the
        // same on both backends), and the keys personal data is sealed with (es/Sealed.h), one per
        // subject, which forgetting destroys.
        return {QStringLiteral("CREATE TABLE customers ("
                               " customer_id text PRIMARY KEY,"
                               " name text NOT NULL,"
                               " email text NOT NULL,"
                               " city text NOT NULL,"
                               " country text NOT NULL,"
                               " status text NOT NULL,"
                               " search_text text NOT NULL,"
                               " version {integer} NOT NULL,"
                               " created_at {integer} NOT NULL,"
                               " updated_at {integer} NOT NULL,"
                               " last_user text NOT NULL)"),
                QStringLiteral("CREATE TABLE products ("
                               " product_id text PRIMARY KEY,"
                               " name text NOT NULL,"
                               " unit_price_cents {integer} NOT NULL,"
                               " tax_rate text NOT NULL,"
                               " status text NOT NULL,"
                               " search_text text NOT NULL,"
                               " version {integer} NOT NULL,"
                               " created_at {integer} NOT NULL,"
                               " updated_at {integer} NOT NULL,"
                               " last_user text NOT NULL)"),
                QStringLiteral("CREATE TABLE subject_keys ("
                               " subject text PRIMARY KEY,"
                               " key text NOT NULL)")};
    case 7:
        // Orders have a currency, and the list shows each order's net, tax and gross (the
        // total). Orders stored before had none: they are in the default currency, which is
        // fixed here, since replaying them depends on it. The rows are computed from the events
        // after the upgrade (OrderService::open, rebuild_read_models).
        return {QStringLiteral("ALTER TABLE order_summaries ADD COLUMN net_cents {integer} NOT "
                               "NULL DEFAULT 0"),
                QStringLiteral("ALTER TABLE order_summaries ADD COLUMN tax_cents {integer} NOT "
                               "NULL DEFAULT 0"),
                QStringLiteral("ALTER TABLE order_summaries ADD COLUMN currency text NOT NULL "
                               "DEFAULT ''"),
                QStringLiteral("INSERT INTO ordertrail_meta (key, value) VALUES "
                               "('default_currency', 'EUR')"),
                QStringLiteral("INSERT INTO ordertrail_meta (key, value) SELECT "
                               "'rebuild_read_models', '7' WHERE EXISTS (SELECT 1 FROM events)")};
    case 9:
        // How many events each user recorded of each type in each UTC hour (its start, ms), so
        // that the audit's activity chart and match count cost the hours of a time range, not its
        // events. A trigger of each backend's own counts every insert (Dialect::migrationExtras);
        // slot spreads writers that commit at the same time over rows of their own, so that none
        // waits for another's row lock (PostgreSQL: the backend; SQLite has one writer: 0). Held
        // writers off while the events stored so far are counted, until the trigger is in place.
        return {QStringLiteral("CREATE TABLE event_counts ("
                               " hour_start {integer} NOT NULL,"
                               " type text NOT NULL,"
                               " user_id text NOT NULL,"
                               " slot {integer} NOT NULL,"
                               " n {integer} NOT NULL,"
                               " PRIMARY KEY (hour_start, type, user_id, slot))"),
                QStringLiteral("{hold writers}"),
                QStringLiteral("INSERT INTO event_counts (hour_start, type, user_id, slot, n) "
                               "SELECT recorded_at / 3600000 * 3600000, type, user_id, 0, "
                               "count(*) FROM events GROUP BY 1, 2, 3")};
    }
    return {};
}

} // namespace

QStringList migration(const Dialect &dialect, int version, const QString &schema) {
    QStringList statements = common(version);
    for (QString &sql : statements) {
        for (const auto &[token, word] :
             {std::pair{QStringLiteral("{position}"), Dialect::SchemaWord::Position},
              std::pair{QStringLiteral("{integer}"), Dialect::SchemaWord::Integer},
              std::pair{QStringLiteral("{small}"), Dialect::SchemaWord::SmallInteger},
              std::pair{QStringLiteral("{user default}"), Dialect::SchemaWord::UserDefault},
              std::pair{QStringLiteral("{events extra}"), Dialect::SchemaWord::EventsExtra}})
            sql.replace(token, dialect.schemaWord(word));
        sql.replace(QStringLiteral("{hold writers}"), dialect.holdWritersSql());
    }
    statements.removeAll(QString());
    return statements + dialect.migrationExtras(version, schema);
}

} // namespace ot
