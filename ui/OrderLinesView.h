#pragma once

#include <QTableView>

class QStandardItemModel;

namespace ot {

class OrderAggregate;

// An order's lines: product, name, quantity, unit price, discount, tax rate, net and gross. A
// quantity can be typed in its cell (F2, or just typing, then Enter) where the order takes a
// new one; the view only reports it.
class OrderLinesView final : public QTableView {
    Q_OBJECT
public:
    enum Column { ProductColumn, NameColumn, QuantityColumn, ColumnCount = 8 };

    explicit OrderLinesView(QWidget *parent = nullptr);

    // Shows the lines of `order` (null: none); quantities are editable where `editable`. The
    // current line stays where it was.
    void setOrder(const OrderAggregate *order, bool editable);
    // The product of the current line; empty when none is current.
    QString currentProduct() const;

signals:
    void quantityTyped(const QString &productId, qint64 quantity);

private:
    QStandardItemModel *m_lines;
    bool m_filling = false; // the table is being filled: not an edit of the user's
};

} // namespace ot
