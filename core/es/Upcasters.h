#pragma once

#include "DomainEvent.h"

#include <QHash>
#include <QJsonObject>

#include <functional>

namespace ot {

// Event schema evolution: stored rows are never rewritten; the read path lifts each event
// from the schema version it was stored with to the current one, one step at a time.
class UpcasterRegistry {
public:
    using Upcaster = std::function<QJsonObject(const QJsonObject &data)>;

    // Registers the step from `fromVersion` to `fromVersion + 1`.
    void add(const QString &aggregateType, const QString &eventType, int fromVersion,
             Upcaster upcaster);

    // The version new events of this type are written with: one past the last registered step.
    int currentVersion(const QString &aggregateType, const QString &eventType) const;

    void upcast(DomainEvent &event) const;

private:
    static QString key(const QString &aggregateType, const QString &eventType, int fromVersion);

    QHash<QString, Upcaster> m_steps;
    QHash<QString, int> m_current; // "type/event" -> current schema version
};

} // namespace ot
