#include "HttpApi.h"

#include "es/Clock.h"
#include "es/Command.h"
#include "orders/MasterData.h"
#include "orders/OrderSummaries.h"
#include "service/Json.h"
#include "service/OrderService.h"

#include <QJsonArray>
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

QString aggregateTypeOf(Route::Collection collection) {
    switch (collection) {
    case Route::Collection::Orders:
        return OrderAggregate::Type;
    case Route::Collection::Customers:
        return CustomerWord::Type;
    case Route::Collection::Products:
        return ProductWord::Type;
    }
    return OrderAggregate::Type;
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

Result<QJsonObject> eventsAnswer(OrderService &orders, const Route &route) {
    auto events = route.collection == Route::Collection::Orders
                      ? orders.history(route.id)
                      : orders.streamHistory(aggregateTypeOf(route.collection), route.id);
    if (!events)
        return events.error();
    return json::events(events.value());
}

Result<QJsonObject> oneAnswer(OrderService &orders, const Route &route, const QUrlQuery &query) {
    switch (route.collection) {
    case Route::Collection::Orders:
        return orderAnswer(orders, route.id, query);
    case Route::Collection::Customers: {
        auto customer = orders.customer(route.id);
        if (!customer)
            return customer.error();
        return customer.value()->toJson();
    }
    case Route::Collection::Products: {
        auto product = orders.product(route.id);
        if (!product)
            return product.error();
        return product.value()->toJson();
    }
    }
    return Error::invalid(QStringLiteral("unknown route"));
}

// A page of a list in id order: at most `limit` after the cursor `after` (the `next` of the page
// before, opaque to the client: the last id it holds, base64url).
struct Paging {
    int limit = DefaultOrdersPage;
    QString after; // empty: from the first
};

Result<Paging> paging(const QUrlQuery &query) {
    Paging paging;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        paging.limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || paging.limit < 1 || paging.limit > MaxOrdersPage)
            return Error::invalid(
                QStringLiteral("'limit' must be a whole number from 1 to %1").arg(MaxOrdersPage));
    }
    if (query.hasQueryItem(QStringLiteral("after"))) {
        const auto decoded = QByteArray::fromBase64Encoding(
            query.queryItemValue(QStringLiteral("after")).toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        paging.after = QString::fromUtf8(decoded.decoded);
        if (!decoded || !checkIdentifier(paging.after, QStringLiteral("the cursor")))
            return Error::invalid(QStringLiteral("'after' must be the 'next' of an earlier page"));
    }
    return paging;
}

// The page's rows (one more than the limit was asked for, to know whether another follows),
// under `name`, with the cursor of the next page or null.
template <typename Row, typename IdOf>
QJsonObject pageAnswer(QList<Row> rows, int limit, const QString &name, IdOf idOf) {
    QJsonValue next = QJsonValue::Null;
    if (rows.size() > limit) {
        rows.resize(limit);
        next = QString::fromLatin1(
            idOf(rows.back())
                .toUtf8()
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }
    QJsonArray array;
    for (const Row &row : rows)
        array.append(row.toJson());
    return {{name, array}, {QStringLiteral("next"), next}};
}

Result<QJsonObject> listAnswer(OrderService &orders, Route::Collection collection,
                               const QUrlQuery &query) {
    auto page = paging(query);
    if (!page)
        return page.error();
    const int limit = page->limit;
    const QString search = query.queryItemValue(QStringLiteral("search"), QUrl::FullyDecoded);
    if (collection == Route::Collection::Customers) {
        auto rows = orders.customerPage(search, {}, page->after, limit + 1);
        if (!rows)
            return rows.error();
        return pageAnswer(rows.value(), limit, QStringLiteral("customers"),
                          [](const CustomerSummary &row) { return row.customerId; });
    }
    if (collection == Route::Collection::Products) {
        auto rows = orders.productPage(search, {}, page->after, limit + 1);
        if (!rows)
            return rows.error();
        return pageAnswer(rows.value(), limit, QStringLiteral("products"),
                          [](const ProductSummary &row) { return row.productId; });
    }
    const QString name = QStringLiteral("status");
    auto status = json::status(query.hasQueryItem(name)
                                   ? std::optional(query.queryItemValue(name, QUrl::FullyDecoded))
                                   : std::nullopt);
    if (!status)
        return status.error();
    std::optional<OrderSummary> after;
    if (!page->after.isEmpty()) {
        after = OrderSummary{};
        after->orderId = page->after;
    }
    auto rows = orders.orderPage({{}, status.value(), OrderSort::Id, false}, after, limit + 1);
    if (!rows)
        return rows.error();
    return pageAnswer(rows.value(), limit, QStringLiteral("orders"),
                      [](const OrderSummary &row) { return row.orderId; });
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
    // Split the encoded path, then decode each segment, so an id may hold a '/' as %2F.
    const QList<QByteArray> segments = url.path(QUrl::FullyEncoded).toUtf8().split('/');
    const auto decoded = [&](int i) { return QUrl::fromPercentEncoding(segments[i]); };
    std::optional<Route::Collection> collection;
    if (segments.size() >= 3 && segments[0].isEmpty() && segments[1] == "api") {
        if (segments[2] == "orders")
            collection = Route::Collection::Orders;
        else if (segments[2] == "customers")
            collection = Route::Collection::Customers;
        else if (segments[2] == "products")
            collection = Route::Collection::Products;
    }
    std::optional<Route> route;
    if (collection && segments.size() == 3)
        route = Route{*collection, Route::Kind::List, {}};
    else if (collection && segments.size() == 4 && !segments[3].isEmpty())
        route = Route{*collection, Route::Kind::One, decoded(3)};
    else if (collection && segments.size() == 5 && !segments[3].isEmpty() &&
             segments[4] == "events")
        route = Route{*collection, Route::Kind::Events, decoded(3)};
    else if (collection && segments.size() == 5 && !segments[3].isEmpty() &&
             segments[4] == "commands")
        route = Route{*collection, Route::Kind::Command, decoded(3)};
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
    if (route->kind != Route::Kind::List) {
        // The rule every id follows, so that a read never looks for an id that no command
        // could have created.
        if (auto id = OrderService::checkId(aggregateTypeOf(route->collection), route->id); !id)
            return errorReply(id.error());
    }
    return *route;
}

Result<Command> commandOf(const Route &route, const QUrlQuery &query, const QByteArray &body,
                          const QString &user, const QString &idempotencyKey) {
    if (route.kind != Route::Kind::Command)
        return Error::invalid(QStringLiteral("this route takes no command"));
    if (auto known = checkQuery(query, QStringList()); !known)
        return known.error();
    auto command = OrderService::parseCommand(aggregateTypeOf(route.collection), route.id, body,
                                              user, IdGenerator::system());
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
    return command;
}

Result<QJsonObject> answer(OrderService &orders, const Route &route, const QUrlQuery &query) {
    switch (route.kind) {
    case Route::Kind::Command:
        break; // commandOf()
    case Route::Kind::One:
        if (auto known = checkQuery(query, route.collection == Route::Collection::Orders
                                               ? QStringList{QStringLiteral("atVersion")}
                                               : QStringList());
            !known)
            return known.error();
        return oneAnswer(orders, route, query);
    case Route::Kind::Events:
        if (auto known = checkQuery(query, QStringList()); !known)
            return known.error();
        return eventsAnswer(orders, route);
    case Route::Kind::List:
        if (auto known = checkQuery(query, {route.collection == Route::Collection::Orders
                                                ? QStringLiteral("status")
                                                : QStringLiteral("search"),
                                            QStringLiteral("limit"), QStringLiteral("after")});
            !known)
            return known.error();
        return listAnswer(orders, route.collection, query);
    }
    return Error::invalid(QStringLiteral("this route is not one that reads"));
}

} // namespace ot::http
