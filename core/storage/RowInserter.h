#pragma once

#include "Database.h"

namespace ot {

// Rows of one table inserted many to a statement (`INSERT INTO t (...) VALUES (...), (...)`):
// on a server every statement is a round trip, and a rebuild that wrote its rows one at a time
// spent most of its time waiting for them (PostgreSQL, 125,000 rows at 1M events).
class RowInserter {
public:
    RowInserter(Database &db, const QString &table, const QStringList &columns, QString what);

    // `row` holds a value for each column, in order; written once enough rows are held.
    Result<void> add(const QVariantList &row);
    // Writes the rows still held.
    Result<void> finish();

private:
    // Few enough that a statement's values stay small (100 rows of a dozen columns), many
    // enough that the round trips no longer count.
    static constexpr qsizetype RowsPerStatement = 100;

    Database &m_db;
    QString m_head; // INSERT INTO t (columns) VALUES
    QString m_row;  // (?, ?, ...)
    QString m_what;
    QVariantList m_values;
    qsizetype m_rows = 0;
};

} // namespace ot
