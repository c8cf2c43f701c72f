#pragma once

#include "orders/OrderVocabulary.h"

#include <QGroupBox>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace ot {

class OrderAggregate;

// The order panel's discounts, shipping address and notes: a discount on the selected line and
// one on the whole order (a percentage or an amount; 0 removes one), the address the order ships
// to (changed in a dialog), and the order's internal notes with a field to add one. It builds
// the commands; the panel sends them (or stages them, for a confirmed order).
class OrderEditBox final : public QGroupBox {
    Q_OBJECT
public:
    enum class Part { LineDiscount, OrderDiscount, ShippingAddress, Note };

    explicit OrderEditBox(QWidget *parent = nullptr);

    // Shows `order` (null: none) with `selectedProduct` as the line a line discount is for;
    // `ready`: a command may be sent now (the user may edit, none is on its way).
    void setOrder(const OrderAggregate *order, const QString &selectedProduct, bool ready);
    // Empties what was typed for a part, once its command went through or was discarded.
    void clear(Part part);
    QListWidget *notes() const { return m_notes; }
    QAction *changeAddressAction() const { return m_changeAddress; }

signals:
    void requested(ot::OrderEditBox::Part part, const ot::CommandBody &body);

private:
    void editAddress();

    QAction *m_setLineDiscount;
    QAction *m_setOrderDiscount;
    QAction *m_addNote;
    QAction *m_changeAddress;
    QLabel *m_address;
    QComboBox *m_lineKind;
    QLineEdit *m_lineValue;
    QComboBox *m_orderKind;
    QLineEdit *m_orderValue;
    QListWidget *m_notes;
    QLineEdit *m_note;
    QString m_product;
    QJsonValue m_shownAddress; // the order's, to start the dialog from
};

} // namespace ot
