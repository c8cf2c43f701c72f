#include "OrderServer.h"

#include "Connection.h"
#include "service/Json.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>

namespace ot::http {

namespace {

// Hands each accepted socket to the server before Qt HTTP Server sees it, so that the server's
// own slots on the socket run first.
class Listener final : public QTcpServer {
public:
    Listener(QObject *parent, std::function<bool(QTcpSocket *)> adopt)
        : QTcpServer(parent)
        , m_adopt(std::move(adopt)) {}

protected:
    void incomingConnection(qintptr descriptor) override {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor) || !m_adopt(socket)) {
            socket->abort();
            delete socket;
            return;
        }
        addPendingConnection(socket);
    }

private:
    std::function<bool(QTcpSocket *)> m_adopt;
};

Reply unauthorized(const QString &message, const QByteArray &challenge) {
    return {StatusCode::Unauthorized,
            json::line(json::error(message, QStringLiteral("unauthorized"))),
            {{QByteArray("WWW-Authenticate"), challenge}}};
}

} // namespace

OrderServer::OrderServer(ServerOptions options, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_options(std::move(options)) {
    // Each opens its connection at its first request and keeps it for the server's lifetime.
    for (int i = 0; i < m_options.workers; ++i)
        m_readers.push_back(std::make_unique<ServiceThread>(
            m_options.database, OpenMode::ExistingOnly, QStringLiteral("http-reader-%1").arg(i)));
    const bool sqlite = m_options.database.backend == DatabaseUrl::Backend::Sqlite;
    m_writers.resize(sqlite ? 1 : m_options.workers);
    for (std::size_t i = 0; i < m_writers.size(); ++i)
        m_writers[i].thread = std::make_unique<ServiceThread>(
            m_options.database, OpenMode::ExistingOnly, QStringLiteral("http-writer-%1").arg(i));
}

Result<quint16> OrderServer::start(const QHostAddress &address, quint16 port) {
    auto *listener = new Listener(this, [this](QTcpSocket *socket) { return adopt(socket); });
    if (!listener->listen(address, port)) {
        const QString reason = listener->errorString();
        delete listener;
        return Error::invalid(QStringLiteral("cannot listen on %1 port %2: %3")
                                  .arg(address.toString())
                                  .arg(port)
                                  .arg(reason));
    }
    bind(listener);
    return listener->serverPort();
}

void OrderServer::shutdown() {
    if (m_stopping)
        return;
    m_stopping = true;
    for (QTcpServer *listener : servers())
        listener->close();
    for (Connection *connection : std::as_const(m_connections))
        connection->closeWhenIdle();
    finishIfDone();
}

void OrderServer::finishIfDone() {
    if (m_stopping && m_connections.isEmpty())
        emit finished();
}

bool OrderServer::adopt(QTcpSocket *socket) {
    if (m_stopping || m_connections.size() >= MaxConnections)
        return false;
    const QHostAddress peer = socket->peerAddress();
    const auto fromPeer =
        std::count_if(m_connections.keyBegin(), m_connections.keyEnd(),
                      [&](QTcpSocket *other) { return other->peerAddress() == peer; });
    if (fromPeer >= MaxConnectionsPerAddress)
        return false;
    auto *connection =
        new Connection(socket, {MaxBodyBytes, MaxHeadBytes, m_options.requestTimeoutMs});
    m_connections.insert(socket, connection);
    // A client that reads its answers again lets the requests waiting behind them go on.
    connect(socket, &QTcpSocket::bytesWritten, connection,
            [this, connection] { pump(connection); });
    connect(connection, &QObject::destroyed, this, [this, socket] {
        m_connections.remove(socket);
        finishIfDone();
    });
    return true;
}

bool OrderServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) {
    Connection *connection = m_connections.value(socket);
    if (connection->queued() >= MaxQueuedRequests) {
        connection->abort(); // pipelining without waiting for answers, far past any need
        return true;
    }
    connection->requestReceived();
    Exchange exchange;
    exchange.responder = std::make_unique<QHttpServerResponder>(makeResponder(request, socket));
    exchange.close = m_stopping || request.value("connection").toLower().contains("close");
    prepare(request, exchange);
    connection->enqueue(std::move(exchange));
    pump(connection);
    return true;
}

void OrderServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) {
    // Required by QAbstractHttpServer, which calls it only when handleRequest() returns false:
    // it never does (unknown routes are answered there).
    handleRequest(request, socket);
}

std::variant<QString, Reply> OrderServer::authenticate(const QHttpServerRequest &request) const {
    const QByteArray header = request.value("authorization");
    const QByteArray scheme = "bearer ";
    if (!header.toLower().startsWith(scheme))
        return unauthorized(QStringLiteral("this server needs a bearer token: send the header "
                                           "'Authorization: Bearer TOKEN'"),
                            "Bearer realm=\"ordertrail\"");
    const std::optional<QString> user =
        m_options.tokens.userFor(header.mid(scheme.size()).trimmed());
    if (!user)
        return unauthorized(QStringLiteral("the bearer token is not valid"),
                            "Bearer realm=\"ordertrail\", error=\"invalid_token\"");
    return *user;
}

void OrderServer::prepare(const QHttpServerRequest &request, Exchange &exchange) const {
    auto user = authenticate(request);
    if (auto *refused = std::get_if<Reply>(&user)) {
        exchange.reply = std::move(*refused);
        return;
    }
    QByteArray body = request.body();
    if (body.size() > MaxBodyBytes) {
        exchange.reply = errorReply(
            StatusCode::PayloadTooLarge,
            Error::invalid(
                QStringLiteral("the request body is larger than %1 bytes").arg(MaxBodyBytes)));
        return;
    }
    auto route = findRoute(request.method(), request.url());
    if (auto *refused = std::get_if<Reply>(&route)) {
        exchange.reply = std::move(*refused);
        return;
    }
    const Route &found = std::get<Route>(route);
    if (found.kind == Route::Kind::Command) {
        const QByteArray key = request.value("Idempotency-Key");
        auto command = commandOf(found, request.query(), body, std::get<QString>(user),
                                 key.isEmpty() ? QString() : QString::fromUtf8(key));
        if (!command)
            exchange.reply = errorReply(command.error());
        else
            exchange.command = std::move(command.value());
        return;
    }
    exchange.work = [found, query = request.query()](OrderService &orders) {
        return answer(orders, found, query);
    };
}

void OrderServer::pump(Connection *connection) {
    while (Exchange *exchange =
               connection->unread() < MaxUnreadBytes ? connection->next() : nullptr) {
        if (exchange->command) {
            connection->setBusy(true);
            Writer &writer = writerFor(exchange->command->aggregateId);
            writer.waiting.push_back({connection, std::move(*exchange->command)});
            startGroup(writer);
            continue;
        }
        if (!exchange->work) {
            // Taken out first: answer() pops the exchange the reply lives in.
            const Reply reply = std::move(exchange->reply);
            connection->answer(reply);
            continue;
        }
        connection->setBusy(true);
        // The connection is the receiver: when its client has gone meanwhile, the answer is
        // dropped.
        leastBusyReader().run(
            connection,
            [work = exchange->work](OrderService &orders, const ServiceThread::Job &) {
                return work(orders);
            },
            [this, connection](const Result<QJsonObject> &answer) {
                connection->setBusy(false);
                connection->answer(reply(answer));
                pump(connection);
            });
    }
}

ServiceThread &OrderServer::leastBusyReader() {
    return **std::min_element(m_readers.begin(), m_readers.end(), [](const auto &a, const auto &b) {
        return a->pending() < b->pending();
    });
}

OrderServer::Writer &OrderServer::writerFor(const QString &aggregateId) {
    return m_writers[qHash(aggregateId) % m_writers.size()];
}

void OrderServer::startGroup(Writer &writer) {
    if (writer.busy || writer.waiting.empty())
        return;
    const auto take = std::min(writer.waiting.size(), std::size_t(OrderService::MaxGroup));
    std::vector<Waiting> group(std::make_move_iterator(writer.waiting.begin()),
                               std::make_move_iterator(writer.waiting.begin() + take));
    writer.waiting.erase(writer.waiting.begin(), writer.waiting.begin() + take);
    QList<Command> commands;
    commands.reserve(qsizetype(group.size()));
    for (const Waiting &waiting : group)
        commands.append(waiting.command);
    writer.busy = true;
    writer.thread->run(
        this,
        [commands](OrderService &orders, const ServiceThread::Job &) {
            return orders.executeGroup(commands);
        },
        [this, &writer,
         group = std::move(group)](const Result<QList<OrderService::Outcome>> &done) {
            writer.busy = false;
            for (std::size_t i = 0; i < group.size(); ++i) {
                Connection *connection = group[i].connection;
                if (!connection) // its client has gone
                    continue;
                const OrderService::Outcome &outcome =
                    done ? done->at(qsizetype(i)) : OrderService::Outcome(done.error());
                connection->setBusy(false);
                connection->answer(outcome ? reply(json::events(outcome.value()))
                                           : errorReply(outcome.error()));
                pump(connection);
            }
            startGroup(writer);
        });
}

} // namespace ot::http
