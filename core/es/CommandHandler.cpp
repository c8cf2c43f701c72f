#include "CommandHandler.h"

#include "Clock.h"
#include "storage/Database.h"

#include <QRandomGenerator>
#include <QThread>

namespace ot {

CommandHandler::CommandHandler(EventStore &store, QString aggregateType, AggregateFactory factory,
                               const Clock &clock, IdGenerator &ids, StateProjection *projection)
    : m_store(store)
    , m_type(std::move(aggregateType))
    , m_factory(std::move(factory))
    , m_clock(clock)
    , m_ids(ids)
    , m_projection(projection) {}

Result<QList<DomainEvent>> CommandHandler::handle(const Command &request) {
    Command command = request;
    // Where the server records the login on each event, the state and the read model must
    // name the same person, whatever the command claims.
    if (m_store.database().dialect().serverAssignsUser())
        command.userId = m_store.database().sessionUser();
    const StreamId stream{m_type, command.aggregateId};
    for (int attempt = 1;; ++attempt) {
        // Start from the state this handler committed last, if it still has it: the append
        // finds out if anyone appended since (the stream head is then not where the state is),
        // and only then is the history read again.
        std::unique_ptr<Aggregate> aggregate;
        QByteArray headHash;
        if (std::unique_ptr<Remembered> remembered{m_recent.take(command.aggregateId)}) {
            aggregate = std::move(remembered->state);
            headHash = remembered->headHash;
        }
        const bool remembered = aggregate != nullptr;
        if (!remembered) {
            auto history = m_store.replay(stream);
            if (!history)
                return history.error();
            aggregate = m_factory(command.aggregateId);
            aggregate->loadFromHistory(history.value());
            if (!history->isEmpty())
                headHash = history->back().hash;
        }
        const qint64 loaded = aggregate->version();
        if (command.expectedVersion && *command.expectedVersion != loaded) {
            if (remembered) { // perhaps only this state is behind: read the stream and see
                --attempt;
                continue;
            }
            return Error::versionConflict(*command.expectedVersion, loaded);
        }

        if (auto handled = aggregate->execute(command, m_clock, m_ids); !handled)
            return handled.error();
        if (aggregate->uncommittedEvents().isEmpty())
            return QList<DomainEvent>{};

        auto appended = m_store.append(
            stream, loaded, aggregate->uncommittedEvents(),
            [&]() -> Result<void> {
                if (!m_projection)
                    return {};
                return m_projection->project(*aggregate);
            },
            headHash);
        if (appended) {
            aggregate->markCommitted();
            m_recent.insert(command.aggregateId,
                            new Remembered{std::move(aggregate), appended->back().hash});
            return appended;
        }
        if (appended.error().code != ErrorCode::Conflict)
            return appended.error();
        if (remembered) { // the remembered state was behind: read the stream and try again
            --attempt;
            continue;
        }
        if (command.expectedVersion || attempt == MaxAttempts)
            return appended.error();
        // Writers that lost a race together would otherwise reload in lockstep and collide
        // again: a short random pause spreads them out.
        QThread::usleep(QRandomGenerator::global()->bounded(200, 1000) * quint64(attempt));
    }
}

Result<std::unique_ptr<Aggregate>> CommandHandler::load(const QString &id,
                                                        std::optional<qint64> version) {
    if (version && *version < 1)
        return Error::invalid(QStringLiteral("the version must be 1 or more"));
    auto history =
        m_store.replay({m_type, id}, 0, version.value_or(std::numeric_limits<qint64>::max()));
    if (!history)
        return history.error();
    if (history->isEmpty())
        return Error::notFound(QStringLiteral("%1 %2 does not exist").arg(m_type, id));
    if (version && history->back().metadata.version < *version)
        return Error::invalid(QStringLiteral("%1 has only %2 versions")
                                  .arg(id)
                                  .arg(history->back().metadata.version));
    std::unique_ptr<Aggregate> aggregate = m_factory(id);
    aggregate->loadFromHistory(history.value());
    return aggregate;
}

Result<qint64> CommandHandler::rebuildProjection() {
    if (!m_projection)
        return qint64(0);
    return m_store.database().writeTransaction([&]() -> Result<qint64> {
        if (auto cleared = m_projection->clear(); !cleared)
            return cleared.error();
        qint64 count = 0;
        std::unique_ptr<Aggregate> current;
        Result<void> failure;
        const auto flush = [&]() {
            if (current && failure) {
                failure = m_projection->project(*current);
                ++count;
            }
        };
        auto scanned = m_store.scanStreams(
            EventStore::Shape::Upcast,
            [&](const DomainEvent &event, const QByteArray &) {
                if (!current || current->id() != event.aggregateId) {
                    flush();
                    current = m_factory(event.aggregateId);
                }
                current->loadFromHistory({event});
                return failure.ok();
            },
            m_type);
        if (!scanned)
            return scanned.error();
        flush();
        if (!failure)
            return failure.error();
        return count;
    });
}

} // namespace ot
