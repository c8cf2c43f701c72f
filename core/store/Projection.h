#pragma once

#include "es/Result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <functional>
#include <memory>

namespace ot {

class Aggregate;

// A read model's table: one row per aggregate, keyed by its id, with the columns a projection
// derives from the state and the stream columns every read model has (version, created_at,
// updated_at, last_user), which the store fills from the events' own stamps, so whoever stamps
// the events (PostgreSQL does) also stamps the row.
struct ReadModelTable {
    QString name;
    QString keyColumn;
    QStringList columns; // derived from the state
};

// One aggregate's row: the values of the table's derived columns, in order.
struct ReadModelRow {
    const ReadModelTable *table = nullptr;
    QVariantList values;
};

// A read model kept as a function of an aggregate's state: written with every command's
// events, rebuilt by replaying every stream through the same aggregate code (so a rebuild
// cannot give different rows), and compared with that replay by a deep verify.
class StateProjection {
public:
    virtual ~StateProjection() = default;
    virtual const ReadModelTable &table() const = 0;
    // The row that makes the read model show `state`.
    virtual Result<ReadModelRow> project(const Aggregate &state) const = 0;
    // Whether project() reads the database (the customers' keys): it then runs on the
    // connection's thread, never on the thread pool beside verify's and rebuild's replays.
    virtual bool readsDatabase() const { return false; }
};

using AggregateFactory = std::function<std::unique_ptr<Aggregate>(const QString &id)>;

} // namespace ot
