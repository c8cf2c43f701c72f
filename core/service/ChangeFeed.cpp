#include "ChangeFeed.h"

#include "storage/Database.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QTimer>

namespace ot {

Result<std::unique_ptr<ChangeFeed>> ChangeFeed::open(const DatabaseUrl &url) {
    std::unique_ptr<ChangeFeed> feed(new ChangeFeed(url));
    if (auto connected = feed->connectToServer(); !connected)
        return connected.error();
    feed->m_timer = new QTimer(feed.get());
    if (feed->m_db->dialect().changeChannel().isEmpty()) {
        feed->poll();
        feed->m_timer->setInterval(SqlitePollMs);
        connect(feed->m_timer, &QTimer::timeout, feed.get(), &ChangeFeed::poll);
    } else {
        feed->m_timer->setInterval(HealthCheckMs);
        connect(feed->m_timer, &QTimer::timeout, feed.get(), &ChangeFeed::checkHealth);
    }
    feed->m_timer->start();
    return feed;
}

ChangeFeed::ChangeFeed(DatabaseUrl url)
    : m_url(std::move(url)) {}

Result<void> ChangeFeed::connectToServer() {
    m_db.reset();
    auto db = Database::open(m_url, OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    const QString channel = db.value()->dialect().changeChannel();
    if (!channel.isEmpty()) {
        QSqlDriver *driver = db.value()->connection().driver();
        if (!driver->subscribeToNotification(channel))
            return db.value()->storageError(driver->lastError(),
                                            QStringLiteral("cannot listen for changes"));
        connect(driver, &QSqlDriver::notification, this, [this, channel](const QString &name) {
            if (name == channel)
                emit changed();
        });
    }
    m_db = std::move(db.value());
    return {};
}

void ChangeFeed::checkHealth() {
    if (!m_lost) {
        auto alive = m_db->value(QStringLiteral("SELECT 1"), {},
                                 QStringLiteral("the live updates' connection failed"));
        if (alive)
            return;
        m_lost = true;
        emit lost(alive.error().message);
    }
    if (auto connected = connectToServer(); !connected)
        return; // the next check tries again
    m_lost = false;
    emit restored();
    emit changed();
}

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
