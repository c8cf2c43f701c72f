#pragma once

// What the workloads of ordertrail-bench share: the orders-mix plan, the database a run uses,
// and the one way to print a figure or give up.

#include "es/Command.h"
#include "es/Result.h"
#include "orders/Money.h"
#include "service/OrderService.h"
#include "storage/DatabaseUrl.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <type_traits>

namespace ot::bench {

[[noreturn]] void die(const QString &message);

template <typename T> T need(Result<T> result, const char *what) {
    if (!result)
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), result.error().message));
    if constexpr (!std::is_void_v<T>)
        return std::move(result.value());
}

void printLine(const QJsonObject &line);
double rounded(double value, int places = 3);

// The orders-mix workload, identical to ../shared/peers/common/workload.mjs: eight commands
// per order (create, five lines, remove one, confirm).
struct PlannedOrder {
    QString id;
    QList<Command> commands;
    Money expectedTotal;
};
QString orderId(int i);
PlannedOrder planOrder(int i);

struct Target {
    DatabaseUrl url;
    std::unique_ptr<QTemporaryDir> scratch; // a fresh SQLite file when no --db was given
};
// The database of --db, or a fresh SQLite file when `db` is empty.
Target target(const QString &db);
QString backendName(const DatabaseUrl &url);
// Opens (creating the schema) with SQLite's synchronous set to `synchronous`.
std::unique_ptr<OrderService> openService(const DatabaseUrl &url, const QString &synchronous);
qint64 databaseBytes(const DatabaseUrl &url);

} // namespace ot::bench
