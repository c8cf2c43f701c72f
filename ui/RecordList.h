#pragma once

#include "es/Result.h"

#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace ot {

class DeskConnection;
class OrderService;

struct RecordRow {
    QStringList cells;     // the first is the record's id
    bool inactive = false; // forgotten, discontinued: shown greyed
};

// A searchable list of customers or products: a search field, a table of the first matches, and
// how many there are. Follows the selection across refreshes.
class RecordList final : public QWidget {
    Q_OBJECT
public:
    static constexpr int Shown = 500;
    // Runs on the database thread: at most `limit` records matching `search`, by id.
    using Load =
        std::function<Result<QList<RecordRow>>(OrderService &, const QString &search, int limit)>;

    RecordList(DeskConnection &connection, const QStringList &headers, Load load,
               QWidget *parent = nullptr);

    QLineEdit *searchField() const { return m_search; }
    QTableView *table() const { return m_table; }
    QString currentId() const { return m_current; }
    // Makes `id` the current record (selected() follows) and selects it when it is listed; it
    // stays the one to reselect after a refresh.
    void select(const QString &id);
    // No record is current (a new one is being typed): selecting any row selects it.
    void clearCurrent();
    void refresh();

signals:
    void selected(const QString &id);

private:
    void showCurrent();

    DeskConnection &m_connection;
    Load m_load;
    QLineEdit *m_search;
    QStandardItemModel *m_model;
    QTableView *m_table;
    QLabel *m_count;
    QTimer *m_delay;
    QString m_current;
    quint64 m_generation = 0; // answers to an older search are dropped
    bool m_moving = false;    // the program moves the current row, not the user
};

} // namespace ot
