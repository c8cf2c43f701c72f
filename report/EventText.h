#pragma once

#include "audit/AccessLog.h"
#include "audit/Integrity.h"
#include "es/DomainEvent.h"
#include "es/EventQuery.h"
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
    // What the event did, without who: "Added 3 × Widget (SKU-1) at 9.99", "Cancelled:
    // customer request". The timeline shows who in a column of its own.
    static QString summary(const DomainEvent &event);
    // What an order command would do, in words for "your change (…)": "add 2 × SKU-1".
    static QString command(const CommandBody &body);
    // The event type in words: "Item added".
    static QString typeName(const QString &eventType);
    // A personal value as the service hands it out: its text, an address on one line, or
    // "(erased)" where the customer was forgotten.
    static QString personal(const QJsonValue &value);
    static QString address(const QJsonValue &value);
    // An order's customer: "Anna Schmidt (CUST-000001)", "CUST-000001 (name erased)", or the id
    // alone for a guest order (`name` undefined).
    static QString customer(const QString &id, const QJsonValue &name);
    // An order's customer, totals, shipping address, then what its status adds (shipping,
    // discount, cancellation), a line each.
    static QStringList orderDetails(const OrderAggregate &order);
    // "EUR · net 80.00 · tax 8.80 (19 %: 5.07, 7 %: 3.73) · gross 88.80", with the discounts
    // when there are any.
    static QString totals(const std::optional<OrderTotals> &totals, const QString &currency);
    // A discount as an event or a state holds it: "10 %", "5.00", or empty for none.
    static QString discount(const QJsonObject &data);
    static QString discount(const Discount &discount);
    // A line of an order: "2 × Ceramic mug (SKU-1002) at 9.99, tax 19 %, 10 % off".
    static QString line(const OrderItem &item);
    // What an audit filter selects: "every event", "events by alice, of type ItemAdded, from
    // 2026-11-01T00:00:00.000Z".
    static QString filter(const EventFilter &filter);
    // A kind of problem a verify finds: "Altered", "Breaks the rules".
    static QString problemKind(IntegrityProblem::Kind kind);
    // An entry of the access log: what was done, over how many events, how it ended.
    static QString access(const AccessRecord &record);
    // "name", "e-mail", "billing address": a customer's field in words.
    static QString personalFieldName(const QString &field);
    // A UTC timestamp (ms) in the user's local time and locale.
    static QString time(qint64 msSinceEpoch);
    // The same instant in UTC, ISO 8601 ("2026-01-01T09:30:00.000Z"), for tooltips.
    static QString utcTime(qint64 msSinceEpoch);

private:
    // What a customer's or product's event did.
    static QString masterDataSummary(const DomainEvent &event);
    // `text`, and the reason when the event amended a confirmed order.
    static QString amended(const DomainEvent &event, const QString &text);
};

} // namespace ot
