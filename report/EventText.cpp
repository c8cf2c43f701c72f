#include "EventText.h"

#include "audit/CheckpointLedger.h"
#include "es/Sealed.h"
#include "orders/MasterDataVocabulary.h"

#include <QDateTime>
#include <QJsonObject>
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

QString EventText::discount(const QJsonObject &data) {
    const QString percent = data.value(OrderField::Percent).toString();
    if (!percent.isEmpty())
        return Percent::parse(percent).value_or(Percent()).isZero() ? QString()
                                                                    : tr("%1 %").arg(percent);
    const QString amount = data.value(OrderField::Amount).toString();
    return Money::parse(amount).value_or(Money()).cents() == 0 ? QString() : amount;
}

QString EventText::discount(const Discount &discount) {
    if (discount.percent && !discount.percent->isZero())
        return tr("%1 %").arg(discount.percent->toString());
    if (discount.amount && discount.amount->cents() != 0)
        return discount.amount->toString();
    return {};
}

QString EventText::line(const OrderItem &item) {
    QString text = tr("%1 × %2 (%3) at %4, tax %5 %")
                       .arg(QLocale().toString(item.quantity))
                       .arg(item.name, item.productId, item.price.toString(), item.taxRate);
    if (!item.discount.isNone())
        text = tr("%1, %2 off").arg(text, discount(item.discount));
    return text;
}

QString EventText::filter(const EventFilter &f) {
    QStringList parts;
    if (!f.aggregateId.isEmpty())
        parts << tr("of %1 %2").arg(f.aggregateType, f.aggregateId);
    if (!f.relatedId.isEmpty())
        parts << tr("of %1 %2 and everything linked to it").arg(f.relatedType, f.relatedId);
    if (!f.userId.isEmpty())
        parts << tr("by %1").arg(f.userId);
    if (!f.eventType.isEmpty())
        parts << tr("of type %1").arg(f.eventType);
    if (!f.correlationId.isEmpty())
        parts << tr("with correlation %1").arg(f.correlationId);
    if (f.fromMs)
        parts << tr("from %1").arg(utcTime(*f.fromMs));
    if (f.toMs)
        parts << tr("before %1").arg(utcTime(*f.toMs));
    if (!f.text.isEmpty())
        parts << tr("whose data holds “%1”").arg(f.text);
    return parts.isEmpty() ? tr("every event") : tr("the events %1").arg(parts.join(tr(", ")));
}

QString EventText::problemKind(IntegrityProblem::Kind kind) {
    switch (kind) {
    case IntegrityProblem::Kind::Altered:
        return tr("Altered");
    case IntegrityProblem::Kind::Missing:
        return tr("Missing");
    case IntegrityProblem::Kind::Reordered:
        return tr("Reordered");
    case IntegrityProblem::Kind::Checkpoint:
        return tr("Checkpoint");
    case IntegrityProblem::Kind::Refused:
        return tr("Breaks the rules");
    case IntegrityProblem::Kind::State:
        return tr("Wrong state");
    case IntegrityProblem::Kind::Snapshot:
        return tr("Snapshot");
    case IntegrityProblem::Kind::ReadModel:
        return tr("Order summary");
    }
    return {};
}

QStringList EventText::orderDetails(const OrderAggregate &o) {
    QStringList details{
        tr("Customer %1 · items: %2")
            .arg(customer(o.customerId(), o.customerName()), QLocale().toString(o.items().size())),
        totals(o.totals(), o.currency()),
        o.shippingAddress().isUndefined() ? tr("No shipping address")
                                          : tr("Ship to %1").arg(address(o.shippingAddress()))};
    if (!o.carrier().isEmpty() || !o.trackingNumber().isEmpty())
        details << tr("Shipped with %1, tracking number %2")
                       .arg(o.carrier().isEmpty() ? tr("(no carrier)") : o.carrier(),
                            o.trackingNumber().isEmpty() ? tr("(none)") : o.trackingNumber());
    if (!o.orderDiscount().isNone())
        details << tr("Discount on the whole order: %1").arg(discount(o.orderDiscount()));
    if (!o.cancelReason().isEmpty())
        details << tr("Cancelled: %1").arg(o.cancelReason());
    return details;
}

QString EventText::amended(const DomainEvent &event, const QString &text) {
    const QString reason = event.data.value(OrderField::Reason).toString();
    return reason.isEmpty() ? text : tr("%1 (amendment: %2)").arg(text, reason);
}

QString EventText::describe(const DomainEvent &event) {
    const QString &who = event.metadata.userId;
    const auto field = [&](const QString &name) { return event.data.value(name).toString(); };
    const auto known = orderEventFromName(event.type);
    if (!known)
        return tr("%1: %2").arg(who, masterDataSummary(event));
    switch (*known) {
    case OrderEvent::Created:
        return tr("%1 created the order for %2")
            .arg(who, customer(field(OrderField::CustomerId),
                               event.data.value(OrderField::CustomerName)));
    case OrderEvent::ItemAdded:
        return amended(event, tr("%1 added %2 × %3 (%4) at %5")
                                  .arg(who)
                                  .arg(event.data.value(OrderField::Quantity).toInteger())
                                  .arg(field(OrderField::Name), field(OrderField::ProductId),
                                       field(OrderField::Price)));
    case OrderEvent::ItemRemoved:
        return amended(event, tr("%1 removed %2").arg(who, field(OrderField::ProductId)));
    case OrderEvent::ItemQuantityChanged:
    case OrderEvent::LineDiscountSet:
    case OrderEvent::OrderDiscountSet:
        return tr("%1: %2").arg(who, summary(event));
    case OrderEvent::ShippingAddressSet:
        return tr("%1: %2").arg(who, summary(event));
    case OrderEvent::NoteAdded:
        return tr("note by %1: %2").arg(who, field(OrderField::Text));
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
    const QLocale locale;
    const auto known = orderEventFromName(event.type);
    if (!known)
        return masterDataSummary(event);
    switch (*known) {
    case OrderEvent::Created:
        return tr("Created for %1")
            .arg(customer(field(OrderField::CustomerId),
                          event.data.value(OrderField::CustomerName)));
    case OrderEvent::ItemAdded:
        return amended(event,
                       tr("Added %1 × %2 (%3) at %4")
                           .arg(locale.toString(event.data.value(OrderField::Quantity).toInteger()))
                           .arg(field(OrderField::Name), field(OrderField::ProductId),
                                field(OrderField::Price)));
    case OrderEvent::ItemRemoved:
        return amended(event, tr("Removed %1").arg(field(OrderField::ProductId)));
    case OrderEvent::ItemQuantityChanged:
        return amended(
            event,
            tr("Quantity of %1 %2 → %3")
                .arg(field(OrderField::ProductId),
                     locale.toString(event.data.value(OrderField::PreviousQuantity).toInteger()),
                     locale.toString(event.data.value(OrderField::Quantity).toInteger())));
    case OrderEvent::LineDiscountSet: {
        const QString product = field(OrderField::ProductId);
        const QString off = discount(event.data);
        return amended(event, off.isEmpty() ? tr("Removed the discount of %1").arg(product)
                                            : tr("%1 off %2").arg(off, product));
    }
    case OrderEvent::OrderDiscountSet: {
        const QString off = discount(event.data);
        return amended(event, off.isEmpty() ? tr("Removed the order's discount")
                                            : tr("%1 off the order").arg(off));
    }
    case OrderEvent::ShippingAddressSet:
        return amended(
            event, tr("Ship to %1").arg(address(event.data.value(OrderField::ShippingAddress))));
    case OrderEvent::NoteAdded:
        return tr("“%1”").arg(field(OrderField::Text));
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

QString EventText::command(const CommandBody &body) {
    const QJsonObject &d = body.data;
    const auto known = orderCommandFromName(body.type);
    if (!known)
        return body.type;
    switch (*known) {
    case OrderCommand::Create:
        return tr("create an order");
    case OrderCommand::AddItem:
        if (!d.contains(OrderField::Name)) // a catalogue line
            return tr("add %1 × %2")
                .arg(d.value(OrderField::Quantity).toInteger())
                .arg(d.value(OrderField::ProductId).toString());
        return tr("add %1 × %2 (%3) at %4")
            .arg(d.value(OrderField::Quantity).toInteger())
            .arg(d.value(OrderField::Name).toString(), d.value(OrderField::ProductId).toString(),
                 d.value(OrderField::Price).toString());
    case OrderCommand::RemoveItem:
        return tr("remove %1").arg(d.value(OrderField::ProductId).toString());
    case OrderCommand::ChangeItemQuantity:
        return tr("set the quantity of %1 to %2")
            .arg(d.value(OrderField::ProductId).toString())
            .arg(d.value(OrderField::Quantity).toInteger());
    case OrderCommand::SetLineDiscount:
    case OrderCommand::SetOrderDiscount: {
        const QString off = discount(d);
        const QString line = d.value(OrderField::ProductId).toString();
        if (off.isEmpty())
            return line.isEmpty() ? tr("remove the order's discount")
                                  : tr("remove the discount of %1").arg(line);
        return line.isEmpty() ? tr("take %1 off the order").arg(off)
                              : tr("take %1 off %2").arg(off, line);
    }
    case OrderCommand::AddNote:
        return tr("add the note \"%1\"").arg(d.value(OrderField::Text).toString());
    case OrderCommand::SetShippingAddress:
        return tr("ship to %1").arg(address(d.value(OrderField::ShippingAddress)));
    case OrderCommand::Confirm:
        return tr("confirm the order");
    case OrderCommand::Ship:
        return tr("ship the order");
    case OrderCommand::Deliver:
        return tr("mark the order delivered");
    case OrderCommand::Cancel:
        return tr("cancel the order: %1").arg(d.value(OrderField::Reason).toString());
    }
    return body.type;
}

QString EventText::typeName(const QString &eventType) {
    const auto known = orderEventFromName(eventType);
    if (!known) {
        if (eventType == CustomerWord::Registered)
            return tr("Customer registered");
        if (eventType == CustomerWord::DetailsChanged)
            return tr("Customer details changed");
        if (eventType == CustomerWord::Forgotten)
            return tr("Customer forgotten");
        if (eventType == ProductWord::Added)
            return tr("Product added");
        if (eventType == ProductWord::PriceChanged)
            return tr("Price changed");
        if (eventType == ProductWord::Discontinued)
            return tr("Product discontinued");
        if (eventType == CheckpointWord::Recorded)
            return tr("Checkpoint recorded");
        if (eventType == AccessWord::Recorded)
            return tr("Access recorded");
        return eventType;
    }
    switch (*known) {
    case OrderEvent::Created:
        return tr("Order created");
    case OrderEvent::ItemAdded:
        return tr("Item added");
    case OrderEvent::ItemRemoved:
        return tr("Item removed");
    case OrderEvent::ItemQuantityChanged:
        return tr("Quantity changed");
    case OrderEvent::LineDiscountSet:
        return tr("Line discount set");
    case OrderEvent::OrderDiscountSet:
        return tr("Order discount set");
    case OrderEvent::ShippingAddressSet:
        return tr("Shipping address set");
    case OrderEvent::NoteAdded:
        return tr("Note added");
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

QString EventText::masterDataSummary(const DomainEvent &event) {
    const QJsonObject &d = event.data;
    const QString reason = d.value(CustomerField::Reason).toString();
    if (event.type == CustomerWord::Registered)
        return tr("Registered customer %1").arg(personal(d.value(CustomerField::Name)));
    if (event.type == CustomerWord::DetailsChanged) {
        QStringList changed;
        for (auto it = d.begin(); it != d.end(); ++it)
            changed << personalFieldName(it.key());
        return tr("Changed the customer's %1").arg(changed.join(QStringLiteral(", ")));
    }
    if (event.type == CustomerWord::Forgotten)
        return tr("Forgot the customer's personal data: %1").arg(reason);
    if (event.type == ProductWord::Added)
        return tr("Added %1 at %2, tax %3 %")
            .arg(d.value(ProductField::Name).toString(),
                 d.value(ProductField::UnitPrice).toString(),
                 d.value(ProductField::TaxRate).toString());
    if (event.type == ProductWord::PriceChanged)
        return reason.isEmpty()
                   ? tr("Price set to %1").arg(d.value(ProductField::UnitPrice).toString())
                   : tr("Price set to %1: %2")
                         .arg(d.value(ProductField::UnitPrice).toString(), reason);
    if (event.type == ProductWord::Discontinued)
        return reason.isEmpty() ? tr("Discontinued") : tr("Discontinued: %1").arg(reason);
    if (event.type == CheckpointWord::Recorded) {
        const auto checkpoint =
            SignedCheckpoint::parse(d.value(CheckpointWord::Checkpoint).toString());
        if (checkpoint)
            return tr("Checkpoint of %1 events in %2 streams, signed by %3")
                .arg(checkpoint->checkpoint.events)
                .arg(checkpoint->checkpoint.streams)
                .arg(QString::fromLatin1(checkpoint->signer.left(16)));
    }
    if (event.type == AccessWord::Recorded) {
        if (const auto record = AccessRecord::fromData(d))
            return access(record.value());
    }
    return event.type;
}

QString EventText::access(const AccessRecord &record) {
    QString what;
    switch (record.action) {
    case AccessAction::CsvExport:
        what = tr("CSV export");
        break;
    case AccessAction::PdfReport:
        what = tr("Evidence report");
        break;
    case AccessAction::OrderPrint:
        what = tr("Order print");
        break;
    case AccessAction::Verify:
        what = tr("Verify");
        break;
    case AccessAction::Checkpoint:
        what = tr("Checkpoint");
        break;
    }
    QString outcome;
    switch (record.outcome) {
    case AccessOutcome::Done:
        outcome = tr("done");
        break;
    case AccessOutcome::Failed:
        outcome = tr("failed");
        break;
    case AccessOutcome::Cancelled:
        outcome = tr("cancelled");
        break;
    }
    QString text = tr("%1 of %n event(s), %2", nullptr, int(qMin<qint64>(record.events, INT_MAX)))
                       .arg(what, outcome);
    QStringList scope;
    for (auto it = record.scope.cbegin(); it != record.scope.cend(); ++it)
        scope << tr("%1 %2").arg(it.key(), it.value());
    if (!scope.isEmpty())
        text = tr("%1 (%2)").arg(text, scope.join(tr(", ")));
    return record.detail.isEmpty() ? text : tr("%1: %2").arg(text, record.detail);
}

QString EventText::totals(const std::optional<OrderTotals> &totals, const QString &currency) {
    if (!totals)
        return tr("Totals beyond what can be computed");
    const QString discount = totals->discount.cents() == 0
                                 ? QString()
                                 : tr(" · discounts %1").arg(totals->discount.toString());
    if (totals->taxByRate.size() < 2)
        return tr("%1%2 · net %3 · tax %4 · gross %5")
            .arg(currency, discount, totals->net.toString(), totals->tax.toString(),
                 totals->gross.toString());
    QStringList rates;
    for (auto it = totals->taxByRate.begin(); it != totals->taxByRate.end(); ++it)
        rates << tr("%1 %: %2").arg(it.key(), it.value().toString());
    return tr("%1%2 · net %3 · tax %4 (%5) · gross %6")
        .arg(currency, discount, totals->net.toString(), totals->tax.toString(),
             rates.join(QStringLiteral(", ")), totals->gross.toString());
}

QString EventText::personalFieldName(const QString &field) {
    if (field == CustomerField::Name)
        return tr("name");
    if (field == CustomerField::Email)
        return tr("e-mail");
    if (field == CustomerField::Phone)
        return tr("phone");
    if (field == CustomerField::BillingAddress)
        return tr("billing address");
    if (field == CustomerField::ShippingAddress)
        return tr("shipping address");
    return field;
}

QString EventText::personal(const QJsonValue &value) {
    if (sealed::isErased(value))
        return tr("(erased)");
    if (value.isObject())
        return address(value);
    return value.toString();
}

QString EventText::address(const QJsonValue &value) {
    if (sealed::isErased(value))
        return tr("(erased)");
    const QJsonObject a = value.toObject();
    const auto part = [&](const QString &name) { return a.value(name).toString(); };
    QStringList lines{part(CustomerField::Line1), part(CustomerField::Line2),
                      QStringList{part(CustomerField::PostalCode), part(CustomerField::City)}
                          .join(u' ')
                          .trimmed(),
                      part(CustomerField::Country)};
    lines.removeAll(QString());
    return lines.join(QStringLiteral(", "));
}

QString EventText::customer(const QString &id, const QJsonValue &name) {
    if (name.isUndefined())
        return id;
    if (sealed::isErased(name))
        return tr("%1 (name erased)").arg(id);
    return tr("%1 (%2)").arg(name.toString(), id);
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
