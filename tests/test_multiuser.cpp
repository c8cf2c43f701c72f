// Several ordertrail-cli processes on one database at once, and the PostgreSQL administration
// path, run on each backend (ORDERTRAIL_TEST_BACKEND).

#include "TestSupport.h"
#include "storage/Database.h"

#include <QElapsedTimer>
#include <QFile>
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

QList<QJsonObject> jsonLines(const QByteArray &out) {
    QList<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

// What SQLite, PostgreSQL or Qt's drivers say in their own words: a user must only ever see
// OrderTrail's messages.
const QList<QByteArray> RawDriverText{"database is locked",
                                      "SQLITE_",
                                      "Unable to ",
                                      "QSqlQuery",
                                      "QSqlDatabase",
                                      "QPSQL",
                                      "QSQLITE",
                                      "deadlock detected",
                                      "could not serialize",
                                      "duplicate key value"};

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
            const QJsonArray events = QJsonDocument::fromJson(history.out)
                                          .object()
                                          .value(QStringLiteral("events"))
                                          .toArray();
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

    // Four processes issue 500 commands each, every one through the CommandHandler of a
    // `batch` process (2,000 `command` processes would take minutes under the sanitizers), to
    // two orders they all share and one of their own each.
    void fourProcessesOfFiveHundredCommandsLoseNothing() {
        const DatabaseUrl url = m_backend.freshDatabase();
        const QString db = QStringLiteral("--db=") % url.toString(DatabaseUrl::Password::Included);
        constexpr int Workers = 4;
        constexpr int CommandsPerWorker = 500;
        const QStringList shared{QStringLiteral("SHARED-A"), QStringLiteral("SHARED-B")};
        QStringList orders = shared;
        for (int w = 0; w < Workers; ++w)
            orders << QStringLiteral("OWN-%1").arg(w);
        QByteArray creations;
        for (const QString &order : orders)
            creations += json({{QStringLiteral("orderId"), order},
                               {QStringLiteral("type"), QStringLiteral("CreateOrder")},
                               {QStringLiteral("data"),
                                QJsonObject{{QStringLiteral("customerId"), order}}}}) +
                         '\n';
        QCOMPARE(runCli({db, QStringLiteral("batch")}, creations).exitCode, 0);

        // Most commands add an item, which no rule refuses; every 7th removes an absent item
        // (rejected) and every 11th expects version 0 of an order that exists (a conflict).
        enum class Kind { Add, Refused, Stale };
        struct Planned {
            QString order;
            QString correlation;
            Kind kind;
        };
        QList<Planned> plans[Workers];
        // Input and output go through files: through pipes, each process would have to wait
        // for this one to serve them, and they would take turns rather than run at once.
        QTemporaryDir files;
        const auto file = [&](int w, const char *what) {
            return files.filePath(QStringLiteral("%1.%2").arg(w).arg(QLatin1String(what)));
        };
        for (int w = 0; w < Workers; ++w) {
            QByteArray input;
            for (int i = 0; i < CommandsPerWorker; ++i) {
                const Planned plan{i % 2 ? QStringLiteral("OWN-%1").arg(w) : shared[i / 2 % 2],
                                   QStringLiteral("w%1-c%2").arg(w).arg(i),
                                   i % 7 == 6     ? Kind::Refused
                                   : i % 11 == 10 ? Kind::Stale
                                                  : Kind::Add};
                const QString product = QStringLiteral("P-%1-%2").arg(w).arg(i);
                QJsonObject line{{QStringLiteral("orderId"), plan.order},
                                 {QStringLiteral("correlationId"), plan.correlation}};
                if (plan.kind == Kind::Refused) {
                    line.insert(QStringLiteral("type"), QStringLiteral("RemoveItem"));
                    line.insert(QStringLiteral("data"),
                                QJsonObject{{QStringLiteral("productId"), product}});
                } else {
                    line = QJsonDocument::fromJson(addItem(product)).object();
                    line.insert(QStringLiteral("orderId"), plan.order);
                    line.insert(QStringLiteral("correlationId"), plan.correlation);
                    if (plan.kind == Kind::Stale)
                        line.insert(QStringLiteral("expectedVersion"), 0);
                }
                input += json(line) + '\n';
                plans[w].append(plan);
            }
            QFile in(file(w, "in"));
            QVERIFY(in.open(QIODevice::WriteOnly) && in.write(input) == input.size());
        }
        QProcess processes[Workers];
        QElapsedTimer timer;
        timer.start();
        for (int w = 0; w < Workers; ++w) {
            processes[w].setStandardInputFile(file(w, "in"));
            processes[w].setStandardOutputFile(file(w, "out"));
            processes[w].setStandardErrorFile(file(w, "err"));
            processes[w].start(QStringLiteral(OT_CLI_PATH), {db, QStringLiteral("batch")});
        }
        for (QProcess &process : processes) {
            QVERIFY(process.waitForFinished(600000));
            QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        }
        const qint64 elapsed = timer.elapsed();
        QList<QJsonObject> answers[Workers];
        for (int w = 0; w < Workers; ++w) {
            QFile outFile(file(w, "out"));
            QFile errFile(file(w, "err"));
            QVERIFY(outFile.open(QIODevice::ReadOnly) && errFile.open(QIODevice::ReadOnly));
            const QByteArray out = outFile.readAll();
            const QByteArray err = errFile.readAll();
            QVERIFY2(err.isEmpty(), err.constData());
            for (const QByteArray &raw : RawDriverText)
                QVERIFY2(!out.contains(raw), out.constData());
            answers[w] = jsonLines(out);
            QCOMPARE(answers[w].size(), CommandsPerWorker);
        }
        qInfo("%d processes x %d commands in %lld ms", Workers, CommandsPerWorker, elapsed);

        // Every answer is what its command called for, with the exit code its failure maps to.
        QHash<QString, QString> appliedEvent; // correlation -> the id of its one event
        QHash<QString, int> applied;          // order -> commands applied to it
        for (int w = 0; w < Workers; ++w) {
            int firstFailure = 0;
            for (int i = 0; i < CommandsPerWorker; ++i) {
                const Planned &plan = plans[w].at(i);
                const QJsonObject &answer = answers[w].at(i);
                const QByteArray context = json(answer);
                const QString code = answer.value(QStringLiteral("code")).toString();
                if (answer.contains(QStringLiteral("events"))) {
                    QVERIFY2(plan.kind == Kind::Add, context.constData());
                    const QJsonArray events = answer.value(QStringLiteral("events")).toArray();
                    QCOMPARE(events.size(), 1);
                    appliedEvent.insert(
                        plan.correlation,
                        events.first().toObject().value(QStringLiteral("id")).toString());
                    ++applied[plan.order];
                    continue;
                }
                // An item added without expectedVersion is run again after a lost race, holding
                // the order (SQLite: the write lock; PostgreSQL: a lock on the stream), until
                // it lands: it never gives up because others wrote.
                if (plan.kind == Kind::Add)
                    QFAIL(context.constData());
                QVERIFY2(code == (plan.kind == Kind::Refused ? QLatin1String("rejected")
                                                             : QLatin1String("conflict")),
                         context.constData());
                if (firstFailure == 0)
                    firstFailure = code == QLatin1String("rejected") ? 1 : 3;
            }
            QCOMPARE(processes[w].exitCode(), firstFailure);
        }
        qInfo("%d commands applied", int(appliedEvent.size()));

        // Each applied command's event is stored exactly once; nothing else is.
        const CliResult events = runCli({db, QStringLiteral("events")});
        QCOMPARE(events.exitCode, 0);
        QHash<QString, QList<qint64>> versions;
        QHash<QString, QString> storedEvent;
        for (const QJsonObject &event : jsonLines(events.out)) {
            const QJsonObject metadata = event.value(QStringLiteral("metadata")).toObject();
            versions[event.value(QStringLiteral("aggregateId")).toString()].append(
                metadata.value(QStringLiteral("version")).toInteger());
            const QString correlation = metadata.value(QStringLiteral("correlationId")).toString();
            if (event.value(QStringLiteral("type")) == QLatin1String("OrderCreated"))
                continue;
            QVERIFY2(!storedEvent.contains(correlation), qPrintable(correlation));
            storedEvent.insert(correlation, event.value(QStringLiteral("id")).toString());
        }
        QCOMPARE(storedEvent, appliedEvent);
        for (const QString &order : orders) {
            QList<qint64> stream = versions.value(order);
            std::sort(stream.begin(), stream.end());
            QCOMPARE(stream.size(), applied.value(order) + 1); // + CreateOrder
            for (qsizetype v = 0; v < stream.size(); ++v)
                QCOMPARE(stream.at(v), v + 1);
        }

        // The read model followed every command.
        const CliResult summaries = runCli({db, QStringLiteral("orders")});
        QCOMPARE(summaries.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(summaries.out)
                                    .object()
                                    .value(QStringLiteral("orders"))
                                    .toArray();
        QCOMPARE(rows.size(), orders.size());
        for (const QJsonValue &row : rows) {
            const QString order = row[QStringLiteral("id")].toString();
            QCOMPARE(row[QStringLiteral("itemCount")].toInteger(), applied.value(order));
            QCOMPARE(row[QStringLiteral("version")].toInteger(), applied.value(order) + 1);
        }
        const CliResult verify = runCli({db, QStringLiteral("verify")});
        QCOMPARE(verify.exitCode, 0);
    }

    // Four writers of 100 AddItem each and an atomic batch of 50, all on one order at once and
    // none with expectedVersion: every line lands, none gives up, on PostgreSQL too.
    void oneOrderUnderFiveWritersNeverGivesUp() {
        const DatabaseUrl url = m_backend.freshDatabase();
        const QString db = QStringLiteral("--db=") % url.toString(DatabaseUrl::Password::Included);
        QCOMPARE(runCli({db, QStringLiteral("command"), QStringLiteral("HOT"),
                         QStringLiteral(R"({"type":"CreateOrder","data":{"customerId":"C"}})")})
                     .exitCode,
                 0);
        constexpr int Writers = 5;
        QTemporaryDir files;
        QProcess processes[Writers];
        for (int w = 0; w < Writers; ++w) {
            const bool atomic = w == Writers - 1;
            QByteArray input;
            for (int i = 0; i < (atomic ? 50 : 100); ++i) {
                QJsonObject line =
                    QJsonDocument::fromJson(addItem(QStringLiteral("P-%1-%2").arg(w).arg(i)))
                        .object();
                line.insert(QStringLiteral("orderId"), QStringLiteral("HOT"));
                input += json(line) + '\n';
            }
            const QString in = files.filePath(QStringLiteral("%1.in").arg(w));
            QFile file(in);
            QVERIFY(file.open(QIODevice::WriteOnly) && file.write(input) == input.size());
            file.close();
            processes[w].setStandardInputFile(in);
            processes[w].setStandardOutputFile(files.filePath(QStringLiteral("%1.out").arg(w)));
            QStringList arguments{db, QStringLiteral("batch")};
            if (atomic)
                arguments << QStringLiteral("--atomic");
            processes[w].start(QStringLiteral(OT_CLI_PATH), arguments);
        }
        for (int w = 0; w < Writers; ++w) {
            QVERIFY(processes[w].waitForFinished(600000));
            QFile out(files.filePath(QStringLiteral("%1.out").arg(w)));
            QVERIFY(out.open(QIODevice::ReadOnly));
            QByteArrayList failures;
            for (const QByteArray &answer : out.readAll().split('\n')) {
                if (answer.contains("\"error\""))
                    failures << answer;
            }
            QVERIFY2(processes[w].exitStatus() == QProcess::NormalExit &&
                         processes[w].exitCode() == 0 && failures.isEmpty(),
                     failures.join('\n').left(2000).constData());
        }
        const CliResult show = runCli({db, QStringLiteral("show"), QStringLiteral("HOT")});
        QCOMPARE(show.exitCode, 0);
        QCOMPARE(show.json.value(QStringLiteral("items")).toArray().size(), 450);
        QCOMPARE(runCli({db, QStringLiteral("verify")}).exitCode, 0);
    }

    // A command sent with a commandId is applied once, whichever process sends it again and
    // whenever: here the first answer is lost (its process's output thrown away), someone adds
    // the item again, and the retried RemoveItem answers with its first events, removing
    // nothing more. The same id with another command is a conflict that writes nothing.
    void commandIdAppliesOnceFromAnyProcess() {
        const DatabaseUrl url = m_backend.freshDatabase();
        const QString db = QStringLiteral("--db=") % url.toString(DatabaseUrl::Password::Included);
        const auto send = [&](const QString &order, const QByteArray &body) {
            return runCli({db, QStringLiteral("command"), order, QString::fromUtf8(body)});
        };
        QCOMPARE(send(QStringLiteral("R-1"), R"({"type":"CreateOrder","data":{"customerId":"C"}})")
                     .exitCode,
                 0);
        QCOMPARE(send(QStringLiteral("R-1"), addItem(QStringLiteral("P"))).exitCode, 0);
        const QByteArray remove =
            R"({"type":"RemoveItem","data":{"productId":"P"},"commandId":"6f1c2d9e-retry-1"})";
        const CliResult lost = send(QStringLiteral("R-1"), remove);
        QCOMPARE(lost.exitCode, 0);
        QCOMPARE(send(QStringLiteral("R-1"), addItem(QStringLiteral("P"))).exitCode, 0);

        const CliResult retried = send(QStringLiteral("R-1"), remove);
        QCOMPARE(retried.exitCode, 0);
        QCOMPARE(retried.json, lost.json); // the same events: ids, versions, positions
        const QJsonArray events = retried.json.value(QStringLiteral("events")).toArray();
        QCOMPARE(events.size(), 1);
        QCOMPARE(
            events.first()[QStringLiteral("metadata")][QStringLiteral("causationId")].toString(),
            QStringLiteral("6f1c2d9e-retry-1"));
        const CliResult shown = runCli({db, QStringLiteral("show"), QStringLiteral("R-1")});
        QCOMPARE(shown.json.value(QStringLiteral("items")).toArray().size(), 1);
        QCOMPARE(shown.json.value(QStringLiteral("version")).toInteger(), 4);

        for (const auto &[order, body] :
             {std::pair{QStringLiteral("R-1"),
                        QByteArray(R"({"type":"RemoveItem","data":{"productId":"Q"},)"
                                   R"("commandId":"6f1c2d9e-retry-1"})")},
              std::pair{QStringLiteral("R-2"),
                        QByteArray(R"({"type":"CreateOrder","data":{"customerId":"C"},)"
                                   R"("commandId":"6f1c2d9e-retry-1"})")}}) {
            const CliResult other = send(order, body);
            QCOMPARE(other.exitCode, 3);
            QCOMPARE(other.json.value(QStringLiteral("code")).toString(),
                     QStringLiteral("conflict"));
            QVERIFY2(other.json.value(QStringLiteral("error"))
                         .toString()
                         .contains(QStringLiteral("sent before with another command")),
                     other.out.constData());
        }
        QCOMPARE(runCli({db, QStringLiteral("show"), QStringLiteral("R-2")}).exitCode, 1);
        const CliResult tooLong =
            send(QStringLiteral("R-1"),
                 R"({"type":"ConfirmOrder","commandId":"x)" + QByteArray(64, 'x') + R"("})");
        QCOMPARE(tooLong.exitCode, 2);
        QCOMPARE(runCli({db, QStringLiteral("verify")}).exitCode, 0);
    }

    // Several processes send one command with one commandId at once: it is applied once and
    // every one of them is answered with its events.
    void sameCommandIdAtOnceAppliesOnce() {
        const DatabaseUrl url = m_backend.freshDatabase();
        const QString db = QStringLiteral("--db=") % url.toString(DatabaseUrl::Password::Included);
        QCOMPARE(runCli({db, QStringLiteral("command"), QStringLiteral("S-1"),
                         QStringLiteral(R"({"type":"CreateOrder","data":{"customerId":"C"}})")})
                     .exitCode,
                 0);
        QJsonObject line = QJsonDocument::fromJson(addItem(QStringLiteral("P"))).object();
        line.insert(QStringLiteral("commandId"), QStringLiteral("same-at-once"));
        const QString body = QString::fromUtf8(json(line));
        constexpr int Senders = 4;
        QProcess processes[Senders];
        for (QProcess &process : processes)
            process.start(QStringLiteral(OT_CLI_PATH),
                          {db, QStringLiteral("command"), QStringLiteral("S-1"), body});
        QSet<QByteArray> answers;
        for (QProcess &process : processes) {
            QVERIFY(process.waitForFinished(60000));
            QCOMPARE(process.exitCode(), 0);
            answers.insert(process.readAllStandardOutput().trimmed());
        }
        QCOMPARE(answers.size(), 1);
        const CliResult shown = runCli({db, QStringLiteral("show"), QStringLiteral("S-1")});
        QCOMPARE(shown.json.value(QStringLiteral("version")).toInteger(), 2);
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
