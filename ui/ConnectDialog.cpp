#include "ConnectDialog.h"

#include "MessageWidget.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QVBoxLayout>

namespace ot {

namespace {
const QString RecentKey = QStringLiteral("recentDatabases");
constexpr int MaxRecent = 8;
} // namespace

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
    , m_location(new QLineEdit(this))
    , m_recent(new QListWidget(this))
    , m_message(new MessageWidget(this)) {
    setWindowTitle(tr("Open Database"));
    m_location->setObjectName(QStringLiteral("location"));
    m_location->setPlaceholderText(tr("/path/to/orders.sqlite or postgresql://user@host/database"));
    m_location->setMinimumWidth(m_location->fontMetrics().averageCharWidth() * 60);
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ConnectDialog::browse);

    m_recent->addItems(recentDatabases());
    connect(m_recent, &QListWidget::currentTextChanged, m_location, &QLineEdit::setText);
    connect(m_recent, &QListWidget::itemActivated, this, &ConnectDialog::accept);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);

    auto *hint = new QLabel(tr("An SQLite file (created when it does not exist), or a PostgreSQL "
                               "URL; a PostgreSQL password is best kept in ~/.pgpass."),
                            this);
    hint->setWordWrap(true);
    auto *locationRow = new QHBoxLayout;
    locationRow->addWidget(m_location, 1);
    locationRow->addWidget(browse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    auto *locationLabel = new QLabel(tr("&Database:"), this);
    locationLabel->setBuddy(m_location);
    layout->addWidget(locationLabel);
    layout->addLayout(locationRow);
    layout->addWidget(hint);
    auto *recentLabel = new QLabel(tr("&Recent databases:"), this);
    recentLabel->setBuddy(m_recent);
    layout->addWidget(recentLabel);
    layout->addWidget(m_recent, 1);
    layout->addWidget(buttons);
}

QStringList ConnectDialog::recentDatabases() {
    return QSettings().value(RecentKey).toStringList();
}

void ConnectDialog::rememberDatabase(const DatabaseUrl &url) {
    QStringList recent = recentDatabases();
    const QString entry = url.toString();
    recent.removeAll(entry);
    recent.prepend(entry);
    QSettings().setValue(RecentKey, recent.mid(0, MaxRecent));
}

void ConnectDialog::accept() {
    QString text = m_location->text().trimmed();
    // Without a scheme it is an SQLite file's path.
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:"));
    if (!text.isEmpty() && !scheme.match(text).hasMatch())
        text = QStringLiteral("sqlite:") % text;
    auto url = DatabaseUrl::parse(text);
    if (!url) {
        m_message->showMessage(url.error().message, MessageWidget::Type::Error);
        m_location->setFocus();
        return;
    }
    m_url = url.value();
    QDialog::accept();
}

// A non-native dialog opened without a nested event loop.
void ConnectDialog::browse() {
    auto *dialog = new QFileDialog(this, tr("SQLite Database"), QString(),
                                   tr("SQLite databases (*.sqlite *.db);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setOption(QFileDialog::DontConfirmOverwrite);
    connect(dialog, &QFileDialog::fileSelected, m_location, &QLineEdit::setText);
    dialog->open();
}

} // namespace ot
