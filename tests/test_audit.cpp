// The auditor's tools in core: CSV export (checked with Python's csv module, a standard CSV
// reader), checkpoints, and the counts of events by the hour behind the activity chart, on each
// backend (ORDERTRAIL_TEST_BACKEND).

#include "TestSupport.h"
#include "audit/CsvExport.h"
#include "es/EventHash.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QThread>

using namespace ot;
using namespace ot::test;

namespace {

// The rows of a CSV file as Python's csv module reads them (a BOM is dropped by utf-8-sig).
QList<QStringList> readWithPython(const QString &path) {
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import csv, json, sys\n"
                                 "csv.field_size_limit(sys.maxsize)  # cells of 1 MB and more\n"
                                 "with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n"
                                 "    json.dump(list(csv.reader(f, strict=True)), sys.stdout)\n"),
                  path});
    if (!python.waitForFinished(60000) || python.exitCode() != 0)
        qFatal("python3 could not read %s: %s", qPrintable(path),
               python.readAllStandardError().constData());
    QList<QStringList> rows;
    for (const QJsonValue &row : QJsonDocument::fromJson(python.readAllStandardOutput()).array()) {
        QStringList cells;
        for (const QJsonValue &cell : row.toArray())
            cells << cell.toString();
        rows << cells;
    }
    return rows;
}

constexpr qint64 HourMs = 3600000;

// What a filter's activity must be, worked out from the events it selects as read page by page:
// by UTC hour, then key.
QList<ActivityCount> activityOfEvents(OrderService &service, const EventFilter &filter,
                                      ActivityKey key) {
    auto events = service.events(filter, 0, 1000000);
    if (!events)
        qFatal("cannot read the events: %s", qPrintable(events.error().message));
    QMap<std::pair<qint64, QString>, qint64> counts;
    for (const DomainEvent &e : events.value()) {
        const qint64 hour = e.metadata.timestamp / HourMs * HourMs;
        ++counts[{hour, key == ActivityKey::Type ? e.type : e.metadata.userId}];
    }
    QList<ActivityCount> activity;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        activity.append({it.key().first, it.key().second, it.value()});
    return activity;
}

QString describe(const QList<ActivityCount> &activity) {
    QStringList lines;
    for (const ActivityCount &c : activity)
        lines << QStringLiteral("%1 %2 %3").arg(c.hourMs).arg(c.key).arg(c.count);
    return lines.join(u'\n');
}

QByteArray fileBytes(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestAudit : public QObject {
    Q_OBJECT

private:
    // A deep verify against the checkpoint a fixture was taken with on this backend
    // (tests/fixtures/README.md) finds nothing wrong.
    void deepVerifyHolds(OrderService &service, const QString &onSqlite,
                         const QString &onPostgres) {
        const QString checkpoint = m_backend.isPostgres() ? onPostgres : onSqlite;
        const auto verified =
            service.verify(OrderService::Verify::Deep, {}, Checkpoint::parse(checkpoint).value());
        OT_REQUIRE(verified);
        QVERIFY2(verified->intact(), qPrintable(ot::test::describe(verified.value()).join(u'\n')));
    }

    TestBackend m_backend;
    ManualClock m_clock;
    SequentialIds m_ids;
    QTemporaryDir m_files;

    std::unique_ptr<OrderService> open(const DatabaseUrl &url) {
        return openService(url, OpenMode::CreateIfMissing, {&m_clock, &m_ids});
    }

    // Appends one event per value, straight through the store: an export must carry whatever
    // was stored, not only what today's commands accept.
    void storeNotes(OrderService &service, const QStringList &ids, const QStringList &values) {
        for (qsizetype i = 0; i < values.size(); ++i) {
            DomainEvent event;
            event.id = m_ids.next();
            event.aggregateType = QStringLiteral("Note");
            event.aggregateId = ids.at(i);
            event.type = QStringLiteral("Noted");
            event.data = {{QStringLiteral("text"), values.at(i)}};
            event.metadata = {values.at(i).left(100), m_clock.nowMs(), 1, values.at(i).left(100),
                              QStringLiteral("cause")};
            auto stored =
                service.store().append({event.aggregateType, event.aggregateId}, 0, {event});
            QVERIFY2(stored.ok(), stored.ok() ? "" : qPrintable(stored.error().message));
        }
    }

    static QStringList hostileValues() {
        return {QStringLiteral("plain"),
                QStringLiteral("comma, and \"quotes\""),
                QStringLiteral("line\nbreak and\r\nCRLF"),
                QStringLiteral("=1+1"),
                QStringLiteral("+cmd"),
                QStringLiteral("-2"),
                QStringLiteral("@SUM(A1)"),
                QStringLiteral("\tTAB"),
                QStringLiteral("\rCR"),
                QStringLiteral("emoji 🎉 and Ünïcödé"),
                QString(1024 * 1024, u'x'),
                QStringLiteral("'already quoted")};
    }

private slots:
    void initTestCase() {
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        QProcess probe;
        probe.start(QStringLiteral("python3"), {QStringLiteral("--version")});
        QVERIFY2(probe.waitForFinished(30000) && probe.exitCode() == 0,
                 "python3 is needed to read the exports back (tools/run-tests.sh installs it)");
    }

    void exportRoundTripsThroughACsvReader_data() {
        QTest::addColumn<bool>("neutralise");
        QTest::addColumn<bool>("bom");
        QTest::newRow("neutralised") << true << false;
        QTest::newRow("verbatim, with BOM") << false << true;
    }

    void exportRoundTripsThroughACsvReader() {
        QFETCH(bool, neutralise);
        QFETCH(bool, bom);
        auto service = open(m_backend.freshDatabase());
        const QStringList values = hostileValues();
        QStringList ids;
        for (const QString &value : values)
            ids << value.left(50) + QStringLiteral(" #") + QString::number(ids.size());
        storeNotes(*service, ids, values);

        const QString path = m_files.filePath(QStringLiteral("export-%1.csv").arg(neutralise));
        auto written = exportEventsCsv(service->store(), nullptr, {}, path, {neutralise, bom});
        OT_REQUIRE(written);
        QCOMPARE(written.value(), values.size());
        QCOMPARE(fileBytes(path).startsWith("\xEF\xBB\xBF"), bom);

        const QList<QStringList> rows = readWithPython(path);
        QCOMPARE(rows.size(), values.size() + 1);
        QCOMPARE(rows.front(), csvHeader());
        auto events = service->store().readAll({}, 0, 1000);
        OT_REQUIRE(events);
        const auto expectCell = [&](const QString &value) {
            const QChar first = value.isEmpty() ? QChar() : value.front();
            const bool formula = first == u'=' || first == u'+' || first == u'-' || first == u'@' ||
                                 first == u'\t' || first == u'\r';
            return neutralise && formula ? u'\'' + value : value;
        };
        for (qsizetype i = 0; i < values.size(); ++i) {
            const QStringList &row = rows.at(i + 1);
            const DomainEvent &e = events->at(i);
            QCOMPARE(row.size(), 12);
            QCOMPARE(row.at(0), QString::number(e.position));
            QCOMPARE(row.at(1), isoTimestamp(e.metadata.timestamp));
            QCOMPARE(row.at(2), QStringLiteral("Note"));
            QCOMPARE(row.at(3), expectCell(ids.at(i)));
            QCOMPARE(row.at(4), QStringLiteral("1"));
            QCOMPARE(row.at(5), QStringLiteral("Noted"));
            QCOMPARE(row.at(7), expectCell(values.at(i).left(100)));
            QCOMPARE(row.at(9), e.id.toString(QUuid::WithoutBraces));
            // The data cell is the stored JSON: it reads back to the very value.
            const QJsonObject data = QJsonDocument::fromJson(row.at(10).toUtf8()).object();
            QCOMPARE(data.value(QStringLiteral("text")).toString(), values.at(i));
            QCOMPARE(row.at(11), QString::fromLatin1(e.hash));
        }
    }

    void exportHoldsExactlyWhatTheFilterSelects() {
        auto service = open(m_backend.freshDatabase());
        OT_REQUIRE(service->addDemoOrders(15, 3, QStringLiteral("demo")));
        EventFilter filter;
        filter.eventType = QStringLiteral("ItemAdded");
        filter.text = QStringLiteral("mug");
        const QString path = m_files.filePath(QStringLiteral("filtered.csv"));
        OT_REQUIRE(exportEventsCsv(service->store(), nullptr, filter, path, {}));
        auto expected = service->store().readAll(filter, 0, 100000);
        OT_REQUIRE(expected);
        QVERIFY(!expected->isEmpty());
        const QList<QStringList> rows = readWithPython(path);
        QCOMPARE(rows.size(), expected->size() + 1);
        for (qsizetype i = 0; i < expected->size(); ++i)
            QCOMPARE(rows.at(i + 1).at(9), expected->at(i).id.toString(QUuid::WithoutBraces));
    }

    void cancelledExportLeavesTheOldFile() {
        auto service = open(m_backend.freshDatabase());
        OT_REQUIRE(service->addDemoOrders(400, 4, QStringLiteral("demo"))); // several pages
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.csv"));
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("the previous export\n");
        }
        int pages = 0;
        auto cancelled = exportEventsCsv(service->store(), nullptr, {}, path, {},
                                         [&](qint64 done, qint64 total) {
                                             [&] { QVERIFY(done <= total); }();
                                             return ++pages < 2;
                                         });
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error().message, QStringLiteral("cancelled"));
        QCOMPARE(pages, 2);
        QCOMPARE(fileBytes(path), QByteArray("the previous export\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("audit.csv")});

        auto failed = exportEventsCsv(service->store(), nullptr, {},
                                      dir.filePath(QStringLiteral("no/such/dir.csv")), {});
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::Storage);
    }

    void checkpointCatchesHistoryCutOff() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = open(url);
        OT_REQUIRE(service->addDemoOrders(10, 8, QStringLiteral("demo")));
        // On PostgreSQL a checkpoint covers what is final cluster-wide: another session's open
        // transaction (a parallel test) can hold the boundary back for a moment.
        auto checkpoint = takeCheckpoint(service->store());
        QDeadlineTimer patience(60000);
        const qint64 streams = 10 + 8 + 10; // orders, the demo customers and products
        while (checkpoint && checkpoint->streams < streams && !patience.hasExpired()) {
            QThread::msleep(50);
            checkpoint = takeCheckpoint(service->store());
        }
        OT_REQUIRE(checkpoint);
        QCOMPARE(checkpoint->streams, streams);
        auto parsed = Checkpoint::parse(checkpoint->toString());
        OT_REQUIRE(parsed);
        QCOMPARE(parsed->digest, checkpoint->digest);

        // Later commands change nothing up to the checkpoint.
        OT_REQUIRE(service->addDemoOrders(3, 9, QStringLiteral("demo")));
        auto later = service->verify(OrderService::Verify::Deep, {}, parsed.value());
        OT_REQUIRE(later);
        QVERIFY(later->intact());

        // Cut off the newest two events of one stream and make the read model match: every
        // chain is still whole, only the checkpoint shows it.
        {
            RawConnection raw(url);
            raw.allowTampering();
            QVERIFY(
                !raw.exec(QStringLiteral("DELETE FROM events WHERE aggregate_id = 'ORD-000004' AND "
                                         "version > (SELECT max(version) - 2 FROM events WHERE "
                                         "aggregate_id = 'ORD-000004')"))
                     .isValid());
        }
        OT_REQUIRE(service->rebuildProjections());
        auto chainsOnly = open(url)->verify();
        OT_REQUIRE(chainsOnly);
        QVERIFY(chainsOnly->intact());
        auto withCheckpoint = open(url)->verify(OrderService::Verify::Deep, {}, parsed.value());
        OT_REQUIRE(withCheckpoint);
        QVERIFY(!withCheckpoint->intact());
        QCOMPARE(withCheckpoint->problems.size(), 1);
        QCOMPARE(withCheckpoint->problems.front().kind, IntegrityProblem::Kind::Checkpoint);
        QVERIFY(
            withCheckpoint->problems.front().detail.contains(QString::number(checkpoint->events)));
    }

    // The hourly counts answer whole hours of a filter on the user, the type and the time, and
    // the events the rest: together they must say what the events themselves say, for ranges
    // that start and end inside an hour or on one, and for filters the counts do not keep.
    void activityAndCountsAgreeWithTheEvents() {
        auto service = open(m_backend.freshDatabase());
        const QStringList users{QStringLiteral("alice"), QStringLiteral("bob")};
        for (int n = 0; n < 12; ++n) {
            const QString id = QStringLiteral("ACT-%1").arg(n);
            const QString user = users.at(n % 2);
            const auto run = [&](const QString &type, const QJsonObject &data) {
                m_clock.advance(17 * 60 * 1000); // on PostgreSQL the server's clock stamps
                OT_REQUIRE(service->execute(makeCommand(id, type, data, user)));
            };
            run(QStringLiteral("CreateOrder"),
                {{QStringLiteral("customerId"), QStringLiteral("C")}});
            run(QStringLiteral("AddItem"),
                {{QStringLiteral("productId"), QStringLiteral("SKU-%1").arg(n % 3)},
                 {QStringLiteral("name"), QStringLiteral("Mug")},
                 {QStringLiteral("quantity"), 1},
                 {QStringLiteral("price"), QStringLiteral("2.50")}});
            if (n % 3 == 0)
                run(QStringLiteral("ConfirmOrder"), {});
        }
        // Events of another kind of stream are counted as well.
        m_clock.advance(17 * 60 * 1000);
        OT_REQUIRE(
            service->execute(makeCommand(QStringLiteral("SKU-9"), QStringLiteral("AddProduct"),
                                         {{QStringLiteral("name"), QStringLiteral("Cup")},
                                          {QStringLiteral("unitPrice"), QStringLiteral("3.00")},
                                          {QStringLiteral("taxRate"), QStringLiteral("7")}},
                                         QStringLiteral("bob"))));
        auto all = service->events({}, 0, 1000);
        OT_REQUIRE(all);
        const qint64 first = all->first().metadata.timestamp;
        const qint64 last = all->last().metadata.timestamp;
        const qint64 middle = all->at(all->size() / 2).metadata.timestamp;
        const qint64 hour = first / HourMs * HourMs;

        struct Case {
            const char *name;
            EventFilter filter;
        };
        QList<Case> cases;
        const auto add = [&](const char *name, auto shape) {
            EventFilter f;
            shape(f);
            cases.append({name, f});
        };
        add("everything", [](EventFilter &) {});
        add("user", [](EventFilter &f) { f.userId = QStringLiteral("bob"); });
        add("type", [](EventFilter &f) { f.eventType = QStringLiteral("ItemAdded"); });
        add("whole hours", [&](EventFilter &f) {
            f.fromMs = hour - HourMs;
            f.toMs = hour + 3 * HourMs;
        });
        add("from inside an hour", [&](EventFilter &f) { f.fromMs = middle; });
        add("before inside an hour", [&](EventFilter &f) { f.toMs = middle; });
        add("both inside hours, a type", [&](EventFilter &f) {
            f.fromMs = first + 1;
            f.toMs = last;
            f.eventType = QStringLiteral("OrderCreated");
        });
        add("inside one hour", [&](EventFilter &f) {
            f.fromMs = middle - 1;
            f.toMs = middle + 1;
        });
        add("nothing in range", [&](EventFilter &f) {
            f.fromMs = last + 1;
            f.toMs = last + 10 * HourMs;
        });
        add("an order", [](EventFilter &f) {
            f.aggregateType = OrderAggregate::Type;
            f.aggregateId = QStringLiteral("ACT-3");
        });
        add("text and time", [&](EventFilter &f) {
            f.text = QStringLiteral("SKU-1");
            f.fromMs = middle;
        });
        const auto agree = [&] {
            for (const Case &c : std::as_const(cases)) {
                auto count = service->countEvents(c.filter);
                OT_REQUIRE(count);
                auto events = service->events(c.filter, 0, 1000);
                OT_REQUIRE(events);
                QVERIFY2(count.value() == events->size(), c.name);
                for (ActivityKey key : {ActivityKey::Type, ActivityKey::User}) {
                    auto activity = service->activity(c.filter, key);
                    OT_REQUIRE(activity);
                    const QList<ActivityCount> expected = activityOfEvents(*service, c.filter, key);
                    QVERIFY2(activity.value() == expected,
                             qPrintable(QStringLiteral("%1:\n%2\nexpected:\n%3")
                                            .arg(QLatin1String(c.name), describe(activity.value()),
                                                 describe(expected))));
                }
            }
        };
        agree();
        if (QTest::currentTestFailed())
            return;
        // Counts changed behind the service's back (the owner may) are computed again from the
        // events by a rebuild of the read models, every hour of every kind of stream.
        {
            RawConnection raw(service->store().database().url());
            QVERIFY(!raw.exec(QStringLiteral("UPDATE event_counts SET n = n + 5")).isValid());
            QVERIFY(!raw.exec(QStringLiteral("DELETE FROM event_counts WHERE type = "
                                             "'ProductAdded'"))
                         .isValid());
        }
        QVERIFY(service->countEvents({}).value() != all->size());
        OT_REQUIRE(service->rebuildProjections());
        QCOMPARE(service->countEvents({}).value(), all->size());
        agree();
        if (QTest::currentTestFailed())
            return;

        // The counts follow every append.
        const qint64 before = service->countEvents({}).value();
        OT_REQUIRE(
            service->execute(makeCommand(QStringLiteral("ACT-0"), QStringLiteral("CancelOrder"),
                                         {{QStringLiteral("reason"), QStringLiteral("x")}})));
        QCOMPARE(service->countEvents({}).value(), before + 1);
        EventFilter cancelled;
        cancelled.eventType = QStringLiteral("OrderCancelled");
        QCOMPARE(service->activity(cancelled, ActivityKey::Type).value(),
                 activityOfEvents(*service, cancelled, ActivityKey::Type));
    }

    // The first page of a short time window is sorted, the rest read along the global order:
    // walked a page at a time in either direction, the window gives every matching event once,
    // in the global order.
    void timeWindowPagesHoldEveryMatchOnce() {
        auto service = open(m_backend.freshDatabase());
        for (int n = 0; n < 10; ++n) {
            const QString id = QStringLiteral("WIN-%1").arg(n);
            m_clock.advance(13 * 60 * 1000);
            OT_REQUIRE(service->execute(
                makeCommand(id, QStringLiteral("CreateOrder"),
                            {{QStringLiteral("customerId"), QStringLiteral("C")}})));
            m_clock.advance(13 * 60 * 1000);
            OT_REQUIRE(
                service->execute(makeCommand(id, QStringLiteral("CancelOrder"),
                                             {{QStringLiteral("reason"), QStringLiteral("x")}})));
        }
        auto all = service->events({}, 0, 1000);
        OT_REQUIRE(all);
        const qint64 first = all->first().metadata.timestamp;
        const qint64 middle = all->at(all->size() / 2).metadata.timestamp;
        QList<EventFilter> windows(4);
        windows[0].fromMs = first + 1;
        windows[0].toMs = middle;
        windows[1].fromMs = middle - HourMs;
        windows[1].toMs = middle + HourMs;
        windows[1].eventType = QStringLiteral("OrderCancelled");
        windows[2].fromMs = middle;
        windows[3].toMs = middle;
        for (const EventFilter &window : std::as_const(windows)) {
            QList<qint64> expected;
            for (const DomainEvent &event : std::as_const(all.value())) {
                const qint64 at = event.metadata.timestamp;
                if ((!window.fromMs || at >= *window.fromMs) &&
                    (!window.toMs || at < *window.toMs) &&
                    (window.eventType.isEmpty() || event.type == window.eventType))
                    expected << event.position;
            }
            QVERIFY(expected.size() > 3); // more than one page
            for (Direction direction : {Direction::OldestFirst, Direction::NewestFirst}) {
                QList<qint64> walked;
                qint64 after = 0;
                for (;;) {
                    auto page = service->events(window, after, 3, direction);
                    OT_REQUIRE(page);
                    if (page->isEmpty())
                        break;
                    for (const DomainEvent &event : std::as_const(page.value()))
                        walked << event.position;
                    after = page->last().position;
                }
                if (direction == Direction::NewestFirst)
                    std::reverse(walked.begin(), walked.end());
                QCOMPARE(walked, expected);
            }
        }
    }

    // A database schema 8 wrote (tests/fixtures/README.md): the upgrade counts every event
    // stored, keeps every event and hash, and the checkpoint taken then still holds.
    void upgradeFromSchema8CountsEveryEvent() {
        const DatabaseUrl url = m_backend.fixtureDatabase(QStringLiteral("schema8"));
        const QStringList before = storedEvents(url);
        QCOMPARE(before.size(), 72);
        OT_REQUIRE(admin::initialize(url));
        QCOMPARE(storedEvents(url), before);
        const auto service = openService(url);
        QCOMPARE(service->countEvents({}).value(), 72);
        for (ActivityKey key : {ActivityKey::Type, ActivityKey::User})
            QCOMPARE(service->activity({}, key).value(), activityOfEvents(*service, {}, key));
        EventFilter access;
        access.eventType = AccessWord::Recorded;
        QCOMPARE(service->countEvents(access).value(), 8);
        deepVerifyHolds(*service,
                        QStringLiteral("ot1:71:30:71:084494f02e4fdc5b91ec05318bfaf12b09eaf0db613157"
                                       "059b0368454bbb9eff"),
                        QStringLiteral("ot1:828:30:71:0de955b3a24fdb6edaba5639001d87b07d23ebad2651"
                                       "a2d1d00375d3eeb7d652"));
    }

    // A database schema 9 wrote: schema 10 replaces PostgreSQL's text index (the data without
    // spaces); every event and hash stays, the checkpoint taken then holds, and a text filter
    // finds what the stored data holds, across spaces too.
    void upgradeFromSchema9FindsTextAcrossSpaces() {
        const DatabaseUrl url = m_backend.fixtureDatabase(QStringLiteral("schema9"));
        const QStringList before = storedEvents(url);
        QCOMPARE(before.size(), 72);
        OT_REQUIRE(admin::initialize(url));
        QCOMPARE(storedEvents(url), before);
        const auto service = openService(url);
        // "dmi" is in the data only once its spaces are gone ("changedmind").
        for (const QString &text : {QStringLiteral("changed mind"), QStringLiteral("D M"),
                                    QStringLiteral("teapot"), QStringLiteral("dmi")}) {
            qint64 expected = 0;
            for (const QString &stored : before) // the data is the sixth of ten columns
                expected += stored.section(u'|', 5, -5).contains(text, Qt::CaseInsensitive);
            EventFilter filter;
            filter.text = text;
            QVERIFY2(service->countEvents(filter).value() == expected, qPrintable(text));
            QVERIFY2(service->events(filter, 0, 1000)->size() == expected, qPrintable(text));
        }
        deepVerifyHolds(*service,
                        QStringLiteral("ot1:71:30:71:4281c67392d240f3745b82aee200b3b06e2f0596cb076d"
                                       "966e8a9cbb65a63b19"),
                        QStringLiteral("ot1:1398:30:71:6f175bb72e218e31d10cc7d39b716d8fcf01ae46b95"
                                       "d1f04942c0583c66d1754"));
    }

    void malformedCheckpointsAreRefused_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("garbage") << QStringLiteral("hello");
        QTest::newRow("short digest") << QStringLiteral("ot1:1:2:3:abc");
        QTest::newRow("upper case") << (QStringLiteral("ot1:1:2:3:") + QString(64, u'A'));
        QTest::newRow("other version") << (QStringLiteral("ot2:1:2:3:") + QString(64, u'a'));
    }

    void malformedCheckpointsAreRefused() {
        QFETCH(QString, text);
        auto parsed = Checkpoint::parse(text);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, ErrorCode::Invalid);
    }
};

QTEST_GUILESS_MAIN(TestAudit)
#include "test_audit.moc"
