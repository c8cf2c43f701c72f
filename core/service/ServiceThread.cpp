#include "ServiceThread.h"

namespace ot {

// Lives on the thread: owns the service opened there, and is the target of the work posted.
class ServiceWorker final : public QObject {
public:
    // The service, opened now if it is not; null (with `error`) when it cannot be.
    OrderService *service(const DatabaseUrl &url, OpenMode mode, Error &error) {
        if (!m_service) {
            auto opened = OrderService::open(url, mode);
            if (!opened) {
                error = opened.error();
                return nullptr;
            }
            m_service = std::move(opened.value());
        }
        return m_service.get();
    }
    void close() { m_service.reset(); }

private:
    std::unique_ptr<OrderService> m_service;
};

ServiceThread::ServiceThread(const DatabaseUrl &url, OpenMode mode, const QString &name,
                             QObject *parent)
    : QObject(parent)
    , m_url(url)
    , m_mode(mode)
    , m_worker(new ServiceWorker) {
    m_thread.setObjectName(name);
    m_worker->moveToThread(&m_thread);
    // Deleted on its own thread, after the last piece of work, so its connection closes there.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

ServiceThread::~ServiceThread() {
    cancel();
    m_thread.quit();
    m_thread.wait();
}

bool ServiceThread::Job::report(qint64 done, qint64 total) const {
    ServiceThread *owner = m_owner;
    QMetaObject::invokeMethod(
        owner, [owner, done, total] { emit owner->progress(done, total); }, Qt::QueuedConnection);
    return !cancelled();
}

bool ServiceThread::Job::cancelled() const {
    return m_owner->m_cancelled.load() != m_generation;
}

QObject *ServiceThread::Job::threadContext() const {
    return m_owner->m_worker;
}

void ServiceThread::post(QObject *receiver, Task task) {
    const Job job(this, m_cancelled.load());
    QMetaObject::invokeMethod(
        m_worker,
        [this, job, guard = QPointer<QObject>(receiver), task = std::move(task)] {
            Error openError;
            OrderService *service = m_worker->service(m_url, m_mode, openError);
            auto [deliver, failed] = task(service, openError, job);
            if (failed)
                m_worker->close();
            // Queued to this object, which outlives the thread; the guard drops the result if
            // its receiver has gone.
            QMetaObject::invokeMethod(
                this,
                [this, guard, deliver = std::move(deliver)] {
                    --m_pending;
                    if (guard)
                        deliver();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace ot
