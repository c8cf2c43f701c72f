#include "VerifyDialog.h"

#include "DeskConnection.h"
#include "EventText.h"
#include "audit/AccessLog.h"
#include "audit/Checkpoint.h"
#include "audit/Integrity.h"
#include "service/ServiceThread.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ot {

namespace {

enum ProblemColumn { Kind, Order, Version, Position, WrittenBy, What, ProblemColumns };

const QString PublicKeyKey = QStringLiteral("verify/publicKey");

} // namespace

VerifyDialog::VerifyDialog(const DatabaseUrl &url, QWidget *parent)
    : QDialog(parent)
    , m_url(url)
    , m_checkpoint(new QLineEdit(this))
    , m_publicKey(new QLineEdit(this))
    , m_linksOnly(new QCheckBox(tr("&Hash chains only (faster: the rules are not replayed)"), this))
    , m_progress(new QProgressBar(this))
    , m_summary(new QLabel(this))
    , m_problems(new QTableWidget(0, ProblemColumns, this))
    , m_start(new QPushButton(tr("Verify"), this))
    , m_cancel(new QPushButton(tr("Cancel Verify"), this)) {
    setWindowTitle(tr("Verify History"));
    setObjectName(QStringLiteral("verifyDialog"));
    auto *intro = new QLabel(
        tr("Replays every order from its events alone through the order rules, and recomputes "
           "every hash chain: it names each event the rules would have refused, each snapshot "
           "and order summary that differs from the replay, and each changed, missing or "
           "reordered event, with the login that wrote it. With a checkpoint you kept, it also "
           "proves that nothing up to it was changed, removed or cut off."),
        this);
    intro->setWordWrap(true);
    m_checkpoint->setObjectName(QStringLiteral("verifyCheckpoint"));
    m_checkpoint->setAccessibleName(tr("Checkpoint"));
    m_checkpoint->setPlaceholderText(tr("optional: ot1:… or a signed ot2:…"));
    m_checkpoint->setClearButtonEnabled(true);
    m_publicKey->setObjectName(QStringLiteral("verifyPublicKey"));
    m_publicKey->setAccessibleName(tr("Public key file"));
    m_publicKey->setPlaceholderText(tr("for a signed checkpoint: the signer's .pub file"));
    m_publicKey->setText(QSettings().value(PublicKeyKey).toString());
    m_linksOnly->setObjectName(QStringLiteral("verifyLinksOnly"));
    m_progress->setObjectName(QStringLiteral("verifyProgress"));
    m_progress->setAccessibleName(tr("Verify progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_summary->setObjectName(QStringLiteral("verifySummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);

    m_problems->setObjectName(QStringLiteral("verifyProblems"));
    m_problems->setAccessibleName(tr("Problems found"));
    m_problems->setHorizontalHeaderLabels({tr("Problem"), tr("Order"), tr("Version"),
                                           tr("Position"), tr("Written by"), tr("What is wrong")});
    m_problems->horizontalHeader()->setSectionResizeMode(What, QHeaderView::Stretch);
    m_problems->verticalHeader()->hide();
    m_problems->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problems->setWordWrap(true);
    connect(m_problems, &QTableWidget::cellActivated, this, [this](int row) {
        const QString order = m_problems->item(row, Order)->text();
        const qint64 version = m_problems->item(row, Version)->data(Qt::UserRole).toLongLong();
        const bool ofAnOrder =
            m_problems->item(row, Order)->data(Qt::UserRole).toString() == OrderAggregate::Type;
        if (ofAnOrder && !order.isEmpty() && version > 0)
            emit openTimeline(order, version);
    });

    auto *form = new QFormLayout;
    form->addRow(tr("C&heckpoint:"), m_checkpoint);
    auto *browse = new QPushButton(tr("Choose…"), this);
    browse->setObjectName(QStringLiteral("choosePublicKey"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("The Signer's Public Key"), m_publicKey->text(),
                                         tr("Public keys (*.pub *.pem);;All files (*)"));
        if (!path.isEmpty())
            setPublicKeyFile(path);
    });
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_publicKey, 1);
    keyRow->addWidget(browse);
    auto *keyLabel = new QLabel(tr("&Public key:"), this);
    keyLabel->setBuddy(m_publicKey); // a label made by addRow for a layout would have none
    form->addRow(keyLabel, keyRow);
    form->addRow(QString(), m_linksOnly);

    m_start->setObjectName(QStringLiteral("startVerify"));
    m_start->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelVerify"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    connect(m_start, &QPushButton::clicked, this, &VerifyDialog::startVerify);
    connect(m_cancel, &QPushButton::clicked, this, &VerifyDialog::cancelVerify);
    connect(buttons, &QDialogButtonBox::rejected, this, &VerifyDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_summary);
    layout->addWidget(m_problems, 1);
    layout->addWidget(buttons);
    setRunning(false);
    resize(fontMetrics().averageCharWidth() * 110, fontMetrics().height() * 28);
}

VerifyDialog::~VerifyDialog() {
    delete m_job; // cancels and waits
}

void VerifyDialog::setCheckpoint(const QString &text) {
    m_checkpoint->setText(text);
}

void VerifyDialog::setPublicKeyFile(const QString &path) {
    m_publicKey->setText(path);
}

bool VerifyDialog::isRunning() const {
    return m_job && m_job->isBusy();
}

QString VerifyDialog::summary() const {
    return m_summary->text();
}

void VerifyDialog::startVerify() {
    if (isRunning())
        return;
    std::optional<Checkpoint> checkpoint;
    std::optional<SignedAnchor> anchor;
    const QString text = m_checkpoint->text().trimmed();
    if (text.startsWith(QLatin1String("ot2:"))) {
        auto parsed = SignedCheckpoint::parse(text);
        auto key = PublicKey::load(m_publicKey->text().trimmed());
        if (!parsed || !key) {
            m_summary->setText(!parsed
                                   ? tr("That is not a checkpoint: %1").arg(parsed.error().message)
                                   : tr("A signed checkpoint is checked with its signer's "
                                        "public key: %1")
                                         .arg(key.error().message));
            (parsed ? m_publicKey : m_checkpoint)->setFocus();
            return;
        }
        QSettings().setValue(PublicKeyKey, m_publicKey->text().trimmed());
        anchor = SignedAnchor{parsed.value(), key.value()};
    } else if (!text.isEmpty()) {
        auto parsed = Checkpoint::parse(text);
        if (!parsed) {
            m_summary->setText(tr("That is not a checkpoint: %1").arg(parsed.error().message));
            m_checkpoint->setFocus();
            return;
        }
        checkpoint = parsed.value();
    }
    m_problems->setRowCount(0);
    delete m_job;
    m_job = new ServiceThread(m_url, OpenMode::ExistingOnly, QStringLiteral("verify"), this);
    connect(m_job, &ServiceThread::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
        m_summary->setText(tr("%1 of %2 events checked…")
                               .arg(QLocale().toString(done), QLocale().toString(total)));
    });
    m_progress->setRange(0, 0);
    m_summary->setText(tr("Verifying…"));
    setRunning(true);
    const auto depth =
        m_linksOnly->isChecked() ? OrderService::Verify::Links : OrderService::Verify::Deep;
    m_job->run(
        this,
        [depth, checkpoint, anchor, deskUser = savedDeskUser()](OrderService &service,
                                                                const ServiceThread::Job &job) {
            auto report = service.verify(
                depth, [&job](qint64 done, qint64 total) { return job.report(done, total); },
                checkpoint, anchor);
            if (auto logged =
                    service.recordAccess(AccessRecord::verify(depth == OrderService::Verify::Deep,
                                                              checkpoint, anchor, report),
                                         deskUser);
                !logged)
                return Result<IntegrityReport>(logged.error());
            return report;
        },
        [this](Result<IntegrityReport> report) {
            setRunning(false);
            m_progress->setRange(0, 1);
            if (!report) {
                m_progress->setValue(0);
                m_summary->setText(tr("Cannot verify: %1").arg(report.error().message));
                emit verifyFinished(false);
                return;
            }
            showReport(report.value());
        });
}

void VerifyDialog::showReport(const IntegrityReport &report) {
    const QLocale locale;
    m_progress->setValue(report.cancelled ? 0 : 1);
    if (report.cancelled)
        m_summary->setText(tr("Cancelled after %1 events: nothing is proven.")
                               .arg(locale.toString(report.eventsChecked)));
    else if (report.intact() && report.deep)
        m_summary->setText(tr("All intact: %1 events in %2 orders replayed through the rules; "
                              "every hash chain, snapshot and order summary holds.")
                               .arg(locale.toString(report.eventsChecked),
                                    locale.toString(report.streamsChecked)));
    else if (report.intact())
        m_summary->setText(tr("Every hash chain holds: %1 events in %2 orders (the rules were "
                              "not replayed).")
                               .arg(locale.toString(report.eventsChecked),
                                    locale.toString(report.streamsChecked)));
    else
        m_summary->setText(
            tr("%n problem(s) found in %1 events:", nullptr, int(report.problems.size()))
                .arg(locale.toString(report.eventsChecked)));
    m_problems->setRowCount(int(report.problems.size()));
    for (int row = 0; row < report.problems.size(); ++row) {
        const IntegrityProblem &p = report.problems.at(row);
        auto *version =
            new QTableWidgetItem(p.version > 0 ? locale.toString(p.version) : QString());
        version->setData(Qt::UserRole, p.version);
        auto *position =
            new QTableWidgetItem(p.position > 0 ? locale.toString(p.position) : QString());
        m_problems->setItem(row, Kind, new QTableWidgetItem(EventText::problemKind(p.kind)));
        auto *record = new QTableWidgetItem(p.aggregateId);
        record->setData(Qt::UserRole, p.aggregateType);
        m_problems->setItem(row, Order, record);
        m_problems->setItem(row, Version, version);
        m_problems->setItem(row, Position, position);
        m_problems->setItem(row, WrittenBy, new QTableWidgetItem(p.userId));
        auto *what = new QTableWidgetItem(p.detail);
        what->setToolTip(p.detail);
        m_problems->setItem(row, What, what);
    }
    m_problems->resizeColumnsToContents();
    m_problems->horizontalHeader()->setSectionResizeMode(What, QHeaderView::Stretch);
    m_problems->resizeRowsToContents(); // a deep problem's detail is a sentence or two
    emit verifyFinished(report.intact());
}

void VerifyDialog::cancelVerify() {
    if (m_job)
        m_job->cancel();
}

void VerifyDialog::reject() {
    cancelVerify();
    QDialog::reject();
}

void VerifyDialog::setRunning(bool running) {
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_checkpoint->setEnabled(!running);
    m_linksOnly->setEnabled(!running);
}

CheckpointDialog::CheckpointDialog(const DatabaseUrl &url, QWidget *parent)
    : QDialog(parent)
    , m_text(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_job(new ServiceThread(url, OpenMode::ExistingOnly, QStringLiteral("checkpoint"), this)) {
    setWindowTitle(tr("Take Checkpoint"));
    setObjectName(QStringLiteral("checkpointDialog"));
    auto *intro = new QLabel(
        tr("Keep this checkpoint somewhere the database cannot reach (on paper, in another "
           "system). Verifying against it later proves that nothing committed up to now was "
           "changed, removed or cut off."),
        this);
    intro->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("checkpointText"));
    m_text->setAccessibleName(tr("Checkpoint"));
    m_text->setReadOnly(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_text->setFont(mono);
    m_status->setWordWrap(true);
    m_status->setText(tr("Taking a checkpoint…"));
    m_copy->setEnabled(false);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_text->text());
        m_status->setText(tr("Copied to the clipboard."));
    });
    auto *row = new QHBoxLayout;
    row->addWidget(m_text, 1);
    row->addWidget(m_copy);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 110, sizeHint().height());

    m_job->run(
        this,
        [deskUser = savedDeskUser()](OrderService &service, const ServiceThread::Job &) {
            auto taken = service.checkpoint();
            if (auto logged = service.recordAccess(AccessRecord::checkpoint(taken), deskUser);
                !logged)
                return Result<Checkpoint>(logged.error());
            return taken;
        },
        [this](Result<Checkpoint> checkpoint) {
            if (!checkpoint) {
                m_status->setText(
                    tr("Cannot take a checkpoint: %1").arg(checkpoint.error().message));
                return;
            }
            m_text->setText(checkpoint->toString());
            m_text->selectAll();
            m_text->setFocus();
            m_copy->setEnabled(true);
            m_status->setText(tr("%1 events in %2 orders.")
                                  .arg(QLocale().toString(checkpoint->events),
                                       QLocale().toString(checkpoint->streams)));
            emit checkpointTaken(checkpoint->toString());
        });
}

CheckpointDialog::~CheckpointDialog() = default;

QString CheckpointDialog::checkpoint() const {
    return m_text->text();
}

} // namespace ot
