#pragma once

#include "es/DomainEvent.h"
#include "orders/OrderAggregate.h"
#include "service/OrderService.h"

#include <QWidget>

#include <memory>

class QLabel;
class QStandardItemModel;
class QTableView;

namespace ot {

// One point of an order's history: the order as it was after `event`, and as it was before it,
// both rebuilt by the order's own aggregate code (OrderService::order(id, atVersion)).

// Shows an OrderVersion: status, items and total at that version, and what the event
// changed: the item added or removed, the status before and after, the total before and after.
class OrderStateView final : public QWidget {
    Q_OBJECT
public:
    explicit OrderStateView(QWidget *parent = nullptr);

    void showVersion(const OrderVersion &replayed);
    void clear(const QString &message);

    // The version shown, 0 when none.
    qint64 version() const { return m_version; }
    const OrderAggregate *state() const { return m_state.get(); }
    // The items at this version, and the one the event removed (RemovedRole true on its
    // first cell), shown struck out.
    QStandardItemModel *items() const { return m_items; }
    static constexpr int RemovedRole = Qt::UserRole + 1;

private:
    QString highlighted(const QString &text) const;

    qint64 m_version = 0;
    std::shared_ptr<const OrderAggregate> m_state;
    QLabel *m_heading;
    QLabel *m_event;
    QLabel *m_status;
    QLabel *m_total;
    QLabel *m_details;
    QLabel *m_related;
    QStandardItemModel *m_items;
    QTableView *m_itemsView;
};

} // namespace ot
