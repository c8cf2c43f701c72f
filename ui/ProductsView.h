#pragma once

#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QListWidget;

namespace ot {

class DeskConnection;
class MessageWidget;
class MoneyEdit;
class PercentEdit;
class RecordList;
struct CommandBody;

// The product catalogue: a list searched by SKU or name; a form that adds a product; and for
// the selected product, its price history, a new price (with a reason) and discontinuing it.
// Auditors see the list and the histories, and change nothing.
class ProductsView final : public QWidget {
    Q_OBJECT
public:
    explicit ProductsView(DeskConnection &connection, QWidget *parent = nullptr);

    void setUser(const QString &userId) { m_user = userId; }
    void setEditable(bool editable);
    RecordList *list() const { return m_list; }
    QListWidget *history() const { return m_history; }
    QString productId() const { return m_id; }
    void refresh();

signals:
    void statusMessage(const QString &message);

private:
    QAction *makeAction(const QString &text, const char *name);
    QWidget *buildAddForm();
    QWidget *buildProductBox();
    void showProduct(const QString &sku);
    void add();
    void changePrice();
    void askToDiscontinue();
    void discontinue();
    // Runs a command of the product `sku`; `what` (with %1 for the SKU) is said when it is done.
    void run(const QString &sku, const CommandBody &body, std::optional<qint64> expectedVersion,
             const QString &what);
    void updateActions();

    DeskConnection &m_connection;
    QString m_user;
    bool m_editable = false;
    bool m_busy = false;
    QString m_id;
    qint64 m_version = 0;
    bool m_discontinued = false;
    quint64 m_shown = 0; // a load answered after a newer one is dropped

    RecordList *m_list;
    MessageWidget *m_message;
    QWidget *m_addBox = nullptr;
    QLineEdit *m_sku;
    QLineEdit *m_name;
    MoneyEdit *m_price;
    PercentEdit *m_taxRate;
    QLabel *m_title;
    MoneyEdit *m_newPrice;
    QLineEdit *m_reason;
    QListWidget *m_history;
    QAction *m_add;
    QAction *m_changePrice;
    QAction *m_discontinue;
    QAction *m_confirmDiscontinue;
    QAction *m_keep;
};

} // namespace ot
