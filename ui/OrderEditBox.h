#pragma once

#include "orders/OrderVocabulary.h"

#include <QGroupBox>

class QAction;
class QComboBox;
class QLineEdit;
class QListWidget;

namespace ot {

class OrderAggregate;

// The order panel's discounts and notes: a discount on the selected line and one on the whole
// order (a percentage or an amount; 0 removes one), and the order's internal notes with a field
// to add one. It builds the commands; the panel sends them.
class OrderEditBox final : public QGroupBox {
    Q_OBJECT
public:
    enum class Part { LineDiscount, OrderDiscount, Note };

    explicit OrderEditBox(QWidget *parent = nullptr);

    // Shows `order` (null: none) with `selectedProduct` as the line a line discount is for;
    // `ready`: a command may be sent now (the user may edit, none is on its way).
    void setOrder(const OrderAggregate *order, const QString &selectedProduct, bool ready);
    // Empties what was typed for a part, once its command went through or was discarded.
    void clear(Part part);
    QListWidget *notes() const { return m_notes; }

signals:
    void requested(ot::OrderEditBox::Part part, const ot::CommandBody &body);

private:
    QAction *m_setLineDiscount;
    QAction *m_setOrderDiscount;
    QAction *m_addNote;
    QComboBox *m_lineKind;
    QLineEdit *m_lineValue;
    QComboBox *m_orderKind;
    QLineEdit *m_orderValue;
    QListWidget *m_notes;
    QLineEdit *m_note;
    QString m_product;
};

} // namespace ot
