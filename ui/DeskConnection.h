#pragma once

#include "service/ServiceThread.h"

#include <QObject>

#include <type_traits>

namespace ot {

// What the desk learns when its database opens.
struct DeskSession {
    DatabaseUrl url;
    QString serverUser;   // the login the server records on events (PostgreSQL); empty on SQLite
    bool mayEdit = false; // false for an auditor's login
    qint64 orderCount = 0;
    QString defaultCurrency;  // of orders created without one
    QString liveUpdatesError; // empty when the ChangeFeed runs
};

// The name signed in on a single-user database (SQLite): as last saved, else the OS user.
QString savedDeskUser();
void saveDeskUser(const QString &name);

// The desk's database connection: a ServiceThread, so the GUI thread never waits on a network
// round trip (PostgreSQL) or a busy write lock (SQLite waits up to 15 s). Every database call of
// the desk runs there, one after another in the order asked; results come back as queued calls
// on the GUI thread. The live change feed is opened and kept on that thread too.
class DeskConnection final : public QObject {
    Q_OBJECT
public:
    // Starts opening `url` at once; opened() or failed() follows.
    explicit DeskConnection(const DatabaseUrl &url, QObject *parent = nullptr);

    const DatabaseUrl &url() const { return m_url; }

    // Runs `work(OrderService &)`, which returns a Result, on the database thread, then
    // `done(result)` here, unless `context` has been destroyed by then.
    template <typename Work, typename Done> void run(QObject *context, Work work, Done done) {
        m_thread.run(
            context,
            [work = std::move(work)](OrderService &service, const ServiceThread::Job &) {
                return work(service);
            },
            std::move(done));
    }

signals:
    void opened(const ot::DeskSession &session);
    void failed(const QString &message);
    // Someone (this desk included) committed events: what is shown may be stale.
    void changed();
    // The live updates' connection to the server was lost; it is being opened again.
    void connectionLost(const QString &reason);
    // It is back (changed() follows): the desk's own connection has been checked too.
    void connectionRestored();
    // A customer was forgotten (by anyone): what is shown of personal data may still show what
    // is now erased, even where no version changed, so it is read again.
    void personalDataErased();

private:
    void checkErasures();

    DatabaseUrl m_url;
    qint64 m_erasures = -1; // CustomerForgotten events seen; -1 until first counted
    ServiceThread m_thread;
};

} // namespace ot
