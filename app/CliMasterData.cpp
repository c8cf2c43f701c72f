// The subcommands that change and read customers and the product catalogue.

#include "Cli.h"
#include "CliOutput.h"
#include "CliSubcommands.h"
#include "es/Clock.h"
#include "service/Json.h"
#include "service/OrderService.h"

#include <QJsonArray>

namespace ot::cli {

Result<Action> issueAction(const QString &aggregateType, const Arguments &args) {
    auto body = commandBody(args.positional(1));
    if (!body)
        return body.error();
    auto command =
        OrderService::parseCommand(aggregateType, args.positional(0), body.value(),
                                   OrderService::systemUserName(), IdGenerator::system());
    if (!command)
        return command.error();
    return withOrders(OpenMode::CreateIfMissing, [command = command.value()](OrderService &orders) {
        auto events = orders.execute(command);
        if (!events)
            return fail(events.error());
        print(json::events(events.value()));
        return int(Ok);
    });
}

namespace {

// Lists are read a page at a time, however long.
constexpr int ListPage = 500;

Result<Action> historyOf(const QString &aggregateType, const Arguments &args) {
    return withOrders(OpenMode::ExistingOnly,
                      [aggregateType, id = args.positional(0)](OrderService &orders) {
                          auto events = orders.streamHistory(aggregateType, id);
                          if (!events)
                              return fail(events.error());
                          print(json::events(events.value()));
                          return int(Ok);
                      });
}

// Every row of a paged list, under `name`.
template <typename Page, typename IdOf>
Result<Action> listOf(const Arguments &args, const QString &name, Page page, IdOf idOf) {
    const QString search = args.value(option::Search);
    if (search.size() > 200)
        return Error::invalid(QStringLiteral("--search is too long (at most 200 characters)"));
    return withOrders(OpenMode::ExistingOnly, [=](OrderService &orders) {
        QJsonArray all;
        QString after;
        for (;;) {
            auto rows = page(orders, search, after);
            if (!rows)
                return fail(rows.error());
            for (const auto &row : rows.value())
                all.append(row.toJson());
            if (rows->size() < ListPage)
                break;
            after = idOf(rows->back());
        }
        print({{name, all}});
        return int(Ok);
    });
}

} // namespace

Result<Action> customerCommandAction(const Arguments &args) {
    return issueAction(CustomerWord::Type, args);
}

Result<Action> customerShowAction(const Arguments &args) {
    return withOrders(OpenMode::ExistingOnly, [id = args.positional(0)](OrderService &orders) {
        auto customer = orders.customer(id);
        if (!customer)
            return fail(customer.error());
        print(customer.value()->toJson());
        return int(Ok);
    });
}

Result<Action> customerHistoryAction(const Arguments &args) {
    return historyOf(CustomerWord::Type, args);
}

Result<Action> customersAction(const Arguments &args) {
    return listOf(
        args, QStringLiteral("customers"),
        [](OrderService &orders, const QString &search, const QString &after) {
            return orders.customerPage(search, {}, after, ListPage);
        },
        [](const CustomerSummary &row) { return row.customerId; });
}

Result<Action> productCommandAction(const Arguments &args) {
    return issueAction(ProductWord::Type, args);
}

Result<Action> productShowAction(const Arguments &args) {
    return withOrders(OpenMode::ExistingOnly, [id = args.positional(0)](OrderService &orders) {
        auto product = orders.product(id);
        if (!product)
            return fail(product.error());
        print(product.value()->toJson());
        return int(Ok);
    });
}

Result<Action> productHistoryAction(const Arguments &args) {
    return historyOf(ProductWord::Type, args);
}

Result<Action> productsAction(const Arguments &args) {
    return listOf(
        args, QStringLiteral("products"),
        [](OrderService &orders, const QString &search, const QString &after) {
            return orders.productPage(search, {}, after, ListPage);
        },
        [](const ProductSummary &row) { return row.productId; });
}

} // namespace ot::cli
