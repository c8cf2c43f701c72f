#include "HttpApi.h"

#include "es/Clock.h"
#include "es/Command.h"
#include "orders/OrderSummaries.h"
#include "service/Json.h"
#include "service/OrderService.h"

#include <QUrl>
#include <QUrlQuery>

namespace ot::http {

namespace {

// Every query parameter must be one the route knows, at most once: a misspelt parameter would
// otherwise be ignored silently and answer another question than the one asked.
Result<void> checkQuery(const QUrlQuery &query, const QStringList &allowed) {
    const auto items = query.queryItems(QUrl::FullyDecoded);
    QStringList seen;
    for (const auto &[name, value] : items) {
        if (!allowed.contains(name))
            return Error::invalid(
                allowed.isEmpty()
                    ? QStringLiteral("unknown query parameter '%1' (this route takes none)")
                          .arg(name)
                    : QStringLiteral("unknown query parameter '%1' (this route takes %2)")
                          .arg(name, allowed.join(QStringLiteral(", "))));
        if (seen.contains(name))
            return Error::invalid(QStringLiteral("'%1' is given more than once").arg(name));
        seen << name;
    }
    return {};
}

Result<QJsonObject> commandAnswer(OrderService &orders, const QString &orderId,
                                  const QByteArray &body, const QString &user,
                                  const QString &idempotencyKey) {
    auto command = OrderService::parseCommand(orderId, body, user, IdGenerator::system());
    if (!command)
        return command.error();
    command->userId = user;
    if (!idempotencyKey.isNull()) {
        // The header names the command as a commandId in the body would.
        auto key = checkCommandId(idempotencyKey, QStringLiteral("the Idempotency-Key header"));
        if (!key)
            return key.error();
        if (command->idFromClient && command->id != key.value())
            return Error::invalid(QStringLiteral("the Idempotency-Key header and the body's "
                                                 "commandId differ"));
        if (command->correlationId == command->id)
            command->correlationId = key.value();
        command->id = key.value();
        command->idFromClient = true;
    }
    auto events = orders.execute(command.value());
    if (!events)
        return events.error();
    return json::events(events.value());
}

Result<QJsonObject> orderAnswer(OrderService &orders, const QString &orderId,
                                const QUrlQuery &query) {
    std::optional<qint64> atVersion;
    if (query.hasQueryItem(QStringLiteral("atVersion"))) {
        auto version = json::version(query.queryItemValue(QStringLiteral("atVersion")),
                                     QStringLiteral("atVersion"));
        if (!version)
            return version.error();
        atVersion = version.value();
    }
    auto order = orders.order(orderId, atVersion);
    if (!order)
        return order.error();
    return json::order(*order.value());
}

Result<QJsonObject> eventsAnswer(OrderService &orders, const QString &orderId) {
    auto events = orders.history(orderId);
    if (!events)
        return events.error();
    return json::events(events.value());
}

// One page of the orders in order id order: at most `limit` after the cursor `after` (the
// `next` of the page before, opaque to the client: the last order id it holds, base64url).
Result<QJsonObject> ordersAnswer(OrderService &orders, const QUrlQuery &query) {
    const QString name = QStringLiteral("status");
    auto status = json::status(query.hasQueryItem(name)
                                   ? std::optional(query.queryItemValue(name, QUrl::FullyDecoded))
                                   : std::nullopt);
    if (!status)
        return status.error();
    int limit = DefaultOrdersPage;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > MaxOrdersPage)
            return Error::invalid(
                QStringLiteral("'limit' must be a whole number from 1 to %1").arg(MaxOrdersPage));
    }
    std::optional<OrderSummary> after;
    if (query.hasQueryItem(QStringLiteral("after"))) {
        const auto decoded = QByteArray::fromBase64Encoding(
            query.queryItemValue(QStringLiteral("after")).toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        const QString id = QString::fromUtf8(decoded.decoded);
        if (!decoded || !checkIdentifier(id, QStringLiteral("the cursor")))
            return Error::invalid(
                QStringLiteral("'after' must be the 'next' of an earlier page of orders"));
        after = OrderSummary{};
        after->orderId = id;
    }
    auto page = orders.orderPage({{}, status.value(), OrderSort::Id, false}, after, limit + 1);
    if (!page)
        return page.error();
    QList<OrderSummary> rows = page.value();
    QJsonValue next = QJsonValue::Null;
    if (rows.size() > limit) {
        rows.resize(limit);
        next = QString::fromLatin1(rows.back().orderId.toUtf8().toBase64(
            QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }
    QJsonObject answer = json::orders(rows);
    answer.insert(QStringLiteral("next"), next);
    return answer;
}

} // namespace

Reply reply(const Result<QJsonObject> &answer) {
    return answer ? Reply{StatusCode::Ok, json::line(answer.value()), {}}
                  : errorReply(answer.error());
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
    return errorReply(status, error);
}

Reply errorReply(StatusCode status, const Error &error) {
    return {status, json::line(json::error(error)), {}};
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
        return errorReply(Error::notFound(QStringLiteral("no such resource: %1").arg(url.path())));

    const bool post = route->kind == Route::Kind::Command;
    const auto expected = post ? QHttpServerRequest::Method::Post : QHttpServerRequest::Method::Get;
    if (method != expected) {
        Reply reply =
            errorReply(StatusCode::MethodNotAllowed,
                       Error::invalid(QStringLiteral("%1 takes %2 only")
                                          .arg(url.path(), post ? QStringLiteral("POST")
                                                                : QStringLiteral("GET"))));
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

Result<QJsonObject> answer(OrderService &orders, const Route &route, const QUrlQuery &query,
                           const QByteArray &body, const QString &user,
                           const QString &idempotencyKey) {
    switch (route.kind) {
    case Route::Kind::Command:
        if (auto known = checkQuery(query, QStringList()); !known)
            return known.error();
        return commandAnswer(orders, route.orderId, body, user, idempotencyKey);
    case Route::Kind::Order:
        if (auto known = checkQuery(query, {QStringLiteral("atVersion")}); !known)
            return known.error();
        return orderAnswer(orders, route.orderId, query);
    case Route::Kind::Events:
        if (auto known = checkQuery(query, QStringList()); !known)
            return known.error();
        return eventsAnswer(orders, route.orderId);
    case Route::Kind::Orders:
        if (auto known = checkQuery(query, {QStringLiteral("status"), QStringLiteral("limit"),
                                            QStringLiteral("after")});
            !known)
            return known.error();
        return ordersAnswer(orders, query);
    }
    return Error::invalid(QStringLiteral("unknown route"));
}

} // namespace ot::http
