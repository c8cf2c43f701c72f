#pragma once

#include "es/DomainEvent.h"
#include "es/EventQuery.h"
#include "es/Result.h"
#include "storage/DatabaseUrl.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace ot {

class ServiceThread;

// Exports exactly the events a filter selects (the audit view's filters, or one order's
// history) as CSV, or as a PDF evidence report (Documents.h), on a ServiceThread of its own and
// written whole (QSaveFile): a progress bar and Cancel, and a cancelled or failed export leaves no
// file (and an older file of that name as it was). CSV options: formula neutralising (on by
// default) and a UTF-8 byte order mark. The format and options are remembered.
class ExportDialog final : public QDialog {
    Q_OBJECT
public:
    // `what` says in words what is exported, e.g. "the history of order ORD-000001".
    ExportDialog(const DatabaseUrl &url, const EventFilter &filter, const QString &what,
                 QWidget *parent = nullptr);
    ~ExportDialog() override;

    enum class Format { Csv, Report };
    void setFormat(Format format);
    Format format() const;
    void setPath(const QString &path);
    QString path() const;
    // Starts the export to path(); finished() follows.
    void startExport();
    void cancelExport();
    bool isRunning() const;

signals:
    // `written` events, or `error` (empty on success; "cancelled" when cancelled). A report
    // that found the history not intact is written, and says so: that is no error.
    void exportFinished(qint64 written, const QString &error);

protected:
    void reject() override;

private:
    void browse();
    void setRunning(bool running);
    void showFormat();
    // Runs the export or report `work` returns the result of; `done` words a success.
    template <typename Work, typename Done> void start(const QString &file, Work work, Done done);

    DatabaseUrl m_url;
    EventFilter m_filter;
    QString m_what;
    QLabel *m_intro;
    QComboBox *m_format;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QCheckBox *m_neutralise;
    QCheckBox *m_bom;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QPushButton *m_close;
    ServiceThread *m_job = nullptr;
    bool m_cancelled = false; // the user cancelled the export running
};

} // namespace ot
