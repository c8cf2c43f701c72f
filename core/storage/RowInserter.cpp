#include "RowInserter.h"

#include <utility>

namespace ot {

RowInserter::RowInserter(Database &db, const QString &table, const QStringList &columns,
                         QString what)
    : m_db(db)
    , m_head(QStringLiteral("INSERT INTO ") % table % QStringLiteral(" (") %
             columns.join(QStringLiteral(", ")) % QStringLiteral(") VALUES "))
    , m_row(u'(' % QStringList(columns.size(), QStringLiteral("?")).join(QStringLiteral(", ")) %
            u')')
    , m_what(std::move(what)) {}

Result<void> RowInserter::add(const QVariantList &row) {
    m_values << row;
    if (++m_rows < RowsPerStatement)
        return {};
    return finish();
}

Result<void> RowInserter::finish() {
    if (m_rows == 0)
        return {};
    // Full statements share one text, so they are prepared once; only the last may differ.
    const QString sql = m_head % QStringList(m_rows, m_row).join(QStringLiteral(", "));
    m_rows = 0;
    return m_db.run({sql, std::exchange(m_values, {}), m_what});
}

} // namespace ot
