#pragma once

#include "es/Result.h"

#include <QJsonObject>
#include <QWidget>

#include <optional>

class QAction;
class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace ot {

class CustomerAggregate;
class DeskConnection;
class MessageWidget;
class RecordList;
struct AddressFields;

// The customers: a list searched by number, name, e-mail or city, and beside it the selected
// customer's details in a form to edit, its history, and forgetting it (which erases its
// personal data for good, after the user confirms with a reason). A new customer is registered
// through the same form. Auditors see the list, the details and the history, and change nothing.
class CustomersView final : public QWidget {
    Q_OBJECT
public:
    explicit CustomersView(DeskConnection &connection, QWidget *parent = nullptr);
    ~CustomersView() override;

    void setUser(const QString &userId) { m_user = userId; }
    void setEditable(bool editable);
    RecordList *list() const { return m_list; }
    QListWidget *history() const { return m_history; }
    // The customer shown in the form; empty while a new one is being typed.
    QString customerId() const { return m_id; }
    // Shows someone else's commits: the list, and the customer unless it is being edited.
    void refresh();

signals:
    void statusMessage(const QString &message);

private:
    QAction *makeAction(const QString &text, const QKeySequence &shortcut, const char *name);
    QWidget *buildForm();
    void newCustomer();
    enum class Form {
        Replace,     // shows the customer as stored
        KeepTyped,   // leaves what the form holds as the user typed it
        IfUntouched, // replaces it unless the user has begun to change it meanwhile
    };
    // Loads the customer: its version and history, and its details as `form` says.
    void showCustomer(const QString &id, Form form);
    // Shows the customer's details (none: an empty form).
    void fill(const CustomerAggregate *customer);
    QJsonObject typed() const;
    void save();
    void askToForget();
    void forget();
    void done(const QString &id, const QString &what, const std::optional<Error> &error);
    void updateActions();

    DeskConnection &m_connection;
    QString m_user;
    bool m_editable = false;
    bool m_busy = false;
    QString m_id;
    qint64 m_version = 0;
    QJsonObject m_stored; // typed() as loaded: a change sends only what differs
    quint64 m_shown = 0;  // a load answered after a newer one, or after New Customer, is dropped
    bool m_forgotten = false;

    RecordList *m_list;
    MessageWidget *m_message;
    QLabel *m_title;
    QLineEdit *m_name;
    QLineEdit *m_email;
    QLineEdit *m_phone;
    std::unique_ptr<AddressFields> m_billing;
    std::unique_ptr<AddressFields> m_shipping;
    QCheckBox *m_sameAddress;
    QGroupBox *m_shippingBox;
    QLineEdit *m_reason;
    QListWidget *m_history;
    QAction *m_new;
    QAction *m_save;
    QAction *m_forget;
    QAction *m_confirmForget;
    QAction *m_keep;
    QAction *m_discard;
};

} // namespace ot
