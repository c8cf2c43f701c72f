#include "AmendmentBox.h"

#include "ActionButton.h"
#include "DeskConnection.h"
#include "EventText.h"
#include "es/Clock.h"

#include <QAction>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QUuid>

namespace ot {

namespace {

// A preview needs a reason to pass the rules; the user types the real one before applying.
const QString PreviewReason = QStringLiteral("preview");

QString newId() {
    return IdGenerator::system().next().toString(QUuid::WithoutBraces);
}

// Whether two amendments ask the same, whatever their command ids.
bool sameAsked(const QList<Command> &a, const QList<Command> &b) {
    return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(),
                      [](const Command &x, const Command &y) {
                          return x.type == y.type && x.aggregateId == y.aggregateId &&
                                 x.data == y.data && x.expectedVersion == y.expectedVersion;
                      });
}

} // namespace

AmendmentBox::AmendmentBox(DeskConnection &connection, QWidget *parent)
    : QGroupBox(tr("Amendment"), parent)
    , m_connection(connection)
    , m_intro(new QLabel(this))
    , m_changes(new QListWidget(this))
    , m_totals(new QLabel(this))
    , m_reason(new QLineEdit(this))
    , m_apply(new QAction(tr("Apply Amendment"), this))
    , m_discard(new QAction(tr("Discard Amendment"), this))
    , m_unstage(new QAction(tr("Take Out of the Amendment"), this)) {
    setObjectName(QStringLiteral("amendment"));
    m_intro->setWordWrap(true);
    m_intro->setText(tr("The order is confirmed: its changes are collected here, checked as "
                        "you make them, and applied together with one reason."));
    m_changes->setObjectName(QStringLiteral("amendmentChanges"));
    m_changes->setAccessibleName(tr("Changes in the amendment"));
    m_changes->setMaximumHeight(fontMetrics().height() * 6);
    m_changes->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_changes->addAction(m_unstage);
    m_unstage->setShortcut(QKeySequence::Delete);
    m_unstage->setShortcutContext(Qt::WidgetShortcut);
    m_totals->setObjectName(QStringLiteral("amendmentTotals"));
    m_totals->setTextFormat(Qt::PlainText);
    m_totals->setWordWrap(true);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reason->setObjectName(QStringLiteral("amendmentReason"));
    m_reason->setPlaceholderText(tr("Reason (required; the history shows it)"));
    m_reason->setMaxLength(2000);
    m_apply->setObjectName(QStringLiteral("applyAmendmentAction"));
    m_discard->setObjectName(QStringLiteral("discardAmendmentAction"));

    connect(m_apply, &QAction::triggered, this, &AmendmentBox::apply);
    connect(m_discard, &QAction::triggered, this, &AmendmentBox::discard);
    connect(m_reason, &QLineEdit::returnPressed, m_apply, &QAction::trigger);
    connect(m_unstage, &QAction::triggered, this, [this] {
        const int row = m_changes->currentRow();
        if (m_busy || row < 0 || row >= m_staged.size())
            return;
        m_staged.removeAt(row);
        if (m_staged.isEmpty())
            forget();
        else
            runPreview(-1);
    });

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(textButton(m_apply, this));
    buttons->addWidget(textButton(m_discard, this));
    auto *form = new QFormLayout(this);
    form->addRow(m_intro);
    form->addRow(tr("Changes:"), m_changes);
    form->addRow(tr("Totals:"), m_totals);
    form->addRow(tr("Reason:"), m_reason);
    form->addRow(buttons);
    showChanges();
}

AmendmentBox::~AmendmentBox() = default;

void AmendmentBox::setUser(const QString &userId) {
    m_user = userId;
}

void AmendmentBox::setBase(const OrderAggregate *order) {
    const bool sameOrder = order && m_base && m_base->id == order->id();
    const bool moved = sameOrder && m_base->version != order->version();
    const QString left = m_base ? m_base->id : QString();
    m_base =
        order
            ? std::optional(Base{order->id(), order->version(), order->totals(), order->currency()})
            : std::nullopt;
    if (!sameOrder && !m_staged.isEmpty()) {
        emit message(tr("The amendment of %1 was discarded when another order was shown; "
                        "nothing of it was applied.")
                         .arg(left),
                     MessageWidget::Type::Information);
        forget();
        return;
    }
    if (moved && !m_staged.isEmpty())
        runPreview(-1); // the changes on the order as it is now
    showChanges();
}

void AmendmentBox::stage(int form, const CommandBody &body) {
    if (!m_base || m_busy)
        return;
    m_staged.append(body);
    runPreview(form);
}

QList<Command> AmendmentBox::commands(const QString &reason,
                                      std::optional<qint64> expectedVersion) const {
    QList<Command> list;
    for (const CommandBody &body : m_staged) {
        list.append(OrderService::command(m_base->id, OrderCommands::amended(body, reason), m_user,
                                          list.isEmpty() ? expectedVersion : std::nullopt,
                                          newId()));
    }
    return list;
}

void AmendmentBox::runPreview(int form) {
    setBusy(true);
    const quint64 generation = ++m_generation;
    auto failedAt = std::make_shared<qsizetype>(-1); // written there, read here after the answer
    m_connection.run(
        this,
        [commands = commands(PreviewReason, std::nullopt), failedAt](OrderService &service) {
            return service.preview(commands, failedAt.get());
        },
        [this, form, generation, failedAt](Result<std::unique_ptr<OrderAggregate>> preview) {
            if (generation == m_generation)
                previewDone(form, std::move(preview), *failedAt);
        });
}

void AmendmentBox::previewDone(int form, Result<std::unique_ptr<OrderAggregate>> preview,
                               qsizetype failedAt) {
    if (preview) {
        m_preview = std::move(preview.value());
        showChanges();
        setBusy(false);
        if (form >= 0)
            emit staged(form);
        return;
    }
    const Error &error = preview.error();
    // A failure of the database says nothing of the changes: a new one is not kept (its form
    // keeps what was typed), the others stay.
    if (error.code == ErrorCode::Storage || (form < 0 && failedAt < 0)) {
        if (form >= 0)
            m_staged.removeLast();
        emit message(tr("Cannot check the amendment: %1").arg(error.message),
                     MessageWidget::Type::Error);
        showChanges();
        setBusy(false);
        return;
    }
    // The change just added, or one the order as it is now no longer takes, is not kept.
    const CommandBody refused = m_staged.takeAt(form >= 0 ? m_staged.size() - 1 : failedAt);
    emit message(form >= 0 ? tr("Cannot %1: %2").arg(EventText::command(refused), error.message)
                           : tr("The order changed meanwhile, and \"%1\" no longer applies to "
                                "it (%2): it was taken out of the amendment.")
                                 .arg(EventText::command(refused), error.message),
                 MessageWidget::Type::Error);
    if (m_staged.isEmpty())
        forget();
    else if (form < 0)
        runPreview(-1); // the rest, without it
    else {
        showChanges(); // the preview of the rest stands
        setBusy(false);
    }
}

void AmendmentBox::apply() {
    if (!m_base || m_busy || m_staged.isEmpty())
        return;
    const QString reason = m_reason->text().trimmed();
    if (reason.isEmpty()) {
        emit message(tr("Give the reason for this amendment: the order's history shows it."),
                     MessageWidget::Type::Error);
        m_reason->setFocus(Qt::OtherFocusReason);
        return;
    }
    QList<Command> sent = commands(reason, m_base->version);
    if (sameAsked(sent, m_sent))
        sent = m_sent; // the same amendment again: its outcome may be unknown
    const QString correlation = sent.front().id;
    for (Command &command : sent)
        command.correlationId = correlation; // one change in the history, made of several
    m_sent = sent;
    setBusy(true);
    auto failedAt = std::make_shared<qsizetype>(-1);
    m_connection.run(
        this,
        [sent, failedAt](OrderService &service) {
            return service.executeAtomically(sent, failedAt.get());
        },
        [this, failedAt](Result<QList<QList<DomainEvent>>> result) {
            applyDone(std::move(result), *failedAt);
        });
}

void AmendmentBox::applyDone(Result<QList<QList<DomainEvent>>> result, qsizetype failedAt) {
    if (result) {
        QStringList done;
        for (const QList<DomainEvent> &events : result.value())
            for (const DomainEvent &event : events)
                done << EventText::summary(event);
        const QString summary =
            tr("%1 amended: %2.").arg(m_base->id, done.join(QStringLiteral("; ")));
        m_reason->clear();
        forget();
        emit applied(summary);
        return;
    }
    setBusy(false);
    const Error &error = result.error();
    if (error.code == ErrorCode::Storage) {
        emit message(tr("The amendment may not have been stored: %1. Apply it again: it is "
                        "applied once, whatever happened.")
                         .arg(error.message),
                     MessageWidget::Type::Error);
        return;
    }
    m_sent.clear();
    if (error.code == ErrorCode::Conflict) {
        emit message(tr("Someone else changed order %1 meanwhile, so nothing of the amendment "
                        "was applied. It is shown again on the order as it is now: check it, "
                        "then apply it again.")
                         .arg(m_base->id),
                     MessageWidget::Type::Warning);
        emit baseOutdated();
        return;
    }
    const QString which = failedAt >= 0 && failedAt < m_staged.size()
                              ? EventText::command(m_staged.at(failedAt))
                              : QString();
    emit message(
        which.isEmpty()
            ? tr("The amendment was refused, and nothing of it applied: %1").arg(error.message)
            : tr("The amendment was refused at \"%1\", and nothing of it applied: %2")
                  .arg(which, error.message),
        MessageWidget::Type::Error);
}

void AmendmentBox::discard() {
    if (m_busy && !m_sent.isEmpty())
        return; // being applied: its answer decides
    forget();
}

void AmendmentBox::forget() {
    ++m_generation; // an answer on its way is of no use now
    m_staged.clear();
    m_preview.reset();
    m_sent.clear();
    m_busy = false;
    showChanges();
    emit changed();
}

void AmendmentBox::setBusy(bool busy) {
    m_busy = busy;
    updateActions();
    emit changed();
}

void AmendmentBox::updateActions() {
    const bool some = !m_staged.isEmpty();
    m_apply->setEnabled(!m_busy && some && m_preview);
    m_discard->setEnabled(some && !(m_busy && !m_sent.isEmpty()));
    m_unstage->setEnabled(!m_busy && some);
}

void AmendmentBox::showChanges() {
    m_changes->clear();
    for (const CommandBody &body : std::as_const(m_staged))
        m_changes->addItem(EventText::command(body));
    m_changes->setCurrentRow(int(m_staged.size()) - 1);
    if (!m_base || m_staged.isEmpty()) {
        m_totals->setText(tr("Now: %1").arg(
            m_base ? EventText::totals(m_base->totals, m_base->currency) : QString()));
    } else {
        m_totals->setText(
            tr("Now: %1\nAfter: %2")
                .arg(EventText::totals(m_base->totals, m_base->currency),
                     m_preview ? EventText::totals(m_preview->totals(), m_preview->currency())
                               : tr("(being checked)")));
    }
    updateActions();
}

} // namespace ot
