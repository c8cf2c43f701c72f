// The http workload: orders-mix sent over loopback to a real `ordertrail-cli serve` by N
// clients at once, each on its own keep-alive connection and waiting for every answer before
// it sends the next command, as a form or a script does.

#include "HttpLoad.h"

#include "BenchSupport.h"
#include "orders/OrderAggregate.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <csignal>
#include <functional>
#include <sys/prctl.h>

namespace ot::bench {

namespace {

constexpr char Token[] = "bench-token-0123456789";

// `ordertrail-cli serve --listen 127.0.0.1:0` on the database, until destroyed.
class Server {
public:
    Server(const DatabaseUrl &url, const QString &folder) {
        const QString tokens = QDir(folder).filePath(QStringLiteral("tokens"));
        QFile file(tokens);
        if (!file.open(QIODevice::WriteOnly) ||
            !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner) ||
            file.write(QByteArray(Token) + " bench\n") < 0)
            die(QStringLiteral("cannot write %1").arg(tokens));
        file.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ORDERTRAIL_DB"), url.toString(DatabaseUrl::Password::Included));
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        // die() exits without destructors: the server must not outlive the benchmark.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_process.start(QStringLiteral(OT_CLI_PATH),
                        {QStringLiteral("serve"), QStringLiteral("--listen"),
                         QStringLiteral("127.0.0.1:0"), QStringLiteral("--tokens-file"), tokens});
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(30'000))
                die(QStringLiteral("serve did not start: %1").arg(m_process.errorString()));
        }
        const QUrl listening(QJsonDocument::fromJson(m_process.readLine())
                                 .object()
                                 .value(QStringLiteral("listening"))
                                 .toString());
        if (listening.port() <= 0)
            die(QStringLiteral("serve did not say where it listens"));
        m_port = quint16(listening.port());
    }
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;
    ~Server() {
        m_process.terminate();
        if (!m_process.waitForFinished(30'000))
            m_process.kill();
    }
    quint16 port() const { return m_port; }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

QByteArray commandRequest(quint16 port, const Command &command) {
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("type"), command.type},
                                                      {QStringLiteral("data"), command.data}})
                                .toJson(QJsonDocument::Compact);
    return "POST /api/orders/" + QUrl::toPercentEncoding(command.aggregateId) +
           "/commands HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
           "\r\nAuthorization: Bearer " + Token +
           "\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// One connection sending its requests one after the other; `latencies` gets each answer's
// time in nanoseconds. Any answer but 200 ends the benchmark: the figures would be of errors.
class Client final : public QObject {
public:
    Client(QList<QByteArray> requests, QList<qint64> &latencies, std::function<void()> finished)
        : m_requests(std::move(requests))
        , m_latencies(latencies)
        , m_finished(std::move(finished)) {
        connect(&m_socket, &QTcpSocket::connected, this, [this] { sendNext(); });
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { readAnswers(); });
        connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] {
            if (m_next < m_requests.size())
                die(QStringLiteral("client: %1").arg(m_socket.errorString()));
        });
    }
    void start(quint16 port) { m_socket.connectToHost(QStringLiteral("127.0.0.1"), port); }

private:
    void sendNext() {
        if (m_next == m_requests.size()) {
            m_socket.disconnectFromHost();
            m_finished();
            return;
        }
        m_timer.start();
        m_socket.write(m_requests.at(m_next));
    }
    void readAnswers() {
        m_buffer += m_socket.readAll();
        for (;;) {
            const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            qsizetype length = 0;
            for (const QByteArray &line : m_buffer.left(headEnd).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            const qsizetype total = headEnd + 4 + length;
            if (m_buffer.size() < total)
                return;
            m_latencies.append(m_timer.nsecsElapsed());
            if (m_buffer.mid(9, 3) != "200")
                die(QStringLiteral("serve answered %1")
                        .arg(QString::fromUtf8(m_buffer.left(total))));
            m_buffer.remove(0, total);
            ++m_next;
            sendNext();
        }
    }

    QTcpSocket m_socket;
    QList<QByteArray> m_requests;
    QList<qint64> &m_latencies;
    std::function<void()> m_finished;
    QElapsedTimer m_timer;
    QByteArray m_buffer;
    qsizetype m_next = 0;
};

// The orders of one run, their ids prefixed so that runs on one database do not meet.
QList<PlannedOrder> plansFor(const QString &prefix, int orders) {
    QList<PlannedOrder> plans;
    for (int i = 0; i < orders; ++i) {
        PlannedOrder plan = planOrder(i);
        plan.id = prefix % plan.id;
        for (Command &command : plan.commands)
            command.aggregateId = plan.id;
        plans.append(std::move(plan));
    }
    return plans;
}

double percentileMs(QList<qint64> sorted, double fraction) {
    const auto at = qsizetype(fraction * double(sorted.size() - 1));
    return rounded(sorted.at(at) / 1e6);
}

// Sends every plan's commands, client k taking the plans k, k + clients, ...; returns the wall
// time in seconds and every answer's latency, sorted.
std::pair<double, QList<qint64>> send(quint16 port, const QList<PlannedOrder> &plans, int clients) {
    QList<qint64> latencies;
    QEventLoop loop;
    int running = clients;
    std::vector<std::unique_ptr<Client>> connections;
    for (int k = 0; k < clients; ++k) {
        QList<QByteArray> requests;
        for (qsizetype i = k; i < plans.size(); i += clients) {
            for (const Command &command : plans.at(i).commands)
                requests.append(commandRequest(port, command));
        }
        connections.push_back(std::make_unique<Client>(std::move(requests), latencies, [&] {
            if (--running == 0)
                loop.quit();
        }));
    }
    QElapsedTimer timer;
    timer.start();
    for (const auto &client : connections)
        client->start(port);
    loop.exec();
    const double seconds = timer.nsecsElapsed() / 1e9;
    std::sort(latencies.begin(), latencies.end());
    return {seconds, latencies};
}

// What SQLite itself allows here: one-row transactions, each durable (WAL, synchronous=FULL),
// for two seconds, on the same file system as the benchmark's database.
double oneRowFloor(const QString &folder) {
    double perSecond = 0;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("floor"));
        db.setDatabaseName(QDir(folder).filePath(QStringLiteral("floor.sqlite")));
        if (!db.open())
            die(QStringLiteral("floor: %1").arg(db.lastError().text()));
        QSqlQuery q(db);
        for (const char *sql : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                                "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"})
            q.exec(QString::fromLatin1(sql));
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO t (v) VALUES (?)"));
        QElapsedTimer timer;
        timer.start();
        qint64 commits = 0;
        while (timer.elapsed() < 2000) {
            q.exec(QStringLiteral("BEGIN IMMEDIATE"));
            insert.addBindValue(QStringLiteral("one row"));
            if (!insert.exec())
                die(QStringLiteral("floor: %1").arg(insert.lastError().text()));
            q.exec(QStringLiteral("COMMIT"));
            ++commits;
        }
        perSecond = commits / (timer.nsecsElapsed() / 1e9);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("floor"));
    return perSecond;
}

} // namespace

int httpLoad(const QCommandLineParser &args) {
    const int orders = args.value(QStringLiteral("orders")).toInt();
    QList<int> clientCounts;
    for (const QString &part : args.value(QStringLiteral("clients")).split(u',')) {
        bool ok = false;
        const int clients = part.toInt(&ok);
        // serve takes at most 32 connections from one address.
        if (!ok || clients < 1 || clients > 32)
            die(QStringLiteral("--clients takes numbers from 1 to 32, separated by commas"));
        clientCounts.append(clients);
    }
    if (orders < 1)
        die(QStringLiteral("--orders must be at least 1"));
    Target t = target(args.value(QStringLiteral("db")));
    const bool sqlite = t.url.backend == DatabaseUrl::Backend::Sqlite;
    openService(t.url, QStringLiteral("full")).reset(); // creates the schema
    QTemporaryDir scratch;
    const QString folder = sqlite ? QFileInfo(t.url.path).absolutePath() : scratch.path();

    QList<QList<PlannedOrder>> runs;
    {
        Server server(t.url, scratch.path());
        for (const int clients : clientCounts) {
            QList<PlannedOrder> plans = plansFor(QStringLiteral("run%1-").arg(runs.size()), orders);
            const auto [seconds, latencies] = send(server.port(), plans, clients);
            QJsonObject line{
                {QStringLiteral("workload"), QStringLiteral("http")},
                {QStringLiteral("backend"), backendName(t.url)},
                {QStringLiteral("clients"), clients},
                {QStringLiteral("orders"), orders},
                {QStringLiteral("commands"), latencies.size()},
                {QStringLiteral("commands_per_s"), rounded(latencies.size() / seconds, 1)},
                {QStringLiteral("p50_ms"), percentileMs(latencies, 0.5)},
                {QStringLiteral("p99_ms"), percentileMs(latencies, 0.99)}};
            // Measured between the runs, so that it sees the same machine in the same minutes.
            if (sqlite)
                line.insert(QStringLiteral("one_row_floor_per_s"), rounded(oneRowFloor(folder), 1));
            printLine(line);
            runs.append(std::move(plans));
        }
    }
    // Every order as planned, checked untimed once the server has stopped.
    auto service = openService(t.url, QStringLiteral("full"));
    for (const QList<PlannedOrder> &plans : runs) {
        for (const PlannedOrder &plan : plans) {
            auto order = need(service->order(plan.id), "read");
            if (order->status() != OrderStatus::Confirmed || order->items().size() != 4 ||
                order->total() != plan.expectedTotal)
                die(QStringLiteral("verification failed for order %1").arg(plan.id));
        }
    }
    return 0;
}

} // namespace ot::bench
