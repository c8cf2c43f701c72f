#include "AccessLog.h"

#include "es/Sha256.h"
#include "orders/OrderAggregate.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace ot {

namespace AccessWord {
const QString Type = QStringLiteral("AccessLog");
const QString Log = QStringLiteral("log");
const QString Record = QStringLiteral("RecordAccess");
const QString Recorded = QStringLiteral("AccessRecorded");
const QString Action = QStringLiteral("action");
const QString Outcome = QStringLiteral("outcome");
const QString Scope = QStringLiteral("scope");
const QString Events = QStringLiteral("events");
const QString Digest = QStringLiteral("digest");
const QString Detail = QStringLiteral("detail");
} // namespace AccessWord

namespace {

// The keys a record's scope may have.
const QStringList ScopeKeys{
    QStringLiteral("user"),       QStringLiteral("type"),        QStringLiteral("order"),
    QStringLiteral("customer"),   QStringLiteral("correlation"), QStringLiteral("from"),
    QStringLiteral("to"),         QStringLiteral("text"),        QStringLiteral("version"),
    QStringLiteral("checkpoint"), QStringLiteral("signer"),      QStringLiteral("depth")};

constexpr AccessAction Actions[] = {AccessAction::CsvExport, AccessAction::PdfReport,
                                    AccessAction::OrderPrint, AccessAction::Verify,
                                    AccessAction::Checkpoint};
constexpr AccessOutcome Outcomes[] = {AccessOutcome::Done, AccessOutcome::Failed,
                                      AccessOutcome::Cancelled};
constexpr qsizetype MaxScopeValue = 1000;
constexpr qsizetype MaxDetail = 4000;
constexpr double MaxEvents = 9007199254740992.0; // 2^53: every whole number a JSON number holds

Error malformed(const QString &what) {
    return Error::invalid(QStringLiteral("an access record %1").arg(what));
}

} // namespace

QString accessActionName(AccessAction action) {
    switch (action) {
    case AccessAction::CsvExport:
        return QStringLiteral("csv-export");
    case AccessAction::PdfReport:
        return QStringLiteral("pdf-report");
    case AccessAction::OrderPrint:
        return QStringLiteral("order-print");
    case AccessAction::Verify:
        return QStringLiteral("verify");
    case AccessAction::Checkpoint:
        return QStringLiteral("checkpoint");
    }
    return {};
}

QString accessOutcomeName(AccessOutcome outcome) {
    switch (outcome) {
    case AccessOutcome::Done:
        return QStringLiteral("done");
    case AccessOutcome::Failed:
        return QStringLiteral("failed");
    case AccessOutcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QMap<QString, QString> AccessRecord::scopeOf(const EventFilter &filter) {
    QMap<QString, QString> scope;
    const auto put = [&](const char *key, const QString &value) {
        if (!value.isEmpty())
            scope.insert(QLatin1String(key), value.left(MaxScopeValue));
    };
    put("user", filter.userId);
    put("type", filter.eventType);
    if (filter.aggregateType == OrderAggregate::Type)
        put("order", filter.aggregateId);
    put("customer", filter.relatedId);
    put("correlation", filter.correlationId);
    if (filter.fromMs)
        put("from", isoTimestamp(*filter.fromMs));
    if (filter.toMs)
        put("to", isoTimestamp(*filter.toMs));
    if (!filter.text.isEmpty())
        put("text", QStringLiteral("sha256:") +
                        QString::fromLatin1(Sha256::hash(filter.text.toUtf8()).toHex()));
    return scope;
}

void AccessRecord::checkedAgainst(const std::optional<Checkpoint> &plain,
                                  const std::optional<SignedAnchor> &anchor) {
    if (plain)
        scope.insert(QStringLiteral("checkpoint"), plain->toString());
    if (anchor) {
        scope.insert(QStringLiteral("checkpoint"), anchor->checkpoint.toString());
        scope.insert(QStringLiteral("signer"), QString::fromLatin1(anchor->key.fingerprint()));
    }
}

void AccessRecord::endedWith(const Error &error) {
    const bool cancelled =
        error.code == ErrorCode::Invalid && error.message == QLatin1String("cancelled");
    outcome = cancelled ? AccessOutcome::Cancelled : AccessOutcome::Failed;
    detail = cancelled ? QString() : error.message.left(MaxDetail);
}

AccessRecord AccessRecord::csvExport(const EventFilter &filter, const Result<qint64> &written,
                                     const QString &path) {
    AccessRecord record{AccessAction::CsvExport, AccessOutcome::Done, scopeOf(filter), 0, {}, {}};
    if (written) {
        record.events = written.value();
        record.digest = Sha256::ofFile(path).toHex();
    } else {
        record.endedWith(written.error());
    }
    return record;
}

AccessRecord AccessRecord::verify(bool deep, const std::optional<Checkpoint> &plain,
                                  const std::optional<SignedAnchor> &anchor,
                                  const Result<IntegrityReport> &report) {
    AccessRecord record{
        AccessAction::Verify,
        AccessOutcome::Done,
        {{QStringLiteral("depth"), deep ? QStringLiteral("deep") : QStringLiteral("fast")}},
        0,
        {},
        {}};
    record.checkedAgainst(plain, anchor);
    if (!report) {
        record.endedWith(report.error());
        return record;
    }
    record.events = report->eventsChecked;
    if (report->cancelled)
        record.outcome = AccessOutcome::Cancelled;
    else
        record.detail = report->intact()
                            ? QStringLiteral("history intact")
                            : QStringLiteral("%1 problems found").arg(report->problems.size());
    return record;
}

AccessRecord AccessRecord::checkpoint(const Result<Checkpoint> &taken) {
    AccessRecord record{AccessAction::Checkpoint, AccessOutcome::Done, {}, 0, {}, {}};
    if (taken) {
        record.events = taken->events;
        record.detail = taken->toString();
    } else {
        record.endedWith(taken.error());
    }
    return record;
}

AccessRecord AccessRecord::checkpoint(const Result<SignedCheckpoint> &taken,
                                      const QByteArray &signer) {
    AccessRecord record{AccessAction::Checkpoint,
                        AccessOutcome::Done,
                        {{QStringLiteral("signer"), QString::fromLatin1(signer)}},
                        0,
                        {},
                        {}};
    if (taken) {
        record.events = taken->checkpoint.events;
        record.detail = taken->toString();
    } else {
        record.endedWith(taken.error());
    }
    return record;
}

QJsonObject AccessRecord::toData() const {
    QJsonObject scopeObject;
    for (auto it = scope.cbegin(); it != scope.cend(); ++it)
        scopeObject.insert(it.key(), it.value());
    return {{AccessWord::Action, accessActionName(action)},
            {AccessWord::Outcome, accessOutcomeName(outcome)},
            {AccessWord::Scope, scopeObject},
            {AccessWord::Events, double(events)},
            {AccessWord::Digest, QString::fromLatin1(digest)},
            {AccessWord::Detail, detail.left(MaxDetail)}};
}

Result<AccessRecord> AccessRecord::fromData(const QJsonObject &data) {
    static const QStringList fields{AccessWord::Action, AccessWord::Detail,  AccessWord::Digest,
                                    AccessWord::Events, AccessWord::Outcome, AccessWord::Scope};
    if (data.keys() != fields)
        return malformed(
            QStringLiteral("has the fields %1").arg(fields.join(QStringLiteral(", "))));
    AccessRecord record;
    const QString action = data.value(AccessWord::Action).toString();
    const auto *named = std::find_if(std::begin(Actions), std::end(Actions),
                                     [&](AccessAction a) { return accessActionName(a) == action; });
    if (named == std::end(Actions))
        return malformed(QStringLiteral("names no known action ('%1')").arg(action.left(60)));
    record.action = *named;
    const QString outcome = data.value(AccessWord::Outcome).toString();
    const auto *ended =
        std::find_if(std::begin(Outcomes), std::end(Outcomes),
                     [&](AccessOutcome o) { return accessOutcomeName(o) == outcome; });
    if (ended == std::end(Outcomes))
        return malformed(QStringLiteral("names no known outcome ('%1')").arg(outcome.left(60)));
    record.outcome = *ended;
    const QJsonValue scope = data.value(AccessWord::Scope);
    if (!scope.isObject())
        return malformed(QStringLiteral("has its scope as an object"));
    const QJsonObject scopeObject = scope.toObject();
    for (auto it = scopeObject.constBegin(); it != scopeObject.constEnd(); ++it) {
        if (!ScopeKeys.contains(it.key()) || !it.value().isString() ||
            it.value().toString().size() > MaxScopeValue)
            return malformed(QStringLiteral("has a scope of short texts named %1")
                                 .arg(ScopeKeys.join(QStringLiteral(", "))));
        record.scope.insert(it.key(), it.value().toString());
    }
    const QJsonValue events = data.value(AccessWord::Events);
    const double count = events.toDouble(-1);
    if (!events.isDouble() || count < 0 || count > MaxEvents || count != double(qint64(count)))
        return malformed(QStringLiteral("counts its events with a whole number"));
    record.events = qint64(count);
    static const QRegularExpression hex(QStringLiteral("^([0-9a-f]{64})?$"));
    const QJsonValue digest = data.value(AccessWord::Digest);
    if (!digest.isString() || !hex.match(digest.toString()).hasMatch())
        return malformed(QStringLiteral("has a digest of 64 hex digits, or none"));
    record.digest = digest.toString().toLatin1();
    const QJsonValue detail = data.value(AccessWord::Detail);
    if (!detail.isString() || detail.toString().size() > MaxDetail)
        return malformed(QStringLiteral("has a detail of at most %1 characters").arg(MaxDetail));
    record.detail = detail.toString();
    return record;
}

AccessLog::AccessLog(QString id)
    : Aggregate(AccessWord::Type, std::move(id)) {}

bool AccessLog::understands(const DomainEvent &event) const {
    return event.type == AccessWord::Recorded && event.schemaVersion == 1;
}

Result<void> AccessLog::admit(const DomainEvent &event) const {
    if (event.type != AccessWord::Recorded)
        return Error::rejected(
            QStringLiteral("'%1' is not an event of the access log").arg(event.type.left(100)));
    if (auto record = AccessRecord::fromData(event.data); !record)
        return record.error();
    return {};
}

Result<void> AccessLog::handle(const Command &command) {
    if (command.type != AccessWord::Record)
        return Error::invalid(QStringLiteral("unknown command type '%1' (expected %2)")
                                  .arg(command.type.left(100), AccessWord::Record));
    auto record = AccessRecord::fromData(command.data);
    if (!record)
        return record.error();
    raise(AccessWord::Recorded, record->toData());
    return {};
}

} // namespace ot
