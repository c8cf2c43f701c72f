#pragma once

#include "Checkpoint.h"
#include "Integrity.h"
#include "es/Aggregate.h"
#include "es/EventQuery.h"

#include <QMap>

namespace ot {

// The words of the access log, spelled once.
namespace AccessWord {
extern const QString Type;     // "AccessLog": the log's stream type
extern const QString Log;      // "log": its one stream's id
extern const QString Record;   // "RecordAccess"
extern const QString Recorded; // "AccessRecorded"
// The fields of both (see AccessRecord).
extern const QString Action;
extern const QString Outcome;
extern const QString Scope;
extern const QString Events;
extern const QString Digest;
extern const QString Detail;
} // namespace AccessWord

// What was done to history that took it, or part of it, out of the database or judged it.
enum class AccessAction { CsvExport, PdfReport, OrderPrint, Verify, Checkpoint };
enum class AccessOutcome { Done, Failed, Cancelled };

QString accessActionName(AccessAction action);
QString accessOutcomeName(AccessOutcome outcome);

// One entry of the access log; who and when are the event's (on PostgreSQL the login and the
// server's clock).
struct AccessRecord {
    AccessAction action = AccessAction::CsvExport;
    AccessOutcome outcome = AccessOutcome::Done;
    // What was asked: the filter's fields by name, an order and its version, the checkpoint.
    QMap<QString, QString> scope;
    qint64 events = 0; // how many events it covered
    QByteArray digest; // SHA-256 (hex) of the file handed over, when there is one
    QString detail;    // why it failed, what it found

    // The scope of a filter. The text searched for is kept as its SHA-256 only: the log is
    // never erased, and words typed into a search may be a person's name; who asks whether
    // someone searched for given words can hash them and compare.
    static QMap<QString, QString> scopeOf(const EventFilter &filter);
    // The records of the actions, however they ended (a file's digest is read from `path`).
    static AccessRecord csvExport(const EventFilter &filter, const Result<qint64> &written,
                                  const QString &path);
    static AccessRecord verify(bool deep, const std::optional<Checkpoint> &plain,
                               const std::optional<SignedAnchor> &anchor,
                               const Result<IntegrityReport> &report);
    // A plain checkpoint taken, or a signed one by the key of fingerprint `signer`.
    static AccessRecord checkpoint(const Result<Checkpoint> &taken);
    static AccessRecord checkpoint(const Result<SignedCheckpoint> &taken, const QByteArray &signer);

    // What the action was checked against, in the scope.
    void checkedAgainst(const std::optional<Checkpoint> &plain,
                        const std::optional<SignedAnchor> &anchor);
    // The action ended with `error`: cancelled (as the long actions say it) or failed.
    void endedWith(const Error &error);

    static Result<AccessRecord> fromData(const QJsonObject &data);
    QJsonObject toData() const;
};

// The access log: one stream in the event store, so it is hash-chained, append-only and
// covered by checkpoints like every other. Its rule is the shape of a record; a deep check
// replays the log through it. It keeps no state, only a snapshot mark so that recording never
// replays more than a hundred entries.
class AccessLog final : public Aggregate {
public:
    explicit AccessLog(QString id);

    bool understands(const DomainEvent &event) const override;
    Result<void> admit(const DomainEvent &event) const override;
    int snapshotVersion() const override { return 1; }

protected:
    Result<void> handle(const Command &command) override;
    void apply(const DomainEvent &) override {}
    bool restoreState(const QJsonObject &state) override { return state.isEmpty(); }
};

} // namespace ot
