// ordertrail-bench: the workloads of BENCHMARKS.md, each printing one JSON line per run.
// Figures, never pass/fail: compare ratios within one run on these shared machines.

#include "BenchSupport.h"
#include "HttpLoad.h"
#include "es/Clock.h"
#include "orders/OrderVocabulary.h"
#include "service/OrderService.h"
#include "storage/Database.h"
#include "store/CommandHandler.h"
#include "store/EventStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <thread>
#include <vector>

using namespace ot;
using namespace ot::bench;

namespace {

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

// Runs `work(writer)` on `writers` threads at once, each with its own connection; returns the
// wall time in seconds.
double onThreads(const DatabaseUrl &url, int writers,
                 const std::function<void(int writer, OrderService &service)> &work) {
    QList<QThread *> threads;
    for (int w = 0; w < writers; ++w) {
        threads << QThread::create([&, w] {
            auto service = need(OrderService::open(url, OpenMode::ExistingOnly), "open");
            work(w, *service);
        });
    }
    QElapsedTimer timer;
    timer.start();
    for (QThread *thread : threads)
        thread->start();
    for (QThread *thread : threads) {
        thread->wait();
        delete thread;
    }
    return timer.nsecsElapsed() / 1e9;
}

int concurrent(const QCommandLineParser &args) {
    const int writers = args.value(QStringLiteral("writers")).toInt();
    const int orders = args.value(QStringLiteral("orders")).toInt();
    if (writers < 1 || orders < writers)
        die(QStringLiteral("--writers must be at least 1 and --orders at least --writers"));
    Target t = target(args.value(QStringLiteral("db")));
    openService(t.url, QStringLiteral("full")).reset(); // creates the schema
    const int perWriter = orders / writers;

    // Orders of their own: one writer alone, then all of them at once.
    const auto ownOrders = [&](const QString &prefix) {
        return [&, prefix](int writer, OrderService &service) {
            for (int i = 0; i < perWriter; ++i) {
                PlannedOrder plan = planOrder(writer * perWriter + i);
                for (Command command : plan.commands) {
                    command.aggregateId = prefix % plan.id;
                    need(service.execute(command), "command");
                }
            }
        };
    };
    const double single = onThreads(t.url, 1, ownOrders(QStringLiteral("single-")));
    const double separate = onThreads(t.url, writers, ownOrders(QStringLiteral("separate-")));
    const qint64 singleCommands = qint64(perWriter) * 8;
    const qint64 separateCommands = singleCommands * writers;

    // A few orders everyone adds items to: every race is retried on fresh state.
    constexpr int SharedOrders = 4;
    {
        auto service = openService(t.url, QStringLiteral("full"));
        for (int o = 0; o < SharedOrders; ++o)
            need(service->execute(planOrder(1'000'000 + o).commands.front()), "create");
    }
    std::atomic<qint64> retried = 0;
    std::atomic<qint64> failed = 0;
    const double shared = onThreads(t.url, writers, [&](int writer, OrderService &service) {
        for (int i = 0; i < perWriter * 8; ++i) {
            const QString id = QStringLiteral("shared-%1-%2").arg(writer).arg(i);
            Command command{id,
                            QStringLiteral("AddItem"),
                            orderId(1'000'000 + i % SharedOrders),
                            {{QStringLiteral("productId"), id},
                             {QStringLiteral("name"), QStringLiteral("Shared item")},
                             {QStringLiteral("quantity"), 1},
                             {QStringLiteral("price"), QStringLiteral("1.00")}},
                            QStringLiteral("bench"),
                            id,
                            {}};
            if (!service.execute(command))
                ++failed;
        }
        retried += service.conflictsRetried();
    });
    const qint64 sharedCommands = qint64(perWriter) * 8 * writers;
    printLine({{QStringLiteral("workload"), QStringLiteral("concurrent")},
               {QStringLiteral("backend"), backendName(t.url)},
               {QStringLiteral("writers"), writers},
               {QStringLiteral("orders"), perWriter * writers},
               {QStringLiteral("single_commands_per_s"), rounded(singleCommands / single, 1)},
               {QStringLiteral("separate_commands_per_s"), rounded(separateCommands / separate, 1)},
               {QStringLiteral("separate_speedup"),
                rounded((separateCommands / separate) / (singleCommands / single), 2)},
               {QStringLiteral("shared_commands"), sharedCommands},
               {QStringLiteral("shared_commands_per_s"), rounded(sharedCommands / shared, 1)},
               {QStringLiteral("conflicts_retried"), qint64(retried)},
               {QStringLiteral("failed"), qint64(failed)}});
    return 0;
}

double millisecondsOf(const std::function<void()> &work, int repeats = 1) {
    QList<qint64> times;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times << timer.nsecsElapsed();
    }
    std::sort(times.begin(), times.end());
    return rounded(times.at(times.size() / 2) / 1e6); // the median
}

int longStream(const QCommandLineParser &args) {
    const int events = args.value(QStringLiteral("events")).toInt();
    if (events < 2)
        die(QStringLiteral("--events must be at least 2"));
    Target t = target(args.value(QStringLiteral("db")));
    const QString id = QStringLiteral("long-stream");
    {
        auto service = openService(t.url, QStringLiteral("normal"));
        need(service->store().database().writeTransaction([&]() -> Result<void> {
            const auto run = [&](const QString &type, const QJsonObject &data) {
                const QString commandId =
                    IdGenerator::system().next().toString(QUuid::WithoutBraces);
                need(service->execute(
                         {commandId, type, id, data, QStringLiteral("bench"), commandId, {}}),
                     "command");
            };
            run(QStringLiteral("CreateOrder"),
                {{QStringLiteral("customerId"), QStringLiteral("c")}});
            for (int v = 2; v <= events; ++v) {
                const QString product = QStringLiteral("p%1").arg(v / 2);
                if (v % 2 == 0)
                    run(QStringLiteral("AddItem"),
                        {{QStringLiteral("productId"), product},
                         {QStringLiteral("name"), product},
                         {QStringLiteral("quantity"), 2},
                         {QStringLiteral("price"), QStringLiteral("3.10")}});
                else
                    run(QStringLiteral("RemoveItem"), {{QStringLiteral("productId"), product}});
            }
            return {};
        }),
             "fill");
    }
    auto service = openService(t.url, QStringLiteral("full"));
    const auto load = [&] { need(service->order(id), "load"); };
    const double withSnapshot = millisecondsOf(load, 21);
    QSqlQuery drop(service->store().database().connection());
    drop.exec(QStringLiteral("DELETE FROM snapshots"));
    const double withoutSnapshot = millisecondsOf(load, 5);
    need(service->rebuildProjections(), "rebuild");
    printLine({{QStringLiteral("workload"), QStringLiteral("long-stream")},
               {QStringLiteral("backend"), backendName(t.url)},
               {QStringLiteral("events"), events},
               {QStringLiteral("snapshot_every"), CommandHandler::SnapshotEvery},
               {QStringLiteral("load_ms_with_snapshot"), withSnapshot},
               {QStringLiteral("load_ms_without_snapshot"), withoutSnapshot}});
    return 0;
}

// The peak resident memory of a running process (VmHWM), in KiB; 0 once it has ended.
qint64 peakKib(qint64 pid) {
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

// Exports every event with `ordertrail-cli export` in a child process, so that its memory is
// the export's alone. Returns seconds and peak RSS in MB, read from the child while it runs
// (getrusage's figure for children would count this process's own peak too: a child shares
// its parent's memory until it runs the CLI).
std::pair<double, double> exportInChild(const DatabaseUrl &url) {
    QTemporaryDir dir;
    QProcess cli;
    QElapsedTimer timer;
    timer.start();
    cli.start(QStringLiteral(OT_CLI_PATH),
              {QStringLiteral("--db"), url.toString(DatabaseUrl::Password::Included),
               QStringLiteral("export"), QStringLiteral("--out"),
               dir.filePath(QStringLiteral("export.csv"))});
    qint64 peak = 0;
    bool finished = false;
    while (!(finished = cli.waitForFinished(10)) && cli.state() != QProcess::NotRunning)
        peak = std::max(peak, peakKib(cli.processId()));
    if (!finished || cli.exitStatus() != QProcess::NormalExit || cli.exitCode() != 0)
        die(QStringLiteral("export failed: %1")
                .arg(QString::fromUtf8(cli.readAllStandardOutput())));
    return {timer.nsecsElapsed() / 1e9, peak / 1024.0};
}

// The orders of `audit`: orders-mix's, eight events each, 25 orders a transaction (the bulk
// path: many commands per transaction, the rules still applied). Not more: PostgreSQL slows
// with a transaction's size (806 events/s at 500 orders a transaction, 1,455 at 25). Returns
// the time of the first and last transaction (UTC ms).
std::pair<qint64, qint64> fillOrders(OrderService &service, int orders) {
    constexpr int OrdersPerTransaction = 25;
    qint64 start = 0;
    for (int first = 0; first < orders; first += OrdersPerTransaction) {
        need(service.store().database().writeTransaction([&]() -> Result<void> {
            for (int i = first; i < std::min(orders, first + OrdersPerTransaction); ++i) {
                PlannedOrder plan = planOrder(i);
                for (Command command : plan.commands) {
                    command.userId = QStringLiteral("user-%1").arg(i % 20);
                    command.correlationId = QStringLiteral("corr-%1").arg(i);
                    need(service.execute(command), "command");
                }
            }
            return {};
        }),
             "fill");
        if (first == 0)
            start = QDateTime::currentMSecsSinceEpoch();
    }
    return {start, QDateTime::currentMSecsSinceEpoch()};
}

// PostgreSQL's bulk path. Its append function checks, stamps and hashes every event on the
// server, about 250 µs an event here: ten million would take most of a day. So the orders go
// through the service into a SQLite file (the same rules, hashes and chain) and its rows are
// copied as they are by the schema's owner, 2,000 a statement, with the triggers off for the
// copy (the stamp would put the owner's login on every event and break its hash); the
// transaction column is stamped as the trigger would. A rebuild then writes the read models
// and the hourly counts, and ANALYZE gives the planner its statistics. Needs a superuser's URL
// (session_replication_role).
void copyEvents(const DatabaseUrl &from, Database &to) {
    auto source = need(OrderService::open(from, OpenMode::ExistingOnly), "open the filled file");
    constexpr int RowsPerStatement = 2000;
    const QString insert = QStringLiteral(
        "INSERT INTO events (id, aggregate_type, aggregate_id, version, type, schema_version, "
        "data, user_id, correlation_id, causation_id, recorded_at, hash, state_digest, tx_id) "
        "SELECT r.id, r.aggregate_type, r.aggregate_id, r.version, r.type, r.schema_version, "
        "r.data, r.user_id, r.correlation_id, r.causation_id, r.recorded_at, r.hash, "
        "r.state_digest, (pg_current_xact_id()::text::numeric + (SELECT m.value::numeric FROM "
        "ordertrail_meta m WHERE m.key = 'tx_offset'))::text::xid8 FROM json_to_recordset(?::json) "
        "AS r(id text, aggregate_type text, aggregate_id text, version bigint, type text, "
        "schema_version integer, data text, user_id text, correlation_id text, causation_id "
        "text, recorded_at bigint, hash text, state_digest text)");
    qint64 after = 0;
    for (;;) {
        const QList<StoredEvent> rows =
            need(source->store().readStored({}, after, RowsPerStatement), "read the filled file");
        if (rows.isEmpty())
            return;
        QJsonArray json;
        for (const StoredEvent &e : rows) {
            const auto text = [](const QByteArray &bytes) { return QString::fromUtf8(bytes); };
            json.append(QJsonObject{{QStringLiteral("id"), text(e.id)},
                                    {QStringLiteral("aggregate_type"), text(e.aggregateType)},
                                    {QStringLiteral("aggregate_id"), text(e.aggregateId)},
                                    {QStringLiteral("version"), e.version},
                                    {QStringLiteral("type"), text(e.type)},
                                    {QStringLiteral("schema_version"), e.schemaVersion},
                                    {QStringLiteral("data"), text(e.data)},
                                    {QStringLiteral("user_id"), text(e.userId)},
                                    {QStringLiteral("correlation_id"), text(e.correlationId)},
                                    {QStringLiteral("causation_id"), text(e.causationId)},
                                    {QStringLiteral("recorded_at"), e.recordedAt},
                                    {QStringLiteral("hash"), text(e.hash)},
                                    {QStringLiteral("state_digest"), text(e.stateDigest)}});
        }
        need(to.writeTransaction([&]() -> Result<void> {
            if (auto off = to.execute({QStringLiteral("SET LOCAL session_replication_role = "
                                                      "replica")},
                                      QStringLiteral("cannot switch the triggers off"));
                !off)
                return off;
            return to.run({insert,
                           {QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact))},
                           QStringLiteral("cannot copy the events")});
        }),
             "copy");
        after = rows.back().position;
    }
}

int audit(const QCommandLineParser &args) {
    const int events = args.value(QStringLiteral("events")).toInt();
    if (events < 8)
        die(QStringLiteral("--events must be at least 8"));
    Target t = target(args.value(QStringLiteral("db")));
    auto service = openService(t.url, QStringLiteral("normal"));
    const int orders = events / 8;
    QElapsedTimer fill;
    fill.start();
    qint64 start = 0;
    qint64 end = 0;
    if (t.url.backend == DatabaseUrl::Backend::Postgres) {
        Target filled = target({});
        std::tie(start, end) =
            fillOrders(*openService(filled.url, QStringLiteral("normal")), orders);
        copyEvents(filled.url, service->store().database());
        need(service->rebuildProjections(), "rebuild after the copy");
        // As after any bulk load: without statistics the planner took a filter on one
        // correlation id for common and walked the whole table backwards (245 ms at 1M), until
        // autovacuum came round to the table, or not within a run.
        need(service->store().database().execute({QStringLiteral("ANALYZE")},
                                                 QStringLiteral("cannot analyze the copy")),
             "analyze");
    } else {
        std::tie(start, end) = fillOrders(*service, orders);
    }
    const double fillSeconds = fill.nsecsElapsed() / 1e9;
    const qint64 total = need(service->store().count({}), "count");
    EventStore &store = service->store();

    // SQLite indexes the event text before the first search (in short batches): how long
    // that takes here, and the longest a command of another connection waited meanwhile.
    QJsonValue catchUp;
    if (t.url.backend == DatabaseUrl::Backend::Sqlite) {
        std::atomic<bool> searching = true;
        std::atomic<qint64> slowestUs = 0;
        std::atomic<int> commands = 0;
        std::thread writer([&] {
            // Orders like the others, a command every 10 ms, as a busy office would go on
            // working (a writer at full speed would outrun the indexing it waits for).
            auto other = openService(t.url, QStringLiteral("normal"));
            for (int k = orders; searching; ++k) {
                for (const Command &command : planOrder(k).commands) {
                    QElapsedTimer one;
                    one.start();
                    need(other->execute(command), "command meanwhile");
                    slowestUs = std::max(slowestUs.load(), qint64(one.nsecsElapsed() / 1000));
                    ++commands;
                    if (!searching)
                        break;
                    QThread::msleep(10);
                }
            }
        });
        QThread::msleep(100); // the writer is under way
        QElapsedTimer timer;
        timer.start();
        EventFilter first;
        first.text = QStringLiteral("Product 1");
        need(store.readAll(first, 0, 100, Direction::NewestFirst), "first text search");
        const double seconds = timer.nsecsElapsed() / 1e9;
        searching = false;
        writer.join();
        catchUp =
            QJsonObject{{QStringLiteral("seconds"), rounded(seconds, 3)},
                        {QStringLiteral("commands_meanwhile"), commands.load()},
                        {QStringLiteral("slowest_command_ms"), rounded(slowestUs / 1000.0, 1)}};
    }

    const auto filterMs = [&](const EventFilter &filter) {
        return millisecondsOf(
            [&] { need(store.readAll(filter, 0, 100, Direction::NewestFirst), "filter"); }, 5);
    };
    EventFilter byUser;
    byUser.userId = QStringLiteral("user-7");
    EventFilter byType;
    byType.eventType = QStringLiteral("OrderConfirmed");
    EventFilter byTime;
    byTime.fromMs = start + (end - start) / 2;
    byTime.toMs = *byTime.fromMs + 1000;
    EventFilter byCorrelation;
    byCorrelation.correlationId = QStringLiteral("corr-%1").arg(orders / 2);
    EventFilter byOrder;
    byOrder.aggregateType = OrderAggregate::Type;
    byOrder.aggregateId = orderId(orders / 3);
    EventFilter byText;
    byText.text = QStringLiteral("Product %1").arg(orders / 5 % 1000);
    const QJsonObject filters{{QStringLiteral("user"), filterMs(byUser)},
                              {QStringLiteral("type"), filterMs(byType)},
                              {QStringLiteral("time"), filterMs(byTime)},
                              {QStringLiteral("correlation"), filterMs(byCorrelation)},
                              {QStringLiteral("order"), filterMs(byOrder)},
                              {QStringLiteral("text"), filterMs(byText)}};

    // The match count and the activity chart's counts: the audit view asks for both with
    // every filter.
    const auto countMs = [&](const EventFilter &filter) {
        return millisecondsOf([&] { need(store.count(filter), "count"); }, 5);
    };
    const auto activityMs = [&](const EventFilter &filter, ActivityKey key) {
        return millisecondsOf([&] { need(store.activity(filter, key), "activity"); }, 5);
    };

    QElapsedTimer timer;
    timer.start();
    if (!need(service->verify(), "verify").intact()) // a bulk path that broke a hash shows here
        die(QStringLiteral("verify found problems in the filled database"));
    const double verifySeconds = timer.nsecsElapsed() / 1e9;
    timer.restart();
    need(service->rebuildProjections(), "rebuild");
    const double rebuildSeconds = timer.nsecsElapsed() / 1e9;
    const double listMs = millisecondsOf(
        [&] {
            need(service->orderPage({}, {}, 200), "orders page");
            need(service->orderTally(), "orders tally");
        },
        5);
    const auto [exportSeconds, exportRssMb] = exportInChild(t.url);
    printLine({{QStringLiteral("workload"), QStringLiteral("audit")},
               {QStringLiteral("backend"), backendName(t.url)},
               {QStringLiteral("events"), total},
               {QStringLiteral("fill_events_per_s"), rounded(total / fillSeconds, 1)},
               {QStringLiteral("first_page_ms"), filterMs({})},
               {QStringLiteral("filter_ms"), filters},
               {QStringLiteral("count_ms"), QJsonObject{{QStringLiteral("all"), countMs({})},
                                                        {QStringLiteral("type"), countMs(byType)},
                                                        {QStringLiteral("time"), countMs(byTime)},
                                                        {QStringLiteral("order"), countMs(byOrder)},
                                                        {QStringLiteral("text"), countMs(byText)}}},
               {QStringLiteral("activity_ms"),
                QJsonObject{{QStringLiteral("all"), activityMs({}, ActivityKey::Type)},
                            {QStringLiteral("all_by_user"), activityMs({}, ActivityKey::User)},
                            {QStringLiteral("user"), activityMs(byUser, ActivityKey::Type)},
                            {QStringLiteral("time"), activityMs(byTime, ActivityKey::Type)},
                            {QStringLiteral("order"), activityMs(byOrder, ActivityKey::Type)},
                            {QStringLiteral("text"), activityMs(byText, ActivityKey::Type)}}},
               {QStringLiteral("export_events_per_s"), rounded(total / exportSeconds, 1)},
               {QStringLiteral("export_peak_rss_mb"), rounded(exportRssMb, 1)},
               {QStringLiteral("verify_events_per_s"), rounded(total / verifySeconds, 1)},
               {QStringLiteral("rebuild_events_per_s"), rounded(total / rebuildSeconds, 1)},
               {QStringLiteral("orders_list_open_ms"), listMs},
               {QStringLiteral("text_index_catch_up"), catchUp}});
    return 0;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("OrderTrail benchmarks (BENCHMARKS.md). Workloads:\n"
                       "  orders-mix [--db URL] --orders N [--synchronous full|normal]\n"
                       "  concurrent [--db URL] --writers W --orders N\n"
                       "  long-stream [--db URL] --events K\n"
                       "  audit [--db URL] --events E\n"
                       "  http [--db URL] --clients N[,N...] --orders M\n"
                       "Without --db, a fresh SQLite file in a temporary folder is used."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("db"), QStringLiteral("Database URL."), QStringLiteral("URL")},
        {QStringLiteral("orders"), QStringLiteral("Number of orders."), QStringLiteral("N"),
         QStringLiteral("2000")},
        {QStringLiteral("synchronous"), QStringLiteral("SQLite: full or normal."),
         QStringLiteral("MODE"), QStringLiteral("full")},
        {QStringLiteral("writers"), QStringLiteral("Concurrent writers."), QStringLiteral("W"),
         QStringLiteral("4")},
        {QStringLiteral("events"), QStringLiteral("Number of events."), QStringLiteral("N"),
         QStringLiteral("10000")},
        {QStringLiteral("clients"), QStringLiteral("HTTP clients at once, one run each."),
         QStringLiteral("N,N..."), QStringLiteral("1,32")},
    });
    parser.addPositionalArgument(QStringLiteral("workload"), QStringLiteral("What to run."));
    parser.process(app);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        parser.showHelp(2);
    if (positional[0] == QLatin1String("orders-mix"))
        return ordersMix(parser);
    if (positional[0] == QLatin1String("concurrent"))
        return concurrent(parser);
    if (positional[0] == QLatin1String("long-stream"))
        return longStream(parser);
    if (positional[0] == QLatin1String("audit"))
        return audit(parser);
    if (positional[0] == QLatin1String("http"))
        return httpLoad(parser);
    die(QStringLiteral("unknown workload '%1'").arg(positional[0]));
}
