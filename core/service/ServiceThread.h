#pragma once

#include "OrderService.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>

namespace ot {

class ServiceWorker;

// Work on a thread that owns an OrderService of its own, since a QSqlDatabase connection
// belongs to the thread that opened it: the desk's database thread, a background job, each
// worker of the HTTP server. Work posted with run() executes there, one piece at a time in the
// order posted, so a caller's thread never waits on a network round trip or a busy write lock;
// its result comes back as a queued call on this object's thread and is dropped if the receiver
// has gone by then. The service is opened for the first work; after work that failed with a
// storage error it is closed and opened again for the next (a lost PostgreSQL connection does
// not come back by itself).
class ServiceThread final : public QObject {
    Q_OBJECT
public:
    ServiceThread(const DatabaseUrl &url, OpenMode mode, const QString &name,
                  QObject *parent = nullptr);
    // Cancels what is running and queued, lets the piece running finish, and waits for it.
    ~ServiceThread() override;

    // What a piece of work sees of its job: its progress, to report, and whether it was
    // cancelled. threadContext() lives on the thread: a QObject made there as its child (a
    // change feed, say) is deleted there when the thread ends.
    class Job {
    public:
        // Tells progress() (queued to the ServiceThread's thread); false once cancelled.
        bool report(qint64 done, qint64 total) const;
        bool cancelled() const;
        QObject *threadContext() const;

    private:
        friend class ServiceThread;
        Job(ServiceThread *owner, quint64 generation)
            : m_owner(owner)
            , m_generation(generation) {}
        ServiceThread *m_owner;
        quint64 m_generation;
    };

    // Runs `work(OrderService &, const Job &)`, which returns a Result, on the thread; then
    // `done(result)` on this object's thread, unless `receiver` (which lives on that thread
    // too) has been destroyed. When the service cannot be opened, `done` gets that error.
    template <typename Work, typename Done> void run(QObject *receiver, Work work, Done done) {
        ++m_pending;
        post(receiver,
             [work = std::move(work),
              done = std::move(done)](OrderService *service, const Error &openError,
                                      const Job &job) -> std::pair<std::function<void()>, bool> {
                 using R = std::invoke_result_t<Work &, OrderService &, const Job &>;
                 auto result = std::make_shared<R>(service ? work(*service, job) : R(openError));
                 const bool storageFailed =
                     !result->ok() && result->error().code == ErrorCode::Storage;
                 return {[done, result] { done(std::move(*result)); }, storageFailed};
             });
    }

    // The work running and queued now sees cancelled(); work posted later does not.
    void cancel() { ++m_cancelled; }
    // Pieces of work posted and not yet delivered.
    int pending() const { return m_pending; }
    bool isBusy() const { return m_pending > 0; }

signals:
    void progress(qint64 done, qint64 total);

private:
    // Returns what to deliver, and whether the service failed and should be opened anew.
    using Task = std::function<std::pair<std::function<void()>, bool>(OrderService *, const Error &,
                                                                      const Job &)>;
    void post(QObject *receiver, Task task);

    DatabaseUrl m_url;
    OpenMode m_mode;
    QThread m_thread;
    ServiceWorker *m_worker;
    std::atomic<quint64> m_cancelled = 0;
    int m_pending = 0;
};

} // namespace ot
