#include "Cli.h"

#include "es/Clock.h"
#include "service/OrderService.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

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

int fail(const Error &error) {
    print(QJsonObject{{QStringLiteral("error"), error.message},
                      {QStringLiteral("code"), errorCodeName(error.code)}});
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

int usage(const QString &message) {
    return fail(Error::invalid(message % QStringLiteral(" (see ordertrail-cli --help)")));
}

QJsonArray eventsJson(const QList<DomainEvent> &events) {
    QJsonArray array;
    for (const DomainEvent &event : events)
        array.append(event.toJson());
    return array;
}

Result<QByteArray> readBody(const QString &argument) {
    if (argument != QLatin1String("-"))
        return argument.toUtf8();
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return Error::invalid(QStringLiteral("cannot read the command from standard input"));
    QByteArray body = in.read(MaxBodyBytes + 1);
    if (body.size() > MaxBodyBytes)
        return Error::invalid(QStringLiteral("the command is larger than 16 MiB"));
    return body;
}

struct Subcommand {
    QString name;
    int arguments; // positional arguments after the name
    QString argumentNames;
    QStringList options;
    bool writes; // creates the database when it does not exist
};

const QList<Subcommand> &subcommands() {
    static const QList<Subcommand> list{
        {QStringLiteral("command"), 2, QStringLiteral("ORDER_ID JSON|-"), {}, true},
        {QStringLiteral("show"),
         1,
         QStringLiteral("ORDER_ID"),
         {QStringLiteral("at-version")},
         false},
        {QStringLiteral("history"), 1, QStringLiteral("ORDER_ID"), {}, false},
        {QStringLiteral("orders"), 0, QString(), {QStringLiteral("status")}, false},
        {QStringLiteral("verify"), 0, QString(), {}, false},
        {QStringLiteral("rebuild-projections"), 0, QString(), {}, false},
        {QStringLiteral("demo-data"), 1, QStringLiteral("N"), {QStringLiteral("seed")}, true},
    };
    return list;
}

const QString Description = QStringLiteral(
    "OrderTrail on the command line: the same core as the desktop application.\n"
    "\n"
    "Subcommands:\n"
    "  command ORDER_ID JSON|-      issue a command: {\"type\",\"data\",\"userId\"?,\n"
    "                               \"expectedVersion\"?,\"correlationId\"?} (- reads stdin)\n"
    "  show ORDER_ID [--at-version N]  the order's state, now or at version N\n"
    "  history ORDER_ID             the order's events, oldest first\n"
    "  orders [--status S]          the order summaries\n"
    "  verify                       check every hash chain\n"
    "  rebuild-projections          rebuild the order summaries from the events\n"
    "  demo-data N [--seed S]       add N realistic demo orders\n"
    "\n"
    "Output is JSON. Errors print {\"error\",\"code\"}; exit codes: 0 ok, 1 rejected or\n"
    "not_found, 2 invalid, 3 conflict, 4 storage, 5 verify found tampering.\n"
    "The database is --db, else $ORDERTRAIL_DB, else the file in your data folder.");

Result<qint64> wholeNumber(const QString &text, const QString &what, qint64 min, qint64 max) {
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max)
        return Error::invalid(
            QStringLiteral("%1 must be a whole number from %2 to %3").arg(what).arg(min).arg(max));
    return value;
}

} // namespace

int run(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(Description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"), QStringLiteral("Database URL: sqlite:PATH."), QStringLiteral("URL"));
    const QCommandLineOption versionAt(QStringLiteral("at-version"),
                                       QStringLiteral("show: the state at version N."),
                                       QStringLiteral("N"));
    const QCommandLineOption statusOption(QStringLiteral("status"),
                                          QStringLiteral("orders: only this status (%1).")
                                              .arg(orderStatusNames().join(QStringLiteral(", "))),
                                          QStringLiteral("S"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QStringLiteral("demo-data: random seed (default 1)."),
                                        QStringLiteral("S"));
    parser.addOptions({dbOption, versionAt, statusOption, seedOption});
    parser.addPositionalArgument(QStringLiteral("subcommand"),
                                 QStringLiteral("What to do (see above)."),
                                 QStringLiteral("SUBCOMMAND [ARGS...]"));
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        const QByteArray help = parser.helpText().toUtf8();
        std::fwrite(help.constData(), 1, size_t(help.size()), stdout);
        return Ok;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("ordertrail-cli %s\n", OT_VERSION);
        return Ok;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usage(QStringLiteral("no subcommand given"));
    const auto found = std::find_if(subcommands().begin(), subcommands().end(),
                                    [&](const Subcommand &s) { return s.name == positional[0]; });
    if (found == subcommands().end())
        return usage(QStringLiteral("unknown subcommand '%1'").arg(positional[0]));
    const Subcommand &sub = *found;
    if (positional.size() - 1 != sub.arguments)
        return usage(QStringLiteral("%1 takes %2")
                         .arg(sub.name, sub.argumentNames.isEmpty() ? QStringLiteral("no arguments")
                                                                    : sub.argumentNames));
    for (const QString &option :
         {versionAt.names()[0], statusOption.names()[0], seedOption.names()[0]}) {
        if (parser.isSet(option) && !sub.options.contains(option))
            return usage(QStringLiteral("--%1 does not apply to %2").arg(option, sub.name));
    }

    // Check every argument before touching the database.
    std::optional<qint64> atVersion;
    if (parser.isSet(versionAt)) {
        auto v = wholeNumber(parser.value(versionAt), QStringLiteral("--at-version"), 1,
                             std::numeric_limits<qint64>::max());
        if (!v)
            return fail(v.error());
        atVersion = v.value();
    }
    std::optional<OrderStatus> status;
    if (parser.isSet(statusOption)) {
        status = orderStatusFromName(parser.value(statusOption));
        if (!status)
            return usage(QStringLiteral("unknown status '%1' (expected one of %2)")
                             .arg(parser.value(statusOption),
                                  orderStatusNames().join(QStringLiteral(", "))));
    }
    int demoCount = 0;
    quint32 demoSeed = 1;
    if (sub.name == QLatin1String("demo-data")) {
        auto count = wholeNumber(positional[1], QStringLiteral("N"), 1, 1'000'000);
        if (!count)
            return fail(count.error());
        demoCount = int(count.value());
        if (parser.isSet(seedOption)) {
            auto seed =
                wholeNumber(parser.value(seedOption), QStringLiteral("--seed"), 0, 0xffffffffLL);
            if (!seed)
                return fail(seed.error());
            demoSeed = quint32(seed.value());
        }
    }
    const QString user = OrderService::systemUserName();
    std::optional<Command> command;
    if (sub.name == QLatin1String("command")) {
        auto body = readBody(positional[2]);
        if (!body)
            return fail(body.error());
        auto parsed =
            OrderService::parseCommand(positional[1], body.value(), user, IdGenerator::system());
        if (!parsed)
            return fail(parsed.error());
        command = parsed.value();
    }

    const bool explicitDb = parser.isSet(dbOption);
    auto url =
        explicitDb ? DatabaseUrl::parse(parser.value(dbOption)) : DatabaseUrl::fromEnvironment();
    if (!url)
        return fail(url.error());
    if (sub.writes && !explicitDb && qEnvironmentVariableIsEmpty("ORDERTRAIL_DB"))
        QDir().mkpath(QFileInfo(url->path).absolutePath());

    auto service = OrderService::open(url.value(), sub.writes ? OpenMode::CreateIfMissing
                                                              : OpenMode::ExistingOnly);
    if (!service)
        return fail(service.error());
    OrderService &orders = *service.value();

    if (sub.name == QLatin1String("command")) {
        auto events = orders.execute(*command);
        if (!events)
            return fail(events.error());
        print(QJsonObject{{QStringLiteral("events"), eventsJson(events.value())}});
    } else if (sub.name == QLatin1String("show")) {
        auto order = orders.order(positional[1], atVersion);
        if (!order)
            return fail(order.error());
        print(order.value()->toJson());
    } else if (sub.name == QLatin1String("history")) {
        auto events = orders.history(positional[1]);
        if (!events)
            return fail(events.error());
        print(eventsJson(events.value()));
    } else if (sub.name == QLatin1String("orders")) {
        auto list = orders.orders(status);
        if (!list)
            return fail(list.error());
        QJsonArray array;
        for (const OrderSummary &summary : list.value())
            array.append(summary.toJson());
        print(array);
    } else if (sub.name == QLatin1String("verify")) {
        auto report = orders.verify();
        if (!report)
            return fail(report.error());
        print(report->toJson());
        return report->intact() ? Ok : Tampered;
    } else if (sub.name == QLatin1String("rebuild-projections")) {
        auto rebuilt = orders.rebuildProjections();
        if (!rebuilt)
            return fail(rebuilt.error());
        print(QJsonObject{{QStringLiteral("rebuilt"), rebuilt.value()}});
    } else if (sub.name == QLatin1String("demo-data")) {
        auto created = orders.addDemoOrders(demoCount, demoSeed, user);
        if (!created)
            return fail(created.error());
        print(QJsonObject{{QStringLiteral("created"), created.value()}});
    }
    return Ok;
}

} // namespace ot::cli
