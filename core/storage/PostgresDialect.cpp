#include "Database.h"
#include "Dialect.h"
#include "PostgresSchema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>

#include <algorithm>
#include <optional>

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

    // No session waits for ever on a lock or a statement, or holds a transaction open idle
    // (every follower of the global order waits for the oldest open transaction). The values
    // were checked by DatabaseUrl::parse.
    QStringList sessionSetup(const DatabaseUrl &url) const override {
        const auto pick = [](const QString &value, const QString &fallback) {
            return value.isEmpty() ? fallback : value;
        };
        const DatabaseUrl::Timeouts &defaults = DatabaseUrl::DefaultTimeouts;
        return {
            QStringLiteral("SET statement_timeout = '%1'")
                .arg(pick(url.timeouts.statement, defaults.statement)),
            QStringLiteral("SET lock_timeout = '%1'").arg(pick(url.timeouts.lock, defaults.lock)),
            QStringLiteral("SET idle_in_transaction_session_timeout = '%1'")
                .arg(pick(url.timeouts.idleInTransaction, defaults.idleInTransaction))};
    }

    QString inspectSql() const override {
        return QStringLiteral("SELECT count(*), count(*) FILTER (WHERE c.relname = "
                              "'ordertrail_meta') FROM pg_class c JOIN pg_namespace n ON n.oid = "
                              "c.relnamespace WHERE n.nspname = current_schema() AND c.relkind "
                              "IN ('r', 'p')");
    }

    bool migratesOnOpen() const override { return false; }
    QStringList prepareEmpty() const override { return {}; }

    QString schemaWord(SchemaWord word) const override {
        switch (word) {
        case SchemaWord::Integer:
            return QStringLiteral("bigint");
        case SchemaWord::SmallInteger:
            return QStringLiteral("integer");
        case SchemaWord::Position:
            return QStringLiteral("bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
        case SchemaWord::UserDefault:
            return QStringLiteral(" DEFAULT session_user");
        case SchemaWord::EventsExtra:
            // The transaction that wrote a row: the key followers of the global order read by.
            return QStringLiteral(" tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),");
        }
        return {};
    }

    QStringList migrationExtras(int version, const QString &schema) const override {
        return postgres::migrationExtras(version, schema);
    }

    bool isFile() const override { return false; }
    QStringList functionPrivileges(const QString &schema, const QString &staff,
                                   const QString &auditor) const override {
        return postgres::functionPrivileges(schema, staff, auditor);
    }
    QString sessionSql() const override {
        return QStringLiteral("SELECT session_user, pg_catalog.quote_ident("
                              "pg_catalog.current_schema())");
    }

    QString beginWrite() const override { return QStringLiteral("BEGIN"); }
    bool preparesTransactionControl() const override { return false; }
    // ordertrail_append's keys, in their order (a volatile select list runs after the sort).
    QString streamLockSql() const override {
        return QStringLiteral(
            "SELECT count(*) FROM (SELECT pg_catalog.pg_advisory_xact_lock(k) FROM (SELECT "
            "DISTINCT pg_catalog.hashtextextended(s, 0) AS k FROM "
            "pg_catalog.jsonb_array_elements_text(?::jsonb) AS s) AS keys ORDER BY k) AS locked");
    }
    // Under READ COMMITTED a stream created after the rebuild cleared the read model has no
    // row to lock, so a writer could commit a newer row that the rebuild then overwrites with
    // the older state it read. Appends insert events first, so holding inserts off is enough.
    QString holdWritersSql() const override {
        return QStringLiteral("LOCK TABLE events IN SHARE MODE");
    }

    // Concurrent writers take positions in one order and commit in another, so a follower of
    // positions alone could pass over a position whose transaction is still running. Every
    // transaction below the snapshot's xmin has ended, so nothing can still appear before a
    // (tx, position) key read from there on.
    bool positionsFollowCommitOrder() const override { return false; }
    QString commitKeyColumn() const override { return QStringLiteral("tx_id::text"); }
    QString committedAfterCondition() const override {
        return QStringLiteral("(tx_id, position) > (?::text::xid8, ?) AND tx_id < "
                              "ordertrail_horizon()");
    }
    QString asBytes(const QString &column) const override {
        return column;
    } // the driver converts once, to QString; toByteArray() takes it back
    QString commitOrder() const override { return QStringLiteral("tx_id, position"); }
    QString commitFrontierSql() const override {
        return QStringLiteral("SELECT tx_id::text, position FROM events WHERE tx_id < "
                              "ordertrail_horizon() ORDER BY tx_id DESC, position DESC LIMIT 1");
    }

    // Every transaction below the snapshot's xmin has ended: the rows they wrote are final.
    QString checkpointBoundarySql() const override {
        return QStringLiteral("SELECT ordertrail_horizon()::text");
    }
    QString belowBoundarySql() const override { return QStringLiteral("tx_id < ?::text::xid8"); }

    // ILIKE, found through the pg_trgm GIN index of the data without spaces (kept with every
    // insert) from three characters. Taking the spaces out of both sides keeps every match (a
    // substring stays one), so that condition only narrows what `data ILIKE` then decides.
    // GIN steps the posting lists of all the pattern's trigrams together: at 10M events the
    // scan for "product0" took 143–274 ms, where `ct0` alone took 3.5 ms for the same rows. So
    // where the planner's statistics know a trigram of the text as rare, it alone narrows.
    TextMatch textMatch(const QString &text, Database &db) const override {
        const QString spaceless = QString(text).remove(u' ');
        return {{},
                {},
                QStringLiteral("pg_catalog.replace(data, ' ', '') ILIKE ? ESCAPE '\\' AND data "
                               "ILIKE ? ESCAPE '\\'"),
                {substringPattern(rareTrigram(spaceless, db).value_or(spaceless)),
                 substringPattern(text)}};
    }
    QString inSubquery(const QString &column, const QString &subquery) const override {
        return column % QStringLiteral(" = ANY (ARRAY(") % subquery % QStringLiteral("))");
    }

    QString subjectKeysSql(const QString &schema) const override {
        return QStringLiteral("SELECT subject, key FROM ") % schema %
               QStringLiteral(".ordertrail_subject_keys(ARRAY(SELECT "
                              "pg_catalog.jsonb_array_elements_text(?::jsonb)))");
    }
    QString newSubjectKeySql(const QString &schema) const override {
        return QStringLiteral("SELECT ") % schema %
               QStringLiteral(".ordertrail_new_subject_key(?::text, ?::text)");
    }
    QString forgetSubjectSql(const QString &schema) const override {
        return QStringLiteral("SELECT ") % schema %
               QStringLiteral(".ordertrail_forget_subject(?::text)");
    }
    // An old row version stays in the table's file until VACUUM (README, Erasure).
    QString afterForgetting() const override { return {}; }

    // The append function refuses an append that does not continue the stream head (OT409);
    // two that both passed that check meet at the stream key.
    bool isVersionConflict(const QSqlError &error) const override {
        return error.nativeErrorCode() == QLatin1String("OT409") ||
               (error.nativeErrorCode() == QLatin1String("23505") &&
                error.databaseText().contains(QLatin1String("events_stream_version")));
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
        if (code == QLatin1String("55P03"))
            return QStringLiteral("another session held a lock for longer than lock_timeout "
                                  "allows; nothing was written, try again");
        if (code == QLatin1String("57014"))
            return QStringLiteral("the statement was cancelled (it ran longer than "
                                  "statement_timeout allows, or an administrator cancelled it); "
                                  "nothing was written");
        if (code == QLatin1String("25P03"))
            return QStringLiteral("a transaction stayed idle longer than "
                                  "idle_in_transaction_session_timeout allows; the server closed "
                                  "the connection");
        if (code == QLatin1String("40P01"))
            return QStringLiteral("two writers each waited for an order the other held; this one "
                                  "gave way and wrote nothing, try again");
        if (code == QLatin1String("53100"))
            return QStringLiteral("the database server's disk is full");
        // Qt closes a connection the server dropped, and then fails without a word.
        if (code.startsWith(QLatin1String("08")) || code == QLatin1String("57P01") ||
            (code.isEmpty() && text.isEmpty()))
            return QStringLiteral("the connection to the database server was lost%1: a change "
                                  "sent just then may or may not have been written; sent again "
                                  "with the same commandId it is applied at most once")
                .arg(text.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(text));
        return text;
    }

    bool serverStampsEvents() const override { return true; }

    // Sent by the events_notify trigger; lower case, since Qt quotes it.
    QString changeChannel() const override { return QStringLiteral("ordertrail_events"); }
    QString changeCounterSql() const override { return {}; }

private:
    // The events the planner expects `SELECT 1 FROM events` with `where` to give; none if it
    // cannot say. EXPLAIN cannot be prepared, so `where` holds no values.
    static std::optional<qint64> plannedRows(const QString &where, Database &db) {
        auto plan =
            db.unpreparedValue(QStringLiteral("EXPLAIN (FORMAT JSON) SELECT 1 FROM events") % where,
                               QStringLiteral("cannot plan a text search"));
        if (!plan)
            return std::nullopt;
        const QJsonValue rows =
            QJsonDocument::fromJson(plan->toString().toUtf8()).array().at(0)[u"Plan"][u"Plan Rows"];
        return rows.isDouble() ? std::optional<qint64>(qint64(rows.toDouble())) : std::nullopt;
    }

    // Of the text's trigrams of letters and digits (pg_trgm's words; the first 32), the one
    // the planner expects in the fewest events, if in fewer than one in sixteen. None when the
    // statistics see every one as common (or are not gathered yet): the whole text then
    // narrows. Letters and digits alone need no quoting in the EXPLAIN's text.
    static std::optional<QString> rareTrigram(const QString &spaceless, Database &db) {
        constexpr qsizetype MaxProbes = 32;
        // ASCII's only: another letter's lower case can be ASCII (the Kelvin sign's is k),
        // which the data's own letter might not match.
        const auto letterOrDigit = [](QChar c) {
            return c.unicode() < 128 && c.isLetterOrNumber();
        };
        QStringList trigrams;
        for (qsizetype i = 0; i + 3 <= spaceless.size() && trigrams.size() < MaxProbes; ++i) {
            const QString original = spaceless.mid(i, 3);
            const QString trigram = original.toLower();
            if (std::all_of(original.begin(), original.end(), letterOrDigit) &&
                !trigrams.contains(trigram))
                trigrams << trigram;
        }
        if (trigrams.isEmpty())
            return std::nullopt;
        const std::optional<qint64> events = plannedRows({}, db);
        if (!events)
            return std::nullopt;
        std::optional<QString> rarest;
        qint64 fewest = *events / 16;
        for (const QString &trigram : trigrams) {
            const std::optional<qint64> rows =
                plannedRows(QStringLiteral(" WHERE pg_catalog.replace(data, ' ', '') ILIKE '%") %
                                trigram % QStringLiteral("%'"),
                            db);
            if (!rows)
                return std::nullopt;
            if (*rows < fewest) {
                fewest = *rows;
                rarest = trigram;
            }
        }
        return rarest;
    }
};

} // namespace

std::unique_ptr<Dialect> makePostgresDialect() {
    return std::make_unique<PostgresDialect>();
}

} // namespace ot
