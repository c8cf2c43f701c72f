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
//  - PostgreSQL: LISTEN on the channel a statement trigger notifies at every commit.
//  - SQLite: polls PRAGMA data_version, which changes when another connection commits.
class ChangeFeed final : public QObject {
    Q_OBJECT
public:
    static Result<std::unique_ptr<ChangeFeed>> open(const DatabaseUrl &url);
    ~ChangeFeed() override;

    static constexpr int SqlitePollMs = 250;

signals:
    void changed();

private:
    explicit ChangeFeed(std::unique_ptr<Database> db);
    void poll();

    std::unique_ptr<Database> m_db;
    QTimer *m_timer = nullptr;
    qint64 m_dataVersion = -1;
};

} // namespace ot
