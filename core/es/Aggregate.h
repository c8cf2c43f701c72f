#pragma once

#include "Command.h"
#include "DomainEvent.h"
#include "Result.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace ot {

class Clock;
class IdGenerator;
class Keyring;

// Base of every aggregate: state is only ever changed by apply(), both when history is replayed
// and when handle() raises a new event, so replay and command handling cannot drift apart.
class Aggregate {
public:
    Aggregate(QString type, QString id);
    virtual ~Aggregate() = default;
    Aggregate(const Aggregate &) = delete;
    Aggregate &operator=(const Aggregate &) = delete;

    // The stream's type name, stored with every event; explicit so renaming a class never
    // orphans stored streams.
    const QString &type() const { return m_type; }
    const QString &id() const { return m_id; }
    qint64 version() const { return m_version; }
    bool exists() const { return m_version > 0; }

    // Metadata of the first and the latest applied event (0 / empty before any).
    qint64 createdAt() const { return m_createdAt; }
    qint64 updatedAt() const { return m_updatedAt; }
    const QString &lastUserId() const { return m_lastUserId; }

    void loadFromHistory(const QList<DomainEvent> &history);

    // Whether apply() knows this event: its type, at a schema version no newer than the code
    // writes. An event it does not know (from a newer version or another program) must stop a
    // load rather than be skipped, which would give a state that is silently wrong. Aggregates
    // that do not list their events accept every one.
    virtual bool understands(const DomainEvent &event) const {
        Q_UNUSED(event);
        return true;
    }

    // Snapshots let a long stream load from a saved state plus the events after it. The
    // aggregate names the shape of its saved state with snapshotVersion() (0: it takes none)
    // and must change that number whenever the shape or meaning of the state changes: a
    // snapshot of another version is ignored, and a new one is written from the events.
    // The saved state holds no stream metadata (times, user): where the server stamps those,
    // the writer does not know them, so the loader takes them from the events.
    virtual int snapshotVersion() const { return 0; }
    QJsonObject snapshot() const { return saveState(); }
    // The state in the shape of an earlier snapshotVersion(), where the aggregate still knows
    // it: an event stored then commits to the digest of that shape, which a deep check can
    // then still compare.
    virtual std::optional<QJsonObject> snapshotAs(int shape) const {
        return shape == snapshotVersion() ? std::optional(saveState()) : std::nullopt;
    }
    // Restores a state saved by snapshot() at the same snapshotVersion(), as it was after the
    // event `last` (whose version, time and user it takes; `createdAt` is the first event's
    // time). False when it does not fit, and the aggregate is then unchanged.
    bool restore(const QJsonObject &state, const DomainEvent &last, qint64 createdAt);

    // Whether the rules would have raised `event` (already upcast) in the current state, as
    // the command that records it checks before it raises it: a deep check of stored history
    // asks this of every event before applying it. Aggregates without rules admit every one.
    virtual Result<void> admit(const DomainEvent &event) const {
        Q_UNUSED(event);
        return {};
    }

    // Personal data (es/Sealed.h) is held sealed, as stored. A reader that shows a state asks
    // for the subjects whose keys it needs, and then has it opened in place (a key that is
    // missing erases): the state is then for showing only, never for commands.
    virtual QSet<QString> personalDataSubjects() const { return {}; }
    virtual void revealPersonalData(const QHash<QString, QByteArray> &keys) { Q_UNUSED(keys); }

    // Runs handle(); on success the raised events are in uncommittedEvents(), stamped with the
    // command's user, correlation and causation, a new id each and the clock's time.
    // `keys` is where seal() finds the keys of personal data (Sealed.h).
    Result<void> execute(const Command &command, const Clock &clock, IdGenerator &ids,
                         Keyring *keys = nullptr);
    const QList<DomainEvent> &uncommittedEvents() const { return m_uncommitted; }
    // The subjects whose keys the uncommitted events destroy (forgetSubject()): the store
    // destroys them in the same transaction as it appends the events.
    const QStringList &subjectsForgotten() const { return m_forgotten; }
    // The uncommitted events were stored as `stored`, with what the store stamped on them
    // (PostgreSQL records its own clock and login): the state takes those stamps.
    void markCommitted(const QList<DomainEvent> &stored);

protected:
    virtual Result<void> handle(const Command &command) = 0;
    virtual void apply(const DomainEvent &event) = 0;
    void raise(const QString &eventType, const QJsonObject &data, int schemaVersion = 1);
    // Inside handle(): `value` sealed under `subject`'s key. Without `makeKey`, a subject that
    // has no key (its data was erased) is refused rather than given a new one.
    Result<QJsonValue> seal(const QString &subject, const QJsonValue &value, bool makeKey = true);
    // Inside handle(): the events raised destroy `subject`'s key when they are stored.
    void forgetSubject(const QString &subject);
    virtual QJsonObject saveState() const { return {}; }
    virtual bool restoreState(const QJsonObject &state) {
        Q_UNUSED(state);
        return false;
    }

private:
    void applyAndTrack(const DomainEvent &event);

    QString m_type;
    QString m_id;
    qint64 m_version = 0;
    qint64 m_createdAt = 0;
    qint64 m_updatedAt = 0;
    QString m_lastUserId;
    QList<DomainEvent> m_uncommitted;
    QStringList m_forgotten;

    // Valid only during execute(): what raise() stamps onto new events.
    const Command *m_command = nullptr;
    const Clock *m_clock = nullptr;
    IdGenerator *m_ids = nullptr;
    Keyring *m_keys = nullptr;
};

} // namespace ot
