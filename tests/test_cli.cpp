// ordertrail-cli as users run it: the real executable in a child process, its standard output
// parsed as JSON, its exit code checked, and the database inspected through the CLI itself.

#include "TestSupport.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <memory>
#include <unistd.h>

namespace {

constexpr int TimeoutMs = 30000;

// One run of the CLI.
struct CliRun {
    bool finished = false; // false: did not start, timed out or crashed
    QString failure;       // why it did not finish
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonDocument json;
    QString parseError; // empty when stdout is exactly one JSON document

    QJsonObject object() const { return json.object(); }
    // A listing's list, in the object that names it: {"events":[...]}, {"orders":[...]}.
    QJsonArray events() const { return object().value(QStringLiteral("events")).toArray(); }
    QJsonArray orders() const { return object().value(QStringLiteral("orders")).toArray(); }
    QString errorCode() const { return object().value(QStringLiteral("code")).toString(); }
    QString errorMessage() const { return object().value(QStringLiteral("error")).toString(); }
    QByteArray describe() const {
        return (finished ? QByteArray() : failure.toUtf8() + "; ") + "exit " +
               QByteArray::number(exitCode) + ", stdout: " + out + ", stderr: " + err;
    }
};

QString codeName(const char *code) {
    return QString::fromLatin1(code);
}
QString codeName(const QString &code) {
    return code;
}

QStringList argv(std::initializer_list<const char *> list) {
    QStringList result;
    for (const char *arg : list)
        result.append(QString::fromUtf8(arg));
    return result;
}

// Moves a file's modification time an hour back, so that a write cannot go unnoticed.
bool backdate(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) &&
           file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-3600),
                            QFileDevice::FileModificationTime);
}

// A file's observable state: existence, bytes, modification time, and its folder's entries.
struct FileState {
    bool exists = false;
    bool isDir = false;
    QByteArray bytes;
    QDateTime modified;
    QStringList folder;

    static FileState of(const QString &path) {
        FileState state;
        const QFileInfo info(path);
        state.exists = info.exists();
        state.isDir = info.isDir();
        state.modified = info.exists() ? info.lastModified() : QDateTime();
        if (info.isFile()) {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                state.bytes = file.readAll();
        }
        const QDir dir = info.isDir() ? QDir(path) : info.absoluteDir();
        state.folder = dir.entryList(
            QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
        return state;
    }
};

} // namespace

// Asserts a successful run whose stdout is JSON.
#define CLI_OK(run)                                                                                \
    do {                                                                                           \
        QVERIFY2((run).finished, (run).describe().constData());                                    \
        QVERIFY2((run).exitCode == 0, (run).describe().constData());                               \
        QVERIFY2((run).parseError.isEmpty(), qPrintable((run).parseError + QStringLiteral(": ") +  \
                                                        QString::fromUtf8((run).describe())));     \
    } while (false)

// Asserts a failure printed as {"error":"<message>","code":"<code>"} with the given exit code.
#define CLI_FAILS(run, exit, code)                                                                 \
    do {                                                                                           \
        QVERIFY2((run).finished, (run).describe().constData());                                    \
        QVERIFY2((run).parseError.isEmpty(), qPrintable((run).parseError + QStringLiteral(": ") +  \
                                                        QString::fromUtf8((run).describe())));     \
        QVERIFY2((run).json.isObject(), (run).describe().constData());                             \
        QVERIFY2((run).object().keys() ==                                                          \
                     QStringList({QStringLiteral("code"), QStringLiteral("error")}),               \
                 (run).describe().constData());                                                    \
        QVERIFY2((run).object().value(QStringLiteral("error")).isString(),                         \
                 (run).describe().constData());                                                    \
        QVERIFY2(!(run).errorMessage().trimmed().isEmpty(), (run).describe().constData());         \
        QVERIFY2((run).errorCode() == codeName(code), (run).describe().constData());               \
        QVERIFY2((run).exitCode == (exit), (run).describe().constData());                          \
    } while (false)

#define FILE_UNCHANGED(before, after)                                                              \
    do {                                                                                           \
        QCOMPARE((after).exists, (before).exists);                                                 \
        QCOMPARE((after).isDir, (before).isDir);                                                   \
        QVERIFY2((after).bytes == (before).bytes, "the file's content changed");                   \
        QCOMPARE((after).modified, (before).modified);                                             \
        QCOMPARE((after).folder, (before).folder);                                                 \
    } while (false)

class TestCli : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dbPath;
    QProcessEnvironment m_env;

    QString path(const QString &relative) const { return m_dir->filePath(relative); }

    // Runs the CLI with `args`, `input` on its standard input and `env` (the test environment
    // when null): ORDERTRAIL_DB unset, HOME and the XDG folders inside the test's folder.
    CliRun runCli(const QStringList &args, const QByteArray &input = {},
                  const QProcessEnvironment *env = nullptr) const {
        CliRun run;
        QProcess process;
        process.setProgram(QStringLiteral(OT_CLI_PATH));
        process.setArguments(args);
        process.setProcessEnvironment(env ? *env : m_env);
        process.setWorkingDirectory(m_dir->path());
        process.start();
        if (!process.waitForStarted(TimeoutMs)) {
            run.failure = QStringLiteral("could not start %1: %2")
                              .arg(QStringLiteral(OT_CLI_PATH), process.errorString());
            return run;
        }
        if (!input.isEmpty())
            process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(TimeoutMs)) {
            process.kill();
            process.waitForFinished(5000);
            run.failure = QStringLiteral("ordertrail-cli %1 did not finish within %2 s")
                              .arg(args.join(u' '))
                              .arg(TimeoutMs / 1000);
            run.out = process.readAllStandardOutput();
            run.err = process.readAllStandardError();
            return run;
        }
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        if (process.exitStatus() != QProcess::NormalExit) {
            run.failure = QStringLiteral("ordertrail-cli %1 crashed").arg(args.join(u' '));
            return run;
        }
        run.finished = true;
        run.exitCode = process.exitCode();
        QJsonParseError error;
        run.json = QJsonDocument::fromJson(run.out, &error);
        if (error.error != QJsonParseError::NoError)
            run.parseError = QStringLiteral("stdout is not JSON: %1").arg(error.errorString());
        else if (!run.out.endsWith('\n') || run.out.count('\n') != 1)
            run.parseError = QStringLiteral("stdout is not one line of JSON");
        return run;
    }

    // The CLI on the test's database file.
    CliRun cli(const QStringList &args, const QByteArray &input = {}) const {
        return runCli(QStringList{QStringLiteral("--db"), QStringLiteral("sqlite:") + m_dbPath} +
                          args,
                      input);
    }

    CliRun command(const QString &orderId, const QByteArray &body) const {
        return cli({QStringLiteral("command"), orderId, QString::fromUtf8(body)});
    }

    // What the CLI tells of the database without writing (a verify would be recorded in the
    // access log): the summaries, every event, and the history of `orderIds`. Equal snapshots
    // mean that nothing was written in between.
    QByteArray snapshot(const QStringList &orderIds) const {
        QByteArray all;
        const auto add = [&](const CliRun &run) { all += run.describe() + '\n'; };
        add(cli({QStringLiteral("orders")}));
        add(cli({QStringLiteral("events")}));
        for (const QString &id : orderIds)
            add(cli({QStringLiteral("history"), id}));
        return all;
    }

    static QJsonObject meta(const QJsonValue &event) {
        return event.toObject().value(QStringLiteral("metadata")).toObject();
    }

    // Creates ORD-1 for customer C-1 with 2 x P-1 at 9.99 (version 2).
    void createOrderWithItem() {
        const CliRun created =
            command(QStringLiteral("ORD-1"),
                    "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C-1\"}}");
        CLI_OK(created);
        const CliRun added =
            command(QStringLiteral("ORD-1"),
                    "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-1\",\"name\":"
                    "\"Mug\",\"quantity\":2,\"price\":\"9.99\"}}");
        CLI_OK(added);
    }

    // Creates an SQLite database that belongs to another program.
    static void createForeignDatabase(const QString &file) {
        const QString name = QStringLiteral("foreign-") + QUuid::createUuid().toString();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(file);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery query(db);
            QVERIFY2(query.exec(QStringLiteral("CREATE TABLE contacts (id INTEGER PRIMARY KEY, "
                                               "name TEXT NOT NULL)")),
                     qPrintable(query.lastError().text()));
            QVERIFY2(query.exec(QStringLiteral("INSERT INTO contacts (name) VALUES ('Ada')")),
                     qPrintable(query.lastError().text()));
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    // Runs SQL on the test's database behind the CLI's back.
    static void execSql(const QString &file, const QStringList &statements) {
        const QString name = QStringLiteral("direct-") + QUuid::createUuid().toString();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(file);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery query(db);
            for (const QString &sql : statements)
                QVERIFY2(query.exec(sql), qPrintable(sql + u' ' + query.lastError().text()));
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

private slots:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY2(m_dir->isValid(), qPrintable(m_dir->errorString()));
        m_dbPath = path(QStringLiteral("orders.sqlite"));
        QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("home")));
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.remove(QStringLiteral("ORDERTRAIL_DB"));
        m_env.insert(QStringLiteral("HOME"), path(QStringLiteral("home")));
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("xdg-data")));
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("xdg-config")));
        m_env.insert(QStringLiteral("XDG_CACHE_HOME"), path(QStringLiteral("xdg-cache")));
        m_env.insert(QStringLiteral("USER"), QStringLiteral("os-tester"));
    }

    void cleanup() { m_dir.reset(); }

    // ---- command ---------------------------------------------------------------------------

    void commandPrintsEventsInDomainEventShape() {
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        const CliRun run = command(QStringLiteral("ORD-1"),
                                   "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C-42\"},"
                                   "\"userId\":\"alice\"}");
        const QDateTime after = QDateTime::currentDateTimeUtc().addMSecs(1);
        CLI_OK(run);
        QVERIFY(run.json.isObject());
        QCOMPARE(run.object().keys(), QStringList{QStringLiteral("events")});
        const QJsonArray events = run.object().value(QStringLiteral("events")).toArray();
        QCOMPARE(events.size(), 1);
        const QJsonObject event = events.at(0).toObject();
        for (const char *key : {"id", "aggregateId", "aggregateType", "type", "data", "metadata"})
            QVERIFY2(event.contains(QString::fromLatin1(key)), key);
        QVERIFY(!QUuid::fromString(event.value(QStringLiteral("id")).toString()).isNull());
        QCOMPARE(event.value(QStringLiteral("aggregateId")).toString(), QStringLiteral("ORD-1"));
        QCOMPARE(event.value(QStringLiteral("aggregateType")).toString(), QStringLiteral("Order"));
        QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("OrderCreated"));
        QCOMPARE(event.value(QStringLiteral("data")).toObject(),
                 QJsonObject({{QStringLiteral("customerId"), QStringLiteral("C-42")},
                              {QStringLiteral("currency"), QStringLiteral("EUR")}}));

        const QJsonObject m = meta(event);
        QCOMPARE(m.value(QStringLiteral("userId")).toString(), QStringLiteral("alice"));
        QVERIFY(m.value(QStringLiteral("version")).isDouble());
        QCOMPARE(m.value(QStringLiteral("version")).toInteger(), 1);
        QVERIFY(!m.value(QStringLiteral("correlationId")).toString().isEmpty());
        const QString stamp = m.value(QStringLiteral("timestamp")).toString();
        const QDateTime time = QDateTime::fromString(stamp, Qt::ISODateWithMs);
        QVERIFY2(time.isValid(), qPrintable(stamp));
        QVERIFY2(stamp.endsWith(u'Z'), qPrintable(stamp));
        QVERIFY2(time >= before && time <= after, qPrintable(stamp));

        // The event printed is the event stored.
        const CliRun history = cli({QStringLiteral("history"), QStringLiteral("ORD-1")});
        CLI_OK(history);
        QCOMPARE(history.events().size(), 1);
        QCOMPARE(history.events().at(0).toObject().value(QStringLiteral("id")),
                 event.value(QStringLiteral("id")));
        QCOMPARE(meta(history.events().at(0)), m);

        // A command that raises several events in a row, and a second one on the same order.
        const CliRun added =
            command(QStringLiteral("ORD-1"),
                    "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-1\",\"name\":"
                    "\"Mug\",\"quantity\":3,\"price\":0.1}}");
        CLI_OK(added);
        const QJsonArray addedEvents = added.object().value(QStringLiteral("events")).toArray();
        QCOMPARE(addedEvents.size(), 1);
        QCOMPARE(addedEvents.at(0).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("ItemAdded"));
        QCOMPARE(meta(addedEvents.at(0)).value(QStringLiteral("version")).toInteger(), 2);
        // Amounts are stored and printed as decimal strings, never as numbers.
        const QJsonObject data =
            addedEvents.at(0).toObject().value(QStringLiteral("data")).toObject();
        QCOMPARE(data.value(QStringLiteral("price")), QJsonValue(QStringLiteral("0.10")));
        QCOMPARE(data.value(QStringLiteral("quantity")).toInteger(), 3);
        QVERIFY(addedEvents.at(0).toObject().value(QStringLiteral("id")) !=
                event.value(QStringLiteral("id")));
    }

    void commandReadsJsonFromStdin() {
        const CliRun run =
            cli(argv({"command", "ORD-7", "-"}),
                "{\n  \"type\": \"CreateOrder\",\n  \"data\": {\"customerId\": \"C-STDIN\"}\n}\n");
        CLI_OK(run);
        const QJsonArray events = run.object().value(QStringLiteral("events")).toArray();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).toObject().value(QStringLiteral("aggregateId")).toString(),
                 QStringLiteral("ORD-7"));

        const CliRun show = cli(argv({"show", "ORD-7"}));
        CLI_OK(show);
        QCOMPARE(show.object().value(QStringLiteral("customerId")).toString(),
                 QStringLiteral("C-STDIN"));
    }

    void commandRecordsTheUser() {
        // From the body...
        const CliRun withUser =
            command(QStringLiteral("ORD-1"), "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":"
                                             "\"C-1\"},\"userId\":\"bob.smith\"}");
        CLI_OK(withUser);
        // ... else the signed-in (OS) user.
        const CliRun withoutUser =
            command(QStringLiteral("ORD-1"), "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P\","
                                             "\"name\":\"N\",\"quantity\":1,\"price\":\"1\"}}");
        CLI_OK(withoutUser);

        const CliRun history = cli(argv({"history", "ORD-1"}));
        CLI_OK(history);
        QCOMPARE(history.events().size(), 2);
        QCOMPARE(meta(history.events().at(0)).value(QStringLiteral("userId")).toString(),
                 QStringLiteral("bob.smith"));
        QCOMPARE(meta(history.events().at(1)).value(QStringLiteral("userId")).toString(),
                 QStringLiteral("os-tester"));

        const CliRun orders = cli(argv({"orders"}));
        CLI_OK(orders);
        QCOMPARE(orders.orders().at(0).toObject().value(QStringLiteral("lastUser")).toString(),
                 QStringLiteral("os-tester"));
    }

    void commandHonoursExpectedVersionAndCorrelationId() {
        const CliRun created = command(
            QStringLiteral("ORD-1"), "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C-1\"},"
                                     "\"expectedVersion\":0,\"correlationId\":\"corr-123\"}");
        CLI_OK(created);
        QCOMPARE(meta(created.object().value(QStringLiteral("events")).toArray().at(0))
                     .value(QStringLiteral("correlationId"))
                     .toString(),
                 QStringLiteral("corr-123"));

        const CliRun added =
            command(QStringLiteral("ORD-1"),
                    "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-1\",\"name\":\"Mug\","
                    "\"quantity\":1,\"price\":\"2.50\"},\"expectedVersion\":1}");
        CLI_OK(added);
        QCOMPARE(meta(added.object().value(QStringLiteral("events")).toArray().at(0))
                     .value(QStringLiteral("version"))
                     .toInteger(),
                 2);

        // Stale: the issuer saw version 1, the order is at 2.
        const QByteArray before = snapshot({QStringLiteral("ORD-1")});
        const CliRun stale = command(
            QStringLiteral("ORD-1"),
            "{\"type\":\"ConfirmOrder\",\"expectedVersion\":1,\"correlationId\":\"corr-9\"}");
        CLI_FAILS(stale, 3, "conflict");
        QCOMPARE(snapshot({QStringLiteral("ORD-1")}), before);

        const CliRun history = cli(argv({"history", "ORD-1"}));
        CLI_OK(history);
        QCOMPARE(history.events().size(), 2);
        QCOMPARE(meta(history.events().at(0)).value(QStringLiteral("correlationId")).toString(),
                 QStringLiteral("corr-123"));
        QVERIFY(meta(history.events().at(1)).value(QStringLiteral("correlationId")).toString() !=
                QStringLiteral("corr-123"));

        const CliRun confirmed =
            command(QStringLiteral("ORD-1"), "{\"type\":\"ConfirmOrder\",\"expectedVersion\":2}");
        CLI_OK(confirmed);
    }

    void commandFailuresChangeNothing_data() {
        QTest::addColumn<QString>("orderId");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("exitCode");

        const QString ord = QStringLiteral("ORD-1");
        const QString invalid = QStringLiteral("invalid");
        const auto row = [&](const char *name, const QString &id, const QByteArray &body,
                             const QString &code,
                             int exit) { QTest::newRow(name) << id << body << code << exit; };
        // Malformed and truncated JSON.
        row("not JSON", ord, "type=AddItem", invalid, 2);
        row("truncated", ord, "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-2\",\"na", invalid,
            2);
        row("truncated after object", ord, "{\"type\":\"ConfirmOrder\"", invalid, 2);
        row("empty", ord, "", invalid, 2);
        row("array", ord, "[{\"type\":\"ConfirmOrder\"}]", invalid, 2);
        row("string", ord, "\"ConfirmOrder\"", invalid, 2);
        // Wrong types.
        row("type is a number", ord, "{\"type\":7}", invalid, 2);
        row("data is an array", ord, "{\"type\":\"ConfirmOrder\",\"data\":[]}", invalid, 2);
        row("quantity is a string", ord,
            "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-2\",\"name\":\"N\",\"quantity\":"
            "\"2\","
            "\"price\":\"1.00\"}}",
            invalid, 2);
        row("quantity is fractional", ord,
            "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-2\",\"name\":\"N\",\"quantity\":1.5,"
            "\"price\":\"1.00\"}}",
            invalid, 2);
        row("quantity is zero", ord,
            "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-2\",\"name\":\"N\",\"quantity\":0,"
            "\"price\":\"1.00\"}}",
            invalid, 2);
        row("price is a boolean", ord,
            "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-2\",\"name\":\"N\",\"quantity\":1,"
            "\"price\":true}}",
            invalid, 2);
        row("price has 3 decimals", ord,
            "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-2\",\"name\":\"N\",\"quantity\":1,"
            "\"price\":\"1.005\"}}",
            invalid, 2);
        row("price is negative", ord,
            "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-2\",\"name\":\"N\",\"quantity\":1,"
            "\"price\":-1}}",
            invalid, 2);
        row("userId is a number", ord, "{\"type\":\"ConfirmOrder\",\"userId\":5}", invalid, 2);
        row("userId is blank", ord, "{\"type\":\"ConfirmOrder\",\"userId\":\"  \"}", invalid, 2);
        row("expectedVersion is a string", ord,
            "{\"type\":\"ConfirmOrder\",\"expectedVersion\":\"2\"}", invalid, 2);
        row("expectedVersion is negative", ord,
            "{\"type\":\"ConfirmOrder\",\"expectedVersion\":-1}", invalid, 2);
        row("correlationId is an object", ord, "{\"type\":\"ConfirmOrder\",\"correlationId\":{}}",
            invalid, 2);
        // Unknown command type and unknown fields.
        row("unknown command type", ord, "{\"type\":\"ExplodeOrder\"}", invalid, 2);
        row("unknown top-level field", ord, "{\"type\":\"ConfirmOrder\",\"priority\":\"high\"}",
            invalid, 2);
        row("unknown data field", ord, "{\"type\":\"ConfirmOrder\",\"data\":{\"colour\":\"red\"}}",
            invalid, 2);
        // Missing fields.
        row("missing type", ord, "{\"data\":{\"customerId\":\"C-9\"}}", invalid, 2);
        row("missing price", ord,
            "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-2\",\"name\":\"N\",\"quantity\":1}}",
            invalid, 2);
        row("missing customerId", QStringLiteral("ORD-NEW"), "{\"type\":\"CreateOrder\"}", invalid,
            2);
        row("missing reason", ord, "{\"type\":\"CancelOrder\",\"data\":{}}", invalid, 2);
        row("empty order id", QString(),
            "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"}}", invalid, 2);
        row("blank order id", QStringLiteral("   "),
            "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"}}", invalid, 2);
        // Order rules.
        row("deliver a created order", ord, "{\"type\":\"DeliverOrder\"}",
            QStringLiteral("rejected"), 1);
        row("ship a created order", ord, "{\"type\":\"ShipOrder\"}", QStringLiteral("rejected"), 1);
        row("create an existing order", ord,
            "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"}}",
            QStringLiteral("rejected"), 1);
        row("add a product twice", ord,
            "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-1\",\"name\":\"Mug\",\"quantity\":1,"
            "\"price\":\"9.99\"}}",
            QStringLiteral("rejected"), 1);
        row("remove a product not in the order", ord,
            "{\"type\":\"RemoveItem\",\"data\":{\"productId\":\"P-404\"}}",
            QStringLiteral("rejected"), 1);
        // A missing order.
        row("add to a missing order", QStringLiteral("ORD-MISSING"),
            "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-1\",\"name\":\"Mug\",\"quantity\":1,"
            "\"price\":\"9.99\"}}",
            QStringLiteral("not_found"), 1);
        row("confirm a missing order", QStringLiteral("ORD-MISSING"), "{\"type\":\"ConfirmOrder\"}",
            QStringLiteral("not_found"), 1);
        // Stale versions.
        row("stale expectedVersion", ord, "{\"type\":\"ConfirmOrder\",\"expectedVersion\":1}",
            QStringLiteral("conflict"), 3);
        row("future expectedVersion", ord, "{\"type\":\"ConfirmOrder\",\"expectedVersion\":9}",
            QStringLiteral("conflict"), 3);
        row("create with stale expectedVersion", QStringLiteral("ORD-NEW"),
            "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"},\"expectedVersion\":1}",
            QStringLiteral("conflict"), 3);
    }

    void commandFailuresChangeNothing() {
        QFETCH(QString, orderId);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(int, exitCode);

        createOrderWithItem();
        if (QTest::currentTestFailed())
            return;
        const QStringList ids{QStringLiteral("ORD-1"), QStringLiteral("ORD-MISSING"),
                              QStringLiteral("ORD-NEW")};
        const QByteArray before = snapshot(ids);

        const CliRun run = command(orderId, body);
        CLI_FAILS(run, exitCode, code);
        QCOMPARE(snapshot(ids), before);

        // The same body through standard input fails the same way.
        if (orderId.isEmpty())
            return;
        const CliRun piped = cli({QStringLiteral("command"), orderId, QStringLiteral("-")}, body);
        CLI_FAILS(piped, exitCode, code);
        QCOMPARE(snapshot(ids), before);
    }

    // Bad input is refused before the database is created.
    void invalidCommandCreatesNoDatabase() {
        const QString missing = path(QStringLiteral("new.sqlite"));
        const CliRun run =
            runCli({QStringLiteral("--db"), QStringLiteral("sqlite:") + missing,
                    QStringLiteral("command"), QStringLiteral("ORD-1"), QStringLiteral("{\"ty")});
        CLI_FAILS(run, 2, "invalid");
        QVERIFY2(!QFileInfo::exists(missing), "a malformed command created the database file");
    }

    // ---- batch -------------------------------------------------------------------------------

    // The input is all there at once, so the lines run as one group sharing a commit: each is
    // still answered alone, a later line sees an earlier one, and failures undo only themselves.
    void batchRunsEachLineAsItsOwnCommand() {
        const QByteArray input =
            "{\"orderId\":\"ORD-B\",\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C-1\"}}\n"
            "\n"
            "{\"orderId\":\"ORD-B\",\"type\":\"AddItem\",\"userId\":\"bob\",\"data\":{"
            "\"productId\":\"P-1\",\"name\":\"Mug\",\"quantity\":2,\"price\":\"9.99\"}}\n"
            "{\"orderId\":\"ORD-B\",\"type\":\"RemoveItem\",\"data\":{\"productId\":\"P-9\"}}\n"
            "{\"orderId\":\"ORD-B\",\"type\":\n"
            "{\"type\":\"ConfirmOrder\"}\n"
            "{\"orderId\":\"ORD-B\",\"type\":\"ConfirmOrder\",\"expectedVersion\":1}\r\n"
            "{\"orderId\":\"ORD-B\",\"type\":\"ConfirmOrder\"}";
        const CliRun run = cli({QStringLiteral("batch")}, input);
        QVERIFY2(run.finished, run.describe().constData());
        QVERIFY2(run.err.isEmpty(), run.describe().constData());
        // The exit code is that of the first command that failed; the rest still ran.
        QCOMPARE(run.exitCode, 1);
        QList<QJsonObject> answers;
        for (const QByteArray &line : run.out.split('\n')) {
            if (!line.isEmpty())
                answers.append(QJsonDocument::fromJson(line).object());
        }
        QVERIFY2(run.out.endsWith('\n'), run.describe().constData());
        QCOMPARE(answers.size(), 7); // one a command; the empty line is none

        const struct {
            int answer;
            const char *code;
            const char *message;
        } failures[] = {{2, "rejected", "line 4: product P-9 is not in order ORD-B"},
                        {3, "invalid", "line 5: malformed JSON"},
                        {4, "invalid", "line 6: each line needs 'orderId'"},
                        {5, "conflict", "line 7: "}};
        for (const auto &failure : failures) {
            const QJsonObject answer = answers.at(failure.answer);
            QCOMPARE(answer.keys(), QStringList({QStringLiteral("code"), QStringLiteral("error")}));
            QCOMPARE(answer.value(QStringLiteral("code")).toString(), codeName(failure.code));
            QVERIFY2(answer.value(QStringLiteral("error"))
                         .toString()
                         .startsWith(QString::fromUtf8(failure.message)),
                     QJsonDocument(answer).toJson().constData());
        }
        const CliRun history = cli({QStringLiteral("history"), QStringLiteral("ORD-B")});
        CLI_OK(history);
        QCOMPARE(history.events().size(), 3);
        for (int answer : {0, 1, 6}) {
            const QJsonArray events = answers.at(answer).value(QStringLiteral("events")).toArray();
            QCOMPARE(events.size(), 1);
            QCOMPARE(events.at(0), history.events().at(answer == 6 ? 2 : answer));
        }
        QCOMPARE(meta(history.events().at(0)).value(QStringLiteral("userId")).toString(),
                 QStringLiteral("os-tester"));
        QCOMPARE(meta(history.events().at(1)).value(QStringLiteral("userId")).toString(),
                 QStringLiteral("bob"));
    }

    // A script may send a command and read its answer before it sends the next.
    // Each line is parsed, then written out again for the command: a number Qt cannot keep
    // must be refused before that, as `command` refuses it.
    void batchRefusesNumbersItCannotKeepExactly() {
        const QByteArray input =
            "{\"orderId\":\"ORD-N\",\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"}}\n"
            "{\"orderId\":\"ORD-N\",\"type\":\"AddItem\",\"data\":{\"productId\":\"P\","
            "\"name\":\"Mug\",\"quantity\":1.0000000000000001,\"price\":\"1.00\"}}\n";
        const CliRun run = cli({QStringLiteral("batch")}, input);
        QVERIFY2(run.finished, run.describe().constData());
        QCOMPARE(run.exitCode, 2);
        const QList<QByteArray> answers = run.out.trimmed().split('\n');
        QCOMPARE(answers.size(), 2);
        const QJsonObject refused = QJsonDocument::fromJson(answers.at(1)).object();
        QCOMPARE(refused.value(QStringLiteral("code")).toString(), QStringLiteral("invalid"));
        QVERIFY2(refused.value(QStringLiteral("error"))
                     .toString()
                     .contains(QStringLiteral("1.0000000000000001 has more digits")),
                 answers.at(1).constData());
        const CliRun history = cli({QStringLiteral("history"), QStringLiteral("ORD-N")});
        CLI_OK(history);
        QCOMPARE(history.events().size(), 1);
    }

    void batchAnswersEachLineAsItArrives() {
        QProcess process;
        process.setProcessEnvironment(m_env);
        process.start(QStringLiteral(OT_CLI_PATH),
                      {QStringLiteral("--db"), QStringLiteral("sqlite:") + m_dbPath,
                       QStringLiteral("batch")});
        QVERIFY(process.waitForStarted(TimeoutMs));
        process.write(
            "{\"orderId\":\"ORD-S\",\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"}}\n");
        while (!process.canReadLine())
            QVERIFY2(process.waitForReadyRead(TimeoutMs), "no answer while the input is open");
        QVERIFY(process.readLine().startsWith("{\"events\":"));
        process.write("{\"orderId\":\"ORD-S\",\"type\":\"DeliverOrder\"}\n");
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(TimeoutMs));
        QVERIFY(process.readAll().startsWith("{\"code\":\"rejected\""));
        QCOMPARE(process.exitCode(), 1);
    }

    void batchAtomicAppliesAllOrNothing() {
        const QByteArray lines =
            "{\"orderId\":\"ORD-A\",\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C-1\"}}\n"
            "{\"orderId\":\"ORD-A\",\"type\":\"AddItem\",\"data\":{\"productId\":\"P-1\","
            "\"name\":\"Mug\",\"quantity\":1,\"price\":\"2.00\"}}\n"
            "{\"orderId\":\"ORD-Z\",\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C-2\"}}\n";

        // A line the order's rules refuse undoes the lines before it.
        const CliRun refused = cli({QStringLiteral("batch"), QStringLiteral("--atomic")},
                                   lines + "{\"orderId\":\"ORD-Z\",\"type\":\"ConfirmOrder\"}\n");
        CLI_FAILS(refused, 1, "rejected");
        QVERIFY2(refused.errorMessage().startsWith(QStringLiteral("line 4: ")),
                 refused.describe().constData());
        for (const char *order : {"ORD-A", "ORD-Z"})
            CLI_FAILS(cli({QStringLiteral("history"), QString::fromLatin1(order)}), 1, "not_found");

        // A malformed line is found before anything runs, and no database is created.
        const QString missing = path(QStringLiteral("new.sqlite"));
        const CliRun malformed =
            runCli({QStringLiteral("--db"), QStringLiteral("sqlite:") + missing,
                    QStringLiteral("batch"), QStringLiteral("--atomic")},
                   lines + "{\"orderId\":\"ORD-Z\",\"type\":\"Confirm\"}\n");
        CLI_FAILS(malformed, 2, "invalid");
        QVERIFY2(malformed.errorMessage().startsWith(QStringLiteral("line 4: ")),
                 malformed.describe().constData());
        QVERIFY2(!QFileInfo::exists(missing), "a malformed batch created the database file");

        // All of them, each answered once they are all committed.
        const CliRun applied = cli({QStringLiteral("batch"), QStringLiteral("--atomic")}, lines);
        QVERIFY2(applied.finished && applied.exitCode == 0, applied.describe().constData());
        QCOMPARE(applied.out.count('\n'), 3);
        const CliRun history = cli({QStringLiteral("history"), QStringLiteral("ORD-A")});
        CLI_OK(history);
        QCOMPARE(history.events().size(), 2);
        QCOMPARE(QJsonDocument::fromJson(applied.out.split('\n').at(1))
                     .object()
                     .value(QStringLiteral("events"))
                     .toArray()
                     .at(0),
                 history.events().at(1));
    }

    // ---- show, history, orders ---------------------------------------------------------------

    void showPrintsStateNowAndAtVersion() {
        createOrderWithItem();
        if (QTest::currentTestFailed())
            return;
        const CliRun second =
            command(QStringLiteral("ORD-1"),
                    "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-2\",\"name\":\"Filter\","
                    "\"quantity\":10000,\"price\":0.1}}");
        CLI_OK(second);
        const CliRun confirmed = command(QStringLiteral("ORD-1"), "{\"type\":\"ConfirmOrder\"}");
        CLI_OK(confirmed);

        const CliRun now = cli(argv({"show", "ORD-1"}));
        CLI_OK(now);
        const QJsonObject order = now.object();
        QCOMPARE(order.value(QStringLiteral("id")).toString(), QStringLiteral("ORD-1"));
        QCOMPARE(order.value(QStringLiteral("customerId")).toString(), QStringLiteral("C-1"));
        QCOMPARE(order.value(QStringLiteral("status")).toString(), QStringLiteral("confirmed"));
        QCOMPARE(order.value(QStringLiteral("version")).toInteger(), 4);
        // 2 x 9.99 + 10000 x 0.10, exactly, as a decimal string.
        QCOMPARE(order.value(QStringLiteral("total")), QJsonValue(QStringLiteral("1019.98")));
        const QJsonArray items = order.value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.at(0).toObject(),
                 QJsonObject({{QStringLiteral("productId"), QStringLiteral("P-1")},
                              {QStringLiteral("name"), QStringLiteral("Mug")},
                              {QStringLiteral("quantity"), 2},
                              {QStringLiteral("price"), QStringLiteral("9.99")},
                              {QStringLiteral("taxRate"), QStringLiteral("0")},
                              {QStringLiteral("amount"), QStringLiteral("19.98")},
                              {QStringLiteral("net"), QStringLiteral("19.98")},
                              {QStringLiteral("tax"), QStringLiteral("0.00")},
                              {QStringLiteral("gross"), QStringLiteral("19.98")}}));
        QCOMPARE(items.at(1).toObject().value(QStringLiteral("price")),
                 QJsonValue(QStringLiteral("0.10")));

        const CliRun atOne = cli(argv({"show", "ORD-1", "--at-version", "1"}));
        CLI_OK(atOne);
        QCOMPARE(atOne.object().value(QStringLiteral("status")).toString(),
                 QStringLiteral("created"));
        QCOMPARE(atOne.object().value(QStringLiteral("version")).toInteger(), 1);
        QCOMPARE(atOne.object().value(QStringLiteral("items")).toArray().size(), 0);
        QCOMPARE(atOne.object().value(QStringLiteral("total")), QJsonValue(QStringLiteral("0.00")));

        const CliRun atTwo = cli(argv({"show", "--at-version", "2", "ORD-1"}));
        CLI_OK(atTwo);
        QCOMPARE(atTwo.object().value(QStringLiteral("version")).toInteger(), 2);
        QCOMPARE(atTwo.object().value(QStringLiteral("items")).toArray().size(), 1);
        QCOMPARE(atTwo.object().value(QStringLiteral("total")),
                 QJsonValue(QStringLiteral("19.98")));

        const CliRun atLast = cli(argv({"show", "ORD-1", "--at-version", "4"}));
        CLI_OK(atLast);
        QCOMPARE(atLast.object(), order);
    }

    void showRejectsBadVersionsAndMissingOrders() {
        createOrderWithItem();
        if (QTest::currentTestFailed())
            return;
        const QByteArray before = snapshot({QStringLiteral("ORD-1")});

        const CliRun beyond = cli(argv({"show", "ORD-1", "--at-version", "3"}));
        CLI_FAILS(beyond, 2, "invalid");
        const CliRun zero = cli(argv({"show", "ORD-1", "--at-version", "0"}));
        CLI_FAILS(zero, 2, "invalid");
        const CliRun negative = cli(argv({"show", "ORD-1", "--at-version", "-1"}));
        CLI_FAILS(negative, 2, "invalid");
        const CliRun text = cli(argv({"show", "ORD-1", "--at-version", "two"}));
        CLI_FAILS(text, 2, "invalid");
        const CliRun missing = cli(argv({"show", "ORD-404"}));
        CLI_FAILS(missing, 1, "not_found");
        const CliRun missingHistory = cli(argv({"history", "ORD-404"}));
        CLI_FAILS(missingHistory, 1, "not_found");

        QCOMPARE(snapshot({QStringLiteral("ORD-1")}), before);
    }

    void historyIsOldestFirst() {
        createOrderWithItem();
        if (QTest::currentTestFailed())
            return;
        const QList<QByteArray> bodies{
            "{\"type\":\"ConfirmOrder\"}",
            "{\"type\":\"ShipOrder\",\"data\":{\"carrier\":\"DHL\",\"trackingNumber\":\"TRK1\"}}",
            "{\"type\":\"DeliverOrder\"}"};
        for (const QByteArray &body : bodies) {
            const CliRun run = command(QStringLiteral("ORD-1"), body);
            CLI_OK(run);
        }
        const CliRun other =
            command(QStringLiteral("ORD-2"),
                    "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C-2\"}}");
        CLI_OK(other);

        const CliRun history = cli(argv({"history", "ORD-1"}));
        CLI_OK(history);
        QCOMPARE(history.object().keys(), QStringList{QStringLiteral("events")});
        const QJsonArray events = history.events();
        const QStringList expected{QStringLiteral("OrderCreated"), QStringLiteral("ItemAdded"),
                                   QStringLiteral("OrderConfirmed"), QStringLiteral("OrderShipped"),
                                   QStringLiteral("OrderDelivered")};
        QCOMPARE(events.size(), expected.size());
        qint64 lastPosition = 0;
        QSet<QString> ids;
        for (int i = 0; i < events.size(); ++i) {
            const QJsonObject event = events.at(i).toObject();
            QCOMPARE(event.value(QStringLiteral("type")).toString(), expected.at(i));
            QCOMPARE(event.value(QStringLiteral("aggregateId")).toString(),
                     QStringLiteral("ORD-1"));
            QCOMPARE(meta(event).value(QStringLiteral("version")).toInteger(), i + 1);
            const qint64 position = event.value(QStringLiteral("position")).toInteger();
            QVERIFY(position > lastPosition);
            lastPosition = position;
            ids.insert(event.value(QStringLiteral("id")).toString());
        }
        QCOMPARE(ids.size(), events.size());
        QCOMPARE(events.at(3).toObject().value(QStringLiteral("data")).toObject(),
                 QJsonObject({{QStringLiteral("carrier"), QStringLiteral("DHL")},
                              {QStringLiteral("trackingNumber"), QStringLiteral("TRK1")}}));
    }

    void ordersListsAndFilters() {
        createOrderWithItem();
        if (QTest::currentTestFailed())
            return;
        // Orders on an OrderTrail database with no orders (the read model was emptied).
        execSql(m_dbPath, {QStringLiteral("DELETE FROM order_summaries")});
        const CliRun empty = cli(argv({"orders"}));
        CLI_OK(empty);
        QCOMPARE(empty.object().keys(), QStringList{QStringLiteral("orders")});
        QCOMPARE(empty.orders().size(), 0);
        const CliRun rebuilt = cli(argv({"rebuild-projections"}));
        CLI_OK(rebuilt);
        const CliRun b = command(QStringLiteral("ORD-2"),
                                 "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C-2\"}}");
        CLI_OK(b);
        const CliRun cancelled = command(
            QStringLiteral("ORD-2"), "{\"type\":\"CancelOrder\",\"data\":{\"reason\":\"dup\"}}");
        CLI_OK(cancelled);

        const CliRun all = cli(argv({"orders"}));
        CLI_OK(all);
        QCOMPARE(all.orders().size(), 2);
        const QJsonObject first = all.orders().at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("id")).toString(), QStringLiteral("ORD-1"));
        QCOMPARE(first.value(QStringLiteral("customerId")).toString(), QStringLiteral("C-1"));
        QCOMPARE(first.value(QStringLiteral("status")).toString(), QStringLiteral("created"));
        QCOMPARE(first.value(QStringLiteral("itemCount")).toInteger(), 1);
        QCOMPARE(first.value(QStringLiteral("total")), QJsonValue(QStringLiteral("19.98")));
        QCOMPARE(first.value(QStringLiteral("version")).toInteger(), 2);
        QCOMPARE(all.orders().at(1).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("cancelled"));

        const CliRun created = cli(argv({"orders", "--status", "created"}));
        CLI_OK(created);
        QCOMPARE(created.orders().size(), 1);
        QCOMPARE(created.orders().at(0).toObject(), first);
        const CliRun onlyCancelled = cli(argv({"orders", "--status", "cancelled"}));
        CLI_OK(onlyCancelled);
        QCOMPARE(onlyCancelled.orders().size(), 1);
        QCOMPARE(onlyCancelled.orders().at(0).toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("ORD-2"));
        const CliRun shipped = cli(argv({"orders", "--status", "shipped"}));
        CLI_OK(shipped);
        QCOMPARE(shipped.orders().size(), 0);

        const CliRun unknown = cli(argv({"orders", "--status", "lost"}));
        CLI_FAILS(unknown, 2, "invalid");
        const CliRun wrongCase = cli(argv({"orders", "--status", "Created"}));
        CLI_FAILS(wrongCase, 2, "invalid");
        const CliRun emptyStatus = cli(argv({"orders", "--status", ""}));
        CLI_FAILS(emptyStatus, 2, "invalid");
    }

    // ---- verify, rebuild-projections, demo-data ---------------------------------------------

    void verifyReportsIntactDatabase() {
        createOrderWithItem();
        if (QTest::currentTestFailed())
            return;
        const CliRun other =
            command(QStringLiteral("ORD-2"),
                    "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C-2\"}}");
        CLI_OK(other);

        const CliRun verify = cli(argv({"verify"}));
        CLI_OK(verify);
        const QJsonObject report = verify.object();
        QCOMPARE(report.value(QStringLiteral("intact")), QJsonValue(true));
        QCOMPARE(report.value(QStringLiteral("cancelled")), QJsonValue(false));
        QCOMPARE(report.value(QStringLiteral("eventsChecked")).toInteger(), 3);
        QCOMPARE(report.value(QStringLiteral("streamsChecked")).toInteger(), 2);
        QVERIFY(report.value(QStringLiteral("problems")).isArray());
        QCOMPARE(report.value(QStringLiteral("problems")).toArray().size(), 0);
    }

    void verifyReportsTampering() {
        createOrderWithItem();
        if (QTest::currentTestFailed())
            return;
        // Someone edits a stored event behind the application's back.
        execSql(m_dbPath, {QStringLiteral("DROP TRIGGER events_no_update"),
                           QStringLiteral("UPDATE events SET data = replace(data, '9.99', "
                                          "'0.01') WHERE type = 'ItemAdded'")});
        if (QTest::currentTestFailed())
            return;

        const CliRun verify = cli(argv({"verify"}));
        QVERIFY2(verify.finished && verify.parseError.isEmpty(), verify.describe().constData());
        QCOMPARE(verify.exitCode, 5);
        const QJsonObject report = verify.object();
        QCOMPARE(report.value(QStringLiteral("intact")), QJsonValue(false));
        const QJsonArray problems = report.value(QStringLiteral("problems")).toArray();
        QVERIFY2(!problems.isEmpty(), verify.describe().constData());
        QCOMPARE(problems.at(0).toObject().value(QStringLiteral("aggregateId")).toString(),
                 QStringLiteral("ORD-1"));
        QCOMPARE(problems.at(0).toObject().value(QStringLiteral("version")).toInteger(), 2);
    }

    void eventsPrintsTheFilteredEventsAsJsonLines() {
        // The CLI_ macros read their argument more than once: always give them a variable.
        const CliRun demo = cli(argv({"demo-data", "6", "--seed", "3"}));
        CLI_OK(demo);
        const CliRun created = cli(argv({"events", "--type", "OrderCreated", "--newest-first"}));
        QCOMPARE(created.exitCode, 0);
        const QList<QByteArray> lines = created.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 6);
        qint64 previous = std::numeric_limits<qint64>::max();
        for (const QByteArray &line : lines) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            QCOMPARE(event.value(QStringLiteral("type")).toString(),
                     QStringLiteral("OrderCreated"));
            QVERIFY(event.value(QStringLiteral("position")).toInteger() < previous);
            previous = event.value(QStringLiteral("position")).toInteger();
        }
        const CliRun one = cli(argv({"events", "--order", "ORD-000002", "--limit", "1"}));
        CLI_OK(one);
        QCOMPARE(one.object().value(QStringLiteral("aggregateId")).toString(),
                 QStringLiteral("ORD-000002"));
        const CliRun badTime = cli(argv({"events", "--from", "yesterday"}));
        CLI_FAILS(badTime, 2, "invalid");
        const CliRun badLimit = cli(argv({"events", "--limit", "0"}));
        CLI_FAILS(badLimit, 2, "invalid");
        // --count: how many lines the same filter prints, and nothing that limits them.
        const CliRun counted = cli(argv({"events", "--type", "OrderCreated", "--count"}));
        CLI_OK(counted);
        QCOMPARE(counted.object().value(QStringLiteral("count")).toInteger(), lines.size());
        const CliRun all = cli(argv({"events"}));
        const CliRun countedAll = cli(argv({"events", "--count"}));
        CLI_OK(countedAll);
        QCOMPARE(countedAll.object().value(QStringLiteral("count")).toInteger(),
                 all.out.trimmed().split('\n').size());
        const CliRun limitedCount = cli(argv({"events", "--count", "--limit", "2"}));
        CLI_FAILS(limitedCount, 2, "invalid");
        const CliRun orderedCount = cli(argv({"events", "--count", "--newest-first"}));
        CLI_FAILS(orderedCount, 2, "invalid");
    }

    // A customer's own events and its orders', a guest's orders by their customer id.
    void eventsAndExportByCustomer() {
        const CliRun registered =
            cli(argv({"customer", "command", "CUST-1",
                      "{\"type\":\"RegisterCustomer\",\"data\":{\"name\":\"Ann\"}}"}));
        CLI_OK(registered);
        const auto create = [&](const char *order, const QByteArray &customer) {
            return command(QLatin1String(order),
                           "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"" + customer +
                               "\"}}");
        };
        const CliRun first = create("ORD-1", "CUST-1");
        CLI_OK(first);
        const CliRun guestOrder = create("ORD-2", "GUEST-9");
        CLI_OK(guestOrder);
        const CliRun third = create("ORD-3", "CUST-1");
        CLI_OK(third);
        const CliRun added = command(QStringLiteral("ORD-1"),
                                     "{\"type\":\"AddItem\",\"data\":{\"productId\":\"P-1\","
                                     "\"name\":\"Mug\",\"quantity\":1,\"price\":\"9.99\"}}");
        CLI_OK(added);
        const auto streams = [](const CliRun &run) {
            QStringList found;
            for (const QByteArray &line : run.out.trimmed().split('\n')) {
                const QJsonObject event = QJsonDocument::fromJson(line).object();
                found << event.value(QStringLiteral("aggregateId")).toString() + u'/' +
                             QString::number(
                                 meta(event).value(QStringLiteral("version")).toInteger());
            }
            return found;
        };
        const CliRun ann = cli(argv({"events", "--customer", "CUST-1", "--newest-first"}));
        QCOMPARE(ann.exitCode, 0);
        QCOMPARE(streams(ann), argv({"ORD-1/2", "ORD-3/1", "ORD-1/1", "CUST-1/1"}));
        const CliRun guest = cli(argv({"events", "--customer", "GUEST-9"}));
        CLI_OK(guest);
        QCOMPARE(streams(guest), argv({"ORD-2/1"}));
        const QString out = path(QStringLiteral("ann.csv"));
        const CliRun exported = cli({QStringLiteral("export"), QStringLiteral("--out"), out,
                                     QStringLiteral("--customer"), QStringLiteral("CUST-1")});
        CLI_OK(exported);
        QCOMPARE(exported.object().value(QStringLiteral("exported")).toInteger(), 4);

        const CliRun both =
            cli(argv({"events", "--customer", "CUST-1", "--order", "ORD-1", "--limit", "1"}));
        CLI_FAILS(both, 2, "invalid");
        QVERIFY2(both.errorMessage().contains(QLatin1String("--customer and --order")),
                 both.describe().constData());
    }

    void exportWritesCsvAndCheckpointsCatchTruncation() {
        createOrderWithItem();
        if (QTest::currentTestFailed())
            return;
        const QString out = path(QStringLiteral("audit.csv"));
        const CliRun exported =
            cli({QStringLiteral("export"), QStringLiteral("--out"), out, QStringLiteral("--bom")});
        CLI_OK(exported);
        QCOMPARE(exported.object().value(QStringLiteral("exported")).toInteger(), 2);
        QFile csv(out);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray bytes = csv.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBFposition,recorded_at,"));
        QCOMPARE(bytes.count("\r\n"), 3);
        const CliRun noOut = cli(argv({"export"}));
        CLI_FAILS(noOut, 2, "invalid");
        const CliRun noDir = cli({QStringLiteral("export"), QStringLiteral("--out"),
                                  path(QStringLiteral("no/dir/x.csv"))});
        CLI_FAILS(noDir, 4, "storage");

        const CliRun checkpoint = cli(argv({"checkpoint"}));
        CLI_OK(checkpoint);
        const QString digest = checkpoint.object().value(QStringLiteral("checkpoint")).toString();
        const CliRun intact =
            cli({QStringLiteral("verify"), QStringLiteral("--checkpoint"), digest});
        CLI_OK(intact);
        // The newest event is cut off behind the application's back: the chain of what is left
        // is whole, the checkpoint is not.
        execSql(m_dbPath, {QStringLiteral("DROP TRIGGER events_no_delete"),
                           QStringLiteral("DELETE FROM events WHERE aggregate_type = "
                                          "'Order' AND version = 2")});
        if (QTest::currentTestFailed())
            return;
        const CliRun chains = cli(argv({"verify", "--fast"}));
        CLI_OK(chains);
        const CliRun caught =
            cli({QStringLiteral("verify"), QStringLiteral("--checkpoint"), digest});
        QCOMPARE(caught.exitCode, 5);
        QStringList found; // the deep check also finds the read model ahead of the events
        for (const QJsonValue &problem :
             caught.object().value(QStringLiteral("problems")).toArray())
            found << problem.toObject().value(QStringLiteral("problem")).toString();
        QVERIFY2(found.contains(QStringLiteral("checkpoint")), caught.describe().constData());
        const CliRun malformed = cli(argv({"verify", "--checkpoint", "ot1:nope"}));
        CLI_FAILS(malformed, 2, "invalid");
    }

    void rebuildProjectionsGivesSameOrders() {
        const CliRun demo = cli(argv({"demo-data", "12", "--seed", "7"}));
        CLI_OK(demo);
        const CliRun manual =
            command(QStringLiteral("HAND-1"),
                    "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C-H\"}}");
        CLI_OK(manual);

        const CliRun before = cli(argv({"orders"}));
        CLI_OK(before);
        QCOMPARE(before.orders().size(), 13);

        const CliRun rebuilt = cli(argv({"rebuild-projections"}));
        CLI_OK(rebuilt);
        // 13 orders, and the demo's 8 customers and 10 products.
        QCOMPARE(rebuilt.object(), QJsonObject({{QStringLiteral("rebuilt"), 31}}));
        const CliRun after = cli(argv({"orders"}));
        CLI_OK(after);
        QCOMPARE(after.out, before.out);

        // The rebuild really works from the events: a lost read model comes back identical.
        execSql(m_dbPath, {QStringLiteral("DELETE FROM order_summaries")});
        if (QTest::currentTestFailed())
            return;
        const CliRun lost = cli(argv({"orders"}));
        CLI_OK(lost);
        QCOMPARE(lost.orders().size(), 0);
        const CliRun again = cli(argv({"rebuild-projections"}));
        CLI_OK(again);
        QCOMPARE(again.object().value(QStringLiteral("rebuilt")).toInteger(), 31);
        const CliRun restored = cli(argv({"orders"}));
        CLI_OK(restored);
        QCOMPARE(restored.out, before.out);
    }

    void demoDataCreatesOrdersAcrossStatuses() {
        const CliRun demo = cli(argv({"demo-data", "30"}));
        CLI_OK(demo);
        QCOMPARE(demo.object(), QJsonObject({{QStringLiteral("created"), 30}}));

        const CliRun orders = cli(argv({"orders"}));
        CLI_OK(orders);
        QCOMPARE(orders.orders().size(), 30);
        QSet<QString> ids;
        QSet<QString> statuses;
        qint64 events = 0;
        for (const QJsonValue &value : orders.orders()) {
            const QJsonObject summary = value.toObject();
            ids.insert(summary.value(QStringLiteral("id")).toString());
            statuses.insert(summary.value(QStringLiteral("status")).toString());
            events += summary.value(QStringLiteral("version")).toInteger();
            QVERIFY(summary.value(QStringLiteral("itemCount")).toInteger() >= 1);
        }
        QCOMPARE(ids.size(), 30);
        QVERIFY2(statuses.size() >= 3,
                 qPrintable(QStringList(statuses.begin(), statuses.end()).join(u',')));
        const QSet<QString> known{QStringLiteral("created"), QStringLiteral("confirmed"),
                                  QStringLiteral("shipped"), QStringLiteral("delivered"),
                                  QStringLiteral("cancelled")};
        QVERIFY(statuses.subtract(known).isEmpty());

        // The status filter partitions the list.
        int filtered = 0;
        for (const QString &status : known) {
            const CliRun some = cli({QStringLiteral("orders"), QStringLiteral("--status"), status});
            CLI_OK(some);
            for (const QJsonValue &value : some.orders())
                QCOMPARE(value.toObject().value(QStringLiteral("status")).toString(), status);
            filtered += some.orders().size();
        }
        QCOMPARE(filtered, 30);

        const CliRun verify = cli(argv({"verify"}));
        CLI_OK(verify);
        QCOMPARE(verify.object().value(QStringLiteral("intact")), QJsonValue(true));
        // The orders' events, and one each registering the demo's 8 customers and 10 products.
        QCOMPARE(verify.object().value(QStringLiteral("eventsChecked")).toInteger(), events + 18);
        QCOMPARE(verify.object().value(QStringLiteral("streamsChecked")).toInteger(), 30 + 18);

        // More demo data adds orders, it does not replace them.
        const CliRun more = cli(argv({"demo-data", "2"}));
        CLI_OK(more);
        const CliRun total = cli(argv({"orders"}));
        CLI_OK(total);
        QCOMPARE(total.orders().size(), 32);
    }

    void demoDataRejectsBadCounts() {
        for (const char *count : {"0", "-3", "many", "1000001"}) {
            const CliRun run = cli(argv({"demo-data", count}));
            CLI_FAILS(run, 2, "invalid");
        }
        const CliRun badSeed = cli(argv({"demo-data", "2", "--seed", "x"}));
        CLI_FAILS(badSeed, 2, "invalid");
        QVERIFY2(!QFileInfo::exists(m_dbPath), "bad arguments created the database");
    }

    // ---- usage -------------------------------------------------------------------------------

    void helpAndVersion() {
        const CliRun help = runCli(argv({"--help"}));
        QVERIFY2(help.finished && help.exitCode == 0, help.describe().constData());
        for (const char *text : {"Subcommands:", "command ORDER_ID", "show ORDER_ID", "history",
                                 "orders", "verify", "rebuild-projections", "demo-data", "--db"})
            QVERIFY2(help.out.contains(text), text);

        const CliRun version = runCli(argv({"--version"}));
        QVERIFY2(version.finished && version.exitCode == 0, version.describe().constData());
        QCOMPARE(version.out, QByteArray("ordertrail-cli " OT_VERSION "\n"));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("xdg-data"))));
    }

    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no subcommand") << QStringList();
        QTest::newRow("unknown subcommand") << argv({"frobnicate"});
        QTest::newRow("unknown option") << argv({"orders", "--bogus"});
        QTest::newRow("option without its value") << argv({"show", "ORD-1", "--at-version"});
        QTest::newRow("command without JSON") << argv({"command", "ORD-1"});
        QTest::newRow("command with extra argument")
            << argv({"command", "ORD-1", "{\"type\":\"ConfirmOrder\"}", "extra"});
        QTest::newRow("show without id") << argv({"show"});
        QTest::newRow("show with two ids") << argv({"show", "ORD-1", "ORD-2"});
        QTest::newRow("history without id") << argv({"history"});
        QTest::newRow("orders with argument") << argv({"orders", "ORD-1"});
        QTest::newRow("verify with argument") << argv({"verify", "now"});
        QTest::newRow("demo-data without N") << argv({"demo-data"});
        QTest::newRow("orders --at-version") << argv({"orders", "--at-version", "2"});
        QTest::newRow("history --status") << argv({"history", "ORD-1", "--status", "created"});
        QTest::newRow("show --status") << argv({"show", "ORD-1", "--status", "created"});
        QTest::newRow("verify --seed") << argv({"verify", "--seed", "3"});
        QTest::newRow("export --customer with --order")
            << argv({"export", "--out", "x.csv", "--customer", "C-1", "--order", "ORD-1"});
        QTest::newRow("command --at-version")
            << argv({"command", "ORD-1", "{\"type\":\"ConfirmOrder\"}", "--at-version", "1"});
    }

    void usageErrors() {
        QFETCH(QStringList, args);
        // On an existing database: nothing changes.
        createOrderWithItem();
        if (QTest::currentTestFailed())
            return;
        const QByteArray before = snapshot({QStringLiteral("ORD-1")});
        const CliRun run = cli(args);
        CLI_FAILS(run, 2, "invalid");
        QCOMPARE(snapshot({QStringLiteral("ORD-1")}), before);

        // Without a database: usage is checked before anything is opened or created, both with
        // --db and with the default database.
        const QString missing = path(QStringLiteral("missing.sqlite"));
        const CliRun withDb =
            runCli(QStringList{QStringLiteral("--db"), QStringLiteral("sqlite:") + missing} + args);
        CLI_FAILS(withDb, 2, "invalid");
        QVERIFY(!QFileInfo::exists(missing));
        const CliRun withDefault = runCli(args);
        CLI_FAILS(withDefault, 2, "invalid");
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("xdg-data"))));
    }

    // ---- database trouble ------------------------------------------------------------------

    void missingFolderIsStorageError() {
        const QString file = path(QStringLiteral("no/such/dir/x.db"));
        const CliRun write =
            runCli({QStringLiteral("--db"), QStringLiteral("sqlite:") + file,
                    QStringLiteral("command"), QStringLiteral("ORD-1"),
                    QStringLiteral("{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"}}")});
        CLI_FAILS(write, 4, "storage");
        const CliRun read = runCli(
            {QStringLiteral("--db"), QStringLiteral("sqlite:") + file, QStringLiteral("orders")});
        CLI_FAILS(read, 4, "storage");
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("no"))));

        // The literal path from the brief: an absolute folder that does not exist.
        QVERIFY(!QFileInfo::exists(QStringLiteral("/missing")));
        const CliRun absolute =
            runCli(argv({"--db", "sqlite:/missing/dir/x.db", "command", "ORD-1",
                         "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"}}"}));
        CLI_FAILS(absolute, 4, "storage");
        QVERIFY(!QFileInfo::exists(QStringLiteral("/missing")));
    }

    void readOnMissingFileCreatesNothing() {
        const QString file = path(QStringLiteral("absent.sqlite"));
        const FileState before = FileState::of(file);
        for (const char *sub : {"orders", "verify", "rebuild-projections"}) {
            const CliRun run = runCli(
                {QStringLiteral("--db"), QStringLiteral("sqlite:") + file, QString::fromUtf8(sub)});
            CLI_FAILS(run, 4, "storage");
            QVERIFY2(run.errorMessage().contains(file), run.describe().constData());
        }
        for (const char *sub : {"show", "history"}) {
            const CliRun run = runCli({QStringLiteral("--db"), QStringLiteral("sqlite:") + file,
                                       QString::fromUtf8(sub), QStringLiteral("ORD-1")});
            CLI_FAILS(run, 4, "storage");
        }
        FILE_UNCHANGED(before, FileState::of(file));
        QVERIFY(!QFileInfo::exists(file));

        // The same with the default database: neither the file nor its folder appear.
        const CliRun run = runCli(argv({"orders"}));
        CLI_FAILS(run, 4, "storage");
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("xdg-data"))));
    }

    void notSqliteFileIsUntouched() {
        const QString file = path(QStringLiteral("notes.db"));
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            QByteArray text;
            for (int i = 0; i < 200; ++i)
                text += "Shopping list line " + QByteArray::number(i) + ": milk, eggs, bread\n";
            out.write(text);
        }
        QVERIFY(backdate(file));
        const FileState before = FileState::of(file);
        QVERIFY(before.bytes.size() > 4096);

        const CliRun write =
            runCli({QStringLiteral("--db"), QStringLiteral("sqlite:") + file,
                    QStringLiteral("command"), QStringLiteral("ORD-1"), QStringLiteral("-")},
                   "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"}}");
        CLI_FAILS(write, 4, "storage");
        FILE_UNCHANGED(before, FileState::of(file));
        const CliRun read = runCli(
            {QStringLiteral("--db"), QStringLiteral("sqlite:") + file, QStringLiteral("verify")});
        CLI_FAILS(read, 4, "storage");
        FILE_UNCHANGED(before, FileState::of(file));
        const CliRun demo = runCli({QStringLiteral("--db"), QStringLiteral("sqlite:") + file,
                                    QStringLiteral("demo-data"), QStringLiteral("3")});
        CLI_FAILS(demo, 4, "storage");
        FILE_UNCHANGED(before, FileState::of(file));
    }

    void otherProgramsDatabaseIsUntouched() {
        const QString file = path(QStringLiteral("contacts.sqlite"));
        createForeignDatabase(file);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(backdate(file));
        const FileState before = FileState::of(file);
        QVERIFY(before.bytes.startsWith("SQLite format 3"));

        const CliRun write =
            runCli({QStringLiteral("--db"), QStringLiteral("sqlite:") + file,
                    QStringLiteral("command"), QStringLiteral("ORD-1"),
                    QStringLiteral("{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"}}")});
        CLI_FAILS(write, 4, "storage");
        QVERIFY2(write.errorMessage().contains(QStringLiteral("another program")),
                 write.describe().constData());
        FILE_UNCHANGED(before, FileState::of(file));
        for (const char *sub : {"orders", "verify", "rebuild-projections"}) {
            const CliRun read = runCli(
                {QStringLiteral("--db"), QStringLiteral("sqlite:") + file, QString::fromUtf8(sub)});
            CLI_FAILS(read, 4, "storage");
            FILE_UNCHANGED(before, FileState::of(file));
        }
        const CliRun demo = runCli({QStringLiteral("--db"), QStringLiteral("sqlite:") + file,
                                    QStringLiteral("demo-data"), QStringLiteral("2")});
        CLI_FAILS(demo, 4, "storage");
        FILE_UNCHANGED(before, FileState::of(file));
    }

    void unreadableFileIsStorageError() {
        if (::geteuid() == 0)
            QSKIP("running as root: file permissions do not apply, so an unreadable file cannot "
                  "be made");
        createOrderWithItem();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(backdate(m_dbPath));
        const FileState before = FileState::of(m_dbPath);
        QVERIFY(QFile::setPermissions(m_dbPath, QFileDevice::Permissions()));
        const auto restore = qScopeGuard([&] {
            QFile::setPermissions(m_dbPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        });

        const CliRun read = cli(argv({"orders"}));
        CLI_FAILS(read, 4, "storage");
        const CliRun write = command(QStringLiteral("ORD-1"), "{\"type\":\"ConfirmOrder\"}");
        CLI_FAILS(write, 4, "storage");

        QFile::setPermissions(m_dbPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        FILE_UNCHANGED(before, FileState::of(m_dbPath));
    }

    // An OrderTrail database this version cannot read: a storage error, and the file untouched.
    void unusableOrderTrailDatabaseIsUntouched_data() {
        QTest::addColumn<QString>("sql");
        QTest::newRow("newer schema") << QStringLiteral(
            "UPDATE ordertrail_meta SET value = '99' WHERE key = 'schema_version'");
        QTest::newRow("no schema version")
            << QStringLiteral("DELETE FROM ordertrail_meta WHERE key = 'schema_version'");
    }

    void unusableOrderTrailDatabaseIsUntouched() {
        QFETCH(QString, sql);
        createOrderWithItem();
        if (QTest::currentTestFailed())
            return;
        execSql(m_dbPath, {sql});
        if (QTest::currentTestFailed())
            return;
        QVERIFY(backdate(m_dbPath));
        const FileState before = FileState::of(m_dbPath);

        const CliRun write = command(QStringLiteral("ORD-1"), "{\"type\":\"ConfirmOrder\"}");
        CLI_FAILS(write, 4, "storage");
        FILE_UNCHANGED(before, FileState::of(m_dbPath));
        const CliRun read = cli(argv({"history", "ORD-1"}));
        CLI_FAILS(read, 4, "storage");
        FILE_UNCHANGED(before, FileState::of(m_dbPath));
    }

    void folderAsDatabaseIsStorageError() {
        const QString folder = path(QStringLiteral("a-folder"));
        QVERIFY(QDir().mkpath(folder));
        {
            QFile inside(folder + QStringLiteral("/keep.txt"));
            QVERIFY(inside.open(QIODevice::WriteOnly));
            inside.write("keep me\n");
        }
        const FileState before = FileState::of(folder);
        const CliRun write =
            runCli({QStringLiteral("--db"), QStringLiteral("sqlite:") + folder,
                    QStringLiteral("command"), QStringLiteral("ORD-1"),
                    QStringLiteral("{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"}}")});
        CLI_FAILS(write, 4, "storage");
        const CliRun read = runCli(
            {QStringLiteral("--db"), QStringLiteral("sqlite:") + folder, QStringLiteral("orders")});
        CLI_FAILS(read, 4, "storage");
        FILE_UNCHANGED(before, FileState::of(folder));
    }

    void malformedUrlIsInvalid_data() {
        QTest::addColumn<QString>("url");
        QTest::newRow("postgres") << QStringLiteral("postgres://x");
        QTest::newRow("no scheme") << QStringLiteral("nonsense");
        QTest::newRow("empty path") << QStringLiteral("sqlite:");
        QTest::newRow("empty scheme") << QStringLiteral(":memory");
        QTest::newRow("http") << QStringLiteral("http://localhost/db");
    }

    void malformedUrlIsInvalid() {
        QFETCH(QString, url);
        const QStringList write{
            QStringLiteral("command"), QStringLiteral("ORD-1"),
            QStringLiteral("{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"}}")};
        const FileState before = FileState::of(m_dir->path());

        const CliRun option = runCli(QStringList{QStringLiteral("--db"), url} + write);
        CLI_FAILS(option, 2, "invalid");
        const CliRun read = runCli({QStringLiteral("--db"), url, QStringLiteral("orders")});
        CLI_FAILS(read, 2, "invalid");

        QProcessEnvironment env = m_env;
        env.insert(QStringLiteral("ORDERTRAIL_DB"), url);
        const CliRun fromEnv = runCli(write, {}, &env);
        CLI_FAILS(fromEnv, 2, "invalid");

        // Nothing was created anywhere in the test's folder (nor the default database).
        QCOMPARE(FileState::of(m_dir->path()).folder, before.folder);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("xdg-data"))));
    }

    // ---- which database ----------------------------------------------------------------------

    void defaultDatabaseIsInXdgDataHome() {
        const QString expected = path(QStringLiteral("xdg-data/OrderTrail/ordertrail.sqlite"));
        QVERIFY(!QFileInfo::exists(expected));
        const CliRun created = runCli(argv(
            {"command", "ORD-1", "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"}}"}));
        CLI_OK(created);
        QVERIFY2(QFileInfo(expected).isFile(), qPrintable(expected));
        QVERIFY(!QFileInfo::exists(m_dbPath));

        // Later runs without --db use the same file, and it is the file named above.
        const CliRun show = runCli(argv({"show", "ORD-1"}));
        CLI_OK(show);
        QCOMPARE(show.object().value(QStringLiteral("customerId")).toString(), QStringLiteral("C"));
        const CliRun explicitRun =
            runCli({QStringLiteral("--db"), QStringLiteral("sqlite:") + expected,
                    QStringLiteral("history"), QStringLiteral("ORD-1")});
        CLI_OK(explicitRun);
        QCOMPARE(explicitRun.events().size(), 1);
    }

    void defaultDatabaseFallsBackToHome() {
        QProcessEnvironment env = m_env;
        env.remove(QStringLiteral("XDG_DATA_HOME"));
        const QString expected =
            path(QStringLiteral("home/.local/share/OrderTrail/ordertrail.sqlite"));
        const CliRun created =
            runCli(argv({"command", "ORD-1",
                         "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"}}"}),
                   {}, &env);
        CLI_OK(created);
        QVERIFY2(QFileInfo(expected).isFile(), qPrintable(expected));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("xdg-data"))));
    }

    void environmentNamesTheDatabase() {
        const QString file = path(QStringLiteral("from-env.sqlite"));
        QProcessEnvironment env = m_env;
        env.insert(QStringLiteral("ORDERTRAIL_DB"), QStringLiteral("sqlite:") + file);

        const CliRun created =
            runCli(argv({"command", "ORD-E",
                         "{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C-E\"}}"}),
                   {}, &env);
        CLI_OK(created);
        QVERIFY(QFileInfo(file).isFile());
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("xdg-data"))));

        const CliRun viaEnv = runCli(argv({"orders"}), {}, &env);
        CLI_OK(viaEnv);
        QCOMPARE(viaEnv.orders().size(), 1);
        const CliRun viaOption = runCli(
            {QStringLiteral("--db"), QStringLiteral("sqlite:") + file, QStringLiteral("orders")});
        CLI_OK(viaOption);
        QCOMPARE(viaOption.out, viaEnv.out);

        // --db wins over the environment.
        const CliRun overridden =
            runCli({QStringLiteral("--db"), QStringLiteral("sqlite:") + m_dbPath,
                    QStringLiteral("command"), QStringLiteral("ORD-O"),
                    QStringLiteral("{\"type\":\"CreateOrder\",\"data\":{\"customerId\":\"C\"}}")},
                   {}, &env);
        CLI_OK(overridden);
        QVERIFY(QFileInfo(m_dbPath).isFile());
        const CliRun stillOne = runCli(argv({"orders"}), {}, &env);
        CLI_OK(stillOne);
        QCOMPARE(stillOne.orders().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
