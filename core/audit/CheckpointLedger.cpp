#include "CheckpointLedger.h"

#include "store/EventStore.h"

#include <QDateTime>
#include <QJsonObject>

namespace ot {

namespace CheckpointWord {
const QString Type = QStringLiteral("Checkpoint");
const QString Ledger = QStringLiteral("ledger");
const QString Record = QStringLiteral("RecordCheckpoint");
const QString Recorded = QStringLiteral("CheckpointRecorded");
const QString Checkpoint = QStringLiteral("checkpoint");
const QString PublicKey = QStringLiteral("publicKey");
} // namespace CheckpointWord

namespace {

QString when(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

CheckpointLedger::CheckpointLedger(QString id)
    : Aggregate(CheckpointWord::Type, std::move(id)) {}

bool CheckpointLedger::understands(const DomainEvent &event) const {
    return event.type == CheckpointWord::Recorded && event.schemaVersion == 1;
}

Result<void> CheckpointLedger::admit(const DomainEvent &event) const {
    if (event.type != CheckpointWord::Recorded)
        return Error::rejected(QStringLiteral("'%1' is not an event of the checkpoint ledger")
                                   .arg(event.type.left(100)));
    return check(event.data);
}

Result<void> CheckpointLedger::handle(const Command &command) {
    if (command.type != CheckpointWord::Record)
        return Error::invalid(QStringLiteral("unknown command type '%1' (expected %2)")
                                  .arg(command.type.left(100), CheckpointWord::Record));
    if (auto ok = check(command.data); !ok)
        return ok;
    raise(CheckpointWord::Recorded, command.data);
    return {};
}

Result<void> CheckpointLedger::check(const QJsonObject &data) const {
    if (data.size() != 2 || !data.value(CheckpointWord::Checkpoint).isString() ||
        !data.value(CheckpointWord::PublicKey).isString())
        return Error::invalid(QStringLiteral("a checkpoint is recorded as {\"%1\", \"%2\"}")
                                  .arg(CheckpointWord::Checkpoint, CheckpointWord::PublicKey));
    auto checkpoint = SignedCheckpoint::parse(data.value(CheckpointWord::Checkpoint).toString());
    if (!checkpoint)
        return checkpoint.error();
    auto key = PublicKey::fromHex(data.value(CheckpointWord::PublicKey).toString().toLatin1());
    if (!key)
        return key.error();
    if (!checkpoint->signedBy(key.value()))
        return Error::rejected(QStringLiteral("the checkpoint taken %1 is not signed by the key "
                                              "it names: it was altered or forged")
                                   .arg(when(checkpoint->takenAt)));
    if (checkpoint->previous != m_lastDigest)
        return Error::rejected(
            m_lastDigest.isEmpty()
                ? QStringLiteral("the first checkpoint of the ledger links to another one: "
                                 "checkpoints before it were removed")
                : QStringLiteral("the checkpoint taken %1 does not link to the one recorded "
                                 "before it: one was dropped, reordered or altered")
                      .arg(when(checkpoint->takenAt)));
    return {};
}

Result<SignedCheckpoint> CheckpointLedger::recorded(const DomainEvent &event) {
    return SignedCheckpoint::parse(event.data.value(CheckpointWord::Checkpoint).toString());
}

void CheckpointLedger::apply(const DomainEvent &event) {
    if (auto checkpoint = recorded(event))
        m_lastDigest = checkpoint->digest();
}

Result<void> checkLedger(EventStore &store, const SignedAnchor &anchor,
                         QList<IntegrityProblem> &problems) {
    const auto problem = [&](qint64 version, const QString &detail) {
        problems.append({IntegrityProblem::Kind::Checkpoint,
                         CheckpointWord::Type,
                         CheckpointWord::Ledger,
                         version,
                         0,
                         {},
                         detail,
                         {}});
    };
    const SignedCheckpoint &given = anchor.checkpoint;
    const QByteArray trusted = anchor.key.fingerprint();
    if (given.signer != trusted)
        problem(0, QStringLiteral("the checkpoint handed over was signed by the key %1, not by the "
                                  "key given (%2)")
                       .arg(QString::fromLatin1(given.signer), QString::fromLatin1(trusted)));
    else if (!given.signedBy(anchor.key))
        problem(0, QStringLiteral("the checkpoint handed over does not match its signature: it "
                                  "was altered"));

    auto events = store.read({CheckpointWord::Type, CheckpointWord::Ledger});
    if (!events)
        return events.error();
    QList<std::pair<qint64, SignedCheckpoint>> ledger; // with its version in the ledger
    for (const DomainEvent &event : std::as_const(events.value())) {
        auto parsed = CheckpointLedger::recorded(event);
        if (!parsed)
            problem(event.metadata.version,
                    QStringLiteral("checkpoint %1 of the ledger cannot be read: %2")
                        .arg(event.metadata.version)
                        .arg(parsed.error().message));
        else
            ledger.append({event.metadata.version, parsed.value()});
    }
    const QByteArray givenDigest = given.digest();
    qsizetype at = ledger.size() - 1;
    while (at >= 0 && ledger.at(at).second.digest() != givenDigest)
        --at;
    QList<std::pair<qint64, SignedCheckpoint>> checked;
    if (at < 0) {
        problem(0, QStringLiteral("the checkpoint handed over (taken %1) is not in the database's "
                                  "ledger: it was removed, or the ledger replaced")
                       .arg(when(given.takenAt)));
        checked.append({0, given});
    }
    for (qsizetype i = at; i >= 0; --i) {
        const auto &[version, checkpoint] = ledger.at(i);
        checked.append(ledger.at(i));
        const QString name =
            QStringLiteral("checkpoint %1 (taken %2)").arg(version).arg(when(checkpoint.takenAt));
        if (i == 0 && !checkpoint.previous.isEmpty())
            problem(version, QStringLiteral("%1 is the first in the ledger but links to another "
                                            "one: checkpoints before it were removed")
                                 .arg(name));
        if (i > 0 && checkpoint.previous != ledger.at(i - 1).second.digest())
            problem(version, QStringLiteral("%1 does not link to the checkpoint before it in the "
                                            "ledger: a checkpoint was dropped, reordered or "
                                            "altered")
                                 .arg(name));
        if (checkpoint.signer != trusted)
            problem(version, QStringLiteral("%1 was signed by another key (%2)")
                                 .arg(name, QString::fromLatin1(checkpoint.signer)));
        else if (!checkpoint.signedBy(anchor.key))
            problem(version,
                    QStringLiteral("%1 does not match its signature: it was forged or altered")
                        .arg(name));
    }
    for (const auto &[version, checkpoint] : std::as_const(checked)) {
        auto changed = changeSince(store, checkpoint.checkpoint);
        if (!changed)
            return changed.error();
        if (!changed->isEmpty())
            problem(version, QStringLiteral("the history up to the checkpoint taken %1 %2")
                                 .arg(when(checkpoint.takenAt), changed.value()));
    }
    return {};
}

} // namespace ot
