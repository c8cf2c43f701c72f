#pragma once

#include "es/DomainEvent.h"
#include "es/EventQuery.h"
#include "es/Result.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace ot {

class ActivityChart;
class AuditModel;
class DeskConnection;

// The auditor's workplace: every event of every order, newest first, with filters that become
// indexed queries (time range, user, event type, order, correlation, free text in the data),
// the number of matches and a chart of them over time (counted on a job of its own, so neither
// the window nor the desk waits; a bar chosen on the chart sets the time range), new events live
// at the top, and the actions: open an event in its order's timeline,
// verify the history, take a checkpoint, export what the filters select to CSV. Filters can be
// saved under a name and reopened (kept per user in the settings).
class AuditView final : public QWidget {
    Q_OBJECT
public:
    explicit AuditView(DeskConnection &connection, QWidget *parent = nullptr);
    ~AuditView() override;

    // The filter the fields make.
    EventFilter filter() const;
    // Sets the fields (and applies them at once).
    void setFilter(const EventFilter &filter);
    // Reads the events committed since.
    void refresh();
    // Reads the events shown again (a customer's data was erased).
    void rereadPersonalData();

    AuditModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    // The last count of matches, -1 while counting.
    qint64 matchCount() const { return m_count; }
    ActivityChart *chart() const { return m_chart; }
    // What the chart's bars are stacked by.
    void setChartKey(ActivityKey key);
    QList<QAction *> auditActions() const;
    // The names of the saved views, in the order the list shows them.
    QStringList savedViews() const;

    void showVerifyDialog();
    void showCheckpointDialog();
    // Exports what the filters select; the dialog opens for a file name.
    void showExportDialog();

signals:
    void openTimeline(const QString &orderId, qint64 version);
    // An event of a customer or a product was opened: show that record (its type, its id).
    void openRecord(const QString &aggregateType, const QString &id);
    void countChanged(qint64 count);
    void statusMessage(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QAction *makeAction(const QString &text, const QKeySequence &shortcut, const char *name);
    QWidget *buildFilters();
    void applyFilter();
    void countMatches();
    void openCurrent(const QModelIndex &index);
    void saveView();
    void deleteView();
    // Fills the list of saved views again, with `current` chosen (none: the placeholder).
    void listViews(const QString &current = {});

    DeskConnection &m_connection;
    AuditModel *m_model;
    QTableView *m_table;
    QLabel *m_countLabel;
    ActivityChart *m_chart;
    QComboBox *m_chartKey;
    QCheckBox *m_chartShown;
    QCheckBox *m_fromOn;
    QDateTimeEdit *m_from;
    QCheckBox *m_toOn;
    QDateTimeEdit *m_to;
    QLineEdit *m_user;
    QComboBox *m_type;
    QLineEdit *m_order;
    QLineEdit *m_customer; // the customer's own events and its orders' events
    QLineEdit *m_correlation;
    QLineEdit *m_text;
    QComboBox *m_views;
    QAction *m_saveView;
    QAction *m_deleteView;
    QTimer *m_debounce;
    QAction *m_verify;
    QAction *m_checkpoint;
    QAction *m_export;
    QAction *m_open;
    bool m_started = false; // the first query waits until the view is first shown
    qint64 m_count = -1;
    quint64 m_countGeneration = 0;
};

} // namespace ot
