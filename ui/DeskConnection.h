#pragma once

#include "service/OrderService.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>
#include <type_traits>

namespace ot {

class DeskWorker;

// What the desk learns when its database opens.
struct DeskSession {
    DatabaseUrl url;
    QString serverUser;   // the login the server records on events (PostgreSQL); empty on SQLite
    bool mayEdit = false; // false for an auditor's login
    qint64 orderCount = 0;
    QString liveUpdatesError; // empty when the ChangeFeed runs
};

// The desk's database connection, on a thread of its own. Every database call of the desk runs
// there, one after another in the order asked, so the GUI thread never waits on a network round
// trip (PostgreSQL) or a busy write lock (SQLite waits up to 15 s); results come back as queued
// calls on the GUI thread. The OrderService and the ChangeFeed are opened, used and destroyed on
// that thread, since a QSqlDatabase connection belongs to the thread that opened it.
class DeskConnection final : public QObject {
    Q_OBJECT
public:
    // Starts opening `url` at once; opened() or failed() follows.
    explicit DeskConnection(const DatabaseUrl &url, QObject *parent = nullptr);
    ~DeskConnection() override;

    const DatabaseUrl &url() const { return m_url; }

    // Runs `work(OrderService &)` on the database thread, then `done(result)` on this object's
    // thread, unless `context` has been destroyed by then. `work` returns a Result; when the
    // database could not be opened, `done` receives that error instead.
    template <typename Work, typename Done> void run(QObject *context, Work work, Done done) {
        post(context,
             [work = std::move(work),
              done = std::move(done)](OrderService *service) -> std::function<void()> {
                 using R = std::invoke_result_t<Work &, OrderService &>;
                 auto result = std::make_shared<R>(service ? work(*service) : R(notOpen()));
                 return [done, result] { done(std::move(*result)); };
             });
    }

signals:
    void opened(const ot::DeskSession &session);
    void failed(const QString &message);
    // Someone (this desk included) committed events: what is shown may be stale.
    void changed();

private:
    using Task = std::function<std::function<void()>(OrderService *)>;
    void post(QObject *context, Task task);
    static Error notOpen();

    DatabaseUrl m_url;
    QThread m_thread;
    DeskWorker *m_worker;
};

} // namespace ot
