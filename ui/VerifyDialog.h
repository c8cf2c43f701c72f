#pragma once

#include "storage/DatabaseUrl.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace ot {

class ServiceThread;
struct IntegrityReport;

// "Verify history": the deep check (or the hash chains only) in the background, the same
// OrderService::verify as `ordertrail-cli verify`, with progress and Cancel, optionally
// against a checkpoint the user kept (a signed one with the signer's public key file, which is
// remembered), and lists the result: all intact, or each problem with
// its order, version, the login that wrote it and what is wrong. Double-clicking a problem
// opens that order's timeline.
class VerifyDialog final : public QDialog {
    Q_OBJECT
public:
    explicit VerifyDialog(const DatabaseUrl &url, QWidget *parent = nullptr);
    ~VerifyDialog() override;

    void setCheckpoint(const QString &text);
    void setPublicKeyFile(const QString &path);
    void startVerify();
    void cancelVerify();
    bool isRunning() const;
    QTableWidget *problems() const { return m_problems; }
    QString summary() const;

signals:
    void verifyFinished(bool intact);
    void openTimeline(const QString &orderId, qint64 version);

protected:
    void reject() override;

private:
    void showReport(const IntegrityReport &report);
    void setRunning(bool running);

    DatabaseUrl m_url;
    QLineEdit *m_checkpoint;
    QLineEdit *m_publicKey;
    QCheckBox *m_linksOnly;
    QProgressBar *m_progress;
    QLabel *m_summary;
    QTableWidget *m_problems;
    QPushButton *m_start;
    QPushButton *m_cancel;
    ServiceThread *m_job = nullptr;
};

// "Take checkpoint": computes a checkpoint in the background and shows it to copy and keep
// elsewhere (the same text `ordertrail-cli checkpoint` prints).
class CheckpointDialog final : public QDialog {
    Q_OBJECT
public:
    explicit CheckpointDialog(const DatabaseUrl &url, QWidget *parent = nullptr);
    ~CheckpointDialog() override;
    QString checkpoint() const;

signals:
    void checkpointTaken(const QString &text);

private:
    QLineEdit *m_text;
    QLabel *m_status;
    QPushButton *m_copy;
    ServiceThread *m_job;
};

} // namespace ot
