// The order's checks that need no state: what each command may carry, and the event data it
// becomes. OrderAggregate.cpp holds the rules that need the order.
#include "Fields.h"
#include "OrderAggregate.h"
#include "es/Sealed.h"
#include "es/Upcasters.h"

#include <QRegularExpression>

namespace ot {

namespace {

constexpr qsizetype MaxIdLength = 200;
constexpr qsizetype MaxNameLength = 500;
constexpr qsizetype MaxReasonLength = 2000;
constexpr qsizetype MaxShippingFieldLength = 200;
constexpr qsizetype MaxNoteLength = 4000;

// The fields each command may carry. A reason marks an amendment of a confirmed order.
QStringList allowedFields(OrderCommand command) {
    switch (command) {
    case OrderCommand::Create:
        return {OrderField::CustomerId, OrderField::Currency};
    case OrderCommand::AddItem:
        return {OrderField::ProductId, OrderField::Name,    OrderField::Quantity,
                OrderField::Price,     OrderField::TaxRate, OrderField::Reason};
    case OrderCommand::RemoveItem:
        return {OrderField::ProductId, OrderField::Reason};
    case OrderCommand::ChangeItemQuantity:
        return {OrderField::ProductId, OrderField::Quantity, OrderField::Reason};
    case OrderCommand::SetLineDiscount:
        return {OrderField::ProductId, OrderField::Percent, OrderField::Amount, OrderField::Reason};
    case OrderCommand::SetOrderDiscount:
        return {OrderField::Percent, OrderField::Amount, OrderField::Reason};
    case OrderCommand::AddNote:
        return {OrderField::Text};
    case OrderCommand::SetShippingAddress:
        return {OrderField::ShippingAddress, OrderField::Reason};
    case OrderCommand::Ship:
        return {OrderField::Carrier, OrderField::TrackingNumber};
    case OrderCommand::Cancel:
        return {OrderField::Reason};
    case OrderCommand::Confirm:
    case OrderCommand::Deliver:
        return {};
    }
    return {};
}

// One of a percentage or an amount, normalised into `eventData`.
Result<void> readDiscount(const Fields &fields, RecordedData &eventData) {
    if (fields.has(OrderField::Percent) == fields.has(OrderField::Amount))
        return Error::invalid(QStringLiteral("give a discount as one of '%1' (such as \"10\") or "
                                             "'%2' (such as \"5.00\"); 0 removes it")
                                  .arg(OrderField::Percent, OrderField::Amount));
    if (fields.has(OrderField::Percent)) {
        auto percent = fields.percent(OrderField::Percent);
        if (!percent)
            return percent.error();
        eventData.insert(OrderField::Percent, percent.value());
    } else {
        auto amount = fields.price(OrderField::Amount);
        if (!amount)
            return amount.error();
        eventData.insert(OrderField::Amount, amount->toString());
    }
    return {};
}

Result<void> readText(const Fields &fields, const QString &name, qsizetype maxLength,
                      RecordedData &eventData, bool multiLine = false) {
    auto text = fields.text(name, maxLength, multiLine);
    if (!text)
        return text.error();
    eventData.insert(name, text.value());
    return {};
}

// The line typed by hand, or the catalogue's product as the service put it in the context.
Result<void> readLine(const Command &command, const Fields &fields, RecordedData &eventData) {
    const bool typed = fields.has(OrderField::Name) || fields.has(OrderField::Price) ||
                       fields.has(OrderField::TaxRate);
    if (!typed && command.context.isEmpty())
        return {}; // for the service to complete; handle() refuses it as it is
    const Fields line(typed ? command.data : command.context, command.type);
    if (auto name = readText(line, OrderField::Name, MaxNameLength, eventData); !name)
        return name;
    auto price = line.price(OrderField::Price);
    if (!price)
        return price.error();
    auto rate = line.has(OrderField::TaxRate) ? line.percent(OrderField::TaxRate)
                                              : Result<QString>(QStringLiteral("0"));
    if (!rate)
        return rate.error();
    eventData.insert(OrderField::Price, price->toString());
    eventData.insert(OrderField::TaxRate, rate.value());
    return {};
}

// The currency given, or the database's default, which the service puts in the context (and
// check() requires: a command read before the service saw it has none yet).
Result<void> readCurrency(const Command &command, RecordedData &eventData) {
    const QJsonValue given = command.data.contains(OrderField::Currency)
                                 ? command.data.value(OrderField::Currency)
                                 : command.context.value(OrderField::Currency);
    if (given.isUndefined())
        return {};
    static const QRegularExpression code(QStringLiteral("^[A-Z]{3}$"));
    if (!given.isString() || !code.match(given.toString()).hasMatch())
        return Error::invalid(QStringLiteral("'%1' must be an ISO 4217 code in capitals, such "
                                             "as \"EUR\" or \"USD\"")
                                  .arg(OrderField::Currency));
    eventData.insert(OrderField::Currency, given);
    return {};
}

// A registered customer's name and shipping address, as the service found them.
Result<void> readCustomerCopies(const Command &command, const QString &customer,
                                RecordedData &eventData) {
    for (const QString &field : {OrderField::CustomerName, OrderField::ShippingAddress}) {
        const QJsonValue copy = command.context.value(field);
        if (copy.isUndefined())
            continue;
        if (!sealed::isSealed(copy) || sealed::subjectOf(copy) != customer)
            return Error::invalid(
                QStringLiteral("'%1' must be sealed for %2").arg(field, customer));
        eventData.insert(field, copy);
    }
    return {};
}

// The address as typed; or, when a deep check reads it back, as stored: sealed (check() compares
// its subject with the order's customer).
Result<void> readShippingAddress(const Command &command, const Fields &fields,
                                 RecordedData &eventData) {
    if (const QJsonValue stored = command.context.value(OrderField::ShippingAddress);
        !stored.isUndefined()) {
        if (!sealed::isSealed(stored))
            return Error::invalid(
                QStringLiteral("'%1' must be stored sealed").arg(OrderField::ShippingAddress));
        eventData.insert(OrderField::ShippingAddress, stored);
        return {};
    }
    auto address = fields.address(OrderField::ShippingAddress);
    if (!address)
        return address.error();
    eventData.insert(OrderField::ShippingAddress, address.value());
    return {};
}

} // namespace

void OrderAggregate::registerUpcasters(UpcasterRegistry &registry, const QString &defaultCurrency) {
    registry.add(Type, eventName(OrderEvent::Created), 1, [defaultCurrency](const QJsonObject &v1) {
        QJsonObject v2 = v1;
        v2.insert(OrderField::Currency, defaultCurrency);
        return v2;
    });
    registry.add(Type, eventName(OrderEvent::ItemAdded), 1, [](const QJsonObject &v1) {
        QJsonObject v2 = v1;
        const QJsonValue number = v1.value(OrderField::Price);
        auto price = Money::fromJson(number, OrderField::Price);
        if (!price && number.isDouble()) {
            // The original design accepted any number: round a legacy price with more than
            // two decimals to the cent rather than lose it (the stored row keeps the original).
            price = Money::fromJson(QString::number(number.toDouble(), 'f', 2), OrderField::Price);
        }
        if (price)
            v2.insert(OrderField::Price, price->toString());
        return v2;
    });
    registry.add(Type, eventName(OrderEvent::ItemAdded), 2, [](const QJsonObject &v2) {
        QJsonObject v3 = v2;
        v3.insert(OrderField::TaxRate, QStringLiteral("0"));
        return v3;
    });
}

Result<QJsonObject> OrderAggregate::validate(const Command &command) {
    auto read = OrderAggregate::read(command);
    if (!read)
        return read.error();
    return read->toObject();
}

Result<RecordedData> OrderAggregate::read(const Command &command) {
    const QString &type = command.type;
    const auto known = orderCommandFromName(type);
    if (!known)
        return Error::invalid(
            QStringLiteral("unknown command type '%1' (expected one of %2)")
                .arg(type.left(100), orderCommandNames().join(QStringLiteral(", "))));
    const Fields fields(command.data, type);
    if (auto ok = fields.allowOnly(allowedFields(*known)); !ok)
        return ok.error();

    RecordedData eventData;
    const auto readQuantity = [&]() -> Result<void> {
        auto quantity = fields.quantity(OrderField::Quantity);
        if (!quantity)
            return quantity.error();
        eventData.insert(OrderField::Quantity, quantity.value());
        return {};
    };
    const auto readProduct = [&] {
        return readText(fields, OrderField::ProductId, MaxIdLength, eventData);
    };
    // A cancellation's reason is required; an amendment's only once the order is confirmed
    // (check() says so).
    Result<void> read;
    switch (*known) {
    case OrderCommand::Create:
        read = readText(fields, OrderField::CustomerId, MaxIdLength, eventData);
        if (read)
            read = readCurrency(command, eventData);
        if (read)
            read = readCustomerCopies(command, eventData.text(OrderField::CustomerId), eventData);
        break;
    case OrderCommand::AddItem:
        read = readProduct();
        if (read)
            read = readQuantity();
        if (read)
            read = readLine(command, fields, eventData);
        break;
    case OrderCommand::RemoveItem:
        read = readProduct();
        break;
    case OrderCommand::ChangeItemQuantity:
        read = readProduct();
        if (read)
            read = readQuantity();
        break;
    case OrderCommand::SetLineDiscount:
        read = readProduct();
        if (read)
            read = readDiscount(fields, eventData);
        break;
    case OrderCommand::SetOrderDiscount:
        read = readDiscount(fields, eventData);
        break;
    case OrderCommand::AddNote:
        read = readText(fields, OrderField::Text, MaxNoteLength, eventData, true);
        break;
    case OrderCommand::SetShippingAddress:
        read = readShippingAddress(command, fields, eventData);
        break;
    case OrderCommand::Ship:
        for (const QString &field : {OrderField::Carrier, OrderField::TrackingNumber}) {
            auto value = fields.optionalText(field, MaxShippingFieldLength);
            if (!value)
                return value.error();
            if (value.value())
                eventData.insert(field, *value.value());
        }
        break;
    case OrderCommand::Cancel:
        read = readText(fields, OrderField::Reason, MaxReasonLength, eventData, true);
        break;
    case OrderCommand::Confirm:
    case OrderCommand::Deliver:
        break;
    }
    if (!read)
        return read.error();
    if (*known != OrderCommand::Cancel && fields.has(OrderField::Reason)) {
        if (auto ok = readText(fields, OrderField::Reason, MaxReasonLength, eventData, true); !ok)
            return ok.error();
    }
    return eventData;
}

} // namespace ot
