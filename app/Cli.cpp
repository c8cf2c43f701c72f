#include "Cli.h"

#include "OrderServer.h"
#include "StopSignals.h"
#include "audit/Checkpoint.h"
#include "audit/CsvExport.h"
#include "es/Clock.h"
#include "service/OrderService.h"
#include "storage/Administration.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <cstdio>
#include <functional>

namespace ot::cli {

namespace {

constexpr qint64 MaxBodyBytes = 16 * 1024 * 1024;

void print(const QJsonDocument &doc) {
    const QByteArray bytes = doc.toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void print(const QJsonObject &object) {
    print(QJsonDocument(object));
}
void print(const QJsonArray &array) {
    print(QJsonDocument(array));
}

int exitCode(const Error &error) {
    switch (error.code) {
    case ErrorCode::Invalid:
        return Invalid;
    case ErrorCode::Rejected:
    case ErrorCode::NotFound:
        return Failed;
    case ErrorCode::Conflict:
        return Conflict;
    case ErrorCode::Storage:
        return Storage;
    }
    return Storage;
}

void printError(const Error &error) {
    print(QJsonObject{{QStringLiteral("error"), error.message},
                      {QStringLiteral("code"), errorCodeName(error.code)}});
}

int fail(const Error &error) {
    printError(error);
    return exitCode(error);
}

Error usageError(const QString &message) {
    return Error::invalid(message % QStringLiteral(" (see ordertrail-cli --help)"));
}

QJsonArray eventsJson(const QList<DomainEvent> &events) {
    QJsonArray array;
    for (const DomainEvent &event : events)
        array.append(event.toJson());
    return array;
}

Result<QByteArray> readStdin(const QString &what) {
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return Error::invalid(QStringLiteral("cannot read %1 from standard input").arg(what));
    // A pipe hands its data out a piece at a time: read to its end, or past the limit.
    QByteArray bytes;
    while (bytes.size() <= MaxBodyBytes) {
        const QByteArray piece = in.read(MaxBodyBytes + 1 - bytes.size());
        if (piece.isEmpty())
            break;
        bytes += piece;
    }
    if (bytes.size() > MaxBodyBytes)
        return Error::invalid(QStringLiteral("%1 is larger than 16 MiB").arg(what));
    return bytes;
}

Result<qint64> wholeNumber(const QString &text, const QString &what, qint64 min, qint64 max) {
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max)
        return Error::invalid(
            QStringLiteral("%1 must be a whole number from %2 to %3").arg(what).arg(min).arg(max));
    return value;
}

// What a subcommand does once its arguments are checked: every argument is checked before
// any database is opened or created.
using Action = std::function<int(const DatabaseUrl &url)>;

struct Arguments {
    QStringList positional; // after the subcommand's name
    const QCommandLineParser &parser;
    QString option(const QString &name) const { return parser.value(name); }
    bool isSet(const QString &name) const { return parser.isSet(name); }
};

// Runs `work` on an OrderService opened in `mode`.
Action withOrders(OpenMode mode, std::function<int(OrderService &)> work) {
    return [mode, work = std::move(work)](const DatabaseUrl &url) {
        auto service = OrderService::open(url, mode);
        if (!service)
            return fail(service.error());
        return work(*service.value());
    };
}

Result<Action> commandAction(const Arguments &args) {
    QByteArray body = args.positional[1].toUtf8();
    if (args.positional[1] == QLatin1String("-")) {
        auto read = readStdin(QStringLiteral("the command"));
        if (!read)
            return read.error();
        body = read.value();
    }
    auto command = OrderService::parseCommand(
        args.positional[0], body, OrderService::systemUserName(), IdGenerator::system());
    if (!command)
        return command.error();
    return withOrders(OpenMode::CreateIfMissing, [command = command.value()](OrderService &orders) {
        auto events = orders.execute(command);
        if (!events)
            return fail(events.error());
        print(QJsonObject{{QStringLiteral("events"), eventsJson(events.value())}});
        return int(Ok);
    });
}

// Standard input a line at a time, each handed out as soon as it has arrived, so a script can
// send a command and read its answer before it sends the next.
class InputLines {
public:
    bool open() { return m_in.open(stdin, QIODevice::ReadOnly | QIODevice::Unbuffered); }
    qint64 number() const { return m_number; }

    // The next line without its line break; nullopt at the end of the input. A line over
    // 16 MiB is read to its end (memory stays bounded) and refused.
    std::optional<Result<QByteArray>> next() {
        QByteArray line;
        bool tooLong = false;
        for (;;) {
            const QByteArray chunk = m_in.readLine(64 * 1024);
            if (chunk.isEmpty()) {
                if (line.isEmpty() && !tooLong)
                    return std::nullopt;
                break;
            }
            if (!tooLong)
                line += chunk;
            if (line.size() > MaxBodyBytes + 2) {
                tooLong = true;
                line.clear();
            }
            if (chunk.endsWith('\n'))
                break;
        }
        ++m_number;
        if (tooLong)
            return Result<QByteArray>(
                Error::invalid(QStringLiteral("the line is larger than 16 MiB")));
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        return Result<QByteArray>(line);
    }

private:
    QFile m_in;
    qint64 m_number = 0;
};

Error onLine(Error error, qint64 line) {
    error.message = QStringLiteral("line %1: %2").arg(line).arg(error.message);
    return error;
}

// A line of a batch: the body of `command` with the order's id as "orderId".
Result<Command> batchCommand(const QByteArray &line) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::invalid(QStringLiteral("malformed JSON at offset %1: %2")
                                  .arg(parseError.offset)
                                  .arg(parseError.errorString()));
    if (!doc.isObject())
        return Error::invalid(QStringLiteral("each line must be a JSON object"));
    // The line is written out again without "orderId", by then with Qt's doubles: checked here.
    if (auto exact = checkNumbersExact(line); !exact)
        return exact.error();
    QJsonObject body = doc.object();
    const QJsonValue orderId = body.take(QStringLiteral("orderId"));
    if (!orderId.isString())
        return Error::invalid(QStringLiteral("each line needs 'orderId', a string"));
    return OrderService::parseCommand(orderId.toString(),
                                      QJsonDocument(body).toJson(QJsonDocument::Compact),
                                      OrderService::systemUserName(), IdGenerator::system());
}

// Each line is its own command, run as it arrives; a failed one does not stop the rest.
int runEachLine(OrderService &orders) {
    InputLines lines;
    if (!lines.open())
        return fail(Error::invalid(QStringLiteral("cannot read standard input")));
    int status = Ok;
    while (const auto line = lines.next()) {
        if (line->ok() && line->value().trimmed().isEmpty())
            continue;
        auto command = line->ok() ? batchCommand(line->value()) : Result<Command>(line->error());
        Result<QList<DomainEvent>> events =
            command ? orders.execute(command.value()) : Result<QList<DomainEvent>>(command.error());
        if (events) {
            print(QJsonObject{{QStringLiteral("events"), eventsJson(events.value())}});
            continue;
        }
        const Error error = onLine(events.error(), lines.number());
        printError(error);
        if (status == Ok)
            status = exitCode(error);
    }
    return status;
}

Result<Action> batchAction(const Arguments &args) {
    if (!args.isSet(QStringLiteral("atomic")))
        return withOrders(OpenMode::CreateIfMissing, runEachLine);
    // All or nothing: every line is read and checked before the database is opened, and the
    // commands run in one transaction.
    InputLines lines;
    if (!lines.open())
        return Error::invalid(QStringLiteral("cannot read standard input"));
    QList<std::pair<qint64, Command>> commands;
    while (const auto line = lines.next()) {
        if (!line->ok())
            return onLine(line->error(), lines.number());
        if (line->value().trimmed().isEmpty())
            continue;
        auto command = batchCommand(line->value());
        if (!command)
            return onLine(command.error(), lines.number());
        commands.append({lines.number(), command.value()});
    }
    return withOrders(OpenMode::CreateIfMissing, [commands](OrderService &orders) {
        auto answers =
            orders.store().database().writeTransaction([&]() -> Result<QList<QJsonObject>> {
                QList<QJsonObject> answers;
                for (const auto &[number, command] : commands) {
                    auto events = orders.execute(command);
                    if (!events)
                        return onLine(events.error(), number);
                    answers.append({{QStringLiteral("events"), eventsJson(events.value())}});
                }
                return answers;
            });
        if (!answers)
            return fail(answers.error());
        for (const QJsonObject &answer : answers.value())
            print(answer);
        return int(Ok);
    });
}

Result<Action> showAction(const Arguments &args) {
    std::optional<qint64> atVersion;
    if (args.isSet(QStringLiteral("at-version"))) {
        auto v = wholeNumber(args.option(QStringLiteral("at-version")),
                             QStringLiteral("--at-version"), 1, std::numeric_limits<qint64>::max());
        if (!v)
            return v.error();
        atVersion = v.value();
    }
    return withOrders(OpenMode::ExistingOnly,
                      [id = args.positional[0], atVersion](OrderService &orders) {
                          auto order = orders.order(id, atVersion);
                          if (!order)
                              return fail(order.error());
                          print(order.value()->toJson());
                          return int(Ok);
                      });
}

Result<Action> historyAction(const Arguments &args) {
    return withOrders(OpenMode::ExistingOnly, [id = args.positional[0]](OrderService &orders) {
        auto events = orders.history(id);
        if (!events)
            return fail(events.error());
        print(eventsJson(events.value()));
        return int(Ok);
    });
}

Result<Action> ordersAction(const Arguments &args) {
    std::optional<OrderStatus> status;
    if (args.isSet(QStringLiteral("status"))) {
        status = orderStatusFromName(args.option(QStringLiteral("status")));
        if (!status)
            return usageError(QStringLiteral("unknown status '%1' (expected one of %2)")
                                  .arg(args.option(QStringLiteral("status")),
                                       orderStatusNames().join(QStringLiteral(", "))));
    }
    return withOrders(OpenMode::ExistingOnly, [status](OrderService &orders) {
        auto list = orders.orders(status);
        if (!list)
            return fail(list.error());
        QJsonArray array;
        for (const OrderSummary &summary : list.value())
            array.append(summary.toJson());
        print(array);
        return int(Ok);
    });
}

Result<Action> verifyAction(const Arguments &args) {
    std::optional<Checkpoint> checkpoint;
    if (args.isSet(QStringLiteral("checkpoint"))) {
        auto parsed = Checkpoint::parse(args.option(QStringLiteral("checkpoint")));
        if (!parsed)
            return parsed.error();
        checkpoint = parsed.value();
    }
    const auto depth = args.isSet(QStringLiteral("fast")) ? OrderService::Verify::Links
                                                          : OrderService::Verify::Deep;
    return withOrders(OpenMode::ExistingOnly, [checkpoint, depth](OrderService &orders) {
        auto report = orders.verify(depth, {}, checkpoint);
        if (!report)
            return fail(report.error());
        print(report->toJson());
        return int(report->intact() ? Ok : Tampered);
    });
}

Result<Action> checkpointAction(const Arguments &) {
    return withOrders(OpenMode::ExistingOnly, [](OrderService &orders) {
        auto checkpoint = takeCheckpoint(orders.store());
        if (!checkpoint)
            return fail(checkpoint.error());
        print(QJsonObject{{QStringLiteral("checkpoint"), checkpoint->toString()},
                          {QStringLiteral("streams"), checkpoint->streams},
                          {QStringLiteral("events"), checkpoint->events}});
        return int(Ok);
    });
}

// The audit filters shared by events and export; times are ISO 8601 (UTC unless an offset
// is given), the range [from, to).
Result<EventFilter> eventFilter(const Arguments &args) {
    EventFilter filter;
    filter.userId = args.option(QStringLiteral("user"));
    filter.eventType = args.option(QStringLiteral("type"));
    filter.correlationId = args.option(QStringLiteral("correlation"));
    filter.text = args.option(QStringLiteral("text"));
    if (args.isSet(QStringLiteral("order"))) {
        filter.aggregateType = OrderAggregate::Type;
        filter.aggregateId = args.option(QStringLiteral("order"));
    }
    for (const char *name : {"from", "to"}) {
        const QString option = QLatin1String(name);
        if (!args.isSet(option))
            continue;
        QDateTime time = QDateTime::fromString(args.option(option), Qt::ISODateWithMs);
        if (!time.isValid())
            return Error::invalid(QStringLiteral("--%1 must be a date and time such as "
                                                 "2026-11-26T09:30:00Z (got '%2')")
                                      .arg(option, args.option(option).left(60)));
        if (time.timeSpec() == Qt::LocalTime)
            time.setTimeSpec(Qt::UTC);
        (option == QLatin1String("from") ? filter.fromMs : filter.toMs) = time.toMSecsSinceEpoch();
    }
    return filter;
}

Result<Action> eventsAction(const Arguments &args) {
    auto filter = eventFilter(args);
    if (!filter)
        return filter.error();
    qint64 limit = std::numeric_limits<qint64>::max();
    if (args.isSet(QStringLiteral("limit"))) {
        auto n = wholeNumber(args.option(QStringLiteral("limit")), QStringLiteral("--limit"), 1,
                             std::numeric_limits<qint64>::max());
        if (!n)
            return n.error();
        limit = n.value();
    }
    const Direction direction = args.isSet(QStringLiteral("newest-first")) ? Direction::NewestFirst
                                                                           : Direction::OldestFirst;
    return withOrders(
        OpenMode::ExistingOnly, [filter = filter.value(), limit, direction](OrderService &orders) {
            // A page at a time, one JSON line per event: any number of events in flat memory.
            constexpr int PageSize = 1000;
            qint64 printed = 0;
            qint64 from = 0;
            while (printed < limit) {
                auto page = orders.store().readAll(
                    filter, from, int(std::min<qint64>(PageSize, limit - printed)), direction);
                if (!page)
                    return fail(page.error());
                for (const DomainEvent &event : page.value())
                    print(event.toJson());
                printed += page->size();
                if (page->size() < PageSize)
                    break;
                from = page->back().position;
            }
            return int(Ok);
        });
}

Result<Action> exportAction(const Arguments &args) {
    auto filter = eventFilter(args);
    if (!filter)
        return filter.error();
    const QString path = args.option(QStringLiteral("out"));
    if (path.isEmpty())
        return usageError(QStringLiteral("export needs --out FILE"));
    const CsvOptions options{!args.isSet(QStringLiteral("no-formula-guard")),
                             args.isSet(QStringLiteral("bom"))};
    return withOrders(
        OpenMode::ExistingOnly, [filter = filter.value(), path, options](OrderService &orders) {
            auto written = exportEventsCsv(orders.store(), filter, path, options);
            if (!written)
                return fail(written.error());
            print(QJsonObject{{QStringLiteral("exported"), written.value()},
                              {QStringLiteral("file"), QFileInfo(path).absoluteFilePath()}});
            return int(Ok);
        });
}

Result<Action> rebuildAction(const Arguments &) {
    return withOrders(OpenMode::ExistingOnly, [](OrderService &orders) {
        auto rebuilt = orders.rebuildProjections();
        if (!rebuilt)
            return fail(rebuilt.error());
        print(QJsonObject{{QStringLiteral("rebuilt"), rebuilt.value()}});
        return int(Ok);
    });
}

Result<Action> demoAction(const Arguments &args) {
    auto count = wholeNumber(args.positional[0], QStringLiteral("N"), 1, 1'000'000);
    if (!count)
        return count.error();
    quint32 seed = 1;
    if (args.isSet(QStringLiteral("seed"))) {
        auto s = wholeNumber(args.option(QStringLiteral("seed")), QStringLiteral("--seed"), 0,
                             0xffffffffLL);
        if (!s)
            return s.error();
        seed = quint32(s.value());
    }
    return withOrders(
        OpenMode::CreateIfMissing, [count = int(count.value()), seed](OrderService &orders) {
            auto created = orders.addDemoOrders(count, seed, OrderService::systemUserName());
            if (!created)
                return fail(created.error());
            print(QJsonObject{{QStringLiteral("created"), created.value()}});
            return int(Ok);
        });
}

Result<Action> adminInitAction(const Arguments &) {
    return Action([](const DatabaseUrl &url) {
        if (auto ok = admin::initialize(url); !ok)
            return fail(ok.error());
        print(QJsonObject{{QStringLiteral("initialized"), url.toString()},
                          {QStringLiteral("schemaVersion"), Database::SchemaVersion}});
        return int(Ok);
    });
}

Result<Action> addUserAction(const Arguments &args) {
    const QString roleText = args.option(QStringLiteral("role"));
    if (roleText != QLatin1String("staff") && roleText != QLatin1String("auditor"))
        return usageError(QStringLiteral("admin add-user needs --role staff or --role auditor"));
    const admin::Role role =
        roleText == QLatin1String("staff") ? admin::Role::Staff : admin::Role::Auditor;
    QString password;
    if (args.isSet(QStringLiteral("password-stdin"))) {
        auto read = readStdin(QStringLiteral("the password"));
        if (!read)
            return read.error();
        password = QString::fromUtf8(read.value()).section(u'\n', 0, 0).remove(u'\r');
        if (password.isEmpty())
            return Error::invalid(QStringLiteral("the password read from standard input is empty"));
    }
    return Action([name = args.positional[0], role, password](const DatabaseUrl &url) {
        if (auto ok = admin::addUser(url, name, role, password); !ok)
            return fail(ok.error());
        print(QJsonObject{{QStringLiteral("created"), name},
                          {QStringLiteral("role"), admin::roleName(role)}});
        return int(Ok);
    });
}

struct Listen {
    QHostAddress address;
    quint16 port = 0;
};

Result<Listen> listenAddress(const QString &text) {
    const Error wrong = usageError(
        QStringLiteral("--listen needs an IP address and a port, as 127.0.0.1:8080 or [::1]:8080"));
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0)
        return wrong;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    const QHostAddress address = host == QLatin1String("localhost")
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : QHostAddress(host);
    if (address.isNull())
        return wrong;
    auto port = wholeNumber(text.mid(colon + 1), QStringLiteral("the port of --listen"), 0, 65535);
    if (!port)
        return port.error();
    return Listen{address, quint16(port.value())};
}

QString httpUrl(const QHostAddress &address, quint16 port) {
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' % address.toString() % u']'
                             : address.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(port);
}

Result<Action> serveAction(const Arguments &args) {
    auto listen =
        listenAddress(args.isSet(QStringLiteral("listen")) ? args.option(QStringLiteral("listen"))
                                                           : QStringLiteral("127.0.0.1:8080"));
    if (!listen)
        return listen.error();
    int timeoutMs = 10'000;
    if (args.isSet(QStringLiteral("request-timeout"))) {
        auto seconds = wholeNumber(args.option(QStringLiteral("request-timeout")),
                                   QStringLiteral("--request-timeout"), 1, 3600);
        if (!seconds)
            return seconds.error();
        timeoutMs = int(seconds.value()) * 1000;
    }
    const QString tokensFile = args.isSet(QStringLiteral("tokens-file"))
                                   ? args.option(QStringLiteral("tokens-file"))
                                   : qEnvironmentVariable("ORDERTRAIL_TOKENS_FILE");
    if (tokensFile.isEmpty())
        return usageError(QStringLiteral(
            "serve needs bearer tokens: --tokens-file PATH or ORDERTRAIL_TOKENS_FILE"));
    auto tokens = http::BearerTokens::load(tokensFile);
    if (!tokens)
        return tokens.error();
    return Action([listen = listen.value(), timeoutMs,
                   tokens = tokens.value()](const DatabaseUrl &url) {
        // Opened once here so that a wrong database stops the server at once rather than
        // failing every request; each worker thread then opens its own connection.
        if (auto check = OrderService::open(url, OpenMode::CreateIfMissing); !check)
            return fail(check.error());
        http::OrderServer server(
            {url, tokens, timeoutMs, qBound(2, QThread::idealThreadCount(), 8)});
        auto port = server.start(listen.address, listen.port);
        if (!port)
            return fail(port.error());
        http::StopSignals stop;
        QObject::connect(&stop, &http::StopSignals::stopRequested, &server,
                         &http::OrderServer::shutdown);
        QObject::connect(&server, &http::OrderServer::finished, QCoreApplication::instance(),
                         &QCoreApplication::quit);
        if (!listen.address.isLoopback())
            std::fprintf(stderr,
                         "ordertrail-cli serve: listening on %s, reachable from other machines "
                         "and unencrypted; put a TLS proxy in front of it\n",
                         qPrintable(listen.address.toString()));
        print(QJsonObject{{QStringLiteral("listening"), httpUrl(listen.address, port.value())}});
        QCoreApplication::exec();
        print(QJsonObject{{QStringLiteral("stopped"), true}});
        return int(Ok);
    });
}

const QStringList FilterOptions{QStringLiteral("user"),  QStringLiteral("type"),
                                QStringLiteral("order"), QStringLiteral("correlation"),
                                QStringLiteral("from"),  QStringLiteral("to"),
                                QStringLiteral("text")};

struct Subcommand {
    QString name; // one word, or "admin WORD"
    QStringList arguments;
    QStringList options;
    bool createsDefaultFolder; // may create the database file in the user's data folder
    Result<Action> (*prepare)(const Arguments &);
};

const QList<Subcommand> &subcommands() {
    static const QList<Subcommand> list{
        {QStringLiteral("command"),
         {QStringLiteral("ORDER_ID"), QStringLiteral("JSON|-")},
         {},
         true,
         commandAction},
        {QStringLiteral("batch"), {}, {QStringLiteral("atomic")}, true, batchAction},
        {QStringLiteral("show"),
         {QStringLiteral("ORDER_ID")},
         {QStringLiteral("at-version")},
         false,
         showAction},
        {QStringLiteral("history"), {QStringLiteral("ORDER_ID")}, {}, false, historyAction},
        {QStringLiteral("orders"), {}, {QStringLiteral("status")}, false, ordersAction},
        {QStringLiteral("verify"),
         {},
         {QStringLiteral("checkpoint"), QStringLiteral("fast")},
         false,
         verifyAction},
        {QStringLiteral("checkpoint"), {}, {}, false, checkpointAction},
        {QStringLiteral("events"),
         {},
         FilterOptions + QStringList{QStringLiteral("newest-first"), QStringLiteral("limit")},
         false,
         eventsAction},
        {QStringLiteral("export"),
         {},
         FilterOptions + QStringList{QStringLiteral("out"), QStringLiteral("no-formula-guard"),
                                     QStringLiteral("bom")},
         false,
         exportAction},
        {QStringLiteral("rebuild-projections"), {}, {}, false, rebuildAction},
        {QStringLiteral("demo-data"),
         {QStringLiteral("N")},
         {QStringLiteral("seed")},
         true,
         demoAction},
        {QStringLiteral("serve"),
         {},
         {QStringLiteral("listen"), QStringLiteral("tokens-file"),
          QStringLiteral("request-timeout")},
         true,
         serveAction},
        {QStringLiteral("admin init"), {}, {}, true, adminInitAction},
        {QStringLiteral("admin add-user"),
         {QStringLiteral("NAME")},
         {QStringLiteral("role"), QStringLiteral("password-stdin")},
         false,
         addUserAction},
    };
    return list;
}

const QString Description = QStringLiteral(
    "OrderTrail on the command line: the same core as the desktop application.\n"
    "\n"
    "Subcommands:\n"
    "  command ORDER_ID JSON|-      issue a command: {\"type\",\"data\",\"userId\"?,\n"
    "                               \"expectedVersion\"?,\"correlationId\"?} (- reads stdin)\n"
    "  batch [--atomic]             issue the commands read from stdin, one a line:\n"
    "                               {\"orderId\",\"type\",...}; one answer a line; exit 0\n"
    "                               when all were applied, else the first failure's code;\n"
    "                               --atomic: all in one transaction, or none\n"
    "  show ORDER_ID [--at-version N]  the order's state, now or at version N\n"
    "  history ORDER_ID             the order's events, oldest first\n"
    "  orders [--status S]          the order summaries\n"
    "  verify [--checkpoint C] [--fast]\n"
    "                               replay every order through its rules and check every\n"
    "                               hash chain, snapshot and order summary against it (and\n"
    "                               that nothing up to the checkpoint C changed); --fast:\n"
    "                               the hash chains only; exit 5 when something is wrong\n"
    "  checkpoint                   print a checkpoint to keep elsewhere\n"
    "  events [FILTERS] [--newest-first] [--limit N]\n"
    "                               the matching events, one JSON object a line\n"
    "  export --out FILE [FILTERS] [--no-formula-guard] [--bom]\n"
    "                               the matching events as CSV (RFC 4180)\n"
    "    FILTERS: --user U --type T --order ID --correlation C --text WORDS\n"
    "             --from TIME --to TIME (ISO 8601, UTC unless an offset is given)\n"
    "  rebuild-projections          rebuild the order summaries from the events\n"
    "  demo-data N [--seed S]       add N realistic demo orders\n"
    "  serve [--listen ADDRESS:PORT] [--tokens-file PATH] [--request-timeout SECONDS]\n"
    "                               answer the order routes over HTTP (default\n"
    "                               127.0.0.1:8080); every request needs a bearer token\n"
    "                               from PATH or $ORDERTRAIL_TOKENS_FILE (lines TOKEN USER)\n"
    "  admin init                   create or upgrade the schema (PostgreSQL: and the roles\n"
    "                               ordertrail_staff, ordertrail_auditor); needs the owner\n"
    "  admin add-user NAME --role staff|auditor [--password-stdin]\n"
    "                               create a PostgreSQL login in one of those roles\n"
    "\n"
    "Output is JSON. Errors print {\"error\",\"code\"}; exit codes: 0 ok, 1 rejected or\n"
    "not_found, 2 invalid, 3 conflict, 4 storage, 5 verify found tampering.\n"
    "The database is --db, else $ORDERTRAIL_DB, else the file in your data folder.");

} // namespace

int run(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(Description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addVersionOption();
    const QList<QCommandLineOption> subcommandOptions{
        {QStringLiteral("atomic"),
         QStringLiteral("batch: run every command in one transaction; the first failure "
                        "undoes them all.")},
        {QStringLiteral("at-version"), QStringLiteral("show: the state at version N."),
         QStringLiteral("N")},
        {QStringLiteral("status"),
         QStringLiteral("orders: only this status (%1).")
             .arg(orderStatusNames().join(QStringLiteral(", "))),
         QStringLiteral("S")},
        {QStringLiteral("seed"), QStringLiteral("demo-data: random seed (default 1)."),
         QStringLiteral("S")},
        {QStringLiteral("role"), QStringLiteral("admin add-user: staff or auditor."),
         QStringLiteral("ROLE")},
        {QStringLiteral("password-stdin"),
         QStringLiteral("admin add-user: read the login's password from standard input.")},
        {QStringLiteral("listen"),
         QStringLiteral("serve: the address and port to listen on (default 127.0.0.1:8080)."),
         QStringLiteral("ADDRESS:PORT")},
        {QStringLiteral("tokens-file"),
         QStringLiteral("serve: the file of bearer tokens, lines TOKEN USER (default "
                        "$ORDERTRAIL_TOKENS_FILE)."),
         QStringLiteral("PATH")},
        {QStringLiteral("checkpoint"),
         QStringLiteral("verify: also check against this checkpoint."), QStringLiteral("C")},
        {QStringLiteral("fast"),
         QStringLiteral("verify: check the hash chains only, without replaying the rules.")},
        {QStringLiteral("user"), QStringLiteral("events, export: by this user."),
         QStringLiteral("U")},
        {QStringLiteral("type"), QStringLiteral("events, export: of this event type."),
         QStringLiteral("T")},
        {QStringLiteral("order"), QStringLiteral("events, export: of this order."),
         QStringLiteral("ID")},
        {QStringLiteral("correlation"), QStringLiteral("events, export: of this correlation id."),
         QStringLiteral("C")},
        {QStringLiteral("from"), QStringLiteral("events, export: at or after this time."),
         QStringLiteral("TIME")},
        {QStringLiteral("to"), QStringLiteral("events, export: before this time."),
         QStringLiteral("TIME")},
        {QStringLiteral("text"), QStringLiteral("events, export: whose data holds this text."),
         QStringLiteral("WORDS")},
        {QStringLiteral("newest-first"), QStringLiteral("events: newest first.")},
        {QStringLiteral("limit"), QStringLiteral("events: at most N."), QStringLiteral("N")},
        {QStringLiteral("out"), QStringLiteral("export: the CSV file to write."),
         QStringLiteral("FILE")},
        {QStringLiteral("no-formula-guard"),
         QStringLiteral("export: leave cells starting with = + - @ as they are.")},
        {QStringLiteral("bom"),
         QStringLiteral("export: start with a UTF-8 byte order mark (Excel).")},
        {QStringLiteral("request-timeout"),
         QStringLiteral("serve: seconds a client may take to send a request, and an idle "
                        "connection stays open (default 10)."),
         QStringLiteral("SECONDS")},
    };
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("Database URL: sqlite:PATH or postgresql://user[:password]@host[:port]/db."),
        QStringLiteral("URL"));
    parser.addOption(dbOption);
    parser.addOptions(subcommandOptions);
    parser.addPositionalArgument(QStringLiteral("subcommand"),
                                 QStringLiteral("What to do (see above)."),
                                 QStringLiteral("SUBCOMMAND [ARGS...]"));
    if (!parser.parse(arguments))
        return fail(usageError(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        const QByteArray help = parser.helpText().toUtf8();
        std::fwrite(help.constData(), 1, size_t(help.size()), stdout);
        return Ok;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("ordertrail-cli %s\n", OT_VERSION);
        return Ok;
    }

    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(usageError(QStringLiteral("no subcommand given")));
    QString name = positional.takeFirst();
    if (name == QLatin1String("admin") && !positional.isEmpty())
        name += u' ' % positional.takeFirst();
    const auto found = std::find_if(subcommands().begin(), subcommands().end(),
                                    [&](const Subcommand &s) { return s.name == name; });
    if (found == subcommands().end())
        return fail(usageError(QStringLiteral("unknown subcommand '%1'").arg(name)));
    const Subcommand &sub = *found;
    if (positional.size() != sub.arguments.size())
        return fail(
            usageError(QStringLiteral("%1 takes %2")
                           .arg(sub.name, sub.arguments.isEmpty() ? QStringLiteral("no arguments")
                                                                  : sub.arguments.join(u' '))));
    for (const QCommandLineOption &option : subcommandOptions) {
        const QString optionName = option.names().front();
        if (parser.isSet(optionName) && !sub.options.contains(optionName))
            return fail(
                usageError(QStringLiteral("--%1 does not apply to %2").arg(optionName, sub.name)));
    }

    auto action = sub.prepare(Arguments{positional, parser});
    if (!action)
        return fail(action.error());

    const bool explicitDb = parser.isSet(dbOption);
    auto url =
        explicitDb ? DatabaseUrl::parse(parser.value(dbOption)) : DatabaseUrl::fromEnvironment();
    if (!url)
        return fail(url.error());
    if (sub.createsDefaultFolder && !explicitDb && qEnvironmentVariableIsEmpty("ORDERTRAIL_DB")) {
        if (auto made = DatabaseUrl::createDefaultFolder(); !made)
            return fail(made.error());
    }
    return action.value()(url.value());
}

int run(int argc, char *argv[]) {
    // Qt decodes the arguments as UTF-8 and puts U+FFFD where they are not, so an order id or a
    // command with such bytes would be stored as another text than the one given; refused here,
    // where the bytes are still at hand.
    for (int i = 1; i < argc; ++i) {
        if (!QByteArrayView(argv[i]).isValidUtf8())
            return fail(Error::invalid(QStringLiteral("argument %1 is not valid UTF-8: check the "
                                                      "encoding of the terminal or script")
                                           .arg(i)));
    }
    return run(QCoreApplication::arguments());
}

} // namespace ot::cli
