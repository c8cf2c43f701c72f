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
        m_workers.push_back(std::make_unique<ServiceThread>(
            m_options.database, OpenMode::ExistingOnly, QStringLiteral("http-worker-%1").arg(i)));
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
    const QByteArray key = request.value("Idempotency-Key");
    exchange.work =
        [route = std::get<Route>(route), query = request.query(), body = std::move(body),
         user = std::get<QString>(user), key = key.isEmpty() ? QString() : QString::fromUtf8(key)](
            OrderService &orders) { return answer(orders, route, query, body, user, key); };
}

void OrderServer::pump(Connection *connection) {
    while (Exchange *exchange =
               connection->unread() < MaxUnreadBytes ? connection->next() : nullptr) {
        if (!exchange->work) {
            // Taken out first: answer() pops the exchange the reply lives in.
            const Reply reply = std::move(exchange->reply);
            connection->answer(reply);
            continue;
        }
        connection->setBusy(true);
        // The connection is the receiver: when its client has gone meanwhile, the answer is
        // dropped.
        leastBusyWorker().run(
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

ServiceThread &OrderServer::leastBusyWorker() {
    return **std::min_element(m_workers.begin(), m_workers.end(), [](const auto &a, const auto &b) {
        return a->pending() < b->pending();
    });
}

} // namespace ot::http
