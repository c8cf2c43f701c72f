#include "CustomersView.h"

#include "ActionButton.h"
#include "AddressFields.h"
#include "DeskConnection.h"
#include "EventText.h"
#include "MessageWidget.h"
#include "RecordList.h"
#include "es/Sealed.h"

#include <QAction>
#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ot {

namespace {
Result<QList<RecordRow>> customerRows(OrderService &service, const QString &search, int limit) {
    auto page = service.customerPage(search, {}, {}, limit);
    if (!page)
        return page.error();
    QList<RecordRow> rows;
    for (const CustomerSummary &c : page.value()) {
        const bool forgotten = c.status != CustomerWord::Active;
        rows.append(
            {{c.customerId, forgotten ? CustomersView::tr("(erased)") : c.name, c.email, c.city,
              c.country, forgotten ? CustomersView::tr("forgotten") : CustomersView::tr("active")},
             forgotten});
    }
    return rows;
}
} // namespace

CustomersView::CustomersView(DeskConnection &connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_list(new RecordList(
          connection,
          {tr("Number"), tr("Name"), tr("E-mail"), tr("City"), tr("Country"), tr("Status")},
          customerRows, this))
    , m_message(new MessageWidget(this)) {
    setObjectName(QStringLiteral("customers"));
    m_list->searchField()->setObjectName(QStringLiteral("customerSearch"));
    m_list->searchField()->setPlaceholderText(tr("Search by number, name, e-mail or city"));
    m_list->table()->setObjectName(QStringLiteral("customerTable"));
    m_list->table()->setAccessibleName(tr("Customers"));
    connect(m_list, &RecordList::selected, this,
            [this](const QString &id) { showCustomer(id, Form::Replace); });

    m_new = makeAction(tr("New Customer"), QKeySequence(tr("Ctrl+Shift+N")), "newCustomerAction");
    m_save = makeAction(tr("Register"), QKeySequence::Save, "saveCustomerAction");
    m_forget = makeAction(tr("Forget Customer…"), {}, "forgetCustomerAction");
    m_confirmForget = new QAction(tr("Erase their personal data for good"), this);
    m_confirmForget->setObjectName(QStringLiteral("confirmForgetAction"));
    m_keep = new QAction(tr("Keep it"), this);
    m_discard = new QAction(tr("Discard My Change"), this);
    m_discard->setObjectName(QStringLiteral("discardCustomerChangeAction"));
    connect(m_new, &QAction::triggered, this, &CustomersView::newCustomer);
    connect(m_save, &QAction::triggered, this, &CustomersView::save);
    connect(m_forget, &QAction::triggered, this, &CustomersView::askToForget);
    connect(m_confirmForget, &QAction::triggered, this, &CustomersView::forget);
    connect(m_keep, &QAction::triggered, m_message, &MessageWidget::hideMessage);
    connect(m_discard, &QAction::triggered, this, [this] {
        m_message->hideMessage();
        showCustomer(m_id, Form::Replace);
    });

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(buildForm());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    newCustomer();
}

CustomersView::~CustomersView() = default;

QAction *CustomersView::makeAction(const QString &text, const QKeySequence &shortcut,
                                   const char *name) {
    auto *action = new QAction(text, this);
    action->setObjectName(QLatin1String(name));
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(tr("%1 (%2)").arg(text, shortcut.toString(QKeySequence::NativeText)));
    }
    addAction(action);
    return action;
}

QWidget *CustomersView::buildForm() {
    auto *content = new QWidget;
    m_title = new QLabel(content);
    m_title->setObjectName(QStringLiteral("customerTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *details = new QGroupBox(tr("Details"), content);
    m_name = new QLineEdit(details);
    m_name->setObjectName(QStringLiteral("customerName"));
    m_email = new QLineEdit(details);
    m_email->setObjectName(QStringLiteral("customerEmail"));
    m_phone = new QLineEdit(details);
    m_phone->setObjectName(QStringLiteral("customerPhone"));
    auto *detailsForm = new QFormLayout(details);
    detailsForm->addRow(tr("&Name:"), m_name);
    detailsForm->addRow(tr("&E-mail:"), m_email);
    detailsForm->addRow(tr("&Phone:"), m_phone);

    auto *billing = new QGroupBox(tr("Billing address"), content);
    m_billing = std::make_unique<AddressFields>(billing, QStringLiteral("billing"));
    auto *billingForm = new QFormLayout(billing);
    m_billing->addTo(billingForm);
    m_shippingBox = new QGroupBox(tr("Shipping address"), content);
    // Made before the shipping fields, so that Tab reaches it first, as it is shown.
    m_sameAddress = new QCheckBox(tr("Same as the billing address"), m_shippingBox);
    m_sameAddress->setObjectName(QStringLiteral("sameAddress"));
    m_shipping = std::make_unique<AddressFields>(m_shippingBox, QStringLiteral("shipping"));
    auto *shippingForm = new QFormLayout(m_shippingBox);
    shippingForm->addRow(m_sameAddress);
    m_shipping->addTo(shippingForm);
    // While the box is ticked, the shipping address shows the billing address as typed.
    const auto follow = [this] {
        const bool same = m_sameAddress->isChecked();
        const QList<QLineEdit *> billing = m_billing->all();
        const QList<QLineEdit *> shipping = m_shipping->all();
        for (qsizetype i = 0; i < shipping.size(); ++i) {
            shipping[i]->setEnabled(!same);
            if (same)
                shipping[i]->setText(billing[i]->text());
        }
    };
    connect(m_sameAddress, &QCheckBox::toggled, this, follow);
    for (QLineEdit *edit : m_billing->all())
        connect(edit, &QLineEdit::textChanged, this, follow);

    for (QLineEdit *edit : {m_name, m_email, m_phone})
        connect(edit, &QLineEdit::returnPressed, m_save, &QAction::trigger);
    for (const AddressFields *address : {m_billing.get(), m_shipping.get()})
        for (QLineEdit *edit : address->all())
            connect(edit, &QLineEdit::returnPressed, m_save, &QAction::trigger);

    const auto button = [content](QAction *action) { return textButton(action, content); };
    auto *actions = new QHBoxLayout;
    actions->addWidget(button(m_new));
    actions->addStretch(1);
    actions->addWidget(button(m_save));

    auto *forget = new QGroupBox(tr("Erase on request"), content);
    m_reason = new QLineEdit(forget);
    m_reason->setObjectName(QStringLiteral("forgetReason"));
    m_reason->setPlaceholderText(tr("Reason (required), e.g. request by e-mail of 3 May"));
    connect(m_reason, &QLineEdit::returnPressed, m_forget, &QAction::trigger);
    auto *forgetRow = new QHBoxLayout(forget);
    forgetRow->addWidget(m_reason, 1);
    forgetRow->addWidget(button(m_forget));

    m_history = new QListWidget(content);
    m_history->setObjectName(QStringLiteral("customerHistory"));
    m_history->setAccessibleName(tr("History of the customer"));
    m_history->setMinimumHeight(fontMetrics().height() * 6);

    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_message);
    layout->addWidget(m_title);
    layout->addWidget(details);
    layout->addWidget(billing);
    layout->addWidget(m_shippingBox);
    layout->addLayout(actions);
    layout->addWidget(forget);
    layout->addWidget(new QLabel(tr("History:"), content));
    layout->addWidget(m_history, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

void CustomersView::setEditable(bool editable) {
    m_editable = editable;
    updateActions();
}

void CustomersView::refresh() {
    m_list->refresh();
    if (!m_id.isEmpty() && !m_busy && typed() == m_stored)
        showCustomer(m_id, Form::IfUntouched);
}

void CustomersView::newCustomer() {
    ++m_shown;
    m_id.clear();
    m_list->clearCurrent();
    m_version = 0;
    m_forgotten = false;
    fill(nullptr);
    m_history->clear();
    m_title->setText(tr("New customer"));
    m_message->hideMessage();
    m_name->setFocus(Qt::OtherFocusReason);
    updateActions();
}

void CustomersView::showCustomer(const QString &id, Form form) {
    // A refresh must not drop the answer to a selection made before it.
    const quint64 shown = form == Form::IfUntouched ? m_shown : ++m_shown;
    using Loaded = std::pair<std::unique_ptr<CustomerAggregate>, QList<DomainEvent>>;
    m_connection.run(
        this,
        [id](OrderService &service) -> Result<Loaded> {
            auto customer = service.customer(id);
            if (!customer)
                return customer.error();
            auto history = service.streamHistory(CustomerWord::Type, id);
            if (!history)
                return history.error();
            return Loaded{std::move(customer.value()), history.value()};
        },
        [this, id, form, shown](Result<Loaded> loaded) {
            if (shown != m_shown)
                return;
            // The version is the one the form's details were read at: a change typed meanwhile
            // is saved against the older one, and meets the other change as a conflict.
            if (form == Form::IfUntouched && (id != m_id || m_busy || typed() != m_stored))
                return;
            if (!loaded) {
                m_message->showMessage(loaded.error().message, MessageWidget::Type::Error);
                return;
            }
            const CustomerAggregate &customer = *loaded->first;
            if (id != m_id) {
                // A question or a reason about another customer must not carry over to this one.
                m_message->hideMessage();
                m_reason->clear();
            }
            m_id = id;
            m_version = customer.version();
            m_forgotten = customer.forgotten();
            if (form != Form::KeepTyped || m_forgotten)
                fill(&customer);
            m_history->clear();
            for (const DomainEvent &event : loaded->second)
                m_history->addItem(tr("%1 — %2").arg(EventText::time(event.metadata.timestamp),
                                                     EventText::describe(event)));
            m_title->setText(m_forgotten
                                 ? tr("%1 — forgotten: %2").arg(id, customer.forgottenReason())
                                 : tr("%1 — %2").arg(id, m_name->text()));
            updateActions();
        });
}

void CustomersView::fill(const CustomerAggregate *customer) {
    const auto value = [customer](const QString &name) {
        return customer ? customer->field(name) : QJsonValue();
    };
    const auto text = [&](const QString &name) {
        const QJsonValue held = value(name);
        return sealed::isErased(held) ? tr("(erased)") : held.toString();
    };
    // A forgotten customer keeps nothing of its details, but had a name.
    m_name->setText(customer && customer->forgotten() ? tr("(erased)") : text(CustomerField::Name));
    m_email->setText(text(CustomerField::Email));
    m_phone->setText(text(CustomerField::Phone));
    m_billing->set(value(CustomerField::BillingAddress));
    m_shipping->set(value(CustomerField::ShippingAddress));
    m_sameAddress->setChecked(value(CustomerField::BillingAddress) ==
                              value(CustomerField::ShippingAddress));
    m_stored = typed();
}

// What the form holds, as a registration's fields (a field left empty is null).
QJsonObject CustomersView::typed() const {
    const auto text = [](const QLineEdit *edit) -> QJsonValue {
        const QString value = edit->text().trimmed();
        return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
    };
    const QJsonValue billing = m_billing->value();
    return {{CustomerField::Name, text(m_name)},
            {CustomerField::Email, text(m_email)},
            {CustomerField::Phone, text(m_phone)},
            {CustomerField::BillingAddress, billing},
            {CustomerField::ShippingAddress,
             m_sameAddress->isChecked() ? billing : m_shipping->value()}};
}

void CustomersView::save() {
    if (m_busy || !m_editable || m_forgotten)
        return;
    const QJsonObject now = typed();
    QString what;
    std::function<Result<QString>(OrderService &)> work;
    if (m_id.isEmpty()) {
        const auto text = [](const QLineEdit *edit) { return edit->text().trimmed(); };
        const std::optional<Address> billing = m_billing->address();
        const CommandBody registration = CustomerCommands::registerCustomer(
            text(m_name), text(m_email), text(m_phone), billing,
            m_sameAddress->isChecked() ? billing : m_shipping->address());
        work = [registration, user = m_user](OrderService &service) {
            return service.registerCustomer(registration, user);
        };
        what = tr("Registered customer %1.");
    } else {
        QJsonObject changes;
        for (auto it = now.begin(); it != now.end(); ++it) {
            if (m_stored.value(it.key()) != it.value())
                changes.insert(it.key(), it.value());
        }
        if (changes.isEmpty()) {
            emit statusMessage(tr("Nothing to save: the details are as stored."));
            return;
        }
        const Command command = OrderService::command(
            m_id, CustomerCommands::changeDetails(changes), m_user, m_version);
        work = [command](OrderService &service) -> Result<QString> {
            auto done = service.execute(command);
            if (!done)
                return done.error();
            return command.aggregateId;
        };
        what = tr("Saved the details of %1.");
    }
    m_busy = true;
    updateActions();
    m_connection.run(this, work, [this, what, id = m_id](Result<QString> saved) {
        done(saved ? saved.value() : id, what, saved ? std::nullopt : std::optional(saved.error()));
    });
}

void CustomersView::askToForget() {
    if (m_id.isEmpty() || m_forgotten || m_busy || !m_editable)
        return;
    if (m_reason->text().trimmed().isEmpty()) {
        m_message->showMessage(tr("Say why the customer's data is erased (for example, whose "
                                  "request, and when): the reason is kept in the history."),
                               MessageWidget::Type::Error);
        m_reason->setFocus(Qt::OtherFocusReason);
        return;
    }
    m_message->showMessage(
        tr("Erase the personal data of %1 (%2) for good? Their name, e-mail, phone and addresses, "
           "and every copy in their orders, will show as erased everywhere, and cannot be "
           "brought back. The orders themselves and the proof of the history stay.")
            .arg(m_id, m_name->text()),
        MessageWidget::Type::Warning, {m_confirmForget, m_keep});
}

void CustomersView::forget() {
    if (m_id.isEmpty() || m_forgotten || m_busy || !m_editable)
        return;
    m_message->hideMessage();
    const Command command = OrderService::command(
        m_id, CustomerCommands::forget(m_reason->text().trimmed()), m_user, m_version);
    m_busy = true;
    updateActions();
    m_connection.run(
        this, [command](OrderService &service) { return service.execute(command); },
        [this, id = m_id](const Result<QList<DomainEvent>> &result) {
            if (result)
                m_reason->clear();
            done(id, tr("Erased the personal data of %1."),
                 result ? std::nullopt : std::optional(result.error()));
        });
}

void CustomersView::done(const QString &id, const QString &what,
                         const std::optional<Error> &error) {
    m_busy = false;
    if (error && error->code == ErrorCode::Conflict && id == m_id) {
        // What was typed stays; the version and the history catch up, so saving again applies
        // the user's change (only what they changed) on top of the other one.
        m_message->showMessage(tr("Someone else changed %1 while you were editing, so nothing "
                                  "was saved. Their change is in the history below: save again "
                                  "to apply yours on top of it, or discard yours.")
                                   .arg(id),
                               MessageWidget::Type::Warning, {m_discard});
        showCustomer(id, Form::KeepTyped);
        return;
    }
    if (error) {
        // What was typed stays, so the user can correct it.
        m_message->showMessage(error->message, MessageWidget::Type::Error);
        updateActions();
        return;
    }
    m_message->hideMessage();
    emit statusMessage(what.arg(id));
    m_list->select(id);
    m_list->refresh();
}

void CustomersView::updateActions() {
    const bool ready = m_editable && !m_busy;
    const bool open = !m_forgotten;
    m_new->setEnabled(m_editable);
    m_save->setEnabled(ready && open);
    m_save->setText(m_id.isEmpty() ? tr("Register") : tr("Save Changes"));
    m_forget->setEnabled(ready && open && !m_id.isEmpty());
    m_confirmForget->setEnabled(ready);
    for (QLineEdit *edit : {m_name, m_email, m_phone, m_reason})
        edit->setReadOnly(!m_editable || m_forgotten);
    for (const AddressFields *address : {m_billing.get(), m_shipping.get()})
        for (QLineEdit *edit : address->all())
            edit->setReadOnly(!m_editable || m_forgotten);
    m_sameAddress->setEnabled(m_editable && open);
}

} // namespace ot
