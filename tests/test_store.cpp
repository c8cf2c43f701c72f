#include "TestSupport.h"
#include "es/EventHash.h"
#include "es/Upcasters.h"
#include "service/ChangeFeed.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <atomic>
#include <functional>

using namespace ot;
using namespace ot::test;

namespace {

// A kernel-level aggregate, to test the generic store and handler without orders: a counter
// that may not exceed `limit`. Its command may raise several events at once, and `duringHandle`
// lets a test act between the handler's load and its append (a racing writer).
class Counter final : public Aggregate {
public:
    explicit Counter(QString id)
        : Aggregate(QStringLiteral("Counter"), std::move(id)) {}
    static inline std::function<void()> duringHandle;
    qint64 value = 0;

protected:
    Result<void> handle(const Command &command) override {
        if (duringHandle)
            duringHandle();
        const qint64 times = command.data.value(QStringLiteral("times")).toInteger(1);
        const qint64 limit = command.data.value(QStringLiteral("limit")).toInteger(1000);
        if (value + times > limit)
            return Error::rejected(QStringLiteral("the counter would pass %1").arg(limit));
        for (qint64 i = 0; i < times; ++i)
            raise(QStringLiteral("Incremented"), {{QStringLiteral("by"), 1}});
        return {};
    }
    void apply(const DomainEvent &event) override {
        value += event.data.value(QStringLiteral("by")).toInteger();
    }
};

// A store with a Counter handler on its own connection.
struct CounterStack {
    std::unique_ptr<Database> db;
    UpcasterRegistry upcasters;
    std::unique_ptr<EventStore> store;
    std::unique_ptr<CommandHandler> handler;

    CounterStack(const DatabaseUrl &url, const Clock &clock, IdGenerator &ids,
                 StateProjection *projection = nullptr) {
        auto opened = Database::open(url, OpenMode::CreateIfMissing);
        if (!opened)
            qFatal("cannot open %s: %s", qPrintable(url.toString()),
                   qPrintable(opened.error().message));
        db = std::move(opened.value());
        store = std::make_unique<EventStore>(*db, upcasters);
        handler = std::make_unique<CommandHandler>(
            *store, QStringLiteral("Counter"),
            [](const QString &id) { return std::make_unique<Counter>(id); }, clock, ids,
            projection);
    }
    ~CounterStack() {
        handler.reset();
        store.reset();
    }
};

// A read model the database refuses to write (it has no such table), after the events' INSERT
// has been accepted.
class FailingProjection final : public StateProjection {
public:
    const ReadModelTable &table() const override {
        static const ReadModelTable missing{
            QStringLiteral("no_such_read_model"), QStringLiteral("id"), {QStringLiteral("value")}};
        return missing;
    }
    Result<ReadModelRow> project(const Aggregate &) const override {
        return ReadModelRow{&table(), {1}};
    }
};

Command increment(const QString &id, qint64 times = 1, std::optional<qint64> expected = {}) {
    Command command =
        makeCommand(id, QStringLiteral("Increment"), {{QStringLiteral("times"), times}});
    command.expectedVersion = expected;
    return command;
}

// What a database holds, to prove that a refused open changed nothing: the file's bytes, or
// on PostgreSQL the tables and the schema version.
QByteArray fingerprint(const DatabaseUrl &url) {
    if (url.backend == DatabaseUrl::Backend::Sqlite) {
        QFile file(url.path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    RawConnection raw(url);
    return raw.value(QStringLiteral("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM "
                                    "pg_tables WHERE schemaname = current_schema()"))
               .toByteArray() +
           '|' +
           raw.value(QStringLiteral("SELECT value FROM ordertrail_meta WHERE key = "
                                    "'schema_version'"))
               .toByteArray();
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT

private:
    TestBackend m_backend;
    ManualClock m_clock;
    SequentialIds m_ids;

    DatabaseUrl fresh() { return m_backend.freshDatabase(); }

    std::unique_ptr<OrderService> openOrders(const DatabaseUrl &url) {
        auto service = OrderService::open(url, OpenMode::CreateIfMissing, {&m_clock, &m_ids});
        if (!service)
            qFatal("cannot open %s: %s", qPrintable(url.toString()),
                   qPrintable(service.error().message));
        return std::move(service.value());
    }

    // A service whose commands are recorded under `user`: on SQLite the command names the
    // user; on PostgreSQL the login decides, so the user gets a staff login of that name.
    std::unique_ptr<OrderService> openAs(const DatabaseUrl &url, const QString &user) {
        if (!m_backend.isPostgres())
            return openOrders(url);
        const QString password = QStringLiteral("pw-") % user;
        // Logins belong to the cluster, so an earlier test may have made this one already.
        auto added = admin::addUser(url, user, admin::Role::Staff, password);
        if (!added && !added.error().message.contains(QStringLiteral("already exists")))
            qFatal("cannot add %s: %s", qPrintable(user), qPrintable(added.error().message));
        return openOrders(TestBackend::as(url, user, password));
    }

private slots:
    void initTestCase() {
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
    }

    void cleanup() { Counter::duringHandle = nullptr; }

    void schemaIsCreatedInAnEmptyFile() {
        if (m_backend.isPostgres())
            QSKIP("SQLite files only");
        const DatabaseUrl url = m_backend.emptyDatabase();
        const QString path = url.path;
        QFile empty(path);
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        {
            auto service = openOrders(url);
            OT_REQUIRE(service->orders());
        }
        RawConnection raw(url);
        QCOMPARE(raw.value(QStringLiteral("SELECT value FROM ordertrail_meta WHERE key = "
                                          "'schema_version'"))
                     .toInt(),
                 Database::SchemaVersion);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA journal_mode")).toString(),
                 QStringLiteral("wal"));
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name IN "
                                          "('events', 'order_summaries')"))
                     .toInt(),
                 2);
    }

    void existingOnlyNeverCreatesAFile() {
        if (m_backend.isPostgres())
            QSKIP("SQLite files only");
        const QString path = m_backend.emptyDatabase().path;
        auto opened = Database::open(DatabaseUrl::sqlite(path), OpenMode::ExistingOnly);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::Storage);
        QVERIFY(opened.error().message.contains(path));
        QVERIFY(!QFile::exists(path));
    }

    void postgresSchemaIsAnAdministratorsJob() {
        if (!m_backend.isPostgres())
            QSKIP("PostgreSQL only");
        const DatabaseUrl url = m_backend.emptyDatabase();
        for (OpenMode mode : {OpenMode::ExistingOnly, OpenMode::CreateIfMissing}) {
            auto opened = Database::open(url, mode);
            QVERIFY(!opened);
            QVERIFY2(opened.error().message.contains(QStringLiteral("admin init")),
                     qPrintable(opened.error().message));
        }
        QCOMPARE(fingerprint(url), QByteArray("|"));
        OT_REQUIRE(admin::initialize(url));
        OT_REQUIRE(admin::initialize(url)); // idempotent
        OT_REQUIRE(Database::open(url, OpenMode::ExistingOnly));
    }

    void newerSchemaIsRefusedAndUntouched() {
        const DatabaseUrl url = fresh();
        openOrders(url).reset();
        {
            RawConnection raw(url);
            QVERIFY(!raw.exec(QStringLiteral("UPDATE ordertrail_meta SET value = '99' WHERE key = "
                                             "'schema_version'"))
                         .isValid());
            if (!m_backend.isPostgres())
                raw.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        const QByteArray before = fingerprint(url);
        auto opened = Database::open(url, OpenMode::Initialize);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::Storage);
        QVERIFY2(opened.error().message.contains(QStringLiteral("newer")),
                 qPrintable(opened.error().message));
        QCOMPARE(fingerprint(url), before);
    }

    void anotherProgramsDatabaseIsRefused() {
        const DatabaseUrl url = m_backend.emptyDatabase();
        {
            RawConnection raw(url);
            raw.exec(QStringLiteral("CREATE TABLE contacts (name TEXT)"));
        }
        const QByteArray before = fingerprint(url);
        auto opened = Database::open(url, OpenMode::Initialize);
        QVERIFY(!opened);
        QVERIFY2(opened.error().message.contains(QStringLiteral("another program")),
                 qPrintable(opened.error().message));
        QCOMPARE(fingerprint(url), before);
    }

    void multiEventAppendIsAtomic() {
        const DatabaseUrl path = fresh();
        CounterStack stack(path, m_clock, m_ids);
        auto three = stack.handler->handle(increment(QStringLiteral("c1"), 3));
        OT_REQUIRE(three);
        QCOMPARE(three->size(), 3);
        QCOMPARE(three->at(0).metadata.version, 1);
        QCOMPARE(three->at(2).metadata.version, 3);
        QVERIFY(three->at(0).position < three->at(2).position);

        // A failure after the first inserts (here in the read model update) stores nothing.
        FailingProjection failing;
        CounterStack broken(path, m_clock, m_ids, &failing);
        auto failed = broken.handler->handle(increment(QStringLiteral("c1"), 4));
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::Storage);
        auto version =
            stack.store->streamVersion({QStringLiteral("Counter"), QStringLiteral("c1")});
        OT_REQUIRE(version);
        QCOMPARE(version.value(), 3);

        // One event with its read model write is one statement on PostgreSQL: when the write
        // fails there, the event is not stored either (nor on SQLite, in its transaction), and
        // the connection that failed still answers.
        auto single = broken.handler->handle(increment(QStringLiteral("c2"), 1));
        QVERIFY(!single);
        QCOMPARE(single.error().code, ErrorCode::Storage);
        auto untouched =
            broken.store->streamVersion({QStringLiteral("Counter"), QStringLiteral("c2")});
        OT_REQUIRE(untouched);
        QCOMPARE(untouched.value(), 0);
    }

    void duplicateEventIdRollsBackTheWholeCommand() {
        class SameId final : public IdGenerator {
        public:
            QUuid next() override {
                return QUuid::fromString(QStringLiteral("{11111111-0000-4000-8000-000000000000}"));
            }
        } sameId;
        CounterStack stack(fresh(), m_clock, sameId);
        auto failed = stack.handler->handle(increment(QStringLiteral("c1"), 2));
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::Storage); // not mistaken for a version conflict
        auto events = stack.store->read({QStringLiteral("Counter"), QStringLiteral("c1")});
        OT_REQUIRE(events);
        QVERIFY(events->isEmpty());
    }

    void staleExpectedVersionIsAConflict() {
        const DatabaseUrl path = fresh();
        CounterStack first(path, m_clock, m_ids);
        CounterStack second(path, m_clock, m_ids);
        OT_REQUIRE(first.handler->handle(increment(QStringLiteral("c1"), 2)));
        OT_REQUIRE(second.handler->handle(increment(QStringLiteral("c1"), 1, 2)));
        auto stale = first.handler->handle(increment(QStringLiteral("c1"), 1, 2));
        QVERIFY(!stale);
        QCOMPARE(stale.error().code, ErrorCode::Conflict);
        QVERIFY(stale.error().conflict);
        QCOMPARE(stale.error().conflict->expected, 2);
        QCOMPARE(stale.error().conflict->actual, 3);
    }

    void raceWithExpectedVersionIsReportedNotRetried() {
        const DatabaseUrl path = fresh();
        CounterStack mine(path, m_clock, m_ids);
        CounterStack theirs(path, m_clock, m_ids);
        OT_REQUIRE(mine.handler->handle(increment(QStringLiteral("c1"))));
        int handled = 0;
        Counter::duringHandle = [&] {
            if (++handled == 1) // the other writer appends between our load and our append
                QVERIFY(theirs.store->append({QStringLiteral("Counter"), QStringLiteral("c1")}, 1,
                                             racingEvent(QStringLiteral("c1"), 2)));
        };
        auto result = mine.handler->handle(increment(QStringLiteral("c1"), 1, 1));
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Conflict);
        QCOMPARE(result.error().conflict->expected, 1);
        QCOMPARE(result.error().conflict->actual, 2);
        QCOMPARE(handled, 1);
    }

    void raceWithoutExpectedVersionRetriesOnFreshState() {
        const DatabaseUrl path = fresh();
        CounterStack mine(path, m_clock, m_ids);
        CounterStack theirs(path, m_clock, m_ids);
        int handled = 0;
        Counter::duringHandle = [&] {
            if (++handled == 1)
                QVERIFY(theirs.store->append({QStringLiteral("Counter"), QStringLiteral("c1")}, 0,
                                             racingEvent(QStringLiteral("c1"), 1)));
        };
        Command command = increment(QStringLiteral("c1"), 2);
        auto result = mine.handler->handle(command);
        OT_REQUIRE(result);
        QCOMPARE(handled, 2);
        QCOMPARE(result->size(), 2);
        QCOMPARE(result->at(0).metadata.version, 2); // appended after the racer's event

        // The retry checks the rules again: with the racer's event the limit is now passed.
        handled = 0;
        Counter::duringHandle = [&] {
            if (++handled == 1)
                QVERIFY(theirs.store->append({QStringLiteral("Counter"), QStringLiteral("c2")}, 0,
                                             racingEvent(QStringLiteral("c2"), 1)));
        };
        Command limited = increment(QStringLiteral("c2"), 2);
        limited.data.insert(QStringLiteral("limit"), 2);
        auto refused = mine.handler->handle(limited);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Rejected);
    }

    // After a lost race the command reads and writes again in one transaction, which on SQLite
    // holds the write lock from the read to the write: it cannot lose again, however busy the
    // other writers are.
    void retryAfterALostRaceRunsInOneTransaction() {
        const DatabaseUrl path = fresh();
        CounterStack mine(path, m_clock, m_ids);
        CounterStack theirs(path, m_clock, m_ids);
        int handled = 0;
        bool retriedInTransaction = false;
        Counter::duringHandle = [&] {
            if (++handled == 1)
                QVERIFY(theirs.store->append({QStringLiteral("Counter"), QStringLiteral("c1")}, 0,
                                             racingEvent(QStringLiteral("c1"), 1)));
            else
                retriedInTransaction = mine.db->inTransaction();
        };
        OT_REQUIRE(mine.handler->handle(increment(QStringLiteral("c1"))));
        QCOMPARE(handled, 2);
        QVERIFY(retriedInTransaction);
        QVERIFY(!mine.db->inTransaction());
    }

    // PostgreSQL: a retry holds the stream, so another writer that tries to append while it
    // runs waits for it (here, with a short lock_timeout, gives up) instead of winning again.
    void aRetryCannotBeOvertaken() {
        if (!m_backend.isPostgres())
            QSKIP("SQLite: the retry's write lock is retryAfterALostRaceRunsInOneTransaction's");
        const DatabaseUrl path = fresh();
        CounterStack mine(path, m_clock, m_ids);
        DatabaseUrl impatient = path;
        impatient.timeouts.lock = QStringLiteral("200ms");
        CounterStack theirs(impatient, m_clock, m_ids);
        const StreamId stream{QStringLiteral("Counter"), QStringLiteral("c1")};
        int handled = 0;
        bool overtaken = false;
        Counter::duringHandle = [&] {
            auto version = theirs.store->streamVersion(stream);
            auto appended = theirs.store->append(
                stream, version.value(), racingEvent(QStringLiteral("c1"), version.value() + 1));
            if (++handled == 1) {
                QVERIFY(appended); // the first attempt loses this race
            } else {
                overtaken = appended.ok();
                QVERIFY(!appended);
                QVERIFY2(appended.error().message.contains(QStringLiteral("lock_timeout")),
                         qPrintable(appended.error().message));
            }
        };
        auto result = mine.handler->handle(increment(QStringLiteral("c1")));
        OT_REQUIRE(result);
        QCOMPARE(handled, 2);
        QVERIFY(!overtaken);
        QCOMPARE(theirs.store->streamVersion(stream).value(), 2);
    }

    void concurrentWritersOnOneStreamLoseNothing() {
        const DatabaseUrl path = fresh();
        OT_REQUIRE(openOrders(path)->execute(
            makeCommand(QStringLiteral("O1"), QStringLiteral("CreateOrder"),
                        {{QStringLiteral("customerId"), QStringLiteral("C")}})));
        constexpr int PerThread = 60;
        QList<Result<QList<DomainEvent>>> results[2];
        QList<QThread *> threads;
        for (int t = 0; t < 2; ++t) {
            threads << QThread::create([&, t] {
                auto service = OrderService::open(path, OpenMode::ExistingOnly);
                for (int i = 0; i < PerThread; ++i) {
                    results[t].append(service.value()->execute(makeCommand(
                        QStringLiteral("O1"), QStringLiteral("AddItem"),
                        {{QStringLiteral("productId"), QStringLiteral("P%1-%2").arg(t).arg(i)},
                         {QStringLiteral("name"), QStringLiteral("Thing")},
                         {QStringLiteral("quantity"), 1},
                         {QStringLiteral("price"), QStringLiteral("1.00")}})));
                }
            });
            threads.back()->start();
        }
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(120000));
            delete thread;
        }
        int applied = 0;
        for (const auto &list : results) {
            for (const auto &result : list) {
                if (result)
                    ++applied;
                else
                    QCOMPARE(result.error().code, ErrorCode::Conflict); // never a lock error
            }
        }
        auto service = openOrders(path);
        auto history = service->history(QStringLiteral("O1"));
        OT_REQUIRE(history);
        QCOMPARE(history->size(), applied + 1);
        for (qsizetype i = 0; i < history->size(); ++i)
            QCOMPARE(history->at(i).metadata.version, i + 1);
        auto order = service->order(QStringLiteral("O1"));
        QCOMPARE(order.value()->total().toString(), QStringLiteral("%1.00").arg(applied));
        QVERIFY2(applied > PerThread, "most racing commands should succeed after a retry");
    }

    void eventsAreAppendOnly() {
        const DatabaseUrl path = fresh();
        OT_REQUIRE(openOrders(path)->execute(
            makeCommand(QStringLiteral("O1"), QStringLiteral("CreateOrder"),
                        {{QStringLiteral("customerId"), QStringLiteral("C")}})));
        RawConnection raw(path);
        const QSqlError update = raw.exec(QStringLiteral("UPDATE events SET user_id = 'mallory'"));
        QVERIFY(update.isValid());
        QVERIFY(update.databaseText().contains(QStringLiteral("append-only")));
        const QSqlError remove = raw.exec(QStringLiteral("DELETE FROM events"));
        QVERIFY(remove.isValid());
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM events")).toInt(), 1);
    }

    void hashesChainWithinAStream() {
        auto service = openOrders(fresh());
        auto created =
            service->execute(makeCommand(QStringLiteral("O1"), QStringLiteral("CreateOrder"),
                                         {{QStringLiteral("customerId"), QStringLiteral("C")}}));
        OT_REQUIRE(created);
        auto added =
            service->execute(makeCommand(QStringLiteral("O1"), QStringLiteral("AddItem"),
                                         {{QStringLiteral("productId"), QStringLiteral("P")},
                                          {QStringLiteral("name"), QStringLiteral("N")},
                                          {QStringLiteral("quantity"), 1},
                                          {QStringLiteral("price"), 1}}));
        OT_REQUIRE(added);
        const DomainEvent &first = created->front();
        const DomainEvent &second = added->front();
        QCOMPARE(first.hash, chainHash({}, first, canonicalJson(first.data)));
        QCOMPARE(second.hash, chainHash(first.hash, second, canonicalJson(second.data)));
        QCOMPARE(second.hash.size(), 64);
    }

    void verifyNamesEachTamperedEvent() {
        const DatabaseUrl path = fresh();
        auto service = openOrders(path);
        OT_REQUIRE(service->addDemoOrders(6, 7, QStringLiteral("demo")));
        auto intact = service->verify();
        OT_REQUIRE(intact);
        QVERIFY(intact->intact());
        QCOMPARE(intact->streamsChecked, 6 + 8 + 10); // orders, the demo customers and products

        {
            RawConnection raw(path);
            raw.allowTampering();
            // An edited data field in ORD-000001, a deleted middle event in ORD-000002, two
            // versions swapped in ORD-000003.
            QVERIFY(!raw.exec(QStringLiteral("UPDATE events SET data = replace(data, 'SKU', "
                                             "'XKU') WHERE aggregate_id = 'ORD-000001' AND "
                                             "version = 2"))
                         .isValid());
            QVERIFY(!raw.exec(QStringLiteral("DELETE FROM events WHERE aggregate_id = "
                                             "'ORD-000002' AND version = 2"))
                         .isValid());
            for (const char *step :
                 {"1000 WHERE version = 1", "1 WHERE version = 2", "2 WHERE version = 1000"}) {
                QVERIFY(
                    !raw.exec(QStringLiteral("UPDATE events SET version = ") % QLatin1String(step) %
                              QStringLiteral(" AND aggregate_id = 'ORD-000003'"))
                         .isValid());
            }
        }
        auto report = service->verify();
        OT_REQUIRE(report);
        QVERIFY(!report->intact());
        const auto has = [&](IntegrityProblem::Kind kind, const QString &order, qint64 version) {
            return std::any_of(
                report->problems.cbegin(), report->problems.cend(), [&](const IntegrityProblem &p) {
                    return p.kind == kind && p.aggregateId == order && p.version == version;
                });
        };
        QVERIFY(has(IntegrityProblem::Kind::Altered, QStringLiteral("ORD-000001"), 2));
        QVERIFY(has(IntegrityProblem::Kind::Missing, QStringLiteral("ORD-000002"), 2));
        QVERIFY(has(IntegrityProblem::Kind::Altered, QStringLiteral("ORD-000003"), 1));
        QVERIFY(has(IntegrityProblem::Kind::Reordered, QStringLiteral("ORD-000003"), 2));
        for (const IntegrityProblem &p : report->problems) {
            QVERIFY2(p.aggregateId.startsWith(QStringLiteral("ORD-00000")) &&
                         p.aggregateId <= QStringLiteral("ORD-000003"),
                     qPrintable(p.aggregateId)); // intact orders are not accused
        }
    }

    void oldEventShapesAreUpcastOnRead() {
        const DatabaseUrl path = fresh();
        auto service = openOrders(path);
        OT_REQUIRE(
            service->execute(makeCommand(QStringLiteral("O1"), QStringLiteral("CreateOrder"),
                                         {{QStringLiteral("customerId"), QStringLiteral("C")}})));
        // ItemAdded as the original design stored it: schema 1, the price a JSON number.
        DomainEvent old;
        old.id = m_ids.next();
        old.aggregateId = QStringLiteral("O1");
        old.aggregateType = OrderAggregate::Type;
        old.type = QStringLiteral("ItemAdded");
        old.schemaVersion = 1;
        old.data = {{QStringLiteral("productId"), QStringLiteral("P1")},
                    {QStringLiteral("name"), QStringLiteral("Widget")},
                    {QStringLiteral("quantity"), 3},
                    {QStringLiteral("price"), 9.99}};
        old.metadata = {QStringLiteral("legacy"), m_clock.nowMs(), 2, QStringLiteral("c"),
                        QStringLiteral("c")};
        OT_REQUIRE(service->store().append({OrderAggregate::Type, QStringLiteral("O1")}, 1, {old}));

        auto history = service->history(QStringLiteral("O1"));
        OT_REQUIRE(history);
        QCOMPARE(history->at(1).schemaVersion, 3);
        QCOMPARE(history->at(1).data.value(QStringLiteral("price")),
                 QJsonValue(QStringLiteral("9.99")));
        auto order = service->order(QStringLiteral("O1"));
        OT_REQUIRE(order);
        QCOMPARE(order.value()->total().toString(), QStringLiteral("29.97"));

        RawConnection raw(path);
        QCOMPARE(raw.value(QStringLiteral("SELECT schema_version FROM events WHERE version = 2"))
                     .toInt(),
                 1);
        QVERIFY(raw.value(QStringLiteral("SELECT data FROM events WHERE version = 2"))
                    .toString()
                    .contains(QStringLiteral("\"price\":9.99")));
        // The chain covers the row as stored (the read model was left alone here: links only).
        auto verified = service->verify(OrderService::Verify::Links);
        QVERIFY(verified && verified->intact());
    }

    void readAllFiltersAndPages() {
        const DatabaseUrl url = fresh();
        auto alice = openAs(url, QStringLiteral("alice"));
        auto bob = openAs(url, QStringLiteral("bob"));
        auto &service = alice;
        // The time each event was recorded: the test's clock on SQLite, the server's on
        // PostgreSQL (a pause makes each one later than the one before).
        QList<qint64> recorded;
        for (int i = 0; i < 4; ++i) {
            const QString user = i % 2 ? QStringLiteral("bob") : QStringLiteral("alice");
            Command create =
                makeCommand(QStringLiteral("F%1").arg(i), QStringLiteral("CreateOrder"),
                            {{QStringLiteral("customerId"), QStringLiteral("C")}}, user);
            create.correlationId = QStringLiteral("batch-%1").arg(i % 2);
            auto created = (i % 2 ? bob : alice)->execute(create);
            OT_REQUIRE(created);
            recorded << created->front().metadata.timestamp;
            m_clock.advance(1000);
            QThread::msleep(5);
        }
        EventStore &store = service->store();
        const auto ids = [](const Result<QList<DomainEvent>> &events) {
            QStringList list;
            for (const DomainEvent &e : events.value())
                list << e.aggregateId;
            return list;
        };
        EventFilter byUser;
        byUser.userId = QStringLiteral("bob");
        QCOMPARE(ids(store.readAll(byUser, 0, 100)),
                 (QStringList{QStringLiteral("F1"), QStringLiteral("F3")}));
        EventFilter byCorrelation;
        byCorrelation.correlationId = QStringLiteral("batch-0");
        QCOMPARE(ids(store.readAll(byCorrelation, 0, 100)),
                 (QStringList{QStringLiteral("F0"), QStringLiteral("F2")}));
        EventFilter byTime;
        byTime.fromMs = recorded.at(1);
        byTime.toMs = recorded.at(3);
        QCOMPARE(ids(store.readAll(byTime, 0, 100)),
                 (QStringList{QStringLiteral("F1"), QStringLiteral("F2")}));
        EventFilter byAggregate;
        byAggregate.aggregateId = QStringLiteral("F2");
        byAggregate.eventType = QStringLiteral("OrderCreated");
        QCOMPARE(ids(store.readAll(byAggregate, 0, 100)), QStringList{QStringLiteral("F2")});

        auto page = store.readAll({}, 0, 3);
        OT_REQUIRE(page);
        QCOMPARE(page->size(), 3);
        auto rest = store.readAll({}, page->back().position, 3);
        QCOMPARE(ids(rest), QStringList{QStringLiteral("F3")});
    }

    // Enough orders for the rebuild's replays to run as several tasks on the thread pool.
    void readModelRebuildGivesIdenticalRows() {
        auto service = openOrders(fresh());
        OT_REQUIRE(service->addDemoOrders(1700, 3, QStringLiteral("demo")));
        auto before = service->orders();
        OT_REQUIRE(before);
        QCOMPARE(before->size(), 1700);
        QVERIFY(service->countEvents({}).value() > 2 * 4000); // orders alone: two tasks or more
        auto rebuilt = service->rebuildProjections();
        OT_REQUIRE(rebuilt);
        QCOMPARE(rebuilt.value(), 1700 + 8 + 10); // orders, the demo customers and products
        auto after = service->orders();
        OT_REQUIRE(after);
        QCOMPARE(after.value(), before.value());
        QSet<OrderStatus> statuses;
        for (const OrderSummary &s : after.value())
            statuses.insert(s.status);
        QCOMPARE(statuses.size(), 5); // demo data covers every status
    }

    void readModelFollowsEveryCommand() {
        const DatabaseUrl url = fresh();
        auto service = openAs(url, QStringLiteral("alice"));
        auto bob = openAs(url, QStringLiteral("bob"));
        auto created =
            service->execute(makeCommand(QStringLiteral("O1"), QStringLiteral("CreateOrder"),
                                         {{QStringLiteral("customerId"), QStringLiteral("C9")}}));
        OT_REQUIRE(created);
        m_clock.advance(5000);
        QThread::msleep(5);
        auto added = bob->execute(makeCommand(QStringLiteral("O1"), QStringLiteral("AddItem"),
                                              {{QStringLiteral("productId"), QStringLiteral("P")},
                                               {QStringLiteral("name"), QStringLiteral("N")},
                                               {QStringLiteral("quantity"), 10000},
                                               {QStringLiteral("price"), QStringLiteral("0.10")}},
                                              QStringLiteral("bob")));
        OT_REQUIRE(added);
        // A rejected command leaves the row as it was.
        QVERIFY(!service->execute(makeCommand(QStringLiteral("O1"), QStringLiteral("ShipOrder"))));
        auto rows = service->orders();
        OT_REQUIRE(rows);
        QCOMPARE(rows->size(), 1);
        const OrderSummary &row = rows->front();
        QCOMPARE(row.customerId, QStringLiteral("C9"));
        QCOMPARE(row.status, OrderStatus::Created);
        QCOMPARE(row.itemCount, 1);
        QCOMPARE(row.total.toString(), QStringLiteral("1000.00"));
        QCOMPARE(row.version, 2);
        // The times the events were recorded with (on PostgreSQL the server's clock).
        QCOMPARE(row.createdAt, created->front().metadata.timestamp);
        QCOMPARE(row.updatedAt, added->front().metadata.timestamp);
        QVERIFY(row.updatedAt > row.createdAt);
        QCOMPARE(row.lastUser, QStringLiteral("bob"));
        auto filtered = service->orders(OrderStatus::Confirmed);
        OT_REQUIRE(filtered);
        QVERIFY(filtered->isEmpty());
    }

    void followersOfTheGlobalOrderSkipNothing() {
        // Writers on separate orders commit concurrently while a follower reads what has been
        // committed; it must see every event exactly once, however the commits interleave.
        const DatabaseUrl url = fresh();
        constexpr int Writers = 3;
        constexpr int OrdersPerWriter = 40;
        std::atomic<int> running = Writers;
        QList<QThread *> threads;
        for (int w = 0; w < Writers; ++w) {
            threads << QThread::create([&, w] {
                auto service = OrderService::open(url, OpenMode::ExistingOnly);
                for (int i = 0; i < OrdersPerWriter; ++i) {
                    const QString id = QStringLiteral("W%1-%2").arg(w).arg(i);
                    (void)service.value()->execute(makeCommand(
                        id, QStringLiteral("CreateOrder"), {{QStringLiteral("customerId"), id}}));
                }
                --running;
            });
        }
        QStringList seen;
        QThread *follower = QThread::create([&] {
            auto service = OrderService::open(url, OpenMode::ExistingOnly);
            CommitCursor cursor;
            // A follower sees a commit once every older transaction in the whole cluster has
            // ended (other tests' too), so it reads until it has seen as many events as were
            // written, or gives up a while after the writers are done.
            QDeadlineTimer patience(QDeadlineTimer::Forever);
            while (seen.size() < Writers * OrdersPerWriter && !patience.hasExpired()) {
                if (running == 0 && patience.isForever())
                    patience.setRemainingTime(60000);
                for (;;) {
                    auto page = service.value()->store().readCommitted(cursor, 7);
                    if (!page || page->isEmpty())
                        break;
                    for (const DomainEvent &event : page.value())
                        seen << event.id.toString();
                }
                QThread::usleep(500);
            }
            // Nothing more may come: a repeat would show here.
            auto rest = service.value()->store().readCommitted(cursor, 7);
            if (rest)
                for (const DomainEvent &event : rest.value())
                    seen << event.id.toString();
        });
        follower->start();
        for (QThread *thread : threads)
            thread->start();
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(120000));
            delete thread;
        }
        QVERIFY(follower->wait(120000));
        delete follower;

        auto service = openOrders(url);
        auto all = service->store().readAll({}, 0, 100000);
        OT_REQUIRE(all);
        QCOMPARE(all->size(), Writers * OrdersPerWriter);
        QStringList expected;
        for (const DomainEvent &event : all.value())
            expected << event.id.toString();
        QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), seen.size()); // no repeats
        seen.sort();
        expected.sort();
        QCOMPARE(seen, expected); // nothing skipped
    }

    void filteredFollowerStartsAtTheFrontier() {
        auto service = openOrders(fresh());
        const auto create = [&](const QString &id, const QString &customer) {
            return service->execute(makeCommand(id, QStringLiteral("CreateOrder"),
                                                {{QStringLiteral("customerId"), customer}}));
        };
        auto old = create(QStringLiteral("OLD-1"), QStringLiteral("acme"));
        OT_REQUIRE(old);
        // On PostgreSQL what is final waits for every older transaction in the cluster (other
        // tests' too): wait until the frontier has passed OLD-1.
        QDeadlineTimer patience(60000);
        auto frontier = service->store().commitFrontier();
        while (frontier && frontier->position < old->front().position && !patience.hasExpired()) {
            QThread::msleep(20);
            frontier = service->store().commitFrontier();
        }
        OT_REQUIRE(frontier);
        QCOMPARE(frontier->position, old->front().position);
        CommitCursor cursor = frontier.value();
        OT_REQUIRE(create(QStringLiteral("NEW-1"), QStringLiteral("acme")));
        OT_REQUIRE(create(QStringLiteral("NEW-2"), QStringLiteral("globex")));
        OT_REQUIRE(create(QStringLiteral("NEW-3"), QStringLiteral("acme")));
        EventFilter acme;
        acme.text = QStringLiteral("acme");
        QStringList ids;
        while (ids.size() < 2 && !patience.hasExpired()) {
            auto tail = service->store().readCommitted(cursor, 100, acme);
            OT_REQUIRE(tail);
            for (const DomainEvent &e : tail.value())
                ids << e.aggregateId;
            QThread::msleep(ids.size() < 2 ? 20 : 0);
        }
        QCOMPARE(ids, (QStringList{QStringLiteral("NEW-1"), QStringLiteral("NEW-3")}));
        auto nothingMore = service->store().readCommitted(cursor, 100, acme);
        OT_REQUIRE(nothingMore);
        QVERIFY(nothingMore->isEmpty());
        auto empty = openOrders(fresh())->store().commitFrontier();
        OT_REQUIRE(empty);
        QCOMPARE(empty.value(), CommitCursor{});
    }

    void changeFeedHearsOtherWriters() {
        const DatabaseUrl url = fresh();
        auto feed = ChangeFeed::open(url);
        OT_REQUIRE(feed);
        QSignalSpy changed(feed->get(), &ChangeFeed::changed);
        auto writer = openOrders(url);
        OT_REQUIRE(
            writer->execute(makeCommand(QStringLiteral("O1"), QStringLiteral("CreateOrder"),
                                        {{QStringLiteral("customerId"), QStringLiteral("C")}})));
        QVERIFY(changed.wait(5000));
        // A refused command commits nothing, so nobody is told of it.
        changed.clear();
        QVERIFY(!writer->execute(makeCommand(QStringLiteral("O1"), QStringLiteral("ShipOrder"))));
        QVERIFY(!changed.wait(4 * ChangeFeed::SqlitePollMs));
    }

    void serverRecordsTheLoginWhateverTheCommandSays() {
        if (!m_backend.isPostgres())
            QSKIP("PostgreSQL only: on SQLite the signed-in name is the command's");
        const DatabaseUrl url = fresh();
        auto alice = openAs(url, QStringLiteral("alice"));
        auto created = alice->execute(makeCommand(
            QStringLiteral("O1"), QStringLiteral("CreateOrder"),
            {{QStringLiteral("customerId"), QStringLiteral("C")}}, QStringLiteral("someone-else")));
        OT_REQUIRE(created);
        QCOMPARE(created->front().metadata.userId, QStringLiteral("alice"));
        RawConnection raw(url);
        QCOMPARE(raw.value(QStringLiteral("SELECT user_id FROM events")).toString(),
                 QStringLiteral("alice"));
        QCOMPARE(raw.value(QStringLiteral("SELECT last_user FROM order_summaries")).toString(),
                 QStringLiteral("alice"));
        // A client writing around the application cannot insert a row at all, and through the
        // append function, the one way in, it still cannot choose the name, time or hash.
        RawConnection staff(
            TestBackend::as(url, QStringLiteral("alice"), QStringLiteral("pw-alice")));
        const QSqlError refused = staff.exec(QStringLiteral(
            "INSERT INTO events (id, aggregate_type, aggregate_id, version, type, schema_version, "
            "data, user_id, correlation_id, causation_id, recorded_at, hash) VALUES ('x', "
            "'Order', 'O9', 1, 'OrderCreated', 1, '{}', 'mallory', 'c', 'c', 0, 'h')"));
        QCOMPARE(refused.nativeErrorCode(), QStringLiteral("42501"));
        QVERIFY(!staff
                     .exec(QStringLiteral(
                         "SELECT ordertrail_append('Order', 'O9', 1, NULL, "
                         "'00000000-0000-4000-8000-000000000009', 'OrderCreated', 1, "
                         "'{\"customerId\":\"C\"}', 'c', 'c', NULL, NULL, NULL, NULL, NULL, "
                         "NULL)"))
                     .isValid());
        QCOMPARE(raw.value(QStringLiteral("SELECT user_id FROM events WHERE aggregate_id = 'O9'"))
                     .toString(),
                 QStringLiteral("alice"));
        QVERIFY(qAbs(raw.value(QStringLiteral("SELECT recorded_at FROM events WHERE aggregate_id "
                                              "= 'O9'"))
                         .toLongLong() -
                     QDateTime::currentMSecsSinceEpoch()) < 60000);
        auto report = alice->verify(OrderService::Verify::Links);
        OT_REQUIRE(report);
        QVERIFY(report->intact()); // the server hashed the row it stored
    }

    void rolesCannotRewriteHistory() {
        if (!m_backend.isPostgres())
            QSKIP("PostgreSQL only");
        const DatabaseUrl url = fresh();
        auto alice = openAs(url, QStringLiteral("alice"));
        OT_REQUIRE(
            alice->execute(makeCommand(QStringLiteral("O1"), QStringLiteral("CreateOrder"),
                                       {{QStringLiteral("customerId"), QStringLiteral("C")}})));
        const auto auditorAdded = admin::addUser(url, QStringLiteral("audrey"),
                                                 admin::Role::Auditor, QStringLiteral("pw-audrey"));
        QVERIFY(auditorAdded ||
                auditorAdded.error().message.contains(QStringLiteral("already exists")));
        const DatabaseUrl auditorUrl =
            TestBackend::as(url, QStringLiteral("audrey"), QStringLiteral("pw-audrey"));

        RawConnection staff(
            TestBackend::as(url, QStringLiteral("alice"), QStringLiteral("pw-alice")));
        RawConnection auditor(auditorUrl);
        for (RawConnection *login : {&staff, &auditor}) {
            for (const char *sql : {"UPDATE events SET data = '{}'", "DELETE FROM events",
                                    "TRUNCATE events", "ALTER TABLE events DISABLE TRIGGER ALL"}) {
                const QSqlError error = login->exec(QString::fromLatin1(sql));
                QVERIFY2(error.isValid(), sql);
                QVERIFY2(error.nativeErrorCode() == QStringLiteral("42501") ||
                             error.databaseText().contains(QStringLiteral("owner")),
                         qPrintable(error.text()));
            }
        }
        // The auditor reads, and cannot append through the application either.
        auto asAuditor = OrderService::open(auditorUrl, OpenMode::ExistingOnly);
        OT_REQUIRE(asAuditor);
        auto orders = asAuditor.value()->orders();
        OT_REQUIRE(orders);
        QCOMPARE(orders->size(), 1);
        auto refused = asAuditor.value()->execute(
            makeCommand(QStringLiteral("O2"), QStringLiteral("CreateOrder"),
                        {{QStringLiteral("customerId"), QStringLiteral("C")}}));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Storage);
        QVERIFY2(refused.error().message.contains(QStringLiteral("permission denied")),
                 qPrintable(refused.error().message));
        RawConnection raw(url);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM events")).toInt(), 1);
    }

    void connectionTroubleIsOneClearLine_data() {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("expected");
        QTest::newRow("wrong password") << QStringLiteral("password") << QStringLiteral("password");
        QTest::newRow("missing database")
            << QStringLiteral("database") << QStringLiteral("does not exist");
        QTest::newRow("nobody listening") << QStringLiteral("port") << QStringLiteral("refused");
    }

    void connectionTroubleIsOneClearLine() {
        if (!m_backend.isPostgres())
            QSKIP("PostgreSQL only");
        QFETCH(QString, what);
        QFETCH(QString, expected);
        DatabaseUrl url = fresh();
        if (what == QLatin1String("password"))
            url.password = QStringLiteral("wrong");
        else if (what == QLatin1String("database"))
            url.database = QStringLiteral("no_such_database");
        else
            url.port = 1; // nothing listens on port 1
        auto opened = Database::open(url, OpenMode::ExistingOnly);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::Storage);
        const QString message = opened.error().message;
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(!message.contains(u'\n'), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("wrong")), "the password must not be shown");
    }

    void longStreamsLoadFromSnapshots() {
        const DatabaseUrl url = fresh();
        auto writer = openOrders(url);
        OT_REQUIRE(
            writer->execute(makeCommand(QStringLiteral("L1"), QStringLiteral("CreateOrder"),
                                        {{QStringLiteral("customerId"), QStringLiteral("C")}})));
        for (int i = 0; i < 160; ++i) { // 160 adds and 80 removes: versions 2 .. 241
            OT_REQUIRE(writer->execute(
                makeCommand(QStringLiteral("L1"), QStringLiteral("AddItem"),
                            {{QStringLiteral("productId"), QStringLiteral("P%1").arg(i)},
                             {QStringLiteral("name"), QStringLiteral("Thing %1").arg(i)},
                             {QStringLiteral("quantity"), 1 + i % 3},
                             {QStringLiteral("price"), QStringLiteral("%1.25").arg(i)}})));
            if (i % 2)
                OT_REQUIRE(writer->execute(makeCommand(
                    QStringLiteral("L1"), QStringLiteral("RemoveItem"),
                    {{QStringLiteral("productId"), QStringLiteral("P%1").arg(i - 1)}})));
        }
        RawConnection raw(url);
        QCOMPARE(raw.value(QStringLiteral("SELECT version FROM snapshots")).toInt(),
                 2 * CommandHandler::SnapshotEvery);

        // The state from the snapshot plus the events after it is the state the events give.
        auto history = writer->history(QStringLiteral("L1"));
        OT_REQUIRE(history);
        const auto replayed = [&](qint64 version) {
            OrderAggregate order(QStringLiteral("L1"));
            order.loadFromHistory(history->first(version));
            return order.toJson();
        };
        auto reader = openOrders(url);
        for (qint64 version : {history->size(), qsizetype(200), qsizetype(201), qsizetype(150)}) {
            auto loaded = reader->order(QStringLiteral("L1"), version);
            OT_REQUIRE(loaded);
            QCOMPARE(loaded.value()->toJson(), replayed(version));
        }

        // The event at each snapshot mark commits to the state saved there.
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM events WHERE state_digest <> ''"))
                     .toInt(),
                 2);
        QCOMPARE(raw.value(QStringLiteral("SELECT e.state_digest FROM events e JOIN snapshots s "
                                          "ON e.version = s.version"))
                     .toByteArray(),
                 stateDigest(
                     raw.value(QStringLiteral("SELECT snapshot_version FROM snapshots")).toInt(),
                     raw.value(QStringLiteral("SELECT state FROM snapshots")).toString().toUtf8()));

        // A snapshot changed behind the store's back, or of another shape, is never used: the
        // events decide, and a command builds on them.
        raw.exec(
            QStringLiteral("UPDATE snapshots SET state = replace(state, '\"customerId\":\"C\"', "
                           "'\"customerId\":\"FORGED\"')"));
        QCOMPARE(openOrders(url)->order(QStringLiteral("L1")).value()->toJson(),
                 replayed(history->size()));
        // At its own version no event follows the snapshot, and still only the events count.
        QCOMPARE(openOrders(url)->order(QStringLiteral("L1"), 200).value()->toJson(),
                 replayed(200));
        // A snapshot row past the stream's head (no event of its version) does not hide the
        // stream.
        raw.exec(QStringLiteral("UPDATE snapshots SET version = version + 1000"));
        QCOMPARE(openOrders(url)->order(QStringLiteral("L1")).value()->toJson(),
                 replayed(history->size()));
        raw.exec(QStringLiteral("UPDATE snapshots SET version = version - 1000"));
        raw.exec(
            QStringLiteral("UPDATE snapshots SET state = '{\"state\":{\"status\":\"bogus\"}}'"));
        QCOMPARE(openOrders(url)->order(QStringLiteral("L1")).value()->toJson(),
                 replayed(history->size()));
        raw.exec(QStringLiteral("UPDATE snapshots SET snapshot_version = 99"));
        auto otherShape = openOrders(url);
        OT_REQUIRE(
            otherShape->execute(makeCommand(QStringLiteral("L1"), QStringLiteral("ConfirmOrder"))));
        QCOMPARE(otherShape->order(QStringLiteral("L1"))
                     .value()
                     ->toJson()
                     .value(QStringLiteral("status")),
                 QJsonValue(QStringLiteral("confirmed")));

        // A rebuild writes the snapshot again at the newest mark whose event commits to it.
        raw.exec(QStringLiteral("DELETE FROM snapshots"));
        OT_REQUIRE(otherShape->rebuildProjections());
        QCOMPARE(raw.value(QStringLiteral("SELECT version FROM snapshots")).toInt(),
                 2 * CommandHandler::SnapshotEvery);
        QCOMPARE(raw.value(QStringLiteral("SELECT snapshot_version FROM snapshots")).toInt(),
                 OrderAggregate(QStringLiteral("x")).snapshotVersion());

        // And a load does start from it: an event before the snapshot, changed now, is not
        // replayed by a load of the newest state, only by one from before the snapshot.
        raw.allowTampering();
        raw.exec(QStringLiteral("UPDATE events SET data = replace(data, '\"C\"', "
                                "'\"FROM-EVENTS\"') WHERE version = 1"));
        QCOMPARE(openOrders(url)->order(QStringLiteral("L1")).value()->customerId(),
                 QStringLiteral("C"));
        QCOMPARE(openOrders(url)->order(QStringLiteral("L1"), 150).value()->customerId(),
                 QStringLiteral("FROM-EVENTS"));
    }

    void commandsInACallersTransactionCommitOrRollBackWithIt() {
        const DatabaseUrl url = fresh();
        auto service = openOrders(url);
        Database &db = service->store().database();
        const auto create = [&](const QString &id) {
            return service->execute(
                makeCommand(id, QStringLiteral("CreateOrder"),
                            {{QStringLiteral("customerId"), QStringLiteral("C")}}));
        };
        // Rolled back as a whole, nothing stays, and the handler remembers nothing of it.
        bool insideOk = false;
        auto aborted = db.writeTransaction([&]() -> Result<void> {
            insideOk =
                create(QStringLiteral("T1")).ok() &&
                service
                    ->execute(makeCommand(QStringLiteral("T1"), QStringLiteral("CancelOrder"),
                                          {{QStringLiteral("reason"), QStringLiteral("r")}}))
                    .ok();
            return Error::storage(QStringLiteral("the caller gives up"));
        });
        QVERIFY(insideOk);
        QVERIFY(!aborted);
        QCOMPARE(service->history(QStringLiteral("T1")).error().code, ErrorCode::NotFound);
        OT_REQUIRE(create(QStringLiteral("T1")));
        auto history = service->history(QStringLiteral("T1"));
        OT_REQUIRE(history);
        QCOMPARE(history->size(), 1);

        // A refused command inside undoes only itself.
        bool refused = false;
        auto batch = db.writeTransaction([&]() -> Result<void> {
            if (auto made = create(QStringLiteral("T2")); !made)
                return made.error();
            refused =
                !service->execute(makeCommand(QStringLiteral("T2"), QStringLiteral("ShipOrder")));
            if (auto made = create(QStringLiteral("T3")); !made)
                return made.error();
            return {};
        });
        QVERIFY(refused);
        OT_REQUIRE(batch);
        auto orders = service->orders();
        OT_REQUIRE(orders);
        QCOMPARE(orders->size(), 3);
        auto report = service->verify();
        QVERIFY(report && report->intact());
    }

    // A group (serve's group commit) answers each command alone: refused, invalid and failing
    // commands undo only themselves, even a write the database refuses halfway, and a command
    // sees the ones before it in the group.
    void aGroupUndoesEachFailureAloneAndKeepsTheRest() {
        // The fourth id repeats the first: the event of the fourth command collides in storage.
        class RepeatFourth final : public IdGenerator {
        public:
            QUuid next() override {
                ++m_count;
                return QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-%1")
                                             .arg(m_count == 4 ? 1 : m_count, 12, 16, QChar(u'0')));
            }

        private:
            int m_count = 0;
        } ids;
        const DatabaseUrl url = fresh();
        auto opened = OrderService::open(url, OpenMode::CreateIfMissing, {&m_clock, &ids});
        OT_REQUIRE(opened);
        OrderService &service = *opened.value();
        const auto create = [](const QString &id) {
            return makeCommand(id, QStringLiteral("CreateOrder"),
                               {{QStringLiteral("customerId"), QStringLiteral("C")}});
        };
        const auto add = [](const QString &id, const QString &product) {
            return makeCommand(id, QStringLiteral("AddItem"),
                               {{QStringLiteral("productId"), product},
                                {QStringLiteral("name"), product},
                                {QStringLiteral("quantity"), 1},
                                {QStringLiteral("price"), QStringLiteral("1.00")}});
        };
        Command sentTwice = add(QStringLiteral("A"), QStringLiteral("P2"));
        sentTwice.id = QStringLiteral("client-command-1");
        sentTwice.idFromClient = true;
        auto group = service.executeGroup({
            create(QStringLiteral("A")),                                      // id 1
            add(QStringLiteral("A"), QStringLiteral("P1")),                   // id 2
            makeCommand(QStringLiteral("A"), QStringLiteral("ShipOrder")),    // refused
            create(QStringLiteral("B")),                                      // id 3
            create(QStringLiteral("C")),                                      // id 4 = 1: storage
            add(QStringLiteral("A"), QStringLiteral("")),                     // invalid
            sentTwice,                                                        // id 5
            sentTwice,                                                        // answered again
            makeCommand(QStringLiteral("Z"), QStringLiteral("ConfirmOrder")), // not found
            create(QStringLiteral("D")),                                      // id 6
        });
        OT_REQUIRE(group);
        const QList<ErrorCode> expected{ErrorCode::Rejected, ErrorCode::Storage, ErrorCode::Invalid,
                                        ErrorCode::NotFound};
        QList<ErrorCode> failures;
        for (const auto &outcome : group.value()) {
            if (!outcome)
                failures.append(outcome.error().code);
        }
        QCOMPARE(failures, expected);
        QCOMPARE(group->at(7)->first().id, group->at(6)->first().id);

        const auto versions = [&](const QString &id) {
            auto history = service.history(id);
            return history ? history->size() : 0;
        };
        QCOMPARE(versions(QStringLiteral("A")), 3);
        QCOMPARE(versions(QStringLiteral("B")), 1);
        QCOMPARE(versions(QStringLiteral("C")), 0);
        QCOMPARE(versions(QStringLiteral("D")), 1);
        // The states remembered once the group committed carry on from there.
        OT_REQUIRE(service.execute(add(QStringLiteral("A"), QStringLiteral("P3"))));
        QCOMPARE(versions(QStringLiteral("A")), 4);
        auto report = service.verify();
        QVERIFY(report && report->intact());
    }

    // The brute-force reading of EventFilter::text: a string value (or key) of the data holds
    // the text, ignoring the case of ASCII letters.
    // The filter's meaning: the text, as written in a JSON string, occurs in the data as stored
    // (its canonical JSON, sealed personal data as stored), ignoring the case of ASCII letters.
    static bool containsText(const QJsonObject &data, const QString &text) {
        const auto fold = [](QString value) {
            for (QChar &c : value) {
                if (c.unicode() < 128)
                    c = c.toLower();
            }
            return value;
        };
        // The text as a JSON string holds it (["..."] without the brackets and quotes).
        const QString escaped =
            QString::fromUtf8(QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact));
        return fold(QString::fromUtf8(canonicalJson(data)))
            .contains(fold(escaped.mid(2, escaped.size() - 4)));
    }

    // SQLite fills the text index in batches before a search: more events than several
    // batches are all found, those at either end and between batches alike (how long other
    // writers wait meanwhile is ordertrail-bench audit's text_index_catch_up). It then takes
    // the candidates of a text from its rarest trigram ("q1x" of "zq1x"), or, where every
    // trigram is in one event in sixteen or more ("nut", the name of every item here; "zq1"),
    // from the whole phrase: both ways page and count what the data holds.
    void textSearchFindsEveryEventAfterBatchedIndexing() {
        constexpr int Items = 2100;
        const DatabaseUrl url = fresh();
        auto service = openOrders(url);
        QList<Command> commands;
        commands << makeCommand(QStringLiteral("T-1"), QStringLiteral("CreateOrder"),
                                {{QStringLiteral("customerId"), QStringLiteral("C")}});
        for (int i = 0; i < Items; ++i)
            commands << makeCommand(QStringLiteral("T-1"), QStringLiteral("AddItem"),
                                    {{QStringLiteral("productId"), QStringLiteral("zq%1x").arg(i)},
                                     {QStringLiteral("name"), QStringLiteral("nut")},
                                     {QStringLiteral("quantity"), 1},
                                     {QStringLiteral("price"), QStringLiteral("1.00")}});
        commands << makeCommand(QStringLiteral("T-1"), QStringLiteral("AddItem"),
                                {{QStringLiteral("productId"), QStringLiteral("ueber")},
                                 {QStringLiteral("name"), QStringLiteral("Übergabe")},
                                 {QStringLiteral("quantity"), 1},
                                 {QStringLiteral("price"), QStringLiteral("1.00")}});
        OT_REQUIRE(service->executeAtomically(commands));
        for (const int i : {0, 499, 500, 501, 1000, 1599, Items - 1}) {
            EventFilter filter;
            filter.text = QStringLiteral("zq%1x").arg(i);
            auto found = service->events(filter, 0, 10);
            OT_REQUIRE(found);
            QCOMPARE(found->size(), 1);
            QCOMPARE(found->front().metadata.version, i + 2);
        }
        const auto countOf = [&](const QString &text) {
            EventFilter filter;
            filter.text = text;
            auto count = service->countEvents(filter);
            return count ? count.value() : -1;
        };
        QCOMPARE(countOf(QStringLiteral("zq")), Items);
        QCOMPARE(countOf(QStringLiteral("NUT")), Items);
        QCOMPARE(countOf(QStringLiteral("zq1")), 1 + 10 + 100 + 1000); // zq1x … zq1999x
        QCOMPARE(countOf(QStringLiteral("zq1x")), 1);
        QCOMPARE(countOf(QStringLiteral("nut\"")), 0); // the data's quote after it ends a string
        QCOMPARE(countOf(QStringLiteral("BERGABE")), 1);
        // FTS5 folds the case of every letter, and a text with other letters than ASCII's is
        // left to it on SQLite; PostgreSQL's ILIKE folds as the database's locale says.
        if (url.backend == DatabaseUrl::Backend::Sqlite)
            QCOMPARE(countOf(QStringLiteral("übergabe")), 1);
        EventFilter common;
        common.text = QStringLiteral("nut");
        auto newest = service->events(common, 0, 10, Direction::NewestFirst);
        OT_REQUIRE(newest);
        QCOMPARE(newest->size(), 10);
        QCOMPARE(newest->front().metadata.version, Items + 1);
        QCOMPARE(newest->back().metadata.version, Items - 8);
    }

    void filtersAgreeWithBruteForce() {
        const DatabaseUrl url = fresh();
        auto alice = openAs(url, QStringLiteral("alice"));
        auto bob = openAs(url, QStringLiteral("bob"));
        OT_REQUIRE(alice->addDemoOrders(12, 5, QStringLiteral("alice")));
        m_clock.advance(60'000);
        OT_REQUIRE(bob->addDemoOrders(12, 6, QStringLiteral("bob")));
        // Hostile text: LIKE wildcards, quotes and the escape character are matched literally.
        OT_REQUIRE(bob->execute(
            makeCommand(QStringLiteral("ODD-1"), QStringLiteral("CreateOrder"),
                        {{QStringLiteral("customerId"), QStringLiteral("100%_off \"x\" \\ Ünï")}},
                        QStringLiteral("bob"))));
        EventStore &store = alice->store();
        auto everything = store.readAll({}, 0, 100000);
        OT_REQUIRE(everything);
        const QList<DomainEvent> &all = everything.value();
        const qint64 middle = all.at(all.size() / 2).metadata.timestamp;

        QList<std::pair<QString, EventFilter>> filters;
        const auto add = [&](const QString &name, const std::function<void(EventFilter &)> &set) {
            EventFilter filter;
            set(filter);
            filters.append({name, filter});
        };
        add(QStringLiteral("user"), [](EventFilter &f) { f.userId = QStringLiteral("bob"); });
        add(QStringLiteral("type"),
            [](EventFilter &f) { f.eventType = QStringLiteral("ItemAdded"); });
        add(QStringLiteral("time"), [&](EventFilter &f) {
            f.fromMs = middle;
            f.toMs = middle + 60'001;
        });
        add(QStringLiteral("order"), [](EventFilter &f) {
            f.aggregateType = OrderAggregate::Type;
            f.aggregateId = QStringLiteral("ORD-000003");
        });
        add(QStringLiteral("correlation"),
            [&](EventFilter &f) { f.correlationId = all.back().metadata.correlationId; });
        add(QStringLiteral("text"), [](EventFilter &f) { f.text = QStringLiteral("espresso"); });
        add(QStringLiteral("short text"), [](EventFilter &f) { f.text = QStringLiteral("Dh"); });
        add(QStringLiteral("wildcards"),
            [](EventFilter &f) { f.text = QStringLiteral("100%_OFF"); });
        add(QStringLiteral("quote"), [](EventFilter &f) { f.text = QStringLiteral("\"x\" \\"); });
        add(QStringLiteral("accents"), [](EventFilter &f) { f.text = QStringLiteral("Ünï"); });
        // PostgreSQL narrows a search by the data without spaces: a phrase is found across its
        // spaces, and a space where the data has none finds nothing.
        add(QStringLiteral("phrase"),
            [](EventFilter &f) { f.text = QStringLiteral("_OFF \"x\" \\ Ü"); });
        add(QStringLiteral("a space the data lacks"),
            [](EventFilter &f) { f.text = QStringLiteral("100% _off"); });
        add(QStringLiteral("no wildcard match"), [](EventFilter &f) {
            f.text = QStringLiteral("1000");
            f.eventType = QStringLiteral("OrderCreated");
        });
        add(QStringLiteral("combined"), [&](EventFilter &f) {
            f.userId = QStringLiteral("alice");
            f.eventType = QStringLiteral("ItemAdded");
            f.text = QStringLiteral("mug");
        });

        for (const auto &[name, filter] : filters) {
            QStringList expected; // newest first
            for (auto it = all.crbegin(); it != all.crend(); ++it) {
                const DomainEvent &e = *it;
                const bool match =
                    (filter.userId.isEmpty() || e.metadata.userId == filter.userId) &&
                    (filter.eventType.isEmpty() || e.type == filter.eventType) &&
                    (filter.aggregateId.isEmpty() || e.aggregateId == filter.aggregateId) &&
                    (filter.correlationId.isEmpty() ||
                     e.metadata.correlationId == filter.correlationId) &&
                    (!filter.fromMs || e.metadata.timestamp >= *filter.fromMs) &&
                    (!filter.toMs || e.metadata.timestamp < *filter.toMs) &&
                    (filter.text.isEmpty() || containsText(e.data, filter.text));
                if (match)
                    expected << e.id.toString();
            }
            QStringList paged; // pages of 7, newest first
            qint64 from = 0;
            for (;;) {
                auto page = store.readAll(filter, from, 7, Direction::NewestFirst);
                OT_REQUIRE(page);
                for (const DomainEvent &e : page.value())
                    paged << e.id.toString();
                if (page->size() < 7)
                    break;
                from = page->back().position;
            }
            QVERIFY2(paged == expected, qPrintable(name + u' ' + paged.join(u',') +
                                                   QStringLiteral(" != ") + expected.join(u',')));
            QStringList oldestFirst; // the same, pages of 7 from the oldest
            from = 0;
            for (;;) {
                auto page = store.readAll(filter, from, 7, Direction::OldestFirst);
                OT_REQUIRE(page);
                for (const DomainEvent &e : page.value())
                    oldestFirst.prepend(e.id.toString());
                if (page->size() < 7)
                    break;
                from = page->back().position;
            }
            QVERIFY2(oldestFirst == expected, qPrintable(name + QStringLiteral(" oldest first")));
            auto count = store.count(filter);
            OT_REQUIRE(count);
            QCOMPARE(count.value(), expected.size());
            if (name != QLatin1String("no wildcard match") &&
                name != QLatin1String("a space the data lacks"))
                QVERIFY2(!expected.isEmpty(),
                         qPrintable(name + QStringLiteral(" matches nothing")));
        }

        // Events appended after a search are found by the next one.
        OT_REQUIRE(
            bob->execute(makeCommand(QStringLiteral("LATE-1"), QStringLiteral("CreateOrder"),
                                     {{QStringLiteral("customerId"), QStringLiteral("zebra-late")}},
                                     QStringLiteral("bob"))));
        EventFilter late;
        late.text = QStringLiteral("ZEBRA-LATE");
        auto found = store.readAll(late, 0, 10);
        OT_REQUIRE(found);
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->front().aggregateId, QStringLiteral("LATE-1"));
    }

private:
    QList<DomainEvent> racingEvent(const QString &id, qint64 version) {
        DomainEvent event;
        event.id = m_ids.next();
        event.aggregateId = id;
        event.aggregateType = QStringLiteral("Counter");
        event.type = QStringLiteral("Incremented");
        event.data = {{QStringLiteral("by"), 1}};
        event.metadata = {QStringLiteral("racer"), m_clock.nowMs(), version, QStringLiteral("r"),
                          QStringLiteral("r")};
        return {event};
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
