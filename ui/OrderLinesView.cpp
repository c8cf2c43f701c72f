#include "OrderLinesView.h"

#include "EventText.h"
#include "orders/OrderAggregate.h"

#include <QHeaderView>
#include <QScopedValueRollback>
#include <QStandardItemModel>

namespace ot {

OrderLinesView::OrderLinesView(QWidget *parent)
    : QTableView(parent)
    , m_lines(new QStandardItemModel(0, ColumnCount, this)) {
    m_lines->setHorizontalHeaderLabels({tr("Product"), tr("Name"), tr("Quantity"), tr("Price"),
                                        tr("Discount"), tr("Tax %"), tr("Net"), tr("Gross")});
    connect(m_lines, &QStandardItemModel::itemChanged, this, [this](QStandardItem *item) {
        if (m_filling || item->column() != QuantityColumn)
            return;
        emit quantityTyped(m_lines->item(item->row(), ProductColumn)->text(),
                           item->data(Qt::EditRole).toLongLong());
    });
    setModel(m_lines);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                    QAbstractItemView::AnyKeyPressed);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 3 / 2);
    horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    setMinimumHeight(fontMetrics().height() * 6);
}

void OrderLinesView::setOrder(const OrderAggregate *order, bool editable) {
    const QScopedValueRollback filling(m_filling, true);
    const int current = currentIndex().row();
    m_lines->removeRows(0, m_lines->rowCount());
    if (!order)
        return;
    const std::optional<OrderTotals> totals = order->totals();
    for (qsizetype i = 0; i < order->items().size(); ++i) {
        const OrderItem &item = order->items().at(i);
        const auto priced = [&](Money PricedLine::*amount) {
            return totals ? (totals->lines.at(i).*amount).toString() : QString();
        };
        auto *quantity = new QStandardItem;
        quantity->setData(int(item.quantity), Qt::EditRole);
        quantity->setToolTip(editable ? tr("Type a new quantity, then Enter") : QString());
        const QList<QStandardItem *> row{new QStandardItem(item.productId),
                                         new QStandardItem(item.name),
                                         quantity,
                                         new QStandardItem(item.price.toString()),
                                         new QStandardItem(EventText::discount(item.discount)),
                                         new QStandardItem(item.taxRate),
                                         new QStandardItem(priced(&PricedLine::net)),
                                         new QStandardItem(priced(&PricedLine::gross))};
        for (int column = 0; column < ColumnCount; ++column) {
            row[column]->setEditable(column == QuantityColumn && editable);
            if (column != ProductColumn && column != NameColumn)
                row[column]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        }
        m_lines->appendRow(row);
    }
    for (int column = 0; column < ColumnCount; ++column) {
        if (column != NameColumn) // the name takes the rest
            resizeColumnToContents(column);
    }
    if (current >= 0 && current < m_lines->rowCount())
        setCurrentIndex(m_lines->index(current, ProductColumn));
}

QString OrderLinesView::currentProduct() const {
    const QModelIndex line = currentIndex();
    return line.isValid() ? m_lines->item(line.row(), ProductColumn)->text() : QString();
}

} // namespace ot
