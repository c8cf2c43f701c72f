// Several ordertrail-cli processes on one database at once, and the PostgreSQL administration
// path, run on each backend (ORDERTRAIL_TEST_BACKEND).

#include "TestSupport.h"

#include <QJsonArray>
#include <QProcess>
#include <QThread>

using namespace ot;
using namespace ot::test;

namespace {

struct CliResult {
    int exitCode = -1;
    QJsonObject json;
    QByteArray out;
};

CliResult runCli(const QStringList &arguments, const QByteArray &input = {},
                 const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(OT_CLI_PATH), arguments);
    if (!process.waitForStarted(30000))
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    CliResult result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.json = QJsonDocument::fromJson(result.out).object();
    return result;
}

QByteArray addItem(const QString &product) {
    return json(
        {{QStringLiteral("type"), QStringLiteral("AddItem")},
         {QStringLiteral("data"), QJsonObject{{QStringLiteral("productId"), product},
                                              {QStringLiteral("name"), product},
                                              {QStringLiteral("quantity"), 1},
                                              {QStringLiteral("price"), QStringLiteral("2.50")}}}});
}

} // namespace

class TestMultiUser : public QObject {
    Q_OBJECT

private:
    TestBackend m_backend;

private slots:
    void initTestCase() {
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
    }

    void concurrentProcessesKeepEveryStreamGapless() {
        const DatabaseUrl url = m_backend.freshDatabase();
        const QString db = QStringLiteral("--db=") % url.toString(DatabaseUrl::Password::Included);
        constexpr int Workers = 4;
        constexpr int CommandsPerWorker = 25;
        const QStringList shared{QStringLiteral("SHARED-A"), QStringLiteral("SHARED-B")};
        QStringList orders = shared;
        for (int w = 0; w < Workers; ++w)
            orders << QStringLiteral("OWN-%1").arg(w);
        for (const QString &order : orders) {
            const CliResult created = runCli(
                {db, QStringLiteral("command"), order,
                 QString::fromUtf8(json({{QStringLiteral("type"), QStringLiteral("CreateOrder")},
                                         {QStringLiteral("data"),
                                          QJsonObject{{QStringLiteral("customerId"), order}}}}))});
            QCOMPARE(created.exitCode, 0);
        }

        // Each worker: a shared order, its own order, and now and then a command the rules refuse.
        struct Outcome {
            QString order;
            int exitCode;
            QStringList eventIds;
        };
        QList<Outcome> outcomes[Workers];
        QList<QThread *> threads;
        for (int w = 0; w < Workers; ++w) {
            threads << QThread::create([&, w] {
                for (int i = 0; i < CommandsPerWorker; ++i) {
                    const QString order =
                        i % 2 ? QStringLiteral("OWN-%1").arg(w) : shared[i % 4 / 2];
                    const bool refused = i % 7 == 6;
                    const QByteArray body =
                        refused ? json({{QStringLiteral("type"), QStringLiteral("RemoveItem")},
                                        {QStringLiteral("data"),
                                         QJsonObject{{QStringLiteral("productId"),
                                                      QStringLiteral("absent")}}}})
                                : addItem(QStringLiteral("P-%1-%2").arg(w).arg(i));
                    const CliResult result =
                        runCli({db, QStringLiteral("command"), order, QString::fromUtf8(body)});
                    QStringList ids;
                    for (const QJsonValue &event :
                         result.json.value(QStringLiteral("events")).toArray())
                        ids << event.toObject().value(QStringLiteral("id")).toString();
                    outcomes[w].append({order, result.exitCode, ids});
                }
            });
            threads.back()->start();
        }
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(600000));
            delete thread;
        }

        QHash<QString, int> accepted;
        QSet<QString> acceptedIds;
        for (const auto &list : outcomes) {
            for (const Outcome &outcome : list) {
                // Every command either applied or was refused by a rule: never a lock or a crash.
                QVERIFY2(outcome.exitCode == 0 || outcome.exitCode == 1,
                         qPrintable(QStringLiteral("exit %1").arg(outcome.exitCode)));
                if (outcome.exitCode == 0) {
                    ++accepted[outcome.order];
                    QCOMPARE(outcome.eventIds.size(), 1);
                    acceptedIds.insert(outcome.eventIds.front());
                }
            }
        }
        QSet<QString> storedIds;
        for (const QString &order : orders) {
            const CliResult history = runCli({db, QStringLiteral("history"), order});
            QCOMPARE(history.exitCode, 0);
            const QJsonArray events = QJsonDocument::fromJson(history.out).array();
            QCOMPARE(events.size(), accepted.value(order) + 1); // + CreateOrder
            for (qsizetype i = 0; i < events.size(); ++i) {
                const QJsonObject event = events.at(i).toObject();
                QCOMPARE(event.value(QStringLiteral("metadata"))
                             .toObject()
                             .value(QStringLiteral("version"))
                             .toInteger(),
                         i + 1);
                storedIds.insert(event.value(QStringLiteral("id")).toString());
            }
        }
        QVERIFY(storedIds.contains(acceptedIds));
        const CliResult verify = runCli({db, QStringLiteral("verify")});
        QCOMPARE(verify.exitCode, 0);
        QCOMPARE(verify.json.value(QStringLiteral("intact")).toBool(), true);
    }

    void administrationThroughTheCli() {
        const DatabaseUrl url = m_backend.emptyDatabase();
        const QString db = QStringLiteral("--db=") % url.toString(DatabaseUrl::Password::Included);
        const CliResult init = runCli({db, QStringLiteral("admin"), QStringLiteral("init")});
        QCOMPARE(init.exitCode, 0);
        QCOMPARE(init.json.value(QStringLiteral("schemaVersion")).toInt(), Database::SchemaVersion);

        const CliResult addUser = runCli(
            {db, QStringLiteral("admin"), QStringLiteral("add-user"), QStringLiteral("carol"),
             QStringLiteral("--role"), QStringLiteral("staff"), QStringLiteral("--password-stdin")},
            "s3cret pass\n");
        if (!m_backend.isPostgres()) {
            QCOMPARE(addUser.exitCode, 2); // logins exist only on PostgreSQL
            return;
        }
        QVERIFY2(addUser.exitCode == 0 || addUser.json.value(QStringLiteral("error"))
                                              .toString()
                                              .contains(QStringLiteral("already exists")),
                 addUser.out.constData());

        // Carol's login decides who is recorded, whatever the command says.
        const QString asCarol =
            QStringLiteral("--db=") %
            TestBackend::as(url, QStringLiteral("carol"), QStringLiteral("s3cret pass"))
                .toString(DatabaseUrl::Password::Included);
        const CliResult created = runCli(
            {asCarol, QStringLiteral("command"), QStringLiteral("O1"),
             QStringLiteral(
                 R"({"type":"CreateOrder","data":{"customerId":"C"},"userId":"someone-else"})")});
        QCOMPARE(created.exitCode, 0);
        const QJsonObject event =
            created.json.value(QStringLiteral("events")).toArray().first().toObject();
        QCOMPARE(event.value(QStringLiteral("metadata"))
                     .toObject()
                     .value(QStringLiteral("userId"))
                     .toString(),
                 QStringLiteral("carol"));

        // An auditor reads but cannot append.
        const CliResult auditor =
            runCli({db, QStringLiteral("admin"), QStringLiteral("add-user"), QStringLiteral("dave"),
                    QStringLiteral("--role"), QStringLiteral("auditor"),
                    QStringLiteral("--password-stdin")},
                   "pw-dave\n");
        QVERIFY(auditor.exitCode == 0 || auditor.json.value(QStringLiteral("error"))
                                             .toString()
                                             .contains(QStringLiteral("already exists")));
        const QString asDave =
            QStringLiteral("--db=") %
            TestBackend::as(url, QStringLiteral("dave"), QStringLiteral("pw-dave"))
                .toString(DatabaseUrl::Password::Included);
        QCOMPARE(runCli({asDave, QStringLiteral("orders")}).exitCode, 0);
        const CliResult refused =
            runCli({asDave, QStringLiteral("command"), QStringLiteral("O2"),
                    QStringLiteral(R"({"type":"CreateOrder","data":{"customerId":"C"}})")});
        QCOMPARE(refused.exitCode, 4);
        QVERIFY2(refused.json.value(QStringLiteral("error"))
                     .toString()
                     .contains(QStringLiteral("permission denied")),
                 refused.out.constData());
    }

    void passwordFromTheEnvironment() {
        if (!m_backend.isPostgres())
            QSKIP("PostgreSQL only");
        const DatabaseUrl url = m_backend.freshDatabase();
        DatabaseUrl withoutPassword = url;
        withoutPassword.password.clear();
        const QString db = QStringLiteral("--db=postgresql://%1@%2:%3/%4")
                               .arg(url.user, url.host)
                               .arg(url.port)
                               .arg(url.database);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGPASSWORD"), url.password);
        env.insert(QStringLiteral("PGPASSFILE"), QStringLiteral("/nonexistent"));
        QCOMPARE(runCli({db, QStringLiteral("orders")}, {}, env).exitCode, 0);

        env.insert(QStringLiteral("PGPASSWORD"), QStringLiteral("not-the-password"));
        const CliResult wrong = runCli({db, QStringLiteral("orders")}, {}, env);
        QCOMPARE(wrong.exitCode, 4);
        const QString message = wrong.json.value(QStringLiteral("error")).toString();
        QVERIFY2(message.contains(QStringLiteral("password authentication failed")),
                 qPrintable(message));
        QVERIFY(!message.contains(u'\n'));
    }
};

QTEST_GUILESS_MAIN(TestMultiUser)
#include "test_multiuser.moc"
