#include "BenchSupport.h"

#include "es/Clock.h"
#include "service/Administration.h"
#include "storage/Database.h"
#include "store/EventStore.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ot::bench {

[[noreturn]] void die(const QString &message) {
    std::fprintf(stderr, "ordertrail-bench: %s\n", qPrintable(message));
    std::exit(2);
}

void printLine(const QJsonObject &line) {
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

double rounded(double value, int places) {
    const double scale = std::pow(10.0, places);
    return std::round(value * scale) / scale;
}

QString orderId(int i) {
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(i, 12, 16, QChar(u'0'));
}

PlannedOrder planOrder(int i) {
    static const double Prices[] = {9.99, 19.99, 4.5, 12.0, 7.25, 3.49, 24.95};
    PlannedOrder plan{orderId(i), {}, {}};
    const auto command = [&](const QString &type, const QJsonObject &data) {
        const QString id = IdGenerator::system().next().toString(QUuid::WithoutBraces);
        plan.commands.append(Command{id, type, plan.id, data, QStringLiteral("bench"), id, {}});
    };
    command(QStringLiteral("CreateOrder"),
            {{QStringLiteral("customerId"), QStringLiteral("customer-%1").arg(i % 97)}});
    QList<std::pair<QString, Money>> lines;
    for (int k = 0; k < 5; ++k) {
        const int p = (i * 5 + k) % 1000;
        const int quantity = 1 + (i + k) % 3;
        const double price = Prices[(i + k) % 7];
        command(QStringLiteral("AddItem"),
                {{QStringLiteral("productId"), QStringLiteral("product-%1").arg(p)},
                 {QStringLiteral("name"), QStringLiteral("Product %1").arg(p)},
                 {QStringLiteral("quantity"), quantity},
                 {QStringLiteral("price"), price}});
        lines.append({QStringLiteral("product-%1").arg(p),
                      *Money::fromJson(price, QStringLiteral("price"))->times(quantity)});
    }
    const auto removed = lines.takeAt(i % 5);
    command(QStringLiteral("RemoveItem"), {{QStringLiteral("productId"), removed.first}});
    command(QStringLiteral("ConfirmOrder"), {});
    for (const auto &line : lines)
        plan.expectedTotal = *plan.expectedTotal.plus(line.second);
    return plan;
}

Target target(const QString &db) {
    Target t;
    if (db.isEmpty()) {
        t.scratch = std::make_unique<QTemporaryDir>();
        t.url = DatabaseUrl::sqlite(t.scratch->filePath(QStringLiteral("bench.sqlite")));
    } else {
        t.url = need(DatabaseUrl::parse(db), "--db");
    }
    return t;
}

QString backendName(const DatabaseUrl &url) {
    return url.backend == DatabaseUrl::Backend::Sqlite ? QStringLiteral("sqlite")
                                                       : QStringLiteral("postgresql");
}

std::unique_ptr<OrderService> openService(const DatabaseUrl &url, const QString &synchronous) {
    // The schema, and on PostgreSQL the roles the append function asks about, as `admin init`.
    need(admin::initialize(url), "admin init");
    auto service = need(OrderService::open(url, OpenMode::ExistingOnly), "open");
    if (url.backend == DatabaseUrl::Backend::Sqlite) {
        QSqlQuery pragma(service->store().database().connection());
        pragma.exec(QStringLiteral("PRAGMA synchronous = ") % synchronous.toUpper());
    }
    return service;
}

qint64 databaseBytes(const DatabaseUrl &url) {
    if (url.backend == DatabaseUrl::Backend::Sqlite) {
        qint64 bytes = 0;
        for (const char *suffix : {"", "-wal", "-shm"})
            bytes += QFileInfo(url.path % QLatin1String(suffix)).size();
        return bytes;
    }
    auto db = need(Database::open(url, OpenMode::ExistingOnly), "open");
    QSqlQuery query(db->connection());
    query.exec(QStringLiteral("SELECT pg_database_size(current_database())"));
    return query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace ot::bench
