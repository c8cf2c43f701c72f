#pragma once

#include "es/Sealed.h"

namespace ot {

class Database;

// The keys of personal data, kept in the event store's database (SQLite: the subject_keys
// table; PostgreSQL: the same table, reached only through the owner's functions). A key is
// destroyed only by an append that forgets its subject (AppendExtras::forgetSubjects).
class KeyStore final : public Keyring {
public:
    explicit KeyStore(Database &database);
    Result<QByteArray> key(const QString &subject, bool create) override;
    Result<QHash<QString, QByteArray>> keys(const QSet<QString> &subjects) override;

private:
    Database &m_db;
};

} // namespace ot
