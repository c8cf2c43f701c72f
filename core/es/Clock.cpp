#include "Clock.h"

#include <QDateTime>

namespace ot {

namespace {

class SystemClock final : public Clock {
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

// Version 7 (RFC 9562): the first 48 bits are the Unix time in milliseconds, the other 74 as
// random as version 4's. Ids made one after the other land side by side in an index (events.id,
// correlation_id) instead of on a random page each, so an append dirties one page where it
// dirtied one per index entry.
class TimeOrderedIds final : public IdGenerator {
public:
    QUuid next() override {
        QUuid id = QUuid::createUuid();
        const auto ms = quint64(QDateTime::currentMSecsSinceEpoch());
        id.data1 = quint32(ms >> 16);
        id.data2 = quint16(ms & 0xFFFF);
        id.data3 = quint16((id.data3 & 0x0FFF) | 0x7000);
        return id;
    }
};

} // namespace

const Clock &Clock::system() {
    static const SystemClock clock;
    return clock;
}

IdGenerator &IdGenerator::system() {
    static TimeOrderedIds ids;
    return ids;
}

} // namespace ot
