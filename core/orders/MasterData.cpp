#include "MasterData.h"

#include "es/DomainEvent.h"
#include "es/Sealed.h"
#include "storage/Database.h"
#include "storage/Dialect.h"

#include <QSqlError>

namespace ot {

namespace {

QJsonObject stampJson(QJsonObject json, qint64 version, qint64 createdAt, qint64 updatedAt,
                      const QString &lastUser) {
    json.insert(QStringLiteral("version"), version);
    json.insert(QStringLiteral("createdAt"), isoTimestamp(createdAt));
    json.insert(QStringLiteral("updatedAt"), isoTimestamp(updatedAt));
    json.insert(QStringLiteral("lastUser"), lastUser);
    return json;
}

// One page of a read model keyed by a text id: rows whose search text contains `search`,
// after `after`, by id. `columns` start with the key; the stamps follow them.
template <typename Row, typename FromQuery>
Result<QList<Row>> pageOf(Database &db, const QString &table, const QString &columns,
                          const QString &key, const QString &search, const QString &status,
                          const QString &after, int limit, FromQuery fromQuery) {
    const QString what = QStringLiteral("cannot list %1").arg(table);
    QStringList conditions;
    QVariantList values;
    if (!search.trimmed().isEmpty()) {
        conditions << QStringLiteral("search_text LIKE ? ESCAPE '\\'");
        values << substringPattern(search.trimmed().toLower());
    }
    if (!status.isEmpty()) {
        conditions << QStringLiteral("status = ?");
        values << status;
    }
    if (!after.isEmpty()) {
        conditions << key % QStringLiteral(" > ?");
        values << after;
    }
    values << limit;
    auto found =
        db.query(QStringLiteral("SELECT ") % columns %
                     QStringLiteral(", version, created_at, updated_at, last_user FROM ") % table %
                     (conditions.isEmpty()
                          ? QString()
                          : QStringLiteral(" WHERE ") % conditions.join(QStringLiteral(" AND "))) %
                     QStringLiteral(" ORDER BY ") % key % QStringLiteral(" LIMIT ?"),
                 values, what);
    if (!found)
        return found.error();
    QSqlQuery &query = *found.value();
    QList<Row> rows;
    while (query.next())
        rows.append(fromQuery(query));
    if (query.lastError().isValid())
        return db.storageError(query.lastError(), what);
    query.finish();
    return rows;
}

QString searchText(const QStringList &parts) {
    return parts.join(u'\n').toLower();
}

} // namespace

QJsonObject CustomerSummary::toJson() const {
    return stampJson({{QStringLiteral("id"), customerId},
                      {CustomerField::Name, name},
                      {CustomerField::Email, email},
                      {CustomerField::City, city},
                      {CustomerField::Country, country},
                      {QStringLiteral("status"), status}},
                     version, createdAt, updatedAt, lastUser);
}

QJsonObject ProductSummary::toJson() const {
    return stampJson({{QStringLiteral("id"), productId},
                      {ProductField::Name, name},
                      {ProductField::UnitPrice, unitPrice.toString()},
                      {ProductField::TaxRate, taxRate},
                      {QStringLiteral("status"), status}},
                     version, createdAt, updatedAt, lastUser);
}

CustomerDirectory::CustomerDirectory(Database &database, Keyring &keys)
    : m_db(database)
    , m_keys(keys) {}

const ReadModelTable &CustomerDirectory::table() const {
    static const ReadModelTable table{QStringLiteral("customers"),
                                      QStringLiteral("customer_id"),
                                      {QStringLiteral("name"), QStringLiteral("email"),
                                       QStringLiteral("city"), QStringLiteral("country"),
                                       QStringLiteral("status"), QStringLiteral("search_text")}};
    return table;
}

Result<ReadModelRow> CustomerDirectory::project(const Aggregate &state) const {
    const auto *customer = dynamic_cast<const CustomerAggregate *>(&state);
    if (!customer)
        return Error::storage(QStringLiteral("the customer directory can only project customers"));
    auto keys = m_keys.keys(customer->personalDataSubjects());
    if (!keys)
        return keys.error();
    const auto open = [&](const QString &field) {
        return sealed::reveal(customer->field(field), keys.value());
    };
    // Never a null QString: Qt binds one as SQL NULL.
    const auto text = [](const QJsonValue &value) {
        return value.isString() ? value.toString() : QString::fromLatin1("");
    };
    QJsonObject address = open(CustomerField::ShippingAddress).toObject();
    if (!address.contains(CustomerField::City))
        address = open(CustomerField::BillingAddress).toObject();
    const QString name = text(open(CustomerField::Name));
    const QString email = text(open(CustomerField::Email));
    const QString city = text(address.value(CustomerField::City));
    const QString country = text(address.value(CustomerField::Country));
    return ReadModelRow{
        &table(),
        {name, email, city, country,
         customer->forgotten() ? CustomerWord::ForgottenStatus : CustomerWord::Active,
         searchText({customer->id(), name, email, city})}};
}

Result<QList<CustomerSummary>> CustomerDirectory::page(const QString &search, const QString &status,
                                                       const QString &after, int limit) {
    return pageOf<CustomerSummary>(
        m_db, QStringLiteral("customers"),
        QStringLiteral("customer_id, name, email, city, country, status"),
        QStringLiteral("customer_id"), search, status, after, limit, [](const QSqlQuery &q) {
            return CustomerSummary{q.value(0).toString(),   q.value(1).toString(),
                                   q.value(2).toString(),   q.value(3).toString(),
                                   q.value(4).toString(),   q.value(5).toString(),
                                   q.value(6).toLongLong(), q.value(7).toLongLong(),
                                   q.value(8).toLongLong(), q.value(9).toString()};
        });
}

Result<qint64> CustomerDirectory::count() {
    auto counted = m_db.value(QStringLiteral("SELECT count(*) FROM customers"), {},
                              QStringLiteral("cannot count customers"));
    if (!counted)
        return counted.error();
    return counted->toLongLong();
}

ProductCatalogue::ProductCatalogue(Database &database)
    : m_db(database) {}

const ReadModelTable &ProductCatalogue::table() const {
    static const ReadModelTable table{QStringLiteral("products"),
                                      QStringLiteral("product_id"),
                                      {QStringLiteral("name"), QStringLiteral("unit_price_cents"),
                                       QStringLiteral("tax_rate"), QStringLiteral("status"),
                                       QStringLiteral("search_text")}};
    return table;
}

Result<ReadModelRow> ProductCatalogue::project(const Aggregate &state) const {
    const auto *product = dynamic_cast<const ProductAggregate *>(&state);
    if (!product)
        return Error::storage(QStringLiteral("the catalogue can only project products"));
    return ReadModelRow{
        &table(),
        {product->name(), product->unitPrice().cents(), product->taxRate(),
         product->discontinued() ? ProductWord::DiscontinuedStatus : ProductWord::Active,
         searchText({product->id(), product->name()})}};
}

Result<QList<ProductSummary>> ProductCatalogue::page(const QString &search, const QString &status,
                                                     const QString &after, int limit) {
    return pageOf<ProductSummary>(
        m_db, QStringLiteral("products"),
        QStringLiteral("product_id, name, unit_price_cents, tax_rate, status"),
        QStringLiteral("product_id"), search, status, after, limit, [](const QSqlQuery &q) {
            return ProductSummary{q.value(0).toString(),
                                  q.value(1).toString(),
                                  Money::fromCents(q.value(2).toLongLong()),
                                  q.value(3).toString(),
                                  q.value(4).toString(),
                                  q.value(5).toLongLong(),
                                  q.value(6).toLongLong(),
                                  q.value(7).toLongLong(),
                                  q.value(8).toString()};
        });
}

} // namespace ot
