#include "Rebuild.h"

#include "CommandHandler.h"
#include "es/EventQuery.h"
#include "es/OrderedTasks.h"
#include "storage/Database.h"

#include <QHash>

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
        for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it) {
            if (auto written =
                    db.run({QStringLiteral("INSERT INTO event_counts (hour_start, type, "
                                           "user_id, slot, n) VALUES (?, ?, ?, 0, ?)"),
                            {it.key().hourStart, it.key().type, it.key().user, it.value()},
                            what});
                !written)
                return written;
        }
        return {};
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
    // Streams are replayed on the thread pool while the scan reads on; their rows are written
    // here, on the connection's thread, in the order the streams were read.
    Result<void> failure;
    OrderedTasks<Result<QList<Write>>> replays([&](Result<QList<Write>> writes) {
        if (failure && !writes)
            failure = writes.error();
        for (qsizetype i = 0; failure && i < writes->size(); ++i)
            failure = db.run(writes->at(i));
    });
    struct Replay {
        const CommandHandler *handler;
        CommandHandler::StoredStream stream;
    };
    QList<Replay> batch;
    qsizetype batchEvents = 0;
    const auto submit = [&] {
        replays.submit([streams = std::move(batch)]() -> Result<QList<Write>> {
            QList<Write> writes;
            for (const Replay &replay : streams) {
                auto written = replay.handler->rebuilt(replay.stream);
                if (!written)
                    return written.error();
                writes << written.value();
            }
            return writes;
        });
        batch = {};
        batchEvents = 0;
    };
    qint64 projected = 0;
    CommandHandler::StoredStream stream;
    const auto endStream = [&] {
        const CommandHandler *handler = handlerOf(stream.events.front().aggregateType);
        if (!handler) {
            stream = {};
            return;
        }
        ++projected;
        if (!handler->rebuildsOnPool()) {
            replays.runHere([&] { return handler->rebuilt(stream); });
            stream = {};
            return;
        }
        batchEvents += stream.events.size();
        batch.append({handler, std::move(stream)});
        stream = {};
        if (batchEvents >= EventsPerTask)
            submit();
    };
    HourlyCounts counts;
    auto scanned = store.scanStreams(EventStore::Shape::Replay, [&](const DomainEvent &event,
                                                                    const QByteArray &stored) {
        counts.add(event);
        if (!stream.events.isEmpty() && (stream.events.back().aggregateId != event.aggregateId ||
                                         stream.events.back().aggregateType != event.aggregateType))
            endStream();
        stream.events.append(event);
        stream.data.append(stored);
        return bool(failure);
    });
    if (!scanned)
        return scanned.error();
    if (!stream.events.isEmpty())
        endStream();
    if (!batch.isEmpty())
        submit();
    replays.finish();
    if (!failure)
        return failure.error();
    if (auto written = counts.write(db); !written)
        return written.error();
    return projected;
}

} // namespace ot
