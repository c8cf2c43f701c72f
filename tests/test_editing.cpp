// Editing orders as staff do, on each backend through the service: quantities, discounts,
// notes and amendments of a confirmed order, priced by the one rule (worked examples a
// bookkeeper can check by hand), and the history that stays provable (deep verify, snapshots
// in the new shape, forged events named); and the upgrade of a database the previous version
// wrote, whose orders get a currency and their read model rows the gross.

#include "TestSupport.h"
#include "audit/Checkpoint.h"
#include "es/Sealed.h"
#include "orders/MasterDataVocabulary.h"
#include "service/Administration.h"
#include "store/EventStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>

using namespace ot;
using namespace ot::test;

namespace {

const QString Order = QStringLiteral("ED-1");

QJsonObject line(const char *product, const char *name, qint64 quantity, const char *price,
                 const char *rate) {
    return {{QStringLiteral("productId"), QLatin1String(product)},
            {QStringLiteral("name"), QLatin1String(name)},
            {QStringLiteral("quantity"), quantity},
            {QStringLiteral("price"), QLatin1String(price)},
            {QStringLiteral("taxRate"), QLatin1String(rate)}};
}

// An event of an order as it could stand in the database, for admit() to judge.
DomainEvent storedOrderEvent(const QString &id, const char *type, int schemaVersion) {
    DomainEvent event;
    event.aggregateType = OrderAggregate::Type;
    event.aggregateId = id;
    event.type = QLatin1String(type);
    event.schemaVersion = schemaVersion;
    return event;
}

} // namespace

class TestEditing : public QObject {
    Q_OBJECT

    TestBackend m_backend;
    SequentialIds m_ids;
    std::unique_ptr<OrderService> m_service;

    Result<QList<DomainEvent>> run(const QString &type, const QJsonObject &data,
                                   const QString &user = QStringLiteral("alice")) {
        return m_service->execute(makeCommand(Order, type, data, user));
    }
    QJsonObject state() {
        auto order = m_service->order(Order);
        if (!order)
            qFatal("cannot load %s: %s", qPrintable(Order), qPrintable(order.error().message));
        return order.value()->toJson();
    }
    qint64 events() { return m_service->history(Order).value().size(); }
    // A registered customer and a new order of theirs: {customer id, order id}.
    std::pair<QString, QString> registeredOrder() {
        auto customer = m_service->registerCustomer(
            CustomerCommands::registerCustomer(QStringLiteral("Vreni Muster"), {}, {}, {}, {}),
            QStringLiteral("alice"));
        if (!customer)
            qFatal("cannot register: %s", qPrintable(customer.error().message));
        auto created = m_service->createOrder(customer.value(), {}, QStringLiteral("alice"));
        if (!created)
            qFatal("cannot create: %s", qPrintable(created.error().message));
        return {customer.value(), created.value()};
    }

private slots:
    void initTestCase() {
        if (const QString reason = m_backend.unavailable(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
    }

    void init() {
        auto opened = OrderService::open(m_backend.freshDatabase(), OpenMode::CreateIfMissing,
                                         {nullptr, &m_ids});
        OT_REQUIRE(opened);
        m_service = std::move(opened.value());
        OT_REQUIRE(run(QStringLiteral("CreateOrder"),
                       {{QStringLiteral("customerId"), QStringLiteral("GUEST-1")}}));
    }

    // A quantity changes; the price stays; the event says what it was changed from.
    void quantityChangesKeepThePrice() {
        OT_REQUIRE(run(QStringLiteral("AddItem"), line("MUG", "Mug", 3, "9.99", "19")));
        auto changed = run(QStringLiteral("ChangeItemQuantity"),
                           {{QStringLiteral("productId"), QStringLiteral("MUG")},
                            {QStringLiteral("quantity"), 5}});
        OT_REQUIRE(changed);
        const DomainEvent &event = changed->first();
        QCOMPARE(event.type, QStringLiteral("ItemQuantityChanged"));
        QCOMPARE(event.data.value(QStringLiteral("previousQuantity")).toInteger(), 3);
        QCOMPARE(event.data.value(QStringLiteral("quantity")).toInteger(), 5);
        const QJsonObject mug = state().value(QStringLiteral("items")).toArray().at(0).toObject();
        QCOMPARE(mug.value(QStringLiteral("price")).toString(), QStringLiteral("9.99"));
        QCOMPARE(mug.value(QStringLiteral("net")).toString(), QStringLiteral("49.95"));

        // The same quantity, a product not in the order, a bad quantity: refused, nothing
        // written.
        const qint64 before = events();
        OT_EXPECT_ERROR(run(QStringLiteral("ChangeItemQuantity"),
                            {{QStringLiteral("productId"), QStringLiteral("MUG")},
                             {QStringLiteral("quantity"), 5}}),
                        ErrorCode::Rejected, QStringLiteral("already has quantity 5"));
        OT_EXPECT_ERROR(run(QStringLiteral("ChangeItemQuantity"),
                            {{QStringLiteral("productId"), QStringLiteral("TEA")},
                             {QStringLiteral("quantity"), 2}}),
                        ErrorCode::Rejected, QStringLiteral("not in order"));
        OT_EXPECT_ERROR(run(QStringLiteral("ChangeItemQuantity"),
                            {{QStringLiteral("productId"), QStringLiteral("MUG")},
                             {QStringLiteral("quantity"), 0}}),
                        ErrorCode::Invalid, QStringLiteral("quantity"));
        OT_EXPECT_ERROR(run(QStringLiteral("ChangeItemQuantity"),
                            {{QStringLiteral("productId"), QStringLiteral("MUG")}}),
                        ErrorCode::Invalid, QStringLiteral("quantity"));
        QCOMPARE(events(), before);
    }

    // The worked example of ARCHITECTURE.md (Pricing), through the service:
    //   19.99 × 3 at 19 %, 10 % off: 59.97 − 6.00 (5.997) = 53.97
    //    4.00 × 2 at  7 %, 1.50 off:  8.00 − 1.50          =  6.50
    //   5.00 off the order, shared 53.97 : 6.50 → 4.46254… and 0.53746…: the cent left over by
    //   rounding down goes to the larger remainder, so 4.46 and 0.54
    //   net 49.51 and 5.96 = 55.47; tax 49.51 × 19 % = 9.4069 → 9.41, 5.96 × 7 % = 0.4172 →
    //   0.42, together 9.83; gross 65.30; discounts 6.00 + 1.50 + 5.00 = 12.50.
    void discountsAndTaxAddUpByHand() {
        OT_REQUIRE(run(QStringLiteral("AddItem"), line("BAG", "Bag", 3, "19.99", "19")));
        OT_REQUIRE(run(QStringLiteral("AddItem"), line("TEA", "Tea", 2, "4.00", "7")));
        OT_REQUIRE(run(QStringLiteral("SetLineDiscount"),
                       {{QStringLiteral("productId"), QStringLiteral("BAG")},
                        {QStringLiteral("percent"), QStringLiteral("10.0")}}));
        OT_REQUIRE(run(QStringLiteral("SetLineDiscount"),
                       {{QStringLiteral("productId"), QStringLiteral("TEA")},
                        {QStringLiteral("amount"), QStringLiteral("1.5")}}));
        auto set = run(QStringLiteral("SetOrderDiscount"),
                       {{QStringLiteral("amount"), QStringLiteral("5")}});
        OT_REQUIRE(set);
        QCOMPARE(set->first().data.value(QStringLiteral("amount")).toString(),
                 QStringLiteral("5.00")); // stored as exact decimals
        const QJsonObject now = state();
        const QJsonObject totals = now.value(QStringLiteral("totals")).toObject();
        QCOMPARE(totals.value(QStringLiteral("discount")).toString(), QStringLiteral("12.50"));
        QCOMPARE(totals.value(QStringLiteral("net")).toString(), QStringLiteral("55.47"));
        QCOMPARE(totals.value(QStringLiteral("taxByRate")).toObject(),
                 (QJsonObject{{QStringLiteral("19"), QStringLiteral("9.41")},
                              {QStringLiteral("7"), QStringLiteral("0.42")}}));
        QCOMPARE(totals.value(QStringLiteral("tax")).toString(), QStringLiteral("9.83"));
        QCOMPARE(totals.value(QStringLiteral("gross")).toString(), QStringLiteral("65.30"));
        QCOMPARE(now.value(QStringLiteral("total")).toString(), QStringLiteral("65.30"));
        const QJsonArray items = now.value(QStringLiteral("items")).toArray();
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("discount")).toObject(),
                 (QJsonObject{{QStringLiteral("percent"), QStringLiteral("10")}}));
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("net")).toString(),
                 QStringLiteral("49.51"));
        QCOMPARE(items.at(1).toObject().value(QStringLiteral("tax")).toString(),
                 QStringLiteral("0.42"));

        // No discount larger than what it comes off; none to remove; only one kind at once.
        const qint64 before = events();
        OT_EXPECT_ERROR(run(QStringLiteral("SetLineDiscount"),
                            {{QStringLiteral("productId"), QStringLiteral("TEA")},
                             {QStringLiteral("amount"), QStringLiteral("8.01")}}),
                        ErrorCode::Rejected, QStringLiteral("more than"));
        OT_EXPECT_ERROR(run(QStringLiteral("SetOrderDiscount"),
                            {{QStringLiteral("amount"), QStringLiteral("60.48")}}),
                        ErrorCode::Rejected, QStringLiteral("more than"));
        OT_EXPECT_ERROR(run(QStringLiteral("SetOrderDiscount"),
                            {{QStringLiteral("percent"), QStringLiteral("100.5")}}),
                        ErrorCode::Invalid, QStringLiteral("100"));
        OT_EXPECT_ERROR(run(QStringLiteral("SetOrderDiscount"),
                            {{QStringLiteral("percent"), QStringLiteral("5")},
                             {QStringLiteral("amount"), QStringLiteral("5.00")}}),
                        ErrorCode::Invalid, QStringLiteral("one of"));
        OT_EXPECT_ERROR(run(QStringLiteral("SetOrderDiscount"), {{QStringLiteral("percent"), 5}}),
                        ErrorCode::Invalid, QStringLiteral("percent"));
        QCOMPARE(events(), before);

        // 0 removes a discount; removing none is refused.
        OT_REQUIRE(run(QStringLiteral("SetOrderDiscount"),
                       {{QStringLiteral("percent"), QStringLiteral("0")}}));
        QVERIFY(!state().contains(QStringLiteral("orderDiscount")));
        OT_EXPECT_ERROR(run(QStringLiteral("SetOrderDiscount"),
                            {{QStringLiteral("amount"), QStringLiteral("0.00")}}),
                        ErrorCode::Rejected, QStringLiteral("no discount"));
        // 100 % off a line leaves it at zero, never below; a quantity cut below an amount
        // discount leaves the line at zero too.
        OT_REQUIRE(run(QStringLiteral("ChangeItemQuantity"),
                       {{QStringLiteral("productId"), QStringLiteral("TEA")},
                        {QStringLiteral("quantity"), 1}}));
        OT_REQUIRE(run(QStringLiteral("ChangeItemQuantity"),
                       {{QStringLiteral("productId"), QStringLiteral("TEA")},
                        {QStringLiteral("quantity"), 1000}}));
        OT_REQUIRE(run(QStringLiteral("SetLineDiscount"),
                       {{QStringLiteral("productId"), QStringLiteral("TEA")},
                        {QStringLiteral("amount"), QStringLiteral("3999")}}));
        OT_REQUIRE(run(QStringLiteral("ChangeItemQuantity"),
                       {{QStringLiteral("productId"), QStringLiteral("TEA")},
                        {QStringLiteral("quantity"), 1}}));
        const QJsonObject tea = state().value(QStringLiteral("items")).toArray().at(1).toObject();
        QCOMPARE(tea.value(QStringLiteral("net")).toString(), QStringLiteral("0.00"));
        QCOMPARE(tea.value(QStringLiteral("gross")).toString(), QStringLiteral("0.00"));
    }

    // Notes: internal, append-only, with who and when, on an order in any state.
    void notesKeepWhoAndWhen() {
        OT_REQUIRE(run(QStringLiteral("AddItem"), line("MUG", "Mug", 1, "9.99", "19")));
        OT_REQUIRE(run(QStringLiteral("AddNote"),
                       {{QStringLiteral("text"), QStringLiteral("Customer asked for gift wrap.\n"
                                                                "Ring before 5.")}}));
        OT_REQUIRE(run(QStringLiteral("CancelOrder"),
                       {{QStringLiteral("reason"), QStringLiteral("duplicate")}}));
        OT_REQUIRE(run(QStringLiteral("AddNote"),
                       {{QStringLiteral("text"), QStringLiteral("Refund sent.")}},
                       QStringLiteral("bob")));
        const QJsonArray notes = state().value(QStringLiteral("notes")).toArray();
        QCOMPARE(notes.size(), 2);
        QCOMPARE(notes.at(0).toObject().value(QStringLiteral("userId")).toString(),
                 m_backend.isPostgres() ? m_service->sessionUser() : QStringLiteral("alice"));
        QCOMPARE(notes.at(1).toObject().value(QStringLiteral("text")).toString(),
                 QStringLiteral("Refund sent."));
        QVERIFY(!notes.at(1).toObject().value(QStringLiteral("at")).toString().isEmpty());
        const qint64 before = events();
        for (const QJsonValue &bad :
             {QJsonValue(QString()), QJsonValue(QStringLiteral(" x")),
              QJsonValue(QStringLiteral("bell\a")), QJsonValue(5), QJsonValue(QString(4001, u'x'))})
            OT_EXPECT_ERROR(run(QStringLiteral("AddNote"), {{QStringLiteral("text"), bad}}),
                            ErrorCode::Invalid, QStringLiteral("text"));
        QCOMPARE(events(), before);
    }

    // A confirmed order that has not shipped is amended only with a reason, which the events
    // keep; without one the command is refused as before.
    void confirmedOrdersAreAmendedWithAReason() {
        OT_REQUIRE(run(QStringLiteral("AddItem"), line("MUG", "Mug", 2, "9.99", "19")));
        OT_REQUIRE(run(QStringLiteral("ConfirmOrder"), {}));
        const qint64 before = events();
        OT_EXPECT_ERROR(run(QStringLiteral("AddItem"), line("TEA", "Tea", 1, "4.00", "7")),
                        ErrorCode::Rejected, QStringLiteral("needs a 'reason'"));
        OT_EXPECT_ERROR(run(QStringLiteral("ChangeItemQuantity"),
                            {{QStringLiteral("productId"), QStringLiteral("MUG")},
                             {QStringLiteral("quantity"), 3}}),
                        ErrorCode::Rejected, QStringLiteral("is confirmed"));
        QCOMPARE(events(), before);

        const QString why = QStringLiteral("customer called on 3 May");
        QJsonObject tea = line("TEA", "Tea", 1, "4.00", "7");
        tea.insert(QStringLiteral("reason"), why);
        auto added = run(QStringLiteral("AddItem"), tea);
        OT_REQUIRE(added);
        QCOMPARE(added->first().data.value(QStringLiteral("reason")).toString(), why);
        OT_REQUIRE(run(QStringLiteral("ChangeItemQuantity"),
                       {{QStringLiteral("productId"), QStringLiteral("MUG")},
                        {QStringLiteral("quantity"), 3},
                        {QStringLiteral("reason"), why}}));
        OT_REQUIRE(run(
            QStringLiteral("SetOrderDiscount"),
            {{QStringLiteral("percent"), QStringLiteral("5")}, {QStringLiteral("reason"), why}}));
        OT_REQUIRE(
            run(QStringLiteral("RemoveItem"), {{QStringLiteral("productId"), QStringLiteral("TEA")},
                                               {QStringLiteral("reason"), why}}));
        QCOMPARE(state().value(QStringLiteral("status")).toString(), QStringLiteral("confirmed"));
        // The last line stays: cancelling is the way to empty a confirmed order.
        OT_EXPECT_ERROR(
            run(QStringLiteral("RemoveItem"), {{QStringLiteral("productId"), QStringLiteral("MUG")},
                                               {QStringLiteral("reason"), why}}),
            ErrorCode::Rejected, QStringLiteral("last line"));
        // Once shipped, no reason amends it.
        OT_REQUIRE(run(QStringLiteral("ShipOrder"), {}));
        OT_EXPECT_ERROR(run(QStringLiteral("ChangeItemQuantity"),
                            {{QStringLiteral("productId"), QStringLiteral("MUG")},
                             {QStringLiteral("quantity"), 4},
                             {QStringLiteral("reason"), why}}),
                        ErrorCode::Rejected, QStringLiteral("is shipped"));
        // A blank reason is no reason.
        OT_EXPECT_ERROR(run(QStringLiteral("ChangeItemQuantity"),
                            {{QStringLiteral("productId"), QStringLiteral("MUG")},
                             {QStringLiteral("quantity"), 4},
                             {QStringLiteral("reason"), QString()}}),
                        ErrorCode::Invalid, QStringLiteral("reason"));
    }

    // Past a snapshot, in the new shape: the order loaded from it is the replayed one, and the
    // deep check finds the history, the snapshots and the rules intact.
    void editedHistoryStaysProvable() {
        OT_REQUIRE(run(QStringLiteral("AddItem"), line("MUG", "Mug", 2, "9.99", "19")));
        OT_REQUIRE(run(QStringLiteral("SetLineDiscount"),
                       {{QStringLiteral("productId"), QStringLiteral("MUG")},
                        {QStringLiteral("percent"), QStringLiteral("12.5")}}));
        for (int i = 0; i < 110; ++i)
            OT_REQUIRE(run(QStringLiteral("ChangeItemQuantity"),
                           {{QStringLiteral("productId"), QStringLiteral("MUG")},
                            {QStringLiteral("quantity"), 3 + i}}));
        OT_REQUIRE(
            run(QStringLiteral("AddNote"), {{QStringLiteral("text"), QStringLiteral("ok")}}));
        OrderAggregate replayed(Order);
        replayed.loadFromHistory(m_service->history(Order).value());
        QCOMPARE(state(), replayed.toJson());
        const IntegrityReport report = m_service->verify().value();
        QVERIFY2(
            report.intact(),
            qPrintable(report.problems.isEmpty() ? QString() : report.problems.first().detail));
    }

    // A shipping address is personal data: sealed under the customer's key as it is stored,
    // opened for readers, changed after confirmation only with a reason, never kept for a guest
    // (nobody could erase it), and erased with the customer, after which none can be set.
    void shippingAddressesAreSealedAndErasable() {
        const Address bern{QStringLiteral("Marktgasse 1"),
                           {},
                           QStringLiteral("3011"),
                           QStringLiteral("Bern"),
                           QStringLiteral("CH")};
        OT_EXPECT_ERROR(
            m_service->execute(OrderService::command(Order, OrderCommands::setShippingAddress(bern),
                                                     QStringLiteral("alice"))),
            ErrorCode::Rejected, QStringLiteral("guest order"));

        const auto [customer, id] = registeredOrder();
        const auto send = [&](const CommandBody &body) {
            return m_service->execute(OrderService::command(id, body, QStringLiteral("alice")));
        };
        OT_REQUIRE(send(OrderCommands::setShippingAddress(bern)));
        QCOMPARE(m_service->order(id).value()->shippingAddress(), QJsonValue(bern.toJson()));
        auto stored = m_service->store().read({OrderAggregate::Type, id});
        OT_REQUIRE(stored);
        const QJsonValue sealedAddress = stored->last().data.value(OrderField::ShippingAddress);
        QVERIFY(sealed::isSealed(sealedAddress));
        QCOMPARE(sealed::subjectOf(sealedAddress), customer);
        QVERIFY(!QJsonDocument(stored->last().data).toJson().contains("Marktgasse"));

        // Bad addresses are refused with what is wrong.
        OT_EXPECT_ERROR(send({QStringLiteral("SetShippingAddress"),
                              {{OrderField::ShippingAddress,
                                QJsonObject{{QStringLiteral("city"), QStringLiteral("Bern")},
                                            {QStringLiteral("country"), QStringLiteral("CH")}}}}}),
                        ErrorCode::Invalid, QStringLiteral("line1"));
        OT_EXPECT_ERROR(send({QStringLiteral("SetShippingAddress"),
                              {{OrderField::ShippingAddress, QStringLiteral("Bern")}}}),
                        ErrorCode::Invalid, QStringLiteral("must be an object"));

        // Confirmed: an amendment, with its reason in the history.
        OT_REQUIRE(send(OrderCommands::addItem(QStringLiteral("MUG"), QStringLiteral("Mug"), 1,
                                               QStringLiteral("9.99"))));
        OT_REQUIRE(send(OrderCommands::confirm()));
        const Address zurich{QStringLiteral("Bahnhofstrasse 2"),
                             {},
                             QStringLiteral("8001"),
                             QStringLiteral("Zürich"),
                             QStringLiteral("CH")};
        OT_EXPECT_ERROR(send(OrderCommands::setShippingAddress(zurich)), ErrorCode::Rejected,
                        QStringLiteral("needs a 'reason'"));
        auto amended = send(OrderCommands::amended(OrderCommands::setShippingAddress(zurich),
                                                   QStringLiteral("moved")));
        OT_REQUIRE(amended);
        QCOMPARE(amended->first().data.value(OrderField::Reason).toString(),
                 QStringLiteral("moved"));
        QCOMPARE(m_service->order(id).value()->shippingAddress(), QJsonValue(zurich.toJson()));

        // Forgotten: every address is erased, the history still verifies, and nothing new
        // about the customer can be stored (no key is made again).
        OT_REQUIRE(m_service->execute(OrderService::command(
            customer, CustomerCommands::forget(QStringLiteral("asked")), QStringLiteral("alice"))));
        QCOMPARE(m_service->order(id).value()->shippingAddress(), sealed::erased());
        const QList<DomainEvent> history = m_service->history(id).value();
        for (const DomainEvent &event : history) {
            if (event.type == QStringLiteral("ShippingAddressSet"))
                QCOMPARE(event.data.value(OrderField::ShippingAddress), sealed::erased());
        }
        OT_EXPECT_ERROR(send(OrderCommands::amended(OrderCommands::setShippingAddress(bern),
                                                    QStringLiteral("back"))),
                        ErrorCode::Rejected, QStringLiteral("erased"));
        const IntegrityReport report = m_service->verify().value();
        QVERIFY2(
            report.intact(),
            qPrintable(report.problems.isEmpty() ? QString() : report.problems.first().detail));
    }

    // The deep check refuses an address sealed for someone else than the order's customer, or
    // stored open.
    void addressSealedForAnotherIsRefused() {
        const auto [customer, id] = registeredOrder();
        OrderAggregate order(id);
        order.loadFromHistory(m_service->store().read({OrderAggregate::Type, id}).value());
        DomainEvent forged = storedOrderEvent(id, "ShippingAddressSet", 1);
        const QJsonObject bern{{QStringLiteral("line1"), QStringLiteral("Marktgasse 1")},
                               {QStringLiteral("city"), QStringLiteral("Bern")},
                               {QStringLiteral("country"), QStringLiteral("CH")}};
        const auto sealedFor = [&](const QString &subject) {
            return sealed::seal(sealed::newKey(), subject, bern).value();
        };
        forged.data = {{OrderField::ShippingAddress, sealedFor(customer)}};
        OT_REQUIRE(order.admit(forged));
        forged.data = {{OrderField::ShippingAddress, sealedFor(QStringLiteral("CUST-999"))}};
        OT_EXPECT_ERROR(order.admit(forged), ErrorCode::Rejected,
                        QStringLiteral("sealed for CUST-999"));
        forged.data = {{OrderField::ShippingAddress, bern}};
        OT_EXPECT_ERROR(order.admit(forged), ErrorCode::Rejected, QStringLiteral("sealed"));
    }

    // A preview runs the real rules and stores nothing; its refusal names the command.
    void previewsStoreNothing() {
        OT_REQUIRE(run(QStringLiteral("AddItem"), line("MUG", "Mug", 2, "10.00", "19")));
        OT_REQUIRE(run(QStringLiteral("ConfirmOrder"), {}));
        const qint64 before = m_service->countEvents({}).value();
        const auto amend = [&](const CommandBody &body) {
            return OrderService::command(
                Order, OrderCommands::amended(body, QStringLiteral("customer called")),
                QStringLiteral("alice"));
        };
        auto preview = m_service->preview(
            {amend(OrderCommands::changeQuantity(QStringLiteral("MUG"), 3)),
             amend(OrderCommands::setOrderDiscount(QStringLiteral("10"), true))});
        OT_REQUIRE(preview);
        QCOMPARE(preview.value()->total().toString(), QStringLiteral("32.13")); // 27.00 + 19 %
        QCOMPARE(preview.value()->version(), 5);
        QCOMPARE(m_service->countEvents({}).value(), before);
        QCOMPARE(m_service->order(Order).value()->version(), 3);
        QCOMPARE(m_service->orderPage({}, {}, 10).value().first().total.toString(),
                 QStringLiteral("23.80"));

        qsizetype failedAt = -1;
        OT_EXPECT_ERROR(
            m_service->preview({amend(OrderCommands::changeQuantity(QStringLiteral("MUG"), 3)),
                                amend(OrderCommands::removeItem(QStringLiteral("TEA")))},
                               &failedAt),
            ErrorCode::Rejected, QStringLiteral("not in order"));
        QCOMPARE(failedAt, 1);
        QCOMPARE(m_service->countEvents({}).value(), before);
        OT_EXPECT_ERROR(m_service->preview({}), ErrorCode::Invalid, QStringLiteral("no command"));
    }

    // The list's totals: per status and currency, summed exactly, never across currencies.
    void tallyAddsUpPerCurrency() {
        const auto order = [&](const QString &currency, const char *price, bool confirm) {
            auto id = m_service->createOrder(QStringLiteral("GUEST-2"), currency,
                                             QStringLiteral("alice"));
            OT_REQUIRE(id);
            const auto send = [&](const CommandBody &body) {
                return m_service->execute(
                    OrderService::command(id.value(), body, QStringLiteral("alice")));
            };
            OT_REQUIRE(send(OrderCommands::addItem(QStringLiteral("X"), QStringLiteral("X"), 1,
                                                   QLatin1String(price), QStringLiteral("10"))));
            if (confirm)
                OT_REQUIRE(send(OrderCommands::confirm()));
        };
        order(QStringLiteral("EUR"), "10.00", true);
        order(QStringLiteral("EUR"), "0.10", false);
        order(QStringLiteral("CHF"), "999999999.99", true);
        order(QStringLiteral("CHF"), "999999999.99", true);
        const OrderTally tally = m_service->orderTally().value();
        QCOMPARE(tally.count(), 5); // and the empty guest order of init()
        QCOMPARE(tally.count(OrderStatus::Confirmed), 3);
        const auto all = tally.gross();
        QCOMPARE(all.value(QStringLiteral("EUR"))->toString(), QStringLiteral("11.11"));
        // 2 × 1,099,999,999.99: past a billion cents, summed in two parts and put together.
        QCOMPARE(all.value(QStringLiteral("CHF"))->toString(), QStringLiteral("2199999999.98"));
        QCOMPARE(tally.gross(OrderStatus::Created).value(QStringLiteral("EUR"))->toString(),
                 QStringLiteral("0.11"));
        QVERIFY(!tally.gross(OrderStatus::Created).contains(QStringLiteral("CHF")));
        QCOMPARE(m_service->orderTally(QStringLiteral("GUEST-2")).value().count(), 4);
    }

    // The deep check's view of a forged quantity change: the previous quantity it records must
    // be the line's.
    void forgedPreviousQuantityIsRefused() {
        OrderAggregate order(Order);
        OT_REQUIRE(run(QStringLiteral("AddItem"), line("MUG", "Mug", 2, "9.99", "19")));
        order.loadFromHistory(m_service->history(Order).value());
        DomainEvent forged = storedOrderEvent(Order, "ItemQuantityChanged", 1);
        forged.data = {{QStringLiteral("productId"), QStringLiteral("MUG")},
                       {QStringLiteral("quantity"), 5},
                       {QStringLiteral("previousQuantity"), 7}};
        OT_EXPECT_ERROR(order.admit(forged), ErrorCode::Rejected,
                        QStringLiteral("previous quantity of 7"));
        forged.data.insert(QStringLiteral("previousQuantity"), 2);
        OT_REQUIRE(order.admit(forged));
        forged.data.insert(QStringLiteral("note"), QStringLiteral("extra"));
        OT_EXPECT_ERROR(order.admit(forged), ErrorCode::Rejected, QStringLiteral("not what"));
    }

    // The deep check compares stored data with the normal form the command records, field by
    // field: a price or rate written otherwise, a number as text or a text with a trailing
    // space is refused.
    void storedDataMustBeTheNormalForm() {
        OrderAggregate order(Order);
        order.loadFromHistory(m_service->history(Order).value());
        DomainEvent stored = storedOrderEvent(Order, "ItemAdded", 3);
        const QJsonObject normal{{QStringLiteral("productId"), QStringLiteral("MUG")},
                                 {QStringLiteral("name"), QStringLiteral("Mug")},
                                 {QStringLiteral("quantity"), 2},
                                 {QStringLiteral("price"), QStringLiteral("9.90")},
                                 {QStringLiteral("taxRate"), QStringLiteral("7.5")}};
        stored.data = normal;
        OT_REQUIRE(order.admit(stored));
        for (const auto &[field, value] :
             {std::pair{QStringLiteral("price"), QJsonValue(QStringLiteral("9.9"))},
              std::pair{QStringLiteral("taxRate"), QJsonValue(QStringLiteral("7.50"))},
              std::pair{QStringLiteral("quantity"), QJsonValue(QStringLiteral("2"))},
              std::pair{QStringLiteral("name"), QJsonValue(QStringLiteral("Mug "))}}) {
            stored.data = normal;
            stored.data.insert(field, value);
            QVERIFY2(!order.admit(stored), qPrintable(field));
        }
    }

    // An order the older shapes can say is snapshotted in them as they said it (the total was
    // the net); one with a discount or a note is not.
    void olderSnapshotShapesSayWhatTheyCould() {
        OT_REQUIRE(run(QStringLiteral("AddItem"), line("MUG", "Mug", 2, "10.00", "19")));
        OrderAggregate order(Order);
        order.loadFromHistory(m_service->history(Order).value());
        const auto shape2 = order.snapshotAs(2);
        QVERIFY(shape2);
        QCOMPARE(shape2->value(QStringLiteral("total")).toString(), QStringLiteral("20.00"));
        QVERIFY(!shape2->contains(QStringLiteral("totals")));
        QCOMPARE(shape2->value(QStringLiteral("items")).toArray().at(0).toObject().keys(),
                 (QStringList{QStringLiteral("name"), QStringLiteral("price"),
                              QStringLiteral("productId"), QStringLiteral("quantity"),
                              QStringLiteral("taxRate")}));
        QCOMPARE(order.snapshotAs(3)->value(QStringLiteral("total")).toString(),
                 QStringLiteral("23.80"));
        OT_REQUIRE(run(QStringLiteral("AddNote"), {{QStringLiteral("text"), QStringLiteral("x")}}));
        order.loadFromHistory(m_service->history(Order).value().mid(2));
        QVERIFY(!order.snapshotAs(2));
    }

    // A database schema 6 wrote (tests/fixtures/README.md): every event and hash stays, the
    // orders read in the default currency, the list's rows are priced again (the total is now
    // the gross), and the checkpoint taken then still passes.
    void upgradeFromSchema6KeepsEveryEventAndPricesTheList() {
        const DatabaseUrl url = m_backend.fixtureDatabase(QStringLiteral("schema6"));
        QString checkpoint;
        if (m_backend.isPostgres()) {
            checkpoint =
                QStringLiteral("ot1:97024:27:161:"
                               "66b35e9fec2a32203960f8835e1fd9c167fa6d35e8809066217897725b17bf04");
        } else {
            checkpoint = QStringLiteral(
                "ot1:161:27:161:864f1f79bb3ebacd88d4d9c513f021bc1c2c93a823294b3447b562809459c1a2");
        }
        const QStringList before = storedEvents(url);
        QVERIFY(before.size() > 100);
        OT_REQUIRE(admin::initialize(url));
        QCOMPARE(storedEvents(url), before);

        auto opened = OrderService::open(url, OpenMode::ExistingOnly);
        OT_REQUIRE(opened);
        OrderService &service = *opened.value();
        const IntegrityReport report =
            service.verify(OrderService::Verify::Deep, {}, Checkpoint::parse(checkpoint).value())
                .value();
        QVERIFY2(report.intact(), qPrintable(describe(report).join(u'\n')));
        QCOMPARE(report.eventsChecked, qint64(before.size()));
        // 2 × 24.50 at 19 % (49.00 + 9.31) and 10.00 at 7 % (0.70): net 59.00, tax 10.01.
        auto order = service.order(QStringLiteral("T-1"));
        OT_REQUIRE(order);
        QCOMPARE(order.value()->currency(), QStringLiteral("EUR"));
        QCOMPARE(order.value()->total(), Money::fromCents(6901));
        auto listed = service.orderPage({QStringLiteral("T-1"), std::nullopt, OrderSort::Id, false},
                                        std::nullopt, 10);
        OT_REQUIRE(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().total, Money::fromCents(6901));
        QCOMPARE(listed->first().net, Money::fromCents(5900));
        QCOMPARE(listed->first().tax, Money::fromCents(1001));
        QCOMPARE(listed->first().currency, QStringLiteral("EUR"));
        // Done once: the mark is gone, and the rows stay as computed.
        RawConnection raw(url);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM ordertrail_meta WHERE key = "
                                          "'rebuild_read_models'"))
                     .toInt(),
                 0);
        // The old order goes on, with the new commands; the checkpoint still holds after.
        OT_REQUIRE(service.execute(
            makeCommand(QStringLiteral("T-1"), QStringLiteral("SetOrderDiscount"),
                        {{QStringLiteral("amount"), QStringLiteral("1.00")},
                         {QStringLiteral("reason"), QStringLiteral("late delivery")}})));
        QCOMPARE(storedEvents(url).mid(0, before.size()), before);
        QVERIFY(
            service.verify(OrderService::Verify::Deep, {}, Checkpoint::parse(checkpoint).value())
                .value()
                .intact());
    }
};

QTEST_GUILESS_MAIN(TestEditing)
#include "test_editing.moc"
