#include "PostgresSchema.h"

#include <QStringBuilder>

namespace ot::postgres {

namespace {

// Schema 5: the write path the database enforces (ARCHITECTURE.md, Trust). No login but the
// schema owner may write a table; staff (and, to the access log alone, auditors) append through
// ordertrail_append, which runs as the owner. Every function fixes its search_path and names every
// object with its schema, so no object another login creates can stand in for one of them.
const QString AppendSignature =
    QStringLiteral("ordertrail_append(text, text, bigint, text, text, text, integer, text, text, "
                   "text, integer, text, jsonb, text, text, bigint)");

const QString KeysFunction = QStringLiteral("ordertrail_subject_keys(text[])");
const QString NewKeyFunction = QStringLiteral("ordertrail_new_subject_key(text, text)");
const QString ForgetFunction = QStringLiteral("ordertrail_forget_subject(text)");
const QString MayAppendFunction = QStringLiteral("ordertrail_may_append(text)");

// The one way to append (schema 5): checks that this login may append to the stream's type
// (schema 8: staff and the owner to any, an auditor to the access log alone); holds the stream
// to the end of the transaction (the lock of EventStore::lockStream, so a writer retrying under
// it cannot be overtaken); checks that the event continues the stream's head (and the head's
// hash, when the caller names it) and that its id and data have the stored shapes; stamps the
// login, the server's clock and the hash computed from the fields it stores; writes the
// snapshot and the read model's row with the event and, with the last event of a command sent
// with a commandId, records the command (once: a second time is a conflict, which the retry
// answers from the record); returns the row as stored. (The events_stamp trigger then records
// the transaction and, for any insert, the login.) The schema is @S.
QString appendFunction() {
    return QStringLiteral(
        "CREATE OR REPLACE FUNCTION @S.ordertrail_append(p_aggregate_type text, p_aggregate_id "
        "text, "
        "p_version bigint, p_previous_hash text, p_id text, p_type text, p_schema_version "
        "integer, p_data text, p_correlation_id text, p_causation_id text, "
        "p_snapshot_version integer, p_snapshot_state text, p_read_model jsonb, "
        "p_command_id text, p_command_digest text, p_command_first bigint) RETURNS "
        "@S.events LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp "
        "AS $f$\n"
        "DECLARE\n"
        "  v_head bigint;\n"
        "  v_head_hash text;\n"
        "  v_user text := session_user;\n"
        "  v_now bigint;\n"
        "  v_digest text := '';\n"
        "  v_fields text[];\n"
        "  v_row @S.events;\n"
        "BEGIN\n"
        "  IF NOT @S.ordertrail_may_append(p_aggregate_type) THEN\n"
        "    RAISE EXCEPTION 'this login may not append to %', p_aggregate_type USING "
        "ERRCODE = '42501';\n"
        "  END IF;\n"
        "  PERFORM pg_advisory_xact_lock(hashtextextended(p_aggregate_type || '/' || "
        "p_aggregate_id, 0));\n"
        "  v_now := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint;\n"
        "  SELECT e.version, e.hash INTO v_head, v_head_hash FROM @S.events e WHERE "
        "e.aggregate_type = p_aggregate_type AND e.aggregate_id = p_aggregate_id ORDER BY "
        "e.version DESC LIMIT 1;\n"
        "  IF NOT FOUND THEN\n"
        "    v_head := 0;\n"
        "    v_head_hash := '';\n"
        "  END IF;\n"
        "  IF p_version IS DISTINCT FROM v_head + 1 OR p_previous_hash <> v_head_hash THEN\n"
        "    RAISE EXCEPTION '%/% is at version % (hash %), not %', p_aggregate_type, "
        "p_aggregate_id, v_head, v_head_hash, p_version - 1 USING ERRCODE = 'OT409';\n"
        "  END IF;\n"
        "  IF p_id IS NULL OR p_id !~ "
        "'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN\n"
        "    RAISE EXCEPTION 'an event id is a UUID in lower case' USING ERRCODE = "
        "'22023';\n"
        "  END IF;\n"
        "  IF json_typeof(p_data::json) IS DISTINCT FROM 'object' THEN\n"
        "    RAISE EXCEPTION 'event data is a JSON object' USING ERRCODE = '22023';\n"
        "  END IF;\n"
        "  IF p_snapshot_state IS NOT NULL THEN\n"
        "    IF p_snapshot_version IS NULL OR json_typeof(p_snapshot_state::json) IS DISTINCT "
        "FROM 'object' THEN\n"
        "      RAISE EXCEPTION 'a snapshot is a JSON object with its version' USING ERRCODE "
        "= '22023';\n"
        "    END IF;\n"
        "    v_digest := @S.ordertrail_hash(ARRAY[p_snapshot_version::text, "
        "p_snapshot_state]);\n"
        "  END IF;\n"
        "  v_fields := ARRAY[v_head_hash, p_id, p_aggregate_type, p_aggregate_id, "
        "p_version::text, p_type, p_schema_version::text, p_data, v_user, p_correlation_id, "
        "p_causation_id, v_now::text];\n"
        "  IF v_digest <> '' THEN\n"
        "    v_fields := v_fields || v_digest;\n"
        "  END IF;\n"
        "  INSERT INTO @S.events (id, aggregate_type, aggregate_id, version, type, "
        "schema_version, data, user_id, correlation_id, causation_id, recorded_at, hash, "
        "state_digest) VALUES (p_id, p_aggregate_type, p_aggregate_id, p_version, p_type, "
        "p_schema_version, p_data, v_user, p_correlation_id, p_causation_id, v_now, "
        "@S.ordertrail_hash(v_fields), v_digest) RETURNING * INTO v_row;\n"
        "  IF p_snapshot_state IS NOT NULL THEN\n"
        "    INSERT INTO @S.snapshots (aggregate_type, aggregate_id, version, "
        "snapshot_version, state, head_hash) VALUES (p_aggregate_type, p_aggregate_id, "
        "p_version, p_snapshot_version, p_snapshot_state, v_row.hash) ON CONFLICT "
        "(aggregate_type, aggregate_id) DO UPDATE SET version = excluded.version, "
        "snapshot_version = excluded.snapshot_version, state = excluded.state, head_hash = "
        "excluded.head_hash;\n"
        "  END IF;\n"
        "  IF p_read_model IS NOT NULL THEN\n"
        "    PERFORM @S.ordertrail_project(v_row, p_read_model);\n"
        "  END IF;\n"
        "  IF p_command_id IS NOT NULL THEN\n"
        "    IF p_command_id IS DISTINCT FROM p_causation_id OR p_command_digest IS NULL OR "
        "p_command_first IS NULL OR p_command_first NOT BETWEEN 1 AND p_version THEN\n"
        "      RAISE EXCEPTION 'a command is recorded with its last event, whose cause it is' "
        "USING ERRCODE = '22023';\n"
        "    END IF;\n"
        "    INSERT INTO @S.commands (command_id, digest, aggregate_type, aggregate_id, "
        "first_version, last_version) VALUES (p_command_id, p_command_digest, "
        "p_aggregate_type, p_aggregate_id, p_command_first, p_version) ON CONFLICT "
        "(command_id) DO NOTHING;\n"
        "    IF NOT FOUND THEN\n"
        "      RAISE EXCEPTION 'the command % was sent before', p_command_id USING ERRCODE = "
        "'OT409';\n"
        "    END IF;\n"
        "  END IF;\n"
        "  RETURN v_row;\n"
        "END $f$");
}

// Schema 8: who may append to which streams. An auditor records what it exported, reported,
// printed and verified in the access log (audit/AccessLog.h), and writes nothing else; staff and
// the schema's owner append to every stream. Run as the owner, so current_user names it.
QStringList mayAppend(const QString &schema) {
    QStringList statements{
        QStringLiteral("CREATE FUNCTION @S.ordertrail_may_append(p_aggregate_type text) RETURNS "
                       "boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = "
                       "pg_catalog, pg_temp AS $f$ SELECT p_aggregate_type = 'AccessLog' OR "
                       "pg_has_role(session_user, 'ordertrail_staff', 'USAGE') OR "
                       "pg_has_role(session_user, current_user, 'USAGE') $f$"),
        appendFunction()};
    for (QString &statement : statements)
        statement.replace(QStringLiteral("@S"), schema);
    return statements;
}

// Schema 9: every insert counted in event_counts, by the hour, type and user the row was stamped
// with (after events_stamp), in this backend's slot.
QStringList countFunction(const QString &schema) {
    QStringList statements{
        QStringLiteral("CREATE FUNCTION @S.ordertrail_events_count() RETURNS trigger LANGUAGE "
                       "plpgsql SET search_path = pg_catalog, pg_temp AS $f$BEGIN INSERT INTO "
                       "@S.event_counts AS c (hour_start, type, user_id, slot, n) VALUES "
                       "(NEW.recorded_at / 3600000 * 3600000, NEW.type, NEW.user_id, "
                       "pg_backend_pid(), 1) ON CONFLICT (hour_start, type, user_id, slot) DO "
                       "UPDATE SET n = c.n + 1; RETURN NULL; END $f$"),
        QStringLiteral("CREATE TRIGGER events_count AFTER INSERT ON @S.events FOR EACH ROW "
                       "EXECUTE FUNCTION @S.ordertrail_events_count()")};
    for (QString &statement : statements)
        statement.replace(QStringLiteral("@S"), schema);
    return statements;
}

QStringList serverSideAppend(const QString &schema) {
    QStringList statements{
        // SHA-256 over the fields as netstrings of their UTF-8 bytes, hex (es/EventHash.cpp);
        // the database is UTF8 (admin init checks), so octet_length counts those bytes. Written
        // in PL/pgSQL: an SQL function called from PL/pgSQL is planned anew in every
        // transaction, which halved the commands per second.
        QStringLiteral("CREATE FUNCTION @S.ordertrail_hash(p_fields text[]) RETURNS text "
                       "LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp "
                       "AS $f$\n"
                       "DECLARE\n"
                       "  v_text text := '';\n"
                       "  v_field text;\n"
                       "BEGIN\n"
                       "  FOREACH v_field IN ARRAY p_fields LOOP\n"
                       "    v_text := v_text || octet_length(v_field) || ':' || v_field || ',';\n"
                       "  END LOOP;\n"
                       "  RETURN encode(sha256(convert_to(v_text, 'UTF8')), 'hex');\n"
                       "END $f$"),
        // The global order's key is the writing transaction's id plus an offset. A restore into
        // another cluster keeps the rows' ids while the cluster counts on from its own, lower,
        // one: admin init then moves the offset past the restored rows (Administration.cpp),
        // so new rows follow them and a checkpoint's boundary keeps its meaning.
        QStringLiteral("INSERT INTO @S.ordertrail_meta (key, value) VALUES ('tx_offset', '0')"),
        QStringLiteral("CREATE OR REPLACE FUNCTION @S.ordertrail_events_stamp() RETURNS trigger "
                       "LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $f$\n"
                       "BEGIN\n"
                       "  NEW.user_id := session_user;\n"
                       "  NEW.tx_id := (pg_current_xact_id()::text::numeric + (SELECT "
                       "m.value::numeric FROM @S.ordertrail_meta m WHERE m.key = "
                       "'tx_offset'))::text::xid8;\n"
                       "  RETURN NEW;\n"
                       "END $f$"),
        // Every transaction below it has ended: no row can still appear below it.
        QStringLiteral("CREATE FUNCTION @S.ordertrail_horizon() RETURNS xid8 LANGUAGE sql STABLE "
                       "SET search_path = pg_catalog, pg_temp AS $f$SELECT "
                       "(pg_snapshot_xmin(pg_current_snapshot())::text::numeric + m.value::numeric)"
                       "::text::xid8 FROM @S.ordertrail_meta m WHERE m.key = 'tx_offset'$f$"),
        QStringLiteral("ALTER FUNCTION @S.ordertrail_events_append_only() SET search_path = "
                       "pg_catalog, pg_temp"),
        QStringLiteral("ALTER FUNCTION @S.ordertrail_events_notify() SET search_path = "
                       "pg_catalog, pg_temp"),
        // The read model's row for the state after an appended event: the columns the domain
        // derives from the state come from the caller; the stream columns from the event.
        QStringLiteral(
            "CREATE FUNCTION @S.ordertrail_project(p_event @S.events, p_read_model jsonb) RETURNS "
            "void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $f$\n"
            "DECLARE\n"
            "  v_row jsonb := p_read_model -> 'row';\n"
            "  v_created bigint;\n"
            "BEGIN\n"
            "  SELECT e.recorded_at INTO v_created FROM @S.events e WHERE e.aggregate_type = "
            "p_event.aggregate_type AND e.aggregate_id = p_event.aggregate_id AND e.version = 1;\n"
            "  IF p_event.aggregate_type = 'Order' AND p_read_model ->> 'table' = "
            "'order_summaries' THEN\n"
            "    INSERT INTO @S.order_summaries (order_id, customer_id, status, item_count, "
            "total_cents, version, created_at, updated_at, last_user) VALUES "
            "(p_event.aggregate_id, v_row ->> 'customer_id', v_row ->> 'status', (v_row ->> "
            "'item_count')::bigint, (v_row ->> 'total_cents')::bigint, p_event.version, "
            "v_created, p_event.recorded_at, p_event.user_id) ON CONFLICT (order_id) DO UPDATE "
            "SET customer_id = excluded.customer_id, status = excluded.status, item_count = "
            "excluded.item_count, total_cents = excluded.total_cents, version = "
            "excluded.version, created_at = excluded.created_at, updated_at = "
            "excluded.updated_at, last_user = excluded.last_user;\n"
            "  ELSE\n"
            "    RAISE EXCEPTION 'there is no read model % of % streams', p_read_model ->> "
            "'table', p_event.aggregate_type USING ERRCODE = '22023';\n"
            "  END IF;\n"
            "END $f$"),
        appendFunction(),
    };
    for (QString &statement : statements)
        statement.replace(QStringLiteral("@S"), schema);
    return statements;
}

// The function that writes the read models' rows (schema 1, replaced by schemas 6 and 7): the
// order summaries' `orderColumns`, taken from the caller's row by `orderValues`.
QString projectFunction(const char *orderColumns, const char *orderValues) {
    const auto upsert = [](const char *table, const char *key, const char *columns,
                           const char *values) {
        QStringList set;
        for (const QString &column : QString::fromLatin1(columns).split(QStringLiteral(", ")))
            set << column % QStringLiteral(" = excluded.") % column;
        return QStringLiteral("    INSERT INTO @S.%1 (%2, %3, version, created_at, updated_at, "
                              "last_user) VALUES (p_event.aggregate_id, %4, p_event.version, "
                              "v_created, p_event.recorded_at, p_event.user_id) ON CONFLICT (%2) "
                              "DO UPDATE SET %5, version = excluded.version, created_at = "
                              "excluded.created_at, updated_at = excluded.updated_at, last_user = "
                              "excluded.last_user;\n")
            .arg(QLatin1String(table), QLatin1String(key), QLatin1String(columns),
                 QLatin1String(values), set.join(QStringLiteral(", ")));
    };
    return QStringLiteral(
               "CREATE OR REPLACE FUNCTION @S.ordertrail_project(p_event @S.events, p_read_model "
               "jsonb) RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS "
               "$f$\n"
               "DECLARE\n"
               "  v_row jsonb := p_read_model -> 'row';\n"
               "  v_table text := p_read_model ->> 'table';\n"
               "  v_created bigint;\n"
               "BEGIN\n"
               "  SELECT e.recorded_at INTO v_created FROM @S.events e WHERE e.aggregate_type = "
               "p_event.aggregate_type AND e.aggregate_id = p_event.aggregate_id AND e.version = "
               "1;\n"
               "  IF p_event.aggregate_type = 'Order' AND v_table = 'order_summaries' THEN\n") %
           upsert("order_summaries", "order_id", orderColumns, orderValues) %
           QStringLiteral("  ELSIF p_event.aggregate_type = 'Customer' AND v_table = "
                          "'customers' THEN\n") %
           upsert("customers", "customer_id", "name, email, city, country, status, search_text",
                  "v_row ->> 'name', v_row ->> 'email', v_row ->> 'city', v_row ->> 'country', "
                  "v_row ->> 'status', v_row ->> 'search_text'") %
           QStringLiteral("  ELSIF p_event.aggregate_type = 'Product' AND v_table = 'products' "
                          "THEN\n") %
           upsert("products", "product_id", "name, unit_price_cents, tax_rate, status, search_text",
                  "v_row ->> 'name', (v_row ->> 'unit_price_cents')::bigint, v_row ->> "
                  "'tax_rate', v_row ->> 'status', v_row ->> 'search_text'") %
           QStringLiteral("  ELSE\n"
                          "    RAISE EXCEPTION 'there is no read model % of % streams', v_table, "
                          "p_event.aggregate_type USING ERRCODE = '22023';\n"
                          "  END IF;\n"
                          "END $f$");
}

// Schema 6: the read models of customers and products, and the keys of personal data. Keys are
// in a table no login but the owner may read; staff make keys, and destroy one only together
// with the event that forgets its subject, through these functions, and auditors read them.
QStringList keysAndReadModels(const QString &schema) {
    QStringList statements{
        projectFunction("customer_id, status, item_count, total_cents",
                        "v_row ->> 'customer_id', v_row ->> 'status', (v_row ->> "
                        "'item_count')::bigint, (v_row ->> 'total_cents')::bigint"),
        QStringLiteral("CREATE FUNCTION @S.ordertrail_subject_keys(p_subjects text[]) RETURNS "
                       "TABLE (subject text, key text) LANGUAGE sql STABLE SECURITY DEFINER SET "
                       "search_path = pg_catalog, pg_temp AS $f$SELECT k.subject, k.key FROM "
                       "@S.subject_keys k WHERE k.subject = ANY (p_subjects)$f$"),
        // A subject forgotten once never gets a key again.
        QStringLiteral(
            "CREATE FUNCTION @S.ordertrail_new_subject_key(p_subject text, p_key text) RETURNS "
            "text LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS "
            "$f$\n"
            "BEGIN\n"
            "  IF p_key IS NULL OR p_key !~ '^[0-9a-f]{64}$' THEN\n"
            "    RAISE EXCEPTION 'a key is 32 bytes in lower-case hex' USING ERRCODE = '22023';\n"
            "  END IF;\n"
            "  IF EXISTS (SELECT 1 FROM @S.events e WHERE e.aggregate_type = 'Customer' AND "
            "e.aggregate_id = p_subject AND e.type = 'CustomerForgotten') THEN\n"
            "    RETURN NULL;\n"
            "  END IF;\n"
            "  INSERT INTO @S.subject_keys (subject, key) VALUES (p_subject, p_key) ON CONFLICT "
            "(subject) DO NOTHING;\n"
            "  RETURN (SELECT k.key FROM @S.subject_keys k WHERE k.subject = p_subject);\n"
            "END $f$"),
        QStringLiteral(
            "CREATE FUNCTION @S.ordertrail_forget_subject(p_subject text) RETURNS void LANGUAGE "
            "plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$\n"
            "BEGIN\n"
            "  IF NOT EXISTS (SELECT 1 FROM @S.events e WHERE e.aggregate_type = 'Customer' AND "
            "e.aggregate_id = p_subject AND e.type = 'CustomerForgotten') THEN\n"
            "    RAISE EXCEPTION 'the key of % goes only with an event that forgets it', "
            "p_subject USING ERRCODE = '42501';\n"
            "  END IF;\n"
            "  DELETE FROM @S.subject_keys WHERE subject = p_subject;\n"
            "END $f$"),
    };
    for (QString &statement : statements)
        statement.replace(QStringLiteral("@S"), schema);
    return statements;
}

} // namespace

QStringList migrationExtras(int version, const QString &schema) {
    if (version == 1) {
        return {
            // user_id and tx_id are the server's: a default, and a trigger a client cannot
            // skip.
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
                           "FOR EACH STATEMENT EXECUTE FUNCTION ordertrail_events_notify()")};
    }
    if (version == 4)
        // A trigram index of the event data for free-text filters.
        return {QStringLiteral("CREATE EXTENSION IF NOT EXISTS pg_trgm"),
                QStringLiteral("CREATE INDEX events_by_text ON events USING gin (data "
                               "gin_trgm_ops)")};
    if (version == 5)
        return serverSideAppend(schema);
    if (version == 6)
        return keysAndReadModels(schema);
    if (version == 8)
        return mayAppend(schema);
    if (version == 9)
        return countFunction(schema);
    if (version == 10)
        // pg_trgm takes trigrams of words alone, so a phrase with a short word ("Product 0")
        // gave only trigrams that nearly every event holds ("  0" of any "0"): the index
        // handed over every event with a product line, each read and tested. Without spaces
        // the phrase is one word whose trigrams are rare ("ct0").
        return {QStringLiteral("DROP INDEX events_by_text"),
                QStringLiteral("CREATE INDEX events_by_text ON events USING gin "
                               "(pg_catalog.replace(data, ' ', '') gin_trgm_ops)")};
    if (version == 7)
        return {
            projectFunction("customer_id, status, item_count, total_cents, net_cents, tax_cents, "
                            "currency",
                            "v_row ->> 'customer_id', v_row ->> 'status', (v_row ->> "
                            "'item_count')::bigint, (v_row ->> 'total_cents')::bigint, (v_row ->> "
                            "'net_cents')::bigint, (v_row ->> 'tax_cents')::bigint, v_row ->> "
                            "'currency'")
                .replace(QStringLiteral("@S"), schema)};
    return {};
}

// Functions may be run by anyone unless revoked. Set by every admin init, since a restore
// without the dump's privileges (pg_restore --no-acl) comes back with the defaults.
QStringList functionPrivileges(const QString &schema, const QString &staff,
                               const QString &auditor) {
    QStringList statements;
    for (const QString &function :
         {QStringLiteral("ordertrail_hash(text[])"), QStringLiteral("ordertrail_events_stamp()"),
          QStringLiteral("ordertrail_events_append_only()"),
          QStringLiteral("ordertrail_events_notify()"),
          QStringLiteral("ordertrail_project(@S.events, jsonb)"),
          QStringLiteral("ordertrail_horizon()"), AppendSignature, KeysFunction, NewKeyFunction,
          ForgetFunction, MayAppendFunction, QStringLiteral("ordertrail_events_count()")})
        statements << QStringLiteral("REVOKE ALL ON FUNCTION @S.") % function %
                          QStringLiteral(" FROM PUBLIC");
    // Both roles may call the append function, which itself decides who appends where.
    statements << QStringLiteral("GRANT EXECUTE ON FUNCTION @S.") % AppendSignature %
                      QStringLiteral(", @S.") % MayAppendFunction % QStringLiteral(" TO ") % staff %
                      QStringLiteral(", ") % auditor
               << QStringLiteral("GRANT EXECUTE ON FUNCTION @S.ordertrail_horizon(), @S.") %
                      KeysFunction % QStringLiteral(" TO ") % staff % QStringLiteral(", ") % auditor
               << QStringLiteral("GRANT EXECUTE ON FUNCTION @S.") % NewKeyFunction %
                      QStringLiteral(", @S.") % ForgetFunction % QStringLiteral(" TO ") % staff;
    for (QString &statement : statements)
        statement.replace(QStringLiteral("@S"), schema);
    return statements;
}

} // namespace ot::postgres
