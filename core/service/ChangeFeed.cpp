#include "ChangeFeed.h"

#include "storage/Database.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QTimer>

namespace ot {

Result<std::unique_ptr<ChangeFeed>> ChangeFeed::open(const DatabaseUrl &url) {
    auto db = Database::open(url, OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    std::unique_ptr<ChangeFeed> feed(new ChangeFeed(std::move(db.value())));
    const QString channel = feed->m_db->dialect().changeChannel();
    if (!channel.isEmpty()) {
        QSqlDriver *driver = feed->m_db->connection().driver();
        if (!driver->subscribeToNotification(channel))
            return feed->m_db->storageError(driver->lastError(),
                                            QStringLiteral("cannot listen for changes"));
        connect(driver, &QSqlDriver::notification, feed.get(),
                [feed = feed.get(), channel](const QString &name) {
                    if (name == channel)
                        emit feed->changed();
                });
    } else {
        feed->poll();
        feed->m_timer = new QTimer(feed.get());
        feed->m_timer->setInterval(SqlitePollMs);
        connect(feed->m_timer, &QTimer::timeout, feed.get(), &ChangeFeed::poll);
        feed->m_timer->start();
    }
    return feed;
}

ChangeFeed::ChangeFeed(std::unique_ptr<Database> db)
    : m_db(std::move(db)) {}

ChangeFeed::~ChangeFeed() = default;

void ChangeFeed::poll() {
    auto counter = m_db->value(m_db->dialect().changeCounterSql(), {},
                               QStringLiteral("cannot read the change counter"));
    if (!counter)
        return; // a busy moment: the next tick asks again
    const qint64 version = counter->toLongLong();
    const bool first = m_dataVersion < 0;
    if (version != m_dataVersion) {
        m_dataVersion = version;
        if (!first)
            emit changed();
    }
}

} // namespace ot
