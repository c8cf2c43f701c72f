// The trust model, attacked: every change is attributed to the login that made it, and every
// lie is named by verify. Each test tries, as one of the people in the threat model of
// ARCHITECTURE.md (the SQLite file's owner; on PostgreSQL a staff login, an auditor login, the
// owner), what the documents say cannot pass unnoticed, and checks that the database refuses
// it or that verify names it with the login that did it. Also: an upgrade from the previous
// schema keeps every event and hash.

#include "CliProcess.h"
#include "TestSupport.h"
#include "audit/Checkpoint.h"
#include "es/EventHash.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSqlQuery>
#include <QThread>

using namespace ot;
using namespace ot::test;

namespace {

using Kind = IntegrityProblem::Kind;

QJsonObject item(const QString &product, qint64 quantity, const QString &price) {
    return {{QStringLiteral("productId"), product},
            {QStringLiteral("name"), QString(QStringLiteral("Thing ") + product)},
            {QStringLiteral("quantity"), quantity},
            {QStringLiteral("price"), price}};
}

bool names(const IntegrityReport &report, Kind kind, const QString &order, const QString &user) {
    for (const IntegrityProblem &p : report.problems) {
        if (p.kind == kind && p.aggregateId == order && p.userId == user)
            return true;
    }
    return false;
}

} // namespace

class TestTrust : public QObject {
    Q_OBJECT

private:
    TestBackend m_backend;
    SequentialIds m_ids;

    bool pg() const { return m_backend.isPostgres(); }

    std::unique_ptr<OrderService> open(const DatabaseUrl &url) {
        return openService(url, OpenMode::CreateIfMissing, {nullptr, &m_ids});
    }

    // A service whose commands are recorded under `user` (on PostgreSQL a staff login).
    std::unique_ptr<OrderService> openAs(const DatabaseUrl &url, const QString &user) {
        return open(pg() ? TestBackend::login(url, user, admin::Role::Staff) : url);
    }

    // An order made by commands: created, one item, cancelled (versions 1 to 3).
    void cancelledOrder(OrderService &service, const QString &id, const QString &user) {
        QVERIFY(service.execute(makeCommand(id, QStringLiteral("CreateOrder"),
                                            {{QStringLiteral("customerId"), QStringLiteral("C")}},
                                            user)));
        QVERIFY(service.execute(makeCommand(id, QStringLiteral("AddItem"),
                                            item(QStringLiteral("P1"), 2, QStringLiteral("4.50")),
                                            user)));
        QVERIFY(
            service.execute(makeCommand(id, QStringLiteral("CancelOrder"),
                                        {{QStringLiteral("reason"), QStringLiteral("no")}}, user)));
    }

    IntegrityReport verify(OrderService &service,
                           OrderService::Verify depth = OrderService::Verify::Deep,
                           const std::optional<Checkpoint> &checkpoint = std::nullopt) {
        auto report = service.verify(depth, {}, checkpoint);
        if (!report)
            qFatal("verify failed: %s", qPrintable(report.error().message));
        return report.value();
    }

    CliRun cli(const DatabaseUrl &url, const QByteArrayList &arguments) {
        return runCli(
            QByteArrayList{"--db", url.toString(DatabaseUrl::Password::Included).toUtf8()} +
            arguments);
    }

private slots:
    void initTestCase() {
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
    }

    // The owner of the SQLite file (or a PostgreSQL superuser) puts a snapshot of its choosing
    // in front of a cancelled order, with the real head hash: the loader does not use it, the
    // rules still refuse to ship, and verify names it.
    void forgedSnapshotIsNeverUsed() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = openAs(url, QStringLiteral("alice"));
        cancelledOrder(*service, QStringLiteral("X"), QStringLiteral("alice"));
        {
            RawConnection raw(url);
            QVERIFY(!raw.exec(QStringLiteral(
                                  "INSERT INTO snapshots (aggregate_type, aggregate_id, version, "
                                  "snapshot_version, state, head_hash) SELECT 'Order', 'X', 3, "
                                  "1, '{\"customerId\":\"C\",\"items\":[{\"name\":\"Thing P1\","
                                  "\"price\":\"4.50\",\"productId\":\"P1\",\"quantity\":2}],"
                                  "\"status\":\"confirmed\",\"total\":\"9.00\"}', hash FROM "
                                  "events WHERE aggregate_id = 'X' AND version = 3"))
                         .isValid());
        }
        auto fresh = openAs(url, QStringLiteral("alice"));
        auto order = fresh->order(QStringLiteral("X"));
        OT_REQUIRE(order);
        QCOMPARE(order.value()->status(), OrderStatus::Cancelled);
        auto shipped = fresh->execute(makeCommand(QStringLiteral("X"), QStringLiteral("ShipOrder"),
                                                  {}, QStringLiteral("alice")));
        QVERIFY(!shipped);
        QCOMPARE(shipped.error().code, ErrorCode::Rejected);

        // The CLI says so too, with exit 5; the fast check does not look at snapshots.
        const CliRun deep = cli(url, {"verify"});
        QCOMPARE(deep.exitCode, 5);
        const QJsonObject problem =
            deep.object().value(QStringLiteral("problems")).toArray().at(0).toObject();
        QCOMPARE(problem.value(QStringLiteral("problem")).toString(), QStringLiteral("snapshot"));
        QCOMPARE(problem.value(QStringLiteral("aggregateId")).toString(), QStringLiteral("X"));
        QCOMPARE(problem.value(QStringLiteral("version")).toInt(), 3);
        QCOMPARE(cli(url, {"verify", "--fast"}).exitCode, 0);
    }

    // A read-model row rewritten behind the application's back (file owner, superuser): the
    // desk would show it, verify names every column that lies.
    void rewrittenReadModelRowIsNamed() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = openAs(url, QStringLiteral("alice"));
        cancelledOrder(*service, QStringLiteral("X"), QStringLiteral("alice"));
        RawConnection raw(url);
        QVERIFY(!raw.exec(QStringLiteral("UPDATE order_summaries SET status = 'delivered', "
                                         "total_cents = 1 WHERE order_id = 'X'"))
                     .isValid());
        const IntegrityReport report = verify(*service);
        QCOMPARE(report.problems.size(), 1);
        const IntegrityProblem &p = report.problems.front();
        QCOMPARE(p.kind, Kind::ReadModel);
        QCOMPARE(p.aggregateId, QStringLiteral("X"));
        QVERIFY2(p.detail.contains(QStringLiteral("status is 'delivered', the events say "
                                                  "'cancelled'")),
                 qPrintable(p.detail));
        QVERIFY2(p.detail.contains(QStringLiteral("total_cents is 1, the events say 900")),
                 qPrintable(p.detail));
        QVERIFY(verify(*service, OrderService::Verify::Links).intact());
        // A row for an order that has no events at all is named too.
        QVERIFY(!raw.exec(QStringLiteral("INSERT INTO order_summaries SELECT 'GHOST', "
                                         "customer_id, status, item_count, total_cents, version, "
                                         "created_at, updated_at, 'mallory', net_cents, tax_cents, "
                                         "currency FROM order_summaries"))
                     .isValid());
        QVERIFY2(names(verify(*service), Kind::ReadModel, QStringLiteral("GHOST"),
                       QStringLiteral("mallory")),
                 qPrintable(describe(verify(*service)).join(u'\n')));
    }

    // A deep verify replays streams on several threads, a few thousand events each; what it
    // finds still comes in the order of the streams, each stream's problems in the order of its
    // events.
    void problemsOfManyStreamsComeInStreamOrder() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = openAs(url, QStringLiteral("alice"));
        const auto id = [](int i) { return QStringLiteral("O-%1").arg(i, 4, 10, QChar(u'0')); };
        constexpr int Orders = 1500; // 4,500 events: more than one replay task
        OT_REQUIRE(service->store().database().writeTransaction([&]() -> Result<void> {
            for (int i = 0; i < Orders; ++i)
                cancelledOrder(*service, id(i), QStringLiteral("alice"));
            return {};
        }));
        RawConnection raw(url);
        raw.allowTampering();
        for (const int i : {0, Orders - 1})
            QVERIFY(!raw.exec(QStringLiteral("UPDATE order_summaries SET item_count = 7 WHERE "
                                             "order_id = '%1'")
                                  .arg(id(i)))
                         .isValid());
        QVERIFY(!raw.exec(QStringLiteral("UPDATE events SET data = replace(data, '4.50', '0.50') "
                                         "WHERE aggregate_id = '%1' AND version = 2")
                              .arg(id(Orders / 2)))
                     .isValid());
        const IntegrityReport report = verify(*service);
        QCOMPARE(report.eventsChecked, 3 * Orders);
        QStringList streams;
        QList<Kind> kinds;
        for (const IntegrityProblem &p : report.problems) {
            if (streams.isEmpty() || streams.back() != p.aggregateId)
                streams << p.aggregateId;
            kinds << p.kind;
        }
        QCOMPARE(streams, (QStringList{id(0), id(Orders / 2), id(Orders - 1)}));
        // The altered event's hash first, then what its replay makes of it.
        QCOMPARE(kinds.front(), Kind::ReadModel);
        QCOMPARE(kinds.at(1), Kind::Altered);
        QCOMPARE(kinds.back(), Kind::ReadModel);
    }

    // SQLite: the file's owner can write any row, with any time and position and a hash chain
    // computed the way verify checks it. The links hold; the rules do not, and the deep check
    // names the event with the name it was written under.
    void ruleBreakingEventWithAValidChainIsNamed() {
        if (pg())
            QSKIP("SQLite: PostgreSQL refuses the insert (rolesCannotWriteAnyTable)");
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = open(url);
        cancelledOrder(*service, QStringLiteral("X"), QStringLiteral("alice"));
        auto history = service->history(QStringLiteral("X"));
        OT_REQUIRE(history);
        DomainEvent shipped;
        shipped.id = QUuid::createUuid();
        shipped.aggregateType = OrderAggregate::Type;
        shipped.aggregateId = QStringLiteral("X");
        shipped.type = QStringLiteral("OrderShipped");
        shipped.metadata = {QStringLiteral("mallory"), 946684800000, 4, QStringLiteral("c"),
                            QStringLiteral("c")}; // recorded "in 2000"
        const QByteArray hash = chainHash(history->back().hash, shipped, "{}");
        RawConnection raw(url);
        QVERIFY(!raw.exec(QStringLiteral(
                              "INSERT INTO events (position, id, aggregate_type, aggregate_id, "
                              "version, type, schema_version, data, user_id, correlation_id, "
                              "causation_id, recorded_at, hash) VALUES (1000, '%1', 'Order', "
                              "'X', 4, 'OrderShipped', 1, '{}', 'mallory', 'c', 'c', "
                              "946684800000, '%2')")
                              .arg(shipped.id.toString(QUuid::WithoutBraces),
                                   QString::fromLatin1(hash)))
                     .isValid());
        QVERIFY(verify(*service, OrderService::Verify::Links).intact());
        const IntegrityReport deep = verify(*service);
        QVERIFY2(names(deep, Kind::Refused, QStringLiteral("X"), QStringLiteral("mallory")),
                 qPrintable(describe(deep).join(u'\n')));
        for (const IntegrityProblem &p : deep.problems) {
            if (p.kind == Kind::Refused)
                QVERIFY2(p.detail.contains(QStringLiteral("cannot ship")), qPrintable(p.detail));
        }
    }

    // PostgreSQL: neither role may write any table, however it asks.
    void rolesCannotWriteAnyTable() {
        if (!pg())
            QSKIP("PostgreSQL only");
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = openAs(url, QStringLiteral("alice"));
        cancelledOrder(*service, QStringLiteral("X"), QStringLiteral("alice"));
        const DatabaseUrl auditorUrl =
            TestBackend::login(url, QStringLiteral("audrey"), admin::Role::Auditor);
        for (const DatabaseUrl &login :
             {TestBackend::login(url, QStringLiteral("alice"), admin::Role::Staff), auditorUrl}) {
            const QString &user = login.user;
            RawConnection as(login);
            const QStringList attacks{
                QStringLiteral("INSERT INTO events OVERRIDING SYSTEM VALUE SELECT 999, "
                               "'00000000-0000-4000-8000-00000000abcd', aggregate_type, "
                               "aggregate_id, 4, 'OrderShipped', 1, '{}', 'mallory', 'c', 'c', 0, "
                               "hash, tx_id FROM events WHERE version = 3"),
                QStringLiteral("UPDATE events SET data = '{}'"),
                QStringLiteral("DELETE FROM events"),
                QStringLiteral("TRUNCATE events"),
                QStringLiteral("INSERT INTO snapshots VALUES ('Order', 'X', 3, 1, '{}', 'h')"),
                QStringLiteral("UPDATE order_summaries SET status = 'delivered'"),
                QStringLiteral("INSERT INTO order_summaries VALUES ('Y', 'C', 'created', 0, 0, 1, "
                               "0, 0, 'x')"),
                QStringLiteral("DELETE FROM order_summaries"),
                QStringLiteral("TRUNCATE order_summaries"),
                QStringLiteral("UPDATE ordertrail_meta SET value = '1'"),
                QStringLiteral("DELETE FROM snapshots"),
                QStringLiteral("INSERT INTO commands VALUES ('k', 'd', 'Order', 'X', 1, 3)"),
                QStringLiteral("DELETE FROM commands"),
                // The hourly counts the audit's chart and match count read (schema 9).
                QStringLiteral("UPDATE event_counts SET n = n + 100"),
                QStringLiteral("INSERT INTO event_counts VALUES (0, 'OrderShipped', 'mallory', 0, "
                               "5)"),
                QStringLiteral("DELETE FROM event_counts"),
                QStringLiteral("ALTER TABLE events DISABLE TRIGGER ALL"),
                QStringLiteral("ALTER TABLE events DISABLE TRIGGER events_count"),
                // Functions other than the append are the owner's alone.
                QStringLiteral("SELECT ordertrail_project(e, '{}') FROM events e"),
            };
            for (const QString &sql : attacks) {
                const QSqlError error = as.exec(sql);
                QVERIFY2(error.isValid(), qPrintable(user + u": " + sql));
                QVERIFY2(error.nativeErrorCode() == QStringLiteral("42501"),
                         qPrintable(user + u": " + sql + u": " + error.text()));
            }
        }
        // The auditor may not append, not even through the function.
        RawConnection auditor(auditorUrl);
        const QSqlError append = auditor.exec(QStringLiteral(
            "SELECT ordertrail_append('Order', 'Y', 1, NULL, "
            "'00000000-0000-4000-8000-00000000abce', 'OrderCreated', 1, '{\"customerId\":\"C\"}', "
            "'c', 'c', NULL, NULL, NULL, NULL, NULL, NULL)"));
        QCOMPARE(append.nativeErrorCode(), QStringLiteral("42501"));
        QVERIFY(verify(*service).intact());
    }

    // PostgreSQL: an auditor records what it looked at in the access log, under its own login
    // whatever name it gives, and appends nothing else, however it calls the append function;
    // what it records there in a shape the log's rules refuse is named by the deep verify.
    void auditorsAppendToTheAccessLogAlone() {
        if (!pg())
            QSKIP("PostgreSQL only: a SQLite file's owner is everyone");
        const DatabaseUrl url = m_backend.freshDatabase();
        auto staff = openAs(url, QStringLiteral("alice"));
        cancelledOrder(*staff, QStringLiteral("X"), QStringLiteral("alice"));
        QCOMPARE(staff->mayIssueCommands().value(), true);
        const DatabaseUrl auditorUrl =
            TestBackend::login(url, QStringLiteral("audrey"), admin::Role::Auditor);
        auto auditor = open(auditorUrl);
        QCOMPARE(auditor->mayIssueCommands().value(), false);
        OT_REQUIRE(auditor->recordAccess(
            {AccessAction::Verify, AccessOutcome::Done, {}, 3, {}, QStringLiteral("intact")},
            QStringLiteral("mallory")));
        QCOMPARE(accessLog(*staff).size(), 1);
        QCOMPARE(accessLog(*staff).first().user, QStringLiteral("audrey"));
        // Not through the service's other doors either.
        OT_EXPECT_ERROR(
            auditor->execute(makeCommand(QStringLiteral("X"), QStringLiteral("AddNote"),
                                         {{QStringLiteral("text"), QStringLiteral("x")}},
                                         QStringLiteral("audrey"))),
            ErrorCode::Storage, QStringLiteral("permission denied"));

        RawConnection as(auditorUrl);
        const auto append = [&](const char *type, const char *id, const char *eventType,
                                const char *data, const char *readModel) {
            return as.exec(QStringLiteral("SELECT ordertrail_append('%1', '%2', (SELECT "
                                          "coalesce(max(version), 0) + 1 FROM events WHERE "
                                          "aggregate_type = '%1' AND aggregate_id = '%2'), NULL, "
                                          "gen_random_uuid()::text, '%3', 1, '%4', 'c', 'c', "
                                          "NULL, NULL, %5, NULL, NULL, NULL)")
                               .arg(QLatin1String(type), QLatin1String(id),
                                    QLatin1String(eventType), QLatin1String(data),
                                    QLatin1String(readModel)));
        };
        for (const char *type :
             {"Order", "Customer", "Product", "Checkpoint", "accesslog", "AccessLog "}) {
            const QSqlError refused = append(type, "Y", "Anything", "{}", "NULL");
            QVERIFY2(refused.nativeErrorCode() == QStringLiteral("42501"),
                     qPrintable(QLatin1String(type) + u": " + refused.text()));
        }
        // The access log's stream writes no read model.
        const QSqlError row =
            append("AccessLog", "log", "AccessRecorded", "{}",
                   "'{\"table\":\"order_summaries\",\"row\":{\"customer_id\":\"C\",\"status\":"
                   "\"delivered\"}}'::jsonb");
        QVERIFY2(row.isValid(), "a read model row was written through the access log");
        QCOMPARE(RawConnection(url)
                     .value(QStringLiteral("SELECT status FROM order_summaries WHERE order_id = "
                                           "'X'"))
                     .toString(),
                 QStringLiteral("cancelled"));
        // Appended by hand in a shape no record has: the deep verify names it, and who.
        QVERIFY(!append("AccessLog", "log", "AccessRecorded", "{\"action\":\"nothing\"}", "NULL")
                     .isValid());
        const IntegrityReport deep = verify(*staff);
        QVERIFY2(names(deep, Kind::Refused, AccessWord::Log, QStringLiteral("audrey")),
                 qPrintable(describe(deep).join(u'\n')));
        QCOMPARE(deep.problems.size(), 1);
    }

    // PostgreSQL: neither role may create anything where OrderTrail's objects are (a function
    // named like a built-in that the owner's code would then call, say), and a schema of the
    // caller's own earlier in its search_path cannot redirect the append function.
    void noLoginCanPlantObjects() {
        if (!pg())
            QSKIP("PostgreSQL only");
        const DatabaseUrl url = m_backend.freshDatabase();
        const DatabaseUrl staffUrl =
            TestBackend::login(url, QStringLiteral("alice"), admin::Role::Staff);
        const DatabaseUrl auditorUrl =
            TestBackend::login(url, QStringLiteral("audrey"), admin::Role::Auditor);
        RawConnection owner(url);
        // As a cluster upgraded from PostgreSQL 14 has it: CREATE on public for everyone. Then
        // admin init, as an administrator upgrading OrderTrail runs it, takes it back.
        QVERIFY(!owner.exec(QStringLiteral("GRANT CREATE ON SCHEMA public TO PUBLIC")).isValid());
        OT_REQUIRE(admin::initialize(url));
        for (const DatabaseUrl &login : {staffUrl, auditorUrl}) {
            const QString &user = login.user;
            RawConnection as(login);
            for (const QString &sql :
                 {QStringLiteral("CREATE FUNCTION public.format(text, text) RETURNS text "
                                 "LANGUAGE sql AS $$ SELECT 'DROP TABLE events' $$"),
                  QStringLiteral("CREATE TABLE public.events_copy (x int)"),
                  QStringLiteral("CREATE FUNCTION ordertrail_netstring(p text) RETURNS bytea "
                                 "LANGUAGE sql AS $$ SELECT ''::bytea $$")}) {
                const QSqlError error = as.exec(sql);
                QVERIFY2(error.nativeErrorCode() == QStringLiteral("42501"),
                         qPrintable(user + u": " + sql + u": " + error.text()));
            }
        }
        // Staff with a temporary table named like ours first in the path: the append still
        // writes OrderTrail's events table, and the hash is computed by OrderTrail's functions.
        RawConnection staff(staffUrl);
        QVERIFY(!staff.exec(QStringLiteral("CREATE TEMPORARY TABLE events (LIKE public.events)"))
                     .isValid());
        QVERIFY(!staff.exec(QStringLiteral("SET search_path = pg_temp, public")).isValid());
        QVERIFY(!staff
                     .exec(QStringLiteral(
                         "SELECT public.ordertrail_append('Order', 'Y', 1, NULL, "
                         "'00000000-0000-4000-8000-00000000abcf', 'OrderCreated', 1, "
                         "'{\"customerId\":\"C\"}', 'c', 'c', NULL, NULL, NULL, NULL, NULL, "
                         "NULL)"))
                     .isValid());
        QCOMPARE(owner.value(QStringLiteral("SELECT count(*) FROM public.events")).toInt(), 1);
        QCOMPARE(owner
                     .value(QStringLiteral("SELECT has_schema_privilege('ordertrail_staff', "
                                           "'public', 'CREATE')"))
                     .toBool(),
                 false);
        auto service = open(url);
        QVERIFY(verify(*service, OrderService::Verify::Links).intact());
    }

    // PostgreSQL: staff calling the append function by hand, the only way in. The server
    // stamps login, time, position and hash whatever is sent, refuses an event that does not
    // continue the stream's head, and takes rule-breaking events, lying read-model rows and
    // lying snapshots only as that login's, which the deep check names.
    void staffLiesThroughTheFunctionAreNamed() {
        if (!pg())
            QSKIP("PostgreSQL only");
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = openAs(url, QStringLiteral("alice"));
        cancelledOrder(*service, QStringLiteral("X"), QStringLiteral("alice"));
        RawConnection mallory(
            TestBackend::login(url, QStringLiteral("mallory"), admin::Role::Staff));
        RawConnection owner(url);
        const QString head = owner
                                 .value(QStringLiteral("SELECT hash FROM events WHERE "
                                                       "aggregate_id = 'X' AND version = 3"))
                                 .toString();
        const auto append = [&](qint64 version, const QString &previous, const QString &id,
                                const QString &type, const QString &rest) {
            // The rest, then no command id, digest or first version.
            return mallory.exec(QStringLiteral("SELECT ordertrail_append('Order', 'X', %1, %2, "
                                               "'%3', '%4', 1, %5, NULL, NULL, NULL)")
                                    .arg(version)
                                    .arg(previous, id, type, rest));
        };
        // Not continuing the head: refused.
        QCOMPARE(append(4, QStringLiteral("'not-the-head'"),
                        QStringLiteral("00000000-0000-4000-8000-0000000000a1"),
                        QStringLiteral("OrderShipped"),
                        QStringLiteral("'{}', 'c', 'c', NULL, NULL, "
                                       "NULL"))
                     .nativeErrorCode(),
                 QStringLiteral("OT409"));
        QCOMPARE(append(7, u'\'' + head + u'\'',
                        QStringLiteral("00000000-0000-4000-8000-0000000000a2"),
                        QStringLiteral("OrderShipped"),
                        QStringLiteral("'{}', 'c', 'c', NULL, NULL, NULL"))
                     .nativeErrorCode(),
                 QStringLiteral("OT409"));
        // Shipping a cancelled order, with a read-model row that says delivered and a snapshot
        // of a state the events never had.
        QVERIFY(!append(4, u'\'' + head + u'\'',
                        QStringLiteral("00000000-0000-4000-8000-0000000000a3"),
                        QStringLiteral("OrderShipped"),
                        QStringLiteral("'{}', 'c', 'c', 1, '{\"status\":\"delivered\"}', "
                                       "'{\"table\":\"order_summaries\",\"row\":{\"customer_id\":"
                                       "\"C\",\"status\":\"delivered\",\"item_count\":0,"
                                       "\"total_cents\":0,\"net_cents\":0,\"tax_cents\":0,"
                                       "\"currency\":\"EUR\"}}'"))
                     .isValid());
        QCOMPARE(
            owner.value(QStringLiteral("SELECT user_id FROM events WHERE version = 4")).toString(),
            QStringLiteral("mallory"));
        QCOMPARE(owner.value(QStringLiteral("SELECT last_user FROM order_summaries")).toString(),
                 QStringLiteral("mallory"));
        QVERIFY(verify(*service, OrderService::Verify::Links).intact()); // the server hashed it
        const IntegrityReport deep = verify(*service);
        const QString problems = describe(deep).join(u'\n');
        QVERIFY2(names(deep, Kind::Refused, QStringLiteral("X"), QStringLiteral("mallory")),
                 qPrintable(problems));
        QVERIFY2(names(deep, Kind::ReadModel, QStringLiteral("X"), QStringLiteral("mallory")),
                 qPrintable(problems));
        QVERIFY2(names(deep, Kind::State, QStringLiteral("X"), QStringLiteral("mallory")),
                 qPrintable(problems));
    }

    // Whoever can write every row (the SQLite file's owner, the PostgreSQL owner) changes an
    // event and re-chains the stream after it, and rebuilds the read model: every chain holds
    // and the rules still do; only a checkpoint kept elsewhere shows it.
    void reChainedStreamIsCaughtByACheckpoint() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = openAs(url, QStringLiteral("alice"));
        for (const QString &id : {QStringLiteral("A"), QStringLiteral("B")}) {
            QVERIFY(service->execute(makeCommand(id, QStringLiteral("CreateOrder"),
                                                 {{QStringLiteral("customerId"), id}})));
            QVERIFY(service->execute(
                makeCommand(id, QStringLiteral("AddItem"),
                            item(QStringLiteral("P1"), 1, QStringLiteral("100.00")))));
            QVERIFY(service->execute(makeCommand(id, QStringLiteral("ConfirmOrder"))));
        }
        // Wait for the checkpoint to cover both orders (PostgreSQL: other tests' transactions).
        auto checkpoint = takeCheckpoint(service->store());
        for (int tries = 0; checkpoint && checkpoint->events < 6 && tries < 600; ++tries) {
            QThread::msleep(50);
            checkpoint = takeCheckpoint(service->store());
        }
        OT_REQUIRE(checkpoint);
        QCOMPARE(checkpoint->events, 6);

        auto events = service->history(QStringLiteral("B"));
        OT_REQUIRE(events);
        {
            RawConnection raw(url);
            raw.allowTampering();
            QByteArray previous;
            for (DomainEvent event : events.value()) {
                if (event.type == QLatin1String("ItemAdded"))
                    event.data.insert(QStringLiteral("price"), QStringLiteral("1.00"));
                const QByteArray data = canonicalJson(event.data);
                event.hash = chainHash(previous, event, data);
                previous = event.hash;
                QVERIFY(!raw.exec(QStringLiteral("UPDATE events SET data = '%1', hash = '%2' "
                                                 "WHERE aggregate_id = 'B' AND version = %3")
                                      .arg(QString::fromUtf8(data), QString::fromLatin1(event.hash))
                                      .arg(event.metadata.version))
                             .isValid());
            }
        }
        OT_REQUIRE(open(url)->rebuildProjections());
        auto reader = open(url);
        QCOMPARE(reader->order(QStringLiteral("B")).value()->total().toString(),
                 QStringLiteral("1.00"));
        QVERIFY(verify(*reader, OrderService::Verify::Links).intact());
        const IntegrityReport deep = verify(*reader);
        QVERIFY2(deep.intact(), qPrintable(describe(deep).join(u'\n')));
        const IntegrityReport caught = verify(*reader, OrderService::Verify::Deep,
                                              Checkpoint::parse(checkpoint->toString()).value());
        QCOMPARE(caught.problems.size(), 1);
        QCOMPARE(caught.problems.front().kind, Kind::Checkpoint);
    }

    // An upgrade from schema 4 (a database written by the previous OrderTrail, kept in
    // tests/fixtures) keeps every event and hash: the checkpoint taken then still holds, the
    // deep check passes, and commands go on, now through the schema 5 write path.
    void upgradeFromSchema4KeepsEveryEventAndHash() {
        const DatabaseUrl url = m_backend.fixtureDatabase(QStringLiteral("schema4"));
        QString checkpoint;
        if (pg()) {
            RawConnection owner(url);
            checkpoint = QStringLiteral(
                "ot1:9255:8:163:6e0628199944ab217b5ecbe8ce9137a1314354e59b14d571710fc1190ba696a7");
            // Schema 4 let staff insert events: the upgrade must take that back.
            QCOMPARE(owner
                         .value(QStringLiteral("SELECT has_table_privilege('ordertrail_staff', "
                                               "'events', 'INSERT')"))
                         .toBool(),
                     true);
        } else {
            checkpoint = QStringLiteral(
                "ot1:163:8:163:40dd949995eb237baba8dc3c5ce70987c620223a4b49c278411c1ee5741b4642");
        }
        const auto rows = [&] {
            RawConnection raw(url);
            QSqlQuery query(QSqlDatabase::database(raw.name()));
            query.exec(QStringLiteral("SELECT position, id, version, type, data, user_id, "
                                      "recorded_at, hash FROM events ORDER BY position"));
            QStringList all;
            while (query.next()) {
                QStringList row;
                for (int c = 0; c < 8; ++c)
                    row << query.value(c).toString();
                all << row.join(u'|');
            }
            return all;
        };
        const QStringList before = rows();
        QCOMPARE(before.size(), 163);

        OT_REQUIRE(admin::initialize(url)); // what an administrator runs to upgrade
        QCOMPARE(rows(), before);
        RawConnection raw(url);
        QCOMPARE(raw.value(QStringLiteral("SELECT value FROM ordertrail_meta WHERE key = "
                                          "'schema_version'"))
                     .toInt(),
                 Database::SchemaVersion);
        // The snapshot schema 4 saved is bound to nothing, so it went.
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM snapshots")).toInt(), 0);

        auto service = pg() ? openAs(url, QStringLiteral("alice")) : open(url);
        const IntegrityReport report =
            verify(*service, OrderService::Verify::Deep, Checkpoint::parse(checkpoint).value());
        QVERIFY2(report.intact(), qPrintable(describe(report).join(u'\n')));
        QCOMPARE(report.eventsChecked, 163);
        if (pg())
            QCOMPARE(raw.value(QStringLiteral("SELECT has_table_privilege('ordertrail_staff', "
                                              "'events', 'INSERT')"))
                         .toBool(),
                     false);

        // LONG-1 stood at version 122: commands carry it past the next mark, where the
        // snapshot is written bound to the chain, and everything still verifies.
        auto order = service->order(QStringLiteral("LONG-1"));
        OT_REQUIRE(order);
        QCOMPARE(order.value()->version(), 122);
        for (int i = 0; i < 78; ++i) {
            const QString product = QStringLiteral("NEW-%1").arg(i / 2);
            OT_REQUIRE(service->execute(
                i % 2 ? makeCommand(QStringLiteral("LONG-1"), QStringLiteral("RemoveItem"),
                                    {{QStringLiteral("productId"), product}})
                      : makeCommand(QStringLiteral("LONG-1"), QStringLiteral("AddItem"),
                                    item(product, 1, QStringLiteral("3.00")))));
        }
        QCOMPARE(raw.value(QStringLiteral("SELECT version FROM snapshots")).toInt(), 200);
        QCOMPARE(rows().mid(0, 163), before);
        // The dump came from another cluster, whose transaction ids this one may not have
        // reached: the new events still follow the restored ones in the global order.
        if (pg())
            QVERIFY(raw.value(QStringLiteral("SELECT min(tx_id::text::numeric) > (SELECT "
                                             "max(tx_id::text::numeric) FROM events WHERE "
                                             "position <= 163) FROM events WHERE position > 163"))
                        .toBool());
        const IntegrityReport after =
            verify(*open(url), OrderService::Verify::Deep, Checkpoint::parse(checkpoint).value());
        QVERIFY2(after.intact(), qPrintable(describe(after).join(u'\n')));
        QCOMPARE(open(url)->order(QStringLiteral("LONG-1")).value()->toJson(), [&] {
            auto history = service->history(QStringLiteral("LONG-1"));
            OrderAggregate replayed(QStringLiteral("LONG-1"));
            replayed.loadFromHistory(history.value());
            return replayed.toJson();
        }());
    }
};

QTEST_GUILESS_MAIN(TestTrust)

#include "test_trust.moc"
