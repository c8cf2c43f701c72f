// The access log on each backend: every export, report, print, verify and checkpoint of the
// CLI is recorded with who, what was asked, how many events and the file's SHA-256, also when
// it fails; one that cannot be recorded hands nothing over; the log is a chain verify checks;
// and a database of schema 7 is upgraded with every event and hash kept. (The desk's records,
// cancelled ones among them, are test_auditview's; an auditor's rights are test_trust's.)
#include "CliProcess.h"
#include "TestSupport.h"
#include "audit/Signing.h"
#include "es/Sha256.h"

#include <QFile>
#include <QJsonArray>

using namespace ot;
using namespace ot::test;

class TestAccessLog : public QObject {
    Q_OBJECT

    TestBackend m_backend;
    QTemporaryDir m_dir;

    // ordertrail-cli on `url` (with its password) and `args`.
    static CliRun cli(const DatabaseUrl &url, QStringList args) {
        QByteArrayList argv{"--db", url.toString(DatabaseUrl::Password::Included).toUtf8()};
        for (const QString &arg : args)
            argv << arg.toUtf8();
        return runCli(argv);
    }
    static QByteArray fileDigest(const QString &path) { return Sha256::ofFile(path).toHex(); }
    // A database with demo orders, and the login the CLI records as: on PostgreSQL an auditor's,
    // which may record what it looked at and nothing else; on SQLite the system user.
    struct Audited {
        DatabaseUrl owner;
        DatabaseUrl url;
        QString user;
    };
    Audited auditedDatabase() {
        const DatabaseUrl owner = m_backend.freshDatabase();
        if (!openService(owner)->addDemoOrders(4, 5, QStringLiteral("demo")))
            qFatal("cannot add demo orders");
        if (!m_backend.isPostgres())
            return {owner, owner, OrderService::systemUserName()};
        return {owner, TestBackend::login(owner, QStringLiteral("audrey"), admin::Role::Auditor),
                QStringLiteral("audrey")};
    }

private slots:
    void initTestCase() {
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        QVERIFY(m_dir.isValid());
    }

    void everyActionIsRecordedWithWhoWhatAndTheFilesDigest() {
        const auto [owner, url, user] = auditedDatabase();
        const QString csv = m_dir.filePath(QStringLiteral("a-%1.csv").arg(m_backend.name()));
        const QString report = m_dir.filePath(QStringLiteral("a-%1.pdf").arg(m_backend.name()));
        const QString printed = m_dir.filePath(QStringLiteral("p-%1.pdf").arg(m_backend.name()));
        const CliRun exported = cli(url, {QStringLiteral("export"), QStringLiteral("--out"), csv,
                                          QStringLiteral("--type"), QStringLiteral("OrderCreated"),
                                          QStringLiteral("--text"), QStringLiteral("Anna")});
        OT_CLI_OK(exported);
        OT_CLI_OK(cli(url, {QStringLiteral("report"), QStringLiteral("--out"), report,
                            QStringLiteral("--order"), QStringLiteral("ORD-000002")}));
        OT_CLI_OK(cli(url, {QStringLiteral("print"), QStringLiteral("ORD-000001"),
                            QStringLiteral("--out"), printed, QStringLiteral("--at-version"),
                            QStringLiteral("2")}));
        const CliRun verified = cli(url, {QStringLiteral("verify"), QStringLiteral("--fast")});
        OT_CLI_OK(verified);
        const CliRun taken = cli(url, {QStringLiteral("checkpoint")});
        OT_CLI_OK(taken);

        const auto service = openService(url);
        const QList<LoggedAccess> log = accessLog(*service);
        QCOMPARE(log.size(), 5);
        for (const LoggedAccess &entry : log) {
            QCOMPARE(entry.user, user);
            QCOMPARE(entry.record.outcome, AccessOutcome::Done);
        }
        const AccessRecord &csvRecord = log.at(0).record;
        QCOMPARE(csvRecord.action, AccessAction::CsvExport);
        QCOMPARE(csvRecord.events, exported.object().value(QStringLiteral("exported")).toInteger());
        QCOMPARE(csvRecord.digest, fileDigest(csv));
        // The words searched for are kept as their digest only.
        QCOMPARE(csvRecord.scope,
                 (QMap<QString, QString>{{QStringLiteral("type"), QStringLiteral("OrderCreated")},
                                         {QStringLiteral("text"),
                                          QStringLiteral("sha256:") +
                                              QString::fromLatin1(Sha256::hash("Anna").toHex())}}));
        const AccessRecord &reportRecord = log.at(1).record;
        QCOMPARE(reportRecord.action, AccessAction::PdfReport);
        QCOMPARE(reportRecord.scope.value(QStringLiteral("order")), QStringLiteral("ORD-000002"));
        QCOMPARE(reportRecord.digest, fileDigest(report));
        QCOMPARE(reportRecord.detail, QStringLiteral("history intact"));
        const AccessRecord &printRecord = log.at(2).record;
        QCOMPARE(printRecord.action, AccessAction::OrderPrint);
        QCOMPARE(printRecord.scope,
                 (QMap<QString, QString>{{QStringLiteral("order"), QStringLiteral("ORD-000001")},
                                         {QStringLiteral("version"), QStringLiteral("2")}}));
        QCOMPARE(printRecord.digest, fileDigest(printed));
        const AccessRecord &verifyRecord = log.at(3).record;
        QCOMPARE(verifyRecord.action, AccessAction::Verify);
        QCOMPARE(verifyRecord.scope.value(QStringLiteral("depth")), QStringLiteral("fast"));
        QCOMPARE(verifyRecord.events,
                 verified.object().value(QStringLiteral("eventsChecked")).toInteger());
        const AccessRecord &takeRecord = log.at(4).record;
        QCOMPARE(takeRecord.action, AccessAction::Checkpoint);
        QCOMPARE(takeRecord.detail, taken.object().value(QStringLiteral("checkpoint")).toString());

        // The CLI reads it back, filtered by who, newest first.
        const CliRun listed = cli(url, {QStringLiteral("access-log"), QStringLiteral("--user"),
                                        user, QStringLiteral("--newest-first"),
                                        QStringLiteral("--limit"), QStringLiteral("2")});
        QVERIFY2(listed.exitCode == 0, listed.describe().constData());
        const QList<QByteArray> lines = listed.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject newest = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(newest.value(QStringLiteral("action")).toString(), QStringLiteral("checkpoint"));
        QCOMPARE(newest.value(QStringLiteral("user")).toString(), user);
        QCOMPARE(newest.value(QStringLiteral("outcome")).toString(), QStringLiteral("done"));
        QVERIFY(newest.value(QStringLiteral("hash")).toString().size() == 64);
        const CliRun nobody = cli(url, {QStringLiteral("access-log"), QStringLiteral("--user"),
                                        QStringLiteral("nobody")});
        QVERIFY2(nobody.exitCode == 0 && nobody.out.isEmpty(), nobody.describe().constData());

        // Replayed through its rules by the deep verify, like every stream.
        const auto deep = service->verify();
        OT_REQUIRE(deep);
        QVERIFY2(deep->intact(), qPrintable(describe(deep.value()).join(u'\n')));
    }

    void failuresAreRecordedAndNothingLeavesUnrecorded() {
        const auto [owner, url, user] = auditedDatabase();
        const CliRun nowhere = cli(url, {QStringLiteral("export"), QStringLiteral("--out"),
                                         m_dir.filePath(QStringLiteral("no/such/folder.csv"))});
        OT_CLI_FAILS(nowhere, 4, "storage", "cannot write");
        const CliRun missing =
            cli(url, {QStringLiteral("print"), QStringLiteral("ORD-404"), QStringLiteral("--out"),
                      m_dir.filePath(QStringLiteral("missing.pdf"))});
        // (Not OT_CLI_FAILS: a document's run may warn on stderr where XDG_RUNTIME_DIR is unset.)
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(missing.errorCode(), QStringLiteral("not_found"));
        {
            const auto service = openService(url);
            const QList<LoggedAccess> log = accessLog(*service);
            QCOMPARE(log.size(), 2);
            QCOMPARE(log.at(0).record.action, AccessAction::CsvExport);
            QCOMPARE(log.at(0).record.outcome, AccessOutcome::Failed);
            QVERIFY2(log.at(0).record.detail.contains(QLatin1String("cannot write")),
                     qPrintable(log.at(0).record.detail));
            QCOMPARE(log.at(1).record.action, AccessAction::OrderPrint);
            QCOMPARE(log.at(1).record.outcome, AccessOutcome::Failed);
            QCOMPARE(log.at(1).record.scope.value(QStringLiteral("order")),
                     QStringLiteral("ORD-404"));
        }

        // The log refuses new entries (as a full disk or a lost connection would): the files made
        // are removed, and no verify or checkpoint result is given out.
        RawConnection raw(owner);
        const QStringList refuse =
            m_backend.isPostgres()
                ? QStringList{QStringLiteral("CREATE FUNCTION refuse_log() RETURNS trigger "
                                             "LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'the "
                                             "log is full'; END$$"),
                              QStringLiteral("CREATE TRIGGER refuse_log BEFORE INSERT ON events "
                                             "FOR EACH ROW WHEN (NEW.aggregate_type = "
                                             "'AccessLog') EXECUTE FUNCTION refuse_log()")}
                : QStringList{QStringLiteral(
                      "CREATE TRIGGER refuse_log BEFORE INSERT ON events WHEN "
                      "NEW.aggregate_type = 'AccessLog' BEGIN SELECT RAISE(ABORT, 'the log is "
                      "full'); END")};
        for (const QString &sql : refuse)
            QVERIFY2(!raw.exec(sql).isValid(), qPrintable(sql));
        const QString csv = m_dir.filePath(QStringLiteral("unlogged-%1.csv").arg(m_backend.name()));
        const QString pdf = m_dir.filePath(QStringLiteral("unlogged-%1.pdf").arg(m_backend.name()));
        for (const QStringList &args :
             {QStringList{QStringLiteral("export"), QStringLiteral("--out"), csv},
              QStringList{QStringLiteral("report"), QStringLiteral("--out"), pdf,
                          QStringLiteral("--order"), QStringLiteral("ORD-000001")},
              QStringList{QStringLiteral("print"), QStringLiteral("ORD-000001"),
                          QStringLiteral("--out"), pdf},
              QStringList{QStringLiteral("verify")}, QStringList{QStringLiteral("checkpoint")}}) {
            const CliRun refused = cli(url, args);
            QCOMPARE(refused.exitCode, 4);
            QVERIFY2(refused.errorMessage().startsWith(
                         QLatin1String("cannot record this in the access log")) &&
                         refused.errorMessage().contains(QLatin1String("the log is full")),
                     refused.describe().constData());
            QVERIFY2(!QFile::exists(csv) && !QFile::exists(pdf), refused.describe().constData());
        }
        QCOMPARE(accessLog(*openService(url)).size(), 2);
    }

    // An entry altered behind the application's back breaks the chain like any event.
    void anAlteredEntryIsCaught() {
        const auto [owner, url, user] = auditedDatabase();
        OT_CLI_OK(cli(url, {QStringLiteral("verify"), QStringLiteral("--fast")}));
        RawConnection raw(owner);
        const QString alter = QStringLiteral("UPDATE events SET data = replace(data, 'fast', "
                                             "'deep') WHERE aggregate_type = 'AccessLog'");
        const QStringList sql =
            m_backend.isPostgres()
                ? QStringList{QStringLiteral("ALTER TABLE events DISABLE TRIGGER events_no_change"),
                              alter}
                : QStringList{QStringLiteral("DROP TRIGGER events_no_update"), alter};
        for (const QString &statement : sql)
            QVERIFY2(!raw.exec(statement).isValid(), qPrintable(statement));
        const CliRun caught = cli(url, {QStringLiteral("verify"), QStringLiteral("--fast")});
        QCOMPARE(caught.exitCode, 5);
        const QJsonArray problems = caught.object().value(QStringLiteral("problems")).toArray();
        QVERIFY2(!problems.isEmpty(), caught.describe().constData());
        QCOMPARE(problems.first().toObject().value(QStringLiteral("aggregateType")).toString(),
                 AccessWord::Type);
    }

    // A database schema 7 wrote (tests/fixtures/README.md): every event and hash stays, the
    // checkpoint taken then and the ledger of signed ones still pass, and the access log starts,
    // on PostgreSQL for auditors too, who could append nothing before.
    void upgradeFromSchema7KeepsEveryEventAndStartsTheLog() {
        const DatabaseUrl url = m_backend.fixtureDatabase(QStringLiteral("schema7"));
        const QString checkpoint =
            m_backend.isPostgres()
                ? QStringLiteral("ot1:808:29:63:"
                                 "01263d1b8d6ba04fca3b348513004578726e9bc16c6af6bd4b9622d605aeb95b")
                : QStringLiteral(
                      "ot1:63:29:63:"
                      "77e4c2fc4d4a098ade6850f12ef2cc0c916e43f8e8162c447ff112bf87efda78");
        const QStringList before = storedEvents(url);
        QCOMPARE(before.size(), 63);
        OT_REQUIRE(admin::initialize(url));
        QCOMPARE(storedEvents(url), before);

        const auto service = openService(url);
        const auto plain =
            service->verify(OrderService::Verify::Deep, {}, Checkpoint::parse(checkpoint).value());
        OT_REQUIRE(plain);
        QVERIFY2(plain->intact(), qPrintable(describe(plain.value()).join(u'\n')));
        auto ledger = service->checkpointLedger();
        OT_REQUIRE(ledger);
        QCOMPARE(ledger->size(), 2);
        const auto key = PublicKey::load(
            QStringLiteral(OT_FIXTURES "/schema7%1.pub")
                .arg(m_backend.isPostgres() ? QStringLiteral("-postgresql") : QString()));
        OT_REQUIRE(key);
        const auto signedOne = service->verify(OrderService::Verify::Deep, {}, std::nullopt,
                                               SignedAnchor{ledger->last(), key.value()});
        OT_REQUIRE(signedOne);
        QVERIFY2(signedOne->intact(), qPrintable(describe(signedOne.value()).join(u'\n')));

        const DatabaseUrl reader =
            m_backend.isPostgres()
                ? TestBackend::login(url, QStringLiteral("audrey"), admin::Role::Auditor)
                : url;
        OT_CLI_OK(
            cli(reader, {QStringLiteral("verify"), QStringLiteral("--checkpoint"), checkpoint}));
        const QList<LoggedAccess> log = accessLog(*service);
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.first().record.action, AccessAction::Verify);
        QCOMPARE(log.first().record.scope.value(QStringLiteral("checkpoint")), checkpoint);
        QCOMPARE(storedEvents(url).mid(0, before.size()), before);
    }
};

QTEST_GUILESS_MAIN(TestAccessLog)
#include "test_accesslog.moc"
