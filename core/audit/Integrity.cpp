#include "Integrity.h"

#include "es/EventHash.h"
#include "es/EventStore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ot {

namespace {

QString kindName(IntegrityProblem::Kind kind) {
    switch (kind) {
    case IntegrityProblem::Kind::Altered:
        return QStringLiteral("altered");
    case IntegrityProblem::Kind::Missing:
        return QStringLiteral("missing");
    case IntegrityProblem::Kind::Reordered:
        return QStringLiteral("reordered");
    case IntegrityProblem::Kind::Checkpoint:
        return QStringLiteral("checkpoint");
    }
    return {};
}

// The canonical form of the data column as stored; bytes that are not a JSON object are
// hashed as they are, so they can never match.
QByteArray canonicalStoredData(const QByteArray &stored) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(stored, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return stored;
    return canonicalJson(doc.object());
}

} // namespace

QJsonObject IntegrityProblem::toJson() const {
    QJsonObject json{{QStringLiteral("problem"), kindName(kind)},
                     {QStringLiteral("aggregateType"), aggregateType},
                     {QStringLiteral("aggregateId"), aggregateId},
                     {QStringLiteral("version"), version},
                     {QStringLiteral("detail"), detail}};
    if (position > 0)
        json.insert(QStringLiteral("position"), position);
    if (!eventId.isEmpty())
        json.insert(QStringLiteral("eventId"), eventId);
    return json;
}

QJsonObject IntegrityReport::toJson() const {
    QJsonArray list;
    for (const IntegrityProblem &p : problems)
        list.append(p.toJson());
    return {{QStringLiteral("intact"), intact()},
            {QStringLiteral("cancelled"), cancelled},
            {QStringLiteral("eventsChecked"), eventsChecked},
            {QStringLiteral("streamsChecked"), streamsChecked},
            {QStringLiteral("problems"), list}};
}

Result<IntegrityReport> verifyHistory(EventStore &store, const IntegrityProgress &progress,
                                      const std::optional<Checkpoint> &checkpoint) {
    auto total = store.count({});
    if (!total)
        return total.error();

    IntegrityReport report;
    QString streamType;
    QString streamId;
    qint64 previousVersion = 0;
    qint64 previousPosition = 0;
    QByteArray previousHash;

    auto scanned = store.scanStreams(
        EventStore::Shape::Stored, [&](const DomainEvent &event, const QByteArray &stored) {
            if (event.aggregateType != streamType || event.aggregateId != streamId) {
                streamType = event.aggregateType;
                streamId = event.aggregateId;
                previousVersion = 0;
                previousPosition = 0;
                previousHash.clear();
                ++report.streamsChecked;
            }
            const auto problem = [&](IntegrityProblem::Kind kind, qint64 version,
                                     const QString &detail) {
                report.problems.append({kind, event.aggregateType, event.aggregateId, version,
                                        event.position, event.id.toString(QUuid::WithoutBraces),
                                        detail});
            };
            const qint64 version = event.metadata.version;
            const bool gap = version != previousVersion + 1;
            if (gap) {
                problem(IntegrityProblem::Kind::Missing, previousVersion + 1,
                        version - 1 == previousVersion + 1
                            ? QStringLiteral("version %1 is missing").arg(previousVersion + 1)
                            : QStringLiteral("versions %1 to %2 are missing")
                                  .arg(previousVersion + 1)
                                  .arg(version - 1));
            }
            if (event.position < previousPosition) {
                problem(IntegrityProblem::Kind::Reordered, version,
                        QStringLiteral("version %1 is stored before version %2 (position %3 < %4)")
                            .arg(version)
                            .arg(previousVersion)
                            .arg(event.position)
                            .arg(previousPosition));
            }
            // After a gap the link cannot match; the gap is what is reported.
            // The data is stored in canonical form, so it is hashed as it is; only a mismatch is
            // worth parsing it for (a backend that reformats stored text would need that).
            if (!gap && chainHash(previousHash, event, stored) != event.hash &&
                chainHash(previousHash, event, canonicalStoredData(stored)) != event.hash) {
                problem(IntegrityProblem::Kind::Altered, version,
                        QStringLiteral("version %1 (%2) does not match its hash: this event or "
                                       "the hash of the one before it was changed")
                            .arg(version)
                            .arg(event.type));
            }
            previousVersion = version;
            previousPosition = event.position;
            previousHash = event.hash;
            ++report.eventsChecked;
            if (progress && report.eventsChecked % 1000 == 0 &&
                !progress(report.eventsChecked, total.value())) {
                report.cancelled = true;
                return false;
            }
            return true;
        });
    if (!scanned)
        return scanned.error();
    if (checkpoint && !report.cancelled) {
        auto now = checkpointAt(store, checkpoint->boundary);
        if (!now)
            return now.error();
        if (now->digest != checkpoint->digest)
            report.problems.append(
                {IntegrityProblem::Kind::Checkpoint,
                 {},
                 {},
                 0,
                 0,
                 {},
                 QStringLiteral("the history up to the checkpoint was changed, removed or cut off: "
                                "then %1 events in %2 streams, now %3 events in %4 streams up to "
                                "that point")
                     .arg(checkpoint->events)
                     .arg(checkpoint->streams)
                     .arg(now->events)
                     .arg(now->streams)});
    }
    if (progress && !report.cancelled)
        progress(report.eventsChecked, total.value());
    return report;
}

} // namespace ot
