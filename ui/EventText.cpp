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
    const auto field = [&](const QString &name) { return event.data.value(name).toString(); };
    const auto known = orderEventFromName(event.type);
    if (!known)
        return tr("%1: %2").arg(who, event.type);
    switch (*known) {
    case OrderEvent::Created:
        return tr("%1 created the order for %2").arg(who, field(OrderField::CustomerId));
    case OrderEvent::ItemAdded:
        return tr("%1 added %2 × %3 (%4) at %5")
            .arg(who)
            .arg(event.data.value(OrderField::Quantity).toInteger())
            .arg(field(OrderField::Name), field(OrderField::ProductId), field(OrderField::Price));
    case OrderEvent::ItemRemoved:
        return tr("%1 removed %2").arg(who, field(OrderField::ProductId));
    case OrderEvent::Confirmed:
        return tr("%1 confirmed the order").arg(who);
    case OrderEvent::Shipped: {
        const QString carrier = field(OrderField::Carrier);
        const QString tracking = field(OrderField::TrackingNumber);
        if (carrier.isEmpty() && tracking.isEmpty())
            return tr("%1 shipped the order").arg(who);
        return tr("%1 shipped the order (%2)")
            .arg(who, QStringList{carrier, tracking}.join(u' ').trimmed());
    }
    case OrderEvent::Delivered:
        return tr("%1 marked the order delivered").arg(who);
    case OrderEvent::Cancelled:
        return tr("%1 cancelled the order: %2").arg(who, field(OrderField::Reason));
    }
    return tr("%1: %2").arg(who, event.type);
}

QString EventText::summary(const DomainEvent &event) {
    const auto field = [&](const QString &name) { return event.data.value(name).toString(); };
    const auto known = orderEventFromName(event.type);
    if (!known)
        return event.type;
    switch (*known) {
    case OrderEvent::Created:
        return tr("Created for customer %1").arg(field(OrderField::CustomerId));
    case OrderEvent::ItemAdded:
        return tr("Added %1 × %2 (%3) at %4")
            .arg(QLocale().toString(event.data.value(OrderField::Quantity).toInteger()))
            .arg(field(OrderField::Name), field(OrderField::ProductId), field(OrderField::Price));
    case OrderEvent::ItemRemoved:
        return tr("Removed %1").arg(field(OrderField::ProductId));
    case OrderEvent::Confirmed:
        return tr("Confirmed");
    case OrderEvent::Shipped: {
        const QString via =
            QStringList{field(OrderField::Carrier), field(OrderField::TrackingNumber)}.join(u' ');
        return via.trimmed().isEmpty() ? tr("Shipped") : tr("Shipped: %1").arg(via.trimmed());
    }
    case OrderEvent::Delivered:
        return tr("Delivered");
    case OrderEvent::Cancelled:
        return tr("Cancelled: %1").arg(field(OrderField::Reason));
    }
    return event.type;
}

QString EventText::typeName(const QString &eventType) {
    const auto known = orderEventFromName(eventType);
    if (!known)
        return eventType;
    switch (*known) {
    case OrderEvent::Created:
        return tr("Order created");
    case OrderEvent::ItemAdded:
        return tr("Item added");
    case OrderEvent::ItemRemoved:
        return tr("Item removed");
    case OrderEvent::Confirmed:
        return tr("Confirmed");
    case OrderEvent::Shipped:
        return tr("Shipped");
    case OrderEvent::Delivered:
        return tr("Delivered");
    case OrderEvent::Cancelled:
        return tr("Cancelled");
    }
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
