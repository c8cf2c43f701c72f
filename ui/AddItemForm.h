#pragma once

#include "orders/OrderVocabulary.h"

#include <QGroupBox>

class QAction;
class QLineEdit;
class QSpinBox;

namespace ot {

class DeskConnection;
class MoneyEdit;
class PercentEdit;
class RecordPicker;

// The order panel's add-item form. A product picked from the catalogue fills in its name, price
// and tax rate, which the line then copies from the catalogue (they are shown, not edited); a
// product id typed without picking is a line typed by hand, with its own name, price and tax
// rate (0 when left empty).
class AddItemForm final : public QGroupBox {
    Q_OBJECT
public:
    // `add` issues the command: Return in a field triggers it, and a button shows it.
    AddItemForm(DeskConnection &connection, QAction *add, QWidget *parent = nullptr);

    // The AddItem command the form holds.
    CommandBody command() const;
    void clear();
    void focusProduct();

signals:
    // The catalogue could not be looked up: `error` says why.
    void lookupFailed(const QString &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void productPicked();

    QAction *m_add;
    RecordPicker *m_product;
    QLineEdit *m_name;
    QSpinBox *m_quantity;
    MoneyEdit *m_price;
    PercentEdit *m_taxRate;
};

} // namespace ot
