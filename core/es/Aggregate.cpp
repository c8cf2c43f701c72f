#include "Aggregate.h"

#include "Clock.h"

namespace ot {

Aggregate::Aggregate(QString type, QString id)
    : m_type(std::move(type))
    , m_id(std::move(id)) {}

void Aggregate::loadFromHistory(const QList<DomainEvent> &history) {
    for (const DomainEvent &event : history)
        applyAndTrack(event);
}

QJsonObject Aggregate::snapshot() const {
    return {{QStringLiteral("version"), m_version},
            {QStringLiteral("createdAt"), m_createdAt},
            {QStringLiteral("updatedAt"), m_updatedAt},
            {QStringLiteral("lastUserId"), m_lastUserId},
            {QStringLiteral("state"), saveState()}};
}

bool Aggregate::restore(const QJsonObject &snapshot) {
    const qint64 version = snapshot.value(QStringLiteral("version")).toInteger();
    if (version < 1 || !restoreState(snapshot.value(QStringLiteral("state")).toObject()))
        return false;
    m_version = version;
    m_createdAt = snapshot.value(QStringLiteral("createdAt")).toInteger();
    m_updatedAt = snapshot.value(QStringLiteral("updatedAt")).toInteger();
    m_lastUserId = snapshot.value(QStringLiteral("lastUserId")).toString();
    return true;
}

void Aggregate::applyAndTrack(const DomainEvent &event) {
    apply(event);
    m_version = event.metadata.version;
    if (m_createdAt == 0)
        m_createdAt = event.metadata.timestamp;
    m_updatedAt = event.metadata.timestamp;
    m_lastUserId = event.metadata.userId;
}

Result<void> Aggregate::execute(const Command &command, const Clock &clock, IdGenerator &ids) {
    m_uncommitted.clear();
    m_command = &command;
    m_clock = &clock;
    m_ids = &ids;
    Result<void> result = handle(command);
    m_command = nullptr;
    m_clock = nullptr;
    m_ids = nullptr;
    if (!result)
        m_uncommitted.clear();
    return result;
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
