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

QString EventText::time(qint64 msSinceEpoch) {
    if (msSinceEpoch <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toLocalTime(),
                              QLocale::ShortFormat);
}

} // namespace ot
