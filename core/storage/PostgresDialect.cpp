#include "Dialect.h"

#include <QSqlDatabase>
#include <QSqlError>

namespace ot {

namespace {

constexpr int ConnectTimeoutS = 5;

class PostgresDialect final : public Dialect {
public:
    QString driverName() const override { return QStringLiteral("QPSQL"); }
    QString driverPackage() const override { return QStringLiteral("libqt6sql6-psql"); }

    void configure(QSqlDatabase &db, const DatabaseUrl &url) const override {
        db.setHostName(url.host);
        db.setPort(url.port);
        db.setDatabaseName(url.database);
        if (!url.user.isEmpty())
            db.setUserName(url.user);
        // Without a password in the URL, libpq looks in PGPASSWORD and ~/.pgpass itself.
        if (!url.password.isEmpty())
            db.setPassword(url.password);
        db.setConnectOptions(
            QStringLiteral("connect_timeout=%1;application_name=ordertrail").arg(ConnectTimeoutS));
    }

    QStringList sessionSetup() const override { return {}; }

    QString inspectSql() const override {
        return QStringLiteral("SELECT count(*), count(*) FILTER (WHERE c.relname = "
                              "'ordertrail_meta') FROM pg_class c JOIN pg_namespace n ON n.oid = "
                              "c.relnamespace WHERE n.nspname = current_schema() AND c.relkind "
                              "IN ('r', 'p')");
    }

    bool migratesOnOpen() const override { return false; }
    QStringList prepareEmpty() const override { return {}; }

    QStringList migration(int version) const override {
        if (version == 4) {
            // Schema 4: a trigram index of the event data for free-text filters.
            return {QStringLiteral("CREATE EXTENSION IF NOT EXISTS pg_trgm"),
                    QStringLiteral("CREATE INDEX events_by_text ON events USING gin (data "
                                   "gin_trgm_ops)")};
        }
        if (version == 3) {
            // Schema 3: one snapshot per stream (CommandHandler::SnapshotEvery).
            return {QStringLiteral("CREATE TABLE snapshots ("
                                   " aggregate_type text NOT NULL,"
                                   " aggregate_id text NOT NULL,"
                                   " version bigint NOT NULL,"
                                   " snapshot_version integer NOT NULL,"
                                   " state text NOT NULL,"
                                   " head_hash text NOT NULL,"
                                   " PRIMARY KEY (aggregate_type, aggregate_id))")};
        }
        if (version == 2) {
            return {
                // Schema 2: (column, order_id) indexes for the desk's orders list where they pay:
                // the default sort (last change), the status filter, and the customer, which
                // never changes. Items, total and last user change with nearly every command, so
                // an index on them would cost every command; sorting 100,000 rows by them without
                // one takes about 15 ms a page.
                QStringLiteral("DROP INDEX order_summaries_by_status"),
                QStringLiteral("CREATE INDEX order_summaries_by_status ON order_summaries "
                               "(status, order_id)"),
                QStringLiteral("CREATE INDEX order_summaries_by_customer ON order_summaries "
                               "(customer_id, order_id)"),
                QStringLiteral("CREATE INDEX order_summaries_by_change ON order_summaries "
                               "(updated_at, order_id)"),
            };
        }
        if (version != 1)
            return {};
        return {
            QStringLiteral(
                "CREATE TABLE ordertrail_meta (key text PRIMARY KEY, value text NOT NULL)"),
            // user_id and tx_id are the server's: a default, and a trigger a client cannot skip.
            QStringLiteral("CREATE TABLE events ("
                           " position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                           " id text NOT NULL UNIQUE,"
                           " aggregate_type text NOT NULL,"
                           " aggregate_id text NOT NULL,"
                           " version bigint NOT NULL CHECK (version > 0),"
                           " type text NOT NULL,"
                           " schema_version integer NOT NULL CHECK (schema_version > 0),"
                           " data text NOT NULL,"
                           " user_id text NOT NULL DEFAULT session_user,"
                           " correlation_id text NOT NULL,"
                           " causation_id text NOT NULL,"
                           " recorded_at bigint NOT NULL,"
                           " hash text NOT NULL,"
                           " tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),"
                           " CONSTRAINT events_stream_version"
                           " UNIQUE (aggregate_type, aggregate_id, version))"),
            QStringLiteral("CREATE INDEX events_by_user ON events (user_id, position)"),
            QStringLiteral("CREATE INDEX events_by_type ON events (type, position)"),
            QStringLiteral("CREATE INDEX events_by_time ON events (recorded_at)"),
            QStringLiteral("CREATE INDEX events_by_correlation ON events (correlation_id)"),
            QStringLiteral("CREATE INDEX events_by_commit ON events (tx_id, position)"),
            QStringLiteral("CREATE FUNCTION ordertrail_events_append_only() RETURNS trigger "
                           "LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'events are "
                           "append-only'; END$$"),
            QStringLiteral("CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events "
                           "FOR EACH ROW EXECUTE FUNCTION ordertrail_events_append_only()"),
            QStringLiteral("CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events "
                           "FOR EACH STATEMENT EXECUTE FUNCTION ordertrail_events_append_only()"),
            QStringLiteral("CREATE FUNCTION ordertrail_events_stamp() RETURNS trigger "
                           "LANGUAGE plpgsql AS $$BEGIN NEW.user_id := session_user; "
                           "NEW.tx_id := pg_current_xact_id(); RETURN NEW; END$$"),
            QStringLiteral("CREATE TRIGGER events_stamp BEFORE INSERT ON events "
                           "FOR EACH ROW EXECUTE FUNCTION ordertrail_events_stamp()"),
            // Identical notifications of one transaction are folded into one, sent at commit.
            QStringLiteral("CREATE FUNCTION ordertrail_events_notify() RETURNS trigger "
                           "LANGUAGE plpgsql AS $$BEGIN PERFORM pg_notify('ordertrail_events', "
                           "''); RETURN NULL; END$$"),
            QStringLiteral("CREATE TRIGGER events_notify AFTER INSERT ON events "
                           "FOR EACH STATEMENT EXECUTE FUNCTION ordertrail_events_notify()"),
            QStringLiteral("CREATE TABLE order_summaries ("
                           " order_id text PRIMARY KEY,"
                           " customer_id text NOT NULL,"
                           " status text NOT NULL,"
                           " item_count bigint NOT NULL,"
                           " total_cents bigint NOT NULL,"
                           " version bigint NOT NULL,"
                           " created_at bigint NOT NULL,"
                           " updated_at bigint NOT NULL,"
                           " last_user text NOT NULL)"),
            QStringLiteral("CREATE INDEX order_summaries_by_status ON order_summaries (status)"),
        };
    }

    QString beginWrite() const override { return QStringLiteral("BEGIN"); }

    // Concurrent writers take positions in one order and commit in another, so a follower of
    // positions alone could pass over a position whose transaction is still running. Every
    // transaction below the snapshot's xmin has ended, so nothing can still appear before a
    // (tx, position) key read from there on.
    bool positionsFollowCommitOrder() const override { return false; }
    QString commitKeyColumn() const override { return QStringLiteral("tx_id::text"); }
    QString committedAfterCondition() const override {
        return QStringLiteral("(tx_id, position) > (?::text::xid8, ?) AND tx_id < "
                              "pg_snapshot_xmin(pg_current_snapshot())");
    }
    QString asBytes(const QString &column) const override {
        return column;
    } // the driver converts once, to QString; toByteArray() takes it back
    QString commitOrder() const override { return QStringLiteral("tx_id, position"); }
    QString commitFrontierSql() const override {
        return QStringLiteral("SELECT tx_id::text, position FROM events WHERE tx_id < "
                              "pg_snapshot_xmin(pg_current_snapshot()) ORDER BY tx_id DESC, "
                              "position DESC LIMIT 1");
    }

    // Every transaction below the snapshot's xmin has ended: the rows they wrote are final.
    QString checkpointBoundarySql() const override {
        return QStringLiteral("SELECT pg_snapshot_xmin(pg_current_snapshot())::text");
    }
    QString belowBoundarySql() const override { return QStringLiteral("tx_id < ?::text::xid8"); }

    // ILIKE, served by the pg_trgm GIN index for three characters or more.
    // The GIN index is kept by the server with every insert.
    bool prepareTextSearch(Database &) const override { return true; }
    std::pair<QString, QString> textMatch(const QString &text, bool) const override {
        return {QStringLiteral("data ILIKE ? ESCAPE '\\'"), substringPattern(text)};
    }

    // BEGIN, INSERT, upsert, COMMIT were four round trips; one statement is one, and commits
    // by itself (measured with pgbench on loopback: 1.8x the commands per second).
    bool appendsInOneStatement() const override { return true; }

    bool isVersionConflict(const QSqlError &error) const override {
        return error.nativeErrorCode() == QLatin1String("23505") &&
               error.databaseText().contains(QLatin1String("events_stream_version"));
    }

    QString reason(const QSqlError &error) const override {
        const QString code = error.nativeErrorCode();
        QString text = error.databaseText().trimmed();
        if (text.isEmpty())
            text = error.driverText().trimmed();
        text = text.section(u'\n', 0, 0).trimmed();
        if (code == QLatin1String("42501"))
            return QStringLiteral("permission denied (%1): this login's role does not allow it")
                .arg(text);
        if (code == QLatin1String("53100"))
            return QStringLiteral("the database server's disk is full");
        if (code.startsWith(QLatin1String("08")) || code == QLatin1String("57P01"))
            return QStringLiteral("the connection to the database server was lost: %1").arg(text);
        return text.isEmpty() ? QStringLiteral("unknown database error") : text;
    }

    bool serverAssignsUser() const override { return true; }
};

} // namespace

std::unique_ptr<Dialect> makePostgresDialect() {
    return std::make_unique<PostgresDialect>();
}

} // namespace ot
