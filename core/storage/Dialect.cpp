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

} // namespace ot
