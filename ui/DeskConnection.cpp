#include "DeskConnection.h"

#include "Log.h"
#include "orders/MasterDataVocabulary.h"
#include "service/ChangeFeed.h"

#include <QSettings>

namespace ot {

namespace {
const QString UserKey = QStringLiteral("userName");
} // namespace

QString savedDeskUser() {
    return QSettings().value(UserKey, OrderService::systemUserName()).toString();
}

void saveDeskUser(const QString &name) {
    QSettings().setValue(UserKey, name);
}

DeskConnection::DeskConnection(const DatabaseUrl &url, QObject *parent)
    : QObject(parent)
    , m_url(url)
    , m_thread(url, OpenMode::CreateIfMissing, QStringLiteral("database")) {
    // An indexed count per commit notice: cheap beside what a commit makes the desk re-read.
    connect(this, &DeskConnection::changed, this, &DeskConnection::checkErasures);
    m_thread.run(
        this,
        [this, url](OrderService &service, const ServiceThread::Job &job) -> Result<DeskSession> {
            auto mayEdit = service.mayIssueCommands();
            if (!mayEdit)
                return mayEdit.error();
            auto tally = service.orderTally();
            if (!tally)
                return tally.error();
            DeskSession session;
            session.url = url;
            session.serverUser = service.sessionUser();
            session.mayEdit = mayEdit.value();
            session.defaultCurrency = service.defaultCurrency();
            session.orderCount = tally->count();
            // The feed lives on the database thread and goes with it.
            if (auto feed = ChangeFeed::open(url)) {
                ChangeFeed *kept = feed->release();
                kept->setParent(job.threadContext());
                connect(kept, &ChangeFeed::changed, this, &DeskConnection::changed);
                connect(kept, &ChangeFeed::lost, this, [this](const QString &reason) {
                    qCWarning(lcDesk) << "connection lost:" << reason;
                    emit connectionLost(reason);
                });
                // The desk's own connection most likely broke too: a first query finds out
                // (and the thread opens a new one), so the user's next action does not fail.
                connect(kept, &ChangeFeed::restored, this, [this] {
                    m_thread.run(
                        this,
                        [](OrderService &service, const ServiceThread::Job &) {
                            return service.eventFrontier();
                        },
                        [this](const Result<CommitCursor> &) {
                            qCInfo(lcDesk) << "connection restored";
                            emit connectionRestored();
                        });
                });
            } else {
                qCWarning(lcDesk) << "no live updates:" << feed.error().message;
                session.liveUpdatesError = feed.error().message;
            }
            return session;
        },
        [this](Result<DeskSession> session) {
            if (session) {
                qCInfo(lcDesk) << "opened" << session->url.toString();
                checkErasures();
                emit opened(session.value());
            } else {
                qCInfo(lcDesk) << "cannot open:" << session.error().message;
                emit failed(session.error().message);
            }
        });
}

void DeskConnection::checkErasures() {
    run(
        this,
        [](OrderService &service) {
            EventFilter forgotten;
            forgotten.eventType = CustomerWord::Forgotten;
            return service.countEvents(forgotten);
        },
        [this](Result<qint64> count) {
            if (!count)
                return; // the next notice tries again
            const bool more = m_erasures >= 0 && count.value() > m_erasures;
            m_erasures = count.value();
            if (more)
                emit personalDataErased();
        });
}

} // namespace ot
