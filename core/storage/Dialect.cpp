#include "Dialect.h"

namespace ot {

std::unique_ptr<Dialect> Dialect::forBackend(DatabaseUrl::Backend backend) {
    switch (backend) {
    case DatabaseUrl::Backend::Sqlite:
        return makeSqliteDialect();
    case DatabaseUrl::Backend::Postgres:
        return makePostgresDialect();
    }
    Q_UNREACHABLE();
}

QString substringPattern(const QString &text) {
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\"));
    escaped.replace(u'%', QStringLiteral("\\%"));
    escaped.replace(u'_', QStringLiteral("\\_"));
    return u'%' % escaped % u'%';
}

} // namespace ot
