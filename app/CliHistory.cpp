// The subcommands that read the history and audit it.

#include "Cli.h"
#include "CliOutput.h"
#include "CliSubcommands.h"
#include "service/Json.h"
#include "service/OrderService.h"

#include <QDateTime>
#include <QFileInfo>

#include <limits>

namespace ot::cli {

Result<EventFilter> eventFilter(const Arguments &args) {
    EventFilter filter;
    filter.userId = args.value(option::User);
    filter.eventType = args.value(option::Type);
    filter.correlationId = args.value(option::Correlation);
    filter.text = args.value(option::Text);
    if (const auto order = args.given(option::Order)) {
        filter.aggregateType = OrderAggregate::Type;
        filter.aggregateId = *order;
    }
    if (const auto customer = args.given(option::Customer)) {
        // Together they would select that order alone, and only if it is the customer's: more
        // likely a mistake than a question.
        if (args.isSet(option::Order))
            return usageError(QStringLiteral("--customer and --order do not combine: "
                                             "--customer takes in every order of the customer"));
        filter.relatedType = CustomerWord::Type;
        filter.relatedId = *customer;
    }
    for (const auto &[bound, ms] :
         {std::pair{&option::From, &filter.fromMs}, std::pair{&option::To, &filter.toMs}}) {
        const auto text = args.given(*bound);
        if (!text)
            continue;
        QDateTime time = QDateTime::fromString(*text, Qt::ISODateWithMs);
        if (!time.isValid())
            return Error::invalid(QStringLiteral("--%1 must be a date and time such as "
                                                 "2026-11-26T09:30:00Z (got '%2')")
                                      .arg(QLatin1String(bound->name), text->left(60)));
        if (time.timeSpec() == Qt::LocalTime)
            time.setTimeSpec(Qt::UTC);
        *ms = time.toMSecsSinceEpoch();
    }
    return filter;
}

namespace {

// The events of `filter`, a page at a time, one JSON line each (as `line` makes it): any number
// of events in flat memory. --limit and --newest-first choose how many and in which order.
Result<Action> printEvents(const Arguments &args, const EventFilter &filter,
                           QJsonObject (*line)(const DomainEvent &)) {
    qint64 limit = std::numeric_limits<qint64>::max();
    if (const auto text = args.given(option::Limit)) {
        auto n = wholeNumber(*text, QStringLiteral("--limit"), 1, limit);
        if (!n)
            return n.error();
        limit = n.value();
    }
    const Direction direction =
        args.isSet(option::NewestFirst) ? Direction::NewestFirst : Direction::OldestFirst;
    return withOrders(OpenMode::ExistingOnly, [filter, limit, direction,
                                               line](OrderService &orders) {
        constexpr int PageSize = 1000;
        qint64 printed = 0;
        qint64 from = 0;
        while (printed < limit) {
            auto page = orders.events(filter, from,
                                      int(std::min<qint64>(PageSize, limit - printed)), direction);
            if (!page)
                return fail(page.error());
            for (const DomainEvent &event : page.value())
                print(line(event));
            printed += page->size();
            if (page->size() < PageSize)
                break;
            from = page->back().position;
        }
        return int(Ok);
    });
}

QJsonObject eventLine(const DomainEvent &event) {
    return event.toJson();
}

// An entry of the access log as its reader wants it: who, when, what, and where in the chain.
QJsonObject accessLine(const DomainEvent &event) {
    QJsonObject line = event.data;
    line.insert(QStringLiteral("position"), event.position);
    line.insert(QStringLiteral("at"), isoTimestamp(event.metadata.timestamp));
    line.insert(QStringLiteral("user"), event.metadata.userId);
    line.insert(QStringLiteral("hash"), QString::fromLatin1(event.hash));
    return line;
}

} // namespace

Result<Action> eventsAction(const Arguments &args) {
    auto filter = eventFilter(args);
    if (!filter)
        return filter.error();
    if (!args.isSet(option::Count))
        return printEvents(args, filter.value(), eventLine);
    if (args.isSet(option::Limit) || args.isSet(option::NewestFirst))
        return usageError(QStringLiteral("--count counts every match: it does not combine with "
                                         "--limit or --newest-first"));
    return withOrders(OpenMode::ExistingOnly, [f = filter.value()](OrderService &orders) {
        auto count = orders.countEvents(f);
        if (!count)
            return fail(count.error());
        print({{QStringLiteral("count"), count.value()}});
        return int(Ok);
    });
}

Result<Action> accessLogAction(const Arguments &args) {
    auto filter = eventFilter(args);
    if (!filter)
        return filter.error();
    filter->aggregateType = AccessWord::Type;
    filter->aggregateId = AccessWord::Log;
    return printEvents(args, filter.value(), accessLine);
}

Result<Action> exportAction(const Arguments &args) {
    auto filter = eventFilter(args);
    if (!filter)
        return filter.error();
    const QString path = args.value(option::Out);
    const CsvOptions options{!args.isSet(option::NoFormulaGuard), args.isSet(option::Bom)};
    return withOrders(
        OpenMode::ExistingOnly, [filter = filter.value(), path, options](OrderService &orders) {
            auto written = orders.exportCsv(filter, path, options);
            if (auto logged = logAccess(orders, AccessRecord::csvExport(filter, written, path),
                                        written ? path : QString());
                !logged)
                return fail(logged.error());
            if (!written)
                return fail(written.error());
            print({{QStringLiteral("exported"), written.value()},
                   {QStringLiteral("file"), QFileInfo(path).absoluteFilePath()}});
            return int(Ok);
        });
}

} // namespace ot::cli
