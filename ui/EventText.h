#pragma once

#include "es/DomainEvent.h"
#include "orders/OrderAggregate.h"

#include <QCoreApplication>

namespace ot {

// Words for what the desk shows of the order domain: a status, an event ("bob confirmed the
// order"). Translatable, so they live here rather than in core.
class EventText final {
    Q_DECLARE_TR_FUNCTIONS(EventText)
public:
    static QString status(OrderStatus status);
    // One line: who did what, e.g. "alice added 2 × Ceramic mug (SKU-1002) at 9.99".
    static QString describe(const DomainEvent &event);
    // A UTC timestamp (ms) in the user's local time and locale.
    static QString time(qint64 msSinceEpoch);
};

} // namespace ot
