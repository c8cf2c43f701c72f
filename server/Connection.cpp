#include "Connection.h"

#include <QHttpServerResponder>
#include <QTcpSocket>

namespace ot::http {

namespace {

void write(QHttpServerResponder &responder, const Reply &reply, bool close) {
    responder.writeStatusLine(reply.status);
    responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    responder.writeHeader("Cache-Control", "no-store");
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    if (close)
        responder.writeHeader("Connection", "close");
    responder.writeBody(reply.body);
}

} // namespace

Connection::Connection(QTcpSocket *socket, Limits limits)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits) {
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(limits.timeoutMs);
    connect(&m_deadline, &QTimer::timeout, this, &Connection::deadlineReached);
    // Connected before the HTTP server connects its own slot, so this one sees each chunk
    // before the server reads it.
    connect(socket, &QTcpSocket::readyRead, this, &Connection::bytesArrived);
    m_deadline.start();
}

void Connection::requestReceived() {
    m_received = 0;
    m_deadline.stop();
}

void Connection::enqueue(Exchange exchange) {
    m_exchanges.push_back(std::move(exchange));
}

qint64 Connection::unread() const {
    return m_socket->bytesToWrite();
}

void Connection::abort() {
    m_socket->abort();
    m_socket->deleteLater();
}

Exchange *Connection::next() {
    return m_busy || m_exchanges.empty() ? nullptr : &m_exchanges.front();
}

void Connection::answer(const Reply &reply) {
    const Exchange exchange = std::move(m_exchanges.front());
    m_exchanges.pop_front();
    m_closeWhenIdle = m_closeWhenIdle || exchange.close;
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        write(*exchange.responder, reply, m_closeWhenIdle && m_exchanges.empty());
    if (!idle())
        return;
    if (m_closeWhenIdle)
        close();
    else
        m_deadline.start();
}

void Connection::closeWhenIdle() {
    m_closeWhenIdle = true;
    if (idle())
        close();
}

void Connection::bytesArrived() {
    // The HTTP server reads all there is at each readyRead, so what is available now is what
    // arrived since the last one. It keeps a request in memory until the request is complete:
    // this is the only place to stop a body that is too large before it is all in memory.
    m_received += m_socket->bytesAvailable();
    if (m_received <= m_limits.maxBodyBytes + m_limits.maxHeadBytes)
        return;
    if (idle())
        refuseOversized();
    else
        m_socket->abort(); // a 413 written now would overtake the answers still due
}

void Connection::refuseOversized() {
    // The HTTP server stops reading this connection; the rest of the request is read and
    // dropped here as it comes. The client may still be sending, so the connection stays open
    // (until the client closes it or the deadline passes): closing a socket with unread data
    // resets it, and the client would never see the 413.
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->rollbackTransaction();
    m_socket->readAll();
    connect(m_socket, &QTcpSocket::readyRead, this, [this] { m_socket->readAll(); });
    writeDirectly(
        413, "Payload Too Large",
        errorReply(StatusCode::PayloadTooLarge,
                   Error::invalid(QStringLiteral("the request body is larger than %1 bytes")
                                      .arg(m_limits.maxBodyBytes))));
    m_closing = true;
    m_deadline.start();
}

void Connection::deadlineReached() {
    if (m_closing) {
        // The client neither read what was written nor closed: cut it off.
        m_socket->abort();
        m_socket->deleteLater();
        return;
    }
    if (m_received > 0)
        writeDirectly(
            408, "Request Timeout",
            errorReply(StatusCode::RequestTimeout,
                       Error::invalid(QStringLiteral("the request was not complete within %1 ms")
                                          .arg(m_limits.timeoutMs))));
    close();
}

void Connection::writeDirectly(int status, const char *reason, const Reply &reply) {
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                    "\r\nContent-Type: application/json\r\nContent-Length: " +
                    QByteArray::number(reply.body.size()) +
                    "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n" + reply.body);
}

void Connection::close() {
    m_closing = true;
    m_socket->disconnectFromHost();
    m_deadline.start();
}

} // namespace ot::http
