#include "OrderPanel.h"

#include "ActionButton.h"
#include "AddItemForm.h"
#include "AmendmentBox.h"
#include "DeskConnection.h"
#include "EventText.h"
#include "MessageWidget.h"
#include "OrderEditBox.h"
#include "OrderLinesView.h"
#include "RecordPicker.h"
#include "es/Clock.h"

#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSettings>
#include <QToolButton>
#include <QUuid>
#include <QVBoxLayout>

namespace ot {

namespace {

const QString CurrencyKey = QStringLiteral("desk/currency");

// Text fields are sent trimmed: a stray space is invisible, and the core refuses it.
QString field(const QLineEdit *edit) {
    return edit->text().trimmed();
}

} // namespace

OrderPanel::OrderPanel(DeskConnection &connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_message(new MessageWidget(this)) {
    m_newOrder = makeAction(tr("New order"), QKeySequence::New, "newOrderAction");
    m_create = makeAction(tr("Create order"), {}, "createOrderAction");
    m_addItem = makeAction(tr("Add item"), QKeySequence(tr("Ctrl+Shift+A")), "addItemAction");
    m_removeItem =
        makeAction(tr("Remove item"), QKeySequence(tr("Ctrl+Shift+R")), "removeItemAction");
    m_confirm = makeAction(tr("Confirm"), QKeySequence(tr("Ctrl+Shift+C")), "confirmAction");
    m_ship = makeAction(tr("Ship"), QKeySequence(tr("Ctrl+Shift+S")), "shipAction");
    m_deliver = makeAction(tr("Deliver"), QKeySequence(tr("Ctrl+Shift+D")), "deliverAction");
    m_cancel = makeAction(tr("Cancel order"), QKeySequence(tr("Ctrl+Shift+X")), "cancelAction");
    m_applyAgain = new QAction(tr("Apply my change again"), this);
    m_discard = new QAction(tr("Discard my change"), this);
    m_tryAgain = new QAction(tr("Try again"), this);
    m_tryAgain->setObjectName(QStringLiteral("tryAgainAction"));

    connect(m_newOrder, &QAction::triggered, this, [this] {
        m_customer->setFocus(Qt::ShortcutFocusReason);
        m_customer->selectAll();
    });
    connect(m_create, &QAction::triggered, this, &OrderPanel::createOrder);
    connect(m_addItem, &QAction::triggered, this,
            [this] { send(Form::AddItem, m_addItemBox->command()); });
    connect(m_removeItem, &QAction::triggered, this, [this] {
        const QString product = m_itemsView->currentProduct();
        if (!product.isEmpty())
            send(Form::RemoveItem, OrderCommands::removeItem(product));
    });
    connect(m_confirm, &QAction::triggered, this,
            [this] { send(Form::Confirm, OrderCommands::confirm()); });
    connect(m_ship, &QAction::triggered, this,
            [this] { send(Form::Ship, OrderCommands::ship(field(m_carrier), field(m_tracking))); });
    connect(m_deliver, &QAction::triggered, this,
            [this] { send(Form::Deliver, OrderCommands::deliver()); });
    connect(m_cancel, &QAction::triggered, this,
            [this] { send(Form::Cancel, OrderCommands::cancel(field(m_reason))); });
    connect(m_applyAgain, &QAction::triggered, this, &OrderPanel::applyAgain);
    connect(m_discard, &QAction::triggered, this, &OrderPanel::discard);
    connect(m_tryAgain, &QAction::triggered, this, &OrderPanel::tryAgain);

    // New order: a registered customer, picked; the core picks the order id.
    m_newOrderBox = new QGroupBox(tr("New order"), this);
    m_customer = new RecordPicker(connection, RecordPicker::customers, m_newOrderBox);
    m_customer->setObjectName(QStringLiteral("customer"));
    m_customer->setPlaceholderText(tr("Type a name, number, e-mail or city, pick from the list"));
    connect(m_customer, &QLineEdit::returnPressed, this, [this] {
        // Return in the list picks; Return after that creates the order.
        // Without a pick the button is greyed, but Return says what is missing.
        if (!m_customer->list()->popup()->isVisible())
            createOrder();
    });
    connect(m_customer, &RecordPicker::pickedChanged, this, &OrderPanel::updateActions);
    connect(m_customer, &RecordPicker::matchesShown, this, [this](const QString &error) {
        if (!error.isEmpty())
            m_message->showMessage(tr("Cannot look up customers: %1").arg(error),
                                   MessageWidget::Type::Error);
    });
    // Any ISO 4217 code may be typed; the list offers the usual ones.
    m_currency = new QComboBox(m_newOrderBox);
    m_currency->setObjectName(QStringLiteral("currency"));
    m_currency->setEditable(true);
    m_currency->setInsertPolicy(QComboBox::NoInsert);
    m_currency->addItems({QStringLiteral("EUR"), QStringLiteral("USD"), QStringLiteral("GBP"),
                          QStringLiteral("CHF"), QStringLiteral("SEK"), QStringLiteral("DKK"),
                          QStringLiteral("NOK"), QStringLiteral("PLN"), QStringLiteral("CZK"),
                          QStringLiteral("JPY")});
    m_currency->lineEdit()->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[A-Za-z]{0,3}")), m_currency));
    m_currency->setToolTip(tr("The order's currency (ISO 4217): every amount of it is in this"));
    auto *newOrderLayout = new QHBoxLayout(m_newOrderBox);
    newOrderLayout->addWidget(new QLabel(tr("Customer:"), m_newOrderBox));
    newOrderLayout->addWidget(m_customer, 1);
    auto *currencyLabel = new QLabel(tr("C&urrency:"), m_newOrderBox);
    currencyLabel->setBuddy(m_currency);
    newOrderLayout->addWidget(currencyLabel);
    newOrderLayout->addWidget(m_currency);
    newOrderLayout->addWidget(textButton(m_create, m_newOrderBox));

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(m_message);
    contentLayout->addWidget(m_newOrderBox);
    contentLayout->addWidget(buildOrderView(), 1);
    contentLayout->addWidget(buildForms());

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    display(nullptr);
}

OrderPanel::~OrderPanel() = default;

QAction *OrderPanel::makeAction(const QString &text, const QKeySequence &shortcut,
                                const char *name) {
    auto *action = new QAction(text, this);
    action->setObjectName(QLatin1String(name));
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        action->setToolTip(tr("%1 (%2)").arg(text, shortcut.toString(QKeySequence::NativeText)));
    }
    addAction(action); // so the shortcut works while the panel's window is active
    return action;
}

QWidget *OrderPanel::buildOrderView() {
    auto *box = new QWidget(this);
    m_title = new QLabel(box);
    m_title->setObjectName(QStringLiteral("orderTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details = new QLabel(box);
    m_details->setObjectName(QStringLiteral("orderDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_itemsView = new OrderLinesView(box);
    m_itemsView->setObjectName(QStringLiteral("items"));
    m_itemsView->setAccessibleName(tr("Items"));
    connect(m_itemsView, &OrderLinesView::quantityTyped, this,
            [this](const QString &product, qint64 quantity) {
                send(Form::Quantity, OrderCommands::changeQuantity(product, quantity));
            });
    connect(m_itemsView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &OrderPanel::updateActions);

    auto *itemActions = new QHBoxLayout;
    itemActions->addStretch(1);
    m_removeButton = textButton(m_removeItem, box);
    itemActions->addWidget(m_removeButton);

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_details);
    layout->addWidget(m_itemsView, 1);
    layout->addLayout(itemActions);
    return box;
}

QWidget *OrderPanel::buildForms() {
    auto *forms = new QWidget(this);

    m_addItemBox = new AddItemForm(m_connection, m_addItem, forms);
    m_editBox = new OrderEditBox(forms);
    connect(m_editBox, &OrderEditBox::requested, this,
            [this](OrderEditBox::Part part, const CommandBody &body) {
                using enum OrderEditBox::Part;
                send(part == LineDiscount      ? Form::LineDiscount
                     : part == OrderDiscount   ? Form::OrderDiscount
                     : part == ShippingAddress ? Form::ShippingAddress
                                               : Form::Note,
                     body);
            });
    m_amendment = new AmendmentBox(m_connection, forms);
    connect(m_amendment, &AmendmentBox::changed, this, &OrderPanel::showState);
    connect(m_amendment, &AmendmentBox::staged, this, [this](int form) {
        m_message->hideMessage();
        clearForm(Form(form));
        if (Form(form) == Form::AddItem)
            m_addItemBox->focusProduct();
    });
    connect(m_amendment, &AmendmentBox::message, m_message,
            [this](const QString &text, MessageWidget::Type type) {
                m_message->showMessage(text, type);
                showLines(); // a quantity typed for a refused change goes back
            });
    connect(m_amendment, &AmendmentBox::applied, this, [this](const QString &summary) {
        m_message->hideMessage();
        emit statusMessage(summary);
        reloadOrder();
    });
    connect(m_amendment, &AmendmentBox::baseOutdated, this, &OrderPanel::reloadOrder);
    connect(m_addItemBox, &AddItemForm::lookupFailed, this, [this](const QString &error) {
        m_message->showMessage(tr("Cannot look up products: %1").arg(error),
                               MessageWidget::Type::Error);
    });

    m_lifecycleBox = new QGroupBox(tr("Lifecycle"), forms);
    m_carrier = new QLineEdit(m_lifecycleBox);
    m_carrier->setObjectName(QStringLiteral("carrier"));
    m_carrier->setPlaceholderText(tr("Carrier (optional)"));
    m_tracking = new QLineEdit(m_lifecycleBox);
    m_tracking->setObjectName(QStringLiteral("trackingNumber"));
    m_tracking->setPlaceholderText(tr("Tracking number (optional)"));
    m_reason = new QLineEdit(m_lifecycleBox);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setPlaceholderText(tr("Reason (required)"));
    for (QLineEdit *edit : {m_carrier, m_tracking})
        connect(edit, &QLineEdit::returnPressed, m_ship, &QAction::trigger);
    connect(m_reason, &QLineEdit::returnPressed, m_cancel, &QAction::trigger);

    auto *lifecycle = new QFormLayout(m_lifecycleBox);
    lifecycle->addRow(textButton(m_confirm, m_lifecycleBox));
    auto *shipRow = new QHBoxLayout;
    shipRow->addWidget(m_carrier, 1);
    shipRow->addWidget(m_tracking, 1);
    shipRow->addWidget(textButton(m_ship, m_lifecycleBox));
    lifecycle->addRow(tr("Shipping:"), shipRow);
    lifecycle->addRow(textButton(m_deliver, m_lifecycleBox));
    auto *cancelRow = new QHBoxLayout;
    cancelRow->addWidget(m_reason, 1);
    cancelRow->addWidget(textButton(m_cancel, m_lifecycleBox));
    lifecycle->addRow(tr("Cancel:"), cancelRow);

    auto *layout = new QVBoxLayout(forms);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_amendment);
    layout->addWidget(m_addItemBox);
    layout->addWidget(m_editBox);
    layout->addWidget(m_lifecycleBox);
    return forms;
}

void OrderPanel::setDefaultCurrency(const QString &databaseDefault) {
    m_currency->setCurrentText(QSettings().value(CurrencyKey, databaseDefault).toString());
}

void OrderPanel::setUser(const QString &userId) {
    m_user = userId;
    m_amendment->setUser(userId);
}

void OrderPanel::setEditable(bool editable) {
    m_editable = editable;
    for (QWidget *form : {static_cast<QWidget *>(m_newOrderBox), m_addItemBox->parentWidget()})
        form->setVisible(editable);
    for (QAction *action : editActions())
        action->setVisible(editable);
    m_removeButton->setVisible(editable);
    updateActions();
}

QList<QAction *> OrderPanel::editActions() const {
    return {m_newOrder, m_addItem, m_removeItem, m_confirm, m_ship, m_deliver, m_cancel};
}

qint64 OrderPanel::shownVersion() const {
    return m_order ? m_order->version() : 0;
}

void OrderPanel::showOrder(const QString &orderId) {
    if (orderId != m_orderId) {
        m_orderId = orderId;
        m_focusItemForm = false; // another order than the one just created
        m_order.reset();
        m_conflicted.reset();
        m_failed.reset();
        m_message->hideMessage();
        display(nullptr);
    }
    reloadOrder();
}

void OrderPanel::reloadOrder() {
    if (m_orderId.isEmpty() || m_busy)
        return;
    m_connection.run(
        this, [id = m_orderId](OrderService &service) { return service.order(id); },
        [this, id = m_orderId](Result<std::unique_ptr<OrderAggregate>> order) {
            if (id != m_orderId)
                return; // another order was selected meanwhile
            if (!order) {
                m_focusItemForm = false; // it was for this order, which did not show
                m_message->showMessage(order.error().message, MessageWidget::Type::Error);
                return;
            }
            display(std::move(order.value()));
        });
}

void OrderPanel::createOrder() {
    if (!m_customer->picked()) {
        m_message->showMessage(tr("Choose a registered customer: type part of a name, number, "
                                  "e-mail or city, then pick one from the list."),
                               MessageWidget::Type::Error);
        m_customer->setFocus(Qt::OtherFocusReason);
        return;
    }
    const QString customer = m_customer->picked()->id;
    const QString currency = m_currency->currentText().trimmed().toUpper();
    m_busy = true;
    updateActions();
    m_connection.run(
        this,
        [customer, currency, user = m_user](OrderService &service) {
            return service.createOrder(customer, currency, user);
        },
        [this, currency](Result<QString> created) {
            m_busy = false;
            if (!created) {
                m_message->showMessage(created.error().message, MessageWidget::Type::Error);
                updateActions();
                return;
            }
            m_message->hideMessage();
            QSettings().setValue(CurrencyKey, currency); // the next order's, too
            clearForm(Form::NewOrder);
            emit statusMessage(tr("Created order %1.").arg(created.value()));
            showOrder(created.value());
            emit orderCreated(created.value());
            m_focusItemForm = true; // once the new order shows, and the form is enabled
        });
}

void OrderPanel::send(Form form, const CommandBody &body) {
    if (!m_order || m_busy || m_amendment->busy())
        return;
    if (const auto command = orderCommandFromName(body.type);
        command && !shown()->allows(*command) && shown()->amendable(*command)) {
        m_amendment->stage(int(form), body);
        return;
    }
    execute({form, body, m_order->version(),
             IdGenerator::system().next().toString(QUuid::WithoutBraces)});
}

void OrderPanel::execute(const Pending &pending) {
    m_busy = true;
    updateActions();
    m_failed.reset();
    const Command command = OrderService::command(m_orderId, pending.body, m_user,
                                                  pending.seenVersion, pending.commandId);
    m_connection.run(
        this, [command](OrderService &service) { return service.execute(command); },
        [this, pending](Result<QList<DomainEvent>> result) {
            commandDone(pending, std::move(result));
        });
}

void OrderPanel::commandDone(const Pending &pending, Result<QList<DomainEvent>> result) {
    m_busy = false;
    if (result) {
        m_conflicted.reset();
        m_message->hideMessage();
        clearForm(pending.form);
        if (pending.form == Form::AddItem)
            m_addItemBox->focusProduct(); // the next line
        QStringList done;
        for (const DomainEvent &event : result.value())
            done << EventText::describe(event);
        emit statusMessage(tr("%1: %2.").arg(m_orderId, done.join(QStringLiteral("; "))));
        reloadOrder();
        return;
    }
    if (result.error().code == ErrorCode::Storage) {
        // It may have been written before the failure: sent again with its commandId, it is
        // applied once whatever happened.
        m_failed = pending;
        m_message->showMessage(result.error().message, MessageWidget::Type::Error, {m_tryAgain});
        updateActions();
        return;
    }
    if (result.error().code != ErrorCode::Conflict) {
        // What was typed stays, so the user can correct it; a quantity typed in the table
        // goes back to the order's.
        m_message->showMessage(result.error().message, MessageWidget::Type::Error);
        if (pending.form == Form::Quantity)
            showLines();
        updateActions();
        return;
    }
    // Someone else got there first: nothing was applied. Show what they did, then the order
    // as it is now, and let the user decide.
    m_conflicted = pending;
    m_connection.run(
        this,
        [id = m_orderId, seen = pending.seenVersion](OrderService &service) {
            return service.history(id, seen);
        },
        [this, pending, id = m_orderId](Result<QList<DomainEvent>> theirs) {
            if (id != m_orderId)
                return;
            showConflict(pending, theirs ? theirs.value() : QList<DomainEvent>());
        });
    reloadOrder();
}

void OrderPanel::showConflict(const Pending &pending, const QList<DomainEvent> &theirs) {
    QStringList lines;
    lines << tr("Someone else changed order %1 while you were looking at version %2, so your "
                "change (%3) was not applied.")
                 .arg(m_orderId)
                 .arg(pending.seenVersion)
                 .arg(EventText::command(pending.body));
    if (!theirs.isEmpty()) {
        lines << tr("Since then:");
        for (const DomainEvent &event : theirs)
            lines << tr("• version %1: %2")
                         .arg(event.metadata.version)
                         .arg(EventText::describe(event));
    }
    lines << tr("The order below is now up to date. Apply your change to it, or discard it.");
    m_message->showMessage(lines.join(u'\n'), MessageWidget::Type::Warning,
                           {m_applyAgain, m_discard});
    updateActions();
}

void OrderPanel::applyAgain() {
    if (!m_conflicted || !m_order || m_busy)
        return;
    Pending again = *m_conflicted;
    again.seenVersion = m_order->version(); // the state the user now sees
    again.commandId =
        IdGenerator::system().next().toString(QUuid::WithoutBraces); // another command
    m_message->hideMessage();
    execute(again);
}

void OrderPanel::tryAgain() {
    if (!m_failed || m_busy)
        return;
    const Pending same = *m_failed;
    m_message->hideMessage();
    execute(same);
}

void OrderPanel::discard() {
    if (m_conflicted)
        clearForm(m_conflicted->form);
    m_conflicted.reset();
    m_message->hideMessage();
}

void OrderPanel::clearForm(Form form) {
    switch (form) {
    case Form::NewOrder:
        m_customer->reset();
        break;
    case Form::AddItem:
        m_addItemBox->clear();
        break;
    case Form::Ship:
        m_carrier->clear();
        m_tracking->clear();
        break;
    case Form::Cancel:
        m_reason->clear();
        break;
    case Form::LineDiscount:
        m_editBox->clear(OrderEditBox::Part::LineDiscount);
        break;
    case Form::OrderDiscount:
        m_editBox->clear(OrderEditBox::Part::OrderDiscount);
        break;
    case Form::Note:
        m_editBox->clear(OrderEditBox::Part::Note);
        break;
    case Form::Quantity:
    case Form::ShippingAddress:
    case Form::RemoveItem:
    case Form::Confirm:
    case Form::Deliver:
        break;
    }
}

void OrderPanel::display(std::unique_ptr<OrderAggregate> order) {
    // Nothing new keeps the item selection. The same version can show otherwise: its
    // customer's data erased since.
    if (order && m_order && order->toJson() == m_order->toJson()) {
        updateActions();
        return;
    }
    if (order && m_order && order->id() == m_order->id() && order->lastUserId() != m_user)
        emit statusMessage(tr("Order %1 was changed by %2.").arg(order->id(), order->lastUserId()));
    m_order = std::move(order);
    m_amendment->setBase(m_order.get());
    showState();
    if (m_order && std::exchange(m_focusItemForm, false))
        m_addItemBox->focusProduct();
}

const OrderAggregate *OrderPanel::shown() const {
    return m_amendment->preview() ? m_amendment->preview() : m_order.get();
}

void OrderPanel::showState() {
    showLines();
    if (!m_order) {
        m_title->setText(m_orderId.isEmpty() ? tr("No order selected") : m_orderId);
        m_details->setText(m_orderId.isEmpty()
                               ? tr("Select an order in the list, or create one above.")
                               : tr("Loading…"));
        updateActions();
        return;
    }
    const OrderAggregate &o = *shown();
    m_title->setText(
        m_amendment->isEmpty()
            ? tr("%1 — %2").arg(o.id(), EventText::status(*o.status()))
            : tr("%1 — %2, amended (not applied yet)").arg(o.id(), EventText::status(*o.status())));
    QStringList details = EventText::orderDetails(o);
    details.insert(3, tr("Version %1 · last change %2 by %3")
                          .arg(m_order->version())
                          .arg(EventText::time(m_order->updatedAt()), m_order->lastUserId()));
    m_details->setText(details.join(u'\n'));
    updateActions();
}

void OrderPanel::showLines() {
    const OrderAggregate *order = shown();
    m_itemsView->setOrder(order, m_editable && order &&
                                     (order->allows(OrderCommand::ChangeItemQuantity) ||
                                      order->amendable(OrderCommand::ChangeItemQuantity)));
}

void OrderPanel::updateActions() {
    // What the order's rules allow now (OrderAggregate::allows), never a copy of them here; a
    // confirmed order's changes are staged as an amendment.
    const OrderAggregate *order = shown();
    const auto allows = [&](OrderCommand command) { return order && order->allows(command); };
    const auto changes = [&](OrderCommand command) {
        return allows(command) || (order && order->amendable(command));
    };
    const bool ready = m_editable && !m_busy && !m_amendment->busy();
    const bool settled = m_amendment->isEmpty(); // no lifecycle step under a staged amendment
    m_newOrder->setEnabled(m_editable);
    m_create->setEnabled(ready && m_customer->picked().has_value());
    m_addItem->setEnabled(ready && changes(OrderCommand::AddItem));
    m_removeItem->setEnabled(ready && changes(OrderCommand::RemoveItem) &&
                             m_itemsView->currentIndex().isValid());
    m_confirm->setEnabled(ready && settled && allows(OrderCommand::Confirm));
    m_ship->setEnabled(ready && settled && allows(OrderCommand::Ship));
    m_deliver->setEnabled(ready && settled && allows(OrderCommand::Deliver));
    m_cancel->setEnabled(ready && settled && allows(OrderCommand::Cancel));
    m_applyAgain->setEnabled(ready && m_conflicted.has_value() && m_order);
    m_tryAgain->setEnabled(ready && m_failed.has_value());
    m_discard->setEnabled(m_conflicted.has_value());
    // The fields of a form the state rules out are greyed, and keep what was typed.
    m_addItemBox->setEnabled(changes(OrderCommand::AddItem));
    m_carrier->setEnabled(allows(OrderCommand::Ship));
    m_tracking->setEnabled(allows(OrderCommand::Ship));
    m_reason->setEnabled(allows(OrderCommand::Cancel));
    m_amendment->setVisible(m_editable && m_order &&
                            (!m_amendment->isEmpty() || m_order->amendable(OrderCommand::AddItem)));
    m_editBox->setOrder(order, m_itemsView->currentProduct(), ready && !m_conflicted);
}

} // namespace ot
