#include "OrderService.h"

#include "audit/CheckpointLedger.h"
#include "es/Clock.h"
#include "es/Sealed.h"
#include "storage/Database.h"
#include "store/CommandHandler.h"
#include "store/EventStore.h"
#include "store/KeyStore.h"
#include "store/Rebuild.h"

#include <QSqlError>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace ot {

Result<std::unique_ptr<OrderService>> OrderService::open(const DatabaseUrl &url, OpenMode mode,
                                                         OrderServiceOptions options) {
    auto db = Database::open(url, mode);
    if (!db)
        return db.error();
    auto currency = db.value()->value(
        QStringLiteral("SELECT value FROM ordertrail_meta WHERE key = 'default_currency'"), {},
        QStringLiteral("cannot read the default currency"));
    if (!currency)
        return currency.error();
    std::unique_ptr<OrderService> service(
        new OrderService(std::move(db.value()), currency->toString(), options));
    if (auto upgraded = service->finishUpgrade(); !upgraded)
        return upgraded.error();
    return service;
}

OrderService::OrderService(std::unique_ptr<Database> db, const QString &defaultCurrency,
                           OrderServiceOptions options)
    : m_url(db->url())
    , m_db(std::move(db))
    , m_clock(options.clock ? *options.clock : Clock::system())
    , m_ids(options.ids ? *options.ids : IdGenerator::system())
    , m_defaultCurrency(defaultCurrency) {
    OrderAggregate::registerUpcasters(m_upcasters, m_defaultCurrency);
    m_store = std::make_unique<EventStore>(*m_db, m_upcasters);
    m_summaries = std::make_unique<OrderSummaries>(*m_db);
    // A customer's audit trail holds its orders' events too: the orders the read model lists
    // under the customer's id, which guest orders of an unregistered id have as well.
    const ReadModelTable &summaries = m_summaries->table();
    m_store->addStreamLink({CustomerWord::Type, OrderAggregate::Type, summaries.name,
                            QStringLiteral("customer_id"), summaries.keyColumn});
    m_keys = std::make_unique<KeyStore>(*m_db);
    m_handler = std::make_unique<CommandHandler>(
        *m_store, OrderAggregate::Type,
        [](const QString &id) { return std::make_unique<OrderAggregate>(id); }, m_clock, m_ids,
        m_summaries.get(), m_keys.get());
    m_customers = std::make_unique<CustomerDirectory>(*m_db, *m_keys);
    m_customerHandler = std::make_unique<CommandHandler>(
        *m_store, CustomerWord::Type,
        [](const QString &id) { return std::make_unique<CustomerAggregate>(id); }, m_clock, m_ids,
        m_customers.get(), m_keys.get());
    m_products = std::make_unique<ProductCatalogue>(*m_db);
    m_productHandler = std::make_unique<CommandHandler>(
        *m_store, ProductWord::Type,
        [](const QString &id) { return std::make_unique<ProductAggregate>(id); }, m_clock, m_ids,
        m_products.get());
    m_ledgerHandler = std::make_unique<CommandHandler>(
        *m_store, CheckpointWord::Type,
        [](const QString &id) { return std::make_unique<CheckpointLedger>(id); }, m_clock, m_ids);
    m_accessHandler = std::make_unique<CommandHandler>(
        *m_store, AccessWord::Type,
        [](const QString &id) { return std::make_unique<AccessLog>(id); }, m_clock, m_ids);
}

// A migration that changed what a read model holds asks for the rows to be computed again from
// the events (ordertrail_meta 'rebuild_read_models'): done once, by the first session that may
// write them, which on PostgreSQL is the owner's `admin init` that ran the migration.
Result<void> OrderService::finishUpgrade() {
    const QString what = QStringLiteral("cannot finish the upgrade of the read models");
    const QString flag =
        QStringLiteral("SELECT count(*) FROM ordertrail_meta WHERE key = 'rebuild_read_models'");
    auto asked = m_db->value(flag, {}, what);
    if (!asked)
        return asked.error();
    if (asked->toLongLong() == 0)
        return {};
    return m_db->writeTransaction([&]() -> Result<void> {
        auto still = m_db->value(flag, {}, what); // another session may have done it meanwhile
        if (!still)
            return still.error();
        if (still->toLongLong() == 0)
            return {};
        if (auto rebuilt = rebuildProjections(); !rebuilt)
            return Error::storage(QStringLiteral("%1: %2 (the database's owner opens it once, or "
                                                 "runs admin init)")
                                      .arg(what, rebuilt.error().message));
        return m_db->run(
            {QStringLiteral("DELETE FROM ordertrail_meta WHERE key = 'rebuild_read_models'"),
             {},
             what});
    });
}

// Prepared queries must go before the connection they were prepared on.
OrderService::~OrderService() {
    m_accessHandler.reset();
    m_ledgerHandler.reset();
    m_productHandler.reset();
    m_customerHandler.reset();
    m_handler.reset();
    m_products.reset();
    m_customers.reset();
    m_summaries.reset();
    m_keys.reset();
    m_store.reset();
}

QString OrderService::systemUserName() {
    QString name = qEnvironmentVariable("USER");
#ifdef Q_OS_UNIX
    if (name.isEmpty()) {
        if (const passwd *entry = getpwuid(geteuid()))
            name = QString::fromLocal8Bit(entry->pw_name);
    }
#endif
    if (name.isEmpty())
        name = qEnvironmentVariable("USERNAME");
    return name.isEmpty() ? QStringLiteral("unknown") : name;
}

const QString &OrderService::sessionUser() const {
    return m_db->sessionUser();
}

qint64 OrderService::conflictsRetried() const {
    return m_handler->conflictsRetried();
}

QString OrderService::newId() {
    return m_ids.next().toString(QUuid::WithoutBraces);
}

CommandHandler *OrderService::handlerFor(const QString &commandType) const {
    if (CustomerWord::Commands.contains(commandType))
        return m_customerHandler.get();
    if (ProductWord::Commands.contains(commandType))
        return m_productHandler.get();
    if (commandType == CheckpointWord::Record)
        return m_ledgerHandler.get();
    return m_handler.get();
}

Result<Command> OrderService::withContext(const Command &command) {
    Command completed = command;
    if (command.type == commandName(OrderCommand::Create)) {
        completed.context.insert(OrderField::Currency, m_defaultCurrency);
        const QString customerId = command.data.value(OrderField::CustomerId).toString();
        if (checkIdentifier(customerId, {})) {
            auto customer = m_customerHandler->load(customerId);
            if (!customer && customer.error().code != ErrorCode::NotFound)
                return customer.error();
            // A customer id without a record is a guest order, as the original route had it.
            if (customer) {
                const auto &registered = static_cast<const CustomerAggregate &>(**customer);
                if (registered.forgotten())
                    return Error::rejected(
                        QStringLiteral("customer %1 was forgotten: no new orders").arg(customerId));
                completed.context.insert(OrderField::CustomerName,
                                         registered.field(CustomerField::Name));
                if (const QJsonValue address = registered.field(CustomerField::ShippingAddress);
                    !address.isUndefined())
                    completed.context.insert(OrderField::ShippingAddress, address);
            }
        }
    } else if (command.type == commandName(OrderCommand::AddItem) &&
               !command.data.contains(OrderField::Name) &&
               !command.data.contains(OrderField::Price) &&
               !command.data.contains(OrderField::TaxRate)) {
        const QString sku = command.data.value(OrderField::ProductId).toString();
        if (checkIdentifier(sku, {})) {
            auto product = m_productHandler->load(sku);
            if (!product && product.error().code == ErrorCode::NotFound)
                return Error::notFound(QStringLiteral("product %1 is not in the catalogue; give "
                                                      "its name and price to add it by hand")
                                           .arg(sku));
            if (!product)
                return product.error();
            const auto &listed = static_cast<const ProductAggregate &>(**product);
            if (listed.discontinued())
                return Error::rejected(
                    QStringLiteral("product %1 is discontinued: it cannot be ordered").arg(sku));
            completed.context = {{OrderField::Name, listed.name()},
                                 {OrderField::Price, listed.unitPrice().toString()},
                                 {OrderField::TaxRate, listed.taxRate()}};
        }
    }
    return completed;
}

Result<QList<DomainEvent>> OrderService::execute(const Command &command) {
    CommandHandler *handler = handlerFor(command.type);
    // Only order commands take anything from elsewhere (a customer, a catalogue product).
    auto completed = handler == m_handler.get() ? withContext(command) : Result<Command>(command);
    if (!completed)
        return completed.error();
    auto events = handler->handle(completed.value());
    if (!events)
        return events;
    if (auto revealed = reveal(events.value()); !revealed)
        return revealed.error();
    return events;
}

Result<void> OrderService::reveal(QList<DomainEvent> &events) {
    QSet<QString> subjects;
    for (const DomainEvent &event : std::as_const(events))
        sealed::collectSubjects(event.data, subjects);
    if (subjects.isEmpty())
        return {};
    auto keys = m_keys->keys(subjects);
    if (!keys)
        return keys.error();
    for (DomainEvent &event : events)
        event.data = sealed::reveal(event.data, keys.value()).toObject();
    return {};
}

Result<void> OrderService::reveal(Aggregate &state) {
    const QSet<QString> subjects = state.personalDataSubjects();
    if (subjects.isEmpty())
        return {};
    auto keys = m_keys->keys(subjects);
    if (!keys)
        return keys.error();
    state.revealPersonalData(keys.value());
    return {};
}

Command OrderService::command(const QString &orderId, const CommandBody &body,
                              const QString &userId, std::optional<qint64> expectedVersion,
                              const QString &commandId) {
    const QString id = commandId.isEmpty()
                           ? IdGenerator::system().next().toString(QUuid::WithoutBraces)
                           : commandId;
    return {id, body.type, orderId, body.data, userId, id, expectedVersion, !commandId.isEmpty()};
}

Result<void> OrderService::lockStreamsOf(const QList<Command> &commands) {
    QList<StreamId> streams;
    for (const Command &command : commands)
        streams.append({handlerFor(command.type)->aggregateType(), command.aggregateId});
    return m_store->lockStreams(streams);
}

Result<QList<QList<DomainEvent>>> OrderService::executeAtomically(const QList<Command> &commands,
                                                                  qsizetype *failedAt) {
    return m_db->writeTransaction([&]() -> Result<QList<QList<DomainEvent>>> {
        if (auto locked = lockStreamsOf(commands); !locked)
            return locked.error();
        QList<QList<DomainEvent>> all;
        for (qsizetype i = 0; i < commands.size(); ++i) {
            auto events = execute(commands.at(i));
            if (!events) {
                if (failedAt)
                    *failedAt = i;
                return events.error();
            }
            all.append(std::move(events.value()));
        }
        return all;
    });
}

Result<QList<OrderService::Outcome>> OrderService::executeGroup(const QList<Command> &commands) {
    if (commands.size() == 1) { // alone: its own transaction, without a savepoint's round trips
        auto outcome = execute(commands.front());
        if (!outcome && outcome.error().code == ErrorCode::Storage)
            return outcome.error();
        return QList<Outcome>{std::move(outcome)};
    }
    return m_db->writeTransaction([&]() -> Result<QList<Outcome>> {
        if (auto locked = lockStreamsOf(commands); !locked)
            return locked.error();
        QList<Outcome> outcomes;
        outcomes.reserve(commands.size());
        for (const Command &command : commands)
            outcomes.append(m_db->writeTransaction([&] { return execute(command); }));
        return outcomes;
    });
}

Result<std::unique_ptr<OrderAggregate>> OrderService::preview(const QList<Command> &commands,
                                                              qsizetype *failedAt) {
    if (commands.isEmpty())
        return Error::invalid(QStringLiteral("nothing to preview: no command"));
    const QString id = commands.front().aggregateId;
    for (const Command &command : commands) {
        if (command.aggregateId != id || handlerFor(command.type) != m_handler.get())
            return Error::invalid(QStringLiteral("a preview is of commands for one order"));
    }
    return m_db->trialTransaction([&]() -> Result<std::unique_ptr<OrderAggregate>> {
        if (auto applied = executeAtomically(commands, failedAt); !applied)
            return applied.error();
        return order(id);
    });
}

Result<QString> OrderService::createOrder(const QString &customerId, const QString &currency,
                                          const QString &userId) {
    // Two desks may pick the same new id at once; the loser takes the next one.
    constexpr int Attempts = 5;
    auto count = orderCount();
    if (!count)
        return count.error();
    qint64 next = count.value() + 1;
    for (int attempt = 1;; ++attempt) {
        auto id = freeOrderId(next);
        if (!id)
            return id.error();
        auto done =
            execute(command(id.value(), OrderCommands::create(customerId, currency), userId, 0));
        if (done)
            return id;
        if (done.error().code != ErrorCode::Conflict || attempt == Attempts)
            return done.error();
    }
}

Result<Command> OrderService::parseCommand(const QString &aggregateType, const QString &id,
                                           const QByteArray &body, const QString &defaultUserId,
                                           IdGenerator &ids) {
    if (auto valid = checkId(aggregateType, id); !valid)
        return valid.error();
    auto command =
        commandFromJson(body, id, defaultUserId, ids.next().toString(QUuid::WithoutBraces));
    if (!command)
        return command.error();
    const auto valid =
        aggregateType == CustomerWord::Type  ? CustomerAggregate::validate(command.value())
        : aggregateType == ProductWord::Type ? ProductAggregate::validate(command.value())
                                             : OrderAggregate::validate(command.value());
    if (!valid)
        return valid.error();
    return command;
}

Result<std::unique_ptr<OrderAggregate>> OrderService::order(const QString &id,
                                                            std::optional<qint64> atVersion) {
    if (auto valid = checkId(OrderAggregate::Type, id); !valid)
        return valid.error();
    auto loaded = m_handler->load(id, atVersion);
    if (!loaded)
        return loaded.error();
    if (auto revealed = reveal(**loaded); !revealed)
        return revealed.error();
    return std::unique_ptr<OrderAggregate>(static_cast<OrderAggregate *>(loaded->release()));
}

Result<QString> OrderService::registerCustomer(const CommandBody &registration,
                                               const QString &userId) {
    auto count = m_customers->count();
    if (!count)
        return count.error();
    for (qint64 next = count.value() + 1;; ++next) { // ids taken by hand are skipped
        const QString id = QStringLiteral("CUST-%1").arg(next, 6, 10, QChar(u'0'));
        auto done = execute(command(id, registration, userId, 0));
        if (done)
            return id;
        if (done.error().code != ErrorCode::Conflict)
            return done.error();
    }
}

Result<void> OrderService::checkId(const QString &aggregateType, const QString &id) {
    const QString what = aggregateType == CustomerWord::Type  ? QStringLiteral("the customer id")
                         : aggregateType == ProductWord::Type ? QStringLiteral("the product id")
                                                              : QStringLiteral("the order id");
    if (auto valid = checkIdentifier(id, what); !valid)
        return valid.error();
    return {};
}

Result<std::unique_ptr<CustomerAggregate>> OrderService::customer(const QString &id) {
    if (auto valid = checkId(CustomerWord::Type, id); !valid)
        return valid.error();
    auto loaded = m_customerHandler->load(id);
    if (!loaded)
        return loaded.error();
    if (auto revealed = reveal(**loaded); !revealed)
        return revealed.error();
    return std::unique_ptr<CustomerAggregate>(static_cast<CustomerAggregate *>(loaded->release()));
}

Result<QList<CustomerSummary>> OrderService::customerPage(const QString &search,
                                                          const QString &status,
                                                          const QString &after, int limit) {
    return m_customers->page(search, status, after, limit);
}

Result<std::unique_ptr<ProductAggregate>> OrderService::product(const QString &sku) {
    if (auto valid = checkId(ProductWord::Type, sku); !valid)
        return valid.error();
    auto loaded = m_productHandler->load(sku);
    if (!loaded)
        return loaded.error();
    return std::unique_ptr<ProductAggregate>(static_cast<ProductAggregate *>(loaded->release()));
}

Result<QList<ProductSummary>> OrderService::productPage(const QString &search,
                                                        const QString &status, const QString &after,
                                                        int limit) {
    return m_products->page(search, status, after, limit);
}

Result<QList<DomainEvent>> OrderService::streamHistory(const QString &aggregateType,
                                                       const QString &id) {
    if (auto valid = checkId(aggregateType, id); !valid)
        return valid.error();
    auto events = m_store->read({aggregateType, id});
    if (!events)
        return events;
    if (events->isEmpty())
        return Error::notFound(
            QStringLiteral("%1 %2 does not exist").arg(aggregateType.toLower(), id));
    if (auto revealed = reveal(events.value()); !revealed)
        return revealed.error();
    return events;
}

Result<bool> OrderService::mayIssueCommands() {
    // Roles exist only where the server stamps events (PostgreSQL's grants).
    if (!m_db->dialect().serverStampsEvents())
        return true;
    const QString what = QStringLiteral("cannot read this login's privileges");
    auto allowed = m_db->value(QStringLiteral("SELECT ") %
                                   m_db->qualified(QStringLiteral("ordertrail_may_append")) %
                                   QStringLiteral("(?)"),
                               {OrderAggregate::Type}, what);
    if (!allowed)
        return allowed.error();
    return allowed->toBool();
}

Result<QList<DomainEvent>> OrderService::history(const QString &id, qint64 afterVersion,
                                                 qint64 upToVersion) {
    if (auto valid = checkId(OrderAggregate::Type, id); !valid)
        return valid.error();
    auto events = m_store->read({OrderAggregate::Type, id}, afterVersion, upToVersion);
    if (events && events->isEmpty() && afterVersion == 0)
        return Error::notFound(QStringLiteral("order %1 does not exist").arg(id));
    if (events) {
        if (auto revealed = reveal(events.value()); !revealed)
            return revealed.error();
    }
    return events;
}

Result<QList<OrderSummary>> OrderService::orders(std::optional<OrderStatus> status) {
    return m_summaries->list(status);
}

Result<QList<OrderSummary>> OrderService::orderPage(const OrderQuery &query,
                                                    const std::optional<OrderSummary> &after,
                                                    int limit) {
    return m_summaries->page(query, after, limit);
}

Result<OrderTally> OrderService::orderTally(const QString &search) {
    return m_summaries->tally(search);
}

Result<qint64> OrderService::orderCount() {
    auto tally = m_summaries->tally({});
    if (!tally)
        return tally.error();
    return tally->count();
}

Result<QString> OrderService::freeOrderId(qint64 &next) {
    for (;; ++next) { // skip ids taken by orders created by hand
        const QString orderId = QStringLiteral("ORD-%1").arg(next, 6, 10, QChar(u'0'));
        auto taken = m_store->streamVersion({OrderAggregate::Type, orderId});
        if (!taken)
            return taken.error();
        if (taken.value() == 0) {
            ++next;
            return orderId;
        }
    }
}

Result<qint64> OrderService::orderLength(const QString &id) {
    return m_store->streamVersion({OrderAggregate::Type, id});
}

Result<OrderVersion> OrderService::orderVersion(const QString &id, qint64 version) {
    // Both states come from the order's own replay (snapshots make either cheap).
    OrderVersion replayed;
    auto at = order(id, version);
    if (!at)
        return at.error();
    replayed.at = std::move(at.value());
    if (version > 1) {
        auto before = order(id, version - 1);
        if (!before)
            return before.error();
        replayed.before = std::move(before.value());
    }
    auto event = m_store->read({OrderAggregate::Type, id}, version - 1, version);
    if (!event)
        return event.error();
    if (event->isEmpty())
        return Error::notFound(QStringLiteral("version %1 of %2 is missing").arg(version).arg(id));
    if (auto revealed = reveal(event.value()); !revealed)
        return revealed.error();
    replayed.event = event->first();
    auto latest = orderLength(id);
    if (!latest)
        return latest.error();
    replayed.latestVersion = latest.value();
    if (const QString correlation = replayed.event.metadata.correlationId; !correlation.isEmpty()) {
        EventFilter filter;
        filter.correlationId = correlation;
        auto total = m_store->count(filter);
        filter.aggregateType = OrderAggregate::Type;
        filter.aggregateId = id;
        auto here = m_store->count(filter);
        if (!total || !here)
            return (!total ? total : here).error();
        replayed.relatedTotal = total.value();
        replayed.relatedHere = here.value();
    }
    return replayed;
}

Result<QList<DomainEvent>> OrderService::events(const EventFilter &filter, qint64 from, int limit,
                                                Direction direction) {
    auto events = m_store->readAll(filter, from, limit, direction);
    if (events) {
        if (auto revealed = reveal(events.value()); !revealed)
            return revealed.error();
    }
    return events;
}

Result<qint64> OrderService::countEvents(const EventFilter &filter) {
    return m_store->count(filter);
}

Result<QList<ActivityCount>> OrderService::activity(const EventFilter &filter, ActivityKey key) {
    return m_store->activity(filter, key);
}

Result<CommitCursor> OrderService::eventFrontier() {
    return m_store->commitFrontier();
}

Result<QList<DomainEvent>> OrderService::eventsCommittedAfter(CommitCursor &after, int limit,
                                                              const EventFilter &filter) {
    auto events = m_store->readCommitted(after, limit, filter);
    if (events) {
        if (auto revealed = reveal(events.value()); !revealed)
            return revealed.error();
    }
    return events;
}

Result<qint64> OrderService::exportCsv(const EventFilter &filter, const QString &path,
                                       const CsvOptions &options, const CsvProgress &progress) {
    return exportEventsCsv(*m_store, m_keys.get(), filter, path, options, progress);
}

Result<qint64> OrderService::rebuildProjections() {
    return m_db->writeTransaction([&]() -> Result<qint64> {
        if (const QString hold = m_db->dialect().holdWritersSql(); !hold.isEmpty()) {
            if (auto held = m_db->execute({hold}, QStringLiteral("cannot hold off writers")); !held)
                return held.error();
        }
        return rebuildReadModels(
            *m_store, {m_handler.get(), m_customerHandler.get(), m_productHandler.get()});
    });
}

} // namespace ot
