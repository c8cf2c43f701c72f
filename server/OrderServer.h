#pragma once

#include "BearerTokens.h"
#include "HttpApi.h"
#include "service/ServiceThread.h"
#include "storage/DatabaseUrl.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHostAddress>
#include <QPointer>

#include <memory>
#include <variant>
#include <vector>

namespace ot::http {

class Connection;
struct Exchange;

struct ServerOptions {
    DatabaseUrl database;
    BearerTokens tokens;
    // How long a client may take to send a whole request, and how long an idle connection is
    // kept open.
    int requestTimeoutMs = 10'000;
    int workers = 4;
};

// `ordertrail-cli serve`: the order routes of HttpApi over HTTP (Qt HTTP Server), with a bearer
// token on every request. Requests are parsed on the server's thread and answered by
// ServiceThreads, each with its own OrderService (and so its own database connection): a read
// goes to the reader with the least work waiting; a command to the writer of its stream, which
// runs every command that came while it was busy as one group with one commit (group commit).
// See ARCHITECTURE.md, "serve".
class OrderServer final : public QAbstractHttpServer {
    Q_OBJECT
public:
    static constexpr qint64 MaxBodyBytes = qint64(1024) * 1024;
    // What a request may hold besides its body (request line, headers).
    static constexpr qint64 MaxHeadBytes = qint64(64) * 1024;
    static constexpr int MaxConnections = 256;
    // So that one client (one address) cannot hold every connection.
    static constexpr int MaxConnectionsPerAddress = 32;
    // Requests received on one connection and not yet answered (pipelining); a client that
    // sends more is cut off.
    static constexpr int MaxQueuedRequests = 16;
    // Answers written to a connection and not yet taken by the client: past this, the
    // connection's next request waits until the client reads.
    static constexpr qint64 MaxUnreadBytes = qint64(1024) * 1024;

    explicit OrderServer(ServerOptions options, QObject *parent = nullptr);

    // Listens on `address`; returns the port (the one chosen when `port` is 0).
    Result<quint16> start(const QHostAddress &address, quint16 port);
    // Stops accepting connections, answers the requests already received, closes every
    // connection, then emits finished().
    void shutdown();

signals:
    void finished();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    bool adopt(QTcpSocket *socket);
    std::variant<QString, Reply> authenticate(const QHttpServerRequest &request) const;
    void prepare(const QHttpServerRequest &request, Exchange &exchange) const;
    // Starts the connection's next request, or answers it at once when it needs no database.
    void pump(Connection *connection);
    ServiceThread &leastBusyReader();
    // Commands waiting for a writer, and the thread that runs them.
    struct Waiting {
        QPointer<Connection> connection;
        Command command;
    };
    struct Writer {
        std::unique_ptr<ServiceThread> thread;
        std::vector<Waiting> waiting;
        bool busy = false;
    };
    // The writer of a stream: its commands keep the order they came in.
    Writer &writerFor(const QString &aggregateId);
    // Hands the writer what is waiting, as one group, unless it is busy.
    void startGroup(Writer &writer);
    void finishIfDone();

    const ServerOptions m_options;
    QHash<QTcpSocket *, Connection *> m_connections;
    bool m_stopping = false;
    // Destroyed before the QObject children (the listener, its sockets and their connections):
    // each waits for the piece of work it is running, whose answer is then dropped. SQLite has
    // one writer (it takes one write transaction at a time anyway), PostgreSQL one per reader.
    std::vector<std::unique_ptr<ServiceThread>> m_readers;
    std::vector<Writer> m_writers;
};

} // namespace ot::http
