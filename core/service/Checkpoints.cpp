// The service's checkpoints: plain ones to write down, signed ones kept in the ledger, the
// verify that checks the history against them, and the access log of who did these.
#include "OrderService.h"
#include "audit/CheckpointLedger.h"
#include "es/Clock.h"
#include "store/CommandHandler.h"

#include <QFile>

namespace ot {

Result<Checkpoint> OrderService::checkpoint() {
    return takeCheckpoint(*m_store);
}

Result<SignedCheckpoint> OrderService::recordCheckpoint(const SigningKey &key,
                                                        const QString &userId) {
    for (int attempt = 1;; ++attempt) {
        QByteArray previous;
        qint64 version = 0;
        auto ledger = m_ledgerHandler->load(CheckpointWord::Ledger);
        if (ledger) {
            previous = static_cast<const CheckpointLedger &>(*ledger.value()).lastDigest();
            version = ledger.value()->version();
        } else if (ledger.error().code != ErrorCode::NotFound) {
            return ledger.error();
        }
        auto taken = takeCheckpoint(*m_store);
        if (!taken)
            return taken.error();
        const SignedCheckpoint signedOne =
            SignedCheckpoint::sign(taken.value(), m_clock.nowMs(), previous, key);
        const CommandBody record{
            CheckpointWord::Record,
            {{CheckpointWord::Checkpoint, signedOne.toString()},
             {CheckpointWord::PublicKey, QString::fromLatin1(key.publicKey().toHex())}}};
        // The version it links to: recorded after another one, it would link to the wrong one.
        auto recorded =
            m_ledgerHandler->handle(command(CheckpointWord::Ledger, record, userId, version));
        if (recorded)
            return signedOne;
        if (recorded.error().code != ErrorCode::Conflict || attempt == CommandHandler::MaxAttempts)
            return recorded.error();
    }
}

Result<QList<SignedCheckpoint>> OrderService::checkpointLedger() {
    auto events = m_store->read({CheckpointWord::Type, CheckpointWord::Ledger});
    if (!events)
        return events.error();
    QList<SignedCheckpoint> ledger;
    for (const DomainEvent &event : std::as_const(events.value())) {
        auto parsed = CheckpointLedger::recorded(event);
        if (!parsed)
            return Error::storage(QStringLiteral("checkpoint %1 of the ledger cannot be read: %2")
                                      .arg(event.metadata.version)
                                      .arg(parsed.error().message));
        ledger.append(parsed.value());
    }
    return ledger;
}

Result<void> OrderService::recordAccess(const AccessRecord &record, const QString &userId,
                                        const QString &handedOver) {
    // Entries link to nothing but the chain: one recorded meanwhile by another session is no
    // conflict, and the handler records this one after it.
    auto recorded = m_accessHandler->handle(
        command(AccessWord::Log, {AccessWord::Record, record.toData()}, userId));
    if (!recorded) {
        if (!handedOver.isEmpty())
            QFile::remove(handedOver);
        return Error{recorded.error().code,
                     QStringLiteral("cannot record this in the access log%1: %2")
                         .arg(handedOver.isEmpty()
                                  ? QString()
                                  : QStringLiteral(", so %1 was not kept").arg(handedOver),
                              recorded.error().message),
                     {}};
    }
    return {};
}

Result<IntegrityReport> OrderService::verify(Verify depth, const IntegrityProgress &progress,
                                             const std::optional<Checkpoint> &checkpoint,
                                             const std::optional<SignedAnchor> &anchor) {
    VerifyOptions options;
    options.checkpoint = checkpoint;
    options.anchor = anchor;
    options.progress = progress;
    if (depth == Verify::Deep)
        options.kinds = {
            {OrderAggregate::Type,
             [](const QString &id) { return std::make_unique<OrderAggregate>(id); },
             m_summaries.get()},
            {CustomerWord::Type,
             [](const QString &id) { return std::make_unique<CustomerAggregate>(id); },
             m_customers.get()},
            {ProductWord::Type,
             [](const QString &id) { return std::make_unique<ProductAggregate>(id); },
             m_products.get()},
            {CheckpointWord::Type,
             [](const QString &id) { return std::make_unique<CheckpointLedger>(id); }, nullptr},
            {AccessWord::Type, [](const QString &id) { return std::make_unique<AccessLog>(id); },
             nullptr}};
    return verifyHistory(*m_store, options);
}

} // namespace ot
