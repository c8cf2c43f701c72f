#pragma once

#include "audit/Integrity.h"
#include "store/CommandHandler.h"
#include "store/EventStore.h"
#include "es/Upcasters.h"
#include "orders/OrderAggregate.h"
#include "storage/Database.h"
#include "orders/OrderSummaries.h"

#include <functional>
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
    // The login the server records on every event (PostgreSQL); empty on SQLite, where the
    // command's userId is recorded.
    const QString &sessionUser() const { return m_db->sessionUser(); }
    // Whether this session may issue commands: on PostgreSQL, whether its role may append
    // events (an auditor may not); on SQLite whoever opens the file is staff.
    Result<bool> mayIssueCommands();
    EventStore &store() { return *m_store; }
    qint64 conflictsRetried() const { return m_handler->conflictsRetried(); }

    // Reads the body of the original HTTP route for one order (see commandFromJson()) and
    // checks it as far as that needs no database, so bad input is refused before any file is
    // opened or created.
    static Result<Command> parseCommand(const QString &orderId, const QByteArray &body,
                                        const QString &defaultUserId, IdGenerator &ids);

    Result<QList<DomainEvent>> execute(const Command &command);

    Result<std::unique_ptr<OrderAggregate>> order(const QString &id,
                                                  std::optional<qint64> atVersion = std::nullopt);
    // The order's events after `afterVersion`, oldest first; not found when it has none at all.
    Result<QList<DomainEvent>> history(const QString &id, qint64 afterVersion = 0);
    Result<QList<OrderSummary>> orders(std::optional<OrderStatus> status = std::nullopt);
    // A page of a searched, filtered, sorted list of orders (see OrderSummaries::page).
    Result<QList<OrderSummary>> orderPage(const OrderQuery &query,
                                          const std::optional<OrderSummary> &after, int limit);
    Result<QMap<OrderStatus, qint64>> orderCounts(const QString &search = {});
    // The first free id of the form ORD-000123 after the number of orders; someone may take it
    // before it is used, so create it with expectedVersion 0 and ask again on a conflict.
    Result<QString> nextOrderId();
    Result<qint64> rebuildProjections();
    // Deep: every hash chain, and every stream replayed through the order rules with its
    // snapshot and read-model row compared (the default); Links: the hash chains alone.
    enum class Verify { Deep, Links };
    Result<IntegrityReport> verify(Verify depth = Verify::Deep,
                                   const IntegrityProgress &progress = {},
                                   const std::optional<Checkpoint> &checkpoint = std::nullopt);

    // Creates `count` realistic orders spread over every status, through the command handler
    // (so every rule and the hash chain apply). The same seed gives the same orders.
    // `progress` is told how many orders are done after each; when it returns false the run
    // stops there (each order already made stays) and the number made is returned.
    using DemoProgress = std::function<bool(int made)>;
    Result<int> addDemoOrders(int count, quint32 seed, const QString &userId,
                              const DemoProgress &progress = {});

private:
    OrderService(std::unique_ptr<Database> db, OrderServiceOptions options);
    QString newId();
    Result<qint64> orderCount();
    // The first id ORD-<next> not taken, counting up from `next`; leaves `next` after it.
    Result<QString> freeOrderId(qint64 &next);

    std::unique_ptr<Database> m_db;
    UpcasterRegistry m_upcasters;
    const Clock &m_clock;
    IdGenerator &m_ids;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<OrderSummaries> m_summaries;
    std::unique_ptr<CommandHandler> m_handler;
};

} // namespace ot
