#pragma once

#include "audit/Checkpoint.h"
#include "audit/Integrity.h"
#include "es/DomainEvent.h"
#include "es/Result.h"
#include "orders/OrderAggregate.h"
#include "orders/OrderSummaries.h"

#include <QJsonObject>
#include <QList>

#include <optional>

// The one JSON presentation of OrderTrail's answers, which `ordertrail-cli` prints and the HTTP
// API sends: they differ only in transport (exit codes against status codes). A list is always
// an object that names it ({"events": [...]}, {"orders": [...]}), so it can gain members
// (paging) without breaking a reader.
namespace ot::json {

QJsonObject events(const QList<DomainEvent> &events);
QJsonObject orders(const QList<OrderSummary> &orders);
QJsonObject order(const OrderAggregate &order);
QJsonObject checkpoint(const Checkpoint &checkpoint);
QJsonObject verifyReport(const IntegrityReport &report);
QJsonObject error(const Error &error);
// The same body for a failure that has no error code, because only a transport can fail that
// way (HTTP's "unauthorized").
QJsonObject error(const QString &message, const QString &code);
// Compact JSON and a newline: a line of output, a body of an answer.
QByteArray line(const QJsonObject &object);

// The parameters both take as text, each refused with one message for both: a status name
// ("created"; not given: every status, but given it must be one), a version (a whole number of
// 1 or more).
Result<std::optional<OrderStatus>> status(const std::optional<QString> &text);
Result<qint64> version(const QString &text, const QString &what);

} // namespace ot::json
