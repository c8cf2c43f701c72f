#pragma once

#include "CustomerAggregate.h"
#include "ProductAggregate.h"
#include "store/Projection.h"

#include <optional>

namespace ot {

class Database;
class Keyring;

struct CustomerSummary {
    QString customerId;
    QString name; // empty once forgotten
    QString email;
    QString city;    // of the shipping address, else the billing address
    QString country; // likewise
    QString status;  // CustomerWord::Active or ForgottenStatus
    qint64 version = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString lastUser;
    QJsonObject toJson() const;
};

struct ProductSummary {
    QString productId;
    QString name;
    Money unitPrice;
    QString taxRate;
    QString status; // ProductWord::Active or DiscontinuedStatus
    qint64 version = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString lastUser;
    QJsonObject toJson() const;
};

// The `customers` read model: the directory staff search (by number, name, e-mail or city).
// It holds personal data in the clear, opened with the customer's key when a command stores
// the state, and blanks it when the customer is forgotten.
class CustomerDirectory final : public StateProjection {
public:
    CustomerDirectory(Database &database, Keyring &keys);
    const ReadModelTable &table() const override;
    Result<ReadModelRow> project(const Aggregate &state) const override;
    bool readsDatabase() const override { return true; } // the keys to open the data with
    // At most `limit` customers whose row contains `search` (ignoring case) and whose status is
    // `status` (empty: any), by id, after the id `after` (empty: from the first).
    Result<QList<CustomerSummary>> page(const QString &search, const QString &status,
                                        const QString &after, int limit);
    Result<qint64> count();

private:
    Database &m_db;
    Keyring &m_keys;
};

// The `products` read model: the catalogue, searched by SKU or name.
class ProductCatalogue final : public StateProjection {
public:
    explicit ProductCatalogue(Database &database);
    const ReadModelTable &table() const override;
    Result<ReadModelRow> project(const Aggregate &state) const override;
    // Like CustomerDirectory::page, searched by SKU or name.
    Result<QList<ProductSummary>> page(const QString &search, const QString &status,
                                       const QString &after, int limit);

private:
    Database &m_db;
};

} // namespace ot
