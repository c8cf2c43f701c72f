#include "Clock.h"

#include <QDateTime>

namespace ot {

namespace {

class SystemClock final : public Clock {
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

class RandomIds final : public IdGenerator {
public:
    QUuid next() override { return QUuid::createUuid(); }
};

} // namespace

const Clock &Clock::system() {
    static const SystemClock clock;
    return clock;
}

IdGenerator &IdGenerator::system() {
    static RandomIds ids;
    return ids;
}

} // namespace ot
