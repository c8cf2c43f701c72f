#include "DemoOrdersJob.h"

#include "service/OrderService.h"

#include <QRandomGenerator>
#include <QThread>

namespace ot {

DemoOrdersJob::DemoOrdersJob(const DatabaseUrl &url, int count, const QString &userId,
                             QObject *parent)
    : QObject(parent)
    , m_url(url)
    , m_count(count)
    , m_userId(userId) {}

DemoOrdersJob::~DemoOrdersJob() {
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
}

void DemoOrdersJob::start() {
    if (m_thread)
        return;
    // Signals are emitted through queued calls on this object: if it is destroyed first (after
    // waiting for the thread), they are dropped with it.
    const auto report = [this](auto emitter) {
        QMetaObject::invokeMethod(this, emitter, Qt::QueuedConnection);
    };
    m_thread = QThread::create([this, report, seed = QRandomGenerator::global()->generate()] {
        auto service = OrderService::open(m_url, OpenMode::ExistingOnly);
        if (!service) {
            report([this, error = service.error().message] { emit finished(0, error); });
            return;
        }
        int made = 0;
        auto added = service.value()->addDemoOrders(m_count, seed, m_userId, [&](int done) {
            made = done;
            report([this, done] { emit progress(done, m_count); });
            return !m_cancelled;
        });
        report([this, made, error = added ? QString() : added.error().message] {
            emit finished(made, error);
        });
    });
    m_thread->setObjectName(QStringLiteral("demo orders"));
    m_thread->start();
}

} // namespace ot
