#pragma once

#include "es/Command.h"
#include "orders/OrderAggregate.h"

#include <QWidget>

#include <memory>

class QAction;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace ot {

class DeskConnection;
class MessageWidget;
class AddItemForm;
class AmendmentBox;
class OrderEditBox;
class OrderLinesView;
class RecordPicker;

// The order beside the list, and the forms that issue its commands: new order, add and remove
// items, quantities (edited in the lines table), discounts, shipping address, notes, confirm,
// ship, deliver, cancel. Only what the order's state allows is enabled. The changes of a
// confirmed order are amendments: staged in an AmendmentBox, shown as they would make the order,
// and applied together with a reason. Every
// command carries the version shown (expectedVersion): when someone else changed the order
// meanwhile, the panel says so, lists their events, shows the new state and lets the user apply
// the change again or discard it. A refusal is shown inline; what was typed stays until the
// command succeeds or the user discards it.
class OrderPanel final : public QWidget {
    Q_OBJECT
public:
    explicit OrderPanel(DeskConnection &connection, QWidget *parent = nullptr);
    ~OrderPanel() override;

    // The name recorded on events (the server's login on PostgreSQL).
    void setUser(const QString &userId);
    // The currency a new order starts with: the one last used here, else the database's.
    void setDefaultCurrency(const QString &databaseDefault);
    // False for an auditor: no form, no editing action.
    void setEditable(bool editable);

    void showOrder(const QString &orderId);
    // Shows the order's current state again (someone committed).
    void reloadOrder();
    QString orderId() const { return m_orderId; }
    qint64 shownVersion() const;

    // The editing actions, for the window's menu; their shortcuts work anywhere in the window.
    QList<QAction *> editActions() const;
    QAction *newOrderAction() const { return m_newOrder; }

signals:
    void orderCreated(const QString &orderId);
    void statusMessage(const QString &message);

private:
    enum class Form {
        NewOrder,
        AddItem,
        RemoveItem,
        Quantity,
        LineDiscount,
        OrderDiscount,
        ShippingAddress,
        Note,
        Confirm,
        Ship,
        Deliver,
        Cancel,
    };
    struct Pending {
        Form form;
        CommandBody body;
        qint64 seenVersion = 0;
        // One per user action: sent again after a failure whose outcome is unknown (a lost
        // connection), it is applied at most once.
        QString commandId;
    };

    QAction *makeAction(const QString &text, const QKeySequence &shortcut, const char *name);
    QWidget *buildOrderView();
    QWidget *buildForms();
    void createOrder();
    void send(Form form, const CommandBody &body);
    void execute(const Pending &pending);
    void commandDone(const Pending &pending, Result<QList<DomainEvent>> result);
    void showConflict(const Pending &pending, const QList<DomainEvent> &theirs);
    void applyAgain();
    void tryAgain();
    void discard();
    void clearForm(Form form);
    void display(std::unique_ptr<OrderAggregate> order);
    // The order as stored, or as the staged amendment would make it.
    const OrderAggregate *shown() const;
    // Title, details and lines of shown().
    void showState();
    // The lines table from the order shown.
    void showLines();
    void updateActions();

    DeskConnection &m_connection;
    QString m_user;
    bool m_editable = false;
    bool m_busy = false;          // a command is on its way: no second one meanwhile
    bool m_focusItemForm = false; // an order was just created: its items come next
    QString m_orderId;
    std::unique_ptr<OrderAggregate> m_order;
    std::optional<Pending>
        m_conflicted;                // the change a conflict stopped, until applied or discarded
    std::optional<Pending> m_failed; // the change a storage failure stopped, to send again

    MessageWidget *m_message;
    QGroupBox *m_newOrderBox;
    RecordPicker *m_customer;
    QComboBox *m_currency;
    QLabel *m_title;
    QLabel *m_details;
    OrderLinesView *m_itemsView;
    QToolButton *m_removeButton;
    AddItemForm *m_addItemBox;
    OrderEditBox *m_editBox;
    AmendmentBox *m_amendment;
    QGroupBox *m_lifecycleBox;
    QLineEdit *m_carrier;
    QLineEdit *m_tracking;
    QLineEdit *m_reason;

    QAction *m_newOrder;
    QAction *m_create;
    QAction *m_addItem;
    QAction *m_removeItem;
    QAction *m_confirm;
    QAction *m_ship;
    QAction *m_deliver;
    QAction *m_cancel;
    QAction *m_applyAgain;
    QAction *m_discard;
    QAction *m_tryAgain;
};

} // namespace ot
