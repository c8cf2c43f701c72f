// `ordertrail-cli serve` as clients meet it: the real executable in a child process, on a
// loopback port it picks itself, driven over HTTP with QNetworkAccessManager (and a raw socket
// for what a well-behaved client never sends). Run on each backend (ORDERTRAIL_TEST_BACKEND).

#include "TestSupport.h"
#include "service/ChangeFeed.h"

#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QUrl>

#include <algorithm>
#include <memory>
#include <vector>

using namespace ot;
using namespace ot::test;

namespace {

constexpr int WaitMs = 60'000; // an upper bound for anything to happen, never a measurement
const QByteArray AliceToken = "alice-token-0123456789abcdef";
const QByteArray BobToken = "bob-token-0123456789abcdef";
constexpr qint64 MaxBody = 1024 * 1024;

QByteArray createOrder(const QString &customer = QStringLiteral("CUST-1")) {
    return json({{QStringLiteral("type"), QStringLiteral("CreateOrder")},
                 {QStringLiteral("data"), QJsonObject{{QStringLiteral("customerId"), customer}}}});
}

QByteArray addItem(const QString &product, std::optional<qint64> expectedVersion = {}) {
    QJsonObject body{
        {QStringLiteral("type"), QStringLiteral("AddItem")},
        {QStringLiteral("data"), QJsonObject{{QStringLiteral("productId"), product},
                                             {QStringLiteral("name"), product},
                                             {QStringLiteral("quantity"), 1},
                                             {QStringLiteral("price"), QStringLiteral("2.50")}}}};
    if (expectedVersion)
        body.insert(QStringLiteral("expectedVersion"), *expectedVersion);
    return json(body);
}

qint64 versionOf(const QJsonValue &event) {
    return event.toObject()
        .value(QStringLiteral("metadata"))
        .toObject()
        .value(QStringLiteral("version"))
        .toInteger();
}

QString userOf(const QJsonValue &event) {
    return event.toObject()
        .value(QStringLiteral("metadata"))
        .toObject()
        .value(QStringLiteral("userId"))
        .toString();
}

// A tokens file as an administrator would write it, readable by its owner only.
QString writeTokens(const QString &path, const QByteArray &content,
                    QFileDevice::Permissions permissions = QFileDevice::ReadOwner |
                                                           QFileDevice::WriteOwner) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) < 0)
        qFatal("cannot write %s", qPrintable(path));
    file.close();
    file.setPermissions(permissions);
    return path;
}

struct CliResult {
    int exitCode = -1;
    QByteArray out;
};

CliResult runCli(const QStringList &arguments,
                 const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(OT_CLI_PATH), arguments);
    if (!process.waitForFinished(WaitMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput()};
}

// A running `ordertrail-cli serve` on 127.0.0.1 and the port it chose (--listen 127.0.0.1:0,
// read back from its first line of output: no other process can take the port meanwhile).
class Server {
public:
    Server() = default;
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;
    ~Server() {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    // The database URL goes in ORDERTRAIL_DB, so a password is never on a command line.
    bool start(const DatabaseUrl &database, const QStringList &arguments,
               QProcessEnvironment env = QProcessEnvironment::systemEnvironment()) {
        env.insert(QStringLiteral("ORDERTRAIL_DB"),
                   database.toString(DatabaseUrl::Password::Included));
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral(OT_CLI_PATH),
                        QStringList{QStringLiteral("serve"), QStringLiteral("--listen"),
                                    QStringLiteral("127.0.0.1:0")} +
                            arguments);
        if (!m_process.waitForStarted(WaitMs))
            return false;
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(WaitMs))
                return false;
        }
        const QJsonObject line = QJsonDocument::fromJson(m_process.readLine()).object();
        m_base = QUrl(line.value(QStringLiteral("listening")).toString());
        return m_base.isValid() && m_base.port() > 0;
    }

    QUrl url(const QString &pathAndQuery) const {
        return m_base.resolved(QUrl(pathAndQuery, QUrl::StrictMode));
    }
    quint16 port() const { return quint16(m_base.port()); }
    qint64 pid() const { return m_process.processId(); }

    // SIGTERM; the exit code once the server has stopped, -1 when it crashed or hung.
    int stop(QByteArray *output = nullptr) {
        m_process.terminate();
        if (!m_process.waitForFinished(WaitMs))
            return -1;
        if (output)
            *output = m_process.readAllStandardOutput();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

private:
    QProcess m_process;
    QUrl m_base;
};

struct Response {
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QHash<QByteArray, QByteArray> headers; // names in lower case

    QString code() const { return json.value(QStringLiteral("code")).toString(); }
    QJsonArray events() const { return json.value(QStringLiteral("events")).toArray(); }
};

QNetworkReply *send(QNetworkAccessManager &manager, const QByteArray &method, const QUrl &url,
                    const QByteArray &token, const QByteArray &body = {},
                    const QByteArray &idempotencyKey = {}) {
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey);
    if (method == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    return manager.sendCustomRequest(request, method, body);
}

// Waits for `reply` (bounded) and takes it apart; deletes it.
Response collect(QNetworkReply *reply) {
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(WaitMs);
    }
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.json = QJsonDocument::fromJson(response.body).object();
    response.error = reply->error();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        response.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return response;
}

// Everything a raw connection receives until the server closes it (bounded).
QByteArray readUntilClosed(QTcpSocket &socket) {
    QByteArray received;
    while (socket.state() != QAbstractSocket::UnconnectedState) {
        if (!socket.waitForReadyRead(WaitMs))
            break;
        received += socket.readAll();
    }
    return received + socket.readAll();
}

} // namespace

class TestServe : public QObject {
    Q_OBJECT

private:
    TestBackend m_backend;
    QTemporaryDir m_dir;
    QString m_tokens;
    DatabaseUrl m_database;
    Server m_server;
    // A new one for each test, so no kept-alive connection outlives the test that opened it.
    std::unique_ptr<QNetworkAccessManager> m_http;

    Response request(const QByteArray &method, const QString &path,
                     const QByteArray &token = AliceToken, const QByteArray &body = {}) {
        return collect(send(*m_http, method, m_server.url(path), token, body));
    }
    Response post(const QString &order, const QByteArray &body,
                  const QByteArray &token = AliceToken) {
        return request("POST", QStringLiteral("/api/orders/%1/commands").arg(order), token, body);
    }
    Response get(const QString &path, const QByteArray &token = AliceToken) {
        return request("GET", path, token);
    }

private slots:
    void initTestCase() {
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        QVERIFY(m_dir.isValid());
        m_tokens = writeTokens(m_dir.filePath(QStringLiteral("tokens")),
                               "# token user\n" + AliceToken + " alice\n\n" + BobToken + " bob\n");
        m_database = m_backend.freshDatabase();
        QVERIFY(m_server.start(m_database, {QStringLiteral("--tokens-file"), m_tokens}));
    }

    void init() { m_http = std::make_unique<QNetworkAccessManager>(); }

    void cleanupTestCase() {
        QByteArray output;
        QCOMPARE(m_server.stop(&output), 0);
        QVERIFY2(output.contains("{\"stopped\":true}"), output.constData());
    }

    void refusesToStartWithoutGoodTokens() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("ORDERTRAIL_TOKENS_FILE"));
        const QString db =
            QStringLiteral("--db=") % m_database.toString(DatabaseUrl::Password::Included);
        const auto refused = [&](const QStringList &extra) {
            const CliResult result =
                runCli(QStringList{db, QStringLiteral("serve"), QStringLiteral("--listen"),
                                   QStringLiteral("127.0.0.1:0")} +
                           extra,
                       env);
            const QJsonObject error = QJsonDocument::fromJson(result.out).object();
            return result.exitCode == 2 &&
                   error.value(QStringLiteral("code")).toString() == QLatin1String("invalid") &&
                   !error.value(QStringLiteral("error")).toString().isEmpty();
        };
        QVERIFY(refused({}));
        QVERIFY(refused({QStringLiteral("--tokens-file"), m_dir.filePath(QStringLiteral("none"))}));
        const QString readable =
            writeTokens(m_dir.filePath(QStringLiteral("readable")), AliceToken + " alice\n",
                        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        QVERIFY(refused({QStringLiteral("--tokens-file"), readable}));
        const QString groupReadable =
            writeTokens(m_dir.filePath(QStringLiteral("group")), AliceToken + " alice\n",
                        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup);
        QVERIFY(refused({QStringLiteral("--tokens-file"), groupReadable}));
        const QString weak = writeTokens(m_dir.filePath(QStringLiteral("weak")), "short alice\n");
        QVERIFY(refused({QStringLiteral("--tokens-file"), weak}));
        const QString empty =
            writeTokens(m_dir.filePath(QStringLiteral("empty")), "# nobody yet\n");
        QVERIFY(refused({QStringLiteral("--tokens-file"), empty}));
    }

    void everyRequestNeedsAValidToken() {
        const QString routes[] = {QStringLiteral("/api/orders"),
                                  QStringLiteral("/api/orders/T-1/events"),
                                  QStringLiteral("/no/such/route")};
        for (const QString &path : routes) {
            for (const QByteArray &token : {QByteArray(), QByteArray("wrong-token-0123456789")}) {
                const Response response = get(path, token);
                QCOMPARE(response.status, 401);
                QCOMPARE(response.code(), QStringLiteral("unauthorized"));
                QVERIFY(!response.json.value(QStringLiteral("error")).toString().isEmpty());
                QVERIFY(response.headers.value("www-authenticate").startsWith("Bearer"));
            }
        }
        // A refused command changes nothing.
        QCOMPARE(post(QStringLiteral("T-1"), createOrder(), "wrong-token-0123456789").status, 401);
        QCOMPARE(get(QStringLiteral("/api/orders/T-1")).status, 404);
        // Another scheme is no bearer token, even with a valid token in it.
        QNetworkRequest basic(m_server.url(QStringLiteral("/api/orders")));
        basic.setRawHeader("Authorization", "Basic " + AliceToken);
        QCOMPARE(collect(m_http->get(basic)).status, 401);
    }

    void commandsAndReads() {
        const Response created = post(QStringLiteral("R-1"), createOrder());
        QCOMPARE(created.status, 200);
        QCOMPARE(created.events().size(), 1);
        QCOMPARE(created.events().first().toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("OrderCreated"));
        QCOMPARE(post(QStringLiteral("R-1"), addItem(QStringLiteral("SKU-1"), 1)).status, 200);

        const Response now = get(QStringLiteral("/api/orders/R-1"));
        QCOMPARE(now.status, 200);
        QCOMPARE(now.json.value(QStringLiteral("version")).toInteger(), 2);
        QCOMPARE(now.json.value(QStringLiteral("total")).toString(), QStringLiteral("2.50"));
        const Response before = get(QStringLiteral("/api/orders/R-1?atVersion=1"));
        QCOMPARE(before.status, 200);
        QCOMPARE(before.json.value(QStringLiteral("version")).toInteger(), 1);
        QCOMPARE(before.json.value(QStringLiteral("items")).toArray().size(), 0);

        const Response events = get(QStringLiteral("/api/orders/R-1/events"));
        QCOMPARE(events.status, 200);
        QCOMPARE(events.events().size(), 2);
        QCOMPARE(versionOf(events.events().at(1)), 2);

        const Response list = get(QStringLiteral("/api/orders?status=created"));
        QCOMPARE(list.status, 200);
        QStringList ids;
        for (const QJsonValue &order : list.json.value(QStringLiteral("orders")).toArray())
            ids << order.toObject().value(QStringLiteral("id")).toString();
        QVERIFY(ids.contains(QStringLiteral("R-1")));
        QVERIFY(get(QStringLiteral("/api/orders?status=confirmed"))
                    .json.value(QStringLiteral("orders"))
                    .toArray()
                    .isEmpty());
        // An order id may hold any character a command allows, '/' included.
        QCOMPARE(post(QStringLiteral("R%2F2"), createOrder()).status, 200);
        QCOMPARE(get(QStringLiteral("/api/orders/R%2F2")).json.value(QStringLiteral("id")),
                 QStringLiteral("R/2"));
    }

    // Each failure has its status, and the body the CLI prints for the same command.
    void failuresAnswerAsTheCliDoes_data() {
        QTest::addColumn<QString>("order");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("malformed JSON") << "F-1" << QByteArray("{\"type\":") << 400 << "invalid";
        QTest::newRow("unknown field")
            << "F-1" << QByteArray(R"({"type":"CreateOrder","data":{"customerId":"C","qty":1}})")
            << 400 << "invalid";
        QTest::newRow("unknown order")
            << "F-404" << addItem(QStringLiteral("SKU")) << 404 << "not_found";
        QTest::newRow("version conflict")
            << "F-1" << addItem(QStringLiteral("SKU"), 7) << 409 << "conflict";
        QTest::newRow("order rule")
            << "F-1" << QByteArray(R"({"type":"DeliverOrder","data":{}})") << 422 << "rejected";
        QTest::newRow("existing order") << "F-1" << createOrder() << 422 << "rejected";
    }
    void failuresAnswerAsTheCliDoes() {
        QFETCH(QString, order);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        if (get(QStringLiteral("/api/orders/F-1")).status == 404)
            QCOMPARE(post(QStringLiteral("F-1"), createOrder()).status, 200);

        const Response response = post(order, body);
        QCOMPARE(response.status, status);
        QCOMPARE(response.code(), code);
        QCOMPARE(response.headers.value("content-type"), QByteArray("application/json"));
        const CliResult cli =
            runCli({QStringLiteral("--db=") % m_database.toString(DatabaseUrl::Password::Included),
                    QStringLiteral("command"), order, QString::fromUtf8(body)});
        QCOMPARE(response.body, cli.out);
        QCOMPARE(get(QStringLiteral("/api/orders/F-1")).json.value(QStringLiteral("version")), 1);
    }

    void readsRefuseWhatTheyCannotAnswer() {
        QCOMPARE(post(QStringLiteral("Q-1"), createOrder()).status, 200);
        const struct {
            QString path;
            int status;
            QString code;
        } cases[] = {
            {QStringLiteral("/api/orders/nobody"), 404, QStringLiteral("not_found")},
            {QStringLiteral("/api/orders/nobody/events"), 404, QStringLiteral("not_found")},
            {QStringLiteral("/api/orders/Q-1?atVersion=0"), 400, QStringLiteral("invalid")},
            {QStringLiteral("/api/orders/Q-1?atVersion=x"), 400, QStringLiteral("invalid")},
            {QStringLiteral("/api/orders/Q-1?version=1"), 400, QStringLiteral("invalid")},
            {QStringLiteral("/api/orders?status=lost"), 400, QStringLiteral("invalid")},
            {QStringLiteral("/api/orders?status="), 400, QStringLiteral("invalid")},
            {QStringLiteral("/api/orders/%01"), 400, QStringLiteral("invalid")},
            {QStringLiteral("/api/order"), 404, QStringLiteral("not_found")},
            {QStringLiteral("/api/orders/Q-1/history"), 404, QStringLiteral("not_found")},
            {QStringLiteral("/"), 404, QStringLiteral("not_found")},
        };
        for (const auto &c : cases) {
            const Response response = get(c.path);
            QVERIFY2(response.status == c.status,
                     qPrintable(c.path % u' ' % QString::fromUtf8(response.body)));
            QCOMPARE(response.code(), c.code);
            QVERIFY(!response.json.value(QStringLiteral("error")).toString().isEmpty());
        }
    }

    void wrongMethodsAre405() {
        const struct {
            QByteArray method;
            QString path;
            QByteArray allow;
        } cases[] = {
            {"GET", QStringLiteral("/api/orders/M-1/commands"), "POST"},
            {"PUT", QStringLiteral("/api/orders/M-1/commands"), "POST"},
            {"DELETE", QStringLiteral("/api/orders/M-1"), "GET"},
            {"POST", QStringLiteral("/api/orders"), "GET"},
            {"PATCH", QStringLiteral("/api/orders/M-1/events"), "GET"},
        };
        for (const auto &c : cases) {
            const Response response = request(c.method, c.path, AliceToken, createOrder());
            QCOMPARE(response.status, 405);
            QCOMPARE(response.code(), QStringLiteral("invalid"));
            QCOMPARE(response.headers.value("allow"), c.allow);
        }
        QCOMPARE(get(QStringLiteral("/api/orders/M-1")).status, 404);
    }

    // A POST retried with the same Idempotency-Key (after a timeout, say) is answered with the
    // events of the first and applies nothing more; the key with another command is a 409.
    void idempotencyKeyAppliesACommandOnce() {
        QCOMPARE(post(QStringLiteral("K-1"), createOrder()).status, 200);
        const QUrl url = m_server.url(QStringLiteral("/api/orders/K-1/commands"));
        const QByteArray key = "b0e5a7c2-5d1e-4e8a-9a53-7f1f3a0c9e11";
        const Response first = collect(
            send(*m_http, "POST", url, AliceToken, addItem(QStringLiteral("SKU-1"), 1), key));
        QCOMPARE(first.status, 200);
        const Response again = collect(
            send(*m_http, "POST", url, AliceToken, addItem(QStringLiteral("SKU-1"), 1), key));
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json, first.json);
        QCOMPARE(get(QStringLiteral("/api/orders/K-1")).json.value(QStringLiteral("version")),
                 QJsonValue(2));
        const Response other = collect(
            send(*m_http, "POST", url, AliceToken, addItem(QStringLiteral("SKU-2"), 1), key));
        QCOMPARE(other.status, 409);
        QCOMPARE(other.code(), QStringLiteral("conflict"));
        const Response badKey =
            collect(send(*m_http, "POST", url, AliceToken, addItem(QStringLiteral("SKU-3"), 1),
                         QByteArray(65, 'k')));
        QCOMPARE(badKey.status, 400);
        QCOMPARE(get(QStringLiteral("/api/orders/K-1")).json.value(QStringLiteral("version")),
                 QJsonValue(2));
    }

    void oversizedBodiesAre413() {
        // Just over the limit: read whole by Qt HTTP Server, refused before any parsing.
        const QByteArray justOver = addItem(QString(MaxBody, u'x'));
        const Response over = post(QStringLiteral("B-1"), justOver);
        QCOMPARE(over.status, 413);
        QCOMPARE(over.code(), QStringLiteral("invalid"));
        // Far over it: cut off before it is all in memory.
        const Response farOver = post(QStringLiteral("B-1"), QByteArray(8 * MaxBody, 'x'));
        QCOMPARE(farOver.status, 413);
        QCOMPARE(farOver.code(), QStringLiteral("invalid"));
        // Just within it: an ordinary outcome.
        QCOMPARE(post(QStringLiteral("B-1"), createOrder(QString(MaxBody / 2, u'c'))).status,
                 400); // the customer id is too long: the body was read and checked
        QCOMPARE(post(QStringLiteral("B-1"), createOrder()).status, 200);
    }

    void concurrentCommandsOnOneOrderStayGapless() {
        QCOMPARE(post(QStringLiteral("C-1"), createOrder()).status, 200);
        constexpr int Requests = 50;
        // Several managers, so that requests arrive over many connections at once (one manager
        // opens at most six to a host).
        std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
        for (int i = 0; i < 5; ++i)
            managers.push_back(std::make_unique<QNetworkAccessManager>());
        QStringList pending;
        for (int i = 0; i < Requests; ++i)
            pending << QStringLiteral("P-%1").arg(i);
        int conflicts = 0;
        for (int round = 0; round < 20 && !pending.isEmpty(); ++round) {
            QList<QPair<QString, QNetworkReply *>> replies;
            for (qsizetype i = 0; i < pending.size(); ++i)
                replies.append(
                    {pending[i], send(*managers[size_t(i) % managers.size()], "POST",
                                      m_server.url(QStringLiteral("/api/orders/C-1/commands")),
                                      AliceToken, addItem(pending[i]))});
            pending.clear();
            for (const auto &[product, reply] : replies) {
                const Response response = collect(reply);
                QVERIFY2(response.status == 200 || response.status == 409,
                         response.body.constData());
                if (response.status == 409) {
                    ++conflicts;
                    pending << product;
                }
            }
        }
        QVERIFY2(pending.isEmpty(), qPrintable(pending.join(u' ')));

        const QJsonArray events = get(QStringLiteral("/api/orders/C-1/events")).events();
        QCOMPARE(events.size(), Requests + 1);
        QSet<QString> products;
        for (qsizetype i = 0; i < events.size(); ++i) {
            QCOMPARE(versionOf(events[i]), i + 1);
            if (i > 0)
                products.insert(events[i]
                                    .toObject()
                                    .value(QStringLiteral("data"))
                                    .toObject()
                                    .value(QStringLiteral("productId"))
                                    .toString());
        }
        QCOMPARE(products.size(), Requests);
        qInfo("%d conflicts answered 409 and retried", conflicts);
    }

    // Commands that arrive together share a commit (ARCHITECTURE.md, serve): each still gets its
    // own answer, and one that fails takes none of the others with it.
    void commandsSentTogetherAreEachAnsweredAlone() {
        constexpr int Orders = 24;
        std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
        for (int i = 0; i < 4; ++i) // six connections each
            managers.push_back(std::make_unique<QNetworkAccessManager>());
        const auto sendAll = [&](const QList<std::pair<QString, QByteArray>> &commands) {
            QList<QNetworkReply *> replies;
            for (qsizetype i = 0; i < commands.size(); ++i)
                replies.append(send(
                    *managers[size_t(i) % managers.size()], "POST",
                    m_server.url(QStringLiteral("/api/orders/%1/commands").arg(commands[i].first)),
                    AliceToken, commands[i].second));
            QList<Response> responses;
            for (QNetworkReply *reply : replies)
                responses.append(collect(reply));
            return responses;
        };
        const auto id = [](int i) { return QStringLiteral("G-%1").arg(i); };
        QList<std::pair<QString, QByteArray>> creates;
        for (int i = 0; i < Orders; ++i)
            creates.append({id(i), createOrder()});
        for (const Response &created : sendAll(creates))
            QCOMPARE(created.status, 200);

        // Every third order is sent a command its rules refuse, every fifth (not also third) one
        // that names a version it is not at; the others add an item.
        QList<std::pair<QString, QByteArray>> mixed;
        for (int i = 0; i < Orders; ++i)
            mixed.append(
                {id(i), i % 3 == 0 ? json({{QStringLiteral("type"), QStringLiteral("DeliverOrder")},
                                           {QStringLiteral("data"), QJsonObject()}})
                        : i % 5 == 0 ? addItem(QStringLiteral("P"), 7)
                                     : addItem(QStringLiteral("P"))});
        const QList<Response> answers = sendAll(mixed);
        for (int i = 0; i < Orders; ++i) {
            const int expected = i % 3 == 0 ? 422 : i % 5 == 0 ? 409 : 200;
            QVERIFY2(answers[i].status == expected, answers[i].body.constData());
            const QJsonArray events =
                get(QStringLiteral("/api/orders/%1/events").arg(id(i))).events();
            QCOMPARE(events.size(), expected == 200 ? 2 : 1);
            QCOMPARE(versionOf(events.last()), events.size());
            if (expected == 200)
                QCOMPARE(answers[i].events().first().toObject().value(QStringLiteral("id")),
                         events.last().toObject().value(QStringLiteral("id")));
        }
    }

    void theTokenNamesTheUser() {
        const QByteArray impostor = R"({"type":"CreateOrder","data":{"customerId":"C"},)"
                                    R"("userId":"mallory"})";
        if (!m_backend.isPostgres()) {
            QCOMPARE(userOf(post(QStringLiteral("U-1"), impostor, AliceToken).events().first()),
                     QStringLiteral("alice"));
            QCOMPARE(userOf(post(QStringLiteral("U-2"), impostor, BobToken).events().first()),
                     QStringLiteral("bob"));
            QCOMPARE(userOf(get(QStringLiteral("/api/orders/U-2/events")).events().first()),
                     QStringLiteral("bob"));
            return;
        }
        // On PostgreSQL the server's login is recorded, whoever's token it is.
        const auto added = admin::addUser(m_database, QStringLiteral("serve_clerk"),
                                          admin::Role::Staff, QStringLiteral("clerk pass"));
        QVERIFY(added.ok() || added.error().message.contains(QStringLiteral("already exists")));
        Server asClerk;
        QVERIFY(asClerk.start(TestBackend::as(m_database, QStringLiteral("serve_clerk"),
                                              QStringLiteral("clerk pass")),
                              {QStringLiteral("--tokens-file"), m_tokens}));
        for (const auto &[order, token] : {std::pair{QStringLiteral("U-1"), AliceToken},
                                           std::pair{QStringLiteral("U-2"), BobToken}}) {
            const Response created = collect(send(
                *m_http, "POST", asClerk.url(QStringLiteral("/api/orders/%1/commands").arg(order)),
                token, impostor));
            QCOMPARE(created.status, 200);
            QCOMPARE(userOf(created.events().first()), QStringLiteral("serve_clerk"));
        }
        QCOMPARE(asClerk.stop(), 0);
    }

    void anHttpCommandReachesAChangeFeed() {
        auto feed = ChangeFeed::open(m_database);
        OT_REQUIRE(feed);
        QSignalSpy changed(feed->get(), &ChangeFeed::changed);
        QCOMPARE(post(QStringLiteral("L-1"), createOrder()).status, 200);
        QVERIFY(changed.count() > 0 || changed.wait(WaitMs));
    }

    void storageTroubleIs503() {
        const DatabaseUrl database = m_backend.freshDatabase();
        Server server;
        QVERIFY(server.start(database, {QStringLiteral("--tokens-file"), m_tokens}));
        // The server checked the database at start; its workers connect at their first
        // request, which finds the database gone.
        if (m_backend.isPostgres()) {
            RawConnection admin(m_database);
            const QSqlError dropped =
                admin.exec(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(database.database));
            QVERIFY2(!dropped.isValid(), qPrintable(dropped.text()));
        } else {
            for (const QString &suffix :
                 {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(database.path + suffix);
            writeTokens(database.path, QByteArray(4096, 'z'));
        }
        for (const QByteArray &method : {QByteArray("GET"), QByteArray("POST")}) {
            const QString path = method == "GET" ? QStringLiteral("/api/orders")
                                                 : QStringLiteral("/api/orders/S-1/commands");
            const Response response =
                collect(send(*m_http, method, server.url(path), AliceToken, createOrder()));
            QCOMPARE(response.status, 503);
            QCOMPARE(response.code(), QStringLiteral("storage"));
        }
        QCOMPARE(server.stop(), 0);
    }

    // What no well-behaved client sends: garbage, a request that never ends, silence. Each
    // connection is closed; the server lives on. The tokens file comes from the environment.
    // GET /api/orders answers pages in order id order, each with the cursor of the next.
    // The same routes for customers and products, with the same error codes; a customer's
    // personal data reads erased once they are forgotten.
    void customersAndProducts() {
        const auto command = [&](const char *collection, const QString &id,
                                 const QJsonObject &body) {
            return request("POST",
                           QStringLiteral("/api/%1/%2/commands").arg(QLatin1String(collection), id),
                           AliceToken, QJsonDocument(body).toJson(QJsonDocument::Compact));
        };
        const QJsonObject registration{
            {QStringLiteral("type"), QStringLiteral("RegisterCustomer")},
            {QStringLiteral("data"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("Ana Lima")},
                         {QStringLiteral("shippingAddress"),
                          QJsonObject{{QStringLiteral("line1"), QStringLiteral("Rua A 1")},
                                      {QStringLiteral("city"), QStringLiteral("Lisboa")},
                                      {QStringLiteral("country"), QStringLiteral("PT")}}}}}};
        QCOMPARE(command("customers", QStringLiteral("CU-1"), registration).status, 200);
        QCOMPARE(command("customers", QStringLiteral("CU-1"), registration).status, 422);
        QCOMPARE(command("customers", QStringLiteral("CU-2"),
                         {{QStringLiteral("type"), QStringLiteral("RegisterCustomer")},
                          {QStringLiteral("data"), QJsonObject{{QStringLiteral("name"), 5}}}})
                     .status,
                 400);
        // An order command is not a customer's, nor the other way round.
        QCOMPARE(command("customers", QStringLiteral("CU-2"),
                         QJsonDocument::fromJson(createOrder()).object())
                     .status,
                 400);
        QCOMPARE(post(QStringLiteral("CU-1"), QJsonDocument(registration).toJson()).status, 400);
        QCOMPARE(command("products", QStringLiteral("SKU-9"),
                         {{QStringLiteral("type"), QStringLiteral("AddProduct")},
                          {QStringLiteral("data"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("Lamp")},
                                       {QStringLiteral("unitPrice"), QStringLiteral("20.00")},
                                       {QStringLiteral("taxRate"), QStringLiteral("23")}}}})
                     .status,
                 200);

        const Response customer = get(QStringLiteral("/api/customers/CU-1"));
        QCOMPARE(customer.status, 200);
        QCOMPARE(customer.json.value(QStringLiteral("name")).toString(),
                 QStringLiteral("Ana Lima"));
        QCOMPARE(get(QStringLiteral("/api/customers/CU-404")).status, 404);
        QCOMPARE(get(QStringLiteral("/api/customers?search=LISBOA"))
                     .json.value(QStringLiteral("customers"))
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(get(QStringLiteral("/api/customers?status=x")).status, 400);
        const Response product = get(QStringLiteral("/api/products/SKU-9"));
        QCOMPARE(product.json.value(QStringLiteral("taxRate")).toString(), QStringLiteral("23"));
        const Response products = get(QStringLiteral("/api/products?limit=1"));
        QCOMPARE(products.json.value(QStringLiteral("products")).toArray().size(), 1);
        QVERIFY(products.json.contains(QStringLiteral("next")));
        QCOMPARE(get(QStringLiteral("/api/products/SKU-9/events"))
                     .json.value(QStringLiteral("events"))
                     .toArray()
                     .size(),
                 1);

        // An order for the customer copies the name; a catalogue line copies the product.
        QCOMPARE(post(QStringLiteral("CU-ORDER"),
                      R"({"type":"CreateOrder","data":{"customerId":"CU-1"}})")
                     .status,
                 200);
        QCOMPARE(post(QStringLiteral("CU-ORDER"),
                      R"({"type":"AddItem","data":{"productId":"SKU-9","quantity":2}})")
                     .status,
                 200);
        const Response order = get(QStringLiteral("/api/orders/CU-ORDER"));
        QCOMPARE(order.json.value(QStringLiteral("customerName")).toString(),
                 QStringLiteral("Ana Lima"));
        // The total is the gross: 40.00 net and its tax.
        QCOMPARE(order.json.value(QStringLiteral("totals")).toObject().value(QStringLiteral("net")),
                 QJsonValue(QStringLiteral("40.00")));
        QCOMPARE(order.json.value(QStringLiteral("total")).toString(), QStringLiteral("49.20"));

        QCOMPARE(command("customers", QStringLiteral("CU-1"),
                         {{QStringLiteral("type"), QStringLiteral("ForgetCustomer")},
                          {QStringLiteral("data"),
                           QJsonObject{{QStringLiteral("reason"), QStringLiteral("asked")}}}})
                     .status,
                 200);
        const QJsonObject erased{{QStringLiteral("erased"), true}};
        QCOMPARE(
            get(QStringLiteral("/api/orders/CU-ORDER")).json.value(QStringLiteral("customerName")),
            QJsonValue(erased));
        QCOMPARE(get(QStringLiteral("/api/customers/CU-1")).json.value(QStringLiteral("name")),
                 QJsonValue(erased));
        const Response history = get(QStringLiteral("/api/customers/CU-1/events"));
        QVERIFY(!history.body.contains("Ana") && !history.body.contains("Lisboa"));
        QCOMPARE(post(QStringLiteral("CU-ORDER-2"),
                      R"({"type":"CreateOrder","data":{"customerId":"CU-1"}})")
                     .status,
                 422);
    }

    void ordersComeInPages() {
        for (const char *id : {"PG-3", "PG-1", "PG-5", "PG-2", "PG-4"})
            QCOMPARE(post(QLatin1String(id), createOrder()).status, 200);
        QStringList seen;
        QString path = QStringLiteral("/api/orders?status=created&limit=2");
        int pages = 0;
        while (!path.isEmpty()) {
            const Response page = get(path);
            QCOMPARE(page.status, 200);
            const QJsonArray rows = page.json.value(QStringLiteral("orders")).toArray();
            QVERIFY(rows.size() <= 2);
            for (const QJsonValue &row : rows) {
                const QString id = row[QStringLiteral("id")].toString();
                if (id.startsWith(QLatin1String("PG-")))
                    seen << id;
            }
            ++pages;
            const QJsonValue next = page.json.value(QStringLiteral("next"));
            QVERIFY(next.isNull() || next.isString());
            path = next.isNull() ? QString()
                                 : QStringLiteral("/api/orders?status=created&limit=2&after=") +
                                       next.toString();
        }
        QCOMPARE(seen, (QStringList{QStringLiteral("PG-1"), QStringLiteral("PG-2"),
                                    QStringLiteral("PG-3"), QStringLiteral("PG-4"),
                                    QStringLiteral("PG-5")}));
        QVERIFY(pages >= 3);
        const Response all = get(QStringLiteral("/api/orders"));
        QVERIFY(all.json.value(QStringLiteral("orders")).toArray().size() <= 100);
        for (const QString &bad :
             {QStringLiteral("limit=0"), QStringLiteral("limit=1001"), QStringLiteral("limit=ten"),
              QStringLiteral("after=%25%25"), QStringLiteral("limit=2&limit=3")}) {
            const Response refused = get(QStringLiteral("/api/orders?") + bad);
            QCOMPARE(refused.status, 400);
            QCOMPARE(refused.code(), QStringLiteral("invalid"));
        }
    }

    // 300 connections from one address that send nothing: the server keeps 32 (until their
    // deadline) and drops the rest at once, and a client from another address is answered
    // meanwhile.
    void oneAddressCannotTakeEveryConnection() {
        std::vector<std::unique_ptr<QTcpSocket>> flood;
        for (int i = 0; i < 300; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            QVERIFY(socket->bind(QHostAddress(QStringLiteral("127.0.0.2"))));
            socket->connectToHost(QHostAddress::LocalHost, m_server.port());
            flood.push_back(std::move(socket));
        }
        const auto open = [&] {
            return std::count_if(flood.begin(), flood.end(), [](const auto &socket) {
                return socket->state() == QAbstractSocket::ConnectedState;
            });
        };
        QTRY_COMPARE_WITH_TIMEOUT(open(), 32, WaitMs);
        QCOMPARE(get(QStringLiteral("/api/orders")).status, 200);
    }

    // One connection that pipelines 5,000 requests and reads nothing is cut off once 16 wait
    // unanswered, and the server's memory stays where it was; others are answered meanwhile.
    void pipelinedFloodIsCutOff() {
        const auto residentKiB = [&] {
            QFile status(QStringLiteral("/proc/%1/status").arg(m_server.pid()));
            if (!status.open(QIODevice::ReadOnly))
                return qint64(-1);
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("VmRSS:"))
                    return line.mid(6).trimmed().split(' ').first().toLongLong();
            }
            return qint64(-1);
        };
        const qint64 before = residentKiB();
        QVERIFY(before > 0);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server.port());
        QVERIFY(socket.waitForConnected(WaitMs));
        const QByteArray request =
            "GET /api/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + AliceToken +
            "\r\n\r\n";
        for (int i = 0; i < 5000; ++i)
            socket.write(request);
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, WaitMs);
        QCOMPARE(get(QStringLiteral("/api/orders")).status, 200);
        const qint64 after = residentKiB();
        qInfo("server resident memory: %lld KiB before the flood, %lld KiB after", before, after);
        QVERIFY2(after < before + 64 * 1024, qPrintable(QString::number(after)));
    }

    void slowAndMalformedRequestsAreCutOff() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ORDERTRAIL_TOKENS_FILE"), m_tokens);
        Server server;
        QVERIFY(server.start(m_database, {QStringLiteral("--request-timeout"), QStringLiteral("1")},
                             env));
        const auto rawExchange = [&](const QByteArray &bytes) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, server.port());
            if (!socket.waitForConnected(WaitMs))
                return QByteArray("not connected");
            socket.write(bytes);
            return readUntilClosed(socket);
        };
        QCOMPARE(rawExchange("\x01\x02 NOT HTTP AT ALL\r\n\r\n\r\n"), QByteArray());
        // Qt's parser lets some of these through; each gets a refusal or a closed connection.
        for (const QByteArray &odd :
             {QByteArray("GET /api/orders HTTP/9.9 garbage\r\n\r\n"),
              QByteArray("GET /api/orders HTTP/1.1\r\nNo colon here\r\n\r\n"),
              QByteArray("GET /api/orders HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
              QByteArray("POST /api/orders/H-1/commands HTTP/1.1\r\nContent-Length: "
                         "99999999999999999999999\r\n\r\n"),
              QByteArray("POST /api/orders/H-1/commands HTTP/1.1\r\nTransfer-Encoding: "
                         "chunked\r\n\r\nZZZ\r\n")}) {
            const QByteArray answer = rawExchange(odd);
            QVERIFY2(answer.isEmpty() || answer.startsWith("HTTP/1.1 4"), answer.constData());
        }
        const QByteArray halfSent =
            rawExchange("POST /api/orders/H-1/commands HTTP/1.1\r\nHost: x\r\nAuthorization: "
                        "Bearer " +
                        AliceToken + "\r\nContent-Length: 100\r\n\r\n{\"type\":");
        QVERIFY2(halfSent.startsWith("HTTP/1.1 408 "), halfSent.constData());
        QVERIFY(halfSent.contains("\"code\":\"invalid\""));
        // A body announced far over the limit is refused when the limit is passed, without
        // waiting for the rest (else this would be a 408).
        const QByteArray cutOff = rawExchange(
            "POST /api/orders/H-1/commands HTTP/1.1\r\nHost: x\r\nContent-Length: " +
            QByteArray::number(8 * MaxBody) + "\r\n\r\n" + QByteArray(2 * MaxBody, 'x'));
        QVERIFY2(cutOff.startsWith("HTTP/1.1 413 "), cutOff.left(200).constData());
        QCOMPARE(rawExchange({}), QByteArray()); // idle: closed without a word
        // A kept-alive connection is answered, then closed when idle.
        const QByteArray kept = rawExchange("GET /api/orders/H-1 HTTP/1.1\r\nHost: x\r\n"
                                            "Authorization: Bearer " +
                                            AliceToken + "\r\n\r\n");
        QVERIFY2(kept.startsWith("HTTP/1.1 404 "), kept.constData());

        QCOMPARE(
            collect(send(*m_http, "GET", server.url(QStringLiteral("/api/orders")), AliceToken))
                .status,
            200);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServe)
#include "test_serve.moc"
