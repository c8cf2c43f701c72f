// The subcommands that change and read orders.

#include "Cli.h"
#include "CliOutput.h"
#include "CliSubcommands.h"
#include "es/Clock.h"
#include "es/Command.h"
#include "service/Json.h"
#include "service/OrderService.h"

#include <QFile>
#include <QJsonDocument>

#include <optional>
#include <poll.h>
#include <unistd.h>

namespace ot::cli {

namespace {

// Standard input a line at a time, each handed out as soon as it has arrived, so a script can
// send a command and read its answer before it sends the next.
class InputLines {
public:
    bool open() { return m_in.open(stdin, QIODevice::ReadOnly | QIODevice::Unbuffered); }
    qint64 number() const { return m_number; }
    // Whether more input can be read at once, without waiting for someone to type it.
    static bool moreWaiting() {
        pollfd in{STDIN_FILENO, POLLIN, 0};
        return ::poll(&in, 1, 0) > 0;
    }

    // The next line without its line break; nullopt at the end of the input. A line over
    // 16 MiB is read to its end (memory stays bounded) and refused.
    std::optional<Result<QByteArray>> next() {
        QByteArray line;
        bool tooLong = false;
        for (;;) {
            const QByteArray chunk = m_in.readLine(qint64(64) * 1024);
            if (chunk.isEmpty()) {
                if (line.isEmpty() && !tooLong)
                    return std::nullopt;
                break;
            }
            if (!tooLong)
                line += chunk;
            if (line.size() > MaxInputBytes + 2) {
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
    return OrderService::parseCommand(OrderAggregate::Type, orderId.toString(),
                                      QJsonDocument(body).toJson(QJsonDocument::Compact),
                                      OrderService::systemUserName(), IdGenerator::system());
}

// Each line is its own command; a failed one does not stop the rest. The lines already waiting
// (a file, a fast pipe) run as one group that shares a commit (OrderService::executeGroup); a
// line typed by hand runs as soon as it is complete.
int runEachLine(OrderService &orders) {
    InputLines lines;
    if (!lines.open())
        return fail(Error::invalid(QStringLiteral("cannot read standard input")));
    struct Line {
        qint64 number;
        Result<Command> command;
    };
    int status = Ok;
    for (bool ended = false; !ended;) {
        QList<Line> group;
        QList<Command> commands;
        while (group.size() < OrderService::MaxGroup) {
            const auto line = lines.next();
            if (!line) {
                ended = true;
                break;
            }
            if (!line->ok() || !line->value().trimmed().isEmpty()) {
                group.append({lines.number(), line->ok() ? batchCommand(line->value())
                                                         : Result<Command>(line->error())});
                if (group.back().command)
                    commands.append(group.back().command.value());
            }
            if (!lines.moreWaiting())
                break;
        }
        const auto outcomes =
            commands.isEmpty()
                ? Result<QList<OrderService::Outcome>>(QList<OrderService::Outcome>())
                : orders.executeGroup(commands);
        qsizetype next = 0;
        for (const Line &line : group) {
            const OrderService::Outcome events =
                !line.command ? OrderService::Outcome(line.command.error())
                : outcomes    ? outcomes->at(next++)
                              : OrderService::Outcome(outcomes.error());
            if (events) {
                print(json::events(events.value()));
                continue;
            }
            const int code = fail(onLine(events.error(), line.number));
            if (status == Ok)
                status = code;
        }
    }
    return status;
}

} // namespace

Result<Action> commandAction(const Arguments &args) {
    return issueAction(OrderAggregate::Type, args);
}

Result<Action> batchAction(const Arguments &args) {
    if (!args.isSet(option::Atomic))
        return withOrders(OpenMode::CreateIfMissing, runEachLine);
    // All or nothing: every line is read and checked before the database is opened, and the
    // commands run in one transaction.
    InputLines lines;
    if (!lines.open())
        return Error::invalid(QStringLiteral("cannot read standard input"));
    QList<Command> commands;
    QList<qint64> lineNumbers;
    while (const auto line = lines.next()) {
        if (!line->ok())
            return onLine(line->error(), lines.number());
        if (line->value().trimmed().isEmpty())
            continue;
        auto command = batchCommand(line->value());
        if (!command)
            return onLine(command.error(), lines.number());
        commands.append(command.value());
        lineNumbers.append(lines.number());
    }
    return withOrders(OpenMode::CreateIfMissing, [commands, lineNumbers](OrderService &orders) {
        qsizetype failedAt = -1;
        auto applied = orders.executeAtomically(commands, &failedAt);
        if (!applied)
            // Not at a command when the transaction itself failed to begin or commit.
            return fail(failedAt < 0 ? applied.error()
                                     : onLine(applied.error(), lineNumbers.at(failedAt)));
        for (const QList<DomainEvent> &events : applied.value())
            print(json::events(events));
        return int(Ok);
    });
}

Result<std::optional<qint64>> atVersionOption(const Arguments &args) {
    const auto text = args.given(option::AtVersion);
    if (!text)
        return std::optional<qint64>();
    auto version = json::version(*text, QStringLiteral("--at-version"));
    if (!version)
        return version.error();
    return std::optional<qint64>(version.value());
}

Result<Action> showAction(const Arguments &args) {
    auto atVersion = atVersionOption(args);
    if (!atVersion)
        return atVersion.error();
    return withOrders(
        OpenMode::ExistingOnly,
        [id = args.positional(0), atVersion = atVersion.value()](OrderService &orders) {
            auto order = orders.order(id, atVersion);
            if (!order)
                return fail(order.error());
            print(json::order(*order.value()));
            return int(Ok);
        });
}

Result<Action> historyAction(const Arguments &args) {
    return withOrders(OpenMode::ExistingOnly, [id = args.positional(0)](OrderService &orders) {
        auto events = orders.history(id);
        if (!events)
            return fail(events.error());
        print(json::events(events.value()));
        return int(Ok);
    });
}

Result<Action> ordersAction(const Arguments &args) {
    auto status = json::status(args.given(option::Status));
    if (!status)
        return status.error();
    return withOrders(OpenMode::ExistingOnly, [status = status.value()](OrderService &orders) {
        auto list = orders.orders(status);
        if (!list)
            return fail(list.error());
        print(json::orders(list.value()));
        return int(Ok);
    });
}

Result<Action> rebuildAction(const Arguments &) {
    return withOrders(OpenMode::ExistingOnly, [](OrderService &orders) {
        auto rebuilt = orders.rebuildProjections();
        if (!rebuilt)
            return fail(rebuilt.error());
        print({{QStringLiteral("rebuilt"), rebuilt.value()}});
        return int(Ok);
    });
}

Result<Action> demoAction(const Arguments &args) {
    auto count = wholeNumber(args.positional(0), QStringLiteral("N"), 1, 1'000'000);
    if (!count)
        return count.error();
    quint32 seed = 1;
    if (const auto text = args.given(option::Seed)) {
        auto given = wholeNumber(*text, QStringLiteral("--seed"), 0, 0xffffffffLL);
        if (!given)
            return given.error();
        seed = quint32(given.value());
    }
    return withOrders(
        OpenMode::CreateIfMissing, [count = int(count.value()), seed](OrderService &orders) {
            auto created = orders.addDemoOrders(count, seed, OrderService::systemUserName());
            if (!created)
                return fail(created.error());
            print({{QStringLiteral("created"), created.value()}});
            return int(Ok);
        });
}

} // namespace ot::cli
