#include "OrderEditBox.h"

#include "ActionButton.h"
#include "AddressFields.h"
#include "EventText.h"
#include "orders/OrderAggregate.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpressionValidator>

namespace ot {

namespace {

// A discount as typed: digits with a point or a comma; the core checks the rest.
QLineEdit *discountField(QWidget *parent, const QString &name) {
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(OrderEditBox::tr("0 removes it"));
    edit->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[0-9]{0,12}([.,][0-9]{0,4})?")), edit));
    return edit;
}

QComboBox *kindBox(QWidget *parent, const QString &name) {
    auto *box = new QComboBox(parent);
    box->setObjectName(name);
    box->addItem(OrderEditBox::tr("%"), true);
    box->addItem(OrderEditBox::tr("amount"), false);
    return box;
}

QString decimal(const QLineEdit *edit) {
    return edit->text().trimmed().replace(u',', u'.');
}

} // namespace

OrderEditBox::OrderEditBox(QWidget *parent)
    : QGroupBox(tr("Discounts, address and notes"), parent)
    , m_setLineDiscount(new QAction(tr("Set Line Discount"), this))
    , m_setOrderDiscount(new QAction(tr("Set Order Discount"), this))
    , m_addNote(new QAction(tr("Add Note"), this))
    , m_changeAddress(new QAction(tr("Change Shipping Address…"), this))
    , m_address(new QLabel(this))
    , m_lineKind(kindBox(this, QStringLiteral("lineDiscountKind")))
    , m_lineValue(discountField(this, QStringLiteral("lineDiscount")))
    , m_orderKind(kindBox(this, QStringLiteral("orderDiscountKind")))
    , m_orderValue(discountField(this, QStringLiteral("orderDiscount")))
    , m_notes(new QListWidget(this))
    , m_note(new QLineEdit(this)) {
    m_setLineDiscount->setObjectName(QStringLiteral("setLineDiscountAction"));
    m_setOrderDiscount->setObjectName(QStringLiteral("setOrderDiscountAction"));
    m_addNote->setObjectName(QStringLiteral("addNoteAction"));
    m_changeAddress->setObjectName(QStringLiteral("changeAddressAction"));
    m_address->setObjectName(QStringLiteral("shippingAddress"));
    m_address->setWordWrap(true);
    m_address->setTextFormat(Qt::PlainText);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_changeAddress, &QAction::triggered, this, &OrderEditBox::editAddress);
    m_notes->setObjectName(QStringLiteral("notes"));
    m_notes->setAccessibleName(tr("Notes"));
    m_notes->setWordWrap(true);
    m_notes->setMaximumHeight(fontMetrics().height() * 6);
    m_note->setObjectName(QStringLiteral("note"));
    m_note->setPlaceholderText(tr("An internal note, kept with who wrote it and when"));
    m_note->setMaxLength(4000);

    connect(m_setLineDiscount, &QAction::triggered, this, [this] {
        emit requested(Part::LineDiscount,
                       OrderCommands::setLineDiscount(m_product, decimal(m_lineValue),
                                                      m_lineKind->currentData().toBool()));
    });
    connect(m_setOrderDiscount, &QAction::triggered, this, [this] {
        emit requested(Part::OrderDiscount,
                       OrderCommands::setOrderDiscount(decimal(m_orderValue),
                                                       m_orderKind->currentData().toBool()));
    });
    connect(m_addNote, &QAction::triggered, this, [this] {
        emit requested(Part::Note, OrderCommands::addNote(m_note->text().trimmed()));
    });
    connect(m_lineValue, &QLineEdit::returnPressed, m_setLineDiscount, &QAction::trigger);
    connect(m_orderValue, &QLineEdit::returnPressed, m_setOrderDiscount, &QAction::trigger);
    connect(m_note, &QLineEdit::returnPressed, m_addNote, &QAction::trigger);

    const auto row = [this](QComboBox *kind, QLineEdit *value, QAction *action) {
        auto *layout = new QHBoxLayout;
        layout->addWidget(value, 1);
        layout->addWidget(kind);
        layout->addWidget(textButton(action, this));
        return layout;
    };
    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_note, 1);
    noteRow->addWidget(textButton(m_addNote, this));
    auto *form = new QFormLayout(this);
    form->addRow(tr("Selected line:"), row(m_lineKind, m_lineValue, m_setLineDiscount));
    form->addRow(tr("Whole order:"), row(m_orderKind, m_orderValue, m_setOrderDiscount));
    auto *addressRow = new QHBoxLayout;
    addressRow->addWidget(m_address, 1);
    addressRow->addWidget(textButton(m_changeAddress, this));
    form->addRow(tr("Ship to:"), addressRow);
    form->addRow(tr("Notes:"), m_notes);
    form->addRow(QString(), noteRow);
    setOrder(nullptr, {}, false);
}

void OrderEditBox::setOrder(const OrderAggregate *order, const QString &selectedProduct,
                            bool ready) {
    m_product = selectedProduct;
    // A confirmed order's changes are amendments, which the panel stages.
    const auto allows = [&](OrderCommand command) {
        return order && (order->allows(command) || order->amendable(command));
    };
    m_setLineDiscount->setEnabled(ready && !m_product.isEmpty() &&
                                  allows(OrderCommand::SetLineDiscount));
    m_setOrderDiscount->setEnabled(ready && allows(OrderCommand::SetOrderDiscount));
    m_addNote->setEnabled(ready && allows(OrderCommand::AddNote));
    for (QWidget *field : std::initializer_list<QWidget *>{m_lineKind, m_lineValue})
        field->setEnabled(allows(OrderCommand::SetLineDiscount));
    for (QWidget *field : std::initializer_list<QWidget *>{m_orderKind, m_orderValue})
        field->setEnabled(allows(OrderCommand::SetOrderDiscount));
    m_note->setEnabled(allows(OrderCommand::AddNote));
    m_changeAddress->setEnabled(ready && allows(OrderCommand::SetShippingAddress));
    m_shownAddress = order ? order->shippingAddress() : QJsonValue();
    m_address->setText(!order                         ? QString()
                       : m_shownAddress.isUndefined() ? tr("(none)")
                                                      : EventText::address(m_shownAddress));
    m_notes->clear();
    if (!order)
        return;
    for (const OrderNote &note : order->notes())
        m_notes->addItem(
            tr("%1, %2: %3").arg(note.userId, EventText::time(note.timestamp), note.text));
}

void OrderEditBox::editAddress() {
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("shippingAddressDialog"));
    dialog->setWindowTitle(tr("Shipping Address"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *form = new QFormLayout(dialog);
    auto fields = std::make_shared<AddressFields>(dialog, QStringLiteral("shipTo"));
    fields->addTo(form);
    if (!m_shownAddress.isUndefined())
        fields->set(m_shownAddress);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Ship Here"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *missing =
        new QLabel(tr("A street, a city and a two-letter country code are needed."), dialog);
    missing->setObjectName(QStringLiteral("addressMissing"));
    missing->hide();
    form->insertRow(0, missing);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, dialog, fields, missing] {
        // What is typed stays until it is complete; the core checks the rest (lengths).
        const std::optional<Address> address = fields->address();
        if (!address || address->line1.isEmpty() || address->city.isEmpty() ||
            address->country.size() != 2) {
            missing->show();
            return;
        }
        emit requested(Part::ShippingAddress, OrderCommands::setShippingAddress(*address));
        dialog->accept();
    });
    fields->line1->setFocus();
    dialog->open();
}

void OrderEditBox::clear(Part part) {
    switch (part) {
    case Part::LineDiscount:
        m_lineValue->clear();
        break;
    case Part::OrderDiscount:
        m_orderValue->clear();
        break;
    case Part::Note:
        m_note->clear();
        break;
    case Part::ShippingAddress:
        break;
    }
}

} // namespace ot
