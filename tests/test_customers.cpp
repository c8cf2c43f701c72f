// Customers, the product catalogue and erasure, on each backend: every command and rule, the
// copies an order takes, and a customer forgotten end to end (every view shows the data erased,
// no copy of the key survives, every hash, checkpoint and replay still holds), attacked as each
// PostgreSQL role; and the upgrade of a database the previous version wrote.

#include "TestSupport.h"
#include "es/EventHash.h"
#include "es/Sealed.h"
#include "service/Administration.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>

using namespace ot;
using namespace ot::test;

namespace {

const QString Anna = QStringLiteral("Anna Müller-Lüdenscheidt");

QJsonObject berlin() {
    return {{QStringLiteral("line1"), QStringLiteral("Hauptstraße 1")},
            {QStringLiteral("postalCode"), QStringLiteral("10115")},
            {QStringLiteral("city"), QStringLiteral("Berlin")},
            {QStringLiteral("country"), QStringLiteral("de")}};
}

QJsonObject registration() {
    return {{QStringLiteral("name"), Anna},
            {QStringLiteral("email"), QStringLiteral("anna@example.de")},
            {QStringLiteral("phone"), QStringLiteral("+49 30 1234567")},
            {QStringLiteral("shippingAddress"), berlin()}};
}

QStringList names(std::initializer_list<const char *> list) {
    QStringList names;
    for (const char *name : list)
        names << QLatin1String(name);
    return names;
}

QJsonObject product(const char *name, const char *price, const char *rate) {
    return {{QStringLiteral("name"), QLatin1String(name)},
            {QStringLiteral("unitPrice"), QLatin1String(price)},
            {QStringLiteral("taxRate"), QLatin1String(rate)}};
}

} // namespace

class TestCustomers : public QObject {
    Q_OBJECT

private:
    TestBackend m_backend;
    SequentialIds m_ids;

    bool pg() const { return m_backend.isPostgres(); }

    std::unique_ptr<OrderService> open(const DatabaseUrl &url) {
        return openService(url, OpenMode::CreateIfMissing, {nullptr, &m_ids});
    }

    // A login of `role` on PostgreSQL (the owner stays on SQLite, which has no logins).
    DatabaseUrl login(const DatabaseUrl &url, const QString &user, admin::Role role) {
        return pg() ? TestBackend::login(url, user, role) : url;
    }

    static Result<QList<DomainEvent>> run(OrderService &service, const QString &id,
                                          const QString &type, const QJsonObject &data) {
        return service.execute(makeCommand(id, type, data));
    }

    static qint64 eventCount(const DatabaseUrl &url) {
        RawConnection raw(url);
        return raw.value(QStringLiteral("SELECT count(*) FROM events")).toLongLong();
    }

    static QByteArray fileBytes(const QString &path) {
        QByteArray all;
        for (const QString &file : {path, QString(path + QStringLiteral("-wal"))}) {
            QFile f(file);
            if (f.open(QIODevice::ReadOnly))
                all += f.readAll();
        }
        return all;
    }

private slots:
    void initTestCase() {
        if (const QString why = m_backend.unavailable(); !why.isEmpty())
            QSKIP(qPrintable(why));
    }

    void customerCommandsAreValidatedAndChangeNothingWhenBad_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QJsonObject>("data");
        QTest::addColumn<QString>("message");
        const auto with = [](const QString &field, const QJsonValue &value) {
            QJsonObject data = registration();
            data.insert(field, value);
            return data;
        };
        QJsonObject noName = registration();
        noName.remove(QStringLiteral("name"));
        QJsonObject badCountry = berlin();
        badCountry.insert(QStringLiteral("country"), QStringLiteral("XX"));
        QJsonObject noCity = berlin();
        noCity.remove(QStringLiteral("city"));
        const QString reg = QStringLiteral("RegisterCustomer");
        QTest::newRow("no name") << reg << noName << "needs 'name'";
        QTest::newRow("empty name") << reg << with(QStringLiteral("name"), QString()) << "empty";
        QTest::newRow("name a number") << reg << with(QStringLiteral("name"), 7) << "string";
        QTest::newRow("control character")
            << reg << with(QStringLiteral("name"), QStringLiteral("A\x01")) << "control";
        QTest::newRow("huge name")
            << reg << with(QStringLiteral("name"), QString(5000, u'x')) << "too long";
        QTest::newRow("e-mail without @")
            << reg << with(QStringLiteral("email"), QStringLiteral("anna.example.de")) << "e-mail";
        QTest::newRow("e-mail without domain")
            << reg << with(QStringLiteral("email"), QStringLiteral("anna@localhost")) << "e-mail";
        QTest::newRow("phone of letters")
            << reg << with(QStringLiteral("phone"), QStringLiteral("call me")) << "telephone";
        QTest::newRow("unknown country")
            << reg << with(QStringLiteral("billingAddress"), badCountry) << "ISO 3166-1";
        QTest::newRow("address without city")
            << reg << with(QStringLiteral("shippingAddress"), noCity) << "needs 'city'";
        QTest::newRow("address a string")
            << reg << with(QStringLiteral("shippingAddress"), QStringLiteral("Berlin"))
            << "must be an object";
        QTest::newRow("unknown field")
            << reg << with(QStringLiteral("vip"), true) << "unknown field 'vip'";
        QTest::newRow("sealed by the client")
            << reg
            << with(QStringLiteral("name"),
                    QJsonObject{{QStringLiteral("sealed"), QStringLiteral("AAAA")},
                                {QStringLiteral("subject"), QStringLiteral("C-1")}})
            << "string";
        QTest::newRow("forget without reason")
            << QStringLiteral("ForgetCustomer") << QJsonObject() << "needs 'reason'";
    }
    void customerCommandsAreValidatedAndChangeNothingWhenBad() {
        QFETCH(QString, type);
        QFETCH(QJsonObject, data);
        QFETCH(QString, message);
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = open(url);
        auto done = run(*service, QStringLiteral("C-1"), type, data);
        QVERIFY(!done);
        QCOMPARE(done.error().code, ErrorCode::Invalid);
        QVERIFY2(done.error().message.contains(message), qPrintable(done.error().message));
        QCOMPARE(eventCount(url), 0);
        // The same check before any database is opened.
        QVERIFY(!OrderService::parseCommand(
            CustomerWord::Type, QStringLiteral("C-1"),
            json({{QStringLiteral("type"), type}, {QStringLiteral("data"), data}}),
            QStringLiteral("alice"), m_ids));
    }

    void customerRules() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = open(url);
        const QString id = QStringLiteral("C-1");
        OT_REQUIRE(run(*service, id, QStringLiteral("RegisterCustomer"), registration()));
        OT_EXPECT_ERROR(run(*service, id, QStringLiteral("RegisterCustomer"), registration()),
                        ErrorCode::Rejected, QStringLiteral("already exists"));
        OT_EXPECT_ERROR(run(*service, QStringLiteral("C-2"), QStringLiteral("ForgetCustomer"),
                            {{QStringLiteral("reason"), QStringLiteral("x")}}),
                        ErrorCode::NotFound, QStringLiteral("does not exist"));
        // A change replaces the fields it names; null clears an optional one, never the name.
        OT_REQUIRE(run(*service, id, QStringLiteral("ChangeCustomerDetails"),
                       {{QStringLiteral("email"), QJsonValue::Null},
                        {QStringLiteral("billingAddress"), berlin()}}));
        OT_EXPECT_ERROR(run(*service, id, QStringLiteral("ChangeCustomerDetails"),
                            {{QStringLiteral("name"), QJsonValue::Null}}),
                        ErrorCode::Invalid, QStringLiteral("'name' must be a string"));
        OT_EXPECT_ERROR(run(*service, id, QStringLiteral("ChangeCustomerDetails"), {}),
                        ErrorCode::Invalid, QStringLiteral("at least one"));
        auto customer = service->customer(id);
        OT_REQUIRE(customer);
        QCOMPARE(customer.value()->field(QStringLiteral("name")).toString(), Anna);
        QVERIFY(customer.value()->field(QStringLiteral("email")).isUndefined());
        QCOMPARE(customer.value()
                     ->field(QStringLiteral("billingAddress"))
                     .toObject()
                     .value(QStringLiteral("country"))
                     .toString(),
                 QStringLiteral("DE"));

        // Search by number, name, e-mail or city, ignoring case beyond ASCII.
        OT_REQUIRE(run(*service, QStringLiteral("C-2"), QStringLiteral("RegisterCustomer"),
                       {{QStringLiteral("name"), QStringLiteral("Émile Zola")},
                        {QStringLiteral("billingAddress"),
                         QJsonObject{{QStringLiteral("line1"), QStringLiteral("1 rue X")},
                                     {QStringLiteral("city"), QStringLiteral("Paris")},
                                     {QStringLiteral("country"), QStringLiteral("FR")}}}}));
        const auto ids = [&](const QString &search) {
            QStringList found;
            const auto page = service->customerPage(search, {}, {}, 10);
            for (const CustomerSummary &row : page.value())
                found << row.customerId;
            return found;
        };
        QCOMPARE(ids(QStringLiteral("MÜLLER")), QStringList{id});
        QCOMPARE(ids(QStringLiteral("émile")), QStringList{QStringLiteral("C-2")});
        QCOMPARE(ids(QStringLiteral("paris")), QStringList{QStringLiteral("C-2")});
        QCOMPARE(ids(QStringLiteral("c-")), (QStringList{id, QStringLiteral("C-2")}));
        QCOMPARE(service->customerPage({}, {}, id, 10).value().size(), 1); // after C-1
        auto registered = service->registerCustomer(
            CustomerCommands::registerCustomer(QStringLiteral("Next"), {}, {}, {}, {}),
            QStringLiteral("alice"));
        OT_REQUIRE(registered);
        QCOMPARE(registered.value(), QStringLiteral("CUST-000003"));
    }

    void productRulesAndCatalogueLines() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto service = open(url);
        const QString sku = QStringLiteral("SKU-MUG");
        OT_EXPECT_ERROR(
            run(*service, sku, QStringLiteral("AddProduct"), product("Mug", "9.99", "101")),
            ErrorCode::Invalid, QStringLiteral("between 0 and 100"));
        OT_EXPECT_ERROR(
            run(*service, sku, QStringLiteral("AddProduct"), product("Mug", "9.99", "19\n")),
            ErrorCode::Invalid, QStringLiteral("decimal string"));
        OT_EXPECT_ERROR(run(*service, sku, QStringLiteral("AddProduct"),
                            {{QStringLiteral("name"), QStringLiteral("Mug")},
                             {QStringLiteral("unitPrice"), QStringLiteral("9.99")},
                             {QStringLiteral("taxRate"), 19}}),
                        ErrorCode::Invalid, QStringLiteral("decimal string"));
        QCOMPARE(eventCount(url), 0);
        auto added =
            run(*service, sku, QStringLiteral("AddProduct"), product("Mug", "9.99", "7.50"));
        OT_REQUIRE(added);
        QCOMPARE(added->front().data.value(QStringLiteral("taxRate")).toString(),
                 QStringLiteral("7.5"));
        OT_EXPECT_ERROR(run(*service, sku, QStringLiteral("ChangeProductPrice"),
                            {{QStringLiteral("unitPrice"), QStringLiteral("9.99")}}),
                        ErrorCode::Rejected, QStringLiteral("already"));

        // The line copies the catalogue as it is then: a later price is not the order's.
        OT_REQUIRE(run(*service, QStringLiteral("O-1"), QStringLiteral("CreateOrder"),
                       {{QStringLiteral("customerId"), QStringLiteral("GUEST-1")}}));
        OT_REQUIRE(service->execute(OrderService::command(QStringLiteral("O-1"),
                                                          OrderCommands::addCatalogueItem(sku, 3),
                                                          QStringLiteral("bob"))));
        OT_REQUIRE(run(*service, sku, QStringLiteral("ChangeProductPrice"),
                       {{QStringLiteral("unitPrice"), QStringLiteral("12.00")},
                        {QStringLiteral("reason"), QStringLiteral("supplier")}}));
        auto order = service->order(QStringLiteral("O-1"));
        OT_REQUIRE(order);
        QVERIFY(order.value()->customerName().isUndefined()); // a guest: no name
        QCOMPARE(order.value()->items().size(), 1);
        QCOMPARE(order.value()->items().front().name, QStringLiteral("Mug"));
        QCOMPARE(order.value()->items().front().taxRate, QStringLiteral("7.5"));
        // Gross: 29.97 and 7.5 % tax, 2.24775 → 2.25.
        QCOMPARE(order.value()->total().toString(), QStringLiteral("32.22"));
        // Typed by hand, the original route's shape, with or without a tax rate.
        OT_REQUIRE(service->execute(OrderService::command(
            QStringLiteral("O-1"),
            OrderCommands::addItem(QStringLiteral("X-1"), QStringLiteral("Hand"), 1,
                                   QStringLiteral("1.00"), QStringLiteral("19")),
            QStringLiteral("bob"))));
        OT_EXPECT_ERROR(
            service->execute(OrderService::command(
                QStringLiteral("O-1"), OrderCommands::addCatalogueItem(QStringLiteral("NOPE"), 1),
                QStringLiteral("bob"))),
            ErrorCode::NotFound, QStringLiteral("not in the catalogue"));

        OT_REQUIRE(run(*service, sku, QStringLiteral("DiscontinueProduct"), {}));
        OT_EXPECT_ERROR(run(*service, sku, QStringLiteral("DiscontinueProduct"), {}),
                        ErrorCode::Rejected, QStringLiteral("discontinued"));
        OT_REQUIRE(run(*service, QStringLiteral("O-2"), QStringLiteral("CreateOrder"),
                       {{QStringLiteral("customerId"), QStringLiteral("GUEST-1")}}));
        OT_EXPECT_ERROR(service->execute(OrderService::command(
                            QStringLiteral("O-2"), OrderCommands::addCatalogueItem(sku, 1),
                            QStringLiteral("bob"))),
                        ErrorCode::Rejected, QStringLiteral("discontinued"));
        auto history = service->streamHistory(ProductWord::Type, sku);
        OT_REQUIRE(history);
        QCOMPARE(history->size(), 3);
        const auto listed = service->productPage(QStringLiteral("mug"), {}, {}, 10);
        OT_REQUIRE(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->front().status, QStringLiteral("discontinued"));
        QCOMPARE(listed->front().unitPrice.toString(), QStringLiteral("12.00"));
        const IntegrityReport report = service->verify().value();
        QVERIFY(report.intact());
    }

    // The whole of erasure, as the staff login who forgets and the auditor who checks.
    void forgettingErasesEveryCopyAndKeepsTheProof() {
        const DatabaseUrl url = m_backend.freshDatabase();
        auto staff = open(login(url, QStringLiteral("cu_staff"), admin::Role::Staff));
        const QString id = QStringLiteral("CUST-ANNA");
        OT_REQUIRE(run(*staff, id, QStringLiteral("RegisterCustomer"), registration()));
        OT_REQUIRE(run(*staff, QStringLiteral("O-1"), QStringLiteral("CreateOrder"),
                       {{QStringLiteral("customerId"), id}}));
        OT_REQUIRE(run(*staff, QStringLiteral("O-1"), QStringLiteral("AddItem"),
                       {{QStringLiteral("productId"), QStringLiteral("P")},
                        {QStringLiteral("name"), QStringLiteral("Thing")},
                        {QStringLiteral("quantity"), 2},
                        {QStringLiteral("price"), QStringLiteral("5.00")}}));
        auto order = staff->order(QStringLiteral("O-1"));
        OT_REQUIRE(order);
        QCOMPARE(order.value()->customerName().toString(), Anna);
        QCOMPARE(order.value()->shippingAddress().toObject().value(QStringLiteral("city")),
                 QJsonValue(QStringLiteral("Berlin")));
        // Stored sealed: the name is nowhere in the event rows.
        {
            RawConnection raw(url);
            QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM events WHERE data LIKE "
                                              "'%Berlin%' OR data LIKE '%anna@%'"))
                         .toInt(),
                     0);
        }
        auto checkpoint = staff->checkpoint();
        OT_REQUIRE(checkpoint);
        RawConnection owner(url);
        const QString key = owner.value(QStringLiteral("SELECT key FROM subject_keys")).toString();
        QCOMPARE(key.size(), 64);

        auto forgotten = run(*staff, id, QStringLiteral("ForgetCustomer"),
                             {{QStringLiteral("reason"), QStringLiteral("Art. 17 request")}});
        OT_REQUIRE(forgotten);
        QCOMPARE(owner.value(QStringLiteral("SELECT count(*) FROM subject_keys")).toInt(), 0);
        if (!pg()) {
            // Not in the file, not in the log: secure_delete and the checkpoint of the log.
            const QByteArray bytes = fileBytes(url.path);
            QVERIFY(!bytes.contains(key.toLatin1()));
            QVERIFY(!bytes.contains(QByteArray::fromHex(key.toLatin1())));
            QVERIFY(!bytes.contains("anna@example.de"));
            QVERIFY(!bytes.contains(Anna.toUtf8()));
        }

        // Every view, as an auditor: erased, never the old value.
        auto auditor = open(login(url, QStringLiteral("cu_auditor"), admin::Role::Auditor));
        const auto erased = [](const QJsonValue &value) { return sealed::isErased(value); };
        auto customer = auditor->customer(id);
        OT_REQUIRE(customer);
        QVERIFY(customer.value()->forgotten());
        QVERIFY(erased(customer.value()->toJson().value(QStringLiteral("name"))));
        auto after = auditor->order(QStringLiteral("O-1"));
        OT_REQUIRE(after);
        QVERIFY(erased(after.value()->customerName()));
        QVERIFY(erased(after.value()->shippingAddress()));
        QCOMPARE(after.value()->total().toString(), QStringLiteral("10.00"));
        auto timeline = auditor->orderVersion(QStringLiteral("O-1"), 1);
        OT_REQUIRE(timeline);
        QVERIFY(erased(timeline->at->customerName()));
        QVERIFY(erased(timeline->event.data.value(QStringLiteral("customerName"))));
        auto history = auditor->streamHistory(CustomerWord::Type, id);
        OT_REQUIRE(history);
        QVERIFY(erased(history->front().data.value(QStringLiteral("name"))));
        QCOMPARE(history->back().type, QStringLiteral("CustomerForgotten"));
        QCOMPARE(history->back().data.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("Art. 17 request"));
        QCOMPARE(history->back().metadata.userId,
                 pg() ? QStringLiteral("cu_staff") : QStringLiteral("alice"));
        auto all = auditor->events({}, 0, 100);
        OT_REQUIRE(all);
        for (const DomainEvent &event : all.value()) {
            const QByteArray text = canonicalJson(event.data);
            QVERIFY2(!text.contains("Berlin") && !text.contains("sealed"), text.constData());
        }
        const auto rows = auditor->customerPage({}, {}, {}, 10);
        OT_REQUIRE(rows);
        QCOMPARE(rows->front().name, QString());
        QCOMPARE(rows->front().status, QStringLiteral("forgotten"));
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("all.csv"));
        OT_REQUIRE(auditor->exportCsv({}, csv, {}));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray exported = file.readAll();
        QVERIFY(!exported.contains("Berlin") && !exported.contains("anna@"));
        QVERIFY(exported.contains(R"({""erased"":true})"));

        // The proof holds: both depths, the checkpoint taken before, a rebuild.
        QVERIFY(auditor->verify(OrderService::Verify::Links).value().intact());
        const IntegrityReport deep =
            auditor->verify(OrderService::Verify::Deep, {}, checkpoint.value()).value();
        QVERIFY2(deep.intact(), qPrintable(describe(deep).join(u'\n')));
        QCOMPARE(deep.eventsChecked, 4);
        OT_REQUIRE(open(url)->rebuildProjections());
        QVERIFY(auditor->verify().value().intact());

        // Forgotten for good: nothing more is recorded about them, no order names them.
        OT_EXPECT_ERROR(run(*staff, id, QStringLiteral("ChangeCustomerDetails"),
                            {{QStringLiteral("name"), QStringLiteral("Anna")}}),
                        ErrorCode::Rejected, QStringLiteral("forgotten"));
        OT_EXPECT_ERROR(run(*staff, QStringLiteral("O-2"), QStringLiteral("CreateOrder"),
                            {{QStringLiteral("customerId"), id}}),
                        ErrorCode::Rejected, QStringLiteral("forgotten"));
    }

    // A customer's audit trail: its own events and its orders', a guest's orders by their id,
    // newest first a page at a time, counted, intersected with the other filters, exported, by
    // the owner and by an auditor, and followed as it commits.
    void auditByCustomerTakesInItsOrders() {
        const DatabaseUrl url = m_backend.freshDatabase();
        const QString staffName = QStringLiteral("cu_staff");
        const QString clerk = QStringLiteral("cu_clerk");
        auto staff = open(login(url, staffName, admin::Role::Staff));
        auto other = open(login(url, clerk, admin::Role::Staff));
        // On PostgreSQL the login is recorded; on SQLite the command's user, the same name.
        const auto as = [](OrderService &service, const QString &user, const char *id,
                           const char *type, const QJsonObject &data = {}) {
            return service.execute(makeCommand(QLatin1String(id), QLatin1String(type), data, user));
        };
        const auto customer = [](const char *id) {
            return QJsonObject{{QStringLiteral("customerId"), QLatin1String(id)}};
        };
        const QJsonObject item{{QStringLiteral("productId"), QStringLiteral("P")},
                               {QStringLiteral("name"), QStringLiteral("Thing")},
                               {QStringLiteral("quantity"), 1},
                               {QStringLiteral("price"), QStringLiteral("5.00")}};
        OT_REQUIRE(as(*staff, staffName, "CUST-000001", "RegisterCustomer", registration()));
        OT_REQUIRE(as(*staff, staffName, "CUST-000002", "RegisterCustomer", registration()));
        OT_REQUIRE(as(*staff, staffName, "O-1", "CreateOrder", customer("CUST-000001")));
        OT_REQUIRE(as(*other, clerk, "O-2", "CreateOrder", customer("CUST-000002")));
        OT_REQUIRE(as(*other, clerk, "O-1", "AddItem", item));
        OT_REQUIRE(as(*staff, staffName, "G-1", "CreateOrder", customer("CUST-ACME")));
        OT_REQUIRE(as(*staff, staffName, "O-2", "AddItem", item));
        OT_REQUIRE(as(*other, clerk, "CUST-000001", "ChangeCustomerDetails",
                      {{QStringLiteral("email"), QJsonValue::Null}}));
        OT_REQUIRE(as(*other, clerk, "O-3", "CreateOrder", customer("CUST-000001")));
        OT_REQUIRE(as(*staff, staffName, "O-1", "ConfirmOrder"));
        OT_REQUIRE(as(*other, clerk, "G-1", "AddItem", item));
        // A stream of another type under the id of one of the customer's orders is not one.
        OT_REQUIRE(as(*staff, staffName, "O-1", "AddProduct", product("Mug", "9.99", "19")));

        const auto streams = [](const QList<DomainEvent> &events) {
            QStringList names;
            for (const DomainEvent &e : events)
                names << QStringLiteral("%1/%2/%3")
                             .arg(e.aggregateType, e.aggregateId)
                             .arg(e.metadata.version);
            return names;
        };
        const auto trailOf = [](const char *id) {
            EventFilter filter;
            filter.relatedType = CustomerWord::Type;
            filter.relatedId = QLatin1String(id);
            return filter;
        };
        const QStringList first = names({"Order/O-1/3", "Order/O-3/1", "Customer/CUST-000001/2",
                                         "Order/O-1/2", "Order/O-1/1", "Customer/CUST-000001/1"});
        auto owner = open(url);
        auto auditor = open(login(url, QStringLiteral("cu_auditor"), admin::Role::Auditor));
        for (OrderService *reader : {owner.get(), auditor.get()}) {
            const auto newestFirst = [&](const EventFilter &filter, int pageSize) {
                QList<DomainEvent> events;
                for (qint64 from = 0;;) {
                    auto page = reader->events(filter, from, pageSize, Direction::NewestFirst);
                    if (!page || page->isEmpty())
                        return events;
                    events += page.value();
                    from = page->back().position;
                }
            };
            QCOMPARE(streams(newestFirst(trailOf("CUST-000001"), 2)), first);
            QCOMPARE(reader->countEvents(trailOf("CUST-000001")).value(), first.size());
            QCOMPARE(streams(newestFirst(trailOf("CUST-000002"), 5)),
                     names({"Order/O-2/2", "Order/O-2/1", "Customer/CUST-000002/1"}));
            QCOMPARE(streams(newestFirst(trailOf("CUST-ACME"), 1)),
                     names({"Order/G-1/2", "Order/G-1/1"}));
            // A type without links: its stream alone.
            EventFilter order;
            order.relatedType = OrderAggregate::Type;
            order.relatedId = QStringLiteral("O-1");
            QCOMPARE(streams(newestFirst(order, 10)),
                     names({"Order/O-1/3", "Order/O-1/2", "Order/O-1/1"}));

            EventFilter created = trailOf("CUST-000001");
            created.eventType = QStringLiteral("OrderCreated");
            QCOMPARE(streams(newestFirst(created, 1)), names({"Order/O-3/1", "Order/O-1/1"}));
            EventFilter byClerk = trailOf("CUST-000001");
            byClerk.userId = clerk;
            QCOMPARE(streams(newestFirst(byClerk, 10)),
                     names({"Order/O-3/1", "Customer/CUST-000001/2", "Order/O-1/2"}));
            QCOMPARE(reader->countEvents(byClerk).value(), 3);

            // The export writes the same events, oldest first.
            QTemporaryDir dir;
            const QString csv = dir.filePath(QStringLiteral("trail.csv"));
            auto exported = reader->exportCsv(trailOf("CUST-000001"), csv, {});
            OT_REQUIRE(exported);
            QCOMPARE(exported.value(), first.size());
            QFile file(csv);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QStringList rows; // position,recorded_at,aggregate_type,aggregate_id,version,...
            for (const QByteArray &line : file.readAll().split('\n').mid(1)) {
                if (const QList<QByteArray> cells = line.split(','); cells.size() > 4)
                    rows.prepend(QString::fromUtf8(cells[2] + '/' + cells[3] + '/' + cells[4]));
            }
            QCOMPARE(rows, first);
        }

        // Followed as it commits: the cursor passes over the events of other customers. A
        // transaction open meanwhile in another database of the cluster (a test running beside
        // this one) holds the frontier back until it ends (ARCHITECTURE.md, Global order), so
        // each read follows until it has passed.
        CommitCursor cursor;
        Result<QList<DomainEvent>> followed = QList<DomainEvent>();
        QList<DomainEvent> seen;
        const auto follow = [&](qsizetype expected) {
            return QTest::qWaitFor(
                [&] {
                    followed = auditor->eventsCommittedAfter(cursor, 100, trailOf("CUST-000001"));
                    if (followed)
                        seen += followed.value();
                    return !followed || seen.size() >= expected;
                },
                10000);
        };
        follow(first.size());
        OT_REQUIRE(followed);
        QCOMPARE(seen.size(), first.size());
        OT_REQUIRE(as(*other, clerk, "O-2", "ConfirmOrder"));
        OT_REQUIRE(as(*staff, staffName, "O-3", "AddItem", item));
        OT_REQUIRE(as(*other, clerk, "G-1", "ConfirmOrder"));
        seen.clear();
        follow(1);
        OT_REQUIRE(followed);
        QCOMPARE(streams(seen), names({"Order/O-3/2"}));
    }

    // What the documents say the roles cannot do with keys, tried.
    void rolesCannotReachOrDestroyKeys() {
        if (!pg())
            QSKIP("roles exist only on PostgreSQL; an SQLite file's owner may do anything");
        const DatabaseUrl url = m_backend.freshDatabase();
        const DatabaseUrl staffUrl = login(url, QStringLiteral("cu_staff"), admin::Role::Staff);
        const DatabaseUrl auditorUrl =
            login(url, QStringLiteral("cu_auditor"), admin::Role::Auditor);
        OT_REQUIRE(run(*open(staffUrl), QStringLiteral("C-1"), QStringLiteral("RegisterCustomer"),
                       registration()));
        const auto denied = [](const DatabaseUrl &as, const QString &sql, const char *message) {
            RawConnection raw(as);
            const QSqlError error = raw.exec(sql);
            QVERIFY2(error.isValid() && error.text().contains(QLatin1String(message)),
                     qPrintable(sql + QStringLiteral(": ") + error.text()));
        };
        for (const DatabaseUrl &as : {staffUrl, auditorUrl}) {
            denied(as, QStringLiteral("SELECT key FROM subject_keys"), "permission denied");
            denied(as, QStringLiteral("DELETE FROM subject_keys"), "permission denied");
            denied(as, QStringLiteral("UPDATE subject_keys SET key = ''"), "permission denied");
        }
        // Staff destroy a key only with the event that forgets its customer.
        denied(staffUrl, QStringLiteral("SELECT ordertrail_forget_subject('C-1')"),
               "goes only with an event");
        denied(auditorUrl, QStringLiteral("SELECT ordertrail_forget_subject('C-1')"),
               "permission denied");
        denied(auditorUrl,
               QStringLiteral("SELECT ordertrail_new_subject_key('C-9', repeat('a', 64))"),
               "permission denied");
        RawConnection owner(url);
        QCOMPARE(owner.value(QStringLiteral("SELECT count(*) FROM subject_keys")).toInt(), 1);
        // A forgotten customer never gets a key again, even asked by hand.
        OT_REQUIRE(run(*open(staffUrl), QStringLiteral("C-1"), QStringLiteral("ForgetCustomer"),
                       {{QStringLiteral("reason"), QStringLiteral("asked")}}));
        RawConnection staff(staffUrl);
        QVERIFY(staff
                    .value(QStringLiteral("SELECT ordertrail_new_subject_key('C-1', repeat('b', "
                                          "64)) IS NULL"))
                    .toBool());
        QCOMPARE(owner.value(QStringLiteral("SELECT count(*) FROM subject_keys")).toInt(), 0);
    }

    // A database the previous version (schema 5) wrote keeps every event and hash; its
    // checkpoint holds, its item lines read with tax rate 0, and customers work at once.
    void upgradeFromSchema5KeepsEveryEventAndHash() {
        const DatabaseUrl url = m_backend.fixtureDatabase(QStringLiteral("schema5"));
        QString checkpoint;
        if (pg()) {
            checkpoint = QStringLiteral(
                "ot1:978:8:245:a42917a6934dc3a84a290145c643210fda595f9fb381ac0f6861951844ff6540");
        } else {
            checkpoint = QStringLiteral(
                "ot1:245:8:245:77cfeeee29cf6babf56beb9bc83fa1232a643a0a12bf33e192896365d226a031");
        }
        const QStringList before = storedEvents(url);
        QCOMPARE(before.size(), 245);
        OT_REQUIRE(admin::initialize(url));
        QCOMPARE(storedEvents(url), before);

        auto service = open(url);
        const IntegrityReport report =
            service->verify(OrderService::Verify::Deep, {}, Checkpoint::parse(checkpoint).value())
                .value();
        QVERIFY2(report.intact(), qPrintable(describe(report).join(u'\n')));
        QCOMPARE(report.eventsChecked, 245);
        auto order = service->order(QStringLiteral("A-1"));
        OT_REQUIRE(order);
        QCOMPARE(order.value()->items().front().taxRate, QStringLiteral("0"));
        QCOMPARE(order.value()->customerId(), QStringLiteral("CUST-ACME"));
        // LONG-1 has a snapshot of the old shape at version 200; the order still loads whole.
        auto longOrder = service->order(QStringLiteral("LONG-1"));
        OT_REQUIRE(longOrder);
        QCOMPARE(longOrder.value()->version(), 205);
        OT_REQUIRE(run(*service, QStringLiteral("CUST-ACME"), QStringLiteral("RegisterCustomer"),
                       registration()));
        OT_REQUIRE(run(*service, QStringLiteral("A-9"), QStringLiteral("CreateOrder"),
                       {{QStringLiteral("customerId"), QStringLiteral("CUST-ACME")}}));
        QCOMPARE(storedEvents(url).mid(0, 245), before);
        QVERIFY(
            service->verify(OrderService::Verify::Deep, {}, Checkpoint::parse(checkpoint).value())
                .value()
                .intact());
    }
};

QTEST_GUILESS_MAIN(TestCustomers)

#include "test_customers.moc"
