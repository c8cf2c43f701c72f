#pragma once

#include "audit/AccessLog.h"
#include "audit/Checkpoint.h"
#include "audit/CsvExport.h"
#include "audit/Integrity.h"
#include "es/EventQuery.h"
#include "es/Upcasters.h"
#include "orders/MasterData.h"
#include "orders/OrderAggregate.h"
#include "orders/OrderSummaries.h"
#include "storage/DatabaseUrl.h"

#include <functional>
#include <memory>

namespace ot {

class Clock;
class CommandHandler;
class Database;
class EventStore;
class IdGenerator;
class KeyStore;

struct OrderServiceOptions {
    const Clock *clock = nullptr; // the system clock when null
    IdGenerator *ids = nullptr;   // random UUIDs when null
};

// An order as it was at one version, beside the one before it, with the event between them:
// what a timeline shows.
struct OrderVersion {
    std::shared_ptr<const OrderAggregate> before; // null at version 1
    std::shared_ptr<const OrderAggregate> at;
    DomainEvent event;
    qint64 latestVersion = 0;
    qint64 relatedHere = 0;  // events of this order with the event's correlation
    qint64 relatedTotal = 0; // ... in every stream
};

// The application service: the one door of every front end (desk, CLI, HTTP) to orders,
// customers, products and their history. Whatever it hands out shows personal data opened, or
// erased where its customer was forgotten (es/Sealed.h); nothing else ever sees it sealed. Each use
// case a front end has is one call here; the database, the event store and the command handler
// behind it are its own. Belongs to the thread that opened it, like its connection (see
// ServiceThread).
class OrderService final {
public:
    static Result<std::unique_ptr<OrderService>> open(const DatabaseUrl &url, OpenMode mode,
                                                      OrderServiceOptions options = {});
    ~OrderService();

    // The signed-in name on a single-user database: the OS user.
    static QString systemUserName();

    const DatabaseUrl &url() const { return m_url; }
    // The login the server records on every event (PostgreSQL); empty on SQLite, where the
    // command's userId is recorded.
    const QString &sessionUser() const;
    // The currency of orders created without one (ISO 4217, the database's).
    const QString &defaultCurrency() const { return m_defaultCurrency; }
    // Whether this session may issue commands: on PostgreSQL, whether its role may append
    // events (an auditor may not); on SQLite whoever opens the file is staff.
    Result<bool> mayIssueCommands();
    qint64 conflictsRetried() const;
    // The event store behind the service, for tests and benchmarks that write around it. Front
    // ends never see its definition (tools/check_layers.py): every use case is a call below.
    EventStore &store() { return *m_store; }

    // --- Commands ---

    // Reads the body of the original HTTP route for one order, customer or product (see
    // commandFromJson(); `aggregateType` is OrderAggregate::Type, CustomerWord::Type or
    // ProductWord::Type, and the command must be one of that type) and checks it as far as that
    // needs no database, so bad input is refused before any file is opened or created.
    static Result<Command> parseCommand(const QString &aggregateType, const QString &id,
                                        const QByteArray &body, const QString &defaultUserId,
                                        IdGenerator &ids);
    // Whether `id` is one a command could have created for an aggregate of `aggregateType`
    // (checkIdentifier), with an error that names the kind of id ("the customer id").
    static Result<void> checkId(const QString &aggregateType, const QString &id);
    // A command of the vocabulary (OrderCommands, CustomerCommands, ProductCommands) for one
    // order, customer or product, with a fresh id or the client's `commandId` (then sent again,
    // it is answered rather than applied again).
    static Command command(const QString &id, const CommandBody &body, const QString &userId,
                           std::optional<qint64> expectedVersion = std::nullopt,
                           const QString &commandId = {});
    // Runs a command of any of the three (its type says which). An order created for a
    // registered customer copies the customer's name and shipping address; a line added with a
    // catalogue product's id alone copies its name, price and tax rate.
    Result<QList<DomainEvent>> execute(const Command &command);
    // Every command in one transaction: all are applied, or none. On a failure `*failedAt`
    // (when given) is the index of the command that failed.
    Result<QList<QList<DomainEvent>>> executeAtomically(const QList<Command> &commands,
                                                        qsizetype *failedAt = nullptr);
    // Each command run as execute() runs it, each undone alone when it fails (a savepoint), all
    // in one write transaction: their events become durable by one commit, and only after it
    // are the results given. When that commit fails, the error is the answer to every command
    // (none is stored). Group commit: many clients' commands share one disk flush
    // (ARCHITECTURE.md, serve); a command that fails takes no other with it.
    using Outcome = Result<QList<DomainEvent>>;
    Result<QList<Outcome>> executeGroup(const QList<Command> &commands);
    // What the front ends put in one group at most: the first command of a group waits for
    // the last to be run before its answer.
    static constexpr int MaxGroup = 64;
    // What `commands`, all for one order, would make of it, with nothing stored: they run as
    // executeAtomically() runs them (the same rules and catalogue copies), in a transaction that
    // is then rolled back. The order comes back to be shown (personal data opened), or the
    // first refusal with `*failedAt` as there.
    Result<std::unique_ptr<OrderAggregate>> preview(const QList<Command> &commands,
                                                    qsizetype *failedAt = nullptr);
    // A new order for `customerId` under the next free id of the form ORD-000123 (another
    // desk may take an id first: then the next one); returns the id.
    // An empty currency is the database's default.
    Result<QString> createOrder(const QString &customerId, const QString &currency,
                                const QString &userId);

    // --- Orders ---

    Result<std::unique_ptr<OrderAggregate>> order(const QString &id,
                                                  std::optional<qint64> atVersion = std::nullopt);
    // The order at `version` with the one before it and the event between (a timeline's step).
    Result<OrderVersion> orderVersion(const QString &id, qint64 version);
    // The order's events with afterVersion < version <= upToVersion, oldest first; not found
    // when the order has no events at all.
    Result<QList<DomainEvent>> history(const QString &id, qint64 afterVersion = 0,
                                       qint64 upToVersion = std::numeric_limits<qint64>::max());
    // The order's newest version; 0 when it does not exist.
    Result<qint64> orderLength(const QString &id);
    Result<QList<OrderSummary>> orders(std::optional<OrderStatus> status = std::nullopt);
    // A page of a searched, filtered, sorted list of orders (see OrderSummaries::page).
    Result<QList<OrderSummary>> orderPage(const OrderQuery &query,
                                          const std::optional<OrderSummary> &after, int limit);
    Result<OrderTally> orderTally(const QString &search = {});
    Result<qint64> rebuildProjections();

    // --- Customers and products ---

    // A new customer under the next free id of the form CUST-000123; returns the id.
    Result<QString> registerCustomer(const CommandBody &registration, const QString &userId);
    Result<std::unique_ptr<CustomerAggregate>> customer(const QString &id);
    // A page of the customer directory (see CustomerDirectory::page).
    Result<QList<CustomerSummary>> customerPage(const QString &search, const QString &status,
                                                const QString &after, int limit);
    Result<std::unique_ptr<ProductAggregate>> product(const QString &sku);
    Result<QList<ProductSummary>> productPage(const QString &search, const QString &status,
                                              const QString &after, int limit);
    // The events of one customer's or product's stream, oldest first; not found when empty.
    Result<QList<DomainEvent>> streamHistory(const QString &aggregateType, const QString &id);

    // --- History and audit ---

    // One page of the events that match `filter`: at most `limit`, strictly after position
    // `from` in `direction` (0: from the start). Keyset paging: every page costs the same.
    Result<QList<DomainEvent>> events(const EventFilter &filter, qint64 from, int limit,
                                      Direction direction = Direction::OldestFirst);
    Result<qint64> countEvents(const EventFilter &filter);
    // The matching events by the UTC hour they were recorded in and by type or user
    // (EventStore::activity).
    Result<QList<ActivityCount>> activity(const EventFilter &filter, ActivityKey key);
    // Following the global order as it commits (ARCHITECTURE.md, Global order): where a
    // follower that starts now starts, and the events committed after a cursor (advanced).
    Result<CommitCursor> eventFrontier();
    Result<QList<DomainEvent>> eventsCommittedAfter(CommitCursor &after, int limit,
                                                    const EventFilter &filter = {});
    Result<Checkpoint> checkpoint();
    // Takes a checkpoint, signs it with `key`, linked to the last one of the ledger, and records
    // it there (on PostgreSQL a staff login's). When another session records one meanwhile,
    // this one is linked to that one and signed again.
    Result<SignedCheckpoint> recordCheckpoint(const SigningKey &key, const QString &userId);
    // The ledger of signed checkpoints, oldest first.
    Result<QList<SignedCheckpoint>> checkpointLedger();
    // The matching events as CSV into `path` (see exportEventsCsv); the number written.
    Result<qint64> exportCsv(const EventFilter &filter, const QString &path,
                             const CsvOptions &options, const CsvProgress &progress = {});
    // Records in the access log that `userId` (on PostgreSQL: this login) took history out or
    // judged it. Front ends record every export, report, print, verify and checkpoint, however
    // it ended (ARCHITECTURE.md, Access log). `handedOver` is the file the action wrote, if
    // any: when the record cannot be written, it is removed, so nothing leaves unrecorded.
    Result<void> recordAccess(const AccessRecord &record, const QString &userId,
                              const QString &handedOver = {});
    // Deep: every hash chain, and every stream replayed through the order rules with its
    // snapshot and read-model row compared (the default); Links: the hash chains alone.
    enum class Verify { Deep, Links };
    Result<IntegrityReport> verify(Verify depth = Verify::Deep,
                                   const IntegrityProgress &progress = {},
                                   const std::optional<Checkpoint> &checkpoint = std::nullopt,
                                   const std::optional<SignedAnchor> &anchor = std::nullopt);

    // Creates `count` realistic orders spread over every status, for eight customers in as many
    // countries and a catalogue of ten products (registered and added first, where they are
    // not yet), through the command handler
    // (so every rule and the hash chain apply). The same seed gives the same orders.
    // `progress` is told how many orders are done after each; when it returns false the run
    // stops there (each order already made stays) and the number made is returned.
    using DemoProgress = std::function<bool(int made)>;
    Result<int> addDemoOrders(int count, quint32 seed, const QString &userId,
                              const DemoProgress &progress = {});

private:
    OrderService(std::unique_ptr<Database> db, const QString &defaultCurrency,
                 OrderServiceOptions options);
    Result<void> finishUpgrade();
    QString newId();
    CommandHandler *handlerFor(const QString &commandType) const;
    // Holds every stream the commands go to, taken at once so that two transactions of several
    // commands never deadlock (EventStore::lockStreams).
    Result<void> lockStreamsOf(const QList<Command> &commands);
    // The command with what the application looks up for it (Command::context).
    Result<Command> withContext(const Command &command);
    // Opens the personal data in `events` (or erases it where its key is gone).
    Result<void> reveal(QList<DomainEvent> &events);
    Result<void> reveal(Aggregate &state);
    Result<qint64> orderCount();
    // The first id ORD-<next> not taken, counting up from `next`; leaves `next` after it.
    Result<QString> freeOrderId(qint64 &next);

    DatabaseUrl m_url;
    std::unique_ptr<Database> m_db;
    UpcasterRegistry m_upcasters;
    const Clock &m_clock;
    IdGenerator &m_ids;
    QString m_defaultCurrency; // of orders that name none, and of those stored before currencies
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<OrderSummaries> m_summaries;
    std::unique_ptr<CommandHandler> m_handler;
    std::unique_ptr<KeyStore> m_keys;
    std::unique_ptr<CustomerDirectory> m_customers;
    std::unique_ptr<ProductCatalogue> m_products;
    std::unique_ptr<CommandHandler> m_ledgerHandler;
    std::unique_ptr<CommandHandler> m_accessHandler;
    std::unique_ptr<CommandHandler> m_customerHandler;
    std::unique_ptr<CommandHandler> m_productHandler;
};

} // namespace ot
