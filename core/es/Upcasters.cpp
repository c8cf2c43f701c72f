#include "Upcasters.h"

namespace ot {

QString UpcasterRegistry::key(const QString &aggregateType, const QString &eventType,
                              int fromVersion) {
    return aggregateType % u'/' % eventType % u'/' % QString::number(fromVersion);
}

void UpcasterRegistry::add(const QString &aggregateType, const QString &eventType, int fromVersion,
                           Upcaster upcaster) {
    m_steps.insert(key(aggregateType, eventType, fromVersion), std::move(upcaster));
    const QString type = aggregateType % u'/' % eventType;
    m_current.insert(type, std::max(m_current.value(type, 1), fromVersion + 1));
}

int UpcasterRegistry::currentVersion(const QString &aggregateType, const QString &eventType) const {
    return m_current.value(aggregateType % u'/' % eventType, 1);
}

void UpcasterRegistry::upcast(DomainEvent &event) const {
    for (;;) {
        const auto step =
            m_steps.constFind(key(event.aggregateType, event.type, event.schemaVersion));
        if (step == m_steps.cend())
            return;
        event.data = (*step)(event.data);
        ++event.schemaVersion;
    }
}

} // namespace ot
