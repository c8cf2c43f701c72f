#include "Rebuild.h"

#include "CommandHandler.h"
#include "es/EventQuery.h"
#include "es/OrderedTasks.h"
#include "storage/Database.h"
#include "storage/RowInserter.h"

#include <QHash>

#include <map>

namespace ot {

namespace {

// How many events each user recorded of each type in each UTC hour, as the trigger on events
// counts every insert, tallied as the scan passes them: counting with SQL would read the table
// a second time and sort it (a fifth of a rebuild).
class HourlyCounts {
public:
    void add(const DomainEvent &event) {
        // Truncated as SQL's integer division truncates (the trigger's recorded_at / 3600000).
        ++m_counts[{event.metadata.timestamp / ActivityHourMs * ActivityHourMs, event.type,
                    event.metadata.userId}];
    }

    Result<void> write(Database &db) const {
        const QString what = QStringLiteral("cannot count the events again");
        if (auto cleared = db.run({QStringLiteral("DELETE FROM event_counts"), {}, what}); !cleared)
            return cleared;
        RowInserter rows(db, QStringLiteral("event_counts"),
                         {QStringLiteral("hour_start"), QStringLiteral("type"),
                          QStringLiteral("user_id"), QStringLiteral("slot"), QStringLiteral("n")},
                         what);
        for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it) {
            if (auto added =
                    rows.add({it.key().hourStart, it.key().type, it.key().user, 0, it.value()});
                !added)
                return added;
        }
        return rows.finish();
    }

private:
    struct Key {
        qint64 hourStart;
        QString type;
        QString user;
        friend bool operator==(const Key &, const Key &) = default;
        friend size_t qHash(const Key &key, size_t seed) {
            return qHashMulti(seed, key.hourStart, key.type, key.user);
        }
    };
    QHash<Key, qint64> m_counts;
};

// Streams go to the thread pool in tasks of about this many events.
constexpr qsizetype EventsPerTask = 4000;

} // namespace

Result<qint64> rebuildReadModels(EventStore &store, const QList<CommandHandler *> &handlers) {
    for (CommandHandler *handler : handlers) {
        if (auto cleared = handler->clearRebuilt(); !cleared)
            return cleared.error();
    }
    const auto handlerOf = [&](const QString &type) -> const CommandHandler * {
        for (const CommandHandler *handler : handlers) {
            if (handler->aggregateType() == type)
                return handler;
        }
        return nullptr;
    };
    Database &db = store.database();
    // The rows of each read model, and the snapshots, inserted many to a statement.
    std::map<const CommandHandler *, RowInserter> rows;
    for (const CommandHandler *handler : handlers) {
        if (const ReadModelTable *table = handler->readModel())
            rows.try_emplace(handler, db, table->name, EventStore::rowColumns(*table),
                             QStringLiteral("cannot write the %1 rows again").arg(table->name));
    }
    RowInserter snapshots(db, QStringLiteral("snapshots"), EventStore::SnapshotColumns,
                          QStringLiteral("cannot save the snapshots again"));
    struct Replayed {
        const CommandHandler *handler;
        CommandHandler::Rebuilt rebuilt;
    };
    const auto write = [&](const Replayed &replayed) -> Result<void> {
        if (!replayed.rebuilt.row.isEmpty()) {
            if (auto added = rows.at(replayed.handler).add(replayed.rebuilt.row); !added)
                return added;
        }
        if (!replayed.rebuilt.snapshot.isEmpty())
            return snapshots.add(replayed.rebuilt.snapshot);
        return {};
    };
    // Streams are replayed on the thread pool while the scan reads on; their rows are written
    // here, on the connection's thread, in the order the streams were read.
    Result<void> failure;
    OrderedTasks<Result<QList<Replayed>>> replays([&](Result<QList<Replayed>> done) {
        if (failure && !done)
            failure = done.error();
        for (qsizetype i = 0; failure && i < done->size(); ++i)
            failure = write(done->at(i));
    });
    struct Replay {
        const CommandHandler *handler;
        EventStore::ScannedStream stream;
    };
    const auto replayAll = [](const QList<Replay> &streams) -> Result<QList<Replayed>> {
        QList<Replayed> done;
        for (const Replay &replay : streams) {
            auto rebuilt = replay.handler->rebuilt(replay.stream);
            if (!rebuilt)
                return rebuilt.error();
            done.append({replay.handler, std::move(rebuilt.value())});
        }
        return done;
    };
    QList<Replay> batch;
    qsizetype batchEvents = 0;
    const auto submit = [&] {
        replays.submit([replayAll, streams = std::move(batch)] { return replayAll(streams); });
        batch = {};
        batchEvents = 0;
    };
    qint64 projected = 0;
    HourlyCounts counts;
    auto scanned =
        store.scanStreams(EventStore::Shape::Replay, [&](EventStore::ScannedStream &&stream) {
            for (const DomainEvent &event : stream.events)
                counts.add(event);
            const CommandHandler *handler = handlerOf(stream.events.front().aggregateType);
            if (!handler)
                return bool(failure);
            ++projected;
            if (!handler->rebuildsOnPool()) {
                replays.runHere([&] { return replayAll({{handler, std::move(stream)}}); });
                return bool(failure);
            }
            batchEvents += stream.events.size();
            batch.append({handler, std::move(stream)});
            if (batchEvents >= EventsPerTask)
                submit();
            return bool(failure);
        });
    if (!scanned)
        return scanned.error();
    if (!batch.isEmpty())
        submit();
    replays.finish();
    if (!failure)
        return failure.error();
    for (auto &[handler, inserter] : rows) {
        if (auto written = inserter.finish(); !written)
            return written.error();
    }
    if (auto written = snapshots.finish(); !written)
        return written.error();
    if (auto written = counts.write(db); !written)
        return written.error();
    return projected;
}

} // namespace ot
