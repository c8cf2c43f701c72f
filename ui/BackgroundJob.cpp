#include "BackgroundJob.h"

#include <QThread>

namespace ot {

BackgroundJob::BackgroundJob(const DatabaseUrl &url, QObject *parent)
    : QObject(parent)
    , m_url(url) {}

BackgroundJob::~BackgroundJob() {
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
}

bool BackgroundJob::report(qint64 done, qint64 total) {
    QMetaObject::invokeMethod(
        this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
    return !m_cancelled;
}

void BackgroundJob::run(Task task) {
    if (m_thread)
        return; // one run per job
    m_running = true;
    m_thread = QThread::create([this, task = std::move(task)] {
        // The connection is opened, used and closed on this thread.
        std::function<void()> deliver;
        {
            auto service = OrderService::open(m_url, OpenMode::ExistingOnly);
            deliver = service ? task(service.value().get(), {}) : task(nullptr, service.error());
        }
        // Queued to this object: dropped with it if it is destroyed first (after the wait).
        QMetaObject::invokeMethod(
            this,
            [this, deliver = std::move(deliver)] {
                m_running = false;
                deliver();
                emit finished();
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("background job"));
    m_thread->start();
}

} // namespace ot
