#include "DeskConnection.h"

#include "storage/ChangeFeed.h"

namespace ot {

// Lives on the database thread: owns the connections opened there, and is the target of the
// calls queued to that thread.
class DeskWorker final : public QObject {
public:
    DeskSession open(const DatabaseUrl &url, DeskConnection *relay, QString *error) {
        DeskSession session;
        session.url = url;
        auto service = OrderService::open(url, OpenMode::CreateIfMissing);
        if (!service) {
            *error = service.error().message;
            return session;
        }
        auto mayEdit = service.value()->mayIssueCommands();
        auto counts = service.value()->orderCounts();
        if (!mayEdit || !counts) {
            *error = (!mayEdit ? mayEdit.error() : counts.error()).message;
            return session;
        }
        m_service = std::move(service.value());
        session.serverUser = m_service->sessionUser();
        session.mayEdit = mayEdit.value();
        for (qint64 n : counts.value())
            session.orderCount += n;
        auto feed = ChangeFeed::open(url);
        if (feed) {
            m_feed = std::move(feed.value());
            connect(m_feed.get(), &ChangeFeed::changed, relay, &DeskConnection::changed);
        } else {
            session.liveUpdatesError = feed.error().message;
        }
        return session;
    }

    OrderService *service() const { return m_service.get(); }

private:
    std::unique_ptr<OrderService> m_service;
    std::unique_ptr<ChangeFeed> m_feed;
};

DeskConnection::DeskConnection(const DatabaseUrl &url, QObject *parent)
    : QObject(parent)
    , m_url(url)
    , m_worker(new DeskWorker) {
    m_thread.setObjectName(QStringLiteral("database"));
    m_worker->moveToThread(&m_thread);
    // Deleted on its own thread, after the last queued call, so its connections close there.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_worker,
        [this, worker = m_worker, url] {
            auto error = std::make_shared<QString>();
            auto session = std::make_shared<DeskSession>(worker->open(url, this, error.get()));
            QMetaObject::invokeMethod(
                this,
                [this, error, session] {
                    if (error->isEmpty())
                        emit opened(*session);
                    else
                        emit failed(*error);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

DeskConnection::~DeskConnection() {
    m_thread.quit();
    m_thread.wait();
}

void DeskConnection::post(QObject *context, Task task) {
    QMetaObject::invokeMethod(
        m_worker,
        [this, guard = QPointer<QObject>(context), task = std::move(task)]() mutable {
            auto deliver = task(m_worker->service());
            // Calls posted to this object are dropped if it is destroyed first; the guard
            // drops the result if its receiver is.
            QMetaObject::invokeMethod(
                this,
                [guard = std::move(guard), deliver = std::move(deliver)] {
                    if (guard)
                        deliver();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

Error DeskConnection::notOpen() {
    return Error::storage(tr("The database is not open."));
}

} // namespace ot
