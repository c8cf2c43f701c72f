#pragma once

#include "audit/Integrity.h"
#include "es/CommandHandler.h"
#include "es/EventStore.h"
#include "es/Upcasters.h"
#include "orders/OrderAggregate.h"
#include "storage/Database.h"
#include "storage/OrderSummaries.h"

#include <memory>

namespace ot {

class Clock;
class IdGenerator;

struct OrderServiceOptions {
    const Clock *clock = nullptr; // the system clock when null
    IdGenerator *ids = nullptr;   // random UUIDs when null
};

// The one entry point to orders for every front end (GUI, CLI, HTTP): a database connection
// with its event store, the order command handler and the read model, wired together. Belongs
// to the thread that opened it, like its connection.
class OrderService final {
public:
    static Result<std::unique_ptr<OrderService>> open(const DatabaseUrl &url, OpenMode mode,
                                                      OrderServiceOptions options = {});
    ~OrderService();

    // The signed-in name on a single-user database: the OS user.
    static QString systemUserName();

    const DatabaseUrl &url() const { return m_db->url(); }
    EventStore &store() { return *m_store; }

    // Reads the body of the original HTTP route for one order (see commandFromJson()) and
    // checks it as far as that needs no database, so bad input is refused before any file is
    // opened or created.
    static Result<Command> parseCommand(const QString &orderId, const QByteArray &body,
                                        const QString &defaultUserId, IdGenerator &ids);

    Result<QList<DomainEvent>> execute(const Command &command);

    Result<std::unique_ptr<OrderAggregate>> order(const QString &id,
                                                  std::optional<qint64> atVersion = std::nullopt);
    Result<QList<DomainEvent>> history(const QString &id);
    Result<QList<OrderSummary>> orders(std::optional<OrderStatus> status = std::nullopt);
    Result<qint64> rebuildProjections();
    Result<IntegrityReport> verify(const IntegrityProgress &progress = {});

    // Creates `count` realistic orders spread over every status, through the command handler
    // (so every rule and the hash chain apply). The same seed gives the same orders.
    Result<int> addDemoOrders(int count, quint32 seed, const QString &userId);

private:
    OrderService(std::unique_ptr<Database> db, OrderServiceOptions options);
    QString newId();

    std::unique_ptr<Database> m_db;
    UpcasterRegistry m_upcasters;
    const Clock &m_clock;
    IdGenerator &m_ids;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<OrderSummaries> m_summaries;
    std::unique_ptr<CommandHandler> m_handler;
};

} // namespace ot
