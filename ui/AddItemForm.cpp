#include "AddItemForm.h"

#include "ActionButton.h"
#include "MoneyEdit.h"
#include "RecordPicker.h"
#include "orders/OrderAggregate.h"
#include "service/OrderService.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCompleter>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QRegularExpressionValidator>
#include <QSpinBox>

namespace ot {

namespace {
// Active catalogue products whose SKU or name contains `search`.
Result<QList<PickerChoice>> products(OrderService &service, const QString &search) {
    // A discontinued product cannot be added: the query leaves them out, so that they never
    // take places of the limited list.
    auto page = service.productPage(search, ProductWord::Active, {}, RecordPicker::Matches);
    if (!page)
        return page.error();
    QList<PickerChoice> choices;
    for (const ProductSummary &p : page.value()) {
        choices.append({p.productId,
                        p.productId,
                        AddItemForm::tr("%1 — %2 · %3 · tax %4 %")
                            .arg(p.productId, p.name, p.unitPrice.toString(), p.taxRate),
                        {{ProductField::Name, p.name},
                         {ProductField::UnitPrice, p.unitPrice.toString()},
                         {ProductField::TaxRate, p.taxRate}}});
    }
    return choices;
}
} // namespace

AddItemForm::AddItemForm(DeskConnection &connection, QAction *add, QWidget *parent)
    : QGroupBox(tr("Add item"), parent)
    , m_product(new RecordPicker(connection, products, this))
    , m_name(new QLineEdit(this))
    , m_quantity(new QSpinBox(this))
    , m_price(new MoneyEdit(this))
    , m_taxRate(new PercentEdit(this)) {
    m_product->setObjectName(QStringLiteral("productId"));
    m_product->setPlaceholderText(tr("Type a SKU or a name, pick from the list"));
    m_product->setToolTip(tr("Pick a catalogue product to copy its name, price and tax rate, or "
                             "type a product id of your own for a line typed by hand."));
    m_name->setObjectName(QStringLiteral("productName"));
    m_quantity->setObjectName(QStringLiteral("quantity"));
    m_quantity->setRange(1, int(OrderAggregate::MaxQuantity));
    m_quantity->installEventFilter(this); // Return there adds the line too
    m_price->setObjectName(QStringLiteral("price"));
    m_taxRate->setObjectName(QStringLiteral("taxRate"));
    m_taxRate->setPlaceholderText(QStringLiteral("0"));
    connect(m_product, &RecordPicker::pickedChanged, this, &AddItemForm::productPicked);
    connect(m_product, &RecordPicker::matchesShown, this, [this](const QString &error) {
        if (!error.isEmpty())
            emit lookupFailed(error);
    });
    m_add = add;
    for (QLineEdit *edit : {static_cast<QLineEdit *>(m_product), m_name,
                            static_cast<QLineEdit *>(m_price), static_cast<QLineEdit *>(m_taxRate)})
        connect(edit, &QLineEdit::returnPressed, this, [this, edit, add] {
            // Return in the product list picks; only Return after that adds the line.
            if (edit != m_product || !m_product->list()->popup()->isVisible())
                add->trigger();
        });

    auto *layout = new QGridLayout(this);
    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    layout->addWidget(label(tr("&Product:"), m_product), 0, 0);
    layout->addWidget(m_product, 0, 1, 1, 6);
    layout->addWidget(label(tr("Name:"), m_name), 1, 0);
    layout->addWidget(m_name, 1, 1, 1, 6);
    layout->addWidget(label(tr("Quantity:"), m_quantity), 2, 0);
    layout->addWidget(m_quantity, 2, 1);
    layout->addWidget(label(tr("Unit price:"), m_price), 2, 2);
    layout->addWidget(m_price, 2, 3);
    layout->addWidget(label(tr("Tax %:"), m_taxRate), 2, 4);
    layout->addWidget(m_taxRate, 2, 5);
    layout->addWidget(textButton(add, this), 2, 6);
    layout->setColumnStretch(1, 2);
    layout->setColumnStretch(3, 2);
    layout->setColumnStretch(5, 1);
}

CommandBody AddItemForm::command() const {
    // Text fields are sent trimmed: a stray space is invisible, and the core refuses it.
    if (const auto &picked = m_product->picked())
        return OrderCommands::addCatalogueItem(picked->id, m_quantity->value());
    return OrderCommands::addItem(m_product->text().trimmed(), m_name->text().trimmed(),
                                  m_quantity->value(), m_price->decimalText(),
                                  m_taxRate->decimalText());
}

bool AddItemForm::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_quantity && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            m_add->trigger();
            return true;
        }
    }
    return QGroupBox::eventFilter(watched, event);
}

void AddItemForm::clear() {
    m_product->reset();
    m_name->clear();
    m_quantity->setValue(1);
    m_price->clear();
    m_taxRate->clear();
}

void AddItemForm::focusProduct() {
    m_product->setFocus(Qt::OtherFocusReason);
}

void AddItemForm::productPicked() {
    const auto &picked = m_product->picked();
    // What a catalogue line copies is shown as it will be copied, and cannot be typed over.
    for (QLineEdit *edit :
         {m_name, static_cast<QLineEdit *>(m_price), static_cast<QLineEdit *>(m_taxRate)})
        edit->setReadOnly(picked.has_value());
    if (picked) {
        m_name->setText(picked->data.value(ProductField::Name).toString());
        m_price->setText(picked->data.value(ProductField::UnitPrice).toString());
        m_taxRate->setText(picked->data.value(ProductField::TaxRate).toString());
        m_quantity->setFocus(Qt::OtherFocusReason);
        m_quantity->selectAll();
    } else {
        m_name->clear();
        m_price->clear();
        m_taxRate->clear();
    }
}

} // namespace ot
