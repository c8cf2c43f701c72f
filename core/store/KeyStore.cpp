#include "KeyStore.h"

#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace ot {

KeyStore::KeyStore(Database &database)
    : m_db(database) {}

Result<QByteArray> KeyStore::key(const QString &subject, bool create) {
    if (!create) {
        auto found = keys({subject});
        if (!found)
            return found.error();
        return found->value(subject);
    }
    auto made = m_db.value(m_db.dialect().newSubjectKeySql(m_db.schema()),
                           {subject, QString::fromLatin1(sealed::newKey())},
                           QStringLiteral("cannot make the key of %1").arg(subject));
    if (!made)
        return made.error();
    return made->toString().toLatin1();
}

Result<QHash<QString, QByteArray>> KeyStore::keys(const QSet<QString> &subjects) {
    QHash<QString, QByteArray> found;
    if (subjects.isEmpty())
        return found;
    const QString what = QStringLiteral("cannot read the keys of personal data");
    const QByteArray list =
        QJsonDocument(QJsonArray::fromStringList(subjects.values())).toJson(QJsonDocument::Compact);
    auto query =
        m_db.query(m_db.dialect().subjectKeysSql(m_db.schema()), {QString::fromUtf8(list)}, what);
    if (!query)
        return query.error();
    QSqlQuery &q = *query.value();
    while (q.next())
        found.insert(q.value(0).toString(), q.value(1).toString().toLatin1());
    q.finish();
    return found;
}

} // namespace ot
