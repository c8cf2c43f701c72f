#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace ot {

class DeskConnection;
class OrderListModel;

// The orders list beside the order panel: a search over order and customer ids, a status filter
// that shows the count of each status, and a table sorted by a click on its header. Column
// widths and the sort are remembered.
class OrderListView final : public QWidget {
    Q_OBJECT
public:
    explicit OrderListView(DeskConnection &connection, QWidget *parent = nullptr);
    ~OrderListView() override;

    OrderListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *statusFilter() const { return m_status; }

    // Selects the order when it is in the list; it stays the one to reselect after a refresh.
    void selectOrder(const QString &orderId);
    void focusSearch();
    void refresh();

signals:
    void orderSelected(const QString &orderId);
    void statusMessage(const QString &message);

private:
    void updateCounts();
    void restoreSelection();
    void saveLayout() const;

    OrderListModel *m_model;
    QLineEdit *m_search;
    QComboBox *m_status;
    QTableView *m_table;
    QLabel *m_count;
    QTimer *m_searchDelay;
    QString m_current; // the selected order, kept across model resets
};

} // namespace ot
