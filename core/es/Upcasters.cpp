#include "Upcasters.h"

#include <QJsonDocument>

namespace ot {

void UpcasterRegistry::add(const QString &aggregateType, const QString &eventType, int fromVersion,
                           Upcaster upcaster) {
    Steps &steps = m_steps[aggregateType][eventType];
    if (steps.size() < fromVersion)
        steps.resize(fromVersion);
    steps[fromVersion - 1] = std::move(upcaster);
}

int UpcasterRegistry::currentVersion(const QString &aggregateType, const QString &eventType) const {
    return int(m_steps.value(aggregateType).value(eventType).size()) + 1;
}

void UpcasterRegistry::upcast(DomainEvent &event) const {
    const auto types = m_steps.constFind(event.aggregateType);
    if (types == m_steps.cend())
        return;
    const auto steps = types->constFind(event.type);
    if (steps == types->cend())
        return;
    while (event.schemaVersion >= 1 && event.schemaVersion <= steps->size()) {
        const Upcaster &step = steps->at(event.schemaVersion - 1);
        if (!step)
            return; // a version with no registered step
        event.data = step(event.data);
        ++event.schemaVersion;
    }
}

void UpcasterRegistry::lift(DomainEvent &event, const QByteArray &storedData) const {
    event.data = QJsonDocument::fromJson(storedData).object();
    upcast(event);
}

} // namespace ot
