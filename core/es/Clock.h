#pragma once

#include <QUuid>

namespace ot {

// Injectable so that tests get deterministic timestamps and ids.
class Clock {
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0; // UTC milliseconds since the epoch
    static const Clock &system();
};

class IdGenerator {
public:
    virtual ~IdGenerator() = default;
    virtual QUuid next() = 0;
    static IdGenerator &system();
};

} // namespace ot
