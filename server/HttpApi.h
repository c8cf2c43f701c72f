#pragma once

#include "es/Command.h"
#include "es/Result.h"

#include <QByteArray>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <utility>
#include <variant>

class QUrl;
class QUrlQuery;

namespace ot {
class OrderService;
}

namespace ot::http {

using StatusCode = QHttpServerResponder::StatusCode;

// An answer: a status, a body of compact JSON and a newline (what the CLI prints for the same
// outcome) and any headers beyond Content-Type and Content-Length.
struct Reply {
    StatusCode status = StatusCode::Ok;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
};

// The reply to a route's answer: 200 and its body, or the failure's (errorReply).
Reply reply(const Result<QJsonObject> &answer);
// The CLI's {"error","code"} (json::error), with the status of its code: invalid 400,
// not_found 404, conflict 409, rejected 422, storage 503.
Reply errorReply(const Error &error);
// The same with a status of the transport's own (405, 408, 413...).
Reply errorReply(StatusCode status, const Error &error);

// A list (GET /api/orders, /api/customers, /api/products) answers pages of this many unless
// `limit` asks for fewer or more.
constexpr int DefaultOrdersPage = 100;
constexpr int MaxOrdersPage = 1000;

// What a request asks for, found from its method and path alone (no database needed). The same
// four routes for each collection: orders, customers and products (whose id is the SKU).
struct Route {
    enum class Collection { Orders, Customers, Products };
    enum class Kind {
        Command, // POST /api/{collection}/{id}/commands
        One,     // GET  /api/{collection}/{id} (orders: [?atVersion=N])
        Events,  // GET  /api/{collection}/{id}/events
        List,    // GET  /api/{collection} (orders: [?status=S], others: [?search=TEXT])
                 //      [&limit=N][&after=CURSOR], a page
    };
    Collection collection;
    Kind kind;
    QString id; // percent-decoded; empty for List
};

// The route, or the answer for a path no route has (404) or a method the path does not take
// (405, with an Allow header).
std::variant<Route, Reply> findRoute(QHttpServerRequest::Method method, const QUrl &url);

// The command a Command route's request asks for, checked as far as that needs no database: it
// is recorded as issued by `user` whatever its body's userId says (on PostgreSQL the server
// records its login anyway); a non-null `idempotencyKey` (the Idempotency-Key header) is its
// commandId. The server runs it with others waiting (OrderService::executeGroup) and answers
// json::events of its outcome.
Result<Command> commandOf(const Route &route, const QUrlQuery &query, const QByteArray &body,
                          const QString &user, const QString &idempotencyKey);

// Answers a route that reads (One, Events, List) on `orders`: the body of the answer
// (ot::json), or why there is none.
Result<QJsonObject> answer(OrderService &orders, const Route &route, const QUrlQuery &query);

} // namespace ot::http
