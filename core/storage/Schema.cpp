#include "Schema.h"

namespace ot::schema {

QStringList sqliteMigration(int version) {
    switch (version) {
    case 1:
        return {
            QStringLiteral("CREATE TABLE ordertrail_meta ("
                           " key TEXT PRIMARY KEY,"
                           " value TEXT NOT NULL)"),
            // position: AUTOINCREMENT so a position is never reused, even after a rollback.
            QStringLiteral("CREATE TABLE events ("
                           " position INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " id TEXT NOT NULL UNIQUE,"
                           " aggregate_type TEXT NOT NULL,"
                           " aggregate_id TEXT NOT NULL,"
                           " version INTEGER NOT NULL CHECK (version > 0),"
                           " type TEXT NOT NULL,"
                           " schema_version INTEGER NOT NULL CHECK (schema_version > 0),"
                           " data TEXT NOT NULL,"
                           " user_id TEXT NOT NULL,"
                           " correlation_id TEXT NOT NULL,"
                           " causation_id TEXT NOT NULL,"
                           " recorded_at INTEGER NOT NULL,"
                           " hash TEXT NOT NULL,"
                           " UNIQUE (aggregate_type, aggregate_id, version))"),
            QStringLiteral("CREATE INDEX events_by_user ON events (user_id, position)"),
            QStringLiteral("CREATE INDEX events_by_type ON events (type, position)"),
            QStringLiteral("CREATE INDEX events_by_time ON events (recorded_at)"),
            QStringLiteral("CREATE INDEX events_by_correlation ON events (correlation_id)"),
            QStringLiteral("CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
                           "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"),
            QStringLiteral("CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
                           "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"),
            QStringLiteral("CREATE TABLE order_summaries ("
                           " order_id TEXT PRIMARY KEY,"
                           " customer_id TEXT NOT NULL,"
                           " status TEXT NOT NULL,"
                           " item_count INTEGER NOT NULL,"
                           " total_cents INTEGER NOT NULL,"
                           " version INTEGER NOT NULL,"
                           " created_at INTEGER NOT NULL,"
                           " updated_at INTEGER NOT NULL,"
                           " last_user TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX order_summaries_by_status ON order_summaries (status)"),
        };
    default:
        return {};
    }
}

} // namespace ot::schema
