#include "RecordPicker.h"

#include "DeskConnection.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QStandardItemModel>
#include <QTimer>

namespace ot {

namespace {
constexpr int TypingPauseMs = 150;
} // namespace

RecordPicker::RecordPicker(DeskConnection &connection, Lookup lookup, QWidget *parent)
    : QLineEdit(parent)
    , m_connection(connection)
    , m_lookup(std::move(lookup))
    , m_matches(new QStandardItemModel(this))
    , m_completer(new QCompleter(m_matches, this))
    , m_delay(new QTimer(this)) {
    setClearButtonEnabled(true);
    // The database filtered the matches already; the list shows them all, whatever was typed.
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setWidget(this);
    m_completer->setMaxVisibleItems(12);
    m_completer->popup()->setObjectName(QStringLiteral("pickerList"));
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            &RecordPicker::pick);
    m_delay->setSingleShot(true);
    m_delay->setInterval(TypingPauseMs);
    connect(m_delay, &QTimer::timeout, this, &RecordPicker::lookUp);
    connect(this, &QLineEdit::textEdited, this, [this] {
        if (m_picked) {
            m_picked.reset();
            emit pickedChanged();
        }
        m_delay->start();
    });
}

void RecordPicker::reset() {
    m_delay->stop();
    m_completer->popup()->hide();
    clear();
    if (m_picked) {
        m_picked.reset();
        emit pickedChanged();
    }
}

void RecordPicker::lookUp() {
    const QString typed = text().trimmed();
    if (typed.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    m_connection.run(
        this, [lookup = m_lookup, typed](OrderService &service) { return lookup(service, typed); },
        [this, typed](Result<QList<PickerChoice>> found) {
            if (typed != text().trimmed() || m_picked)
                return; // typed on meanwhile: a newer lookup follows
            if (!found) {
                emit matchesShown(found.error().message);
                return;
            }
            m_choices = found.value();
            m_matches->clear();
            for (const PickerChoice &choice : std::as_const(m_choices))
                m_matches->appendRow(new QStandardItem(choice.detail));
            if (m_choices.isEmpty())
                m_completer->popup()->hide();
            else if (hasFocus())
                m_completer->complete();
            emit matchesShown({});
        });
}

void RecordPicker::pick(const QModelIndex &index) {
    if (index.row() < 0 || index.row() >= m_choices.size())
        return;
    m_delay->stop();
    m_picked = m_choices.at(index.row());
    setText(m_picked->text);
    emit pickedChanged();
}

Result<QList<PickerChoice>> RecordPicker::customers(OrderService &service, const QString &search) {
    auto page = service.customerPage(search, CustomerWord::Active, {}, Matches);
    if (!page)
        return page.error();
    QList<PickerChoice> choices;
    for (const CustomerSummary &c : page.value()) {
        const QString place = QStringList{c.city, c.country}.join(QStringLiteral(", "));
        QStringList detail{c.customerId + QStringLiteral(" — ") + c.name, c.email, place};
        detail.removeAll(QString());
        choices.append({c.customerId,
                        tr("%1 (%2)").arg(c.name, c.customerId),
                        detail.join(QStringLiteral(" · ")),
                        {}});
    }
    return choices;
}

} // namespace ot
