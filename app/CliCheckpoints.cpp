// The subcommands of checkpoints: keys to sign them with, plain and signed checkpoints, the
// ledger, and the verify that checks the history against them.

#include "Cli.h"
#include "CliOutput.h"
#include "CliSubcommands.h"
#include "audit/CheckpointLedger.h"
#include "audit/Signing.h"
#include "service/Json.h"
#include "service/OrderService.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QThread>

namespace ot::cli {

namespace {

// How often a checkpoint job looks whether one is due.
constexpr unsigned long PollMs = 1000;

// A checkpoint as given: its text, or the first line of the file it names.
Result<QString> checkpointText(const QString &given) {
    QFile file(given);
    if (!given.startsWith(QLatin1String("ot")) && file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return Error::invalid(
                QStringLiteral("cannot read %1: %2").arg(given, file.errorString()));
        return QString::fromUtf8(file.read(4096)).section(u'\n', 0, 0).trimmed();
    }
    return given;
}

QJsonObject signedJson(const SignedCheckpoint &checkpoint) {
    return {{QStringLiteral("checkpoint"), checkpoint.toString()},
            {QStringLiteral("takenAt"), isoTimestamp(checkpoint.takenAt)},
            {QStringLiteral("streams"), checkpoint.checkpoint.streams},
            {QStringLiteral("events"), checkpoint.checkpoint.events},
            {QStringLiteral("signer"), QString::fromLatin1(checkpoint.signer)}};
}

// Records a signed checkpoint whenever `everyEvents` events were added since the last one, or
// `everyHours` passed; runs until the process is stopped (each checkpoint is recorded whole or
// not at all). Events are counted by global position (the newest, an index lookup): counting
// rows would scan the whole table every poll.
int checkpointJob(OrderService &orders, const SigningKey &key, std::optional<qint64> everyEvents,
                  std::optional<qint64> everyHours) {
    const QString user = OrderService::systemUserName();
    const QByteArray fingerprint = key.publicKey().fingerprint();
    // Where the last checkpoint stands: its own record in the ledger.
    std::optional<qint64> lastPosition, lastTakenAt;
    if (auto ledger = orders.streamHistory(CheckpointWord::Type, CheckpointWord::Ledger)) {
        lastPosition = ledger->last().position;
        if (auto last = CheckpointLedger::recorded(ledger->last()))
            lastTakenAt = last->takenAt;
    } else if (ledger.error().code != ErrorCode::NotFound) {
        return fail(ledger.error());
    }
    for (;;) {
        auto newest = orders.eventFrontier();
        if (!newest)
            return fail(newest.error());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const bool due = !lastPosition ||
                         (everyEvents && newest->position - *lastPosition >= *everyEvents) ||
                         (everyHours && now - lastTakenAt.value_or(0) >= *everyHours * 3600 * 1000);
        if (due) {
            auto recorded = orders.recordCheckpoint(key, user);
            if (auto logged = logAccess(orders, AccessRecord::checkpoint(recorded, fingerprint));
                !logged)
                return fail(logged.error());
            if (!recorded)
                return fail(recorded.error());
            print(signedJson(recorded.value()));
            auto after = orders.eventFrontier(); // past its own record
            if (!after)
                return fail(after.error());
            lastPosition = after->position;
            lastTakenAt = recorded->takenAt;
        }
        QThread::msleep(PollMs);
    }
}

} // namespace

Result<CheckpointOptions> checkpointOptions(const Arguments &args) {
    CheckpointOptions options;
    const auto given = args.given(option::Checkpoint);
    const auto keyFile = args.given(option::PublicKey);
    if (given) {
        auto text = checkpointText(*given);
        if (!text)
            return text.error();
        if (text->startsWith(QLatin1String("ot2:"))) {
            if (!keyFile)
                return usageError(QStringLiteral("a signed checkpoint is checked against the "
                                                 "signer's key: add --public-key FILE"));
            auto parsed = SignedCheckpoint::parse(text.value());
            if (!parsed)
                return parsed.error();
            auto key = PublicKey::load(*keyFile);
            if (!key)
                return key.error();
            options.anchor = SignedAnchor{parsed.value(), key.value()};
        } else {
            auto parsed = Checkpoint::parse(text.value());
            if (!parsed)
                return parsed.error();
            options.plain = parsed.value();
        }
    }
    if (keyFile && !options.anchor)
        return usageError(QStringLiteral("--public-key checks a signed checkpoint: add "
                                         "--checkpoint with one (ot2:…)"));
    return options;
}

Result<Action> verifyAction(const Arguments &args) {
    auto checkpoints = checkpointOptions(args);
    if (!checkpoints)
        return checkpoints.error();
    const auto depth =
        args.isSet(option::Fast) ? OrderService::Verify::Links : OrderService::Verify::Deep;
    return withOrders(
        OpenMode::ExistingOnly, [checkpoints = checkpoints.value(), depth](OrderService &orders) {
            auto report = orders.verify(depth, {}, checkpoints.plain, checkpoints.anchor);
            const auto access = AccessRecord::verify(depth == OrderService::Verify::Deep,
                                                     checkpoints.plain, checkpoints.anchor, report);
            if (auto logged = logAccess(orders, access); !logged)
                return fail(logged.error());
            if (!report)
                return fail(report.error());
            print(json::verifyReport(report.value()));
            return int(report->intact() ? Ok : Tampered);
        });
}

Result<Action> checkpointAction(const Arguments &args) {
    const auto keyFile = args.given(option::Sign);
    std::optional<qint64> everyEvents, everyHours;
    for (const auto &[option, value] : {std::pair{&option::EveryEvents, &everyEvents},
                                        std::pair{&option::EveryHours, &everyHours}}) {
        if (const auto text = args.given(*option)) {
            auto n = wholeNumber(*text, QStringLiteral("--%1").arg(QLatin1String(option->name)), 1,
                                 1'000'000'000);
            if (!n)
                return n.error();
            *value = n.value();
        }
    }
    if ((everyEvents || everyHours) && !keyFile)
        return usageError(QStringLiteral("a checkpoint job records signed checkpoints: add "
                                         "--sign KEYFILE"));
    std::optional<SigningKey> key;
    if (keyFile) {
        auto loaded = SigningKey::load(*keyFile);
        if (!loaded)
            return loaded.error();
        key = loaded.value();
    }
    return withOrders(OpenMode::ExistingOnly, [key, everyEvents, everyHours](OrderService &orders) {
        if (everyEvents || everyHours)
            return checkpointJob(orders, *key, everyEvents, everyHours);
        if (key) {
            auto recorded = orders.recordCheckpoint(*key, OrderService::systemUserName());
            if (auto logged = logAccess(
                    orders, AccessRecord::checkpoint(recorded, key->publicKey().fingerprint()));
                !logged)
                return fail(logged.error());
            if (!recorded)
                return fail(recorded.error());
            print(signedJson(recorded.value()));
            return int(Ok);
        }
        auto checkpoint = orders.checkpoint();
        if (auto logged = logAccess(orders, AccessRecord::checkpoint(checkpoint)); !logged)
            return fail(logged.error());
        if (!checkpoint)
            return fail(checkpoint.error());
        print(json::checkpoint(checkpoint.value()));
        return int(Ok);
    });
}

Result<Action> checkpointsAction(const Arguments &) {
    return withOrders(OpenMode::ExistingOnly, [](OrderService &orders) {
        auto ledger = orders.checkpointLedger();
        if (!ledger)
            return fail(ledger.error());
        QJsonArray list;
        for (const SignedCheckpoint &checkpoint : std::as_const(ledger.value()))
            list.append(signedJson(checkpoint));
        print({{QStringLiteral("checkpoints"), list}});
        return int(Ok);
    });
}

Result<Action> keygenAction(const Arguments &args) {
    return Action([path = args.positional(0)](const DatabaseUrl &) {
        auto key = SigningKey::generate();
        if (!key)
            return fail(key.error());
        if (auto saved = key->save(path); !saved)
            return fail(saved.error());
        print(
            {{QStringLiteral("privateKey"), path},
             {QStringLiteral("publicKey"), QString(path + QStringLiteral(".pub"))},
             {QStringLiteral("fingerprint"), QString::fromLatin1(key->publicKey().fingerprint())}});
        return int(Ok);
    });
}

} // namespace ot::cli
