#include "EventText.h"

#include <QDateTime>
#include <QLocale>

namespace ot {

QString EventText::status(OrderStatus status) {
    switch (status) {
    case OrderStatus::Created:
        return tr("Created");
    case OrderStatus::Confirmed:
        return tr("Confirmed");
    case OrderStatus::Shipped:
        return tr("Shipped");
    case OrderStatus::Delivered:
        return tr("Delivered");
    case OrderStatus::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QString EventText::describe(const DomainEvent &event) {
    const QString &who = event.metadata.userId;
    const auto field = [&](const char *name) {
        return event.data.value(QLatin1String(name)).toString();
    };
    const QString &type = event.type;
    if (type == QLatin1String("OrderCreated"))
        return tr("%1 created the order for %2").arg(who, field("customerId"));
    if (type == QLatin1String("ItemAdded"))
        return tr("%1 added %2 × %3 (%4) at %5")
            .arg(who)
            .arg(event.data.value(QLatin1String("quantity")).toInteger())
            .arg(field("name"), field("productId"), field("price"));
    if (type == QLatin1String("ItemRemoved"))
        return tr("%1 removed %2").arg(who, field("productId"));
    if (type == QLatin1String("OrderConfirmed"))
        return tr("%1 confirmed the order").arg(who);
    if (type == QLatin1String("OrderShipped")) {
        const QString carrier = field("carrier");
        const QString tracking = field("trackingNumber");
        if (carrier.isEmpty() && tracking.isEmpty())
            return tr("%1 shipped the order").arg(who);
        return tr("%1 shipped the order (%2)")
            .arg(who, QStringList{carrier, tracking}.join(u' ').trimmed());
    }
    if (type == QLatin1String("OrderDelivered"))
        return tr("%1 marked the order delivered").arg(who);
    if (type == QLatin1String("OrderCancelled"))
        return tr("%1 cancelled the order: %2").arg(who, field("reason"));
    return tr("%1: %2").arg(who, type);
}

QString EventText::summary(const DomainEvent &event) {
    const auto field = [&](const char *name) {
        return event.data.value(QLatin1String(name)).toString();
    };
    const QString &type = event.type;
    if (type == QLatin1String("OrderCreated"))
        return tr("Created for customer %1").arg(field("customerId"));
    if (type == QLatin1String("ItemAdded"))
        return tr("Added %1 × %2 (%3) at %4")
            .arg(QLocale().toString(event.data.value(QLatin1String("quantity")).toInteger()))
            .arg(field("name"), field("productId"), field("price"));
    if (type == QLatin1String("ItemRemoved"))
        return tr("Removed %1").arg(field("productId"));
    if (type == QLatin1String("OrderConfirmed"))
        return tr("Confirmed");
    if (type == QLatin1String("OrderShipped")) {
        const QString via = QStringList{field("carrier"), field("trackingNumber")}.join(u' ');
        return via.trimmed().isEmpty() ? tr("Shipped") : tr("Shipped: %1").arg(via.trimmed());
    }
    if (type == QLatin1String("OrderDelivered"))
        return tr("Delivered");
    if (type == QLatin1String("OrderCancelled"))
        return tr("Cancelled: %1").arg(field("reason"));
    return type;
}

QStringList EventText::eventTypes() {
    return {QStringLiteral("OrderCreated"),  QStringLiteral("ItemAdded"),
            QStringLiteral("ItemRemoved"),   QStringLiteral("OrderConfirmed"),
            QStringLiteral("OrderShipped"),  QStringLiteral("OrderDelivered"),
            QStringLiteral("OrderCancelled")};
}

QString EventText::typeName(const QString &eventType) {
    if (eventType == QLatin1String("OrderCreated"))
        return tr("Order created");
    if (eventType == QLatin1String("ItemAdded"))
        return tr("Item added");
    if (eventType == QLatin1String("ItemRemoved"))
        return tr("Item removed");
    if (eventType == QLatin1String("OrderConfirmed"))
        return tr("Confirmed");
    if (eventType == QLatin1String("OrderShipped"))
        return tr("Shipped");
    if (eventType == QLatin1String("OrderDelivered"))
        return tr("Delivered");
    if (eventType == QLatin1String("OrderCancelled"))
        return tr("Cancelled");
    return eventType;
}

QString EventText::utcTime(qint64 msSinceEpoch) {
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString EventText::time(qint64 msSinceEpoch) {
    if (msSinceEpoch <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toLocalTime(),
                              QLocale::ShortFormat);
}

} // namespace ot
