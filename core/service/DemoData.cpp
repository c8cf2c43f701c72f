// Demo data: realistic customers, a catalogue and orders, made through the same commands as
// staff issue, so every rule and the hash chain apply.

#include "OrderService.h"
#include "store/EventStore.h"

#include <QRandomGenerator>

namespace ot {

Result<int> OrderService::addDemoOrders(int count, quint32 seed, const QString &userId,
                                        const DemoProgress &progress) {
    struct Product {
        const char *id;
        const char *name;
        const char *price;
        const char *tax;
    };
    static const Product catalogue[] = {
        {"SKU-1001", "Espresso beans 1 kg", "24.90", "7"},
        {"SKU-1002", "Ceramic mug", "9.99", "19"},
        {"SKU-1003", "Milk frother", "39.00", "19"},
        {"SKU-1004", "Paper filters (100)", "4.50", "19"},
        {"SKU-1005", "Burr grinder", "129.00", "19"},
        {"SKU-1006", "Travel tumbler", "19.95", "19"},
        {"SKU-1007", "Descaler", "7.25", "19"},
        {"SKU-1008", "Pour-over kettle", "59.90", "19"},
        {"SKU-1009", "Tea sampler", "12.00", "7"},
        {"SKU-1010", "Cocoa powder 500 g", "8.40", "7"},
    };
    struct Customer {
        const char *id;
        const char *name;
        const char *email;
        const char *line1;
        const char *postalCode;
        const char *city;
        const char *country;
    };
    static const Customer customers[] = {
        {"CUST-ACME", "Acme Kaffeehandel GmbH", "einkauf@acme-kaffee.de", "Friedrichstraße 112",
         "10117", "Berlin", "DE"},
        {"CUST-BLUEBIRD", "Bluebird Café Ltd", "orders@bluebird.co.uk", "14 Market Street",
         "M1 1PT", "Manchester", "GB"},
        {"CUST-CORNER-CAFE", "Le Petit Coin SARL", "contact@petitcoin.fr", "8 rue des Martyrs",
         "75009", "Paris", "FR"},
        {"CUST-DELTA", "Delta Roasters Inc.", "purchasing@deltaroasters.com", "2200 Pine Street",
         "94115", "San Francisco", "US"},
        {"CUST-EVERGREEN", "Evergreen Koffie B.V.", "inkoop@evergreen.nl", "Prinsengracht 263",
         "1016 GV", "Amsterdam", "NL"},
        {"CUST-FOXGLOVE", "Foxglove Caffè S.r.l.", "ordini@foxglove.it", "Via Torino 45", "20123",
         "Milano", "IT"},
        {"CUST-GRANARY", "Granero Café S.L.", "pedidos@granero.es", "Calle de Atocha 27", "28012",
         "Madrid", "ES"},
        {"CUST-HARBOUR", "Kawiarnia Przystań sp. z o.o.", "zamowienia@przystan.pl", "ul. Długa 46",
         "80-831", "Gdańsk", "PL"},
    };
    static const char *carriers[] = {"DHL", "UPS", "DPD", "GLS"};
    static const char *reasons[] = {"customer request", "payment failed", "duplicate order",
                                    "out of stock"};

    auto existing = orderCount();
    if (!existing)
        return existing.error();
    qint64 next = existing.value() + 1;

    QRandomGenerator random(seed);
    const QString correlation = newId();
    const auto run = [&](const QString &id, const CommandBody &body) -> Result<void> {
        Command command{newId(), body.type, id, body.data, userId, correlation, std::nullopt};
        auto done = execute(command);
        if (!done)
            return done.error();
        return {};
    };
    // The customers and the catalogue the orders use, once.
    for (const Customer &c : customers) {
        auto known = m_store->streamVersion({CustomerWord::Type, QLatin1String(c.id)});
        if (!known)
            return known.error();
        const Address address{QString::fromUtf8(c.line1),
                              {},
                              QString::fromUtf8(c.postalCode),
                              QString::fromUtf8(c.city),
                              QLatin1String(c.country)};
        if (known.value() == 0) {
            if (auto ok = run(QLatin1String(c.id),
                              CustomerCommands::registerCustomer(QString::fromUtf8(c.name),
                                                                 QLatin1String(c.email), {},
                                                                 address, address));
                !ok)
                return ok.error();
        }
    }
    for (const Product &p : catalogue) {
        auto known = m_store->streamVersion({ProductWord::Type, QLatin1String(p.id)});
        if (!known)
            return known.error();
        if (known.value() == 0) {
            if (auto ok = run(QLatin1String(p.id),
                              ProductCommands::add(QString::fromUtf8(p.name),
                                                   QLatin1String(p.price), QLatin1String(p.tax)));
                !ok)
                return ok.error();
        }
    }

    for (int made = 0; made < count; ++made) {
        auto freeId = freeOrderId(next);
        if (!freeId)
            return freeId.error();
        const QString orderId = freeId.value();
        const QString customer = QString::fromLatin1(customers[random.bounded(8)].id);
        if (auto ok = run(orderId, OrderCommands::create(customer)); !ok)
            return ok.error();
        const int lines = 1 + random.bounded(4);
        const int first = random.bounded(10);
        for (int i = 0; i < lines; ++i) {
            const Product &p = catalogue[(first + i * 3) % 10];
            if (auto ok = run(orderId, OrderCommands::addCatalogueItem(QString::fromLatin1(p.id),
                                                                       1 + random.bounded(5)));
                !ok)
                return ok.error();
        }
        // created 20 %, confirmed 20 %, shipped 20 %, delivered 30 %, cancelled 10 %.
        const int fate = random.bounded(10);
        QList<CommandBody> steps;
        if (fate >= 2)
            steps.append(OrderCommands::confirm());
        if (fate >= 4 && fate <= 8) {
            const QString carrier = QString::fromLatin1(carriers[random.bounded(4)]);
            steps.append(
                OrderCommands::ship(carrier, QStringLiteral("TRK%1").arg(random.bounded(100000000),
                                                                         8, 10, QChar(u'0'))));
        }
        if (fate >= 6 && fate <= 8)
            steps.append(OrderCommands::deliver());
        if (fate == 9)
            steps.append(OrderCommands::cancel(QString::fromLatin1(reasons[random.bounded(4)])));
        for (const CommandBody &step : std::as_const(steps)) {
            if (auto ok = run(orderId, step); !ok)
                return ok.error();
        }
        if (progress && !progress(made + 1))
            return made + 1;
    }
    return count;
}

} // namespace ot
