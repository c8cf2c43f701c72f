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
    // Gives an event read without its data the data parsed from the text stored, upcast: every
    // reader that parses stored data does it this way.
    void lift(DomainEvent &event, const QByteArray &storedData) const;

private:
    // steps[i] lifts version i + 1 to i + 2; looked up on every event read, so no key is built.
    using Steps = QList<Upcaster>;
    QHash<QString, QHash<QString, Steps>> m_steps; // aggregate type -> event type -> steps
};

} // namespace ot
