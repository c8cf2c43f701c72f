#pragma once

#include "HttpApi.h"

#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QHttpServerResponder;
class QTcpSocket;

namespace ot {
class OrderService;
}

namespace ot::http {

// One request and the answer it will get. A `command` goes to a writer with the others waiting
// there (group commit); `work`, a read, runs on a worker thread; either result is turned into
// the reply (http::reply). With neither, `reply` is the answer already.
struct Exchange {
    std::unique_ptr<QHttpServerResponder> responder;
    std::optional<Command> command;
    std::function<Result<QJsonObject>(OrderService &)> work;
    Reply reply;
    bool close = false; // the client asked for Connection: close
};

// What Qt HTTP Server 6.4 does not do for a connection, on the server's thread: it limits how
// many bytes a request may hold before it is complete, how long a client may take to send it
// and how long an idle connection stays open, and it answers a connection's requests in the
// order they came. A child of its socket, so it ends with it.
class Connection final : public QObject {
public:
    struct Limits {
        qint64 maxBodyBytes;
        qint64 maxHeadBytes; // request line and headers
        int timeoutMs;
    };

    Connection(QTcpSocket *socket, Limits limits);

    // The HTTP server parsed a whole request: its bytes no longer count, and no deadline runs
    // until it is answered.
    void requestReceived();
    void enqueue(Exchange exchange);
    // The next request to answer, if it is not being worked on already.
    Exchange *next();
    // Requests received and not yet answered.
    qsizetype queued() const { return qsizetype(m_exchanges.size()); }
    // Bytes of answers the client has not taken yet.
    qint64 unread() const;
    // Drops the connection at once, with whatever it had queued.
    void abort();
    void setBusy(bool busy) { m_busy = busy; }
    // Writes the answer to the oldest request; then the connection waits for the next one,
    // or closes when the client or the server asked for that.
    void answer(const Reply &reply);
    // Closes once every request received is answered (the server is shutting down).
    void closeWhenIdle();

private:
    void bytesArrived();
    void deadlineReached();
    bool idle() const { return !m_busy && m_exchanges.empty(); }
    void refuseOversized();
    // An answer written without the HTTP server, for a request it never completed.
    void writeDirectly(int status, const char *reason, const Reply &reply);
    void close();

    QTcpSocket *m_socket;
    Limits m_limits;
    QTimer m_deadline;
    std::deque<Exchange> m_exchanges; // move-only: QQueue would need copies
    qint64 m_received = 0;            // bytes of the request being received
    bool m_busy = false;
    bool m_closeWhenIdle = false;
    bool m_closing = false;
};

} // namespace ot::http
