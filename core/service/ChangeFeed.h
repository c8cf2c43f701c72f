#pragma once

#include "es/Result.h"
#include "storage/DatabaseUrl.h"

#include <QObject>

#include <memory>

class QTimer;

namespace ot {

class Database;

// Tells a running client that events were committed by anyone else (another window, process
// or user), so lists and open timelines refresh without a restart. Holds its own connection,
// so it belongs to the thread that opened it, which must run an event loop.
//  - PostgreSQL: LISTEN on the channel a statement trigger notifies at every commit. A lost
//    connection (a server restart, a network cut) is noticed within HealthCheckMs, reported
//    by lost(), and opened again every HealthCheckMs until it works: then restored() and
//    changed(), since whatever was committed meanwhile was not heard.
//  - SQLite: polls PRAGMA data_version, which changes when another connection commits.
class ChangeFeed final : public QObject {
    Q_OBJECT
public:
    static Result<std::unique_ptr<ChangeFeed>> open(const DatabaseUrl &url);
    ~ChangeFeed() override;

    static constexpr int SqlitePollMs = 250;
    static constexpr int HealthCheckMs = 2000;

signals:
    void changed();
    void lost(const QString &reason);
    void restored();

private:
    explicit ChangeFeed(DatabaseUrl url);
    Result<void> connectToServer();
    void poll();
    void checkHealth();

    DatabaseUrl m_url;
    std::unique_ptr<Database> m_db;
    QTimer *m_timer = nullptr;
    qint64 m_dataVersion = -1;
    bool m_lost = false;
};

} // namespace ot
