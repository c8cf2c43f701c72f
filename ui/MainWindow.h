#pragma once

#include "storage/DatabaseUrl.h"

#include <QMainWindow>

#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QSplitter;
class QTabWidget;
class QToolButton;

namespace ot {

class DeskConnection;
struct AccessRecord;
class ServiceThread;
class MessageWidget;
class OrderListView;
class OrderPanel;
class AuditView;
class CustomersView;
class ProductsView;
class TimelineWidget;
struct DeskSession;

// The staff desk: composes, in tabs, the orders list with the order panel and the timeline of
// an order, and the audit view, plus a window-wide message line,
// and owns what is the window's own: the database connection, menus and shortcuts, who is
// signed in, the demo data offer, the About box, and the remembered layout.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const DatabaseUrl &url, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Closes the current database and opens `url` in a new desk.
    void openDatabase(const DatabaseUrl &url);

    DeskConnection *connection() const { return m_connection.get(); }
    OrderListView *orderList() const { return m_list; }
    OrderPanel *orderPanel() const { return m_panel; }
    TimelineWidget *timeline() const { return m_timeline; }
    AuditView *audit() const { return m_audit; }
    CustomersView *customers() const { return m_customers; }
    ProductsView *products() const { return m_products; }
    QTabWidget *tabs() const { return m_tabs; }
    // Opens the timeline tab on `orderId` at `version` (the latest when not given).
    void showTimeline(const QString &orderId, std::optional<qint64> version = std::nullopt);
    MessageWidget *message() const { return m_message; }
    // Who changes are recorded as: on SQLite the name field (editable, what it says is recorded),
    // on PostgreSQL the login label (the server records the login, whatever a command says).
    QLineEdit *userField() const { return m_user; }
    QLabel *loginLabel() const { return m_login; }
    QAction *demoOrdersAction() const { return m_demoOrders; }

signals:
    void demoOrdersFinished(int made);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void opened(const DeskSession &session);
    void openFailed(const QString &message);
    void signIn();
    QString signedInName() const;
    // The name the desk's commands carry (what SQLite records).
    void recordAs(const QString &name);
    void showConnectDialog();
    void addDemoOrders();
    // Ctrl+P: the version of the order the timeline shows when it is in front, else the order
    // open in the panel as it is now, through the print dialog.
    void printOrder();
    // In the access log, however the print ended, with the digest of the file printed to (if
    // any), which is removed if it cannot be recorded.
    void recordPrint(const AccessRecord &access, const QString &file);
    void showAbout();
    void saveLayout() const;

    std::unique_ptr<DeskConnection> m_connection;
    bool m_mayEdit = false;
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_splitter = nullptr;
    TimelineWidget *m_timeline = nullptr;
    AuditView *m_audit = nullptr;
    CustomersView *m_customers = nullptr;
    ProductsView *m_products = nullptr;
    QMenu *m_auditMenu = nullptr;
    OrderListView *m_list = nullptr;
    OrderPanel *m_panel = nullptr;
    MessageWidget *m_message;
    QLineEdit *m_user;
    QLabel *m_login;
    bool m_serverRecordsLogin = false; // PostgreSQL: m_login shows who is recorded, not m_user
    QString m_sessionLogin;            // that login, once the database is open
    QLabel *m_database;
    QLabel *m_role;
    QLabel *m_connectionState; // shown while the server is out of reach
    QProgressBar *m_demoProgress;
    QToolButton *m_demoCancel;
    ServiceThread *m_demoJob = nullptr; // adding demo orders
    QMenu *m_orderMenu = nullptr;
    QAction *m_demoOrders = nullptr;
};

} // namespace ot
