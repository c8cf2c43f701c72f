#include "MainWindow.h"

#include "AuditView.h"
#include "ConnectDialog.h"
#include "CustomersView.h"
#include "DeskConnection.h"
#include "Documents.h"
#include "MessageWidget.h"
#include "OrderListView.h"
#include "OrderPanel.h"
#include "ProductsView.h"
#include "RecordList.h"
#include "TimelineWidget.h"
#include "es/Sha256.h"
#include "orders/MasterDataVocabulary.h"
#include "service/OrderService.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QPrinterInfo>
#include <QProgressBar>
#include <QRandomGenerator>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextDocument>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace ot {

namespace {
const QString GeometryKey = QStringLiteral("mainWindow/geometry");
const QString StateKey = QStringLiteral("mainWindow/state");
const QString SplitterKey = QStringLiteral("mainWindow/splitter");
const QString TabKey = QStringLiteral("mainWindow/tab");
constexpr int DemoOrderCount = 200;

constexpr int StatusTimeoutMs = 8000;
// OrderTrail's licence is the Apache License 2.0 (LICENSE at the top of the repository).
const char *const LicenceText = QT_TRANSLATE_NOOP(
    "ot::MainWindow", "Licence: Apache License 2.0. Qt is used under the GNU LGPL version 3.");
} // namespace

MainWindow::MainWindow(const DatabaseUrl &url, QWidget *parent)
    : QMainWindow(parent)
    , m_message(new MessageWidget(this))
    , m_user(new QLineEdit(this))
    , m_login(new QLabel(this))
    , m_database(new QLabel(this))
    , m_role(new QLabel(this))
    , m_connectionState(new QLabel(this))
    , m_demoProgress(new QProgressBar(this))
    , m_demoCancel(new QToolButton(this)) {
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_message);
    setCentralWidget(central);

    m_user->setObjectName(QStringLiteral("signedInAs"));
    m_user->setAccessibleName(tr("Signed in as"));
    m_user->setToolTip(tr("An SQLite file has no logins: the name typed here is recorded on "
                          "every change you make."));
    m_user->setText(savedDeskUser());
    m_user->setMaximumWidth(m_user->fontMetrics().averageCharWidth() * 24);
    connect(m_user, &QLineEdit::editingFinished, this, &MainWindow::signIn);
    m_login->setObjectName(QStringLiteral("signedInLogin"));
    m_login->setAccessibleName(tr("Signed in as"));
    m_login->setToolTip(tr("The database records this login on every change. To work as someone "
                           "else, open the database with their login."));
    m_login->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_demoProgress->hide();
    m_demoCancel->setObjectName(QStringLiteral("cancelDemoOrders"));
    m_demoCancel->setText(tr("Cancel"));
    m_demoCancel->setToolTip(tr("Stop adding demo orders"));
    m_demoCancel->hide();
    statusBar()->addPermanentWidget(m_demoProgress);
    statusBar()->addPermanentWidget(m_demoCancel);
    m_connectionState->setObjectName(QStringLiteral("connectionState"));
    m_connectionState->setText(tr("Connection lost: reconnecting…"));
    m_connectionState->setStyleSheet(QStringLiteral("color: palette(bright-text); background: "
                                                    "#b3261e; padding: 0 6px;"));
    m_connectionState->hide();
    statusBar()->addPermanentWidget(m_connectionState);
    statusBar()->addPermanentWidget(m_role);
    statusBar()->addPermanentWidget(m_database);

    buildMenus();
    resize(1200, 760);
    restoreGeometry(QSettings().value(GeometryKey).toByteArray());
    restoreState(QSettings().value(StateKey).toByteArray());
    openDatabase(url);
}

MainWindow::~MainWindow() {
    // Closing the window takes the focus from the name field, which would sign in again.
    disconnect(m_user, nullptr, this, nullptr);
    // The desk's widgets and the demo job go before the connection they use.
    delete m_demoJob;
    delete m_tabs;
}

void MainWindow::buildMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Database…"), this, &MainWindow::showConnectDialog);
    open->setShortcut(QKeySequence::Open);
    m_demoOrders = file->addAction(tr("Add %n Demo Orders", nullptr, DemoOrderCount), this,
                                   &MainWindow::addDemoOrders);
    m_demoOrders->setObjectName(QStringLiteral("demoOrdersAction"));
    QAction *print = file->addAction(tr("&Print Order…"), this, &MainWindow::printOrder);
    print->setShortcut(QKeySequence::Print);
    print->setObjectName(QStringLiteral("printOrderAction"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    m_orderMenu = menuBar()->addMenu(tr("&Order"));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *find = view->addAction(tr("&Find Orders"), this, [this] { m_list->focusSearch(); });
    find->setShortcut(QKeySequence::Find);
    QAction *refresh = view->addAction(tr("&Refresh"), this, [this] {
        m_list->refresh();
        m_panel->reloadOrder();
    });
    refresh->setShortcut(QKeySequence::Refresh);
    view->addSeparator();
    QAction *orders = view->addAction(tr("&Orders"), this, [this] {
        m_tabs->setCurrentIndex(0);
        m_list->setFocus();
    });
    orders->setShortcut(QKeySequence(tr("Ctrl+1")));
    QAction *timeline = view->addAction(tr("&Timeline of the Order"), this,
                                        [this] { showTimeline(m_panel->orderId()); });
    timeline->setShortcut(QKeySequence(tr("Ctrl+2")));
    QAction *audit = view->addAction(tr("&Audit"), this, [this] {
        m_tabs->setCurrentWidget(m_audit);
        m_audit->table()->setFocus();
    });
    audit->setShortcut(QKeySequence(tr("Ctrl+3")));
    QAction *customers = view->addAction(tr("&Customers"), this, [this] {
        m_tabs->setCurrentWidget(m_customers);
        m_customers->list()->searchField()->setFocus();
    });
    customers->setShortcut(QKeySequence(tr("Ctrl+4")));
    QAction *products = view->addAction(tr("&Products"), this, [this] {
        m_tabs->setCurrentWidget(m_products);
        m_products->list()->searchField()->setFocus();
    });
    products->setShortcut(QKeySequence(tr("Ctrl+5")));
    m_auditMenu = menuBar()->addMenu(tr("&Audit"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About OrderTrail"), this, &MainWindow::showAbout);
    about->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar *toolBar = addToolBar(tr("Desk"));
    toolBar->setObjectName(QStringLiteral("deskToolBar"));
    toolBar->setMovable(false);
    toolBar->addAction(open);
    toolBar->addAction(refresh);
    auto *spacer = new QWidget(toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    // The name field or the login label is shown (openDatabase); a toolbar's own widgets can be
    // hidden only through their actions, so both live in one widget of their own.
    auto *signedIn = new QWidget(toolBar);
    signedIn->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Preferred);
    auto *signedInLayout = new QHBoxLayout(signedIn);
    signedInLayout->setContentsMargins(0, 0, 0, 0);
    signedInLayout->addWidget(new QLabel(tr("Signed in as"), signedIn));
    signedInLayout->addWidget(m_user);
    signedInLayout->addWidget(m_login);
    toolBar->addWidget(signedIn);
}

void MainWindow::openDatabase(const DatabaseUrl &url) {
    if (m_tabs) {
        saveLayout();
        delete m_tabs;
    }
    delete m_demoJob;
    m_demoJob = nullptr;
    m_demoProgress->hide();
    m_demoCancel->hide();
    m_connectionState->hide();
    m_message->hideMessage();
    m_mayEdit = false;
    m_serverRecordsLogin = url.backend == DatabaseUrl::Backend::Postgres;
    m_sessionLogin.clear();
    m_user->setVisible(!m_serverRecordsLogin);
    m_login->setVisible(m_serverRecordsLogin);
    m_login->setText(tr("(connecting…)"));

    m_connection = std::make_unique<DeskConnection>(url);
    m_list = new OrderListView(*m_connection);
    m_panel = new OrderPanel(*m_connection);
    m_tabs = new QTabWidget(centralWidget());
    m_tabs->setObjectName(QStringLiteral("deskTabs"));
    m_tabs->setDocumentMode(true);
    m_splitter = new QSplitter(Qt::Horizontal, m_tabs);
    m_splitter->addWidget(m_list);
    m_splitter->addWidget(m_panel);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    if (!m_splitter->restoreState(QSettings().value(SplitterKey).toByteArray()))
        m_splitter->setSizes({width() * 11 / 20, width() * 9 / 20});
    m_timeline = new TimelineWidget(*m_connection, m_tabs);
    m_tabs->addTab(m_splitter, tr("Orders"));
    m_audit = new AuditView(*m_connection, m_tabs);
    m_tabs->addTab(m_timeline, tr("Timeline"));
    m_tabs->addTab(m_audit, tr("Audit"));
    m_customers = new CustomersView(*m_connection, m_tabs);
    m_tabs->addTab(m_customers, tr("Customers"));
    m_products = new ProductsView(*m_connection, m_tabs);
    m_tabs->addTab(m_products, tr("Products"));
    m_tabs->setCurrentIndex(qBound(0, QSettings().value(TabKey).toInt(), m_tabs->count() - 1));
    static_cast<QVBoxLayout *>(centralWidget()->layout())->addWidget(m_tabs, 1);
    setTabOrder(m_list, m_panel);

    m_orderMenu->clear();
    m_orderMenu->addActions(m_panel->editActions());
    m_auditMenu->clear();
    m_auditMenu->addActions(m_audit->auditActions());
    m_auditMenu->addSeparator();
    m_auditMenu->addActions(m_timeline->replayActions());
    m_demoOrders->setEnabled(false);

    connect(m_connection.get(), &DeskConnection::opened, this, &MainWindow::opened);
    connect(m_connection.get(), &DeskConnection::failed, this, &MainWindow::openFailed);
    // Commits by anyone (another window, process or user) show without a restart.
    connect(m_connection.get(), &DeskConnection::changed, m_list, &OrderListView::refresh);
    connect(m_connection.get(), &DeskConnection::changed, m_panel, &OrderPanel::reloadOrder);
    connect(m_connection.get(), &DeskConnection::changed, m_timeline, &TimelineWidget::reload);
    connect(m_connection.get(), &DeskConnection::changed, m_audit, &AuditView::refresh);
    connect(m_connection.get(), &DeskConnection::changed, m_customers, &CustomersView::refresh);
    connect(m_connection.get(), &DeskConnection::changed, m_products, &ProductsView::refresh);
    connect(m_connection.get(), &DeskConnection::personalDataErased, m_timeline,
            &TimelineWidget::rereadPersonalData);
    connect(m_connection.get(), &DeskConnection::personalDataErased, m_audit,
            &AuditView::rereadPersonalData);
    // The server went away (a restart, the network): said until it is back, then caught up.
    connect(m_connection.get(), &DeskConnection::connectionLost, this,
            [this](const QString &reason) {
                m_connectionState->setToolTip(reason);
                m_connectionState->show();
            });
    connect(m_connection.get(), &DeskConnection::connectionRestored, this, [this] {
        m_connectionState->hide();
        statusBar()->showMessage(tr("Reconnected to the database."), StatusTimeoutMs);
    });
    connect(m_audit, &AuditView::openRecord, this, [this](const QString &type, const QString &id) {
        if (type == CustomerWord::Type) {
            m_tabs->setCurrentWidget(m_customers);
            m_customers->list()->select(id);
        } else if (type == ProductWord::Type) {
            m_tabs->setCurrentWidget(m_products);
            m_products->list()->select(id);
        }
    });
    connect(m_audit, &AuditView::openTimeline, this,
            [this](const QString &id, qint64 version) { showTimeline(id, version); });
    connect(m_list, &OrderListView::orderSelected, m_panel, &OrderPanel::showOrder);
    // The timeline follows the selected order (it loads only when its tab is shown).
    connect(m_list, &OrderListView::orderSelected, m_timeline,
            [this](const QString &id) { m_timeline->showOrder(id); });
    connect(m_panel, &OrderPanel::orderCreated, m_list, &OrderListView::selectOrder);
    const auto showStatus = [this](const QString &message) {
        statusBar()->showMessage(message, StatusTimeoutMs);
    };
    connect(m_list, &OrderListView::statusMessage, this, showStatus);
    connect(m_panel, &OrderPanel::statusMessage, this, showStatus);
    connect(m_audit, &AuditView::statusMessage, this, showStatus);
    connect(m_customers, &CustomersView::statusMessage, this, showStatus);
    connect(m_products, &ProductsView::statusMessage, this, showStatus);

    const QString name = url.backend == DatabaseUrl::Backend::Sqlite
                             ? QFileInfo(url.path).fileName()
                             : tr("%1 on %2").arg(url.database, url.host);
    setWindowTitle(name);
    m_database->setText(url.toString());
    m_role->clear();
    statusBar()->showMessage(tr("Opening %1…").arg(url.toString()));
}

void MainWindow::showTimeline(const QString &orderId, std::optional<qint64> version) {
    m_tabs->setCurrentWidget(m_timeline);
    m_timeline->showOrder(orderId, version);
    m_timeline->setFocus();
}

void MainWindow::opened(const DeskSession &session) {
    m_mayEdit = session.mayEdit;
    ConnectDialog::rememberDatabase(session.url);
    if (m_serverRecordsLogin) {
        m_sessionLogin = session.serverUser;
        m_login->setText(session.mayEdit ? tr("%1 (staff: may change orders)").arg(m_sessionLogin)
                                         : tr("%1 (auditor: reads only)").arg(m_sessionLogin));
    } else {
        m_user->setText(savedDeskUser());
    }
    recordAs(signedInName());
    m_panel->setEditable(session.mayEdit);
    m_panel->setDefaultCurrency(session.defaultCurrency);
    m_customers->setEditable(session.mayEdit);
    m_products->setEditable(session.mayEdit);
    m_demoOrders->setEnabled(session.mayEdit);
    m_role->setText(session.mayEdit ? tr("Staff") : tr("Auditor: read only"));
    statusBar()->showMessage(
        session.liveUpdatesError.isEmpty()
            ? tr("Opened %1.").arg(session.url.toString())
            : tr("Live updates are unavailable: %1").arg(session.liveUpdatesError),
        StatusTimeoutMs);
    if (session.orderCount == 0 && session.mayEdit)
        m_message->showMessage(tr("This database has no orders yet. Add some demo orders to "
                                  "try the desk?"),
                               MessageWidget::Type::Information, {m_demoOrders});
}

void MainWindow::openFailed(const QString &message) {
    m_role->clear();
    m_login->setText(tr("nobody (not connected)"));
    auto *another = new QAction(tr("Open Another Database…"), m_message);
    connect(another, &QAction::triggered, this, &MainWindow::showConnectDialog);
    m_message->showMessage(tr("Cannot open the database: %1").arg(message),
                           MessageWidget::Type::Error, {another});
    statusBar()->clearMessage();
}

void MainWindow::signIn() {
    // The field loses the focus as it is hidden for a PostgreSQL database, whose login counts.
    if (m_serverRecordsLogin)
        return;
    const QString name = m_user->text().trimmed();
    if (name.isEmpty()) {
        m_user->setText(savedDeskUser());
        return;
    }
    m_user->setText(name);
    saveDeskUser(name);
    recordAs(name);
    statusBar()->showMessage(tr("Changes are now recorded as %1.").arg(name), StatusTimeoutMs);
}

void MainWindow::recordAs(const QString &name) {
    m_panel->setUser(name);
    m_customers->setUser(name);
    m_products->setUser(name);
}

QString MainWindow::signedInName() const {
    return m_serverRecordsLogin ? m_sessionLogin : m_user->text();
}

void MainWindow::showConnectDialog() {
    auto *dialog = new ConnectDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openDatabase(dialog->url()); });
    dialog->open();
}

void MainWindow::printOrder() {
    const bool timeline = m_tabs && m_tabs->currentWidget() == m_timeline;
    const QString id = timeline ? m_timeline->orderId() : m_panel->orderId();
    // The timeline's chosen version; none chosen yet (or the panel): the newest.
    const qint64 chosen = timeline ? m_timeline->currentVersion() : 0;
    const auto version = chosen > 0 ? std::optional<qint64>(chosen) : std::nullopt;
    if (id.isEmpty()) {
        statusBar()->showMessage(tr("Choose an order to print."), StatusTimeoutMs);
        return;
    }
    m_connection->run(
        this, [id, version](OrderService &service) { return orderToPrint(service, id, version); },
        [this, id, asked = version.value_or(0)](Result<OrderVersion> shown) {
            if (!shown) {
                m_message->showMessage(
                    tr("Cannot print order %1: %2").arg(id, shown.error().message),
                    MessageWidget::Type::Error);
                recordPrint(printAccess(id, asked, shown.error()), {});
                return;
            }
            const auto document = orderDocument(*shown->at, shown->event);
            const qint64 version = shown->at->version();
            QPrinter printer(QPrinter::HighResolution);
            printer.setDocName(tr("Order %1, version %2").arg(id).arg(version));
            // Without a printer the dialog offers a PDF file: name it after the order.
            if (QPrinterInfo::availablePrinters().isEmpty())
                printer.setOutputFileName(
                    QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                        .filePath(QStringLiteral("%1-v%2.pdf").arg(id).arg(version)));
            QPrintDialog dialog(&printer, this);
            dialog.setObjectName(QStringLiteral("printOrderDialog"));
            dialog.setWindowTitle(tr("Print Order %1, Version %2").arg(id).arg(version));
            if (dialog.exec() != QDialog::Accepted) {
                recordPrint(printAccess(id, version, Error::invalid(QStringLiteral("cancelled"))),
                            {});
                return;
            }
            document->print(&printer);
            recordPrint(printAccess(id, version, QByteArray()), printer.outputFileName());
            statusBar()->showMessage(tr("Printed order %1 at version %2.").arg(id).arg(version),
                                     StatusTimeoutMs);
        });
}

void MainWindow::recordPrint(const AccessRecord &access, const QString &file) {
    m_connection->run(
        this,
        [access, file, user = signedInName()](OrderService &service) {
            AccessRecord record = access;
            if (!file.isEmpty()) // printed to a PDF file: read on this thread, not the GUI's
                record.digest = Sha256::ofFile(file).toHex();
            return service.recordAccess(record, user, file);
        },
        [this](const Result<void> &logged) {
            if (!logged)
                m_message->showMessage(logged.error().message, MessageWidget::Type::Error);
        });
}

void MainWindow::addDemoOrders() {
    if (m_demoJob || !m_mayEdit)
        return;
    m_message->hideMessage();
    m_demoOrders->setEnabled(false);
    // A thread and a connection of its own, so the desk stays usable (and shows the new orders
    // as they commit) meanwhile.
    m_demoJob = new ServiceThread(m_connection->url(), OpenMode::ExistingOnly,
                                  QStringLiteral("demo orders"), this);
    m_demoProgress->setRange(0, DemoOrderCount);
    m_demoProgress->setValue(0);
    m_demoProgress->show();
    m_demoCancel->show();
    connect(m_demoCancel, &QToolButton::clicked, m_demoJob, &ServiceThread::cancel);
    connect(m_demoJob, &ServiceThread::progress, m_demoProgress,
            [this](qint64 made) { m_demoProgress->setValue(int(made)); });
    m_demoJob->run(
        this,
        [user = signedInName(), seed = QRandomGenerator::global()->generate()](
            OrderService &service, const ServiceThread::Job &job) {
            return service.addDemoOrders(DemoOrderCount, seed, user, [&](int made) {
                return job.report(made, DemoOrderCount);
            });
        },
        [this](Result<int> added) {
            const int made = added ? added.value() : m_demoProgress->value();
            m_demoJob->deleteLater();
            m_demoJob = nullptr;
            m_demoProgress->hide();
            m_demoCancel->hide();
            m_demoOrders->setEnabled(m_mayEdit);
            if (added)
                statusBar()->showMessage(tr("Added %n demo order(s).", nullptr, made),
                                         StatusTimeoutMs);
            else
                m_message->showMessage(
                    tr("Adding demo orders stopped after %n order(s): %1", nullptr, made)
                        .arg(added.error().message),
                    MessageWidget::Type::Error);
            emit demoOrdersFinished(made);
        });
    statusBar()->showMessage(tr("Adding demo orders…"));
}

void MainWindow::showAbout() {
    auto *box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About OrderTrail"));
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->setTextFormat(Qt::RichText);
    box->setText(
        tr("<h3>OrderTrail %1</h3><p>Order management in which every change is an "
           "event, kept forever.</p><p>Database: %2<br>Signed in as: %3</p><p>%4</p>"
           "<p>Built with Qt %5.</p>")
            .arg(QApplication::applicationVersion(), m_connection->url().toString().toHtmlEscaped(),
                 signedInName().toHtmlEscaped(), tr(LicenceText), QString::fromLatin1(qVersion())));
    box->open();
}

void MainWindow::closeEvent(QCloseEvent *event) {
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveLayout() const {
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    if (m_splitter)
        settings.setValue(SplitterKey, m_splitter->saveState());
    if (m_tabs)
        settings.setValue(TabKey, m_tabs->currentIndex());
}

} // namespace ot
