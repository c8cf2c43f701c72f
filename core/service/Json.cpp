#include "Json.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

namespace ot::json {

QJsonObject events(const QList<DomainEvent> &events) {
    QJsonArray array;
    for (const DomainEvent &event : events)
        array.append(event.toJson());
    return {{QStringLiteral("events"), array}};
}

QJsonObject orders(const QList<OrderSummary> &orders) {
    QJsonArray array;
    for (const OrderSummary &summary : orders)
        array.append(summary.toJson());
    return {{QStringLiteral("orders"), array}};
}

QJsonObject order(const OrderAggregate &order) {
    return order.toJson();
}

QJsonObject checkpoint(const Checkpoint &checkpoint) {
    return {{QStringLiteral("checkpoint"), checkpoint.toString()},
            {QStringLiteral("streams"), checkpoint.streams},
            {QStringLiteral("events"), checkpoint.events}};
}

QJsonObject verifyReport(const IntegrityReport &report) {
    return report.toJson();
}

QJsonObject error(const Error &error) {
    return json::error(error.message, errorCodeName(error.code));
}

QJsonObject error(const QString &message, const QString &code) {
    return {{QStringLiteral("error"), message}, {QStringLiteral("code"), code}};
}

QByteArray line(const QJsonObject &object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

Result<std::optional<OrderStatus>> status(const std::optional<QString> &text) {
    if (!text)
        return std::optional<OrderStatus>();
    const auto status = orderStatusFromName(*text);
    if (!status)
        return Error::invalid(
            QStringLiteral("unknown status '%1' (expected one of %2)")
                .arg(text->left(100), orderStatusNames().join(QStringLiteral(", "))));
    return std::optional<OrderStatus>(status);
}

Result<qint64> version(const QString &text, const QString &what) {
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 1)
        return Error::invalid(QStringLiteral("%1 must be a whole number from 1 to %2")
                                  .arg(what)
                                  .arg(std::numeric_limits<qint64>::max()));
    return value;
}

} // namespace ot::json
