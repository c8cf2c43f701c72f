#include "HttpApi.h"

#include "es/Clock.h"
#include "es/Command.h"
#include "service/OrderService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

#include <limits>

namespace ot::http {

namespace {

Reply jsonReply(const QJsonDocument &document, StatusCode status = StatusCode::Ok) {
    return {status, document.toJson(QJsonDocument::Compact) + '\n', {}};
}

QJsonArray eventsJson(const QList<DomainEvent> &events) {
    QJsonArray array;
    for (const DomainEvent &event : events)
        array.append(event.toJson());
    return array;
}

// Every query parameter must be one the route knows, at most once: a misspelt parameter would
// otherwise be ignored silently and answer another question than the one asked.
std::optional<Reply> checkQuery(const QUrlQuery &query, const QString &allowed) {
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items) {
        if (allowed.isEmpty() || name != allowed)
            return errorReply(Error::invalid(
                allowed.isEmpty()
                    ? QStringLiteral("unknown query parameter '%1' (this route takes none)")
                          .arg(name)
                    : QStringLiteral("unknown query parameter '%1' (this route takes %2)")
                          .arg(name, allowed)));
    }
    if (items.size() > 1)
        return errorReply(
            Error::invalid(QStringLiteral("'%1' is given more than once").arg(allowed)));
    return std::nullopt;
}

Reply commandReply(OrderService &orders, const QString &orderId, const QByteArray &body,
                   const QString &user) {
    auto command = OrderService::parseCommand(orderId, body, user, IdGenerator::system());
    if (!command)
        return errorReply(command.error());
    command->userId = user;
    auto events = orders.execute(command.value());
    if (!events)
        return errorReply(events.error());
    return jsonReply(QJsonDocument(QJsonObject{{QStringLiteral("events"), eventsJson(*events)}}));
}

Reply orderReply(OrderService &orders, const QString &orderId, const QUrlQuery &query) {
    std::optional<qint64> atVersion;
    if (query.hasQueryItem(QStringLiteral("atVersion"))) {
        bool ok = false;
        atVersion = query.queryItemValue(QStringLiteral("atVersion")).toLongLong(&ok);
        if (!ok || *atVersion < 1)
            return errorReply(
                Error::invalid(QStringLiteral("atVersion must be a whole number from 1 to %1")
                                   .arg(std::numeric_limits<qint64>::max())));
    }
    auto order = orders.order(orderId, atVersion);
    if (!order)
        return errorReply(order.error());
    return jsonReply(QJsonDocument(order.value()->toJson()));
}

Reply eventsReply(OrderService &orders, const QString &orderId) {
    auto events = orders.history(orderId);
    if (!events)
        return errorReply(events.error());
    return jsonReply(QJsonDocument(QJsonObject{{QStringLiteral("events"), eventsJson(*events)}}));
}

Reply ordersReply(OrderService &orders, const QUrlQuery &query) {
    std::optional<OrderStatus> status;
    if (query.hasQueryItem(QStringLiteral("status"))) {
        const QString name = query.queryItemValue(QStringLiteral("status"), QUrl::FullyDecoded);
        status = orderStatusFromName(name);
        if (!status)
            return errorReply(
                Error::invalid(QStringLiteral("unknown status '%1' (expected one of %2)")
                                   .arg(name, orderStatusNames().join(QStringLiteral(", ")))));
    }
    auto list = orders.orders(status);
    if (!list)
        return errorReply(list.error());
    QJsonArray array;
    for (const OrderSummary &summary : list.value())
        array.append(summary.toJson());
    return jsonReply(QJsonDocument(QJsonObject{{QStringLiteral("orders"), array}}));
}

} // namespace

Reply errorReply(StatusCode status, const QString &message, const QString &code) {
    return jsonReply(QJsonDocument(QJsonObject{{QStringLiteral("error"), message},
                                               {QStringLiteral("code"), code}}),
                     status);
}

Reply errorReply(const Error &error) {
    const StatusCode status = [&] {
        switch (error.code) {
        case ErrorCode::Invalid:
            return StatusCode::BadRequest;
        case ErrorCode::NotFound:
            return StatusCode::NotFound;
        case ErrorCode::Conflict:
            return StatusCode::Conflict;
        case ErrorCode::Rejected:
            return StatusCode::UnprocessableEntity;
        case ErrorCode::Storage:
            return StatusCode::ServiceUnavailable;
        }
        return StatusCode::ServiceUnavailable;
    }();
    return errorReply(status, error.message, errorCodeName(error.code));
}

std::variant<Route, Reply> findRoute(QHttpServerRequest::Method method, const QUrl &url) {
    // Split the encoded path, then decode each segment, so an order id may hold a '/' as %2F.
    const QList<QByteArray> segments = url.path(QUrl::FullyEncoded).toUtf8().split('/');
    const auto decoded = [&](int i) { return QUrl::fromPercentEncoding(segments[i]); };
    const bool underOrders = segments.size() >= 3 && segments[0].isEmpty() &&
                             segments[1] == "api" && segments[2] == "orders";
    std::optional<Route> route;
    if (underOrders && segments.size() == 3)
        route = Route{Route::Kind::Orders, {}};
    else if (underOrders && segments.size() == 4 && !segments[3].isEmpty())
        route = Route{Route::Kind::Order, decoded(3)};
    else if (underOrders && segments.size() == 5 && !segments[3].isEmpty() &&
             segments[4] == "events")
        route = Route{Route::Kind::Events, decoded(3)};
    else if (underOrders && segments.size() == 5 && !segments[3].isEmpty() &&
             segments[4] == "commands")
        route = Route{Route::Kind::Command, decoded(3)};
    if (!route)
        return errorReply(StatusCode::NotFound,
                          QStringLiteral("no such resource: %1").arg(url.path()),
                          errorCodeName(ErrorCode::NotFound));

    const bool post = route->kind == Route::Kind::Command;
    const auto expected = post ? QHttpServerRequest::Method::Post : QHttpServerRequest::Method::Get;
    if (method != expected) {
        Reply reply =
            errorReply(StatusCode::MethodNotAllowed,
                       QStringLiteral("%1 takes %2 only")
                           .arg(url.path(), post ? QStringLiteral("POST") : QStringLiteral("GET")),
                       errorCodeName(ErrorCode::Invalid));
        reply.headers.append({QByteArray("Allow"), QByteArray(post ? "POST" : "GET")});
        return reply;
    }
    if (route->kind != Route::Kind::Orders) {
        // The rule every order id follows, so that a read never looks for an id that no command
        // could have created.
        if (auto id = checkIdentifier(route->orderId, QStringLiteral("the order id")); !id)
            return errorReply(id.error());
    }
    return *route;
}

Reply answer(OrderService &orders, const Route &route, const QUrlQuery &query,
             const QByteArray &body, const QString &user) {
    switch (route.kind) {
    case Route::Kind::Command:
        if (auto refused = checkQuery(query, {}))
            return *refused;
        return commandReply(orders, route.orderId, body, user);
    case Route::Kind::Order:
        if (auto refused = checkQuery(query, QStringLiteral("atVersion")))
            return *refused;
        return orderReply(orders, route.orderId, query);
    case Route::Kind::Events:
        if (auto refused = checkQuery(query, {}))
            return *refused;
        return eventsReply(orders, route.orderId);
    case Route::Kind::Orders:
        if (auto refused = checkQuery(query, QStringLiteral("status")))
            return *refused;
        return ordersReply(orders, query);
    }
    return errorReply(Error::invalid(QStringLiteral("unknown route")));
}

} // namespace ot::http
