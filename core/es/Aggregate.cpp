#include "Aggregate.h"

#include "Clock.h"
#include "Sealed.h"

namespace ot {

Aggregate::Aggregate(QString type, QString id)
    : m_type(std::move(type))
    , m_id(std::move(id)) {}

void Aggregate::loadFromHistory(const QList<DomainEvent> &history) {
    for (const DomainEvent &event : history)
        applyAndTrack(event);
}

bool Aggregate::restore(const QJsonObject &state, const DomainEvent &last, qint64 createdAt) {
    if (last.metadata.version < 1 || !restoreState(state))
        return false;
    m_version = last.metadata.version;
    m_createdAt = createdAt;
    m_updatedAt = last.metadata.timestamp;
    m_lastUserId = last.metadata.userId;
    return true;
}

void Aggregate::markCommitted(const QList<DomainEvent> &stored) {
    m_uncommitted.clear();
    m_forgotten.clear();
    for (const DomainEvent &event : stored) {
        if (event.metadata.version == 1)
            m_createdAt = event.metadata.timestamp;
        m_updatedAt = event.metadata.timestamp;
        m_lastUserId = event.metadata.userId;
    }
}

void Aggregate::applyAndTrack(const DomainEvent &event) {
    apply(event);
    m_version = event.metadata.version;
    if (m_createdAt == 0)
        m_createdAt = event.metadata.timestamp;
    m_updatedAt = event.metadata.timestamp;
    m_lastUserId = event.metadata.userId;
}

Result<void> Aggregate::execute(const Command &command, const Clock &clock, IdGenerator &ids,
                                Keyring *keys) {
    m_uncommitted.clear();
    m_forgotten.clear();
    m_command = &command;
    m_clock = &clock;
    m_ids = &ids;
    m_keys = keys;
    Result<void> result = handle(command);
    m_command = nullptr;
    m_clock = nullptr;
    m_ids = nullptr;
    m_keys = nullptr;
    if (!result) {
        m_uncommitted.clear();
        m_forgotten.clear();
    }
    return result;
}

Result<QJsonValue> Aggregate::seal(const QString &subject, const QJsonValue &value, bool makeKey) {
    Q_ASSERT_X(m_command, "Aggregate::seal", "seal() is only valid inside handle()");
    if (!m_keys)
        return Error::storage(QStringLiteral("personal data cannot be stored here: no keyring"));
    auto key = m_keys->key(subject, makeKey);
    if (!key)
        return key.error();
    if (key->isEmpty())
        return Error::rejected(
            QStringLiteral("the personal data of %1 was erased: nothing more can be stored "
                           "about it")
                .arg(subject));
    return sealed::seal(key.value(), subject, value);
}

void Aggregate::forgetSubject(const QString &subject) {
    Q_ASSERT_X(m_command, "Aggregate::forgetSubject", "only valid inside handle()");
    m_forgotten.append(subject);
}

void Aggregate::raise(const QString &eventType, const QJsonObject &data, int schemaVersion) {
    Q_ASSERT_X(m_command, "Aggregate::raise", "raise() is only valid inside handle()");
    DomainEvent event;
    event.id = m_ids->next();
    event.aggregateId = m_id;
    event.aggregateType = m_type;
    event.type = eventType;
    event.data = data;
    event.schemaVersion = schemaVersion;
    event.metadata.userId = m_command->userId;
    event.metadata.timestamp = m_clock->nowMs();
    event.metadata.version = m_version + 1;
    event.metadata.correlationId = m_command->correlationId;
    event.metadata.causationId = m_command->id;
    applyAndTrack(event);
    m_uncommitted.append(event);
}

} // namespace ot
