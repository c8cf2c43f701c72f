// ordertrail-bench: the workloads of BENCHMARKS.md, each printing one JSON line per run.
// Figures, never pass/fail: compare ratios within one run on these shared machines.

#include "es/Clock.h"
#include "service/OrderService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <cmath>
#include <cstdio>
#include <vector>

using namespace ot;

namespace {

[[noreturn]] void die(const QString &message) {
    std::fprintf(stderr, "ordertrail-bench: %s\n", qPrintable(message));
    std::exit(2);
}

template <typename T> T need(Result<T> result, const char *what) {
    if (!result)
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), result.error().message));
    return std::move(result.value());
}

void printLine(const QJsonObject &line) {
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

double rounded(double value, int places = 3) {
    const double scale = std::pow(10.0, places);
    return std::round(value * scale) / scale;
}

// The orders-mix workload, identical to ../shared/peers/common/workload.mjs.
struct PlannedOrder {
    QString id;
    QList<Command> commands;
    Money expectedTotal;
};

QString orderId(int i) {
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(i, 12, 16, QChar(u'0'));
}

PlannedOrder planOrder(int i) {
    static const double Prices[] = {9.99, 19.99, 4.5, 12.0, 7.25, 3.49, 24.95};
    PlannedOrder plan{orderId(i), {}, {}};
    const auto command = [&](const QString &type, const QJsonObject &data) {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        plan.commands.append(Command{id, type, plan.id, data, QStringLiteral("bench"), id, {}});
    };
    command(QStringLiteral("CreateOrder"),
            {{QStringLiteral("customerId"), QStringLiteral("customer-%1").arg(i % 97)}});
    QList<std::pair<QString, Money>> lines;
    for (int k = 0; k < 5; ++k) {
        const int p = (i * 5 + k) % 1000;
        const int quantity = 1 + (i + k) % 3;
        const double price = Prices[(i + k) % 7];
        command(QStringLiteral("AddItem"),
                {{QStringLiteral("productId"), QStringLiteral("product-%1").arg(p)},
                 {QStringLiteral("name"), QStringLiteral("Product %1").arg(p)},
                 {QStringLiteral("quantity"), quantity},
                 {QStringLiteral("price"), price}});
        lines.append({QStringLiteral("product-%1").arg(p),
                      *Money::fromJson(price, QStringLiteral("price"))->times(quantity)});
    }
    const auto removed = lines.takeAt(i % 5);
    command(QStringLiteral("RemoveItem"), {{QStringLiteral("productId"), removed.first}});
    command(QStringLiteral("ConfirmOrder"), {});
    for (const auto &line : lines)
        plan.expectedTotal = *plan.expectedTotal.plus(line.second);
    return plan;
}

struct Target {
    DatabaseUrl url;
    std::unique_ptr<QTemporaryDir> scratch; // a fresh SQLite file when no --db was given
};

Target target(const QString &db) {
    Target t;
    if (db.isEmpty()) {
        t.scratch = std::make_unique<QTemporaryDir>();
        t.url = DatabaseUrl::sqlite(t.scratch->filePath(QStringLiteral("bench.sqlite")));
    } else {
        t.url = need(DatabaseUrl::parse(db), "--db");
    }
    return t;
}

QString backendName(const DatabaseUrl &url) {
    return url.backend == DatabaseUrl::Backend::Sqlite ? QStringLiteral("sqlite")
                                                       : QStringLiteral("postgresql");
}

std::unique_ptr<OrderService> openService(const DatabaseUrl &url, const QString &synchronous) {
    auto service = need(OrderService::open(url, url.backend == DatabaseUrl::Backend::Sqlite
                                                    ? OpenMode::CreateIfMissing
                                                    : OpenMode::Initialize),
                        "open");
    if (url.backend == DatabaseUrl::Backend::Sqlite) {
        QSqlQuery pragma(service->store().database().connection());
        pragma.exec(QStringLiteral("PRAGMA synchronous = ") % synchronous.toUpper());
    }
    return service;
}

qint64 databaseBytes(const DatabaseUrl &url) {
    if (url.backend == DatabaseUrl::Backend::Sqlite) {
        qint64 bytes = 0;
        for (const char *suffix : {"", "-wal", "-shm"})
            bytes += QFileInfo(url.path % QLatin1String(suffix)).size();
        return bytes;
    }
    auto db = need(Database::open(url, OpenMode::ExistingOnly), "open");
    QSqlQuery query(db->connection());
    query.exec(QStringLiteral("SELECT pg_database_size(current_database())"));
    return query.next() ? query.value(0).toLongLong() : 0;
}

int ordersMix(const QCommandLineParser &args) {
    const int orders = args.value(QStringLiteral("orders")).toInt();
    const QString synchronous = args.value(QStringLiteral("synchronous"));
    if (orders < 1)
        die(QStringLiteral("--orders must be at least 1"));
    if (synchronous != QLatin1String("full") && synchronous != QLatin1String("normal"))
        die(QStringLiteral("--synchronous must be full or normal"));
    Target t = target(args.value(QStringLiteral("db")));

    QList<PlannedOrder> plans;
    for (int i = 0; i < orders; ++i)
        plans.append(planOrder(i));
    qint64 commands = 0;
    double writeSeconds = 0;
    double readSeconds = 0;
    {
        auto service = openService(t.url, synchronous);
        QElapsedTimer timer;
        timer.start();
        for (const PlannedOrder &plan : plans) {
            for (const Command &command : plan.commands) {
                need(service->execute(command), "command");
                ++commands;
            }
        }
        writeSeconds = timer.nsecsElapsed() / 1e9;

        std::vector<std::unique_ptr<OrderAggregate>> rebuilt;
        rebuilt.reserve(orders);
        timer.restart();
        for (const PlannedOrder &plan : plans)
            rebuilt.push_back(need(service->order(plan.id), "read"));
        readSeconds = timer.nsecsElapsed() / 1e9;

        for (int i = 0; i < orders; ++i) { // the same work as every peer, checked untimed
            const OrderAggregate &order = *rebuilt[i];
            if (order.status() != OrderStatus::Confirmed || order.items().size() != 4 ||
                order.total() != plans[i].expectedTotal)
                die(QStringLiteral("verification failed for order %1").arg(plans[i].id));
        }
    }
    const bool sqlite = t.url.backend == DatabaseUrl::Backend::Sqlite;
    printLine({{QStringLiteral("peer"), QStringLiteral("ordertrail")},
               {QStringLiteral("backend"), backendName(t.url)},
               {QStringLiteral("journal"), sqlite ? QStringLiteral("wal+synchronous=") % synchronous
                                                  : QStringLiteral("postgresql")},
               {QStringLiteral("orders"), orders},
               {QStringLiteral("commands"), commands},
               {QStringLiteral("write_s"), rounded(writeSeconds)},
               {QStringLiteral("commands_per_s"), rounded(commands / writeSeconds, 1)},
               {QStringLiteral("read_s"), rounded(readSeconds)},
               {QStringLiteral("aggregates_per_s"), rounded(orders / readSeconds, 1)},
               {QStringLiteral("db_bytes"), databaseBytes(t.url)}});
    return 0;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("OrderTrail benchmarks (BENCHMARKS.md). Workloads:\n"
                       "  orders-mix [--db URL] --orders N [--synchronous full|normal]\n"
                       "Without --db, a fresh SQLite file in a temporary folder is used."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("db"), QStringLiteral("Database URL."), QStringLiteral("URL")},
        {QStringLiteral("orders"), QStringLiteral("Number of orders."), QStringLiteral("N"),
         QStringLiteral("2000")},
        {QStringLiteral("synchronous"), QStringLiteral("SQLite: full or normal."),
         QStringLiteral("MODE"), QStringLiteral("full")},
    });
    parser.addPositionalArgument(QStringLiteral("workload"), QStringLiteral("What to run."));
    parser.process(app);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        parser.showHelp(2);
    if (positional[0] == QLatin1String("orders-mix"))
        return ordersMix(parser);
    die(QStringLiteral("unknown workload '%1'").arg(positional[0]));
}
