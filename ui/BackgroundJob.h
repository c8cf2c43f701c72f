#pragma once

#include "service/OrderService.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>

class QThread;

namespace ot {

// Long work (verify, export, counting matches over a million events) on a thread of its own
// with a connection of its own, so neither the window nor the desk's database thread waits for
// it. `work(service)` runs there and calls report() now and then, which also says whether to go
// on; `done(result)` then runs on this object's thread. Destroying the job cancels it and
// waits for its thread; a result that arrives after that is dropped.
class BackgroundJob final : public QObject {
    Q_OBJECT
public:
    explicit BackgroundJob(const DatabaseUrl &url, QObject *parent = nullptr);
    ~BackgroundJob() override;

    template <typename Work, typename Done> void start(Work work, Done done) {
        run([work = std::move(work), done = std::move(done)](
                OrderService *service, const Error &openError) -> std::function<void()> {
            using R = std::invoke_result_t<Work &, OrderService &>;
            auto result = std::make_shared<R>(service ? work(*service) : R(openError));
            return [done, result] { done(std::move(*result)); };
        });
    }

    void cancel() { m_cancelled = true; }
    bool isCancelled() const { return m_cancelled; }
    bool isRunning() const { return m_running; }

    // From the work: tells progress() (queued to this object's thread); false once cancelled.
    bool report(qint64 done, qint64 total);

signals:
    void progress(qint64 done, qint64 total);
    // After `done` ran.
    void finished();

private:
    using Task = std::function<std::function<void()>(OrderService *, const Error &)>;
    void run(Task task);

    DatabaseUrl m_url;
    QThread *m_thread = nullptr;
    std::atomic_bool m_cancelled = false;
    bool m_running = false;
};

} // namespace ot
