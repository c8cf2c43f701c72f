// Backup and restore, through ordertrail-cli as an administrator runs them: a copy taken while
// the database is in use, restored into a new SQLite file or an empty database of a fresh
// PostgreSQL cluster, keeps every event and hash; a checkpoint taken before the backup and a
// new one both hold; new events follow the restored ones in the global order, where a follower
// that was at the end of the restored history finds them.

#include "CliProcess.h"
#include "FreshCluster.h"
#include "TestSupport.h"
#include "audit/Checkpoint.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QSqlQuery>

using namespace ot;
using namespace ot::test;

namespace {

QJsonObject item(const QString &product) {
    return {{QStringLiteral("productId"), product},
            {QStringLiteral("name"), QString(QStringLiteral("Thing ") + product)},
            {QStringLiteral("quantity"), 2},
            {QStringLiteral("price"), QStringLiteral("4.50")}};
}

} // namespace

class TestBackup : public QObject {
    Q_OBJECT

private:
    TestBackend m_backend;
    QTemporaryDir m_dir;

    bool pg() const { return m_backend.isPostgres(); }

    static CliRun cli(const DatabaseUrl &url, const QByteArrayList &arguments) {
        return runCli(
            QByteArrayList{"--db", url.toString(DatabaseUrl::Password::Included).toUtf8()} +
            arguments);
    }

    static void order(OrderService &service, const QString &id) {
        QVERIFY(
            service.execute(makeCommand(id, QStringLiteral("CreateOrder"),
                                        {{QStringLiteral("customerId"), QStringLiteral("C")}})));
        QVERIFY(service.execute(
            makeCommand(id, QStringLiteral("AddItem"), item(QStringLiteral("P1")))));
    }

private slots:
    void initTestCase() {
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
    }

    void restoredHistoryKeepsItsProofAndItsOrder() {
        const DatabaseUrl source = m_backend.freshDatabase();
        auto service = openService(source);
        for (int i = 1; i <= 4; ++i)
            order(*service, QStringLiteral("B-%1").arg(i));
        auto before = service->checkpoint();
        OT_REQUIRE(before);
        order(*service, QStringLiteral("B-5"));
        if (pg()) {
            // Ahead of any fresh cluster, as a production cluster is.
            RawConnection raw(source);
            for (int i = 0; i < 2000; ++i)
                raw.exec(QStringLiteral("SELECT pg_current_xact_id()"));
        }
        order(*service, QStringLiteral("B-6"));

        // Taken while the service still has the database open (on SQLite with commits in
        // its write-ahead log).
        const QString file = m_dir.filePath(QStringLiteral("backup-%1").arg(m_backend.name()));
        OT_CLI_OK(cli(source, {"admin", "backup", file.toUtf8()}));
        QCOMPARE(QFileInfo(file).permissions() & 0x0077, QFileDevice::Permissions());
        const CliRun again = cli(source, {"admin", "backup", file.toUtf8()});
        OT_CLI_FAILS(again, 2, "invalid", "exists already");

        std::unique_ptr<FreshCluster> cluster;
        DatabaseUrl target;
        if (pg()) {
            cluster = std::make_unique<FreshCluster>();
            target = cluster->emptyDatabase(QStringLiteral("restored"));
        } else {
            target = DatabaseUrl::sqlite(m_dir.filePath(QStringLiteral("restored.sqlite")));
        }
        OT_CLI_OK(cli(target, {"admin", "restore", file.toUtf8()}));
        QCOMPARE(storedEvents(target), storedEvents(source));

        // A second restore into what is no longer empty changes nothing.
        const CliRun twice = cli(target, {"admin", "restore", file.toUtf8()});
        QVERIFY2(twice.exitCode != 0, twice.describe().constData());
        QCOMPARE(storedEvents(target), storedEvents(source));

        auto restored = openService(target);
        auto follower = restored->eventFrontier();
        OT_REQUIRE(follower);
        auto caughtUp = restored->eventsCommittedAfter(follower.value(), 100);
        OT_REQUIRE(caughtUp);
        // The frontier is past every restored event.
        if (!caughtUp.value().isEmpty())
            QFAIL(qPrintable(QStringLiteral("frontier %1/%2, then %3 events from position %4")
                                 .arg(follower.value().transaction)
                                 .arg(follower.value().position)
                                 .arg(caughtUp.value().size())
                                 .arg(caughtUp.value().front().position)));
        auto restoredCheckpoint = restored->checkpoint();
        OT_REQUIRE(restoredCheckpoint);
        QCOMPARE(restoredCheckpoint.value().events, qint64(12));

        order(*restored, QStringLiteral("B-7"));
        auto fresh = restored->eventsCommittedAfter(follower.value(), 100);
        OT_REQUIRE(fresh);
        QCOMPARE(fresh.value().size(), 2);
        QCOMPARE(fresh.value().front().aggregateId, QStringLiteral("B-7"));
        auto all = restored->events({}, 0, 100);
        OT_REQUIRE(all);
        QCOMPARE(all.value().size(), 14);
        QCOMPARE(all.value().back().aggregateId, QStringLiteral("B-7"));

        for (const Checkpoint &checkpoint : {before.value(), restoredCheckpoint.value()}) {
            auto report = restored->verify(OrderService::Verify::Deep, {}, checkpoint);
            OT_REQUIRE(report);
            QVERIFY2(report.value().intact(), qPrintable(checkpoint.toString()));
            QCOMPARE(report.value().eventsChecked, 14);
        }
        if (pg()) {
            // Both roles may call the append function again (it decides who appends where),
            // nobody else may, and no role writes a table.
            RawConnection raw(target);
            const QString append = QStringLiteral(
                "ordertrail_append(text, text, bigint, text, text, text, integer, text, text, "
                "text, integer, text, jsonb, text, text, bigint)");
            for (const char *role : {"ordertrail_staff", "ordertrail_auditor"})
                QVERIFY2(raw.value(QStringLiteral("SELECT has_function_privilege('%1', '%2', "
                                                  "'EXECUTE')")
                                       .arg(QLatin1String(role), append))
                             .toBool(),
                         role);
            QVERIFY(!raw.value(QStringLiteral("SELECT has_function_privilege('public', '%1', "
                                              "'EXECUTE')")
                                   .arg(append))
                         .toBool());
            QVERIFY(!raw.value(QStringLiteral("SELECT has_table_privilege('ordertrail_staff', "
                                              "'events', 'INSERT')"))
                         .toBool());
        }
    }

    void brokenBackupChangesNothing() {
        const QString junk = m_dir.filePath(QStringLiteral("junk-%1").arg(m_backend.name()));
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a backup at all\n");
        file.close();
        const DatabaseUrl target = m_backend.emptyDatabase();
        const CliRun run = cli(target, {"admin", "restore", junk.toUtf8()});
        QVERIFY2(run.exitCode == 4, run.describe().constData());
        if (pg()) {
            RawConnection raw(target);
            QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM pg_class c JOIN pg_namespace "
                                              "n ON n.oid = c.relnamespace WHERE n.nspname = "
                                              "'public'"))
                         .toInt(),
                     0);
        } else {
            QVERIFY(!QFileInfo::exists(target.path));
        }
        const CliRun missing = cli(target, {"admin", "restore", "/nonexistent/backup"});
        OT_CLI_FAILS(missing, 2, "invalid", "there is no file");
    }
};

QTEST_GUILESS_MAIN(TestBackup)

#include "test_backup.moc"
