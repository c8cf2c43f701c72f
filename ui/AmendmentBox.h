#pragma once

#include "MessageWidget.h"
#include "es/Command.h"
#include "orders/OrderAggregate.h"

#include <QGroupBox>

#include <memory>

class QAction;
class QLabel;
class QLineEdit;
class QListWidget;

namespace ot {

class DeskConnection;

// The staged amendment of a confirmed order (see OrderPanel). Once an order is confirmed, its
// line, discount and address changes need a reason; rather than sent one by one, they are
// collected here. Each is checked as it is added by a preview (OrderService::preview: the real
// rules and catalogue, nothing stored), which the panel shows in place of the order, while this
// box lists the changes and the totals before and after. Apply sends them all with one reason,
// in one transaction under one correlation id (OrderService::executeAtomically), on the version
// that was previewed; Discard forgets them.
class AmendmentBox final : public QGroupBox {
    Q_OBJECT
public:
    explicit AmendmentBox(DeskConnection &connection, QWidget *parent = nullptr);
    ~AmendmentBox() override;

    void setUser(const QString &userId);
    // The order as stored (null: none). A new version of it previews the changes again; another
    // order forgets them.
    void setBase(const OrderAggregate *order);
    // Adds a change. Once its preview passed, staged(`form`) follows; a change the rules refuse
    // is not kept, and the message says why.
    void stage(int form, const CommandBody &body);

    bool isEmpty() const { return m_staged.isEmpty(); }
    // A preview or the amendment itself is on its way.
    bool busy() const { return m_busy; }
    // The order as the staged changes make it; null when nothing is staged.
    const OrderAggregate *preview() const { return m_preview.get(); }
    QAction *applyAction() const { return m_apply; }
    QAction *discardAction() const { return m_discard; }

signals:
    void staged(int form);
    // preview() or busy() changed: what the panel shows and enables.
    void changed();
    void message(const QString &text, ot::MessageWidget::Type type);
    // The amendment was stored; `summary` says what it did.
    void applied(const QString &summary);
    // The order changed under the amendment: the panel reads it again (setBase follows).
    void baseOutdated();

private:
    struct Base {
        QString id;
        qint64 version = 0;
        std::optional<OrderTotals> totals;
        QString currency;
    };
    QList<Command> commands(const QString &reason, std::optional<qint64> expectedVersion) const;
    // Previews the staged changes; `form` is that of a change just added, else -1.
    void runPreview(int form);
    void previewDone(int form, Result<std::unique_ptr<OrderAggregate>> preview, qsizetype failedAt);
    void apply();
    void applyDone(Result<QList<QList<DomainEvent>>> result, qsizetype failedAt);
    void discard();
    // Drops every staged change, and any answer on its way.
    void forget();
    // Sets busy() and tells the panel (changed()).
    void setBusy(bool busy);
    void updateActions();
    void showChanges();

    DeskConnection &m_connection;
    QString m_user;
    std::optional<Base> m_base;
    QList<CommandBody> m_staged;
    std::unique_ptr<OrderAggregate> m_preview;
    // The amendment as last sent: sent again unchanged after a failure whose outcome is unknown
    // (a lost connection), it carries the same command ids, so it is applied at most once.
    QList<Command> m_sent;
    bool m_busy = false;
    quint64 m_generation = 0; // previews answered after a newer one was asked are dropped

    QLabel *m_intro;
    QListWidget *m_changes;
    QLabel *m_totals;
    QLineEdit *m_reason;
    QAction *m_apply;
    QAction *m_discard;
    QAction *m_unstage;
};

} // namespace ot
