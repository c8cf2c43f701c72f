#pragma once

#include "storage/DatabaseUrl.h"

#include <QObject>

#include <atomic>

class QThread;

namespace ot {

// Adds demo orders on a thread of its own, with a connection of its own, so the desk stays
// usable (and shows the new orders as they commit) meanwhile. Reports progress after each
// order; cancel() stops after the order being made. Destroying the job cancels it and waits.
class DemoOrdersJob final : public QObject {
    Q_OBJECT
public:
    DemoOrdersJob(const DatabaseUrl &url, int count, const QString &userId,
                  QObject *parent = nullptr);
    ~DemoOrdersJob() override;

    void start();
    void cancel() { m_cancelled = true; }

signals:
    void progress(int made, int count);
    // `error` is empty when the run ended normally (all made, or cancelled).
    void finished(int made, const QString &error);

private:
    DatabaseUrl m_url;
    int m_count;
    QString m_userId;
    std::atomic_bool m_cancelled = false;
    QThread *m_thread = nullptr;
};

} // namespace ot
