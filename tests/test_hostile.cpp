// The hostile input catalogue (issue 8): every kind of malformed, mistyped, oversized, badly
// encoded, control-laden or SQL-looking input in one table, each row sent through
// ordertrail-cli (as an argument and on standard input) and through the core API
// (OrderService::parseCommand and execute, order, history), on each backend. A row is either
// refused with a clear error, the CLI's documented exit code and every row of the database as
// it was; or legitimate data, stored and read back exactly by the CLI and by the core.

#include "CliProcess.h"
#include "TestSupport.h"
#include "es/EventHash.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QSqlRecord>

#include <memory>

using namespace ot;
using namespace ot::test;

namespace {

// The ways in: the command line (an argument), standard input ("-"), and the core API.
enum Via { Argument = 1, Stdin = 2, Core = 4, Everywhere = Argument | Stdin | Core };
constexpr Via Channels[] = {Argument, Stdin, Core};

const char *viaName(Via via) {
    switch (via) {
    case Argument:
        return "ordertrail-cli, the JSON as an argument";
    case Stdin:
        return "ordertrail-cli, the JSON on standard input";
    default:
        return "the core API";
    }
}

// The exit codes of the CLI's documented contract (README, ordertrail-cli).
int exitCodeOf(const QString &code) {
    if (code == QLatin1String("invalid"))
        return 2;
    if (code == QLatin1String("storage"))
        return 4;
    return 1; // rejected, not_found
}

// A JSON string literal for `text`, escaped as Qt writes it.
QByteArray quoted(const QString &text) {
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray quoted(const char *utf8) {
    return quoted(QString::fromUtf8(utf8));
}

QByteArray create(const QByteArray &customerId) {
    return R"({"type":"CreateOrder","data":{"customerId":)" + customerId + "}}";
}

// {"type":"ConfirmOrder", <members>}
QByteArray confirmWith(const QByteArray &members) {
    return R"({"type":"ConfirmOrder",)" + members + "}";
}

// AddItem of product P-9 with one field's JSON value replaced by `value`.
QByteArray itemWith(const QByteArray &field, const QByteArray &value) {
    const QList<std::pair<QByteArray, QByteArray>> fields{{"productId", R"("P-9")"},
                                                          {"name", R"("Thing")"},
                                                          {"quantity", "1"},
                                                          {"price", R"("1.00")"}};
    QByteArray data;
    for (const auto &[name, json] : fields)
        data += (data.isEmpty() ? "\"" : ",\"") + name + "\":" + (name == field ? value : json);
    return R"({"type":"AddItem","data":{)" + data + "}}";
}

QByteArray item(const QByteArray &productId, const QByteArray &name,
                const QByteArray &price = R"("1.00")") {
    return R"({"type":"AddItem","data":{"productId":)" + productId + R"(,"name":)" + name +
           R"(,"quantity":1,"price":)" + price + "}}";
}

QByteArray withData(const char *type, const QByteArray &dataMembers) {
    return R"({"type":")" + QByteArray(type) + R"(","data":{)" + dataMembers + "}}";
}

QByteArray tenMegabytes(char c) {
    return QByteArray(10 * 1024 * 1024, c);
}

// What a refused call said, from either the CLI or the core.
struct Refusal {
    QString code;
    QString message;
};

// Every string anywhere in a JSON value.
void collectStrings(const QJsonValue &value, QStringList &into) {
    if (value.isString()) {
        into << value.toString();
    } else if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            collectStrings(v, into);
    } else if (value.isObject()) {
        for (const QJsonValue &v : value.toObject())
            collectStrings(v, into);
    }
}

} // namespace

class TestHostile : public QObject {
    Q_OBJECT

private:
    // A database with a service and a connection of the test's own (the owner's rights) open
    // on it.
    struct OpenDatabase {
        DatabaseUrl url;
        std::unique_ptr<OrderService> orders;
        QSqlDatabase raw;

        QByteArrayList cli() const {
            return {"--db", url.toString(DatabaseUrl::Password::Included).toUtf8()};
        }
    };

    TestBackend m_backend;
    std::map<Via, OpenDatabase> m_databases; // one per channel, each with the same ORD-1
    int m_connections = 0;

    OpenDatabase open(const DatabaseUrl &url) {
        OpenDatabase db{url, nullptr, {}};
        auto opened = OrderService::open(url, OpenMode::ExistingOnly);
        if (!opened)
            qFatal("cannot open %s: %s", qPrintable(url.toString()),
                   qPrintable(opened.error().message));
        db.orders = std::move(opened.value());
        const bool pg = url.backend == DatabaseUrl::Backend::Postgres;
        db.raw = QSqlDatabase::addDatabase(pg ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"),
                                           QStringLiteral("hostile-raw-%1").arg(++m_connections));
        if (pg) {
            db.raw.setHostName(url.host);
            db.raw.setPort(url.port);
            db.raw.setUserName(url.user);
            db.raw.setPassword(url.password);
            db.raw.setDatabaseName(url.database);
        } else {
            db.raw.setDatabaseName(url.path);
        }
        if (!db.raw.open())
            qFatal("cannot open %s: %s", qPrintable(url.toString()),
                   qPrintable(db.raw.lastError().text()));
        return db;
    }

    static void close(OpenDatabase &db) {
        db.orders.reset();
        const QString name = db.raw.connectionName();
        db.raw.close();
        db.raw = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }

    static Result<QList<DomainEvent>> execute(OrderService &orders, const QString &orderId,
                                              const QByteArray &body) {
        auto parsed =
            OrderService::parseCommand(OrderAggregate::Type, orderId, body,
                                       QStringLiteral("core-tester"), IdGenerator::system());
        if (!parsed)
            return parsed.error();
        return orders.execute(parsed.value());
    }

    // Every row of every OrderTrail table in key order, hashed, with the number of events:
    // equal digests mean nothing was written. The access log aside, where a verify is recorded.
    static QByteArray digest(const OpenDatabase &db) {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        qint64 events = 0;
        QSqlQuery query(db.raw);
        for (const char *sql : {"SELECT * FROM events WHERE aggregate_type <> 'AccessLog' ORDER "
                                "BY position",
                                "SELECT * FROM order_summaries ORDER BY order_id",
                                "SELECT * FROM snapshots WHERE aggregate_type <> 'AccessLog' "
                                "ORDER BY aggregate_type, aggregate_id",
                                "SELECT * FROM ordertrail_meta ORDER BY key"}) {
            if (!query.exec(QString::fromLatin1(sql)))
                qFatal("%s: %s", sql, qPrintable(query.lastError().text()));
            const bool eventRows = QByteArray(sql).contains("events");
            while (query.next()) {
                events += eventRows;
                for (int i = 0; i < query.record().count(); ++i) {
                    const QByteArray value = query.value(i).toString().toUtf8();
                    hash.addData(QByteArray(QByteArray::number(value.size()) + ':' + value + ','));
                }
                hash.addData(";");
            }
            hash.addData("|");
        }
        return QByteArray::number(events) + " events, rows " + hash.result().toHex();
    }

    // Brings order `id` into `state` ("" leaves it alone, "created", "confirmed").
    static void bringTo(OpenDatabase &db, const QString &id, const QString &state) {
        if (state.isEmpty())
            return;
        QList<QByteArray> steps{create(R"("C-PREP")")};
        if (state == QLatin1String("confirmed"))
            steps << item(R"("P-PREP")", R"("Prepared")") << confirmWith(R"("data":{})");
        for (const QByteArray &step : steps)
            OT_REQUIRE(execute(*db.orders, id, step));
    }

    // Starts one row through the CLI, as an argument or on standard input.
    static std::unique_ptr<CliProcess> startCli(Via via, const QString &kind,
                                                const OpenDatabase &db, const QByteArray &orderId,
                                                const QByteArray &body) {
        QByteArrayList args = db.cli();
        args << kind.toUtf8();
        // An id that starts with '-' would be read as an option: "--" ends the options.
        if (orderId.startsWith('-'))
            args << "--";
        args << orderId;
        CliOptions options;
        if (kind == QLatin1String("command")) {
            if (via == Stdin) {
                args << "-";
                options.input = body;
            } else {
                args << body;
            }
        }
        return std::make_unique<CliProcess>(args, options);
    }

    // What the CLI did with a row: success, or a refusal as the CLI documents it.
    static void checkCli(const CliRun &cli, const QString &code, std::optional<Refusal> &refusal) {
        if (code.isEmpty()) {
            OT_CLI_OK(cli);
            return;
        }
        OT_CLI_FAILS(cli, exitCodeOf(code), code, QString());
        refusal = Refusal{cli.errorCode(), cli.errorMessage()};
    }

    // One row through the core API.
    static std::optional<Refusal> runCore(const QString &kind, OpenDatabase &db, const QString &id,
                                          const QByteArray &body) {
        const auto refused = [](const Error &e) {
            return std::optional<Refusal>(Refusal{errorCodeName(e.code), e.message});
        };
        if (kind == QLatin1String("show")) {
            auto order = db.orders->order(id);
            return order ? std::nullopt : refused(order.error());
        }
        if (kind == QLatin1String("history")) {
            auto events = db.orders->history(id);
            return events ? std::nullopt : refused(events.error());
        }
        auto events = execute(*db.orders, id, body);
        return events ? std::nullopt : refused(events.error());
    }

    // A legitimate row: the event carries `expected` data, the order id exactly as given, the
    // command's correlation (and its user, where the command's user is recorded); the CLI and
    // the core read back the same, and every hash chain still verifies.
    void checkStored(OpenDatabase &db, const QString &id, const QByteArray &body,
                     const QJsonObject &expected, CliProcess &historyProcess,
                     CliProcess &showProcess) {
        const QJsonObject command = QJsonDocument::fromJson(body).object();
        auto history = db.orders->history(id);
        OT_REQUIRE(history);
        const DomainEvent &last = history->back();
        QCOMPARE(last.aggregateId, id);
        // A line typed without a tax rate records 0 (ItemAdded v3).
        QJsonObject withRate = expected;
        if (last.type == QLatin1String("ItemAdded") &&
            !withRate.contains(QStringLiteral("taxRate")))
            withRate.insert(QStringLiteral("taxRate"), QStringLiteral("0"));
        // An order created without a currency is in the database's default.
        if (last.type == QLatin1String("OrderCreated") &&
            !withRate.contains(QStringLiteral("currency")))
            withRate.insert(QStringLiteral("currency"), QStringLiteral("EUR"));
        QCOMPARE(last.data, withRate);
        if (command.contains(QStringLiteral("correlationId")))
            QCOMPARE(last.metadata.correlationId,
                     command.value(QStringLiteral("correlationId")).toString());
        if (command.contains(QStringLiteral("userId")) && !m_backend.isPostgres())
            QCOMPARE(last.metadata.userId, command.value(QStringLiteral("userId")).toString());

        const CliRun cliHistory = historyProcess.finish();
        OT_CLI_OK(cliHistory);
        const QJsonArray events = cliHistory.events();
        QCOMPARE(events.size(), history->size());
        QCOMPARE(events.last().toObject(), last.toJson());

        auto order = db.orders->order(id);
        OT_REQUIRE(order);
        const CliRun show = showProcess.finish();
        OT_CLI_OK(show);
        QCOMPARE(show.object(), order.value()->toJson());
        QCOMPARE(show.object().value(QStringLiteral("id")).toString(), id);
        QStringList shown;
        collectStrings(show.object(), shown);
        QStringList sent;
        collectStrings(expected, sent);
        for (const QString &text : sent)
            QVERIFY2(shown.contains(text),
                     qPrintable(QStringLiteral("show lost \"%1\"").arg(text)));

        auto report = db.orders->verify();
        OT_REQUIRE(report);
        QVERIFY(report->intact());
    }

    // An event appended behind OrderTrail's back, hash-chained as OrderTrail would, as a newer
    // version or another program would write it.
    void appendRaw(OpenDatabase &db, const QString &orderId, const QJsonObject &spec) {
        auto history = db.orders->history(orderId);
        OT_REQUIRE(history);
        const DomainEvent &previous = history->back();
        DomainEvent event;
        event.id = QUuid::createUuid();
        event.aggregateType = OrderAggregate::Type;
        event.aggregateId = orderId;
        event.type = spec.value(QStringLiteral("type")).toString();
        event.schemaVersion = spec.value(QStringLiteral("schemaVersion")).toInt();
        event.data = spec.value(QStringLiteral("data")).toObject();
        // PostgreSQL records the login whatever is inserted.
        event.metadata.userId =
            m_backend.isPostgres() ? db.url.user : QStringLiteral("newer-ordertrail");
        event.metadata.timestamp = previous.metadata.timestamp + 1000;
        event.metadata.version = previous.metadata.version + 1;
        event.metadata.correlationId = QStringLiteral("raw");
        event.metadata.causationId = QStringLiteral("raw");
        const QByteArray data = canonicalJson(event.data);
        event.hash = chainHash(previous.hash, event, data);

        QSqlQuery insert(db.raw);
        insert.prepare(QStringLiteral(
            "INSERT INTO events (id, aggregate_type, aggregate_id, version, type, "
            "schema_version, data, user_id, correlation_id, causation_id, recorded_at, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        const QVariantList values{event.id.toString(QUuid::WithoutBraces),
                                  event.aggregateType,
                                  event.aggregateId,
                                  event.metadata.version,
                                  event.type,
                                  event.schemaVersion,
                                  QString::fromUtf8(data),
                                  event.metadata.userId,
                                  event.metadata.correlationId,
                                  event.metadata.causationId,
                                  event.metadata.timestamp,
                                  QString::fromLatin1(event.hash)};
        for (int i = 0; i < values.size(); ++i)
            insert.bindValue(i, values.at(i));
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    }

    // An event the code does not know, in the store: every read of its order and every
    // command on it is a clear storage error, history still lists it, other orders still work,
    // verify passes (it is well chained), and nothing is written.
    void unknownStoredEvent(OpenDatabase &db, int vias, const QJsonObject &spec,
                            const QString &fragment) {
        const QString id = QStringLiteral("ORD-FROM-THE-FUTURE");
        bringTo(db, id, QStringLiteral("confirmed"));
        bringTo(db, QStringLiteral("ORD-OTHER"), QStringLiteral("created"));
        appendRaw(db, id, spec);
        if (QTest::currentTestFailed())
            return;
        const QByteArray before = digest(db);

        if (vias & Argument) {
            for (const QByteArrayList &args :
                 {QByteArrayList{"show", id.toUtf8()},
                  QByteArrayList{"show", id.toUtf8(), "--at-version", "4"},
                  QByteArrayList{"command", id.toUtf8(), R"({"type":"DeliverOrder"})"},
                  QByteArrayList{"rebuild-projections"}}) {
                const CliRun refused = runCli(db.cli() + args);
                OT_CLI_FAILS(refused, 4, "storage", fragment);
                QVERIFY2(refused.errorMessage().contains(QStringLiteral("upgrade")),
                         refused.describe().constData());
            }
            const CliRun history = runCli(db.cli() + QByteArrayList{"history", id.toUtf8()});
            OT_CLI_OK(history);
            QCOMPARE(history.events().last().toObject().value(QStringLiteral("type")),
                     spec.value(QStringLiteral("type")));
            const CliRun other = runCli(db.cli() + QByteArrayList{"show", "ORD-OTHER"});
            OT_CLI_OK(other);
            // The chains hold; the deep check cannot replay that event, and says so.
            const CliRun links = runCli(db.cli() + QByteArrayList{"verify", "--fast"});
            OT_CLI_OK(links);
            const CliRun deep = runCli(db.cli() + QByteArrayList{"verify"});
            QCOMPARE(deep.exitCode, 5);
            const QJsonArray problems =
                deep.json().object().value(QStringLiteral("problems")).toArray();
            QCOMPARE(problems.size(), 1);
            QVERIFY2(problems.first()
                         .toObject()
                         .value(QStringLiteral("detail"))
                         .toString()
                         .contains(QStringLiteral("does not know")),
                     deep.describe().constData());
        }
        if (vias & Core) {
            const auto expectStorage = [&](const Error &error) {
                QCOMPARE(errorCodeName(error.code), QStringLiteral("storage"));
                QVERIFY2(error.message.contains(fragment, Qt::CaseInsensitive),
                         qPrintable(error.message));
            };
            auto order = db.orders->order(id);
            QVERIFY(!order);
            expectStorage(order.error());
            auto executed = execute(*db.orders, id, R"({"type":"DeliverOrder"})");
            QVERIFY(!executed);
            expectStorage(executed.error());
            auto rebuilt = db.orders->rebuildProjections();
            QVERIFY(!rebuilt);
            expectStorage(rebuilt.error());
            OT_REQUIRE(db.orders->order(QStringLiteral("ORD-OTHER")));
        }
        QCOMPARE(digest(db), before);
    }

private slots:
    void initTestCase() {
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        for (const Via via : Channels) {
            OpenDatabase db = open(m_backend.freshDatabase());
            OT_REQUIRE(execute(*db.orders, QStringLiteral("ORD-1"), create(R"("C-1")")));
            OT_REQUIRE(execute(*db.orders, QStringLiteral("ORD-1"),
                               item(R"("P-1")", R"("Mug")", R"("9.99")")));
            m_databases.emplace(via, std::move(db));
        }
    }

    // What the rows left behind verifies through the CLI too.
    void cleanupTestCase() {
        for (auto &[via, db] : m_databases) {
            const CliRun verify = runCli(db.cli() + QByteArrayList{"verify"});
            OT_CLI_OK(verify);
            QCOMPARE(verify.object().value(QStringLiteral("intact")), QJsonValue(true));
            close(db);
        }
    }

    void catalogue_data();
    void catalogue();
};

void TestHostile::catalogue_data() {
    QTest::addColumn<QString>("kind"); // command, show, history, or event (stored raw)
    QTest::addColumn<QByteArray>("orderId");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("via");
    QTest::addColumn<QString>("prepare");    // the order's state before the row: "", created...
    QTest::addColumn<QString>("code");       // the refusal; empty: legitimate, stored
    QTest::addColumn<QString>("fragment");   // what the message must name
    QTest::addColumn<QJsonObject>("stored"); // the event data stored, when not the body's

    const QString command = QStringLiteral("command");
    const QString invalid = QStringLiteral("invalid");
    const auto refused = [&](const char *name, const QByteArray &body, const char *fragment,
                             int via = Everywhere, const QByteArray &id = "ORD-1") {
        QTest::newRow(name) << command << id << body << via << QString() << invalid
                            << QString::fromUtf8(fragment) << QJsonObject();
    };
    // A legitimate command on its own new order `id`, in `prepare` state first. Standard input
    // carries the same bytes as an argument: only rows about the body's bytes go through both.
    const auto stored = [&](const char *name, const QByteArray &id, const QByteArray &body,
                            const char *prepare = "", int via = Argument | Core,
                            const QJsonObject &data = {}) {
        const QJsonObject expected =
            data.isEmpty()
                ? QJsonDocument::fromJson(body).object().value(QStringLiteral("data")).toObject()
                : data;
        QTest::newRow(name) << command << id << body << via << QString::fromLatin1(prepare)
                            << QString() << QString() << expected;
    };
    const auto read = [&](const char *name, const char *kind, const QByteArray &id,
                          const char *code, const char *fragment, int via = Argument | Core) {
        QTest::newRow(name) << QString::fromLatin1(kind) << id << QByteArray() << via << QString()
                            << QString::fromLatin1(code) << QString::fromUtf8(fragment)
                            << QJsonObject();
    };
    const auto event = [&](const char *name, const QJsonObject &spec, const char *fragment) {
        QTest::newRow(name) << QStringLiteral("event") << QByteArray() << json(spec)
                            << int(Argument | Core) << QString() << QStringLiteral("storage")
                            << QString::fromUtf8(fragment) << QJsonObject();
    };
    const QByteArray confirm = R"({"type":"ConfirmOrder"})";

    // ---- malformed and truncated JSON ----
    refused("json: not JSON", "type=ConfirmOrder", "malformed JSON");
    refused("json: truncated in a string", R"({"type":"AddItem","data":{"productId":"P-2","na)",
            "malformed JSON");
    refused("json: truncated after a member", R"({"type":"ConfirmOrder")", "malformed JSON");
    refused("json: truncated in a number", R"({"type":"AddItem","data":{"quantity":1)",
            "malformed JSON");
    refused("json: truncated escape", R"({"type":"ConfirmOrder","correlationId":"\u00)",
            "malformed JSON");
    refused("json: empty", "", "malformed JSON");
    refused("json: only white space", " \r\n\t ", "malformed JSON");
    refused("json: trailing garbage", confirm + " x", "malformed JSON");
    refused("json: two documents", confirm + confirm, "malformed JSON");
    refused("json: single quotes", "{'type':'ConfirmOrder'}", "malformed JSON");
    refused("json: trailing comma", R"({"type":"ConfirmOrder",})", "malformed JSON");
    refused("json: a comment", R"({"type":"ConfirmOrder" /* now */})", "malformed JSON");
    refused("json: unquoted key", R"({type:"ConfirmOrder"})", "malformed JSON");
    refused("json: 50,000 arrays deep",
            R"({"type":"ConfirmOrder","data":)" + QByteArray(50000, '[') + QByteArray(50000, ']') +
                "}",
            "malformed JSON");
    refused("json: an array", "[" + confirm + "]", "JSON object");
    // Qt reads only an object or an array as a JSON document.
    refused("json: a string", R"("ConfirmOrder")", "malformed JSON");
    refused("json: null", "null", "malformed JSON");
    refused("json: a number", "42", "malformed JSON");

    // ---- wrong JSON types, for every field ----
    for (const char *value : {"7", "null", "true", "{}", R"(["ConfirmOrder"])"})
        refused(QByteArray(QByteArray("type: ") + value).constData(),
                R"({"type":)" + QByteArray(value) + "}", "'type'", Argument | Core);
    for (const char *value : {"[]", R"("x")", "1", "null", "false"})
        refused(QByteArray(QByteArray("data: ") + value).constData(),
                R"({"type":"ConfirmOrder","data":)" + QByteArray(value) + "}", "'data'",
                Argument | Core);
    for (const char *value : {"5", "null", "{}", R"(["bob"])", "true"})
        refused(QByteArray(QByteArray("userId: ") + value).constData(),
                confirmWith(R"("userId":)" + QByteArray(value)), "'userId'", Argument | Core);
    for (const char *value : {R"("2")", "true", "null", "[2]", "{}", "1.5", "-1"})
        refused(QByteArray(QByteArray("expectedVersion: ") + value).constData(),
                confirmWith(R"("expectedVersion":)" + QByteArray(value)), "'expectedVersion'",
                Argument | Core);
    for (const char *value : {"7", "{}", "false", "null"})
        refused(QByteArray(QByteArray("correlationId: ") + value).constData(),
                confirmWith(R"("correlationId":)" + QByteArray(value)), "'correlationId'",
                Argument | Core);
    for (const char *value : {"42", "null", "true", R"(["C"])", "{}"})
        refused(QByteArray(QByteArray("customerId: ") + value).constData(), create(value),
                "customerId", Argument | Core, "ORD-NEW");
    for (const auto &[field, values] :
         {std::pair<QByteArray, QByteArrayList>{"productId", {"7", "null", "[]", "{}"}},
          {"name", {"true", "3", "{}", "null"}},
          {"quantity", {R"("3")", "null", "true", "[3]", "{}"}},
          {"price", {"true", "null", "[1]", R"({"amount":"1.00"})"}}}) {
        for (const QByteArray &value : values)
            refused(QByteArray(field + ": " + value).constData(), itemWith(field, value),
                    field.constData(), Argument | Core);
    }
    refused("RemoveItem productId: 1", withData("RemoveItem", R"("productId":1)"), "productId",
            Argument | Core);
    refused("reason: 1", withData("CancelOrder", R"("reason":1)"), "reason", Argument | Core);
    refused("reason: []", withData("CancelOrder", R"("reason":[])"), "reason", Argument | Core);
    refused("carrier: 1", withData("ShipOrder", R"("carrier":1)"), "carrier", Argument | Core);
    refused("trackingNumber: null", withData("ShipOrder", R"("trackingNumber":null)"),
            "trackingNumber", Argument | Core);
    refused("trackingNumber: {}", withData("ShipOrder", R"("trackingNumber":{})"), "trackingNumber",
            Argument | Core);

    // ---- prices: NaN, infinities, out of range, negative, too precise ----
    refused("price: NaN", itemWith("price", "NaN"), "malformed JSON");
    refused("price: \"NaN\"", itemWith("price", R"("NaN")"), "price");
    refused("price: Infinity", itemWith("price", "Infinity"), "malformed JSON");
    refused("price: -Infinity", itemWith("price", "-Infinity"), "malformed JSON");
    refused("price: \"Infinity\"", itemWith("price", R"("Infinity")"), "price");
    refused("price: 1e309", itemWith("price", "1e309"), "malformed JSON");
    refused("price: -1e309", itemWith("price", "-1e309"), "malformed JSON");
    refused("price: \"1e309\"", itemWith("price", R"("1e309")"), "price");
    refused("price: 1e15", itemWith("price", "1e15"), "price", Argument | Core);
    refused("price: 1000000000", itemWith("price", "1000000000"), "price", Argument | Core);
    refused("price: 2^63", itemWith("price", "9223372036854775808"), "price", Argument | Core);
    refused("price: \"99999999999999999999.99\"", itemWith("price", R"("99999999999999999999.99")"),
            "price", Argument | Core);
    refused("price: -1", itemWith("price", "-1"), "price", Argument | Core);
    refused("price: -0.01", itemWith("price", "-0.01"), "price", Argument | Core);
    refused("price: \"-1.00\"", itemWith("price", R"("-1.00")"), "price", Argument | Core);
    refused("price: \"-0\"", itemWith("price", R"("-0")"), "price", Argument | Core);
    refused("price: 9.999", itemWith("price", "9.999"), "price", Argument | Core);
    refused("price: \"9.999\"", itemWith("price", R"("9.999")"), "price", Argument | Core);
    refused("price: 0.001", itemWith("price", "0.001"), "price", Argument | Core);
    refused("price: 1e-400", itemWith("price", "1e-400"), "malformed JSON", Argument | Core);
    refused("price: 0.30000000000000004", itemWith("price", "0.30000000000000004"), "price",
            Argument | Core);
    // More digits than a double keeps: read as 1 and 9.99, which the sender did not write.
    refused("price: 1.0000000000000001", itemWith("price", "1.0000000000000001"),
            "1.0000000000000001");
    refused("price: 9.9900000000000002", itemWith("price", "9.9900000000000002"),
            "9.9900000000000002");
    refused("price: \"1.000000000000000000001\"", itemWith("price", R"("1.000000000000000000001")"),
            "price", Argument | Core);
    stored("price: -0 is zero", "ORD-PRICE-1", item(R"("P-1")", R"("Free")", "-0"), "created",
           Everywhere,
           {{QStringLiteral("productId"), QStringLiteral("P-1")},
            {QStringLiteral("name"), QStringLiteral("Free")},
            {QStringLiteral("quantity"), 1},
            {QStringLiteral("price"), QStringLiteral("0.00")}});
    stored("price: 1e2 is 100.00", "ORD-PRICE-2", item(R"("P-1")", R"("Hundred")", "1e2"),
           "created", Argument | Core,
           {{QStringLiteral("productId"), QStringLiteral("P-1")},
            {QStringLiteral("name"), QStringLiteral("Hundred")},
            {QStringLiteral("quantity"), 1},
            {QStringLiteral("price"), QStringLiteral("100.00")}});

    // ---- quantities: zero, negative, fractional, huge ----
    for (const char *value : {"0", "-1", "-0", "1.5", "1000001", "9007199254740992",
                              "9223372036854775808", "-9223372036854775808", "1e300"})
        refused(QByteArray(QByteArray("quantity: ") + value).constData(),
                itemWith("quantity", value), "quantity", Argument | Core);
    refused("quantity: 2^53+1", itemWith("quantity", "9007199254740993"), "9007199254740993");
    refused("quantity: 1e400", itemWith("quantity", "1e400"), "malformed JSON");
    refused("expectedVersion: 2^53+2", confirmWith(R"("expectedVersion":9007199254740994)"),
            "'expectedVersion'", Argument | Core);
    refused("expectedVersion: 2^53+1", confirmWith(R"("expectedVersion":9007199254740993)"),
            "9007199254740993", Argument | Core);
    refused("expectedVersion: 1e400", confirmWith(R"("expectedVersion":1e400)"), "malformed JSON",
            Argument | Core);

    // ---- 10 MB strings (too long for an argument: the kernel takes 128 KiB at most) ----
    const int big = Stdin | Core;
    refused("10 MB customerId", create('"' + tenMegabytes('c') + '"'), "too long", big, "ORD-NEW");
    refused("10 MB name", itemWith("name", '"' + tenMegabytes('n') + '"'), "too long", big);
    refused("10 MB reason", withData("CancelOrder", R"("reason":")" + tenMegabytes('r') + '"'),
            "too long", big);
    refused("10 MB command type", R"({"type":")" + tenMegabytes('T') + R"("})",
            "unknown command type", big);
    refused("10 MB field name", confirmWith('"' + tenMegabytes('f') + R"(":1)"), "unknown field",
            big);
    refused("10 MB userId", confirmWith(R"("userId":")" + tenMegabytes('u') + '"'), "too long",
            big);
    refused("10 MB correlationId", confirmWith(R"("correlationId":")" + tenMegabytes('k') + '"'),
            "too long", big);
    refused("10 MB order id", create(R"("C")"), "too long", Core, tenMegabytes('o'));
    refused("17 MB body", "{\"type\":\"" + QByteArray(17 * 1024 * 1024, 'x') + "\"}",
            "larger than 16 MiB", Stdin);

    // ---- invalid UTF-8 (as an argument the CLI refuses it before Qt would replace it) ----
    for (const auto &[name, bytes] : {std::pair<const char *, QByteArray>{"0xFF", "\xFF"},
                                      {"a lone continuation byte", "\x80"},
                                      {"a truncated sequence", "\xE2\x82"},
                                      {"an overlong slash", "\xC0\xAF"},
                                      {"an encoded surrogate", "\xED\xA0\x80"},
                                      {"beyond U+10FFFF", "\xF4\x90\x80\x80"}})
        refused(QByteArray(QByteArray("UTF-8: ") + name + " in customerId").constData(),
                create("\"C-" + bytes + "-1\""), "UTF", Everywhere, "ORD-NEW");
    refused("UTF-8: 0xFF in the order id", create(R"("C")"), "UTF-8", Argument, "ORD-\xFF");
    read("UTF-8: 0xFF in a shown id", "show", "ORD-\xFF", "invalid", "UTF-8", Argument);
    // Valid UTF-8 but not text every database returns as given (SQLite gives back U+FFFD).
    refused("unicode: unpaired high surrogate", create(R"("C-\ud800")"), "valid text", Everywhere,
            "ORD-NEW");
    refused("unicode: reversed surrogate pair", itemWith("name", R"("\udc00\ud800")"),
            "valid text");
    refused("unicode: U+FFFF", withData("CancelOrder", R"("reason":"late \uffff")"), "valid text");
    refused("unicode: U+FFFE", itemWith("productId", R"("P-\ufffe")"), "valid text");
    refused("unicode: surrogate userId", confirmWith(R"("userId":"bob\ud800")"), "valid text");
    refused("unicode: surrogate correlationId", confirmWith(R"("correlationId":"x\udfff")"),
            "valid text");
    refused("unicode: U+FFFF order id", create(R"("C")"), "valid text", Argument | Core,
            "ORD-\xEF\xBF\xBF");

    // ---- NUL bytes ----
    refused("NUL: raw in customerId", create(QByteArray("\"C-\0-1\"", 7)), "control", Stdin | Core,
            "ORD-NEW");
    refused("NUL: raw in the type", QByteArray(R"({"type":"Confirm)") + '\0' + R"(Order"})",
            "unknown command type", Stdin | Core);
    refused("NUL: after the document", confirm + '\0', "malformed JSON", Stdin | Core);
    refused("NUL: before the document", '\0' + confirm, "malformed JSON", Stdin | Core);
    refused("NUL: \\u0000 in name", itemWith("name", R"("Th\u0000ing")"), "control");
    refused("NUL: \\u0000 in userId", confirmWith(R"("userId":"b\u0000ob")"), "control");
    refused("NUL: in the order id", create(R"("C")"), "control", Core, QByteArray("ORD-\0-1", 7));

    // ---- control characters ----
    refused("control: BEL in customerId", create(R"("C\u0007")"), "control", Everywhere, "ORD-NEW");
    refused("control: terminal escape in name", itemWith("name", R"("\u001b[31mRed")"), "control");
    refused("control: tab in productId", itemWith("productId", R"("P\t9")"), "control");
    refused("control: BEL in reason", withData("CancelOrder", R"("reason":"late\u0007")"),
            "control");
    refused("control: C1 NEL in reason", withData("CancelOrder", R"("reason":"la\u0085te")"),
            "control");
    refused("control: C1 CSI in carrier", withData("ShipOrder", R"("carrier":"D\u009bHL")"),
            "control");
    refused("control: CR in trackingNumber", withData("ShipOrder", R"("trackingNumber":"T\r1")"),
            "control");
    refused("control: newline in userId", confirmWith(R"("userId":"bob\nadmin")"), "control");
    refused("control: tab in correlationId", confirmWith(R"("correlationId":"c\t1")"), "control");
    stored("control: line breaks and tabs in a reason", "ORD-REASON-1",
           withData("CancelOrder", R"("reason":"line one\nline two\r\n\tindented")"), "created",
           Everywhere);

    // ---- SQL-looking text: data, stored as given ----
    stored("SQL: customerId", "ORD-SQL-1", create(quoted("'; DROP TABLE events; --")));
    stored("SQL: order id", "'; DROP TABLE events; --", create(R"("C-1")"));
    stored("SQL: order id always true", "x' OR '1'='1", create(R"("C-1")"));
    stored("SQL: name", "ORD-SQL-2",
           item(R"("P-1")", quoted("Robert'); DROP TABLE order_summaries;--")), "created");
    stored("SQL: productId", "ORD-SQL-3", item(quoted("1' OR '1'='1' --"), R"("Thing")"),
           "created");
    stored("SQL: reason", "ORD-SQL-4",
           withData("CancelOrder", R"("reason":)" + quoted("\"; DELETE FROM events WHERE 1=1; --")),
           "created");
    stored("SQL: LIKE wildcards in carrier and trackingNumber", "ORD-SQL-5",
           withData("ShipOrder", R"("carrier":"%","trackingNumber":)" + quoted("_\\%'\"")),
           "confirmed");
    stored("SQL: userId and correlationId", "ORD-SQL-6",
           R"({"type":"CreateOrder","data":{"customerId":"C"},"userId":"admin'--",)"
           R"("correlationId":"' UNION SELECT hash FROM events --"})");
    stored("SQL: customerId of wildcards", "ORD-SQL-7", create(quoted("%_%\\")));
    refused("SQL: as the command type", R"({"type":"'; DROP TABLE events; --"})",
            "unknown command type");
    refused("SQL: as a field name", confirmWith(R"("'; DROP TABLE events; --":1)"),
            "unknown field");
    read("SQL: history of an id that is not there", "history", "'; DELETE FROM events; --",
         "not_found", "does not exist");
    read("SQL: a LIKE wildcard as id", "show", "%", "not_found", "does not exist");
    read("SQL: an underscore wildcard as id", "history", "ORD-_", "not_found", "does not exist");
    read("SQL: another case of an id", "show", "ord-1", "not_found", "does not exist");

    // ---- unknown command types ----
    for (const char *type : {"DeleteOrder", "createorder", "OrderCreated", " ConfirmOrder",
                             "ConfirmOrder ", "__proto__", "constructor"})
        refused(QByteArray(QByteArray("command type: \"") + type + '"').constData(),
                R"({"type":)" + quoted(type) + "}", "unknown command type", Argument | Core);
    refused("command type: empty", R"({"type":""})", "'type'", Argument | Core);

    // ---- unknown event types in the store ----
    event("stored event: unknown type",
          {{QStringLiteral("type"), QStringLiteral("OrderArchived")},
           {QStringLiteral("schemaVersion"), 1},
           {QStringLiteral("data"), QJsonObject{{QStringLiteral("shelf"), QStringLiteral("B4")}}}},
          "'OrderArchived'");
    event("stored event: newer schema of a known type",
          {{QStringLiteral("type"), QStringLiteral("ItemAdded")},
           {QStringLiteral("schemaVersion"), 4},
           {QStringLiteral("data"), QJsonObject{{QStringLiteral("sku"), QStringLiteral("X")}}}},
          "schema 4");
    event("stored event: SQL as its type",
          {{QStringLiteral("type"), QStringLiteral("'; DROP TABLE events; --")},
           {QStringLiteral("schemaVersion"), 1},
           {QStringLiteral("data"), QJsonObject()}},
          "DROP TABLE events");

    // ---- order ids: slashes, spaces and other characters are ids like any other ----
    for (const char *id :
         {"A/B", "orders/2026/11/ORD 7", "../../etc/passwd", "C:\\Orders\\1", "a b  c", "-1",
          "--db", "?x=1&y=2#frag", "%2F%00", "ORD-😀-注文", "\u202Eevil", "e\u0301\u200Bx"})
        stored(qPrintable(QStringLiteral("id: \"%1\"").arg(QString::fromUtf8(id))), id,
               create(R"("C-ID")"));
    refused("id: empty", create(R"("C")"), "empty", Everywhere, "");
    refused("id: blank", create(R"("C")"), "empty", Argument | Core, "   ");
    refused("id: leading space", create(R"("C")"), "space", Argument | Core, " ORD-9");
    refused("id: trailing space", create(R"("C")"), "space", Argument | Core, "ORD-9 ");
    refused("id: tab", create(R"("C")"), "control", Argument | Core, "ORD\t9");
    refused("id: newline", create(R"("C")"), "control", Argument | Core, "ORD\n9");
    refused("id: terminal escape", create(R"("C")"), "control", Argument | Core, "\x1b[2J");
    refused("id: DEL", create(R"("C")"), "control", Argument | Core, "ORD\x7f");
    refused("id: C1 NEL", create(R"("C")"), "control", Argument | Core,
            "OR\xC2\x85"
            "D");
    refused("id: 201 characters", create(R"("C")"), "too long", Argument | Core,
            QByteArray(201, 'i'));
    read("id: show an empty id", "show", "", "invalid", "empty");
    read("id: history of an empty id", "history", "", "invalid", "empty");
    read("id: show a blank id", "show", "   ", "invalid", "empty");
    read("id: history of a terminal escape", "history", "\x1b]0;pwned\x07", "invalid", "control");

    // ---- unicode and layout: data, stored as given ----
    stored("unicode: customerId", "ORD-UNI-1", create(quoted("Zoë Ångström-Ødegård 注文")), "",
           Everywhere);
    stored("unicode: emoji and a joined sequence", "ORD-UNI-2",
           item(R"("P-1")", quoted("☕ Mug « façade » 😀 👩‍👩‍👧")), "created",
           Everywhere);
    stored("unicode: combining accents stay as sent", "ORD-UNI-3",
           item(quoted("e\u0301-P"), quoted("Cafe\u0301 not Café")), "created");
    stored("unicode: astral plane and private use", "ORD-UNI-4",
           create(quoted("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \uE000 \uFDD0")), "", Everywhere);
    stored("unicode: escapes in the JSON", "ORD-UNI-5", create(R"("\u00e9\ud83d\ude00\/")"), "",
           Everywhere, {{QStringLiteral("customerId"), QStringLiteral("é😀/")}});
    stored("layout: a byte order mark first", "ORD-BOM", "\xEF\xBB\xBF" + create(R"("C-B")"), "",
           Everywhere);
    stored("layout: pretty-printed with CRLF", "ORD-PRETTY",
           "{\r\n\t\"type\": \"CreateOrder\",\r\n\t\"data\": {\"customerId\": \"C-P\"}\r\n}\r\n",
           "", Everywhere);
    stored("layout: 100 KB of white space", "ORD-SPACE-1",
           QByteArray(50000, ' ') + create(R"("C-S")") + QByteArray(50000, '\n'), "", Everywhere);
    stored("layout: 1 MB of white space through a pipe", "ORD-SPACE-2",
           QByteArray(512 * 1024, '\t') + create(R"("C-S")") + QByteArray(512 * 1024, ' '), "",
           Stdin | Core);
}

void TestHostile::catalogue() {
    QFETCH(QString, kind);
    QFETCH(QByteArray, orderId);
    QFETCH(QByteArray, body);
    QFETCH(int, via);
    QFETCH(QString, prepare);
    QFETCH(QString, code);
    QFETCH(QString, fragment);
    QFETCH(QJsonObject, stored);

    if (kind == QLatin1String("event")) {
        OpenDatabase db = open(m_backend.freshDatabase());
        unknownStoredEvent(db, via, QJsonDocument::fromJson(body).object(), fragment);
        close(db);
        return;
    }
    // The channels run at once, each on its own database: the CLI processes in the background
    // while the core takes its turn.
    struct Attempt {
        Via via;
        OpenDatabase &db;
        QByteArray before;
        std::unique_ptr<CliProcess> cli;
        std::optional<Refusal> refusal;
    };
    std::vector<Attempt> attempts;
    const QString id = QString::fromUtf8(orderId);
    for (const Via channel : Channels) {
        if (!(via & channel))
            continue;
        OpenDatabase &db = m_databases.at(channel);
        bringTo(db, id, prepare);
        if (QTest::currentTestFailed())
            return;
        attempts.push_back({channel, db, digest(db), nullptr, std::nullopt});
        if (channel != Core)
            attempts.back().cli = startCli(channel, kind, db, orderId, body);
    }
    for (Attempt &attempt : attempts) {
        if (!attempt.cli)
            attempt.refusal = runCore(kind, attempt.db, id, body);
    }
    for (Attempt &attempt : attempts) {
        if (attempt.cli)
            checkCli(attempt.cli->finish(), code, attempt.refusal);
        if (!QTest::currentTestFailed() && code.isEmpty())
            QVERIFY2(!attempt.refusal,
                     qPrintable(attempt.refusal ? attempt.refusal->message : QString()));
        if (!QTest::currentTestFailed() && !code.isEmpty()) {
            const Refusal *refusal = attempt.refusal ? &*attempt.refusal : nullptr;
            QVERIFY2(refusal, "accepted");
            QCOMPARE(refusal->code, code);
            QVERIFY2(refusal->message.contains(fragment, Qt::CaseInsensitive),
                     qPrintable(QStringLiteral("the message does not name \"%1\": %2")
                                    .arg(fragment, refusal->message.left(300))));
            QVERIFY2(refusal->message.size() < 600, qPrintable(refusal->message.left(600)));
            QVERIFY2(!looksLikeRawDriverMessage(refusal->message), qPrintable(refusal->message));
            QCOMPARE(digest(attempt.db), attempt.before);
        }
        if (QTest::currentTestFailed()) {
            qWarning("failed through %s", viaName(attempt.via));
            return;
        }
    }
    if (!code.isEmpty())
        return;

    // Read back what each channel stored, through the CLI (every reader at once) and the core.
    std::vector<std::pair<std::unique_ptr<CliProcess>, std::unique_ptr<CliProcess>>> readers;
    for (const Attempt &attempt : attempts) {
        const QByteArrayList cli = attempt.db.cli();
        readers.emplace_back(
            std::make_unique<CliProcess>(cli + QByteArrayList{"history", "--", orderId}),
            std::make_unique<CliProcess>(cli + QByteArrayList{"show", "--", orderId}));
    }
    for (size_t i = 0; i < attempts.size(); ++i) {
        checkStored(attempts[i].db, id, body, stored, *readers[i].first, *readers[i].second);
        if (QTest::currentTestFailed()) {
            qWarning("failed through %s", viaName(attempts[i].via));
            return;
        }
    }
}

QTEST_GUILESS_MAIN(TestHostile)
#include "test_hostile.moc"
