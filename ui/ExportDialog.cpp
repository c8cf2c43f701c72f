#include "ExportDialog.h"

#include "DeskConnection.h"
#include "Documents.h"
#include "audit/CsvExport.h"
#include "service/ServiceThread.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <climits>

namespace ot {

namespace {
const QString NeutraliseKey = QStringLiteral("export/neutraliseFormulas");
const QString BomKey = QStringLiteral("export/byteOrderMark");
const QString FolderKey = QStringLiteral("export/folder");
const QString FormatKey = QStringLiteral("export/format");
const QString ReportFormat = QStringLiteral("pdf-report");
} // namespace

ExportDialog::ExportDialog(const DatabaseUrl &url, const EventFilter &filter, const QString &what,
                           QWidget *parent)
    : QDialog(parent)
    , m_url(url)
    , m_filter(filter)
    , m_what(what)
    , m_intro(new QLabel(this))
    , m_format(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_neutralise(new QCheckBox(tr("Neutralise cells a spreadsheet would run as a formula"), this))
    , m_bom(new QCheckBox(tr("Start with a UTF-8 byte order mark (for Excel)"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_start(new QPushButton(tr("Export"), this))
    , m_cancel(new QPushButton(tr("Cancel Export"), this))
    , m_close(new QPushButton(tr("Close"), this)) {
    setWindowTitle(tr("Export"));
    setObjectName(QStringLiteral("exportDialog"));
    m_intro->setWordWrap(true);

    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("CSV: one row per event"));
    m_format->addItem(tr("PDF evidence report: the events in words, a deep verify, a digest"));
    m_format->setCurrentIndex(QSettings().value(FormatKey).toString() == ReportFormat ? 1 : 0);
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_path->setAccessibleName(tr("File"));
    const QString folder = QSettings().value(FolderKey, QDir::homePath()).toString();
    m_path->setText(QDir(folder).filePath(QStringLiteral("ordertrail-events.csv")));
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);
    m_neutralise->setObjectName(QStringLiteral("neutraliseFormulas"));
    m_neutralise->setToolTip(tr("A cell starting with =, +, -, @, tab or carriage return gets a "
                                "leading apostrophe, so opening the file never runs what an "
                                "event holds."));
    m_neutralise->setChecked(QSettings().value(NeutraliseKey, true).toBool());
    m_bom->setObjectName(QStringLiteral("byteOrderMark"));
    m_bom->setChecked(QSettings().value(BomKey, false).toBool());
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setAccessibleName(tr("Export progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    auto *formatLabel = new QLabel(tr("F&ormat:"), this);
    formatLabel->setBuddy(m_format);
    form->addRow(formatLabel, m_format);
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_path);
    form->addRow(fileLabel, pathRow);
    form->addRow(QString(), m_neutralise);
    form->addRow(QString(), m_bom);

    m_start->setObjectName(QStringLiteral("startExport"));
    m_start->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelExport"));
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_start, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    connect(m_start, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ExportDialog::cancelExport);
    connect(m_close, &QPushButton::clicked, this, &ExportDialog::reject);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::showFormat);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    showFormat();
    setRunning(false);
    resize(fontMetrics().averageCharWidth() * 80, sizeHint().height());
}

ExportDialog::~ExportDialog() {
    delete m_job; // cancels a running export and waits: QSaveFile then writes nothing
}

void ExportDialog::setFormat(Format format) {
    m_format->setCurrentIndex(format == Format::Report ? 1 : 0);
}

ExportDialog::Format ExportDialog::format() const {
    return m_format->currentIndex() == 1 ? Format::Report : Format::Csv;
}

void ExportDialog::showFormat() {
    const bool report = format() == Format::Report;
    m_intro->setText(report ? tr("Writes a PDF evidence report of %1: each event in words with "
                                 "who and when, a deep verify of the whole history against the "
                                 "newest checkpoint of the ledger, and the SHA-256 of the "
                                 "evidence.")
                                  .arg(m_what)
                            : tr("Exports %1, oldest first, one row per event.").arg(m_what));
    m_neutralise->setVisible(!report);
    m_bom->setVisible(!report);
    // The file keeps its name and takes the format's suffix.
    const QFileInfo file(path());
    if (!path().isEmpty())
        setPath(file.dir().filePath(file.completeBaseName() +
                                    (report ? QStringLiteral(".pdf") : QStringLiteral(".csv"))));
}

void ExportDialog::setPath(const QString &path) {
    m_path->setText(path);
}

QString ExportDialog::path() const {
    return m_path->text().trimmed();
}

bool ExportDialog::isRunning() const {
    return m_job && m_job->isBusy();
}

void ExportDialog::browse() {
    const bool report = format() == Format::Report;
    auto *dialog = new QFileDialog(this, windowTitle(), path(),
                                   report ? tr("PDF files (*.pdf)") : tr("CSV files (*.csv)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(report ? QStringLiteral("pdf") : QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, this, &ExportDialog::setPath);
    dialog->open();
}

void ExportDialog::startExport() {
    if (isRunning())
        return;
    const QString file = path();
    if (file.isEmpty()) {
        m_status->setText(tr("Choose a file to export to."));
        return;
    }
    QSettings settings;
    settings.setValue(FormatKey, format() == Format::Report ? ReportFormat : QStringLiteral("csv"));
    settings.setValue(FolderKey, QFileInfo(file).absolutePath());
    const QString shown = QDir::toNativeSeparators(file);
    if (format() == Format::Report) {
        const QString deskUser = savedDeskUser();
        start(
            file,
            [filter = m_filter, file, deskUser](OrderService &service,
                                                const ServiceThread::Job &job) {
                const ReportRequest request{
                    filter,
                    {},
                    {},
                    service.sessionUser().isEmpty() ? deskUser : service.sessionUser()};
                auto written =
                    writeEvidenceReport(service, request, file, [&job](qint64 done, qint64 total) {
                        return job.report(done, total);
                    });
                if (auto logged = service.recordAccess(reportAccess(request, written), deskUser,
                                                       written ? file : QString());
                    !logged)
                    return Result<ReportWritten>(logged.error());
                return written;
            },
            [shown](const ReportWritten &written) {
                return std::pair{
                    written.events,
                    QString((written.intact
                                 ? tr("Wrote the evidence report of %n event(s) to %1: the "
                                      "history is intact.",
                                      nullptr, int(written.events))
                                 : tr("Wrote the evidence report of %n event(s) to %1: the "
                                      "history is NOT intact (the report lists what is "
                                      "wrong).",
                                      nullptr, int(written.events)))
                                .arg(shown) %
                            u' ' %
                            tr("SHA-256 of the file: %1")
                                .arg(QString::fromLatin1(written.fileDigest)))};
            });
        return;
    }
    settings.setValue(NeutraliseKey, m_neutralise->isChecked());
    settings.setValue(BomKey, m_bom->isChecked());
    CsvOptions options;
    options.neutraliseFormulas = m_neutralise->isChecked();
    options.byteOrderMark = m_bom->isChecked();
    start(
        file,
        [filter = m_filter, file, options,
         deskUser = savedDeskUser()](OrderService &service, const ServiceThread::Job &job) {
            auto written =
                service.exportCsv(filter, file, options, [&job](qint64 done, qint64 total) {
                    return job.report(done, total);
                });
            if (auto logged = service.recordAccess(AccessRecord::csvExport(filter, written, file),
                                                   deskUser, written ? file : QString());
                !logged)
                return Result<qint64>(logged.error());
            return written;
        },
        [shown](qint64 written) {
            return std::pair{written, tr("Exported %n event(s) to %1.", nullptr,
                                         int(qMin<qint64>(written, INT_MAX)))
                                          .arg(shown)};
        });
}

template <typename Work, typename Done>
void ExportDialog::start(const QString &file, Work work, Done done) {
    delete m_job;
    m_job = new ServiceThread(m_url, OpenMode::ExistingOnly, QStringLiteral("export"), this);
    connect(m_job, &ServiceThread::progress, this, [this](qint64 done, qint64 total) {
        // A progress bar counts in int; per mille is fine enough.
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
        m_status->setText(
            tr("%1 of %2 events…").arg(QLocale().toString(done), QLocale().toString(total)));
    });
    m_progress->setRange(0, 0); // busy until the first page
    m_status->setText(tr("Exporting to %1…").arg(QDir::toNativeSeparators(file)));
    setRunning(true);
    m_cancelled = false;
    m_job->run(this, std::move(work), [this, done = std::move(done)](auto result) {
        setRunning(false);
        m_progress->setRange(0, 1);
        if (result) {
            const auto [count, words] = done(result.value());
            m_progress->setValue(1);
            m_status->setText(words);
            emit exportFinished(count, {});
        } else if (m_cancelled) {
            m_progress->setValue(0);
            m_status->setText(tr("Export cancelled: no file was written."));
            emit exportFinished(0, QStringLiteral("cancelled"));
        } else {
            m_progress->setValue(0);
            m_status->setText(
                tr("Export failed, no file was written: %1").arg(result.error().message));
            emit exportFinished(0, result.error().message);
        }
    });
}

void ExportDialog::cancelExport() {
    if (m_job) {
        m_cancelled = true;
        m_job->cancel();
    }
}

void ExportDialog::reject() {
    // Closing while exporting cancels the export (the destructor waits for it).
    cancelExport();
    QDialog::reject();
}

void ExportDialog::setRunning(bool running) {
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_format->setEnabled(!running);
    m_path->setEnabled(!running);
    m_browse->setEnabled(!running);
    m_neutralise->setEnabled(!running);
    m_bom->setEnabled(!running);
}

} // namespace ot
